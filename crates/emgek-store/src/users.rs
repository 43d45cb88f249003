//! Users as the store keeps them.

use emgek_domain::access::{Access, Grant, Role, Scope};
use time::OffsetDateTime;

#[derive(Debug, Clone)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    /// argon2id PHC string; the store never sees a password.
    pub password_hash: String,
    pub must_change_password: bool,
    pub grants: Vec<Grant>,
}

#[derive(Debug, Clone)]
pub struct UserRecord {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub disabled: bool,
    pub created_at: OffsetDateTime,
    pub access: Access,
}

#[derive(sqlx::FromRow)]
pub(crate) struct UserRow {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub must_change_password: bool,
    pub disabled: bool,
    pub created_at: OffsetDateTime,
}

impl UserRecord {
    pub(crate) fn new(row: UserRow, grants: Vec<Grant>) -> Self {
        Self {
            id: row.user_id,
            username: row.username,
            display_name: row.display_name,
            password_hash: row.password_hash,
            must_change_password: row.must_change_password,
            disabled: row.disabled,
            created_at: row.created_at,
            access: Access::new(grants),
        }
    }
}

/// Grants from stored (role, scope) codes; codes this version does not know are left out.
pub(crate) fn grants_from(rows: &[(String, String)]) -> Vec<Grant> {
    rows.iter().filter_map(|(r, s)| Some(Grant { role: Role::parse(r)?, scope: Scope::parse(s)? })).collect()
}

/// An API token as its owner sees it in a list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TokenRow {
    pub api_token_id: i64,
    pub name: String,
    pub prefix: String,
    pub revoked_at: Option<OffsetDateTime>,
    pub last_used_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
}
