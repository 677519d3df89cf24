//! The logged-in user of a request, read from the session cookie, and the checks routes make
//! with it: role ([`CurrentUser::require`]) and region scope ([`CurrentUser::require_scope`]).

use super::token_from_headers;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{TokenHash, UserRecord};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use tepat_domain::RegionCode;

/// The user behind a request with a valid session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    /// The account.
    pub user: UserRecord,
    /// The session's token hash (to end it on logout).
    pub token: TokenHash,
}

impl CurrentUser {
    /// Refuses unless `allowed`; `what` completes "Peran Anda tidak berhak …".
    pub fn require(&self, allowed: bool, what: &'static str) -> Result<(), AppError> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden(what))
        }
    }

    /// The region a list asks for (`?region=CODE`; the user's own when absent or empty),
    /// refused when malformed or outside the user's scope.
    pub async fn asked_region(
        &self,
        state: &AppState,
        asked: Option<&str>,
    ) -> Result<RegionCode, AppError> {
        let region = match asked {
            None | Some("") => self.user.region.clone(),
            Some(text) => {
                RegionCode::parse(text).map_err(|e| AppError::BadRequest(e.to_string()))?
            }
        };
        self.require_scope(state, &region).await?;
        Ok(region)
    }

    /// Refuses a region outside the user's own. Names both regions in the message.
    pub async fn require_scope(
        &self,
        state: &AppState,
        region: &RegionCode,
    ) -> Result<(), AppError> {
        if self.user.region.contains(region) {
            return Ok(());
        }
        let (asked, own) = (region.clone(), self.user.region.clone());
        let names = state
            .blocking(move |s| Ok((s.region(&asked)?, s.region(&own)?)))
            .await?;
        let name = |r: Option<tepat_protocol::RegionRef>, code: &RegionCode| {
            r.map(|r| r.display_name())
                .unwrap_or_else(|| code.to_string())
        };
        Err(AppError::OutOfScope {
            region: name(names.0, region),
            scope: name(names.1, &self.user.region),
        })
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let token = token_from_headers(&parts.headers).ok_or(AppError::Unauthenticated)?;
        let now = state.clock.now();
        let found = state
            .blocking(move |s| {
                let Some(session) = s.session(&token)? else {
                    return Ok(None);
                };
                if session.expires_at <= now {
                    s.delete_session(&token)?;
                    return Ok(None);
                }
                s.user(&session.username)
            })
            .await?;
        match found {
            Some(user) if !user.disabled => Ok(CurrentUser { user, token }),
            _ => Err(AppError::Unauthenticated),
        }
    }
}
