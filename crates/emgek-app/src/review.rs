//! The review engine both programmes use. A panel — a district commission reviewing Social
//! Contract applications, or the national Expert Group reviewing prison enterprises' business
//! plans — has members and a quorum. Each member scores the subject on the criteria (or declares
//! a conflict of interest and gives no score); once the quorum of reviews without conflict is in,
//! the panel decides, and an approval carries the average score.
//!
//! What is particular to a subject (whose facts the conflict rule compares, which criteria
//! apply, what the decision moves) stays with its programme: the Social Contract's and the
//! prison enterprises' steps call these two.

use std::collections::BTreeMap;

use emgek_domain::social_contract::application::Event;
use emgek_domain::social_contract::programme::Criterion;
use emgek_domain::social_contract::review::{Recommendation, average_x100, panel_recommendation, rule_on, total};
use emgek_store::programmes::{NewReview, ReviewSubject};

use crate::{App, AppError, Caller};

/// A member's review as given.
pub struct Scorecard<'a> {
    pub conflict: bool,
    pub scores: BTreeMap<String, u32>,
    pub recommendation: Option<Recommendation>,
    pub comment: &'a str,
}

/// Records a member's review of `subject`: a declared conflict (no score), or a score on every
/// criterion with a recommendation. `barred_by` names the fact (e.g. the family's aiyl okmotu)
/// for which the panel's conflict rule bars this member: she must then declare the conflict.
pub async fn record(
    app: &App,
    caller: &Caller,
    subject: ReviewSubject,
    criteria: &[Criterion],
    barred_by: Option<String>,
    card: Scorecard<'_>,
) -> Result<(), AppError> {
    if let (Some(fact), false) = (barred_by, card.conflict) {
        return Err(AppError::field("conflict", "review.conflict_of_interest", fact));
    }
    let (points, recommendation) = if card.conflict {
        (0, "none".to_string())
    } else {
        let points = total(criteria, &card.scores).map_err(AppError::Invalid)?;
        let r = card
            .recommendation
            .ok_or_else(|| AppError::field("recommendation", "review.recommendation_required", ""))?;
        (points, recommendation_code(r).to_string())
    };
    let review = NewReview {
        subject,
        user_id: caller.user_id.unwrap_or_default(),
        conflict: card.conflict,
        scores: if card.conflict { BTreeMap::new() } else { card.scores },
        total: points,
        recommendation,
        comment: card.comment.trim().to_string(),
    };
    app.store.record_review(&caller.actor(), &review).await?;
    Ok(())
}

/// The panel's recommendation from its reviews without conflict (see `panel_recommendation`).
pub fn panel_of(reviews: &[emgek_store::programmes::ReviewRow]) -> Option<Recommendation> {
    let given: Vec<Recommendation> =
        reviews.iter().filter(|r| !r.conflict).filter_map(|r| recommendation_of(&r.recommendation)).collect();
    panel_recommendation(&given)
}

pub fn recommendation_of(code: &str) -> Option<Recommendation> {
    [Recommendation::Approve, Recommendation::Reject, Recommendation::Return]
        .into_iter()
        .find(|r| recommendation_code(*r) == code)
}

pub fn recommendation_code(r: Recommendation) -> &'static str {
    match r {
        Recommendation::Approve => "approve",
        Recommendation::Reject => "reject",
        Recommendation::Return => "return",
    }
}

/// The panel's decision on `subject`: the status change it makes and the average score of the
/// reviews without conflict, refused before the quorum is in, without a reason for anything
/// but an approval, and against the majority of the reviews unless `overrides_allowed` (the
/// rules in force allow it) and a reason is written.
pub async fn verdict(
    app: &App,
    subject: ReviewSubject,
    quorum: i64,
    outcome: Recommendation,
    reason: &str,
    overrides_allowed: bool,
) -> Result<(Event, i64), AppError> {
    let reviews = app.store.reviews(subject).await?;
    let totals: Vec<u32> =
        reviews.iter().filter(|r| !r.conflict).map(|r| u32::try_from(r.total).unwrap_or(0)).collect();
    let quorum = u32::try_from(quorum).unwrap_or(u32::MAX);
    let Some(score) = average_x100(&totals, quorum) else {
        return Err(AppError::field("reviews", "review.quorum", format!("{}/{quorum}", totals.len())));
    };
    rule_on(panel_of(&reviews), outcome, reason, overrides_allowed)
        .map_err(|rule| AppError::field("decision", rule, recommendation_code(outcome)))?;
    let event = match outcome {
        Recommendation::Approve => Event::Approve,
        Recommendation::Reject => Event::Reject,
        Recommendation::Return => Event::ReturnForRevision,
    };
    if event != Event::Approve && reason.trim().is_empty() {
        return Err(AppError::field("reason", "application.reason_required", ""));
    }
    Ok((event, score))
}
