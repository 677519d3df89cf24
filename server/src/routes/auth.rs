//! Login, logout and "who am I". Failed logins are rate-limited and audited; the session token
//! goes out only as an HttpOnly cookie.

use crate::auth::{CurrentUser, clear_cookie, new_token, session_cookie, verify_password};
use crate::client_address::ClientAddress;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, SessionRecord, UserRecord};
use crate::views::session_info;
use crate::wire::{Body, Format, no_content};
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use tepat_protocol::LoginRequest;

async fn audit(state: &AppState, entry: AuditEntry) -> Result<(), AppError> {
    state.blocking(move |s| s.append_audit(&entry)).await
}

/// POST login.
pub async fn login(
    State(state): State<AppState>,
    ClientAddress(address): ClientAddress,
    format: Format,
    Body(request): Body<LoginRequest>,
) -> Result<Response, AppError> {
    let username = request.username.trim().to_lowercase();
    if username.is_empty() || request.password.is_empty() {
        return Err(AppError::BadRequest(
            "Isi nama pengguna dan kata sandi.".into(),
        ));
    }
    let now = state.clock.now();
    state
        .limiter
        .check(&username, &address, now)
        .map_err(|minutes| AppError::RateLimited { minutes })?;

    let lookup = username.clone();
    let user: Option<UserRecord> = state.blocking(move |s| s.user(&lookup)).await?;
    let password = request.password;
    let hash = user
        .as_ref()
        .map(|u| u.password_hash.clone())
        .unwrap_or_else(|| crate::auth::password_decoy().to_owned());
    let verified = tokio::task::spawn_blocking(move || verify_password(&hash, &password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let user = match user {
        Some(user) if verified && !user.disabled => user,
        _ => {
            state.limiter.record_failure(&username, &address, now);
            let entry = AuditEntry::new(now, &username, AuditAction::LoginFailed, "");
            audit(&state, entry.device(Some(format!("IP {address}")))).await?;
            return Err(AppError::BadCredentials);
        }
    };
    state.limiter.record_success(&username);

    let (token, token_hash) = new_token().map_err(|e| AppError::Internal(e.to_string()))?;
    let max_age = state.config.session_hours * 3600;
    let session = SessionRecord {
        username: user.username.clone(),
        created_at: now,
        expires_at: now + jiff::SignedDuration::from_hours(state.config.session_hours),
    };
    state
        .blocking(move |s| s.put_session(&token_hash, &session))
        .await?;
    let entry = AuditEntry::by(now, &user, AuditAction::Login, "");
    audit(&state, entry.device(Some(format!("IP {address}")))).await?;

    let info = session_info(&state, user).await?;
    let cookie = session_cookie(&token, max_age, state.config.cookie_secure);
    let mut response = format.reply(info).into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(response)
}

/// POST logout.
pub async fn logout(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    let token = current.token;
    state.blocking(move |s| s.delete_session(&token)).await?;
    let entry = AuditEntry::by(state.clock.now(), &current.user, AuditAction::Logout, "");
    audit(&state, entry).await?;
    let mut response = no_content();
    let cookie = clear_cookie(state.config.cookie_secure);
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&cookie).map_err(|e| AppError::Internal(e.to_string()))?,
    );
    Ok(response)
}

/// GET me.
pub async fn me(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
) -> Result<Response, AppError> {
    Ok(format
        .reply(session_info(&state, current.user).await?)
        .into_response())
}
