//! The texts of the messages families are sent, for the programmes' administrators: each
//! event's newest text in Kyrgyz and Russian (or the standard one), who wrote it, and for the
//! national administrators a form to write a new version; beside them, how many messages of
//! each kind were sent, delivered or failed. The rules are `emgek_app::notices`'.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use emgek_app::AppError;
use emgek_app::notices;
use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::notice::{NoticeEvent, NoticeLanguage, NoticeState};
use emgek_store::Source;

use super::form::{Saved, summary};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/notices"), get(show).post(write))
}

/// The events a family is written to about (a status reply answers her own message).
const EVENTS: [NoticeEvent; 11] = [
    NoticeEvent::ApplicationReceived,
    NoticeEvent::ApplicationReturned,
    NoticeEvent::Decision,
    NoticeEvent::ContractReady,
    NoticeEvent::TranchePaid,
    NoticeEvent::ReportDue,
    NoticeEvent::ReportOverdue,
    NoticeEvent::RefundClaimed,
    NoticeEvent::GrievanceReceived,
    NoticeEvent::GrievanceEscalated,
    NoticeEvent::GrievanceClosed,
];

/// The states counted, in the order the table shows them.
const STATES: [NoticeState; 5] =
    [NoticeState::Queued, NoticeState::Sent, NoticeState::Delivered, NoticeState::Failed, NoticeState::Withheld];

/// One event's text in one language.
pub struct TextLine {
    /// `event-language`: the form's and the anchor's name.
    pub key: String,
    pub event: String,
    pub event_name: String,
    pub language: &'static str,
    pub language_name: String,
    pub body: String,
    /// 0 for the standard text.
    pub version: i32,
    /// Who wrote it and when; empty for the standard text.
    pub written: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "social/notices.html")]
struct NoticesPage {
    ui: Ui,
    texts: Vec<TextLine>,
    /// Per event: its name and its count in each of `STATES` (a waiting notice counts as queued).
    counts: Vec<(String, Vec<i64>)>,
    states: Vec<String>,
    can_write: bool,
    /// The form that failed (`event-language`) and what was typed in it.
    failed: String,
    typed: String,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn page(state: &AppState, user: &CurrentUser, ui: Ui, errors: &[FieldError]) -> Result<NoticesPage, PageError> {
    let caller = user.caller(Source::Web);
    let written = notices::templates(state.app(), &caller).await.map_err(|e| PageError::app(&ui, e))?;
    let mut texts = Vec::new();
    for event in EVENTS {
        for language in [NoticeLanguage::Ky, NoticeLanguage::Ru] {
            let newest = written.iter().find(|t| t.event == event.code() && t.language == language.code());
            let (version, body, by) = match newest {
                Some(t) => {
                    (t.version, t.body.clone(), format!("{} · {}", t.created_by, ui.tr.date(&t.created_at.date())))
                }
                None => (0, emgek_domain::notice::standard(event, language).to_string(), String::new()),
            };
            texts.push(TextLine {
                key: format!("{}-{}", event.code(), language.code()),
                event: event.code().into(),
                event_name: ui.tr.t(&format!("notice-event-{}", event.code().replace('_', "-"))),
                language: language.code(),
                language_name: emgek_i18n::Lang::parse(language.code()).map_or("", |l| l.native_name()).to_string(),
                body,
                version,
                written: by,
            });
        }
    }
    let mut by_event: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    for c in state.store.notice_counts().await? {
        let state_code = match c.state.as_str() {
            "sending" | "unsure" => "queued",
            other => other,
        };
        if let Some(i) = STATES.iter().position(|s| s.code() == state_code) {
            by_event.entry(c.event).or_insert_with(|| vec![0; STATES.len()])[i] += c.notices;
        }
    }
    let counts = EVENTS
        .iter()
        .chain(std::iter::once(&NoticeEvent::StatusReply))
        .filter_map(|e| {
            let row = by_event.remove(e.code())?;
            Some((ui.tr.t(&format!("notice-event-{}", e.code().replace('_', "-"))), row))
        })
        .collect();
    Ok(NoticesPage {
        texts,
        counts,
        states: STATES.iter().map(|s| ui.tr.t(&format!("notice-count-{}", s.code()))).collect(),
        can_write: caller.access.is_national(Permission::ManageProgrammes),
        failed: String::new(),
        typed: String::new(),
        errors: summary(&ui, errors),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<NoticesPage, PageError> {
    let mut page = page(&state, &user, ui, &[]).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
struct TextForm {
    event: String,
    language: String,
    body: String,
}

/// A new version of one text; the page again, the form as typed, with what is wrong.
async fn write(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<TextForm>,
) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    match notices::write_template(state.app(), &caller, &form.event, &form.language, &form.body).await {
        Ok(_) => Ok(Redirect::to(&format!("/notices?saved=1#{}-{}", form.event, form.language)).into_response()),
        Err(AppError::Invalid(errors)) => {
            let mut page = page(&state, &user, ui, &errors).await?;
            page.failed = format!("{}-{}", form.event, form.language);
            page.typed = form.body;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::app(&ui, e)),
    }
}
