//! Who is asking: the client address the rate limits count by (failed logins, the residents'
//! checks, filings and look-ups). It is the socket peer, unless the peer is one of the reverse
//! proxies named by `--trusted-proxy` (Caddy terminating TLS in front of Tepat, README
//! "Deploying"): then it is the address that proxy reports in `X-Forwarded-For`, the right-most
//! entry that is not itself a trusted proxy. A forwarded header from anyone else is ignored, so a
//! client cannot pick its own address to slip a limit; and behind a trusted proxy the whole
//! kabupaten does not share one address and one limit.

use crate::state::AppState;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use std::net::{IpAddr, SocketAddr};

/// The client's address as text (`unknown` when the server was not given the peer).
pub struct ClientAddress(pub String);

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok());
        Ok(ClientAddress(
            client_of(peer, forwarded, &state.config.trusted_proxies)
                .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        ))
    }
}

/// The client behind `peer`: `peer` itself unless it is in `trusted`; then the right-most
/// address of the `X-Forwarded-For` values (in the order the header lines came) that is not in
/// `trusted`. An entry that is not an address ends the walk there: what lies left of it was
/// written by someone no trusted proxy vouches for, so `peer` is answered.
pub fn client_of<'a>(
    peer: Option<IpAddr>,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> Option<IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let entries: Vec<&str> = forwarded.flat_map(|v| v.split(',')).collect();
    for entry in entries.iter().rev() {
        match entry.trim().parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return Some(ip),
            Err(_) => return Some(peer),
        }
    }
    Some(peer)
}

#[cfg(test)]
mod tests {
    use super::client_of;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn a_forwarded_header_counts_only_from_a_trusted_proxy() {
        let proxy = [ip("127.0.0.1")];
        let header = ["203.0.113.7"];
        // Not trusted: the header is the client's own word and ignored.
        assert_eq!(
            client_of(Some(ip("198.51.100.2")), header.into_iter(), &proxy),
            Some(ip("198.51.100.2"))
        );
        assert_eq!(
            client_of(Some(ip("127.0.0.1")), header.into_iter(), &[]),
            Some(ip("127.0.0.1"))
        );
        // Trusted: the address the proxy saw.
        assert_eq!(
            client_of(Some(ip("127.0.0.1")), header.into_iter(), &proxy),
            Some(ip("203.0.113.7"))
        );
    }

    #[test]
    fn the_right_most_untrusted_entry_is_the_client_and_a_forged_left_part_is_not() {
        let proxies = [ip("127.0.0.1"), ip("10.0.0.5")];
        // The client wrote "1.2.3.4" itself; the proxy appended what it saw.
        let lines = ["1.2.3.4, 203.0.113.7", "10.0.0.5"];
        assert_eq!(
            client_of(Some(ip("127.0.0.1")), lines.into_iter(), &proxies),
            Some(ip("203.0.113.7"))
        );
        // Garbage where the proxy's entry should be: the peer, not the garbage's left side.
        assert_eq!(
            client_of(
                Some(ip("127.0.0.1")),
                ["1.2.3.4, bukan-alamat"].into_iter(),
                &proxies
            ),
            Some(ip("127.0.0.1"))
        );
        // No header: the proxy itself.
        assert_eq!(
            client_of(Some(ip("127.0.0.1")), std::iter::empty(), &proxies),
            Some(ip("127.0.0.1"))
        );
        assert_eq!(client_of(None, std::iter::empty(), &proxies), None);
    }
}
