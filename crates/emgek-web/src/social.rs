//! The Social Contract's steps as both doors use them: the JSON API and the pages call the
//! same functions, so the rules are checked in one place.

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::eligibility::{HouseholdSnapshot, assess};
use emgek_domain::social_contract::review::{ConflictRule, Recommendation};
use emgek_store::programmes::{ApplicationRecord, CommissionRow, ReviewSubject, Submission};
use emgek_store::{Source, StoreError};
use time::OffsetDateTime;

use crate::auth::CurrentUser;
use crate::state::AppState;
use emgek_app::review;

/// Why a step did not happen: the use cases' one error (`emgek_app::AppError`).
pub type Problem = emgek_app::AppError;

pub(crate) fn invalid(field: &str, rule: &'static str, value: impl Into<String>) -> Problem {
    Problem::Invalid(vec![FieldError::new(field, rule, value)])
}

/// The application, if it lies where the user may use `permission`.
pub async fn application_within(
    state: &AppState,
    user: &CurrentUser,
    permission: Permission,
    id: i64,
) -> Result<ApplicationRecord, StoreError> {
    state.app().reach(&user.caller(Source::Web)).application(permission, id).await.map_err(crate::scope::into_store)
}

/// Submits: the plan against the rules in force, the call's window, then the household's facts,
/// eligibility and priority frozen with the application.
pub async fn submit(state: &AppState, user: &CurrentUser, source: Source, id: i64) -> Result<(), Problem> {
    let a = application_within(state, user, Permission::EditApplications, id).await?;
    let call = state.store.call(a.call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    let today = OffsetDateTime::now_utc().date();
    let rules = book.in_force(today).cloned().ok_or_else(|| invalid("call", "call.no_rules", ""))?;
    let mut errors = a.plan.check(&rules);
    if today < call.opens || today > call.closes {
        errors.push(FieldError::new("call", "call.closed", format!("{} – {}", call.opens, call.closes)));
    }
    if !errors.is_empty() {
        return Err(Problem::Invalid(errors));
    }
    let household = state.store.household(a.household_id).await?;
    let attended = state.store.attended_training(a.call_id, a.household_id).await?;
    let (active, last_funded) = state.store.funding_history(a.household_id).await?;
    let snapshot = HouseholdSnapshot {
        on_benefit: household.fields.benefit.is_some(),
        members: household.members.iter().map(|m| (m.fields.birth_date, m.fields.disability)).collect(),
        has_active_contract: active,
        last_funded,
        attended_training: attended,
    };
    let figures = a.plan.figures();
    let assessment = assess(&rules, &snapshot, Some(&figures), a.plan.ovop_category.is_some(), a.plan.green, today);
    let submission = Submission { snapshot, assessment, rules_from: rules.effective_from };
    state.store.transition(&user.actor(source), id, Event::Submit, "", Some(&submission), None).await?;
    Ok(())
}

/// A step that needs only a reason: withdraw, return for revision, start the review.
pub async fn move_on(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    id: i64,
    permission: Permission,
    event: Event,
    reason: &str,
) -> Result<(), Problem> {
    application_within(state, user, permission, id).await?;
    if event == Event::ReturnForRevision && reason.trim().is_empty() {
        return Err(invalid("reason", "application.reason_required", ""));
    }
    state.store.transition(&user.actor(source), id, event, reason.trim(), None, None).await?;
    Ok(())
}

/// The application under review, its commission, and the caller's aiyl okmotu on it.
pub async fn seat(
    state: &AppState,
    user: &CurrentUser,
    id: i64,
) -> Result<(ApplicationRecord, CommissionRow, String), Problem> {
    let a = application_within(state, user, Permission::ReviewApplications, id).await?;
    let (commission, members) = state
        .store
        .commission_for(a.call_id, &a.rayon)
        .await?
        .ok_or_else(|| invalid("commission", "review.no_commission", a.rayon.clone()))?;
    let me = members
        .iter()
        .find(|m| Some(m.user_id) == user.id)
        .ok_or_else(|| invalid("commission", "review.not_member", user.name.clone()))?;
    if a.status != Status::UnderReview {
        return Err(invalid("status", "review.not_under_review", a.status.code()));
    }
    Ok((a, commission, me.aiyl_okmotu.clone()))
}

/// A member's review: a declared conflict, or a score on every criterion with a recommendation.
#[allow(clippy::too_many_arguments)]
pub async fn review(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    id: i64,
    conflict: bool,
    scores: BTreeMap<String, u32>,
    recommendation: Option<Recommendation>,
    comment: &str,
) -> Result<(), Problem> {
    let (a, commission, member_aiyl) = seat(state, user, id).await?;
    let household = state.store.household(a.household_id).await?;
    let rule = ConflictRule::parse(&commission.conflict_rule).unwrap_or(ConflictRule::None);
    let barred_by =
        rule.bars(&member_aiyl, &household.fields.aiyl_okmotu).then(|| household.fields.aiyl_okmotu.clone());
    let call = state.store.call(a.call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    let criteria = match a.rules_from.and_then(|d| book.in_force(d)) {
        Some(rules) => rules.criteria.clone(),
        None if conflict => Vec::new(),
        None => return Err(invalid("call", "call.no_rules", "")),
    };
    let card = review::Scorecard { conflict, scores, recommendation, comment };
    let caller = user.caller(source);
    review::record(state.app(), &caller, ReviewSubject::Application(id), &criteria, barred_by, card).await
}

/// The commission's decision once its quorum of reviews without conflict is in.
pub async fn decide(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    id: i64,
    outcome: Recommendation,
    reason: &str,
) -> Result<(), Problem> {
    let (a, commission, _) = seat(state, user, id).await?;
    // Approval needs the household to have met every rule of eligibility when it applied.
    if outcome == Recommendation::Approve && !a.assessment.as_ref().is_some_and(|x| x.eligible) {
        return Err(invalid("assessment", "review.not_eligible", ""));
    }
    let call = state.store.call(a.call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    // Rejecting a family the rules found ineligible follows the rules, whatever the reviews
    // recommended: it departs from no one's judgement, so it needs only its reason.
    let ineligible = !a.assessment.as_ref().is_some_and(|x| x.eligible);
    let overrides = (ineligible && outcome == Recommendation::Reject)
        || a.rules_from.and_then(|d| book.in_force(d)).is_some_and(|r| r.decision_override);
    let (event, score) =
        review::verdict(state.app(), ReviewSubject::Application(id), commission.quorum, outcome, reason, overrides)
            .await?;
    state.store.transition(&user.actor(source), id, event, reason.trim(), None, Some(score)).await?;
    Ok(())
}

/// What an allocation run did or would do.
pub struct AllocationOutcome {
    pub allocation: emgek_domain::social_contract::allocation::Allocation,
    pub funded: u32,
    pub spent: i64,
    pub budget_left: i64,
    pub contracts: Vec<(i64, String)>,
}

/// Allocates a call's approved applications and waiting list under the rules in force:
/// a preview, or (with `commit`) the run itself, atomically.
pub async fn allocation(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    call_id: i64,
    commit: bool,
) -> Result<AllocationOutcome, Problem> {
    use emgek_domain::social_contract::allocation::{Limits, allocate};
    let call = state.store.call(call_id).await?;
    let book = state.store.rule_book(call.programme_id).await?;
    let today = OffsetDateTime::now_utc().date();
    let rules = book.in_force(today).ok_or_else(|| invalid("call", "call.no_rules", ""))?;
    let (candidates, usage) = state.store.allocation_input(call_id).await?;
    let limits = Limits {
        budget: rules.budget.minor(),
        quota_total: rules.quota_total,
        quota_by_oblast: rules.quota_by_oblast.clone(),
        quota_by_rayon: rules.quota_by_rayon.clone(),
    };
    let allocation = allocate(&candidates, &limits, &usage);
    let spent = allocation.usage.spent - usage.spent;
    let funded = allocation.usage.funded - usage.funded;
    let budget_left = rules.budget.minor() - allocation.usage.spent;
    let mut contracts = Vec::new();
    if commit {
        let term = i64::from(rules.contract_months);
        let run = state
            .store
            .commit_allocation(
                &user.actor(source),
                call_id,
                call.programme_id,
                &allocation,
                rules.budget.minor(),
                term,
                call.opens.year(),
            )
            .await?;
        contracts = run.contracts;
    }
    Ok(AllocationOutcome { allocation, funded, spent, budget_left, contracts })
}

/// A district commission as typed: its rayon, name, quorum and conflict-of-interest rule.
pub struct NewCommission<'a> {
    pub rayon: &'a str,
    pub name: &'a str,
    pub quorum: &'a str,
    pub conflict_rule: &'a str,
}

/// Sets up the commission that reviews a call's applications from one rayon, within the
/// places where the user manages programmes. An empty name becomes the rayon's.
pub async fn create_commission(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    call: i64,
    c: NewCommission<'_>,
) -> Result<i64, Problem> {
    let NewCommission { rayon, name, quorum, conflict_rule } = c;
    state.store.call(call).await?;
    let mut errors = Vec::new();
    let rayon = rayon.trim().to_uppercase();
    match emgek_domain::geography::rayon(&rayon) {
        None => errors.push(FieldError::new("rayon", "rayon.unknown", rayon.as_str())),
        Some(r) if !user.areas(Permission::ManageProgrammes).contains(r.oblast, &rayon) => {
            errors.push(FieldError::new("rayon", "scope.outside", rayon.as_str()))
        }
        Some(_) => {}
    }
    let quorum = match quorum.trim().parse::<u32>() {
        Ok(0) => {
            errors.push(FieldError::new("quorum", "commission.quorum_zero", "0"));
            0
        }
        Ok(n) => n,
        Err(_) => {
            errors.push(FieldError::new("quorum", "number.whole", quorum.trim()));
            0
        }
    };
    let rule = ConflictRule::parse(conflict_rule.trim());
    if rule.is_none() {
        errors.push(FieldError::new("conflict_rule", "commission.conflict_rule_unknown", conflict_rule.trim()));
    }
    let (Some(rule), true) = (rule, errors.is_empty()) else {
        return Err(Problem::Invalid(errors));
    };
    let name = match name.trim() {
        "" => state.geo.rayon_name(&rayon, emgek_i18n::Lang::Ky),
        given => given.to_string(),
    };
    Ok(state.store.create_commission(&user.actor(source), call, &rayon, &name, i64::from(quorum), rule.code()).await?)
}

/// Seats a user on a commission, with the aiyl okmotu she lives in (the conflict rule compares
/// it with the family's). She must be able to review the commission's rayon.
pub async fn add_commission_member(
    state: &AppState,
    user: &CurrentUser,
    source: Source,
    commission: i64,
    member: i64,
    aiyl_okmotu: &str,
) -> Result<(), Problem> {
    let c = state.store.commission(commission).await?;
    let oblast = emgek_domain::geography::rayon(&c.rayon_code).map(|r| r.oblast).unwrap_or_default();
    if !user.areas(Permission::ManageProgrammes).contains(oblast, &c.rayon_code) {
        return Err(StoreError::NotFound.into());
    }
    let record = state.store.user(member).await.map_err(|e| match e {
        StoreError::NotFound => invalid("user_id", "commission.member_unknown", member.to_string()),
        other => Problem::Store(other),
    })?;
    if !record.access.areas(Permission::ReviewApplications).contains(oblast, &c.rayon_code) {
        return Err(invalid("user_id", "commission.member_cannot_review", record.username));
    }
    Ok(state.store.add_commission_member(&user.actor(source), commission, member, aiyl_okmotu.trim()).await?)
}
