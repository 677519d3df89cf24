//! The app's pages, one module each.

pub mod audit_page;
pub mod cases_page;
pub mod import_page;
pub mod login;
pub mod map_page;
pub mod musdes;
pub mod musdes_meeting;
pub mod musdes_print;
pub mod national;
pub mod queue_page;
pub mod register;
pub mod rekap_page;
pub mod spread_map;
pub mod targeting_page;
pub mod unlock;
