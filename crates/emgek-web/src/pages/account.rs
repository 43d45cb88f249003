//! Signing in and out, the first administrator, one's own account, password and API tokens.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_app::AppError;
use emgek_app::accounts;
use emgek_domain::access::{Scope, check_password};
use emgek_store::{Source, TokenRow};
use serde::Deserialize;

use super::form::Saved;
use crate::auth::routes::declared;
use crate::auth::{CurrentUser, end_session_cookie, session_cookie};
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::accounts::sessions::{self, SignIn};
use emgek_app::accounts::{secrets, tokens};

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/login"), get(show_login).post(login))
        .route(declared("/logout"), post(logout))
        .route(declared("/setup"), get(show_setup).post(setup))
        .route(declared("/account"), get(show_account))
        .route(declared("/account/password"), get(show_password).post(change_password))
        .route(declared("/account/tokens"), get(show_tokens).post(create_token))
        .route(declared("/account/tokens/{id}/revoke"), post(revoke_token))
}

fn see_other(to: &str, cookie: Option<String>) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    r.headers_mut().insert(LOCATION, HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")));
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        r.headers_mut().insert(SET_COOKIE, c);
    }
    r
}

/// A `next` that stays on this site: a path from its root, `/` otherwise. Browsers read a
/// backslash as a slash and drop tabs and line breaks, so `/\evil.example` and
/// `/%09/evil.example` lead elsewhere: a path holding either is not local.
pub fn local(next: &str) -> &str {
    let plain = !next.chars().any(|c| c == '\\' || c.is_control() || c.is_whitespace());
    if plain && next.starts_with('/') && !next.starts_with("//") { next } else { "/" }
}

pub struct DemoAccount {
    pub username: &'static str,
    pub role: String,
    pub scope: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/login.html")]
struct LoginPage {
    ui: Ui,
    next: String,
    username: String,
    error: Option<String>,
    notice: Option<String>,
    demo: Vec<DemoAccount>,
    demo_password: &'static str,
    /// The sign-in form's token, also set in the [`LOGIN_COOKIE`]: a form posted from another
    /// site has no way to know it (login CSRF, in browsers that send no `Sec-Fetch-Site`).
    login_token: String,
}

/// The cookie that carries the sign-in form's token, for the sign-in address only.
pub const LOGIN_COOKIE: &str = "emgek_login";

impl LoginPage {
    /// The page with its status, setting the cookie that goes with its form's token.
    fn respond(self, state: &AppState, status: StatusCode) -> Response {
        let secure = if state.secure_cookies { "; Secure" } else { "" };
        let cookie = format!(
            "{LOGIN_COOKIE}={}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{secure}",
            self.login_token
        );
        let mut response = (status, self).into_response();
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, value);
        }
        response
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct LoginQuery {
    next: String,
    done: String,
}

fn login_page(
    state: &AppState,
    ui: Ui,
    next: String,
    username: String,
    error: Option<String>,
    notice: Option<String>,
) -> LoginPage {
    let demo = if state.demo {
        emgek_app::demo::DEMO_USERS
            .iter()
            .map(|(u, _, role, scope)| DemoAccount {
                username: u,
                role: ui.tr.t(&format!("role-{}", role.code().replace('_', "-"))),
                scope: scope_label(state, &ui, &Scope::parse(scope).expect("demo scope")),
            })
            .collect()
    } else {
        Vec::new()
    };
    let login_token = secrets::random_token();
    LoginPage { ui, next, username, error, notice, demo, demo_password: emgek_app::demo::DEMO_PASSWORD, login_token }
}

/// A scope in words: "Kara-Suu District", "the whole country".
pub fn scope_label(state: &AppState, ui: &Ui, scope: &Scope) -> String {
    match scope {
        Scope::Country => ui.tr.t("scope-country"),
        Scope::Oblast(o) => state.geo.oblast_name(o, ui.lang()),
        Scope::Rayon(r) => state.geo.rayon_name(r, ui.lang()),
        Scope::Facility(f) => format!("{} {f}", ui.tr.t("scope-facility")),
    }
}

async fn show_login(State(state): State<AppState>, ui: Ui, Query(q): Query<LoginQuery>) -> Response {
    if state.needs_setup() {
        return see_other("/setup", None);
    }
    let notice = match q.done.as_str() {
        "setup" => Some(ui.tr.t("setup-done")),
        "logout" => Some(ui.tr.t("logged-out")),
        _ => None,
    };
    login_page(&state, ui, q.next, String::new(), None, notice).respond(&state, StatusCode::OK)
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
    #[serde(default)]
    next: String,
    /// The form's token, which must match the [`LOGIN_COOKIE`].
    #[serde(default)]
    _login: String,
}

/// Signs in: throttled per user name and per address, every attempt in the audit log, and the
/// same answer for an unknown name as for a wrong password.
async fn login(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    headers: axum::http::HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let cookie = crate::auth::cookie_value(&headers, LOGIN_COOKIE).unwrap_or_default();
    if cookie.is_empty() || cookie != form._login {
        return Err(PageError::csrf(&ui));
    }
    let signed_in = sessions::sign_in(state.app(), &user.caller(Source::Web), &form.username, &form.password).await?;
    let username = form.username.trim().to_lowercase();
    match signed_in {
        SignIn::Opened { session, user } => {
            let to = if user.must_change_password { "/account/password" } else { local(&form.next) };
            Ok(see_other(to, Some(session_cookie(&state, &session))))
        }
        SignIn::Shut { minutes } => {
            let message = ui.tr.count("login-locked", minutes);
            let page = login_page(&state, ui.clone(), form.next, username, Some(message), None);
            Ok(page.respond(&state, StatusCode::TOO_MANY_REQUESTS))
        }
        SignIn::Failed => {
            let too_long = form.username.chars().count() > sessions::MAX_USERNAME_CHARS;
            let (shown, status) = if too_long || form.password.chars().count() > sessions::MAX_PASSWORD_CHARS {
                (String::new(), StatusCode::UNPROCESSABLE_ENTITY)
            } else {
                (username, StatusCode::UNAUTHORIZED)
            };
            let page = login_page(&state, ui.clone(), form.next, shown, Some(ui.tr.t("login-failed")), None);
            Ok(page.respond(&state, status))
        }
    }
}

async fn logout(
    State(state): State<AppState>,
    user: CurrentUser,
    headers: axum::http::HeaderMap,
) -> Result<Response, PageError> {
    let cookie = crate::auth::cookie_value(&headers, crate::auth::SESSION_COOKIE);
    sessions::sign_out(state.app(), &user.caller(Source::Web), cookie.as_deref()).await?;
    Ok(see_other("/login?done=logout", Some(end_session_cookie(&state))))
}

#[derive(Template, WebTemplate)]
#[template(path = "account/setup.html")]
struct SetupPage {
    ui: Ui,
    username: String,
    display_name: String,
    errors: Vec<(String, String)>,
}

async fn show_setup(State(state): State<AppState>, ui: Ui) -> Response {
    if !state.needs_setup() {
        return see_other("/login", None);
    }
    SetupPage { ui, username: String::new(), display_name: String::new(), errors: Vec::new() }.into_response()
}

#[derive(Deserialize)]
struct SetupForm {
    username: String,
    display_name: String,
    password: String,
    password_again: String,
}

/// Creates the first administrator, once, on an installation without users.
async fn setup(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<SetupForm>,
) -> Result<Response, PageError> {
    if !state.needs_setup() || state.store.count_users().await? > 0 {
        state.setup_done();
        return Ok(see_other("/login", None));
    }
    let username = form.username.trim().to_lowercase();
    // The second copy of the password is the form's own check.
    if form.password != form.password_again && check_password(&form.password, &username).is_ok() {
        let errors = vec![("password_again".to_string(), ui.tr.rule("password.mismatch"))];
        let page = SetupPage { ui, username, display_name: form.display_name, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let caller = user.caller(Source::Web);
    let added = accounts::add_first_administrator(state.app(), &caller, &username, &form.display_name, &form.password);
    match added.await {
        Ok(_) | Err(AppError::Refused(_)) => {}
        Err(e) => {
            let errors = PageError::form_errors(&ui, e)?;
            let page = SetupPage { ui, username, display_name: form.display_name, errors };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    }
    state.setup_done();
    Ok(see_other("/login?done=setup", None))
}

pub struct GrantView {
    pub role: String,
    pub scope: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/account.html")]
struct AccountPage {
    ui: Ui,
    username: String,
    grants: Vec<GrantView>,
    saved: bool,
}

async fn show_account(State(state): State<AppState>, user: CurrentUser, ui: Ui, Query(q): Query<Saved>) -> Response {
    let grants = user
        .access
        .grants
        .iter()
        .map(|g| GrantView {
            role: ui.tr.t(&format!("role-{}", g.role.code().replace('_', "-"))),
            scope: scope_label(&state, &ui, &g.scope),
        })
        .collect();
    AccountPage { username: user.name.clone(), grants, saved: !q.saved.is_empty(), ui }.into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "account/password.html")]
struct PasswordPage {
    ui: Ui,
    forced: bool,
    errors: Vec<(String, String)>,
}

async fn show_password(user: CurrentUser, ui: Ui) -> PasswordPage {
    PasswordPage { ui, forced: user.must_change_password, errors: Vec::new() }
}

#[derive(Deserialize)]
struct PasswordForm {
    current: String,
    password: String,
    password_again: String,
}

/// Changes one's own password; every other session of the user ends, this one is renewed.
async fn change_password(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let Some(id) = user.id else { return Ok(see_other("/login", None)) };
    // The second copy of the password is the form's own check; the rest is the use case's.
    let errors = if form.password != form.password_again && check_password(&form.password, &user.name).is_ok() {
        vec![("password_again".to_string(), ui.tr.rule("password.mismatch"))]
    } else {
        let caller = user.caller(Source::Web);
        let changed = accounts::change_own_password(state.app(), &caller, &form.current, &form.password);
        match changed.await {
            Ok(()) => Vec::new(),
            Err(e) => PageError::form_errors(&ui, e)?,
        }
    };
    if !errors.is_empty() {
        let page = PasswordPage { ui, forced: user.must_change_password, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let session = sessions::open(state.app(), id, &user.ip).await?;
    Ok(see_other("/account?saved=password", Some(session_cookie(&state, &session))))
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created: String,
    pub last_used: String,
    pub revoked: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    ui: Ui,
    tokens: Vec<TokenView>,
    new_token: Option<String>,
    error: Option<String>,
}

fn token_views(ui: &Ui, rows: &[TokenRow]) -> Vec<TokenView> {
    rows.iter()
        .map(|t| TokenView {
            id: t.api_token_id,
            name: t.name.clone(),
            prefix: t.prefix.clone(),
            created: ui.tr.date(&t.created_at.date()),
            last_used: t.last_used_at.map(|d| ui.tr.date(&d.date())).unwrap_or_else(|| "—".into()),
            revoked: t.revoked_at.is_some(),
        })
        .collect()
}

async fn tokens_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    new_token: Option<String>,
    error: Option<String>,
) -> Result<TokensPage, PageError> {
    let rows = tokens::list(state.app(), &user.caller(Source::Web)).await?;
    Ok(TokensPage { tokens: token_views(&ui, &rows), new_token, error, ui })
}

async fn show_tokens(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Result<TokensPage, PageError> {
    tokens_page(&state, &user, ui, None, None).await
}

#[derive(Deserialize)]
struct TokenForm {
    name: String,
}

/// Creates an API token carrying the user's own permissions; it is shown once, here.
async fn create_token(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    match tokens::mint(state.app(), &user.caller(Source::Web), &form.name).await {
        Ok(token) => Ok(tokens_page(&state, &user, ui, Some(token), None).await?.into_response()),
        Err(AppError::Invalid(errors)) => {
            let error = errors.first().map(|e| ui.tr.rule(e.rule));
            let page = tokens_page(&state, &user, ui, None, error).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::app(&ui, e)),
    }
}

async fn revoke_token(
    State(state): State<AppState>,
    user: CurrentUser,
    Path(token_id): Path<i64>,
) -> Result<Response, PageError> {
    tokens::revoke(state.app(), &user.caller(Source::Web), token_id).await?;
    Ok(see_other("/account/tokens", None))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_next_address_that_a_browser_would_read_as_another_site_leads_home() {
        for away in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "https://evil.example",
            "/ /x",
        ] {
            assert_eq!(super::local(away), "/", "{away:?}");
        }
        assert_eq!(super::local("/households?page=2"), "/households?page=2");
    }
}
