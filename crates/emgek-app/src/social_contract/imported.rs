//! The Social Contract's records brought from the ministry's files: applications decided before
//! emgek, the contracts signed on them and the tranches the bank paid. Each is checked here,
//! writing nothing, with the rules that apply to what already happened (the household and the
//! contract within the importer's places, the call's window, the cap of the rules in force, the
//! grant paid no more than granted); `crate::records` writes what passes.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::Status;
use emgek_domain::social_contract::business_plan::{BudgetCategory, BudgetLine, BusinessPlan, Sector};
use emgek_domain::social_contract::eligibility::HouseholdSnapshot;
use emgek_domain::social_contract::eligibility::assess;
use emgek_domain::social_contract::programme::RuleBook;
use emgek_domain::social_contract::review::Recommendation;
use emgek_domain::{Currency, Money};
use emgek_store::HouseholdRecord;
use emgek_store::history::{ImportedApplication, ImportedContract, ImportedDecision, ImportedPayment};
use emgek_store::programmes::{CallRow, Submission};
use time::Date;

use super::applications::snapshot_of;
use crate::keys::required_ref;
use crate::prison::{som, whole};
use crate::{App, AppError, Caller};

/// An application as a file gives it; the call is named by the records' importer.
pub struct ApplicationForm<'a> {
    pub reference: &'a str,
    pub household_ref: &'a str,
    pub call_id: i64,
    pub status: &'a str,
    pub sector: &'a str,
    pub activity: &'a str,
    pub grant_som: &'a str,
    pub own_contribution_som: &'a str,
    pub jobs: &'a str,
    pub submitted_on: &'a str,
}

/// An application checked: what `Store::import_application` writes.
#[derive(Debug, Clone)]
pub struct CheckedApplication {
    pub reference: String,
    pub call_id: i64,
    pub household: (i64, String, String),
    pub status: Status,
    pub plan: BusinessPlan,
    pub submission: Submission,
}

impl CheckedApplication {
    pub fn as_imported(&self) -> ImportedApplication<'_> {
        ImportedApplication {
            reference: &self.reference,
            call_id: self.call_id,
            household: (self.household.0, &self.household.1, &self.household.2),
            status: self.status,
            plan: &self.plan,
            submission: &self.submission,
        }
    }
}

/// Checks an application decided before emgek. Its plan is what the file gives: the sector,
/// the activity, and one budget line (category `other`) of the grant and the family's own
/// contribution; no projection. Its facts are the household's as the registry holds them on
/// the day of the import, judged by the rules in force on the day it was submitted, which
/// must fall within the call's window. A draft is not imported: only what was submitted.
pub async fn check_application(
    app: &App,
    caller: &Caller,
    f: &ApplicationForm<'_>,
) -> Result<CheckedApplication, AppError> {
    let household_ref = f.household_ref.trim();
    let Some(household_id) = app.store.household_by_ref(household_ref).await? else {
        return Err(AppError::field("household_ref", "application.household_unknown", household_ref));
    };
    let household = app.reach(caller).household(Permission::EditApplications, household_id).await?;
    let call = app.store.call(f.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let open = app.store.open_application(call.call_id, household_id).await?;
    let attended = app.store.attended_training(call.call_id, household_id).await?;
    let (_, last_funded) = app.store.funding_history(household_id).await?;
    let applicant = Applicant { household: &household, open, snapshot: snapshot_of(&household, attended, last_funded) };
    check_application_in(app.clock.today(), f, &call, &book, applicant)
}

/// What checking an application reads of its household: the household within the caller's
/// reach, its application still open in the call (if any) and the facts its submission freezes.
pub struct Applicant<'a> {
    pub household: &'a HouseholdRecord,
    pub open: Option<i64>,
    pub snapshot: HouseholdSnapshot,
}

/// [`check_application`] of an application whose call, rules and household are read already
/// (with many others, for a file).
pub fn check_application_in(
    today: Date,
    f: &ApplicationForm<'_>,
    call: &CallRow,
    book: &RuleBook,
    applicant: Applicant<'_>,
) -> Result<CheckedApplication, AppError> {
    let mut errors = Vec::new();
    let reference = required_ref(&mut errors, "application_ref", f.reference);
    let status = match Status::parse(f.status.trim()) {
        Some(Status::Draft) | None => {
            errors.push(FieldError::new("status", "application.status_unknown", f.status.trim()));
            None
        }
        status => status,
    };
    let sector = Sector::parse(f.sector);
    if sector.is_none() {
        errors.push(FieldError::new("sector", "plan.sector_unknown", f.sector.trim()));
    }
    let grant = som(&mut errors, "grant_requested_som", f.grant_som);
    if grant == 0 && !errors.iter().any(|e| e.field == "grant_requested_som") {
        errors.push(FieldError::new("grant_requested_som", "money.positive", f.grant_som.trim()));
    }
    let own = som(&mut errors, "own_contribution_som", crate::prison::empty_is_zero(f.own_contribution_som));
    let jobs = whole(&mut errors, "jobs", crate::prison::empty_is_zero(f.jobs));
    let submitted = emgek_domain::household::parse_date(f.submitted_on);
    match submitted {
        None => errors.push(FieldError::new("submitted_on", "date.invalid", f.submitted_on.trim())),
        Some(on) if on < call.opens || on > call.closes => {
            errors.push(FieldError::new("submitted_on", "call.closed", format!("{} – {}", call.opens, call.closes)))
        }
        Some(on) if on > today => errors.push(FieldError::new("submitted_on", "date.future", f.submitted_on.trim())),
        Some(_) => {}
    }
    let rules = submitted.and_then(|on| book.in_force(on));
    if rules.is_none() && submitted.is_some() {
        errors.push(FieldError::new("submitted_on", "call.no_rules", f.submitted_on.trim()));
    }
    let (Some(reference), Some(status), Some(sector), Some(submitted), Some(rules), true) =
        (reference, status, sector, submitted, rules, errors.is_empty())
    else {
        return Err(AppError::Invalid(errors));
    };
    let plan = BusinessPlan {
        sector,
        activity: f.activity.trim().to_string(),
        ovop_category: None,
        local_resources: String::new(),
        lines: vec![BudgetLine {
            category: BudgetCategory::Other,
            item: f.activity.trim().to_string(),
            quantity: 1,
            unit_price: Money::from_minor(grant.saturating_add(own), Currency::KGS),
        }],
        own_contribution: Money::from_minor(own, Currency::KGS),
        projection: Vec::new(),
        jobs: u32::try_from(jobs).unwrap_or(u32::MAX),
        green: false,
    };
    // The plan's own rules, but the projection the file does not give.
    let errors: Vec<FieldError> = plan
        .check(rules)
        .into_iter()
        .filter(|e| e.rule != "plan.projection_months")
        .map(|mut e| {
            if e.field == "lines" || e.field.starts_with("lines[") {
                e.field = "grant_requested_som".into();
            }
            e
        })
        .collect();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    if let Some(open) = applicant.open
        && !matches!(status, Status::Rejected | Status::Withdrawn)
    {
        return Err(AppError::field("household_ref", "application.open_exists", open.to_string()));
    }
    let figures = plan.figures();
    let assessment = assess(rules, &applicant.snapshot, Some(&figures), false, false, submitted);
    let submission = Submission { snapshot: applicant.snapshot, assessment, rules_from: rules.effective_from };
    let h = applicant.household;
    let place = (h.id, h.fields.oblast.clone(), h.fields.rayon.clone());
    Ok(CheckedApplication { reference, call_id: call.call_id, household: place, status, plan, submission })
}

/// A contract as a file gives it, on an application held.
pub struct ContractForm<'a> {
    pub number: &'a str,
    pub application_id: i64,
    pub grant_som: &'a str,
    pub starts: &'a str,
    pub term_months: &'a str,
    pub status: &'a str,
}

/// A contract checked: what `Store::import_contract` writes.
#[derive(Debug, Clone)]
pub struct CheckedContract {
    pub application_id: i64,
    pub programme_id: i64,
    pub number: String,
    pub status: &'static str,
    pub grant_tyiyn: i64,
    pub term_months: i64,
    pub starts: Date,
}

impl CheckedContract {
    pub fn as_imported(&self) -> ImportedContract<'_> {
        ImportedContract {
            application_id: self.application_id,
            programme_id: self.programme_id,
            number: &self.number,
            status: self.status,
            grant_tyiyn: self.grant_tyiyn,
            term_months: self.term_months,
            starts: self.starts,
        }
    }
}

/// The longest term a contract brought from a file may have, in months.
const MAX_TERM_MONTHS: i64 = 60;

/// Checks a contract signed before emgek: on a funded application within the caller's places
/// (the permission of whom funds, `ManageProgrammes`), its grant above zero and no more than
/// the application asked for, a term of 1 to 60 months from its first day. Its status is
/// `signed`, `active`, `completed` or `terminated`; its graduation, if any, comes after.
pub async fn check_contract(app: &App, caller: &Caller, f: &ContractForm<'_>) -> Result<CheckedContract, AppError> {
    let a = app.reach(caller).application(Permission::ManageProgrammes, f.application_id).await?;
    let call = app.store.call(a.call_id).await?;
    let contract = match a.status {
        Status::Funded => app.store.contract_of(a.id).await?.map(|c| c.number),
        _ => None,
    };
    let funding = Funding { id: a.id, status: a.status, grant_requested: a.grant_requested, contract };
    check_contract_in(app.clock.today(), f, funding, call.programme_id)
}

/// What checking a contract reads of its application.
#[derive(Debug, Clone)]
pub struct Funding {
    pub id: i64,
    pub status: Status,
    pub grant_requested: i64,
    /// The number of the contract signed on it, if one is held.
    pub contract: Option<String>,
}

/// [`check_contract`] of a contract whose application (within the caller's reach) and
/// programme are read already (with many others, for a file).
pub fn check_contract_in(
    today: Date,
    f: &ContractForm<'_>,
    a: Funding,
    programme_id: i64,
) -> Result<CheckedContract, AppError> {
    let mut errors = Vec::new();
    let number = required_ref(&mut errors, "contract_number", f.number);
    if a.status != Status::Funded {
        errors.push(FieldError::new("application_ref", "contract.application_not_funded", a.status.code()));
    } else if let Some(held) = a.contract {
        errors.push(FieldError::new("application_ref", "contract.application_has_one", held));
    }
    let grant = som(&mut errors, "grant_som", f.grant_som);
    if grant == 0 && !errors.iter().any(|e| e.field == "grant_som") {
        errors.push(FieldError::new("grant_som", "money.positive", f.grant_som.trim()));
    } else if grant > a.grant_requested {
        errors.push(FieldError::new("grant_som", "contract.grant_over_request", f.grant_som.trim()));
    }
    let term = whole(&mut errors, "term_months", f.term_months);
    if !(1..=MAX_TERM_MONTHS).contains(&term) && !errors.iter().any(|e| e.field == "term_months") {
        errors.push(FieldError::new("term_months", "contract.term_months", f.term_months.trim()));
    }
    let starts = emgek_domain::household::parse_date(f.starts);
    match starts {
        None => errors.push(FieldError::new("starts", "date.invalid", f.starts.trim())),
        Some(on) if on > today => errors.push(FieldError::new("starts", "date.future", f.starts.trim())),
        Some(_) => {}
    }
    let status = match f.status.trim() {
        "signed" => Some("signed"),
        "active" => Some("active"),
        "completed" => Some("completed"),
        "terminated" => Some("terminated"),
        other => {
            errors.push(FieldError::new("status", "contract.status_unknown", other));
            None
        }
    };
    let (Some(number), Some(starts), Some(status), true) = (number, starts, status, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    Ok(CheckedContract {
        application_id: a.id,
        programme_id,
        number,
        status,
        grant_tyiyn: grant,
        term_months: term,
        starts,
    })
}

/// A tranche as a file gives it, on a contract held; `paid_before` is what the contract's
/// earlier tranches paid, in tyiyn.
pub struct PaymentForm<'a> {
    pub contract_id: i64,
    pub tranche: &'a str,
    pub amount_som: &'a str,
    /// Blank for an order the bank has not paid yet.
    pub paid_on: &'a str,
    pub bank_reference: &'a str,
    pub paid_before: i64,
}

/// Checks a tranche ordered before emgek: on a contract within the caller's places (the
/// permission of whom orders tranches), a tranche the contract's rules have, an amount above
/// zero that with the tranches ordered before is no more than the grant, and, if the bank paid
/// it, paid on a day not before the contract's start and not after today; the bank's reference
/// a register number ([`crate::keys::register_ref`]).
pub async fn check_payment(app: &App, caller: &Caller, f: &PaymentForm<'_>) -> Result<ImportedPayment, AppError> {
    let context = payment_context(app, caller, f.contract_id).await?;
    check_payment_in(&context, f, app.clock.today())
}

/// What checking a contract's tranches needs of it, read once for all of them (a file lists a
/// contract's tranches together): the contract within the caller's places (the permission of
/// whom orders tranches) and how many tranches its rules have.
pub struct PaymentContext {
    pub c: emgek_store::programmes::ContractContext,
    tranches: usize,
}

pub async fn payment_context(app: &App, caller: &Caller, id: i64) -> Result<PaymentContext, AppError> {
    let c = super::contracts::within(app, caller, Permission::ManageProgrammes, id).await?;
    let book = app.store.rule_book(c.programme_id).await?;
    Ok(payment_context_under(c, &book))
}

/// What checking a tranche needs of a contract read already (with others, for a file), if the
/// caller may order its payments, under its programme's rule book.
pub fn payment_context_of(
    app: &App,
    caller: &Caller,
    c: emgek_store::programmes::ContractContext,
    book: &RuleBook,
) -> Result<PaymentContext, AppError> {
    let c = app.reach(caller).contract_read(Permission::ManageProgrammes, c)?;
    Ok(payment_context_under(c, book))
}

fn payment_context_under(c: emgek_store::programmes::ContractContext, book: &RuleBook) -> PaymentContext {
    let tranches = c.rules_from.and_then(|d| book.in_force(d)).map(|r| r.tranches.len()).unwrap_or(0);
    PaymentContext { c, tranches }
}

/// Checks a tranche of the contract `context` was read for, as on `today`.
pub fn check_payment_in(
    context: &PaymentContext,
    f: &PaymentForm<'_>,
    today: time::Date,
) -> Result<ImportedPayment, AppError> {
    let (c, tranches) = (&context.c, context.tranches);
    let mut errors = Vec::new();
    let tranche = whole(&mut errors, "tranche", f.tranche);
    if !errors.iter().any(|e| e.field == "tranche") && (tranche < 1 || tranche > tranches as i64) {
        errors.push(FieldError::new("tranche", "payment.tranche_unknown", f.tranche.trim()));
    }
    let amount = som(&mut errors, "amount_som", f.amount_som);
    if amount == 0 && !errors.iter().any(|e| e.field == "amount_som") {
        errors.push(FieldError::new("amount_som", "money.positive", f.amount_som.trim()));
    } else if f.paid_before.saturating_add(amount) > c.contract.grant_tyiyn {
        errors.push(FieldError::new("amount_som", "payment.over_grant", f.amount_som.trim()));
    }
    let bank_reference = crate::keys::register_ref(&mut errors, "bank_reference", f.bank_reference);
    let paid_on = check_paid_on(today, f.paid_on, c.contract.starts, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    Ok(ImportedPayment {
        contract_id: f.contract_id,
        programme_id: c.programme_id,
        tranche_no: tranche,
        amount_tyiyn: amount,
        paid_on,
        bank_reference,
    })
}

/// The day a tranche was paid, as a file gives it: none if blank; else a day not before the
/// contract's start and not after today.
pub fn check_paid_on(
    today: time::Date,
    text: &str,
    starts: Option<time::Date>,
    errors: &mut Vec<FieldError>,
) -> Option<time::Date> {
    if text.trim().is_empty() {
        return None;
    }
    let paid_on = emgek_domain::household::parse_date(text);
    match (paid_on, starts) {
        (None, _) => errors.push(FieldError::new("paid_on", "date.invalid", text.trim())),
        (Some(on), _) if on > today => errors.push(FieldError::new("paid_on", "date.future", text.trim())),
        (Some(on), Some(starts)) if on < starts => {
            errors.push(FieldError::new("paid_on", "payment.before_start", text.trim()))
        }
        _ => {}
    }
    paid_on
}

/// A commission's decision as its minutes give it, on an application held.
pub struct DecisionForm<'a> {
    pub application_id: i64,
    pub decided_on: &'a str,
    pub decision: &'a str,
    pub score: &'a str,
    pub reason: &'a str,
    pub minutes: &'a str,
}

/// A decision checked: what `Store::import_decision` writes.
#[derive(Debug, Clone)]
pub struct CheckedDecision {
    pub application_id: i64,
    pub status: Status,
    pub decided_on: Date,
    pub score_x100: Option<i64>,
    pub reason: String,
}

impl CheckedDecision {
    pub fn as_imported(&self) -> ImportedDecision<'_> {
        ImportedDecision {
            application_id: self.application_id,
            status: self.status,
            decided_on: self.decided_on,
            score_x100: self.score_x100,
            reason: &self.reason,
        }
    }
}

/// The longest reason a decision may carry, in characters.
const MAX_REASON_CHARS: usize = 1_000;

/// The decision a word of the minutes names, in English, Russian or Kyrgyz.
fn decision_of(text: &str) -> Option<Recommendation> {
    let word = text.trim().to_lowercase();
    let is = |words: &[&str]| words.contains(&word.as_str());
    if is(&["approve", "approved", "одобрить", "одобрено", "одобрена", "жактырылды", "жактыруу"])
    {
        Some(Recommendation::Approve)
    } else if is(&[
        "reject",
        "rejected",
        "отказать",
        "отказано",
        "отклонено",
        "отклонена",
        "четке кагылды",
        "четке кагуу",
    ]) {
        Some(Recommendation::Reject)
    } else if is(&[
        "return",
        "returned",
        "вернуть",
        "возвращено",
        "на доработку",
        "кайтаруу",
        "кайтарылды",
        "кайра иштетүүгө",
    ]) {
        Some(Recommendation::Return)
    } else {
        None
    }
}

/// The decision a file's word names, if it is the one the application's status records
/// (`decision.unknown`, `decision.status_differs`).
pub fn decision_agrees(text: &str, status: Status) -> Result<Recommendation, FieldError> {
    let Some(decision) = decision_of(text) else {
        return Err(FieldError::new("decision", "decision.unknown", text.trim()));
    };
    let agrees = match decision {
        Recommendation::Approve => matches!(status, Status::Approved | Status::Funded | Status::WaitingList),
        Recommendation::Reject => status == Status::Rejected,
        Recommendation::Return => status == Status::Returned,
    };
    if agrees { Ok(decision) } else { Err(FieldError::new("decision", "decision.status_differs", status.code())) }
}

/// Checks a commission's decision brought from its minutes, on an application imported with
/// the status that decision gave it (approved, funded or on the waiting list after an approval;
/// rejected; returned for revision), within the caller's places. Its day falls within the
/// call's year of work (not before the call opened, not in the future); its score, when the
/// minutes give one, is the members' average, at most the criteria's total under the rules the
/// application was judged by; a rejection or a return says why, as on the page.
pub async fn check_decision(app: &App, caller: &Caller, f: &DecisionForm<'_>) -> Result<CheckedDecision, AppError> {
    let a = app.reach(caller).application(Permission::EditApplications, f.application_id).await?;
    let call = app.store.call(a.call_id).await?;
    let book = app.store.rule_book(call.programme_id).await?;
    let decided = Decided { id: a.id, status: a.status, rules_from: a.rules_from };
    check_decision_in(app.clock.today(), f, decided, &call, &book)
}

/// What checking a decision reads of its application.
#[derive(Debug, Clone, Copy)]
pub struct Decided {
    pub id: i64,
    /// The status it was imported with.
    pub status: Status,
    /// The date of the rules it was judged by.
    pub rules_from: Option<Date>,
}

/// [`check_decision`] of a decision whose application (within the caller's reach), call and
/// rules are read already (with many others, for a file).
pub fn check_decision_in(
    today: Date,
    f: &DecisionForm<'_>,
    a: Decided,
    call: &CallRow,
    book: &RuleBook,
) -> Result<CheckedDecision, AppError> {
    let mut errors = Vec::new();
    let decision = decision_agrees(f.decision, a.status).map_err(|e| errors.push(e)).ok();
    let decided_on = emgek_domain::household::parse_date(f.decided_on);
    match decided_on {
        None => errors.push(FieldError::new("decided_on", "date.invalid", f.decided_on.trim())),
        Some(on) if on > today => errors.push(FieldError::new("decided_on", "date.future", f.decided_on.trim())),
        Some(on) if on < call.opens => {
            errors.push(FieldError::new("decided_on", "decision.before_call", call.opens.to_string()))
        }
        Some(_) => {}
    }
    let score_x100 = match f.score.trim() {
        "" => None,
        text => match Money::parse_major(text, Currency::KGS) {
            Ok(points) if points.minor() >= 0 => {
                let most: i64 = a
                    .rules_from
                    .and_then(|d| book.in_force(d))
                    .map(|r| r.criteria.iter().map(|c| i64::from(c.max_points)).sum())
                    .unwrap_or(0);
                if points.minor() > most * 100 {
                    errors.push(FieldError::new("score", "decision.score_over_max", most.to_string()));
                }
                Some(points.minor())
            }
            _ => {
                errors.push(FieldError::new("score", "decision.score_format", text));
                None
            }
        },
    };
    let reason = f.reason.trim();
    if reason.chars().count() > MAX_REASON_CHARS {
        errors.push(FieldError::new("reason", "decision.reason_too_long", MAX_REASON_CHARS.to_string()));
    } else if reason.is_empty() && decision.is_some_and(|d| d != Recommendation::Approve) {
        errors.push(FieldError::new("reason", "application.reason_required", ""));
    }
    let minutes = match f.minutes.trim() {
        "" => None,
        text => required_ref(&mut errors, "minutes", text),
    };
    let (Some(decided_on), true) = (decided_on, errors.is_empty()) else {
        return Err(AppError::Invalid(errors));
    };
    let reason = match minutes {
        Some(m) if reason.is_empty() => format!("№ {m}"),
        Some(m) => format!("№ {m}: {reason}"),
        None => reason.to_string(),
    };
    Ok(CheckedDecision { application_id: a.id, status: a.status, decided_on, score_x100, reason })
}
