//! Session tokens: 32 random bytes sent to the browser in an HttpOnly, SameSite=Strict cookie;
//! only their SHA-256 is stored, so a copy of the database opens no session.

use crate::store::TokenHash;
use axum::http::{HeaderMap, header};
use sha2::{Digest, Sha256};
use tepat_protocol::routes::SESSION_COOKIE;

/// A new token (hex text for the cookie) and its hash (for the store).
pub fn new_token() -> Result<(String, TokenHash), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let text: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let hash = hash_token(&text);
    Ok((text, hash))
}

fn hash_token(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).into()
}

/// The hash of the session token in the request's cookies, if any.
pub fn token_from_headers(headers: &HeaderMap) -> Option<TokenHash> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && value.len() == 64)
        .map(|(_, value)| hash_token(value))
}

/// The `Set-Cookie` value that starts a session.
pub fn session_cookie(token: &str, max_age_seconds: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age_seconds}{secure}"
    )
}

/// The `Set-Cookie` value that ends a session.
pub fn clear_cookie(secure: bool) -> String {
    session_cookie("", 0, secure)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_carries_the_token_and_the_store_its_hash() {
        let (token, hash) = new_token().unwrap();
        let mut headers = HeaderMap::new();
        let cookie = format!("other=1; {SESSION_COOKIE}={token}");
        headers.insert(header::COOKIE, cookie.parse().unwrap());
        assert_eq!(token_from_headers(&headers), Some(hash));
        let set = session_cookie(&token, 60, false);
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Strict"));
        assert!(!set.contains("Secure"));
        assert!(session_cookie(&token, 60, true).ends_with("; Secure"));
    }
}
