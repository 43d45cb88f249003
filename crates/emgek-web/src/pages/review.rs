//! The review engine's parts of a page, shared by a Social Contract application's page and a
//! prison enterprise plan's: the reviews given so far, the member's scorecard form read back,
//! the history of statuses, and the `review.html` partial both templates include.

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::social_contract::programme::Criterion;
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::programmes::{ApplicationEvent, ReviewSubject};

use super::applications::coded;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub struct ReviewLine {
    pub member: String,
    pub total: String,
    pub recommendation: String,
    pub comment: String,
}

/// The reviews of a subject, named by their members.
pub async fn review_lines(state: &AppState, ui: &Ui, subject: ReviewSubject) -> Result<Vec<ReviewLine>, PageError> {
    let reviews = state.store.reviews(subject).await.map_err(|e| PageError::store(ui, e))?;
    let mut lines = Vec::new();
    for r in reviews {
        let member = state.store.user(r.user_id).await.map(|u| u.display_name).unwrap_or_default();
        lines.push(ReviewLine {
            member,
            total: if r.conflict { ui.tr.t("review-conflict") } else { r.total.to_string() },
            recommendation: coded(ui, "recommendation", &r.recommendation),
            comment: r.comment,
        });
    }
    Ok(lines)
}

/// The criteria as the scorecard form shows them: (code, label, most points).
pub fn criteria_fields(ui: &Ui, criteria: &[Criterion]) -> Vec<(String, String, u32)> {
    criteria.iter().map(|c| (c.code.clone(), ui.tr.field(&c.code), c.max_points)).collect()
}

/// A member's review as the form sends it: `conflict`, `score_CODE` fields, `recommendation`
/// and `comment`.
pub struct SentReview {
    pub conflict: bool,
    pub scores: BTreeMap<String, u32>,
    pub recommendation: Option<Recommendation>,
    pub comment: String,
}

/// Reads the scorecard form; a score that is not a whole number is named by its criterion.
pub fn sent_review(fields: &[(String, String)]) -> Result<SentReview, Vec<FieldError>> {
    let get = |k: &str| fields.iter().find(|(n, _)| n == k).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    let conflict = !get("conflict").is_empty();
    let mut scores = BTreeMap::new();
    let mut errors = Vec::new();
    for (name, value) in fields {
        if let Some(code) = name.strip_prefix("score_") {
            match value.trim().parse::<u32>() {
                Ok(p) => {
                    scores.insert(code.to_string(), p);
                }
                Err(_) if conflict => {}
                Err(_) => {
                    errors.push(FieldError::new(format!("scores.{code}"), "review.score_missing", value.as_str()))
                }
            }
        }
    }
    let recommendation = match get("recommendation").as_str() {
        "approve" => Some(Recommendation::Approve),
        "reject" => Some(Recommendation::Reject),
        "return" => Some(Recommendation::Return),
        _ => None,
    };
    if errors.is_empty() {
        Ok(SentReview { conflict, scores, recommendation, comment: get("comment") })
    } else {
        Err(errors)
    }
}

pub struct EventLine {
    pub at: String,
    pub actor: String,
    pub to: String,
    pub reason: String,
}

pub fn event_lines(ui: &Ui, events: Vec<ApplicationEvent>) -> Vec<EventLine> {
    events
        .into_iter()
        .map(|e| EventLine {
            at: ui.tr.date(&e.created_at.date()),
            actor: e.actor,
            to: coded(ui, "status", &e.to_status),
            reason: e.reason,
        })
        .collect()
}
