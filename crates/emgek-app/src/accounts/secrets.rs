//! Session cookies and API tokens: what is random, what is hashed, what is kept. (Passwords
//! are hashed with argon2 in [`super`].)

use rand::Rng;
use sha2::{Digest, Sha256};

/// 32 random bytes as hex: session cookies and CSRF tokens.
pub fn random_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    hex::encode(bytes)
}

/// An API token: recognisable prefix, 40 random hex digits.
pub fn new_api_token() -> String {
    let bytes: [u8; 20] = rand::rng().random();
    format!("emgek_{}", hex::encode(bytes))
}

/// What the database keeps of a cookie or token: its SHA-256.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_kept_only_as_digests() {
        assert_ne!(random_token(), random_token());
        let token = new_api_token();
        assert!(token.starts_with("emgek_") && token.len() == 46);
        assert_eq!(digest(&token).len(), 64);
        assert_ne!(digest(&token), token);
    }
}
