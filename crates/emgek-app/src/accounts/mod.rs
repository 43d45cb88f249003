//! Users: adding them, their grants and passwords, disabling them, and opening sign-in again
//! for one shut out by failed attempts. Who may act on whom is decided here: an administrator
//! acts only on users all of whose grants lie within her own scope, and gives only grants
//! within it (grants for the whole country only a national administrator gives); any other
//! user is "not found" to her.

pub mod secrets;
pub mod sessions;
pub mod tokens;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use emgek_domain::FieldError;
use emgek_domain::access::{Grant, Permission, Role, Scope, check_password, check_username};
use emgek_store::{Actor, NewUser, StoreError, UserRecord};

use crate::{App, AppError, Caller};

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

/// Hashes on a blocking thread: argon2 takes tens of milliseconds of CPU on purpose.
async fn hashed(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::Internal)
}

/// A user to add.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub password: String,
    pub grants: Vec<Grant>,
    /// She must choose her own password at first sign-in.
    pub temporary: bool,
}

/// Checks a new account's name, password and grants (the grants against what `giver` may
/// give, if any), with every error at once.
fn checked(new: &NewAccount, giver: Option<&Caller>) -> Result<(String, Vec<Grant>), AppError> {
    let username = new.username.trim().to_lowercase();
    let mut errors = Vec::new();
    if let Err(rule) = check_username(&username) {
        errors.push(FieldError::new("username", rule, username.as_str()));
    }
    if let Err(rule) = check_password(&new.password, &username) {
        errors.push(FieldError::new("password", rule, ""));
    }
    if let Some(giver) = giver
        && let Some(g) = new.grants.iter().find(|g| !giver.access.may_give(g))
    {
        errors.push(FieldError::new("grants", "grant.out_of_scope", format!("{}@{}", g.role.code(), g.scope.code())));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let mut grants = new.grants.clone();
    grants.sort();
    grants.dedup();
    Ok((username, grants))
}

async fn create(app: &App, by: &Actor, username: String, new: NewAccount, grants: Vec<Grant>) -> Result<i64, AppError> {
    let user = NewUser {
        username: username.clone(),
        display_name: new.display_name.trim().to_string(),
        password_hash: hashed(new.password).await?,
        must_change_password: new.temporary,
        grants,
    };
    match app.store.create_user(by, &user).await {
        Err(StoreError::Conflict(rule)) => Err(AppError::field("username", rule, username)),
        other => Ok(other?),
    }
}

/// Adds a user with grants the caller may give.
pub async fn add_user(app: &App, caller: &Caller, new: NewAccount) -> Result<i64, AppError> {
    let (username, grants) = checked(&new, Some(caller))?;
    create(app, &caller.actor(), username, new, grants).await
}

/// Accounts that share one password (the demonstration's, which its sign-in page shows to
/// everyone): each checked as `add_user` checks one, the password hashed once. Returns their
/// ids in order.
pub async fn add_accounts_sharing_password(
    app: &App,
    caller: &Caller,
    password: &str,
    accounts: &[(&str, &str, Vec<Grant>)],
) -> Result<Vec<i64>, AppError> {
    let mut checked_accounts = Vec::new();
    for (username, display_name, grants) in accounts {
        let new = NewAccount {
            username: username.to_string(),
            display_name: display_name.to_string(),
            password: password.to_string(),
            grants: grants.clone(),
            temporary: false,
        };
        let (username, grants) = checked(&new, Some(caller))?;
        checked_accounts.push((username, new.display_name.trim().to_string(), grants));
    }
    let hash = hashed(password.to_string()).await?;
    let mut ids = Vec::new();
    for (username, display_name, grants) in checked_accounts {
        let user = NewUser { username, display_name, password_hash: hash.clone(), must_change_password: false, grants };
        ids.push(app.store.create_user(&caller.actor(), &user).await?);
    }
    Ok(ids)
}

/// The first administrator, for the whole country, on a database without users: the set-up
/// page's one act. Refused (`setup.done`) once any user exists.
pub async fn add_first_administrator(
    app: &App,
    caller: &Caller,
    username: &str,
    display_name: &str,
    password: &str,
) -> Result<i64, AppError> {
    if app.store.count_users().await? > 0 {
        return Err(AppError::Refused("setup.done"));
    }
    let new = NewAccount {
        username: username.to_string(),
        display_name: display_name.to_string(),
        password: password.to_string(),
        grants: vec![Grant { role: Role::Administrator, scope: Scope::Country }],
        temporary: false,
    };
    let (username, grants) = checked(&new, None)?;
    // She is the first to act: the audit log names her.
    let by = Actor::new(username.clone(), caller.source).with_ip(caller.ip.clone());
    create(app, &by, username, new, grants).await
}

/// The user `id`, if the caller may manage her; any other is not found.
pub async fn managed_user(app: &App, caller: &Caller, id: i64) -> Result<UserRecord, AppError> {
    let user = app.store.user(id).await?;
    if caller.access.may_manage(&user.access) { Ok(user) } else { Err(AppError::NotFound) }
}

/// The users the caller may manage, in the store's order (administrators see only the users
/// whose every grant lies within their own scope).
pub async fn managed_users(app: &App, caller: &Caller) -> Result<Vec<UserRecord>, AppError> {
    Ok(app.store.list_users().await?.into_iter().filter(|u| caller.access.may_manage(&u.access)).collect())
}

/// Whether the caller may give a grant in this scope: what the user form offers her.
pub fn may_grant_in(caller: &Caller, scope: &Scope) -> bool {
    caller.access.covers(Permission::ManageUsers, scope)
}

/// Whether the caller may give this grant.
pub fn may_give(caller: &Caller, grant: &Grant) -> bool {
    caller.access.may_give(grant)
}

/// The user called `username`, if the caller may manage her (the command line's way in).
pub async fn managed_user_named(app: &App, caller: &Caller, username: &str) -> Result<UserRecord, AppError> {
    let user = app.store.user_by_username(&username.trim().to_lowercase()).await?.ok_or(AppError::NotFound)?;
    managed_user(app, caller, user.id).await
}

/// Replaces a user's grants with ones the caller may give.
pub async fn set_grants(app: &App, caller: &Caller, id: i64, grants: &[Grant]) -> Result<(), AppError> {
    managed_user(app, caller, id).await?;
    if let Some(g) = grants.iter().find(|g| !may_give(caller, g)) {
        return Err(AppError::field("grants", "grant.out_of_scope", format!("{}@{}", g.role.code(), g.scope.code())));
    }
    app.store.set_grants(&caller.actor(), id, grants).await?;
    // No token of hers may open more than it now should.
    app.tokens.forget_all();
    Ok(())
}

/// Sets a user's password: her sessions and API tokens end, and sign-in opens again if failed
/// attempts had shut it. `temporary`: she must choose her own at the next sign-in.
pub async fn set_password(
    app: &App,
    caller: &Caller,
    id: i64,
    password: &str,
    temporary: bool,
) -> Result<(), AppError> {
    let user = managed_user(app, caller, id).await?;
    check_password(password, &user.username).map_err(|rule| AppError::field("password", rule, ""))?;
    let hash = hashed(password.to_string()).await?;
    app.store.set_password(&caller.actor(), id, &hash, temporary).await?;
    app.tokens.forget_all();
    Ok(())
}

/// A signed-in user changes her own password, knowing the current one; her other sessions and
/// her API tokens end.
pub async fn change_own_password(app: &App, caller: &Caller, current: &str, password: &str) -> Result<(), AppError> {
    let id = caller.user_id.ok_or(AppError::Refused("account.signed_out"))?;
    let user = app.store.user(id).await?;
    let (given, hash) = (current.to_string(), user.password_hash.clone());
    let current_ok = tokio::task::spawn_blocking(move || verify_password(&given, &hash)).await.unwrap_or(false);
    let mut errors = Vec::new();
    if !current_ok {
        errors.push(FieldError::new("current", "password.current_wrong", ""));
    }
    if let Err(rule) = check_password(password, &user.username) {
        errors.push(FieldError::new("password", rule, ""));
    } else if password == current {
        errors.push(FieldError::new("password", "password.unchanged", ""));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let hash = hashed(password.to_string()).await?;
    app.store.set_password(&caller.actor(), id, &hash, false).await?;
    app.tokens.forget_all();
    Ok(())
}

/// Disables or enables a user; nobody disables herself.
pub async fn set_disabled(app: &App, caller: &Caller, id: i64, disabled: bool) -> Result<(), AppError> {
    managed_user(app, caller, id).await?;
    if disabled && caller.user_id == Some(id) {
        return Err(AppError::field("action", "user.self_disable", ""));
    }
    app.store.set_disabled(&caller.actor(), id, disabled).await?;
    app.tokens.forget_all();
    Ok(())
}

/// Opens sign-in again for a user shut out by failed attempts, her password unchanged;
/// returns how many failures it forgot.
pub async fn unlock(app: &App, caller: &Caller, id: i64) -> Result<u64, AppError> {
    managed_user(app, caller, id).await?;
    Ok(app.store.unlock_sign_in(&caller.actor(), id).await?)
}

#[cfg(test)]
mod tests {
    use emgek_domain::access::Access;
    use emgek_store::Source;

    use super::*;
    use crate::testing::on_both_backends;

    const PASSWORD: &str = "Kara-Suu-bazaar-2026";

    fn grant(role: Role, scope: &str) -> Grant {
        Grant { role, scope: Scope::parse(scope).unwrap() }
    }

    fn account(username: &str, grants: Vec<Grant>) -> NewAccount {
        NewAccount {
            username: username.into(),
            display_name: username.to_uppercase(),
            password: PASSWORD.into(),
            grants,
            temporary: true,
        }
    }

    fn rayon_admin() -> Caller {
        let access = Access::new(vec![grant(Role::Administrator, "rayon:KG-O-KSU")]);
        Caller::user(100, "kara-suu-admin", access, Source::Web, "192.0.2.1")
    }

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("Талас-жайлоо-2026").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Талас-жайлоо-2026", &hash));
        assert!(!verify_password("талас-жайлоо-2026", &hash));
        assert!(!verify_password("x", "not a hash"));
    }

    async fn a_new_account_is_checked_whole_and_its_name_is_taken_once(app: App) {
        let operator = Caller::operator("root");
        let bad = NewAccount { username: "A B".into(), password: "short".into(), ..account("x", vec![]) };
        let Err(AppError::Invalid(errors)) = add_user(&app, &operator, bad).await else { panic!("refused") };
        let rules: Vec<(&str, &str)> = errors.iter().map(|e| (e.field.as_str(), e.rule)).collect();
        assert_eq!(rules, [("username", "username.format"), ("password", "password.too_short")]);
        let id = add_user(&app, &operator, account("Aigul", vec![grant(Role::CaseWorker, "rayon:KG-O-KSU")])).await;
        let user = app.store.user(id.unwrap()).await.unwrap();
        assert_eq!((user.username.as_str(), user.must_change_password), ("aigul", true), "names are lower-case");
        assert!(verify_password(PASSWORD, &user.password_hash));
        let again = add_user(&app, &operator, account("aigul", vec![])).await;
        assert!(matches!(again, Err(AppError::Invalid(e)) if e[0].rule == "username.taken"), "taken");
    }

    async fn an_administrator_gives_only_grants_within_her_scope_and_reaches_only_users_within_it(app: App) {
        let operator = Caller::operator("root");
        let by = rayon_admin();
        let national = add_user(&app, &by, account("nurlan", vec![grant(Role::Administrator, "country")])).await;
        assert!(matches!(national, Err(AppError::Invalid(e)) if e[0].rule == "grant.out_of_scope"));
        let local =
            add_user(&app, &by, account("aibek", vec![grant(Role::CaseWorker, "rayon:KG-O-KSU")])).await.unwrap();
        let expert = add_user(&app, &operator, account("expert", vec![grant(Role::ExpertGroupMember, "country")]))
            .await
            .unwrap();
        for id in [expert] {
            assert!(matches!(managed_user(&app, &by, id).await, Err(AppError::NotFound)));
            assert!(matches!(set_password(&app, &by, id, PASSWORD, true).await, Err(AppError::NotFound)));
            assert!(matches!(set_disabled(&app, &by, id, true).await, Err(AppError::NotFound)));
            assert!(matches!(unlock(&app, &by, id).await, Err(AppError::NotFound)));
        }
        let raise = set_grants(&app, &by, local, &[grant(Role::Administrator, "country")]).await;
        assert!(matches!(raise, Err(AppError::Invalid(_))), "no wider grant");
        set_grants(&app, &by, local, &[grant(Role::CommissionMember, "rayon:KG-O-KSU")]).await.unwrap();
        set_disabled(&app, &by, local, true).await.unwrap();
        assert!(app.store.user(local).await.unwrap().disabled);
        assert!(!app.store.user(expert).await.unwrap().disabled, "nothing changed beyond her reach");
    }

    async fn the_first_administrator_is_added_once_and_names_herself_in_the_audit_log(app: App) {
        let anonymous = Caller::anonymous("192.0.2.7", Source::Web);
        let id = add_first_administrator(&app, &anonymous, "root", "Root", PASSWORD).await.unwrap();
        let user = app.store.user(id).await.unwrap();
        assert!(user.access.is_national(emgek_domain::access::Permission::ManageUsers));
        assert!(!user.must_change_password);
        let again = add_first_administrator(&app, &anonymous, "other", "Other", PASSWORD).await;
        assert!(matches!(again, Err(AppError::Refused("setup.done"))));
        let audit = app.store.list_audit(&Default::default(), None, 10).await.unwrap();
        assert_eq!((audit[0].actor.as_str(), audit[0].ip.as_str()), ("root", "192.0.2.7"));
    }

    async fn a_new_password_ends_a_lock_and_nobody_disables_herself(app: App) {
        let operator = Caller::operator("root");
        let id =
            add_user(&app, &operator, account("aigul", vec![grant(Role::CaseWorker, "rayon:KG-O-KSU")])).await.unwrap();
        let long_ago = time::OffsetDateTime::now_utc() - time::Duration::days(2);
        for _ in 0..6 {
            app.store.record_login_failure("aigul", "192.0.2.9", long_ago).await.unwrap();
        }
        assert_eq!(unlock(&app, &operator, id).await.unwrap(), 6);
        app.store.record_login_failure("aigul", "192.0.2.9", long_ago).await.unwrap();
        set_password(&app, &operator, id, "Ysyk-Kol-summer-2026", false).await.unwrap();
        let since = time::OffsetDateTime::now_utc() - time::Duration::days(1);
        assert_eq!(app.store.login_failures_of("aigul", since).await.unwrap(), 0, "the new password opened it");
        let weak = set_password(&app, &operator, id, "aigul-aigul-aigul", false).await;
        assert!(matches!(weak, Err(AppError::Invalid(e)) if e[0].rule == "password.contains_username"));
        let herself =
            Caller::user(id, "aigul", Access::new(vec![grant(Role::Administrator, "country")]), Source::Web, "");
        assert!(matches!(set_disabled(&app, &herself, id, true).await, Err(AppError::Invalid(_))));
    }

    async fn accounts_sharing_a_password_are_all_checked_before_any_is_added(app: App) {
        let grants = vec![grant(Role::CaseWorker, "rayon:KG-O-KSU")];
        let bad = [("aigul", "Aigul", grants.clone()), ("Not A Name", "X", grants.clone())];
        let refused = add_accounts_sharing_password(&app, &Caller::demo(), PASSWORD, &bad).await;
        assert!(matches!(refused, Err(AppError::Invalid(e)) if e[0].rule == "username.format"));
        assert_eq!(app.store.count_users().await.unwrap(), 0, "none added");
        let good = [("aigul", "Aigul", grants.clone()), ("nurlan", "Nurlan", grants)];
        let ids = add_accounts_sharing_password(&app, &Caller::demo(), PASSWORD, &good).await.unwrap();
        for id in ids {
            assert!(verify_password(PASSWORD, &app.store.user(id).await.unwrap().password_hash));
        }
        let audit = app.store.list_audit(&Default::default(), None, 10).await.unwrap();
        assert!(audit.iter().all(|a| a.actor == "demo"), "the demonstration is named in the audit log");
    }

    on_both_backends!(
        accounts_sharing_a_password_are_all_checked_before_any_is_added,
        a_new_account_is_checked_whole_and_its_name_is_taken_once,
        an_administrator_gives_only_grants_within_her_scope_and_reaches_only_users_within_it,
        the_first_administrator_is_added_once_and_names_herself_in_the_audit_log,
        a_new_password_ends_a_lock_and_nobody_disables_herself,
    );
}
