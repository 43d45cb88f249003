//! Administrators manage users: create them with an initial password, give and take roles in
//! scopes, disable them, reset a password.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use emgek_app::accounts::{self, NewAccount};
use emgek_domain::access::{Grant, Role, Scope, Throttle};
use emgek_store::{Source, UserRecord};

use super::account::scope_label;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/users"), get(list_users))
        .route(declared("/users/new"), get(new_user).post(create_user))
        .route(declared("/users/{id}"), get(show_user).post(update_user))
}

/// Rows of role and scope a form offers: the user's grants and two empty rows.
const GRANT_ROWS: usize = 4;

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub grants: String,
    pub disabled: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/list.html")]
struct ListPage {
    ui: Ui,
    users: Vec<UserRow>,
}

fn grants_text(state: &AppState, ui: &Ui, u: &UserRecord) -> String {
    u.access
        .grants
        .iter()
        .map(|g| {
            format!(
                "{} — {}",
                ui.tr.t(&format!("role-{}", g.role.code().replace('_', "-"))),
                scope_label(state, ui, &g.scope)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

async fn list_users(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Result<ListPage, PageError> {
    let users = accounts::managed_users(state.app(), &user.caller(Source::Web)).await?;
    let users = users
        .iter()
        .map(|u| UserRow {
            id: u.id,
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            grants: grants_text(&state, &ui, u),
            disabled: u.disabled,
        })
        .collect();
    Ok(ListPage { ui, users })
}

/// One row of role and scope in the form.
pub struct GrantRow {
    pub role: String,
    pub scope: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "users/form.html")]
struct FormPage {
    ui: Ui,
    id: Option<i64>,
    username: String,
    display_name: String,
    disabled: bool,
    rows: Vec<GrantRow>,
    roles: Vec<(String, String)>,
    scopes: Vec<(String, Vec<(String, String)>)>,
    errors: Vec<(String, String)>,
    saved: bool,
    /// Her failed sign-ins of the last day, from any address.
    failures: i64,
}

/// Whose form it is: nobody yet (a new user) or an existing account.
pub struct Account {
    pub id: Option<i64>,
    pub username: String,
    pub display_name: String,
    pub disabled: bool,
}

async fn form_page(
    state: &AppState,
    ui: Ui,
    by: &CurrentUser,
    who: Account,
    grants: &[(String, String)],
    errors: Vec<(String, String)>,
) -> FormPage {
    let Account { id, username, display_name, disabled } = who;
    let mut rows: Vec<GrantRow> = grants.iter().map(|(r, s)| GrantRow { role: r.clone(), scope: s.clone() }).collect();
    while rows.len() < GRANT_ROWS {
        rows.push(GrantRow { role: String::new(), scope: String::new() });
    }
    let roles = Role::ALL
        .iter()
        .map(|r| (r.code().to_string(), ui.tr.t(&format!("role-{}", r.code().replace('_', "-")))))
        .collect();
    let lang = ui.lang();
    let mut scopes = vec![(ui.tr.t("scope-country"), vec![("country".to_string(), ui.tr.t("scope-country"))])];
    scopes.push((
        ui.tr.t("scope-oblasts"),
        state
            .geo
            .oblasts
            .iter()
            .map(|o| (format!("oblast:{}", o.oblast_code), state.geo.oblast_name(&o.oblast_code, lang)))
            .collect(),
    ));
    for (oblast, rayons) in state.geo.rayon_groups(lang) {
        scopes.push((oblast, rayons.into_iter().map(|(code, name)| (format!("rayon:{code}"), name)).collect()));
    }
    // A form without the facilities still lets an administrator grant the rest.
    let facilities = state.store.facilities().await.unwrap_or_default();
    if !facilities.is_empty() {
        scopes.push((
            ui.tr.t("scope-facilities"),
            facilities.into_iter().map(|f| (format!("facility:{}", f.code), f.name)).collect(),
        ));
    }
    // Only the places the administrator may give grants in are offered.
    for (_, group) in &mut scopes {
        group.retain(|(code, _)| {
            Scope::parse(code).is_some_and(|s| accounts::may_grant_in(&by.caller(Source::Web), &s))
        });
    }
    scopes.retain(|(_, group)| !group.is_empty());
    let since = state.app().clock.now() - Throttle::WINDOW;
    let failures = match id {
        Some(_) => state.store.login_failures_of(&username, since).await.unwrap_or_default(),
        None => 0,
    };
    FormPage { ui, id, username, display_name, disabled, rows, roles, scopes, errors, saved: false, failures }
}

async fn new_user(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> FormPage {
    form_page(
        &state,
        ui,
        &user,
        Account { id: None, username: String::new(), display_name: String::new(), disabled: false },
        &[],
        Vec::new(),
    )
    .await
}

/// The form's fields: `role_0`/`scope_0` … pairs, and the rest by name.
type Fields = Vec<(String, String)>;

fn field<'a>(fields: &'a Fields, name: &str) -> &'a str {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim()).unwrap_or("")
}

/// The grants of the form, or the message of the first row that does not parse.
/// The rows as typed, and the grants they make (or the message of a row that makes none).
type GrantsTyped = (Vec<(String, String)>, Result<Vec<Grant>, String>);

/// Grants an administrator may give are within her own scope; a row beyond it is refused.
fn grants_of(fields: &Fields, ui: &Ui, by: &CurrentUser) -> GrantsTyped {
    let mut raw = Vec::new();
    let mut grants = Vec::new();
    let mut error = None;
    for i in 0..GRANT_ROWS {
        let (role, scope) = (field(fields, &format!("role_{i}")), field(fields, &format!("scope_{i}")));
        if role.is_empty() && scope.is_empty() {
            continue;
        }
        raw.push((role.to_string(), scope.to_string()));
        match (Role::parse(role), Scope::parse(scope)) {
            (Some(role), Some(scope))
                if accounts::may_give(&by.caller(Source::Web), &Grant { role, scope: scope.clone() }) =>
            {
                grants.push(Grant { role, scope })
            }
            (Some(_), Some(_)) => error = Some(ui.tr.rule("grant.out_of_scope")),
            _ => error = Some(ui.tr.rule("grant.incomplete")),
        }
    }
    grants.sort();
    grants.dedup();
    (raw, error.map_or(Ok(grants), Err))
}

async fn create_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    let username = field(&fields, "username").to_lowercase();
    let display_name = field(&fields, "display_name").to_string();
    let password = field(&fields, "password").to_string();
    let (raw, grants) = grants_of(&fields, &ui, &user);
    let (grants, mut errors) = match grants {
        Ok(grants) => (grants, Vec::new()),
        Err(e) => (Vec::new(), vec![("role_0".to_string(), e)]),
    };
    let new = NewAccount {
        username: username.clone(),
        display_name: display_name.clone(),
        password,
        grants,
        temporary: true,
    };
    match accounts::add_user(state.app(), &user.caller(Source::Web), new).await {
        Ok(id) if errors.is_empty() => return Ok(Redirect::to(&format!("/users/{id}?saved=1")).into_response()),
        Ok(_) => {}
        Err(e) => errors.extend(PageError::form_errors(&ui, e)?.into_iter().map(|(f, m)| (grants_field(f), m))),
    }
    let page =
        form_page(&state, ui, &user, Account { id: None, username, display_name, disabled: false }, &raw, errors).await;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

fn stored_grants(u: &UserRecord) -> Vec<(String, String)> {
    u.access.grants.iter().map(|g| (g.role.code().to_string(), g.scope.code())).collect()
}

/// The account of a user the administrator may act on; any other is not found.
async fn managed_user(state: &AppState, by: &CurrentUser, ui: &Ui, id: i64) -> Result<UserRecord, PageError> {
    accounts::managed_user(state.app(), &by.caller(Source::Web), id).await.map_err(|e| PageError::app(ui, e))
}

/// The form shows grant errors at its first row.
fn grants_field(field: String) -> String {
    if field == "grants" { "role_0".to_string() } else { field }
}

async fn show_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    axum::extract::RawQuery(q): axum::extract::RawQuery,
) -> Result<FormPage, PageError> {
    let u = managed_user(&state, &user, &ui, id).await?;
    let mut page = form_page(
        &state,
        ui,
        &user,
        Account {
            id: Some(id),
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            disabled: u.disabled,
        },
        &stored_grants(&u),
        Vec::new(),
    )
    .await;
    page.saved = q.is_some_and(|q| q.contains("saved"));
    Ok(page)
}

/// One form, several actions: `save` (roles and scopes), `disable`, `enable`, `reset`
/// (a new initial password, to be changed at the next sign-in; it opens sign-in too) and
/// `unlock` (opens sign-in shut by failed attempts, the password unchanged).
async fn update_user(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    let target = managed_user(&state, &user, &ui, id).await?;
    let (app, by) = (state.app(), user.caller(Source::Web));
    let mut errors = Vec::new();
    let (raw, grants) = grants_of(&fields, &ui, &user);
    let done = match field(&fields, "action") {
        "disable" => accounts::set_disabled(app, &by, id, true).await,
        "enable" => accounts::set_disabled(app, &by, id, false).await,
        "unlock" => accounts::unlock(app, &by, id).await.map(|_| ()),
        "reset" => accounts::set_password(app, &by, id, field(&fields, "password"), true).await,
        _ => match grants {
            Ok(grants) => accounts::set_grants(app, &by, id, &grants).await,
            Err(e) => {
                errors.push(("role_0".to_string(), e));
                Ok(())
            }
        },
    };
    if let Err(e) = done {
        errors.extend(PageError::form_errors(&ui, e)?.into_iter().map(|(f, m)| (grants_field(f), m)));
    }
    if errors.is_empty() {
        return Ok(Redirect::to(&format!("/users/{id}?saved=1")).into_response());
    }
    let page = form_page(
        &state,
        ui,
        &user,
        Account {
            id: Some(id),
            username: target.username,
            display_name: target.display_name,
            disabled: target.disabled,
        },
        &raw,
        errors,
    )
    .await;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
