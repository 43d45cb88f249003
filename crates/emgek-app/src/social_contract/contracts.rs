//! A contract's steps from signing to completion: tranches, repayments, monthly reports and
//! their receipts, visits, extensions and termination.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::notice::{NoticeEvent, Placeholder};
use emgek_domain::social_contract::contract::{Contract, ContractStatus, Termination};
use emgek_domain::social_contract::ledger::Account;
use emgek_domain::social_contract::monitoring::{VisitOutcome, month_of, parse_month};
use emgek_domain::social_contract::programme::RuleBook;
use emgek_domain::{Currency, Money};
use emgek_store::StoreError;
use emgek_store::notices::NewNotice;
use emgek_store::programmes::{Completion, ContractContext, Ending, NewReport, PaymentOrderRow};

use crate::{App, AppError, Caller};

fn refused(e: emgek_domain::social_contract::contract::ContractError) -> AppError {
    AppError::Store(StoreError::Conflict(e.rule()))
}

/// The contract, if it lies where the caller may use `permission`.
pub async fn within(app: &App, caller: &Caller, permission: Permission, id: i64) -> Result<ContractContext, AppError> {
    app.reach(caller).contract(permission, id).await
}

fn domain(c: &ContractContext) -> Result<Contract, AppError> {
    Ok(emgek_store::as_contract(&c.contract)?)
}

pub async fn sign(app: &App, caller: &Caller, id: i64) -> Result<(), AppError> {
    let c = within(app, caller, Permission::EditApplications, id).await?;
    let signed = domain(&c)?.sign().map_err(refused)?;
    app.store.update_contract(&caller.actor(), id, &signed, "contract.sign", "").await?;
    Ok(())
}

pub async fn extend(app: &App, caller: &Caller, id: i64, months: u32, reason: &str) -> Result<(), AppError> {
    let extended = check_extension(app, caller, id, months, reason).await?;
    app.store.update_contract(&caller.actor(), id, &extended, "contract.extend", reason.trim()).await?;
    Ok(())
}

/// Checks an extension as `extend` does, writing nothing: the contract extended.
pub async fn check_extension(
    app: &App,
    caller: &Caller,
    id: i64,
    months: u32,
    reason: &str,
) -> Result<Contract, AppError> {
    let c = within(app, caller, Permission::EditApplications, id).await?;
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", "application.reason_required", ""));
    }
    domain(&c)?.extend(months).map_err(refused)
}

pub async fn terminate(app: &App, caller: &Caller, id: i64, violation: bool, reason: &str) -> Result<(), AppError> {
    let (c, ended) = check_termination(app, caller, id, violation, reason).await?;
    // After a violation what was paid is claimed back, and the family is told it may appeal.
    let disbursed = app.store.contract_ledger(id).await?.contract_balance(id, Account::Disbursed);
    let told: Vec<_> = if violation && disbursed > 0 {
        let number = c.contract.number.clone();
        crate::notices::to_household(app, c.household_id, NoticeEvent::RefundClaimed, |l| {
            vec![(Placeholder::Number, number), (Placeholder::Amount, crate::notices::amount(l, disbursed))]
        })
        .await?
        .map(|n| NewNotice { event_key: format!("contract:{id}:refund"), ..n })
        .into_iter()
        .collect()
    } else {
        Vec::new()
    };
    let ending = Ending {
        contract_id: id,
        contract: &ended,
        programme_id: c.programme_id,
        violation,
        reason: reason.trim(),
        on: None,
        told: &told,
    };
    app.store.terminate_contract(&caller.actor(), &ending).await?;
    Ok(())
}

/// Checks a termination as `terminate` does, writing nothing: the contract and the contract
/// ended.
pub async fn check_termination(
    app: &App,
    caller: &Caller,
    id: i64,
    violation: bool,
    reason: &str,
) -> Result<(ContractContext, Contract), AppError> {
    let c = within(app, caller, Permission::ManageProgrammes, id).await?;
    if reason.trim().is_empty() {
        return Err(AppError::field("reason", "application.reason_required", ""));
    }
    let why = if violation { Termination::Violation } else { Termination::Agreement };
    let ended = domain(&c)?.terminate(why).map_err(refused)?;
    Ok((c, ended))
}

/// Completion and graduation, on `on` (today by default).
pub async fn complete(app: &App, caller: &Caller, id: i64, on: Option<&str>) -> Result<(), AppError> {
    let c = within(app, caller, Permission::EditApplications, id).await?;
    let (done, on, limited_until) = check_completion(app, &c, on).await?;
    let completion = Completion {
        contract_id: id,
        contract: done,
        programme_id: c.programme_id,
        household_id: c.household_id,
        on,
        limited_until,
    };
    app.store.complete_contract(&caller.actor(), &completion).await?;
    Ok(())
}

/// Checks a completion as `complete` does, writing nothing: the contract completed, the day it
/// graduated and the day its right to the benefit is limited until.
pub async fn check_completion(
    app: &App,
    c: &ContractContext,
    on: Option<&str>,
) -> Result<(Contract, time::Date, time::Date), AppError> {
    let on = completion_day(app.clock.today(), on)?;
    let book = app.store.rule_book(c.programme_id).await?;
    complete_under(&book, c, on)
}

/// The day a contract is completed on, as typed (today if blank): a date, not in the future.
pub fn completion_day(today: time::Date, on: Option<&str>) -> Result<time::Date, AppError> {
    let on = match on.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => {
            emgek_domain::household::parse_date(text).ok_or_else(|| AppError::field("on", "date.invalid", text))?
        }
        None => today,
    };
    if on > today {
        return Err(AppError::field("on", "date.future", on.to_string()));
    }
    Ok(on)
}

/// Checks a completion on `on` (in the past or today) under the programme's rule book: the
/// contract completed, the day it graduated and the day its right to the benefit is limited
/// until.
pub fn complete_under(
    book: &RuleBook,
    c: &ContractContext,
    on: time::Date,
) -> Result<(Contract, time::Date, time::Date), AppError> {
    let done = domain(c)?.complete(on).map_err(refused)?;
    let years = c.rules_from.and_then(|d| book.in_force(d)).map(|r| r.benefit_limitation_years).unwrap_or(3);
    let limited_until = on.replace_year(on.year() + i32::try_from(years).unwrap_or(3)).unwrap_or(on);
    Ok((done, on, limited_until))
}

/// Orders a tranche; the same key again returns the first order (and `false`).
pub async fn order_tranche(
    app: &App,
    caller: &Caller,
    id: i64,
    tranche: u32,
    key: &str,
) -> Result<(PaymentOrderRow, bool), AppError> {
    let c = within(app, caller, Permission::ManageProgrammes, id).await?;
    if key.trim().is_empty() || key.len() > 100 {
        return Err(AppError::field("idempotency_key", "payment.key_required", ""));
    }
    let contract = domain(&c)?;
    if !matches!(contract.status, ContractStatus::Signed | ContractStatus::Active) {
        return Err(AppError::field("contract", "payment.contract_not_signed", c.contract.status.clone()));
    }
    let book = app.store.rule_book(c.programme_id).await?;
    let rules =
        c.rules_from.and_then(|d| book.in_force(d)).ok_or_else(|| AppError::field("call", "call.no_rules", ""))?;
    let amounts = rules.tranche_amounts(Money::from_minor(c.contract.grant_tyiyn, Currency::KGS));
    let Some(amount) = (tranche as usize).checked_sub(1).and_then(|i| amounts.get(i)) else {
        return Err(AppError::field("tranche", "payment.tranche_unknown", tranche.to_string()));
    };
    if tranche > 1 && contract.status != ContractStatus::Active {
        return Err(AppError::field("tranche", "payment.first_tranche_first", tranche.to_string()));
    }
    Ok(app.store.request_payment(&caller.actor(), id, i64::from(tranche), amount.minor(), key.trim()).await?)
}

/// A family repays part or all of its refund claim (amount in som as typed); the same key again
/// posts nothing new and answers `false`.
pub async fn repay(app: &App, caller: &Caller, id: i64, amount_som: &str, key: &str) -> Result<bool, AppError> {
    let (c, amount) = check_repayment(app, caller, id, amount_som, 0).await?;
    if key.trim().is_empty() || key.len() > 100 {
        return Err(AppError::field("idempotency_key", "payment.key_required", ""));
    }
    let key = format!("repay:{}", key.trim());
    Ok(app.store.repay_refund(&caller.actor(), id, c.programme_id, amount, &key, None).await?)
}

/// Checks a repayment as `repay` does, writing nothing: the contract and the amount in tyiyn,
/// no more than is due less `pending` (repayments checked and not yet written).
pub async fn check_repayment(
    app: &App,
    caller: &Caller,
    id: i64,
    amount_som: &str,
    pending: i64,
) -> Result<(ContractContext, i64), AppError> {
    let c = within(app, caller, Permission::ManageProgrammes, id).await?;
    let amount = Money::parse_major(amount_som.trim(), Currency::KGS)
        .map_err(|_| AppError::field("amount_som", "money.format", amount_som.trim()))?;
    if amount.minor() <= 0 {
        return Err(AppError::field("amount_som", "ledger.not_positive", amount_som.trim()));
    }
    // Nothing of a claim is recovered while the family's appeal of it is open.
    let appeals = app.store.appeals_of_application(c.contract.application_id).await?;
    if appeals.iter().any(|p| p.contested == "termination" && p.status == "lodged") {
        return Err(AppError::field("amount_som", "refund.under_appeal", amount_som.trim()));
    }
    let due = app.store.contract_ledger(id).await?.contract_balance(id, Account::RefundDue);
    if amount.minor() > due.saturating_sub(pending) {
        return Err(AppError::field("amount_som", "refund.more_than_due", amount_som.trim()));
    }
    Ok((c, amount.minor()))
}

/// A monthly report as typed: amounts in som, purchases as (budget line, amount).
pub struct ReportInput {
    pub month: String,
    pub revenue_som: String,
    pub costs_som: String,
    /// Jobs as typed; empty means none.
    pub jobs: String,
    pub purchases: Vec<(usize, String)>,
    pub receipts: Vec<String>,
}

/// The last day a contract is followed: its term, extensions and follow-up months.
pub async fn followed_until(app: &App, c: &ContractContext) -> Result<Option<time::Date>, AppError> {
    let book = app.store.rule_book(c.programme_id).await?;
    followed_under(&book, c)
}

/// The last day a contract is followed, under its programme's rule book.
fn followed_under(book: &RuleBook, c: &ContractContext) -> Result<Option<time::Date>, AppError> {
    let follow = c.rules_from.and_then(|d| book.in_force(d)).map(|r| r.follow_up_months).unwrap_or(12);
    let mut k = domain(c)?;
    k.extended_months += follow;
    Ok(k.ends())
}

/// A monthly report checked, to be written.
#[derive(Debug, Clone)]
pub struct CheckedReport {
    pub contract_id: i64,
    pub month: time::Date,
    pub revenue: i64,
    pub costs: i64,
    pub jobs: i64,
    purchases_json: String,
    receipts: String,
}

impl CheckedReport {
    pub fn as_new(&self) -> NewReport<'_> {
        NewReport {
            contract_id: self.contract_id,
            month: self.month,
            revenue: self.revenue,
            costs: self.costs,
            jobs: self.jobs,
            purchases_json: &self.purchases_json,
            receipts: &self.receipts,
        }
    }
}

/// Adds a family's monthly report checked by [`check_report`].
pub async fn add_report(app: &App, caller: &Caller, id: i64, input: &ReportInput) -> Result<i64, AppError> {
    let report = check_report(app, caller, id, input).await?;
    Ok(app.store.add_report(&caller.actor(), &report.as_new()).await?)
}

/// Checks a monthly report of a contract within the caller's places, writing nothing: amounts
/// in som, purchases on the plan's budget lines, a month from the contract's start to the end
/// of its follow-up and not after this one.
pub async fn check_report(app: &App, caller: &Caller, id: i64, input: &ReportInput) -> Result<CheckedReport, AppError> {
    let context = report_context(app, caller, id).await?;
    check_report_in(&context, input, app.clock.today())
}

/// What checking a monthly report needs of its contract, read once for all its months (a file
/// lists a contract's months together): the contract within the caller's places, its plan's
/// budget lines and the last month it is followed.
pub struct ReportContext {
    contract_id: i64,
    c: ContractContext,
    plan_lines: usize,
    followed_until: Option<time::Date>,
}

impl ReportContext {
    pub fn contract_id(&self) -> i64 {
        self.contract_id
    }
}

pub async fn report_context(app: &App, caller: &Caller, id: i64) -> Result<ReportContext, AppError> {
    let c = within(app, caller, Permission::EditApplications, id).await?;
    let plan_lines = app.store.application(c.contract.application_id).await?.plan.lines.len();
    let followed_until = followed_until(app, &c).await?;
    Ok(ReportContext { contract_id: id, c, plan_lines, followed_until })
}

/// What checking a report needs of a contract read already (with others, for a file), if the
/// caller may report on it: its plan's number of lines and its programme's rule book.
pub fn report_context_of(
    app: &App,
    caller: &Caller,
    c: ContractContext,
    plan_lines: usize,
    book: &RuleBook,
) -> Result<ReportContext, AppError> {
    let c = app.reach(caller).contract_read(Permission::EditApplications, c)?;
    let followed_until = followed_under(book, &c)?;
    Ok(ReportContext { contract_id: c.contract.contract_id, c, plan_lines, followed_until })
}

/// Checks a monthly report of the contract `context` was read for, as on `today`.
pub fn check_report_in(
    context: &ReportContext,
    input: &ReportInput,
    today: time::Date,
) -> Result<CheckedReport, AppError> {
    let (id, c) = (context.contract_id, &context.c);
    let mut errors = Vec::new();
    let money = |errors: &mut Vec<FieldError>, field: String, text: &str| {
        Money::parse_major(text, Currency::KGS)
            .map_err(|_| errors.push(FieldError::new(field, "money.format", text)))
            .map(|m| m.minor())
            .unwrap_or(0)
    };
    let revenue = money(&mut errors, "revenue_som".into(), &input.revenue_som);
    let costs = money(&mut errors, "costs_som".into(), &input.costs_som);
    let jobs_typed = input.jobs.trim();
    let jobs: u32 = if jobs_typed.is_empty() {
        0
    } else {
        jobs_typed.parse().unwrap_or_else(|_| {
            errors.push(FieldError::new("jobs", "number.whole", jobs_typed));
            0
        })
    };
    let mut purchases = Vec::new();
    for (i, (line, amount)) in input.purchases.iter().enumerate() {
        if *line >= context.plan_lines {
            errors.push(FieldError::new(format!("purchases[{i}].line"), "report.line_unknown", line.to_string()));
        }
        purchases.push(serde_json::json!({ "line": line, "amount": money(&mut errors, format!("purchases[{i}].amount_som"), amount) }));
    }
    let month = parse_month(&input.month);
    match (month, c.contract.starts, context.followed_until) {
        (None, ..) => errors.push(FieldError::new("month", "date.invalid", input.month.as_str())),
        (Some(m), Some(start), Some(last)) if m < month_of(start) || m > month_of(last) || m > month_of(today) => {
            errors.push(FieldError::new("month", "report.month_outside", input.month.as_str()))
        }
        (Some(_), None, _) => {
            errors.push(FieldError::new("contract", "report.not_started", c.contract.number.as_str()))
        }
        _ => {}
    }
    let (Some(month), true) = (month, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let receipts = input.receipts.iter().map(|r| r.trim()).filter(|r| !r.is_empty()).collect::<Vec<_>>().join("\n");
    let purchases = serde_json::Value::Array(purchases).to_string();
    Ok(CheckedReport {
        contract_id: id,
        month,
        revenue,
        costs,
        jobs: i64::from(jobs),
        purchases_json: purchases,
        receipts,
    })
}

pub async fn add_visit(
    app: &App,
    caller: &Caller,
    id: i64,
    visited_on: &str,
    outcome: VisitOutcome,
    reasons: &str,
) -> Result<i64, AppError> {
    let on = check_visit(app, caller, id, visited_on, outcome, reasons).await?;
    Ok(app.store.add_visit(&caller.actor(), id, on, outcome.code(), reasons.trim()).await?)
}

/// Checks a visit as `add_visit` does, writing nothing: its day.
pub async fn check_visit(
    app: &App,
    caller: &Caller,
    id: i64,
    visited_on: &str,
    outcome: VisitOutcome,
    reasons: &str,
) -> Result<time::Date, AppError> {
    within(app, caller, Permission::EditApplications, id).await?;
    check_visit_day(app.clock.today(), visited_on, outcome, reasons)
}

/// Checks a visit's day and reasons, as on `today`, for a contract within the caller's reach:
/// the day visited.
pub fn check_visit_day(
    today: time::Date,
    visited_on: &str,
    outcome: VisitOutcome,
    reasons: &str,
) -> Result<time::Date, AppError> {
    let on = emgek_domain::household::parse_date(visited_on)
        .ok_or_else(|| AppError::field("visited_on", "date.invalid", visited_on))?;
    if on > today {
        return Err(AppError::field("visited_on", "date.future", visited_on));
    }
    if outcome != VisitOutcome::Operating && reasons.trim().is_empty() {
        return Err(AppError::field("reasons", "visit.reasons_required", ""));
    }
    Ok(on)
}

/// Bodies up to this size reach the receipt checks, which name a file that is too large; a
/// larger body is cut off with 413.
pub const RECEIPT_BODY_LIMIT: usize = emgek_domain::social_contract::monitoring::RECEIPT_MAX_BYTES + 1024 * 1024;

/// Attaches a receipt (a JPEG or PNG photo, or a PDF scan) to a monthly report of a contract
/// the caller may edit. The same file sent twice is one receipt.
pub async fn add_receipt(
    app: &App,
    caller: &Caller,
    report: i64,
    file_name: &str,
    content: &[u8],
) -> Result<i64, AppError> {
    use emgek_domain::social_contract::monitoring::{RECEIPT_MAX_BYTES, receipt_name, receipt_type};
    let contract = app.store.report_contract(report).await?;
    within(app, caller, Permission::EditApplications, contract).await?;
    let name = receipt_name(file_name);
    if content.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new("receipt", "receipt.empty", name)]));
    }
    if content.len() > RECEIPT_MAX_BYTES {
        return Err(AppError::Invalid(vec![FieldError::new("receipt", "receipt.too_large", name)]));
    }
    let Some(content_type) = receipt_type(content) else {
        return Err(AppError::Invalid(vec![FieldError::new("receipt", "receipt.type", name)]));
    };
    Ok(app.store.add_receipt(&caller.actor(), report, &name, content_type, content).await?)
}

/// A receipt and its content, if it belongs to a contract the caller may read.
pub async fn receipt(
    app: &App,
    caller: &Caller,
    id: i64,
) -> Result<(emgek_store::programmes::ReceiptRow, Vec<u8>), AppError> {
    let (row, contract, content) = app.store.receipt(id).await?;
    within(app, caller, Permission::ReadApplications, contract).await?;
    Ok((row, content))
}

/// A contract whose monthly reports are overdue: the first days of the months missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overdue {
    pub contract_id: i64,
    pub number: String,
    pub months: Vec<time::Date>,
}

/// The contracts of a call, in the places where the caller reads applications, whose monthly
/// report (due by the 5th of the next month) is missing for some month of their term and
/// follow-up, as of the app's today.
pub async fn overdue(app: &App, caller: &Caller, call: i64) -> Result<Vec<Overdue>, AppError> {
    use emgek_domain::social_contract::monitoring::months_due;
    let call_row = app.store.call(call).await?;
    let book = app.store.rule_book(call_row.programme_id).await?;
    let follow = book.in_force(call_row.opens).map(|r| r.follow_up_months).unwrap_or(12);
    let today = app.clock.today();
    let places = app.reach(caller).places(Permission::ReadApplications);
    let mut out = Vec::new();
    for m in app.store.monitored(call, &places).await? {
        let mut k = emgek_store::as_contract(&m.contract)?;
        let Some(start) = k.starts else { continue };
        k.extended_months += follow;
        let Some(last) = k.ends() else { continue };
        let months: Vec<time::Date> =
            months_due(start, last, today).into_iter().filter(|d| !m.reported.contains(d)).collect();
        if !months.is_empty() {
            out.push(Overdue { contract_id: m.contract.contract_id, number: m.contract.number, months });
        }
    }
    Ok(out)
}
