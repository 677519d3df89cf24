//! Password hashing with argon2id (the `argon2` crate's defaults: m=19 MiB, t=2, p=1) and the
//! password policy.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// The shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 8;

/// Why a password was refused.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// Too short.
    #[error("kata sandi minimal {MIN_PASSWORD_CHARS} karakter")]
    TooShort,
    /// The OS gave no randomness for the salt.
    #[error("tidak dapat membuat garam acak: {0}")]
    Random(String),
    /// Hashing failed.
    #[error("gagal meng-hash kata sandi: {0}")]
    Hash(String),
}

/// Checks the policy without hashing.
pub fn check_password_policy(password: &str) -> Result<(), PasswordError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordError::TooShort);
    }
    Ok(())
}

/// Hashes a password into a PHC string (`$argon2id$...`).
pub fn hash_password(password: &str) -> Result<String, PasswordError> {
    check_password_policy(password)?;
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|e| PasswordError::Random(e.to_string()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| PasswordError::Hash(e.to_string()))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| PasswordError::Hash(e.to_string()))
}

/// Checks a password against a stored PHC string. A malformed hash never verifies.
pub fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A valid hash of a random password, verified against when the user does not exist, so that
/// a wrong username costs as long as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| {
        let mut random = [0u8; 24];
        let _ = getrandom::fill(&mut random);
        let password: String = random.iter().map(|b| format!("{b:02x}")).collect();
        hash_password(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_salted_and_verify() {
        let a = hash_password("tepat-demo").unwrap();
        let b = hash_password("tepat-demo").unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify_password(&a, "tepat-demo"));
        assert!(!verify_password(&a, "tepat-dem0"));
        assert!(!verify_password("not a hash", "tepat-demo"));
    }

    #[test]
    fn short_passwords_are_refused_in_indonesian() {
        let err = hash_password("1234567").unwrap_err();
        assert_eq!(err.to_string(), "kata sandi minimal 8 karakter");
    }
}
