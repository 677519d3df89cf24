//! The envelope every postcard message travels in: the protocol version first, then the body.
//! A receiver reads the version before the body, so a message from a newer or older protocol
//! gets a clear refusal instead of garbage.

use serde::{Deserialize, Serialize, de::DeserializeOwned};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u16 = 1;

/// The oldest protocol version this build still decodes.
pub const OLDEST_SUPPORTED_VERSION: u16 = 1;

/// Media type of postcard-encoded envelopes.
pub const CONTENT_TYPE_POSTCARD: &str = "application/x-tepat-postcard";

/// A versioned message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Envelope<T> {
    /// Protocol version of the sender.
    pub version: u16,
    /// The message.
    pub body: T,
}

/// Why bytes could not be read as a message.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WireError {
    /// The sender speaks a protocol version this build does not.
    #[error(
        "versi protokol {got} tidak didukung (server mendukung {oldest}–{newest}); perbarui aplikasi"
    )]
    UnsupportedVersion {
        /// Version in the message.
        got: u16,
        /// Oldest version understood here.
        oldest: u16,
        /// Newest version understood here.
        newest: u16,
    },
    /// The bytes are not a valid message of the expected kind.
    #[error("data tidak dapat dibaca: format pesan rusak atau tidak sesuai")]
    Malformed,
}

/// Encodes `body` in an envelope of the current version.
pub fn encode<T: Serialize>(body: &T) -> Vec<u8> {
    #[derive(Serialize)]
    #[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
    struct Borrowed<'a, T> {
        version: u16,
        body: &'a T,
    }
    postcard::to_stdvec(&Borrowed {
        version: PROTOCOL_VERSION,
        body,
    })
    .expect("postcard encoding into a Vec cannot fail for Tepat's messages")
}

/// Decodes an envelope, refusing unknown versions before touching the body.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    let (body, tail): (T, &[u8]) =
        postcard::take_from_bytes(open(bytes)?).map_err(|_| WireError::Malformed)?;
    if !tail.is_empty() {
        return Err(WireError::Malformed);
    }
    Ok(body)
}

/// The body's bytes of an envelope of a version this build reads. Not generic, so the version
/// check is compiled once however many message types [`decode`] is used with (the web app's
/// size).
fn open(bytes: &[u8]) -> Result<&[u8], WireError> {
    let (version, rest): (u16, &[u8]) =
        postcard::take_from_bytes(bytes).map_err(|_| WireError::Malformed)?;
    if !(OLDEST_SUPPORTED_VERSION..=PROTOCOL_VERSION).contains(&version) {
        return Err(WireError::UnsupportedVersion {
            got: version,
            oldest: OLDEST_SUPPORTED_VERSION,
            newest: PROTOCOL_VERSION,
        });
    }
    Ok(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_refusals() {
        let bytes = encode(&("a".to_string(), 7u32));
        assert_eq!(decode::<(String, u32)>(&bytes), Ok(("a".to_string(), 7)));
        // A future version is refused with a clear message, not misread.
        let mut future = bytes.clone();
        future[0] = 9;
        let err = decode::<(String, u32)>(&future).unwrap_err();
        assert!(matches!(err, WireError::UnsupportedVersion { got: 9, .. }));
        assert!(err.to_string().contains("perbarui aplikasi"));
        // Truncated and trailing bytes are malformed.
        assert_eq!(
            decode::<(String, u32)>(&bytes[..2]),
            Err(WireError::Malformed)
        );
        let mut trailing = bytes;
        trailing.push(0);
        assert_eq!(
            decode::<(String, u32)>(&trailing),
            Err(WireError::Malformed)
        );
        assert_eq!(decode::<(String, u32)>(&[]), Err(WireError::Malformed));
    }
}
