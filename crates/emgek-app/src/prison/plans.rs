//! Prison enterprises' business plans. A facility's manager writes a
//! plan with a budget in som or US dollars and submits it; the national Expert Group reviews it
//! through the review engine the Social Contract's commissions use (`review.rs`) and decides;
//! once approved, purchases are recorded against its budget lines and may not exceed them.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::prison::plan::{
    LineCategory, PlanHeading, Procurement, check_heading, check_line, check_purchase, criteria,
};
use emgek_domain::social_contract::application::{Event, Status};
use emgek_domain::social_contract::review::{ConflictRule, Recommendation};
use emgek_store::StoreError;
use emgek_store::plans::{NewPlan, NewPurchase, PanelRow, PlanRow};
use emgek_store::programmes::ReviewSubject;

use super::{invalid, required};
use crate::programmes::date;
use crate::review::{self, Scorecard};
use crate::{App, AppError, Caller};

/// The plans the caller may read, latest first.
pub async fn plans(app: &App, caller: &Caller) -> Result<Vec<PlanRow>, StoreError> {
    let reach = caller.access.facilities(Permission::ReadEnterprises);
    let facilities = app.store.facilities().await?;
    let code_of = |id: i64| facilities.iter().find(|f| f.facility_id == id).map(|f| f.code.as_str()).unwrap_or("");
    Ok(app.store.plans().await?.into_iter().filter(|p| reach.contains(code_of(p.facility_id))).collect())
}

/// The plan's currency as stored.
pub fn currency(p: &PlanRow) -> Currency {
    Currency::parse(&p.currency).unwrap_or(Currency::KGS)
}

/// A plan's heading as typed.
pub struct PlanForm<'a> {
    pub facility_id: i64,
    pub title: &'a str,
    pub activity: &'a str,
    pub summary: &'a str,
    pub currency: &'a str,
    pub inmate_jobs: &'a str,
}

/// Starts a draft plan for a facility the caller runs enterprises in.
pub async fn create_plan(app: &App, caller: &Caller, f: PlanForm<'_>) -> Result<i64, AppError> {
    app.reach(caller).facility(Permission::RunEnterprises, f.facility_id).await.map_err(|e| match e {
        AppError::NotFound => {
            AppError::Invalid(vec![FieldError::new("facility_id", "plan.facility_unknown", f.facility_id.to_string())])
        }
        other => other,
    })?;
    let mut errors = Vec::new();
    let currency = Currency::parse(f.currency).filter(|c| Currency::BUDGET.contains(c));
    if currency.is_none() {
        errors.push(FieldError::new("currency", "plan.currency_unknown", f.currency.trim()));
    }
    let inmate_jobs = match f.inmate_jobs.trim() {
        "" => 0,
        text => text.parse::<i64>().unwrap_or(-1),
    };
    let heading = PlanHeading {
        title: f.title.trim().to_string(),
        activity: f.activity.trim().to_string(),
        summary: f.summary.trim().to_string(),
        currency: currency.unwrap_or(Currency::KGS),
        inmate_jobs,
    };
    errors.extend(check_heading(&heading));
    invalid(errors)?;
    let new = NewPlan {
        facility_id: f.facility_id,
        title: heading.title,
        activity: heading.activity,
        summary: heading.summary,
        currency: heading.currency.code().to_string(),
        inmate_jobs,
    };
    Ok(app.store.create_plan(&caller.actor(), &new).await?)
}

/// Adds a budget line (an item, what it pays for, an amount in the plan's currency) to a draft
/// or returned plan.
pub async fn add_line(
    app: &App,
    caller: &Caller,
    plan: i64,
    item: &str,
    category: &str,
    amount: &str,
) -> Result<i64, AppError> {
    let (p, _) = app.reach(caller).plan(Permission::RunEnterprises, plan).await?;
    let mut errors = Vec::new();
    let category = LineCategory::parse(category);
    if category.is_none() {
        errors.push(FieldError::new("category", "plan.category_unknown", ""));
    }
    let amount = match Money::parse_major(amount, currency(&p)) {
        Ok(m) => {
            errors.extend(check_line(item, m.minor()));
            m.minor()
        }
        Err(_) => {
            errors.extend(check_line(item, 1));
            errors.push(FieldError::new("plan_amount", "money.format", amount.trim()));
            0
        }
    };
    invalid(errors)?;
    let category = category.expect("checked").code();
    Ok(app.store.add_plan_line(&caller.actor(), plan, item.trim(), category, amount).await?)
}

pub async fn remove_line(app: &App, caller: &Caller, plan: i64, line: i64) -> Result<(), AppError> {
    app.reach(caller).plan(Permission::RunEnterprises, plan).await?;
    Ok(app.store.remove_plan_line(&caller.actor(), plan, line).await?)
}

/// Submits a plan to the Expert Group: it must have a budget.
pub async fn submit(app: &App, caller: &Caller, plan: i64) -> Result<(), AppError> {
    let (p, _) = app.reach(caller).plan(Permission::RunEnterprises, plan).await?;
    if p.budget_minor <= 0 {
        return Err(AppError::Invalid(vec![FieldError::new("lines", "plan.no_lines", "")]));
    }
    app.store.plan_transition(&caller.actor(), plan, Event::Submit, "", None, app.clock.today()).await?;
    Ok(())
}

/// The steps that need only a reason: the author withdraws; the Expert Group starts its review
/// or returns the plan for revision (with a reason).
pub async fn move_on(app: &App, caller: &Caller, plan: i64, event: Event, reason: &str) -> Result<(), AppError> {
    let permission = match event {
        Event::Withdraw => Permission::RunEnterprises,
        Event::StartReview | Event::ReturnForRevision => Permission::ReviewEnterprisePlans,
        _ => return Err(StoreError::Conflict("application.transition").into()),
    };
    app.reach(caller).plan(permission, plan).await?;
    if event == Event::ReturnForRevision && reason.trim().is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new("reason", "application.reason_required", "")]));
    }
    app.store.plan_transition(&caller.actor(), plan, event, reason.trim(), None, app.clock.today()).await?;
    Ok(())
}

/// The plan under review and the Expert Group, if the caller sits on it.
async fn seat(app: &App, caller: &Caller, plan: i64) -> Result<(PlanRow, PanelRow), AppError> {
    let (p, _) = app.reach(caller).plan(Permission::ReviewEnterprisePlans, plan).await?;
    let (group, members) = app
        .store
        .expert_group()
        .await?
        .ok_or_else(|| AppError::Invalid(vec![FieldError::new("commission", "expert_group.none", "")]))?;
    if !members.iter().any(|m| Some(m.user_id) == caller.user_id) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "commission",
            "expert_group.not_member",
            caller.name.clone(),
        )]));
    }
    if p.status != Status::UnderReview.code() {
        return Err(AppError::Invalid(vec![FieldError::new("status", "plan.not_under_review", p.status.clone())]));
    }
    Ok((p, group))
}

/// An Expert Group member's review of a plan, on the plan criteria.
pub async fn review(app: &App, caller: &Caller, plan: i64, card: Scorecard<'_>) -> Result<(), AppError> {
    let (_, group) = seat(app, caller, plan).await?;
    // The group's rule is `none`: members declare their conflicts themselves.
    debug_assert_eq!(ConflictRule::parse(&group.conflict_rule), Some(ConflictRule::None));
    review::record(app, caller, ReviewSubject::EnterprisePlan(plan), &criteria(), None, card).await
}

/// The Expert Group's decision once its quorum of reviews without conflict is in.
pub async fn decide(
    app: &App,
    caller: &Caller,
    plan: i64,
    outcome: Recommendation,
    reason: &str,
) -> Result<(), AppError> {
    let (_, group) = seat(app, caller, plan).await?;
    let subject = ReviewSubject::EnterprisePlan(plan);
    // The Expert Group's rules allow no override: its decision follows its members' reviews.
    let (event, score) = review::verdict(app, subject, group.quorum, outcome, reason, false).await?;
    app.store.plan_transition(&caller.actor(), plan, event, reason.trim(), Some(score), app.clock.today()).await?;
    Ok(())
}

/// A purchase as typed.
pub struct PurchaseForm<'a> {
    pub line_id: &'a str,
    pub purchased_on: &'a str,
    pub supplier: &'a str,
    pub method: &'a str,
    pub reference: &'a str,
    pub amount: &'a str,
}

/// Records a purchase against a line of an approved plan, within what is left of the line.
pub async fn record_purchase(app: &App, caller: &Caller, plan: i64, f: PurchaseForm<'_>) -> Result<i64, AppError> {
    let (p, _) = app.reach(caller).plan(Permission::RunEnterprises, plan).await?;
    if p.status != Status::Approved.code() {
        return Err(AppError::Invalid(vec![FieldError::new("status", "plan.not_approved", p.status.clone())]));
    }
    let lines = app.store.plan_lines(plan).await?;
    let mut errors = Vec::new();
    let line =
        f.line_id.trim().parse::<i64>().ok().and_then(|id| lines.iter().find(|l| l.enterprise_plan_line_id == id));
    if line.is_none() {
        errors.push(FieldError::new("line_id", "plan.line_unknown", f.line_id.trim()));
    }
    let purchased_on = date(&mut errors, "purchased_on", f.purchased_on);
    let supplier = required(&mut errors, "supplier", f.supplier, 200);
    let reference = required(&mut errors, "contract_reference", f.reference, 100);
    let method = Procurement::parse(f.method);
    if method.is_none() {
        errors.push(FieldError::new("method", "plan.method_unknown", f.method.trim()));
    }
    let money = currency(&p);
    match (Money::parse_major(f.amount, money), line) {
        (Err(_), _) => errors.push(FieldError::new("plan_amount", "money.format", f.amount.trim())),
        (Ok(m), Some(l)) => {
            if let Err(mut e) = check_purchase(l.amount_minor, l.spent_minor, m.minor()) {
                if e.rule == "plan.over_budget" {
                    // Say what is left as money people read, not minor units.
                    let left = Money::from_minor(l.amount_minor - l.spent_minor, money);
                    e.value = format!("{} {}", left.to_plain(), money.code());
                }
                errors.push(e);
            }
        }
        (Ok(_), None) => {}
    }
    invalid(errors)?;
    let new = NewPurchase {
        plan_id: plan,
        line_id: line.expect("checked").enterprise_plan_line_id,
        purchased_on: purchased_on.expect("checked"),
        supplier,
        method: method.expect("checked").code().to_string(),
        reference,
        amount_minor: Money::parse_major(f.amount, money).map(Money::minor).unwrap_or_default(),
    };
    Ok(app.store.record_purchase(&caller.actor(), &new).await?)
}

/// Sets up (or renames) the national Expert Group and its quorum: national administrators only.
pub async fn set_expert_group(app: &App, caller: &Caller, name: &str, quorum: &str) -> Result<i64, AppError> {
    national(caller)?;
    let mut errors = Vec::new();
    let name = required(&mut errors, "name", name, 200);
    let quorum = match quorum.trim().parse::<i64>() {
        Ok(n) if n >= 1 => n,
        Ok(_) => {
            errors.push(FieldError::new("quorum", "commission.quorum_zero", quorum.trim()));
            0
        }
        Err(_) => {
            errors.push(FieldError::new("quorum", "number.whole", quorum.trim()));
            0
        }
    };
    invalid(errors)?;
    Ok(app.store.set_expert_group(&caller.actor(), &name, quorum).await?)
}

/// Seats a user on the Expert Group: she must be able to review plans of every facility.
pub async fn add_expert(app: &App, caller: &Caller, member: i64) -> Result<(), AppError> {
    national(caller)?;
    let (group, _) = app
        .store
        .expert_group()
        .await?
        .ok_or_else(|| AppError::Invalid(vec![FieldError::new("commission", "expert_group.none", "")]))?;
    let record = app.store.user(member).await.map_err(|e| match e {
        StoreError::NotFound => {
            AppError::Invalid(vec![FieldError::new("user_id", "commission.member_unknown", member.to_string())])
        }
        other => AppError::Store(other),
    })?;
    if !may_sit_in_expert_group(&record) {
        return Err(AppError::Invalid(vec![FieldError::new(
            "user_id",
            "expert_group.member_cannot_review",
            record.username,
        )]));
    }
    Ok(app.store.add_commission_member(&caller.actor(), group.commission_id, member, "").await?)
}

/// Whether a user may sit in the expert group: she reviews plans of every facility and may
/// sign in. What the page offers and what `add_expert` checks.
pub fn may_sit_in_expert_group(user: &emgek_store::UserRecord) -> bool {
    !user.disabled && user.access.is_national(Permission::ReviewEnterprisePlans)
}

fn national(caller: &Caller) -> Result<(), AppError> {
    if caller.national(Permission::ManageEnterprises) {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new("facility", "enterprise.national", "")]))
    }
}

/// Approved plans' budgets and spending, per currency: money in som and in dollars is never
/// added together.
pub fn approved_totals(plans: &[PlanRow]) -> Vec<(Currency, usize, i64, i64)> {
    Currency::BUDGET
        .into_iter()
        .filter_map(|c| {
            let of: Vec<&PlanRow> =
                plans.iter().filter(|p| p.status == Status::Approved.code() && currency(p) == c).collect();
            (!of.is_empty())
                .then(|| (c, of.len(), of.iter().map(|p| p.budget_minor).sum(), of.iter().map(|p| p.spent_minor).sum()))
        })
        .collect()
}
