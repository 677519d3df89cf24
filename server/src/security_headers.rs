//! Security headers on every answer of the app (the SPA, its files and the API): a Content
//! Security Policy that lets the app and Leaflet work and nothing else, no sniffing, no framing,
//! no referrer, and only the browser powers the app uses (location, camera). The residents'
//! pages (`public/`) set their own, stricter policy first; a header already set is kept.
//!
//! The policy: scripts only from this server, plus `'wasm-unsafe-eval'` for the app's
//! WebAssembly (no inline script, no `eval`); stylesheets only from this server, while style
//! *attributes* are allowed (the map's coloured rings and dots, the table's bars: they cannot run
//! code); images from this server, `data:`/`blob:` (photos taken on the tablet) and the basemap's
//! tile host; connections to this server and the tile host (the tablet stores a desa's tiles
//! ahead of time); no plugins, no `<base>` elsewhere, forms post here only.

use crate::config::ServerConfig;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::sync::Arc;

/// The headers every answer carries, built once from the configuration.
#[derive(Debug, Clone)]
pub struct SecurityHeaders {
    csp: HeaderValue,
    hsts: bool,
}

impl SecurityHeaders {
    /// The policy for this server's basemap and transport.
    pub fn new(config: &ServerConfig) -> SecurityHeaders {
        let policy = content_security_policy(config.tile_url.as_deref());
        SecurityHeaders {
            csp: HeaderValue::from_str(&policy)
                .unwrap_or_else(|_| HeaderValue::from_static(STRICT_FALLBACK)),
            hsts: config.cookie_secure,
        }
    }
}

/// Used if a tile URL cannot be put in a header: the same policy without the tile host.
const STRICT_FALLBACK: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data: blob:; \
     connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; \
     form-action 'self'; frame-ancestors 'none'";

/// The Content-Security-Policy for a basemap at `tile_url` (a Leaflet template) or none.
pub fn content_security_policy(tile_url: Option<&str>) -> String {
    let tiles = tile_url.and_then(tile_source).unwrap_or_default();
    let extra = if tiles.is_empty() {
        String::new()
    } else {
        format!(" {tiles}")
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
         style-src-attr 'unsafe-inline'; img-src 'self' data: blob:{extra}; \
         connect-src 'self'{extra}; worker-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The CSP source of a tile template's host: `https://tile.openstreetmap.org` for
/// `https://tile.openstreetmap.org/{z}/{x}/{y}.png`, `https://*.tile.example` for a `{s}.`
/// subdomain, nothing for a template on this server (`/tiles/…`) or one that is not a URL.
fn tile_source(template: &str) -> Option<String> {
    let (scheme, rest) = template.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.replace("{s}", "*");
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*');
    if host.is_empty() || !host.chars().all(allowed) {
        return None;
    }
    Some(format!("{scheme}://{host}"))
}

/// The middleware: adds each header the answer does not carry yet.
pub async fn add(
    State(headers): State<Arc<SecurityHeaders>>,
    request: Request,
    next: Next,
) -> Response {
    // A refusal the router makes itself under `/publik` (a method the page does not take) never
    // passes the residents' own layer: it gets their policy here.
    let public = crate::public::owns(request.uri().path());
    let mut response = next.run(request).await;
    let out = response.headers_mut();
    let mut set = |name: header::HeaderName, value: HeaderValue| {
        out.entry(name).or_insert(value);
    };
    let csp = if public {
        HeaderValue::from_static(crate::public::CSP)
    } else {
        headers.csp.clone()
    };
    set(header::CONTENT_SECURITY_POLICY, csp);
    set(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    set(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    set(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    set(
        header::HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static(
            "geolocation=(self), camera=(self), microphone=(), payment=(), usb=(), interest-cohort=()",
        ),
    );
    set(
        header::HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if headers.hsts {
        set(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tile_host_is_allowed_for_images_and_connections_only() {
        let policy =
            content_security_policy(Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png"));
        assert!(policy.contains("img-src 'self' data: blob: https://tile.openstreetmap.org;"));
        assert!(policy.contains("connect-src 'self' https://tile.openstreetmap.org;"));
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(!policy.contains("'unsafe-eval'"));
        assert!(!policy.contains("script-src 'self' 'unsafe-inline'"));
    }

    #[test]
    fn subdomain_templates_ports_and_local_tiles() {
        assert_eq!(
            tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tile.example.org")
        );
        assert_eq!(
            tile_source("http://127.0.0.1:9000/tiles/{z}/{x}/{y}.png").as_deref(),
            Some("http://127.0.0.1:9000")
        );
        assert_eq!(tile_source("/tiles/{z}/{x}/{y}.png"), None);
        assert_eq!(tile_source("javascript://x/{z}"), None);
        assert_eq!(tile_source("https://evil.example;script-src *"), None);
        assert_eq!(
            content_security_policy(None),
            STRICT_FALLBACK
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        );
    }
}
