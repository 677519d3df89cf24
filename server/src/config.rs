//! Settings of a running server, from flags and environment (see `main.rs`), with defaults that
//! make a fresh install work: Kabupaten Bangkalan, OpenStreetMap tiles, 12-hour sessions, tablets usable
//! offline for 7 days and syncing every minute.

use std::path::PathBuf;
use tepat_domain::RegionCode;

/// The default basemap: OpenStreetMap's standard tiles.
pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
/// Attribution required by the default basemap.
pub const DEFAULT_TILE_ATTRIBUTION: &str = "© kontributor OpenStreetMap";

/// Server settings.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The kabupaten this instance serves.
    pub kabupaten: RegionCode,
    /// Basemap tile URL template, or none for no basemap.
    pub tile_url: Option<String>,
    /// Basemap attribution.
    pub tile_attribution: String,
    /// Folder of the built web app; none serves the API only.
    pub web_dir: Option<PathBuf>,
    /// How long a session lasts.
    pub session_hours: i64,
    /// Mark the session cookie `Secure` (set when served over HTTPS, directly or via a proxy).
    pub cookie_secure: bool,
    /// Folder of photos and other files (content-addressed), beside the database.
    pub blob_dir: PathBuf,
    /// Days a tablet may be opened offline after its last online login.
    pub offline_days: u16,
    /// Seconds between a tablet's background syncs.
    pub sync_interval_secs: u32,
    /// The worst GPS accuracy (metres) a house pin takes without the operator confirming it.
    pub gps_max_accuracy_m: u16,
    /// Uploads are refused ("storage full") when they would leave less than this many bytes
    /// free on the blob folder's disk (0: no check; `tepat serve --min-free-mb`).
    pub min_free_bytes: u64,
    /// Reverse proxies whose `X-Forwarded-For` names the client (`tepat serve --trusted-proxy`;
    /// see `crate::client_address`). Empty: the socket peer is the client.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

impl ServerConfig {
    /// Defaults for `kabupaten`.
    pub fn new(kabupaten: RegionCode) -> ServerConfig {
        ServerConfig {
            kabupaten,
            tile_url: Some(DEFAULT_TILE_URL.to_owned()),
            tile_attribution: DEFAULT_TILE_ATTRIBUTION.to_owned(),
            web_dir: None,
            session_hours: 12,
            cookie_secure: false,
            blob_dir: PathBuf::from("./data/blobs"),
            offline_days: 7,
            sync_interval_secs: 60,
            gps_max_accuracy_m: 30,
            min_free_bytes: 0,
            trusted_proxies: Vec::new(),
        }
    }
}
