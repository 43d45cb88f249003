//! Adding a person to a household and correcting a person's record.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use emgek_app::registry;
use emgek_domain::FieldError;
use emgek_domain::household::MemberInput;
use emgek_store::Source;

use super::form::{FieldView, member_fields, summary};
use super::households::Correcting;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_domain::access::Permission;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/households/{id}/members/new"), get(new_member).post(create_member))
        .route(declared("/members/{id}/edit"), get(edit_member).post(update_member))
}

#[derive(Template, WebTemplate)]
#[template(path = "members/form.html")]
struct MemberPage {
    ui: Ui,
    title: String,
    action: String,
    cancel: String,
    fields: Vec<FieldView>,
    errors: Vec<(String, String)>,
}

fn page(
    ui: Ui,
    title: String,
    action: String,
    cancel: String,
    input: &MemberInput,
    errors: &[FieldError],
) -> MemberPage {
    MemberPage { fields: member_fields(&ui, input, errors), errors: summary(&ui, errors), title, action, cancel, ui }
}

async fn new_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
) -> Result<MemberPage, PageError> {
    let household = crate::scope::household(&state, &user, Permission::EditRegistry, id).await?;
    let title = format!("{} {}", ui.tr.t("member-new"), household.fields.household_ref);
    let input = MemberInput { disability: "none".into(), ..Default::default() };
    Ok(page(ui, title, format!("/households/{id}/members/new"), format!("/households/{id}"), &input, &[]))
}

async fn create_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(input): Form<MemberInput>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let household = registry::household(state.app(), &caller, Permission::EditRegistry, id).await?;
    let errors = match registry::add_member(state.app(), &caller, id, &input).await {
        Ok(_) => return Ok(Redirect::to(&format!("/households/{id}?saved=1")).into_response()),
        Err(e) => PageError::field_errors(&ui, e)?,
    };
    let title = format!("{} {}", ui.tr.t("member-new"), household.fields.household_ref);
    let page = page(ui, title, format!("/households/{id}/members/new"), format!("/households/{id}"), &input, &errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn edit_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Correcting>,
) -> Result<MemberPage, PageError> {
    let member = registry::open_member(state.app(), &user.caller(Source::Web), id).await?;
    let correcting = q.checked(&state, &user, member.household_id).await;
    let (title, suffix) = titled(&ui, &member.fields.full_name, &correcting);
    let cancel = format!("/households/{}{suffix}", member.household_id);
    Ok(page(ui, title, format!("/members/{id}/edit{suffix}"), cancel, &member.fields.to_input(), &[]))
}

/// The edit page's title and what its addresses carry, when it corrects for a grievance.
fn titled(ui: &Ui, name: &str, correcting: &Option<(i64, String)>) -> (String, String) {
    let title = match correcting {
        Some((_, number)) => format!("{} {name} · {number}", ui.tr.t("member-edit")),
        None => format!("{} {name}", ui.tr.t("member-edit")),
    };
    (title, Correcting::suffix(correcting))
}

async fn update_member(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Correcting>,
    Form(input): Form<MemberInput>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let member = registry::member(state.app(), &caller, Permission::EditRegistry, id).await?;
    let errors = match registry::correct_member(state.app(), &caller, id, &input, q.grievance).await {
        Ok(household) => {
            let more = q.grievance.map(|g| format!("&grievance={g}")).unwrap_or_default();
            return Ok(Redirect::to(&format!("/households/{household}?saved=1{more}")).into_response());
        }
        Err(e) => PageError::field_errors(&ui, e)?,
    };
    let correcting = q.checked(&state, &user, member.household_id).await;
    let (title, suffix) = titled(&ui, &member.fields.full_name, &correcting);
    let cancel = format!("/households/{}{suffix}", member.household_id);
    let page = page(ui, title, format!("/members/{id}/edit{suffix}"), cancel, &input, &errors);
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
