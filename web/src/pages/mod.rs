//! The app's pages, one module each.

pub mod audit_page;
pub mod login;
pub mod map_page;
pub mod register;
pub mod unlock;
