//! A call's district commissions for its administrators: set one up per rayon, with its quorum
//! and conflict-of-interest rule, and seat its members.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_store::Source;

use super::form::Saved;
use super::form::summary;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/calls/{id}/commissions"), get(show_commissions).post(create_commission))
        .route(declared("/commissions/{id}/members"), post(add_member))
}

pub struct MemberLine {
    pub name: String,
    pub aiyl_okmotu: String,
}

pub struct CommissionLine {
    pub id: i64,
    pub rayon: String,
    pub name: String,
    pub quorum: i64,
    pub conflict_rule: String,
    pub members: Vec<MemberLine>,
    /// Users who may review this rayon and are not seated yet: id and name.
    pub candidates: Vec<(i64, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/commissions.html")]
struct CommissionsPage {
    ui: Ui,
    call_id: i64,
    call_title: String,
    commissions: Vec<CommissionLine>,
    rayons: Vec<(String, Vec<(String, String)>)>,
    /// Which form failed (`new`, or `members-<id>`), its errors and what was typed in it.
    failed: String,
    errors: Vec<(String, String)>,
    typed: BTreeMap<String, String>,
    saved: bool,
}

impl CommissionsPage {
    fn typed(&self, form: &str, name: &str) -> &str {
        if self.failed == form { self.typed.get(name).map(String::as_str).unwrap_or("") } else { "" }
    }
}

async fn commissions_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    call: i64,
    failed: &str,
    errors: &[FieldError],
    typed: BTreeMap<String, String>,
) -> Result<CommissionsPage, PageError> {
    let caller = user.caller(Source::Web);
    let call_row = state.store.call(call).await?;
    let users = state.store.list_users().await?;
    let name_of = |id: i64| {
        users.iter().find(|u| u.id == id).map(|u| format!("{} ({})", u.display_name, u.username)).unwrap_or_default()
    };
    let commissions = state
        .store
        .commissions(call)
        .await?
        .into_iter()
        .filter_map(|(c, members)| {
            let oblast = emgek_domain::geography::rayon(&c.rayon_code)?.oblast;
            caller.may(Permission::ManageProgrammes, oblast, &c.rayon_code).then(|| CommissionLine {
                id: c.commission_id,
                rayon: state.geo.rayon_name(&c.rayon_code, ui.lang()),
                name: c.name,
                quorum: c.quorum,
                conflict_rule: ui.tr.t(&format!("conflict-rule-{}", c.conflict_rule.replace('_', "-"))),
                candidates: users
                    .iter()
                    .filter(|u| {
                        emgek_app::social_contract::commissions::may_sit(u, &c.rayon_code)
                            && !members.iter().any(|m| m.user_id == u.id)
                    })
                    .map(|u| (u.id, format!("{} ({})", u.display_name, u.username)))
                    .collect(),
                members: members
                    .into_iter()
                    .map(|m| MemberLine { name: name_of(m.user_id), aiyl_okmotu: m.aiyl_okmotu })
                    .collect(),
            })
        })
        .collect();
    let rayons = state
        .geo
        .rayon_groups(ui.lang())
        .into_iter()
        .map(|(oblast, list)| {
            let list = list
                .into_iter()
                .filter(|(code, _)| state.app().reach(&caller).rayon(Permission::ManageProgrammes, code).is_ok())
                .collect::<Vec<_>>();
            (oblast, list)
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    Ok(CommissionsPage {
        call_id: call,
        call_title: call_row.title,
        commissions,
        rayons,
        failed: failed.to_string(),
        errors: summary(&ui, errors),
        typed,
        saved: false,
        ui,
    })
}

async fn show_commissions(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<CommissionsPage, PageError> {
    let mut page = commissions_page(&state, &user, ui, call, "", &[], BTreeMap::new()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

/// The page again with the failed form's errors and what was typed, or an error page.
async fn refused(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    call: i64,
    failed: &str,
    problem: AppError,
    typed: BTreeMap<String, String>,
) -> Result<Response, PageError> {
    let (status, errors) = match problem {
        AppError::Invalid(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors),
        AppError::Conflict(rule) | AppError::Store(emgek_store::StoreError::Conflict(rule)) => {
            (StatusCode::CONFLICT, vec![FieldError::new(if failed == "new" { "rayon" } else { "user_id" }, rule, "")])
        }
        other => return Err(PageError::app(&ui, other)),
    };
    let page = commissions_page(state, user, ui, call, failed, &errors, typed).await?;
    Ok((status, page).into_response())
}

async fn create_commission(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(call): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let c = emgek_app::social_contract::NewCommission {
        rayon: get("rayon"),
        name: get("name"),
        quorum: get("quorum"),
        conflict_rule: get("conflict_rule"),
    };
    let result = emgek_app::social_contract::create_commission(state.app(), &user.caller(Source::Web), call, c).await;
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/calls/{call}/commissions?saved=1")).into_response()),
        Err(problem) => refused(&state, &user, ui, call, "new", problem, form).await,
    }
}

async fn add_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let call = state.store.commission(id).await?.call_id;
    let member = get("user_id").parse::<i64>().unwrap_or(0);
    match emgek_app::social_contract::add_commission_member(
        state.app(),
        &user.caller(Source::Web),
        id,
        member,
        get("aiyl_okmotu"),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/calls/{call}/commissions?saved=1")).into_response()),
        Err(problem) => refused(&state, &user, ui, call, &format!("members-{id}"), problem, form).await,
    }
}
