//! The public page of the grievance register: a complaint from anyone, signed in or not,
//! anonymous or not, throttled per address, and its receipt. The rules are
//! `emgek_app::grievances`' (`open_public`).

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use emgek_app::grievances as steps;
use emgek_domain::grievance::case::Channel;
use emgek_store::Source;

use super::form::{Failed, FieldView, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/complaints"), get(public_form).post(public_create))
        .route(declared("/complaints/sent"), get(public_sent))
}

/// The public page: a complaint from anyone, signed in or not, anonymous or not.
#[derive(Template, WebTemplate)]
#[template(path = "grievances/public.html")]
struct PublicPage {
    ui: Ui,
    fields: Vec<FieldView>,
    errors: Vec<(String, String)>,
}

const PUBLIC_FIELDS: [&str; 7] = ["category", "rayon", "anonymous", "name", "contact", "language", "summary"];

async fn public_page(state: &AppState, mut ui: Ui, failed: Failed) -> Result<PublicPage, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let categories = super::grievances::categories(state, &ui, true, false).await?;
    let f = |name: &'static str, default: &str| failed.field(&ui, "grievance", name, default);
    let mut category = f("category", "").required().select(vec![choose(&ui)]);
    category.groups = categories;
    let mut rayon = f("rayon", "").required().select(vec![choose(&ui)]);
    rayon.groups = state.geo.rayon_groups(ui.lang());
    let yes_no = vec![("no".to_string(), ui.tr.t("no")), ("yes".to_string(), ui.tr.t("yes"))];
    let languages =
        vec![("ky".into(), "Кыргызча".into()), ("ru".into(), "Русский".into()), ("en".into(), "English".into())];
    let fields = vec![
        category,
        rayon,
        f("anonymous", "no").select(yes_no),
        f("name", ""),
        f("contact", "").input("tel"),
        f("language", ui.lang_code()).select(languages),
        f("summary", "").required().input("textarea"),
    ];
    Ok(PublicPage { fields, errors: failed.summary(&ui), ui })
}

async fn public_form(State(state): State<AppState>, ui: Ui) -> Result<PublicPage, PageError> {
    public_page(&state, ui, Failed::default()).await
}

async fn public_create(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(typed): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    // A person sends a few complaints an hour at most; a script sending many is stopped here,
    // before anything is written (each server counts its own).
    if !state.complaints.allow(&user.ip) {
        return Err(PageError::new(&ui, axum::http::StatusCode::TOO_MANY_REQUESTS));
    }
    let get = |k: &str| typed.get(k).cloned().unwrap_or_default();
    let form = steps::GrievanceForm {
        channel: Channel::Web.code().into(),
        category: get("category"),
        rayon: get("rayon"),
        anonymous: get("anonymous") == "yes",
        name: get("name"),
        contact: get("contact"),
        language: get("language"),
        summary: get("summary"),
        ..steps::GrievanceForm::default()
    };
    let typed: BTreeMap<String, String> =
        typed.into_iter().filter(|(k, _)| PUBLIC_FIELDS.contains(&k.as_str())).collect();
    let caller = emgek_app::Caller::anonymous(user.ip.clone(), Source::Web);
    let result = steps::open_public(state.app(), &caller, &form).await;
    respond(
        ui,
        result,
        Sent::new("grievance", typed, "summary"),
        |opened| {
            let q = serde_urlencoded::to_string([
                ("number", opened.number.to_string()),
                ("by", opened.answer_by.to_string()),
            ])
            .unwrap_or_default();
            format!("/complaints/sent?{q}")
        },
        async |ui, failed| public_page(&state, ui, failed).await,
    )
    .await
}

#[derive(Template, WebTemplate)]
#[template(path = "grievances/public_sent.html")]
struct PublicSentPage {
    ui: Ui,
    number: String,
    answer_by: String,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct SentQuery {
    number: String,
    by: String,
}

/// The complaint's receipt: its number and the day it will be answered by, as the form's
/// answer named them (this page reads nothing stored).
async fn public_sent(mut ui: Ui, Query(q): Query<SentQuery>) -> Result<PublicSentPage, PageError> {
    ui.tr = ui.tr.scoped("grievance");
    let number = emgek_domain::grievance::case::GrievanceNumber::parse(&q.number)
        .ok_or_else(|| PageError::new(&ui, axum::http::StatusCode::NOT_FOUND))?;
    let answer_by = emgek_domain::household::parse_date(&q.by).map(|d| ui.tr.date(&d)).unwrap_or_default();
    Ok(PublicSentPage { number: number.to_string(), answer_by, ui })
}
