//! API tokens: minted by a signed-in user with her own permissions (shown once, kept only as a
//! digest), listed, revoked, and their owner found for each request.
//!
//! A token's owner is remembered for a few seconds: a machine client sends the same token with
//! every request, and looking it up (the token, the user, her grants) would otherwise be most
//! of the work of a read. A token revoked, or a user disabled or given other grants, in this
//! server is forgotten at once; through another server or the command line it stops working
//! within [`TOKEN_TTL`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use emgek_store::{TokenRow, UserRecord};

use super::secrets;
use crate::{App, AppError, Caller};

/// The longest name of a token, in characters.
pub const MAX_NAME_CHARS: usize = 60;

/// Mints a token for the caller herself, named `name`: the token, to be shown once.
pub async fn mint(app: &App, caller: &Caller, name: &str) -> Result<String, AppError> {
    let id = caller.user_id.ok_or(AppError::Refused("account.signed_out"))?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(AppError::field("name", "token.name", name));
    }
    let token = secrets::new_api_token();
    let prefix: String = token.chars().take(12).collect();
    app.store.create_token(&caller.actor(), id, name, &secrets::digest(&token), &prefix).await?;
    Ok(token)
}

/// The caller's own tokens, revoked ones included.
pub async fn list(app: &App, caller: &Caller) -> Result<Vec<TokenRow>, AppError> {
    let id = caller.user_id.ok_or(AppError::Refused("account.signed_out"))?;
    Ok(app.store.tokens_of(id).await?)
}

/// Revokes one of the caller's own tokens; in this server it stops at once.
pub async fn revoke(app: &App, caller: &Caller, token_id: i64) -> Result<(), AppError> {
    let id = caller.user_id.ok_or(AppError::Refused("account.signed_out"))?;
    app.store.revoke_token(&caller.actor(), id, token_id).await?;
    app.tokens.forget_all();
    Ok(())
}

/// The user a bearer token acts for, if it is a live token of a user who may sign in.
pub async fn owner(app: &App, token: &str) -> Result<Option<UserRecord>, AppError> {
    let digest = secrets::digest(token.trim());
    let user = match app.tokens.get(&digest) {
        Some(user) => Some(user),
        None => {
            let user = app.store.user_by_token(&digest).await?;
            if let Some(u) = &user {
                app.tokens.put(digest, u.clone());
            }
            user
        }
    };
    Ok(user.filter(|u| !u.disabled))
}

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
