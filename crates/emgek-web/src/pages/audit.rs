//! The audit log for auditors: browse, filter, check the chain, export.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use emgek_store::{AuditCheck, AuditRow};
use serde::Deserialize;

use super::attachment;
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

fn entry(ui: &Ui, r: &AuditRow) -> Entry {
    let at = r.at();
    Entry {
        id: r.audit_id,
        at: format!("{} {:02}:{:02}:{:02}", ui.tr.date(&at.date()), at.hour(), at.minute(), at.second()),
        actor: r.actor.clone(),
        ip: r.ip.clone(),
        action: r.action.clone(),
        object: r.object.clone(),
        detail: r.detail.clone(),
    }
}

fn nonempty(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

async fn show_audit(
    State(state): State<AppState>,
    ui: Ui,
    Query(q): Query<AuditQuery>,
) -> Result<AuditPage, PageError> {
    let before = q.before.parse().ok();
    let rows = state
        .store
        .list_audit(nonempty(&q.actor), nonempty(&q.action), before, PAGE)
        .await
        .map_err(|e| PageError::store(&ui, e))?;
    let older = (rows.len() as i64 == PAGE).then(|| {
        let last = rows.last().map(|r| r.audit_id).unwrap_or_default();
        serde_urlencoded::to_string([
            ("actor", q.actor.as_str()),
            ("action", q.action.as_str()),
            ("before", &last.to_string()),
        ])
        .unwrap_or_default()
    });
    let check: Option<AuditCheck> = if q.verify.is_empty() {
        None
    } else {
        Some(state.store.verify_audit().await.map_err(|e| PageError::store(&ui, e))?)
    };
    let intact = check
        .as_ref()
        .filter(|c| c.first_broken.is_none())
        .map(|c| ui.tr.count("audit-intact", i64::try_from(c.rows).unwrap_or(i64::MAX)));
    let broken = check.and_then(|c| c.first_broken);
    Ok(AuditPage {
        entries: rows.iter().map(|r| entry(&ui, r)).collect(),
        actor: q.actor,
        action: q.action,
        older,
        intact,
        broken,
        ui,
    })
}

/// The whole log as CSV, with the hashes, for checking elsewhere.
async fn export_audit(State(state): State<AppState>, ui: Ui) -> Result<Response, PageError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = ["audit_id", "at_micros", "actor", "ip", "action", "object", "detail", "prev_hash", "hash"];
    w.write_record(header).map_err(|e| PageError::internal(&ui, &e))?;
    state
        .store
        .each_audit_row(|r| {
            w.write_record([
                &r.audit_id.to_string(),
                &r.at_micros.to_string(),
                &r.actor,
                &r.ip,
                &r.action,
                &r.object,
                &r.detail,
                &r.prev_hash,
                &r.hash,
            ])
        })
        .await
        .map_err(|e| PageError::store(&ui, e))?
        .map_err(|e| PageError::internal(&ui, &e))?;
    let body = w.into_inner().map_err(|e| PageError::internal(&ui, &e))?;
    Ok(attachment("text/csv; charset=utf-8", "emgek-audit.csv", body))
}
