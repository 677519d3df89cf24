//! The few settings the app keeps in the browser's localStorage (the language, the instance
//! settings, a logout still to tell the server), read and written as plain strings: the instance
//! settings as their postcard bytes in hex. No JSON codec is compiled into the app for these
//! (gloo-storage's typed `get`/`set` would bring serde_json along).

use gloo::storage::{LocalStorage, Storage};
use tepat_protocol::InstanceConfig;

/// The text stored under `key`. A value an older build wrote as JSON text (`"en"`) reads as
/// its plain text (`en`).
pub fn get(key: &str) -> Option<String> {
    let value = LocalStorage::raw().get_item(key).ok()??;
    Some(unquote(&value).to_owned())
}

/// Stores `value` under `key` (a full or refused storage is not an error for a setting).
pub fn set(key: &str, value: &str) {
    let _ = LocalStorage::raw().set_item(key, value);
}

/// Forgets `key`.
pub fn remove(key: &str) {
    LocalStorage::delete(key);
}

/// The instance settings stored under `key`; none when absent or unreadable (e.g. written by
/// an older build as JSON: the app then waits for the server's).
pub fn get_config(key: &str) -> Option<InstanceConfig> {
    let bytes = from_hex(&LocalStorage::raw().get_item(key).ok()??)?;
    postcard::from_bytes(&bytes).ok()
}

/// Stores the instance settings under `key`.
pub fn set_config(key: &str, config: &InstanceConfig) {
    if let Ok(bytes) = postcard::to_stdvec(config) {
        set(key, &to_hex(&bytes));
    }
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value)
}

fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    out
}

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) {
        return None;
    }
    let digit = |c: u8| char::from(c).to_digit(16);
    text.as_bytes()
        .chunks(2)
        .map(|pair| Some((digit(pair[0])? << 4 | digit(pair[1])?) as u8))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_and_refuses_json() {
        let bytes = [0u8, 1, 0x7f, 0x80, 0xab, 0xff];
        assert_eq!(to_hex(&bytes), "00017f80abff");
        assert_eq!(from_hex("00017f80abff").as_deref(), Some(&bytes[..]));
        assert_eq!(from_hex("00017F80ABFF").as_deref(), Some(&bytes[..]));
        assert_eq!(from_hex("{\"demo\":true}"), None);
        assert_eq!(from_hex("abc"), None);
        assert_eq!(from_hex(""), Some(Vec::new()));
    }

    #[test]
    fn json_text_of_an_older_build_reads_plain() {
        assert_eq!(unquote("\"en\""), "en");
        assert_eq!(unquote("en"), "en");
        assert_eq!(unquote("true"), "true");
        assert_eq!(unquote("\""), "\"");
    }
}
