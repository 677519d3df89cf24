//! The wire between the Tepat web app (and integrations) and the server: route paths written
//! once, the messages, and the versioned postcard envelope. Messages are a stability boundary:
//! fields and enum variants are only appended, and `tests/golden.rs` decodes checked-in bytes of
//! every message so an old tablet keeps working after the server is upgraded.

pub mod audit;
pub mod cases;
pub mod envelope;
pub mod error;
pub mod import;
pub mod labels;
pub mod messages;
pub mod musdes;
pub mod national;
pub mod routes;
pub mod spread;
pub mod sync;
pub mod views;

pub use audit::{AuditAction, AuditLine, AuditPage};
pub use envelope::{CONTENT_TYPE_POSTCARD, Envelope, PROTOCOL_VERSION, WireError, decode, encode};
pub use error::{ApiError, ErrorCode};
pub use import::*;
pub use messages::*;
pub use national::*;
