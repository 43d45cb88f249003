//! The audit log for auditors: browse, filter, check the chain, export.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use emgek_app::audit;
use emgek_store::{AuditCheck, AuditFilter, AuditRow, Source};
use serde::Deserialize;

use super::attachment;
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/audit"), get(show_audit)).route(declared("/audit/export.csv"), get(export_audit))
}

const PAGE: i64 = 100;

#[derive(Deserialize, Default)]
#[serde(default)]
struct AuditQuery {
    actor: String,
    action: String,
    before: String,
    verify: String,
}

pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub ip: String,
    pub action: String,
    pub object: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPage {
    ui: Ui,
    actor: String,
    action: String,
    entries: Vec<Entry>,
    older: Option<String>,
    /// The chain was checked and holds: how many rows.
    intact: Option<String>,
    /// The chain was checked and breaks here, for this reason.
    broken: Option<(i64, String)>,
}

fn entry(ui: &Ui, user: &CurrentUser, r: &AuditRow) -> Entry {
    let at = r.at();
    Entry {
        id: r.audit_id,
        at: format!("{} {:02}:{:02}:{:02}", ui.tr.date(&at.date()), at.hour(), at.minute(), at.second()),
        actor: r.actor.clone(),
        ip: r.ip.clone(),
        action: r.action.clone(),
        object: r.object.clone(),
        detail: audit::shown_detail(&user.caller(Source::Web), &r.detail),
    }
}

fn nonempty(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn show_audit(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<AuditQuery>,
) -> Result<AuditPage, PageError> {
    let before = q.before.parse().ok();
    let asked = AuditFilter { actor: nonempty(&q.actor), action: nonempty(&q.action), actors: None };
    let filter = audit::filter_within(state.app(), &user.caller(Source::Web), asked).await?;
    let rows = state.store.list_audit(&filter, before, PAGE).await?;
    let older = (rows.len() as i64 == PAGE).then(|| {
        let last = rows.last().map(|r| r.audit_id).unwrap_or_default();
        serde_urlencoded::to_string([
            ("actor", q.actor.as_str()),
            ("action", q.action.as_str()),
            ("before", &last.to_string()),
        ])
        .unwrap_or_default()
    });
    let check: Option<AuditCheck> = if q.verify.is_empty() { None } else { Some(checked_chain(&state).await?) };
    let intact = check
        .as_ref()
        .filter(|c| c.first_broken.is_none())
        .map(|c| ui.tr.count("audit-intact", i64::try_from(c.rows).unwrap_or(i64::MAX)));
    let broken = check.and_then(|c| c.first_broken);
    Ok(AuditPage {
        entries: rows.iter().map(|r| entry(&ui, &user, r)).collect(),
        actor: q.actor,
        action: q.action,
        older,
        intact,
        broken,
        ui,
    })
}

/// The whole chain checked, at most once a minute and one check at a time (see
/// `AppState::audit_check`); `emgek audit verify` checks it on demand.
async fn checked_chain(state: &AppState) -> Result<AuditCheck, emgek_store::StoreError> {
    let mut last = state.audit_check.lock().await;
    if let Some((at, check)) = last.as_ref()
        && at.elapsed() < std::time::Duration::from_secs(60)
    {
        return Ok(check.clone());
    }
    let check = state.store.verify_audit().await?;
    *last = Some((std::time::Instant::now(), check.clone()));
    Ok(check)
}

/// The log as CSV, with the hashes: the rows the reader may see, their details masked as on
/// the page (so only a national reader of personal data can re-check the hashes elsewhere).
async fn export_audit(State(state): State<AppState>, user: CurrentUser, ui: Ui) -> Result<Response, PageError> {
    let caller = user.caller(Source::Web);
    let filter = audit::filter_within(state.app(), &caller, AuditFilter::default()).await?;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = ["audit_id", "at_micros", "actor", "ip", "action", "object", "detail", "prev_hash", "hash"];
    w.write_record(header).map_err(|e| PageError::internal(&ui, &e))?;
    state
        .store
        .each_audit_row(|r| {
            if !filter.allows(r) {
                return Ok(());
            }
            let detail = audit::shown_detail(&caller, &r.detail);
            let cells = [
                &r.audit_id.to_string(),
                &r.at_micros.to_string(),
                &r.actor,
                &r.ip,
                &r.action,
                &r.object,
                &detail,
                &r.prev_hash,
                &r.hash,
            ];
            w.write_record(cells.map(|c| emgek_exchange::cells::safe(c)))
        })
        .await?
        .map_err(|e| PageError::internal(&ui, &e))?;
    let body = w.into_inner().map_err(|e| PageError::internal(&ui, &e))?;
    Ok(attachment("text/csv; charset=utf-8", "emgek-audit.csv", body))
}
