//! Passwords, session cookies and API tokens: what is random, what is hashed, what is kept.

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use rand::Rng;
use sha2::{Digest, Sha256};

/// An argon2id hash (PHC string) of a password, with a random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default().hash_password(password.as_bytes()).map(|h| h.to_string()).map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// Spends the time of a real verification, so that an unknown user name is not told apart
/// from a wrong password by the clock.
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let hash = DUMMY.get_or_init(|| hash_password("a dummy password nobody has").unwrap_or_default());
    let _ = verify_password(password, hash);
}

/// 32 random bytes as hex: session cookies and CSRF tokens.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex(&bytes)
}

/// An API token: recognisable prefix, 40 random hex digits.
pub fn new_api_token() -> String {
    let bytes: [u8; 20] = rand::rng().random();
    format!("emgek_{}", hex(&bytes))
}

/// What the database keeps of a cookie or token: its SHA-256.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("Талас-жайлоо-2026").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Талас-жайлоо-2026", &hash));
        assert!(!verify_password("талас-жайлоо-2026", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_kept_only_as_digests() {
        assert_ne!(random_token(), random_token());
        let token = new_api_token();
        assert!(token.starts_with("emgek_") && token.len() == 46);
        assert_eq!(digest(&token).len(), 64);
        assert_ne!(digest(&token), token);
    }
}
