//! The one error shape every API route returns: a stable code the app can translate and an
//! Indonesian message that tells the user what to do. Causes stay in the server log.

use serde::{Deserialize, Serialize};

/// What went wrong, stable across versions. Variants only appended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum ErrorCode {
    /// Not logged in or the session expired (401).
    Unauthenticated,
    /// Wrong username or password (401).
    BadCredentials,
    /// Too many login attempts (429).
    RateLimited,
    /// The role may not do this (403).
    Forbidden,
    /// The region is outside the user's scope (403).
    OutOfScope,
    /// No such record (404).
    NotFound,
    /// The request is malformed or a value is invalid (400).
    BadRequest,
    /// The message's protocol version is not supported (400).
    UnsupportedVersion,
    /// The request body is too large (413).
    TooLarge,
    /// Something failed on the server (500).
    Internal,
    /// A workflow step was refused: wrong state, role, window or missing evidence (409).
    StepRefused,
    /// The server's disk is full or read-only: nothing was written; reading still works (507).
    StorageFull,
}

/// An error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ApiError {
    /// What went wrong.
    pub code: ErrorCode,
    /// A message for the user, in Indonesian.
    pub message: String,
}

impl ErrorCode {
    /// The English message the web app shows for this code when the UI is in English.
    pub fn message_en(self) -> &'static str {
        match self {
            ErrorCode::Unauthenticated => "Please log in again.",
            ErrorCode::BadCredentials => "Wrong username or password.",
            ErrorCode::RateLimited => "Too many attempts. Wait a few minutes and try again.",
            ErrorCode::Forbidden => "Your role may not do this.",
            ErrorCode::OutOfScope => "This region is outside your area.",
            ErrorCode::NotFound => "Not found.",
            ErrorCode::BadRequest => "The request is invalid.",
            ErrorCode::UnsupportedVersion => "This app is out of date: reload to update.",
            ErrorCode::TooLarge => "The data sent is too large.",
            ErrorCode::Internal => "Something went wrong on the server. Try again later.",
            ErrorCode::StepRefused => "This step is not possible now: see the reason given.",
            ErrorCode::StorageFull => {
                "The server's storage is full: nothing was saved. Try again later; tell the admin."
            }
        }
    }
}
