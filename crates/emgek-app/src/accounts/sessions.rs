//! Signing in and out, and the sessions a signed-in browser holds.
//!
//! Sign-in is throttled per user name and per address, every attempt is in the audit log, and
//! an unknown name is answered as a wrong password is (after the same work). A session's cookie
//! holds a random token; the database keeps only its digest, with the session's CSRF token. A
//! session ends [`IDLE_TIMEOUT`] after its last request or [`ABSOLUTE_TIMEOUT`] after sign-in.

use emgek_domain::access::Throttle;
use emgek_store::{AuditEntry, UserRecord};
use time::{Duration, OffsetDateTime};

use super::{secrets, verify_nothing, verify_password};
use crate::{App, AppError, Caller};

/// A session ends after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::hours(12);
/// How long failures count against an address whatever names it tries; a name's failures from
/// one address count for [`Throttle::WINDOW`].
pub const ADDRESS_WINDOW: Duration = Duration::hours(1);
/// The longest user name and password a sign-in may send, in characters: longer is refused
/// before anything is looked up or written.
pub const MAX_USERNAME_CHARS: usize = 100;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// What a sign-in came to.
#[derive(Debug)]
pub enum SignIn {
    /// Signed in: the session's cookie token, and who she is.
    Opened { session: String, user: UserRecord },
    /// A wrong name or password, or a disabled user: the same answer for each.
    Failed,
    /// Too many failures for this name or this address: sign-in is shut for this many minutes.
    Shut { minutes: i64 },
}

/// Signs in `username` with `password` from the caller's address (`caller` is anonymous).
pub async fn sign_in(app: &App, caller: &Caller, username: &str, password: &str) -> Result<SignIn, AppError> {
    if username.chars().count() > MAX_USERNAME_CHARS || password.chars().count() > MAX_PASSWORD_CHARS {
        return Ok(SignIn::Failed);
    }
    let username = username.trim().to_lowercase();
    let ip = caller.ip.clone();
    let store = &app.store;
    let audit = |action: &str, detail: serde_json::Value| AuditEntry {
        actor: username.clone(),
        ip: ip.clone(),
        action: action.into(),
        object: format!("user:{username}"),
        detail,
    };
    let now = app.clock.now();
    let by_name = store.login_failures(Some(&username), &ip, now - Throttle::WINDOW, 64).await?;
    let by_address = store.login_failures(None, &ip, now - ADDRESS_WINDOW, 64).await?;
    let shut_until = |throttle: Throttle, times: &[OffsetDateTime], failed: usize| {
        let last = times.iter().max().copied().unwrap_or(now);
        throttle.shut_until(u32::try_from(times.len() + failed).unwrap_or(u32::MAX), last)
    };
    let shut = [shut_until(Throttle::PER_NAME, &by_name, 0), shut_until(Throttle::PER_ADDRESS, &by_address, 0)]
        .into_iter()
        .flatten()
        .max()
        .filter(|until| *until > now);
    // While shut nothing is written: the failure that shut it is in the audit log, and
    // attempts beyond it would only let anyone grow the log (and the wait).
    if let Some(until) = shut {
        return Ok(SignIn::Shut { minutes: ((until - now).whole_seconds() + 59) / 60 });
    }
    let found = store.user_by_username(&username).await?;
    let given = password.to_string();
    let hash = found.as_ref().map(|u| u.password_hash.clone());
    let verified = tokio::task::spawn_blocking(move || match hash {
        Some(hash) => verify_password(&given, &hash),
        None => {
            verify_nothing(&given);
            false
        }
    })
    .await
    .unwrap_or(false);
    let Some(found) = found.filter(|u| verified && !u.disabled) else {
        store.record_login_failure(&username, &ip, now - Throttle::WINDOW).await?;
        let (name_shut, address_shut) = (
            shut_until(Throttle::PER_NAME, &by_name, 1).map(|t| t - now),
            shut_until(Throttle::PER_ADDRESS, &by_address, 1).map(|t| t - now),
        );
        let wait = name_shut.into_iter().chain(address_shut).max().map(|w| w.whole_seconds());
        let detail = serde_json::json!({ "locked": wait.is_some(), "wait_seconds": wait });
        store.audit(&audit("login.failure", detail)).await?;
        return Ok(SignIn::Failed);
    };
    store.clear_login_failures(&username).await?;
    store.audit(&audit("login.success", serde_json::json!({}))).await?;
    let session = open(app, found.id, &ip).await?;
    Ok(SignIn::Opened { session, user: found })
}

/// Opens a session for a user signed in from `ip`: the cookie's token.
pub async fn open(app: &App, user_id: i64, ip: &str) -> Result<String, AppError> {
    let token = secrets::random_token();
    let expires = app.clock.now() + ABSOLUTE_TIMEOUT;
    app.store.create_session(user_id, &secrets::digest(&token), &secrets::random_token(), ip, expires).await?;
    Ok(token)
}

/// The user of a live session and the session's CSRF token; a session past its time ends here.
pub async fn of_cookie(app: &App, cookie: &str) -> Result<Option<(UserRecord, String)>, AppError> {
    let hash = secrets::digest(cookie);
    let Some((session_id, csrf, expires, seen, user)) = app.store.session(&hash).await? else {
        return Ok(None);
    };
    let now = app.clock.now();
    if user.disabled || now > expires || now - seen > IDLE_TIMEOUT {
        app.store.delete_session(&hash).await?;
        return Ok(None);
    }
    if now - seen > Duration::minutes(1) {
        app.store.touch_session(session_id).await?;
    }
    Ok(Some((user, csrf)))
}

/// Signs the caller out: her session (if the cookie names one) ends, and the audit log says so.
pub async fn sign_out(app: &App, caller: &Caller, cookie: Option<&str>) -> Result<(), AppError> {
    if let Some(token) = cookie {
        app.store.delete_session(&secrets::digest(token)).await?;
    }
    let entry = AuditEntry::new(&caller.actor(), "logout", format!("user:{}", caller.name), serde_json::json!({}));
    Ok(app.store.audit(&entry).await?)
}

#[cfg(test)]
mod tests {
    use emgek_store::Source;

    use super::*;
    use crate::accounts::{self, NewAccount};
    use crate::testing::on_both_backends;

    async fn a_session_opens_with_the_right_password_and_ends_when_idle_or_signed_out(app: App) {
        let root = Caller::operator("root");
        let new = NewAccount {
            username: "aigul".into(),
            display_name: "Айгүл".into(),
            password: "a long enough pass phrase".into(),
            grants: vec![],
            temporary: false,
        };
        accounts::add_user(&app, &root, new).await.unwrap();
        let browser = Caller::anonymous("198.51.100.7", Source::Web);
        let wrong = sign_in(&app, &browser, "aigul", "not the password").await.unwrap();
        assert!(matches!(wrong, SignIn::Failed));
        let unknown = sign_in(&app, &browser, "nobody", "a long enough pass phrase").await.unwrap();
        assert!(matches!(unknown, SignIn::Failed), "an unknown name is answered as a wrong password");
        let SignIn::Opened { session, user } =
            sign_in(&app, &browser, " AIGUL ", "a long enough pass phrase").await.unwrap()
        else {
            panic!("the right password opens a session")
        };
        assert_eq!(user.username, "aigul");
        let (found, csrf) = of_cookie(&app, &session).await.unwrap().expect("a live session");
        assert_eq!((found.username.as_str(), csrf.len()), ("aigul", 64));
        let later = app.clone().with_clock(crate::Clock::Fixed(app.clock.now() + IDLE_TIMEOUT + Duration::minutes(1)));
        assert!(of_cookie(&later, &session).await.unwrap().is_none(), "idle too long: ended");
        assert!(of_cookie(&app, &session).await.unwrap().is_none(), "and gone for good");
        let again = match sign_in(&app, &browser, "aigul", "a long enough pass phrase").await.unwrap() {
            SignIn::Opened { session, .. } => session,
            other => panic!("{other:?}"),
        };
        sign_out(&app, &browser, Some(&again)).await.unwrap();
        assert!(of_cookie(&app, &again).await.unwrap().is_none(), "signed out: ended");
    }

    on_both_backends!(a_session_opens_with_the_right_password_and_ends_when_idle_or_signed_out);
}
