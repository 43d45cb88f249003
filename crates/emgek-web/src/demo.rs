//! Demonstration accounts: one per role, their passwords shown on the sign-in page of a
//! demonstration installation (and only there).

use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::{Actor, NewUser, Source, Store, StoreError};

/// The password of every demonstration account. Not a secret: it is printed on the page.
pub const DEMO_PASSWORD: &str = "demo-Ala-Too-2026";

/// (user name, display name, role, scope) of the demonstration accounts.
pub const DEMO_USERS: &[(&str, &str, Role, &str)] = &[
    ("admin", "Администратор", Role::Administrator, "country"),
    ("aigul", "Айгүл Бекова", Role::CaseWorker, "rayon:KG-O-KSU"),
    ("nurlan", "Нурлан Осмонов", Role::CommissionMember, "rayon:KG-O-KSU"),
    ("bakyt", "Бакыт Сыдыков", Role::EnterpriseManager, "facility:stepnoe"),
    ("dinara", "Динара Исакова", Role::HqAnalyst, "country"),
    ("auditor", "Auditor (EU)", Role::Auditor, "country"),
];

/// Creates the demonstration accounts on a database without users; returns how many.
pub async fn create_users_if_none(store: &Store) -> Result<usize, StoreError> {
    if store.count_users().await? > 0 {
        return Ok(0);
    }
    let hash = crate::auth::secrets::hash_password(DEMO_PASSWORD).map_err(StoreError::Config)?;
    let by = Actor::new("demo", Source::Demo);
    for (username, name, role, scope) in DEMO_USERS {
        let scope = Scope::parse(scope).expect("demo scopes are valid");
        let user = NewUser {
            username: username.to_string(),
            display_name: name.to_string(),
            password_hash: hash.clone(),
            must_change_password: false,
            grants: vec![Grant { role: *role, scope }],
        };
        store.create_user(&by, &user).await?;
    }
    Ok(DEMO_USERS.len())
}
