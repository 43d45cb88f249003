//! The national Expert Group that reviews prison enterprises' business plans: its name, quorum
//! and members for everyone who reads the enterprises; national administrators set it up and
//! seat its members here.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_store::Source;

use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::prison::plans as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/enterprises/expert-group"), get(show).post(set_group))
        .route(declared("/enterprises/expert-group/members"), post(seat_member))
}

#[derive(Template, WebTemplate)]
#[template(path = "prison/expert_group.html")]
struct GroupPage {
    ui: Ui,
    /// Name and quorum, once set up.
    group: Option<(String, i64)>,
    /// Members as "name (username)".
    members: Vec<String>,
    /// National administrators' forms; empty for everyone else.
    group_form: Vec<FieldView>,
    member_form: Vec<FieldView>,
    /// A national administrator, and nobody is left to seat.
    no_candidates: bool,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn group_page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<GroupPage, PageError> {
    let caller = user.caller(Source::Web);
    let group = state.store.expert_group().await?;
    let users = state.store.list_users().await?;
    let label = |u: &emgek_store::UserRecord| format!("{} ({})", u.display_name, u.username);
    let seated = |id: i64| group.as_ref().is_some_and(|(_, m)| m.iter().any(|m| m.user_id == id));
    let members = users.iter().filter(|u| seated(u.id)).map(label).collect();
    let national = caller.national(Permission::ManageEnterprises);
    let (group_form, member_form, no_candidates) = if national {
        let (name, quorum) = group.as_ref().map(|(g, _)| (g.name.clone(), g.quorum.to_string())).unwrap_or_default();
        let group_form = vec![
            failed.field(&ui, "group", "name", &name).required(),
            failed.field(&ui, "group", "quorum", &quorum).required().numeric(),
        ];
        let candidates: Vec<(String, String)> = users
            .iter()
            .filter(|u| !seated(u.id) && emgek_app::prison::plans::may_sit_in_expert_group(u))
            .map(|u| (u.id.to_string(), label(u)))
            .collect();
        let none_left = group.is_some() && candidates.is_empty();
        let member_form = if group.is_some() && !candidates.is_empty() {
            vec![failed.field(&ui, "member", "user_id", "").required().select([vec![choose(&ui)], candidates].concat())]
        } else {
            Vec::new()
        };
        (group_form, member_form, none_left)
    } else {
        (Vec::new(), Vec::new(), false)
    };
    Ok(GroupPage {
        group: group.map(|(g, _)| (g.name, g.quorum)),
        members,
        group_form,
        member_form,
        no_candidates,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<GroupPage, PageError> {
    let mut page = group_page(&state, &user, ui, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn answer<T>(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    sent: Sent<'_>,
    result: Result<T, emgek_app::AppError>,
) -> Result<Response, PageError> {
    respond(
        ui,
        result,
        sent,
        |_| "/enterprises/expert-group?saved=1".to_string(),
        async |ui, failed| group_page(state, user, ui, failed).await,
    )
    .await
}

async fn set_group(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result = steps::set_expert_group(state.app(), &user.caller(Source::Web), get("name"), get("quorum")).await;
    answer(&state, &user, ui, Sent::new("group", form, "name"), result).await
}

async fn seat_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let member = form.get("user_id").and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or(0);
    let result = steps::add_expert(state.app(), &user.caller(Source::Web), member).await;
    answer(&state, &user, ui, Sent::new("member", form, "user_id"), result).await
}
