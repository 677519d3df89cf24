//! The app's pages, one module each.

pub mod login;
pub mod map_page;
pub mod queue_page;
pub mod register;
pub mod unlock;
