//! Reference answers a field user needs offline (the region list of the kecamatan, a family's
//! score): fetched from the server when it answers, kept sealed in the vault (`get/<path>`),
//! and answered from there when it cannot be reached. For users without a local copy this is a
//! plain GET.

use super::{open_copy, vault};
use crate::api::{self, ApiFailure};
use serde::{Serialize, de::DeserializeOwned};

/// GETs `path`, falling back on the last answer kept on the tablet when offline.
pub async fn get<T: Serialize + DeserializeOwned>(path: &str) -> Result<T, ApiFailure> {
    let key = format!("get/{path}");
    match api::get::<T>(path).await {
        Ok(answer) => {
            if open_copy().is_some() {
                // A failed write only costs the offline fallback.
                let _ = vault::put(&key, &answer).await;
            }
            Ok(answer)
        }
        Err(ApiFailure::Network) if open_copy().is_some() => vault::get::<T>(&key)
            .await
            .ok()
            .flatten()
            .ok_or(ApiFailure::Network),
        Err(failure) => Err(failure),
    }
}
