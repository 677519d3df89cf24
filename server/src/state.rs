//! The state every handler shares, and [`AppState::blocking`], the one way handlers reach the
//! (synchronous) store without blocking the async runtime.

use crate::auth::LoginLimiter;
use crate::clock::Clock;
use crate::config::ServerConfig;
use crate::error::AppError;
use crate::store::{Store, StoreResult};
use std::sync::Arc;

/// Shared server state.
#[derive(Clone)]
pub struct AppState {
    /// Persistence.
    pub store: Arc<dyn Store>,
    /// Time.
    pub clock: Arc<dyn Clock>,
    /// Login rate limit.
    pub limiter: Arc<LoginLimiter>,
    /// Settings.
    pub config: Arc<ServerConfig>,
    /// Serialises workflow steps, so two steps in one desa never both take its last quota place.
    pub workflow_lock: Arc<tokio::sync::Mutex<()>>,
    /// The hybrid logical clock of changes the server makes itself (edits through the API).
    pub server_clock: Arc<std::sync::Mutex<tepat_sync::HlcClock>>,
    /// Photos and files beside the database.
    pub blobs: Arc<crate::blobs::FileBlobStore>,
    /// The leaders' in-memory index of every family.
    pub spread: Arc<crate::spread::Spread>,
    /// How far each running import check or apply has come.
    pub imports: Arc<crate::import::progress::Board>,
    /// Held while a backup is made and sent: one at a time.
    pub backup_running: Arc<tokio::sync::Mutex<()>>,
}

impl AppState {
    /// State over `store` with the given clock and settings.
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>, config: ServerConfig) -> AppState {
        AppState {
            store,
            clock,
            limiter: Arc::new(LoginLimiter::new()),
            blobs: Arc::new(
                crate::blobs::FileBlobStore::new(config.blob_dir.clone()).with_space(
                    crate::space::SpaceGuard::new(config.blob_dir.clone(), config.min_free_bytes),
                ),
            ),
            config: Arc::new(config),
            spread: Arc::default(),
            imports: Arc::default(),
            backup_running: Arc::default(),
            workflow_lock: Arc::new(tokio::sync::Mutex::new(())),
            server_clock: Arc::new(std::sync::Mutex::new(tepat_sync::HlcClock::new(
                crate::sync::SERVER_DEVICE,
            ))),
        }
    }

    /// Runs store work on the blocking pool.
    pub async fn blocking<R: Send + 'static>(
        &self,
        work: impl FnOnce(&dyn Store) -> StoreResult<R> + Send + 'static,
    ) -> Result<R, AppError> {
        let store = self.store.clone();
        tokio::task::spawn_blocking(move || work(store.as_ref()))
            .await
            .map_err(|e| AppError::Internal(format!("blocking task failed: {e}")))?
            .map_err(AppError::from)
    }
}
