//! Appeals of a decision on a family's grant: a family contests a rejection, its place on the
//! waiting list, or its contract's termination for a violation (with the refund claimed) through
//! the rayon office within the period its programme's rules give. The appeal is a grievance of
//! the register (category `appeal.decision`), heard by members of the same commission who took
//! no part in the decision (nor in the termination) — each reviews as the review engine takes
//! reviews, scoring the plan again for a rejection or a waiting place — and decided by the
//! hearing's majority: upheld, a rejection becomes an approval, a waiting place takes the
//! hearing's score, and a termination's refund claim is set aside; dismissed, the decision
//! stands. While a termination's appeal is open nothing of its claim is recovered. Either way
//! the application's history and the minutes have its line, the grievance is closed with the
//! outcome, and the family is told by SMS.

use emgek_domain::access::Permission;
use emgek_domain::grievance::case::{Channel, Decision, GrievanceNumber, Step};
use emgek_domain::notice::{NoticeEvent, Placeholder};
use emgek_domain::social_contract::appeal::{
    Contested, contestable, contestable_termination, may_hear, rescored, upheld,
};
use emgek_domain::social_contract::application::Status;
use emgek_domain::social_contract::review::Recommendation;
use emgek_store::appeals::{AppealOutcome, AppealRow, NewAppeal};
use emgek_store::programmes::{ApplicationRecord, CommissionRow, ReviewSubject};

use crate::grievances::{self, GrievanceForm, SUMMARY_MAX};
use crate::review::{self, Scorecard};
use crate::{App, AppError, Caller, notices};

/// An appeal registered: its id and its grievance's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Lodged {
    pub appeal_id: i64,
    pub grievance_id: i64,
    pub number: GrievanceNumber,
}

/// Registers a family's appeal of its application's decision, taken at the rayon office (the
/// caller handles grievances there and reaches the application).
pub async fn lodge(app: &App, caller: &Caller, application_id: i64, grounds: &str) -> Result<Lodged, AppError> {
    let a = app.reach(caller).application(Permission::HandleGrievances, application_id).await?;
    let grounds = checked_grounds(grounds)?;
    let today = app.clock.today();
    let days = appeal_days(app, &a).await?;
    let since = app.store.status_since(application_id).await?.unwrap_or(today);
    let contested = contestable(a.status, since, today, days)
        .map_err(|rule| AppError::field("application", rule, a.status.code()))?;
    register(app, caller, &a, contested, grounds).await
}

/// Registers a family's appeal of its contract's termination for a violation, and so of the
/// refund claimed with it, taken at the rayon office: while it is open nothing of the claim is
/// recovered.
pub async fn lodge_against_termination(
    app: &App,
    caller: &Caller,
    contract_id: i64,
    grounds: &str,
) -> Result<Lodged, AppError> {
    let ending = app.store.contract_ending(contract_id).await?;
    let a = app.reach(caller).application(Permission::HandleGrievances, ending.application_id).await?;
    let grounds = checked_grounds(grounds)?;
    let contested = termination_contestable(app, &a, &ending).await?;
    register(app, caller, &a, contested, grounds).await
}

/// Whether the contract's termination may still be appealed today.
async fn termination_contestable(
    app: &App,
    a: &ApplicationRecord,
    ending: &emgek_store::appeals::ContractEnding,
) -> Result<Contested, AppError> {
    let status = emgek_store::as_contract_status(&ending.status)?;
    let days = appeal_days(app, a).await?;
    contestable_termination(status, ending.for_violation(), ending.ended_on(), app.clock.today(), days)
        .map_err(|rule| AppError::field("contract", rule, ending.status.clone()))
}

/// The grounds as typed: required, and no longer than a grievance's summary.
fn checked_grounds(grounds: &str) -> Result<&str, AppError> {
    let grounds = grounds.trim();
    if grounds.is_empty() {
        return Err(AppError::field("grounds", "appeal.grounds_required", ""));
    }
    if grounds.chars().count() > SUMMARY_MAX {
        return Err(AppError::field("grounds", "grievance.summary_long", ""));
    }
    Ok(grounds)
}

/// The appeal and its grievance written, with the family's head as complainant.
async fn register(
    app: &App,
    caller: &Caller,
    a: &ApplicationRecord,
    contested: Contested,
    grounds: &str,
) -> Result<Lodged, AppError> {
    let today = app.clock.today();
    let household = app.store.household(a.household_id).await?;
    let head = household.members.iter().find(|m| m.fields.relation.code() == "head").or(household.members.first());
    let contact = household.fields.phone.as_ref().filter(|_| household.fields.consent).map(|p| p.as_str().to_string());
    let form = GrievanceForm {
        channel: Channel::Office.code().into(),
        category: "appeal.decision".into(),
        rayon: a.rayon.clone(),
        name: head.map(|m| m.fields.full_name.clone()).unwrap_or_default(),
        contact: contact.unwrap_or_default(),
        language: "ky".into(),
        about: "household".into(),
        about_ref: household.fields.household_ref.clone(),
        summary: grounds.to_string(),
        ..GrievanceForm::default()
    };
    let (grievance, _) = grievances::prepare(app, caller, &form, Some(Channel::Office), false).await?;
    let year = grievance.year;
    let new = NewAppeal {
        application_id: a.id,
        contested: contested.code().into(),
        contested_status: a.status.code().into(),
        grounds: grounds.to_string(),
        lodged_on: today,
        grievance,
    };
    let (appeal_id, grievance_id, seq) = app.store.lodge_appeal(&caller.actor(), &new).await?;
    Ok(Lodged { appeal_id, grievance_id, number: GrievanceNumber { year, seq: seq as u32 } })
}

/// The days the application's rules give to appeal.
async fn appeal_days(app: &App, a: &ApplicationRecord) -> Result<u32, AppError> {
    let call = app.store.call(a.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let rules = a.rules_from.and_then(|d| book.in_force(d)).or_else(|| book.in_force(app.clock.today()));
    Ok(rules.map_or(emgek_domain::social_contract::appeal::DEFAULT_APPEAL_DAYS, |r| r.appeal_days))
}

/// An appeal as its readers see it: the caller reads the application it contests.
pub async fn view(app: &App, caller: &Caller, appeal_id: i64) -> Result<AppealRow, AppError> {
    let appeal = app.store.appeal(appeal_id).await?;
    app.reach(caller).application(Permission::ReadApplications, appeal.application_id).await?;
    Ok(appeal)
}

/// The appeal, its application and its commission, for a member who may hear it: a member of
/// the commission of the application's call and rayon who took no part in the decision.
pub async fn seat(
    app: &App,
    caller: &Caller,
    appeal_id: i64,
) -> Result<(AppealRow, ApplicationRecord, CommissionRow, String), AppError> {
    let appeal = app.store.appeal(appeal_id).await?;
    let a = app.reach(caller).application(Permission::ReviewApplications, appeal.application_id).await?;
    let (commission, members) = app
        .store
        .commission_for(a.call_id, &a.rayon)
        .await?
        .ok_or_else(|| AppError::field("commission", "review.no_commission", a.rayon.clone()))?;
    let me = members
        .iter()
        .find(|m| Some(m.user_id) == caller.user_id)
        .ok_or_else(|| AppError::field("commission", "review.not_member", caller.name.clone()))?;
    let took_part = app.store.took_part(a.id).await?;
    if !may_hear(&caller.name, &took_part) {
        return Err(AppError::Refused("appeal.took_part"));
    }
    if appeal.status != "lodged" {
        return Err(AppError::Conflict("appeal.not_lodged"));
    }
    Ok((appeal, a, commission, me.aiyl_okmotu.clone()))
}

/// A hearing member's review of the application, as the commission's reviews are taken: a
/// declared conflict, or a score on every criterion with a recommendation (approve: uphold the
/// appeal; reject: dismiss it).
pub async fn review(app: &App, caller: &Caller, appeal_id: i64, card: Scorecard<'_>) -> Result<(), AppError> {
    let (appeal, a, commission, member_aiyl) = seat(app, caller, appeal_id).await?;
    let (mut criteria, barred_by) =
        super::applications::review_terms(app, &a, &commission, &member_aiyl, card.conflict).await?;
    // A termination is judged on its facts: the plan is not scored again.
    if !rescored(contested_of(&appeal)?) {
        criteria.clear();
    }
    review::record(app, caller, ReviewSubject::Appeal(appeal_id), &criteria, barred_by, card).await
}

/// The hearing's decision once its quorum is in, following its majority: `Approve` upholds the
/// appeal, `Reject` dismisses it, with the reason the minutes show.
pub async fn decide(
    app: &App,
    caller: &Caller,
    appeal_id: i64,
    outcome: Recommendation,
    reason: &str,
) -> Result<(), AppError> {
    let (appeal, a, commission, _) = seat(app, caller, appeal_id).await?;
    if outcome == Recommendation::Return {
        return Err(AppError::field("outcome", "appeal.outcome", "return"));
    }
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", "application.reason_required", ""));
    }
    let (_, score) =
        review::verdict(app, ReviewSubject::Appeal(appeal_id), commission.quorum, outcome, reason, false).await?;
    let contested = contested_of(&appeal)?;
    let is_upheld = outcome == Recommendation::Approve;
    // As for the commission: only a family that met every rule of eligibility when it applied
    // is approved. A rejection for facts that were wrong is set aside by correcting the record
    // and applying again, not by an appeal.
    if is_upheld && contested == Contested::Rejection && !a.assessment.as_ref().is_some_and(|x| x.eligible) {
        return Err(AppError::field("assessment", "review.not_eligible", ""));
    }
    let status = if is_upheld { upheld(contested) } else { a.status };
    let g = app.store.grievance(appeal.grievance_id).await?;
    let number = grievances::number_of(&g);
    let decision = if is_upheld { Decision::Upheld } else { Decision::Rejected };
    let next = grievances::state_of(&g)?.after(Step::Close(decision)).map_err(AppError::Conflict)?;
    let mut closing = grievances::step_of(&g, "closed", next, reason.trim().to_string(), app.clock.now());
    closing.decision_reason = Some(reason.trim().to_string());
    closing.closed_on = Some(app.clock.today());
    closing.notices = grievances::told(app, &g, NoticeEvent::GrievanceClosed, "closed", |l| {
        vec![(Placeholder::Outcome, notices::word(l, "grievance-decision", decision.code()))]
    })
    .await?;
    // A rejection set aside: the family is told its application's new decision too.
    let told = if status != a.status {
        let n = format!("№{}", a.id);
        notices::to_household(app, a.household_id, NoticeEvent::Decision, |l| {
            vec![(Placeholder::Outcome, notices::word(l, "status", status.code())), (Placeholder::Number, n)]
        })
        .await?
        .into_iter()
        .collect()
    } else {
        Vec::new()
    };
    let verdict = if is_upheld { "upheld" } else { "dismissed" };
    let outcome = AppealOutcome {
        appeal_id,
        application_id: a.id,
        contested: contested.code().into(),
        upheld: is_upheld,
        contested_status: a.status.code().into(),
        status: status.code().into(),
        score_x100: score,
        reason: reason.trim().to_string(),
        decided_on: app.clock.today(),
        history: format!("appeal {number} {verdict}: {}", reason.trim()),
        closing,
        notices: told,
        at: app.clock.now(),
    };
    app.store.decide_appeal(&caller.actor(), &outcome).await?;
    Ok(())
}

fn contested_of(appeal: &AppealRow) -> Result<Contested, AppError> {
    Contested::parse(&appeal.contested).ok_or_else(|| AppError::Internal("an appeal's contest".into()))
}

/// Whether the contract's termination may still be appealed today (and is not yet).
pub async fn may_appeal_termination(app: &App, contract_id: i64) -> Result<bool, AppError> {
    let ending = app.store.contract_ending(contract_id).await?;
    if ending.status != "terminated" || !ending.for_violation() {
        return Ok(false);
    }
    let a = app.store.application(ending.application_id).await?;
    let lodged = app.store.appeals_of_application(a.id).await?.iter().any(|p| p.contested == "termination");
    Ok(!lodged && termination_contestable(app, &a, &ending).await.is_ok())
}

/// Whether the application's decision may still be appealed today, and as what.
pub async fn may_appeal(app: &App, a: &ApplicationRecord) -> Result<Option<Contested>, AppError> {
    if !matches!(a.status, Status::Rejected | Status::WaitingList) {
        return Ok(None);
    }
    let today = app.clock.today();
    let since = app.store.status_since(a.id).await?.unwrap_or(today);
    let days = appeal_days(app, a).await?;
    Ok(contestable(a.status, since, today, days).ok())
}
