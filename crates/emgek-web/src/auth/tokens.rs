//! Who an API token belongs to, remembered for a few seconds: a machine client sends the same
//! token with every request, and looking it up (the token, the user, her grants) would
//! otherwise be most of the work of a read. A token revoked, or a user disabled or given other
//! grants, in this server is forgotten at once; through another server or the command line it
//! stops working within [`TOKEN_TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use emgek_store::UserRecord;

/// How long a token's owner is remembered.
pub const TOKEN_TTL: Duration = Duration::from_secs(5);
/// At most this many tokens are remembered; past it, all are forgotten and looked up again.
const CAPACITY: usize = 10_000;

#[derive(Debug, Default)]
pub struct TokenCache {
    /// By the token's digest: when it was looked up, and its user.
    entries: Mutex<HashMap<String, (Instant, UserRecord)>>,
}

impl TokenCache {
    /// The user of the token with this digest, if looked up within [`TOKEN_TTL`].
    pub fn get(&self, digest: &str) -> Option<UserRecord> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(digest).filter(|(at, _)| at.elapsed() < TOKEN_TTL).map(|(_, user)| user.clone())
    }

    pub fn put(&self, digest: String, user: UserRecord) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= CAPACITY {
            entries.clear();
        }
        entries.insert(digest, (Instant::now(), user));
    }

    /// Forgets every token: called when any token, account or grant changes.
    pub fn forget_all(&self) {
        self.entries.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use emgek_domain::access::Access;

    fn user(name: &str) -> UserRecord {
        UserRecord {
            id: 1,
            username: name.into(),
            display_name: name.into(),
            password_hash: String::new(),
            must_change_password: false,
            disabled: false,
            created_at: time::OffsetDateTime::UNIX_EPOCH,
            access: Access::default(),
        }
    }

    #[test]
    fn a_remembered_token_is_forgotten_when_anything_changes() {
        let cache = TokenCache::default();
        assert!(cache.get("d").is_none());
        cache.put("d".into(), user("aida"));
        assert_eq!(cache.get("d").map(|u| u.username), Some("aida".to_string()));
        cache.forget_all();
        assert!(cache.get("d").is_none());
    }
}
