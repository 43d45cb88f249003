//! Applications from submission to decision, and the allocation of a call's grants: the JSON
//! API and the pages call these, so the rules are checked in one place.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::notice::{NoticeEvent, Placeholder};
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::business_plan::BusinessPlan;
use emgek_domain::social_contract::eligibility::{HouseholdSnapshot, assess};
use emgek_domain::social_contract::review::{ConflictRule, Recommendation};
use emgek_store::HouseholdRecord;
use emgek_store::programmes::{
    AllocationNotices, ApplicationRecord, CommissionRow, ReviewSubject, RoundToCommit, Submission,
};

use time::Date;

use crate::notices;
use crate::review::{self, Scorecard};
use crate::{App, AppError, Caller};

/// Starts a draft application of a household within the caller's reach to a call.
pub async fn create_application(
    app: &App,
    caller: &Caller,
    call: i64,
    household: i64,
    plan: &BusinessPlan,
) -> Result<i64, AppError> {
    app.store.call(call).await?;
    let h = app.reach(caller).household(Permission::EditApplications, household).await?;
    let place = (h.id, h.fields.oblast.as_str(), h.fields.rayon.as_str());
    Ok(app.store.create_application(&caller.actor(), call, place, plan).await?)
}

/// Replaces the plan of a draft, or of an application returned for revision.
pub async fn update_plan(app: &App, caller: &Caller, id: i64, plan: &BusinessPlan) -> Result<(), AppError> {
    app.reach(caller).application(Permission::EditApplications, id).await?;
    Ok(app.store.update_plan(&caller.actor(), id, plan).await?)
}

/// Submits: the plan against the rules in force, the call's window, then the household's facts,
/// eligibility and priority frozen with the application.
pub async fn submit(app: &App, caller: &Caller, id: i64) -> Result<(), AppError> {
    let a = app.reach(caller).application(Permission::EditApplications, id).await?;
    let call = app.store.call(a.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let today = app.clock.today();
    let rules = book.in_force(today).cloned().ok_or_else(|| AppError::field("call", "call.no_rules", ""))?;
    let mut errors = a.plan.check(&rules);
    if today < call.opens || today > call.closes {
        errors.push(FieldError::new("call", "call.closed", format!("{} – {}", call.opens, call.closes)));
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let snapshot = snapshot(app, a.call_id, a.household_id).await?;
    let figures = a.plan.figures();
    let assessment = assess(&rules, &snapshot, Some(&figures), a.plan.ovop_category.is_some(), a.plan.green, today);
    let submission = Submission { snapshot, assessment, rules_from: rules.effective_from };
    let told = told(app, &a, NoticeEvent::ApplicationReceived, |_| Vec::new()).await?;
    app.store.transition_telling(&caller.actor(), id, Event::Submit, "", Some(&submission), None, &told).await?;
    Ok(())
}

/// The household's facts an application to a call freezes when submitted: benefit, members'
/// ages and disabilities, contracts held and training attended.
pub async fn snapshot(app: &App, call: i64, household: i64) -> Result<HouseholdSnapshot, AppError> {
    let h = app.store.household(household).await?;
    let attended = app.store.attended_training(call, household).await?;
    let (_, last_funded) = app.store.funding_history(household).await?;
    Ok(snapshot_of(&h, attended, last_funded))
}

/// The facts frozen of a household read already, with whether it attended the call's training
/// and the day it last had an application funded (an application funded is one under way).
pub fn snapshot_of(h: &HouseholdRecord, attended: bool, last_funded: Option<Date>) -> HouseholdSnapshot {
    HouseholdSnapshot {
        on_benefit: h.fields.benefit.is_some(),
        members: h.members.iter().map(|m| (m.fields.birth_date, m.fields.disability)).collect(),
        has_active_contract: last_funded.is_some(),
        last_funded,
        attended_training: attended,
    }
}

/// A step that needs only a reason: withdraw, return for revision, start the review.
pub async fn move_on(
    app: &App,
    caller: &Caller,
    id: i64,
    permission: Permission,
    event: Event,
    reason: &str,
) -> Result<(), AppError> {
    let a = app.reach(caller).application(permission, id).await?;
    if event == Event::ReturnForRevision && reason.trim().is_empty() {
        return Err(AppError::field("reason", "application.reason_required", ""));
    }
    // Returned: the family is told what to fix, in the words written for it.
    let told = if event == Event::ReturnForRevision {
        let fix: String = reason.trim().chars().take(120).collect();
        told(app, &a, NoticeEvent::ApplicationReturned, |_| vec![(Placeholder::Fix, fix)]).await?
    } else {
        Vec::new()
    };
    app.store.transition_telling(&caller.actor(), id, event, reason.trim(), None, None, &told).await?;
    Ok(())
}

/// The application under review, its commission, and the caller's aiyl okmotu on it.
pub async fn seat(app: &App, caller: &Caller, id: i64) -> Result<(ApplicationRecord, CommissionRow, String), AppError> {
    let a = app.reach(caller).application(Permission::ReviewApplications, id).await?;
    let (commission, members) = app
        .store
        .commission_for(a.call_id, &a.rayon)
        .await?
        .ok_or_else(|| AppError::field("commission", "review.no_commission", a.rayon.clone()))?;
    let me = members
        .iter()
        .find(|m| Some(m.user_id) == caller.user_id)
        .ok_or_else(|| AppError::field("commission", "review.not_member", caller.name.clone()))?;
    if a.status != Status::UnderReview {
        return Err(AppError::field("status", "review.not_under_review", a.status.code()));
    }
    Ok((a, commission, me.aiyl_okmotu.clone()))
}

/// A member's review: a declared conflict, or a score on every criterion with a recommendation.
pub async fn review(app: &App, caller: &Caller, id: i64, card: Scorecard<'_>) -> Result<(), AppError> {
    let (a, commission, member_aiyl) = seat(app, caller, id).await?;
    let (criteria, barred_by) = review_terms(app, &a, &commission, &member_aiyl, card.conflict).await?;
    review::record(app, caller, ReviewSubject::Application(id), &criteria, barred_by, card).await
}

/// What a member's review of the application is taken on: the criteria of the rules it was
/// submitted under (none needed to declare a conflict), and the fact for which the
/// commission's conflict rule bars her, if any. The commission's reviews and an appeal's
/// hearing take them alike.
pub(crate) async fn review_terms(
    app: &App,
    a: &ApplicationRecord,
    commission: &CommissionRow,
    member_aiyl: &str,
    conflict: bool,
) -> Result<(Vec<emgek_domain::social_contract::programme::Criterion>, Option<String>), AppError> {
    let household = app.store.household(a.household_id).await?;
    let rule = ConflictRule::parse(&commission.conflict_rule).unwrap_or(ConflictRule::None);
    let barred_by = rule.bars(member_aiyl, &household.fields.aiyl_okmotu).then(|| household.fields.aiyl_okmotu.clone());
    let call = app.store.call(a.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let criteria = match a.rules_from.and_then(|d| book.in_force(d)) {
        Some(rules) => rules.criteria.clone(),
        None if conflict => Vec::new(),
        None => return Err(AppError::field("call", "call.no_rules", "")),
    };
    Ok((criteria, barred_by))
}

/// The commission's decision once its quorum of reviews without conflict is in.
pub async fn decide(
    app: &App,
    caller: &Caller,
    id: i64,
    outcome: Recommendation,
    reason: &str,
) -> Result<(), AppError> {
    let (a, commission, _) = seat(app, caller, id).await?;
    // Approval needs the household to have met every rule of eligibility when it applied.
    if outcome == Recommendation::Approve && !a.assessment.as_ref().is_some_and(|x| x.eligible) {
        return Err(AppError::field("assessment", "review.not_eligible", ""));
    }
    let call = app.store.call(a.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    // Rejecting a family the rules found ineligible follows the rules, whatever the reviews
    // recommended: it departs from no one's judgement, so it needs only its reason.
    let ineligible = !a.assessment.as_ref().is_some_and(|x| x.eligible);
    let overrides = (ineligible && outcome == Recommendation::Reject)
        || a.rules_from.and_then(|d| book.in_force(d)).is_some_and(|r| r.decision_override);
    let (event, score) =
        review::verdict(app, ReviewSubject::Application(id), commission.quorum, outcome, reason, overrides).await?;
    let told = match event {
        Event::Approve | Event::Reject => {
            let to = if event == Event::Approve { Status::Approved } else { Status::Rejected };
            told(app, &a, NoticeEvent::Decision, |l| {
                vec![(Placeholder::Outcome, notices::word(l, "status", to.code()))]
            })
            .await?
        }
        Event::ReturnForRevision => {
            let fix: String = reason.trim().chars().take(120).collect();
            told(app, &a, NoticeEvent::ApplicationReturned, |_| vec![(Placeholder::Fix, fix)]).await?
        }
        _ => Vec::new(),
    };
    app.store.transition_telling(&caller.actor(), id, event, reason.trim(), None, Some(score), &told).await?;
    Ok(())
}

/// The family's notice of a step of its application: its number (`№12`) and the rayon
/// office's phone where one is known.
async fn told(
    app: &App,
    a: &ApplicationRecord,
    event: NoticeEvent,
    values: impl FnOnce(emgek_domain::notice::NoticeLanguage) -> Vec<(Placeholder, String)>,
) -> Result<Vec<emgek_store::notices::NewNotice>, AppError> {
    let number = format!("№{}", a.id);
    let notice = notices::to_household(app, a.household_id, event, |l| {
        let mut v = values(l);
        v.push((Placeholder::Number, number));
        v
    })
    .await?;
    Ok(notice.into_iter().collect())
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
pub async fn allocation(app: &App, caller: &Caller, call_id: i64, commit: bool) -> Result<AllocationOutcome, AppError> {
    allocation_of_round(app, caller, call_id, None, commit).await
}

/// What an allocation's families are told, in Kyrgyz and in Russian (each family in its own
/// language): its texts with `{number}` left for the store to fill, row by row, in the commit's
/// transaction. `None` if a text, as written, looks as if it carries a PIN.
async fn allocation_notices(app: &App) -> Result<Option<AllocationNotices>, AppError> {
    use emgek_domain::notice::{NoticeLanguage, looks_personal, render};
    let mut ready_texts = Vec::new();
    let mut waiting_texts = Vec::new();
    for l in [NoticeLanguage::Ky, NoticeLanguage::Ru] {
        let number = (Placeholder::Number, "{number}".to_string());
        let (ready_version, ready) = notices::template(app, NoticeEvent::ContractReady, l).await?;
        let ready = render(&ready, std::slice::from_ref(&number)).trim().to_string();
        let (waiting_version, waiting) = notices::template(app, NoticeEvent::Decision, l).await?;
        let outcome = (Placeholder::Outcome, notices::word(l, "status", Status::WaitingList.code()));
        let waiting = render(&waiting, &[number, outcome]).trim().to_string();
        if looks_personal(&ready) || looks_personal(&waiting) {
            return Ok(None);
        }
        ready_texts.push((ready_version, ready));
        waiting_texts.push((waiting_version, waiting));
    }
    let pair = |mut texts: Vec<(i32, String)>| {
        let ru = texts.pop().expect("Russian");
        [texts.pop().expect("Kyrgyz"), ru]
    };
    Ok(Some(AllocationNotices { contract_ready: pair(ready_texts), waiting: pair(waiting_texts) }))
}

/// The allocation of a round for which only `released` tyiyn of the budget are released so
/// far (the whole budget when `None`): the demonstration's tight first round.
pub async fn allocation_of_round(
    app: &App,
    caller: &Caller,
    call_id: i64,
    released: Option<i64>,
    commit: bool,
) -> Result<AllocationOutcome, AppError> {
    use emgek_domain::social_contract::allocation::{Limits, allocate};
    let call = app.store.call(call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let today = app.clock.today();
    let rules = book.in_force(today).ok_or_else(|| AppError::field("call", "call.no_rules", ""))?;
    let (candidates, usage) = app.store.allocation_input(call_id).await?;
    let limits = Limits {
        budget: released.map_or(rules.budget.minor(), |r| r.min(rules.budget.minor())),
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
        let told = allocation_notices(app).await?;
        let round = RoundToCommit {
            call_id,
            programme_id: call.programme_id,
            allocation: &allocation,
            budget: rules.budget.minor(),
            term_months: i64::from(rules.contract_months),
            year: call.opens.year(),
            told: told.as_ref(),
        };
        let run = app.store.commit_allocation(&caller.actor(), &round).await?;
        contracts = run.contracts;
    }
    Ok(AllocationOutcome { allocation, funded, spent, budget_left, contracts })
}
