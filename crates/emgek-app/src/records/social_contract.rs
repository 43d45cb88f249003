//! The Social Contract's files after its programmes and calls (`programmes.rs`): applications,
//! contracts, tranches, monthly reports and a contract's year and after, each through the use
//! case an administrator or a case worker types one with (`social_contract::contracts`,
//! `social_contract::imported`).

mod ahead;
mod tranches;

use std::collections::HashMap;

use emgek_domain::access::Permission;
use emgek_domain::social_contract::application::Status;
use emgek_domain::social_contract::monitoring::parse_month;
use time::Date;

use super::batch::Queued;
use super::{Outcome, Pass, renamed};
use crate::social_contract::applications::snapshot_of;
use crate::social_contract::contracts::{
    ReportInput, check_extension, check_repayment, check_report_in, check_termination, check_visit_day, complete_under,
    completion_day, report_context, within,
};
use crate::social_contract::imported::{
    Applicant, ApplicationForm, ContractForm, Decided, DecisionForm, Funding, PaymentContext, PaymentForm,
    check_application, check_application_in, check_contract, check_contract_in, check_decision, check_decision_in,
    check_paid_on, check_payment_in, decision_agrees, payment_context,
};
use crate::{App, AppError};
use emgek_domain::social_contract::monitoring::VisitOutcome;
use emgek_store::programmes::{Completion, Confirmation, Ending, NewVisit};

pub(super) use ahead::{
    applications_ahead, contracts_ahead, decisions_ahead, graduations_ahead, payments_ahead, reports_ahead,
    visits_ahead,
};
use ahead::{hold_tranches, room_for_tranches};
pub(super) use tranches::payment;

/// A tranche ordered: its payment order (none for one a row above added: written with its
/// batch, or not at all in a pass that only checks), its amount and whether the bank paid it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Tranche {
    order: Option<i64>,
    amount: i64,
    paid: bool,
}

/// The applications, contracts and tranches held, by the numbers the files name them by.
#[derive(Default)]
pub(super) struct Funded {
    applications: HashMap<String, i64>,
    /// Each contract's tranches ordered, by number; read as rows name them, a bounded number
    /// of contracts kept.
    tranches: HashMap<i64, HashMap<i64, Tranche>>,
    /// Repayments checked and not written, by contract (a pass that only checks).
    repaid: HashMap<i64, i64>,
    /// What checking a tranche needs of each contract, read for the rows ahead (none: outside
    /// the caller's places), a bounded number kept.
    payment_contexts: HashMap<i64, Option<PaymentContext>>,
    /// The households the application rows ahead name, with their history (none: outside the
    /// caller's places); a row takes its household's, so that a second row of it reads the
    /// store after the first is written.
    applicants: HashMap<String, Option<AheadApplicant>>,
    /// Household numbers the rows ahead named and the store does not hold.
    unknown_households: std::collections::HashSet<String>,
    /// The applications the decision or contract rows ahead name (none: outside the caller's
    /// places); a row takes its application's.
    at_hand: HashMap<i64, Option<emgek_store::history::ApplicationAtHand>>,
    /// Calls by id, read once.
    calls: HashMap<i64, emgek_store::programmes::CallRow>,
}

/// A household an application row names, read ahead with what freezing its facts needs.
pub(super) struct AheadApplicant {
    household: emgek_store::HouseholdRecord,
    /// Its applications still open: (call, application).
    open: Vec<(i64, i64)>,
    /// The calls whose training it attended.
    attended: Vec<i64>,
    last_funded: Option<Date>,
}

impl Funded {
    pub(super) async fn load(app: &App) -> Result<Funded, AppError> {
        Ok(Funded { applications: app.store.application_refs().await?.into_iter().collect(), ..Funded::default() })
    }
}

/// A record read within the caller's reach, none for one outside it (its rows are rejected as
/// `scope.outside`); any other failure stops the import.
fn within_reach<T>(read: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match read {
        Ok(record) => Ok(Some(record)),
        Err(AppError::NotFound) => Ok(None),
        Err(e) => Err(e),
    }
}

/// A call and its programme's rule book, each read from the store once.
async fn call_and_rules<'p>(
    pass: &'p mut Pass<'_>,
    call_id: i64,
) -> Result<(emgek_store::programmes::CallRow, &'p emgek_domain::social_contract::programme::RuleBook), AppError> {
    let call = match pass.held.funded.calls.get(&call_id) {
        Some(call) => call.clone(),
        None => {
            let call = pass.app.store.call(call_id).await?;
            pass.held.funded.calls.insert(call_id, call.clone());
            call
        }
    };
    if !pass.held.books.contains_key(&call.programme_id) {
        let book = pass.app.store.rule_book(call.programme_id).await?;
        pass.held.books.insert(call.programme_id, book);
    }
    let book = pass.held.books.get(&call.programme_id).ok_or(AppError::NotFound)?;
    Ok((call, book))
}

/// A contract named by its number: its id among those held, read from the store once.
async fn contract_id(pass: &mut Pass<'_>, number: &str) -> Result<i64, AppError> {
    if let Some(id) = pass.held.contracts.get(number) {
        return Ok(*id);
    }
    if pass.held.unknown_contracts.contains(number) {
        return Err(AppError::field("contract_number", "contract.unknown", number));
    }
    let Some(id) = pass.app.store.contract_id_by_number(number).await? else {
        return Err(AppError::field("contract_number", "contract.unknown", number));
    };
    pass.held.contracts.insert(number.to_string(), id);
    Ok(id)
}

/// `application_ref, household_ref, programme, call, status, sector, activity,
/// grant_requested_som, own_contribution_som, jobs, submitted_on`: an application decided
/// before emgek (`social_contract::imported::check_application`). A household holds one open
/// application in a call, in the file as in the store (`application.open_exists`).
pub(super) async fn application(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = v[0].trim();
    if reference.is_empty() {
        return Err(AppError::field("application_ref", "text.required", ""));
    }
    pass.first_time("application_ref", reference).map_err(AppError::Invalid)?;
    if let Some(id) = pass.held.funded.applications.get(reference).copied() {
        pass.app.reach(pass.caller).application(Permission::EditApplications, id).await?;
        return Ok(Outcome::Held);
    }
    let code = v[2].trim();
    let Some(Some(programme)) = pass.held.programmes.ids.get(code).copied() else {
        return Err(AppError::field("programme", "programme.unknown", code));
    };
    let Some(call_id) = pass.held.programmes.call_ids.get(&(programme, v[3].trim().to_string())).copied() else {
        return Err(AppError::field("call", "call.unknown", v[3].trim()));
    };
    let form = ApplicationForm {
        reference,
        household_ref: &v[1],
        call_id,
        status: &v[4],
        sector: &v[5],
        activity: &v[6],
        grant_som: &v[7],
        own_contribution_som: &v[8],
        jobs: &v[9],
        submitted_on: &v[10],
    };
    let household_ref = v[1].trim();
    let household = format!("household\u{1f}{household_ref}");
    let checked = match pass.held.funded.applicants.remove(household_ref) {
        // Read ahead, the queue written before: no row above has queued one of its applications.
        Some(ahead) => {
            let ahead = ahead.ok_or(AppError::NotFound)?;
            let today = pass.app.clock.today();
            let (call, book) = call_and_rules(pass, call_id).await?;
            let applicant = Applicant {
                household: &ahead.household,
                open: ahead.open.iter().find(|(call, _)| *call == call_id).map(|(_, id)| *id),
                snapshot: snapshot_of(&ahead.household, ahead.attended.contains(&call_id), ahead.last_funded),
            };
            check_application_in(today, &form, &call, book, applicant)?
        }
        None if pass.held.funded.unknown_households.contains(household_ref) => {
            return Err(AppError::field("household_ref", "application.household_unknown", household_ref));
        }
        None => {
            // Freezing the facts reads the household's earlier applications: one of them
            // waiting in the queue is written first.
            pass.written_before(&household).await?;
            check_application(pass.app, pass.caller, &form).await?
        }
    };
    if !matches!(checked.status, Status::Rejected | Status::Withdrawn)
        && !pass.seen.insert(format!("open\u{1f}{call_id}\u{1f}{}", checked.household.0))
    {
        return Err(AppError::field("household_ref", "application.open_exists", v[1].trim()));
    }
    // Written with the next batch (`Pass::flush`); a file names an application once.
    pass.queue(Queued::Application(Box::new(checked)));
    pass.queued_keys.insert(household);
    Ok(Outcome::Added)
}

/// `application_ref, decided_on, decision, score, reason, minutes`: a commission's decision
/// from its minutes, on an application imported with the status it gave
/// (`social_contract::imported::check_decision`). An application whose decision is held (from
/// a file, or taken in emgek) is held.
pub(super) async fn decision(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let reference = v[0].trim();
    let Some(application_id) = pass.held.funded.applications.get(reference).copied() else {
        return Err(AppError::field("application_ref", "application.unknown", reference));
    };
    pass.first_time("application_ref", reference).map_err(AppError::Invalid)?;
    let form = DecisionForm {
        application_id,
        decided_on: &v[1],
        decision: &v[2],
        score: &v[3],
        reason: &v[4],
        minutes: &v[5],
    };
    if let Some(ahead) = pass.held.funded.at_hand.remove(&application_id) {
        let a = ahead.ok_or(AppError::NotFound)?;
        if a.decided {
            decision_agrees(&v[2], a.status).map_err(|e| AppError::Invalid(vec![e]))?;
            return Ok(Outcome::Held);
        }
        let today = pass.app.clock.today();
        let (call, book) = call_and_rules(pass, a.call_id).await?;
        let decided = Decided { id: a.id, status: a.status, rules_from: a.rules_from };
        let checked = check_decision_in(today, &form, decided, &call, book)?;
        pass.queue(Queued::Decision(checked));
        return Ok(Outcome::Added);
    }
    if pass.app.store.application_decided(application_id).await? {
        let a = pass.app.reach(pass.caller).application(Permission::EditApplications, application_id).await?;
        decision_agrees(&v[2], a.status).map_err(|e| AppError::Invalid(vec![e]))?;
        return Ok(Outcome::Held);
    }
    let checked = check_decision(pass.app, pass.caller, &form).await?;
    pass.queue(Queued::Decision(checked));
    Ok(Outcome::Added)
}

/// `contract_number, application_ref, grant_som, starts, term_months, status`: a contract
/// signed on a funded application (`social_contract::imported::check_contract`), its grant
/// committed in the programme's ledger.
pub(super) async fn contract(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    if number.is_empty() {
        return Err(AppError::field("contract_number", "text.required", ""));
    }
    pass.first_time("contract_number", number).map_err(AppError::Invalid)?;
    match contract_id(pass, number).await {
        Ok(id) => {
            pass.app.reach(pass.caller).contract(Permission::ManageProgrammes, id).await?;
            return Ok(Outcome::Held);
        }
        Err(AppError::Invalid(_)) => {}
        Err(e) => return Err(e),
    }
    let reference = v[1].trim();
    let Some(application_id) = pass.held.funded.applications.get(reference).copied() else {
        return Err(AppError::field("application_ref", "application.unknown", reference));
    };
    pass.first_time("application_ref", reference).map_err(AppError::Invalid)?;
    let form =
        ContractForm { number, application_id, grant_som: &v[2], starts: &v[3], term_months: &v[4], status: &v[5] };
    let checked = match pass.held.funded.at_hand.remove(&application_id) {
        Some(ahead) => {
            let a = ahead.ok_or(AppError::NotFound)?;
            let today = pass.app.clock.today();
            let (call, _) = call_and_rules(pass, a.call_id).await?;
            let contract = if a.status == Status::Funded { a.contract } else { None };
            let funding = Funding { id: a.id, status: a.status, grant_requested: a.grant_requested, contract };
            check_contract_in(today, &form, funding, call.programme_id)?
        }
        None => check_contract(pass.app, pass.caller, &form).await?,
    };
    // Written with the next batch (`Pass::flush`); a file names a contract once.
    pass.queue(Queued::Contract(checked));
    Ok(Outcome::Added)
}

/// Contracts whose reports are kept in memory at once; a file lists a contract's months
/// together, so few are read twice.
const CONTRACTS_KEPT: usize = 10_000;

/// `contract_number, month, revenue_som, costs_som, jobs`. A month reported already is held if
/// its figures are the same, and rejected (`report.month_exists`) if not: a report is corrected
/// by the case worker, not by a file.
pub(super) async fn report(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    if number.is_empty() {
        return Err(AppError::field("contract_number", "text.required", ""));
    }
    let Some(month) = parse_month(&v[1]) else {
        return Err(AppError::field("month", "date.invalid", v[1].trim()));
    };
    pass.first_time("month", &format!("{number} {month}")).map_err(AppError::Invalid)?;
    let id = contract_id(pass, number).await?;
    let input = ReportInput {
        month: v[1].trim().to_string(),
        revenue_som: v[2].clone(),
        costs_som: v[3].clone(),
        jobs: v[4].clone(),
        purchases: Vec::new(),
        receipts: Vec::new(),
    };
    // The contract read once for its months (with the rows ahead, `reports_ahead`).
    if !pass.held.report_contexts.contains_key(&id) {
        let context = within_reach(report_context(pass.app, pass.caller, id).await)?;
        if pass.held.report_contexts.len() >= CONTRACTS_KEPT {
            pass.held.report_contexts.clear();
        }
        pass.held.report_contexts.insert(id, context);
    }
    let context = pass.held.report_contexts.get(&id).and_then(Option::as_ref).ok_or(AppError::NotFound)?;
    let checked = check_report_in(context, &input, pass.app.clock.today());
    if !pass.held.reports.contains_key(&id) {
        if pass.held.reports.len() >= CONTRACTS_KEPT {
            pass.held.reports.clear();
        }
        let months = pass.app.store.reports(id).await?;
        let months = months.into_iter().map(|r| (r.month, (r.revenue_tyiyn, r.costs_tyiyn, r.jobs))).collect();
        pass.held.reports.insert(id, months);
    }
    let report = checked?;
    if let Some(held) = pass.held.reports.get(&id).and_then(|m| m.get(&month)) {
        return if *held == (report.revenue, report.costs, report.jobs) {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("month", "report.month_exists", v[1].trim()))
        };
    }
    if pass.write {
        pass.held.reports.entry(id).or_default().insert(month, (report.revenue, report.costs, report.jobs));
    }
    // Written with the next batch (`Pass::flush`).
    pass.queue(Queued::Report(report));
    Ok(Outcome::Added)
}

/// `contract_number, visited_on, outcome, reasons`: a monitoring visit
/// (`social_contract::contracts::check_visit`). A day held is held if the outcome is the same
/// and rejected (`visit.exists`) if not.
pub(super) async fn visit(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    let id = contract_id(pass, number).await?;
    // The contract's reach and visits read once (with the rows ahead, `visits_ahead`).
    if !pass.held.visits.contains_key(&id) {
        let days = match within_reach(within(pass.app, pass.caller, Permission::EditApplications, id).await)? {
            Some(_) => Some(visit_days(pass.app.store.visits(id).await?)),
            None => None,
        };
        if pass.held.visits.len() >= CONTRACTS_KEPT {
            pass.held.visits.clear();
        }
        pass.held.visits.insert(id, days);
    }
    if pass.held.visits.get(&id).is_none_or(Option::is_none) {
        return Err(AppError::NotFound);
    }
    let Some(outcome) = VisitOutcome::parse(&v[2]) else {
        return Err(AppError::field("outcome", "visit.outcome_unknown", v[2].trim()));
    };
    let on = check_visit_day(pass.app.clock.today(), &v[1], outcome, &v[3])?;
    pass.first_time("visited_on", &format!("{number} {on}")).map_err(AppError::Invalid)?;
    let days = pass.held.visits.get_mut(&id).and_then(Option::as_mut).ok_or(AppError::NotFound)?;
    if let Some(held) = days.get(&on) {
        return if held == outcome.code() {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("visited_on", "visit.exists", on.to_string()))
        };
    }
    if pass.write {
        days.insert(on, outcome.code().to_string());
    }
    let visit =
        NewVisit { contract_id: id, visited_on: on, outcome: outcome.code().into(), reasons: v[3].trim().into() };
    // Written with the next batch (`Pass::flush`).
    pass.queue(Queued::Visit(visit));
    Ok(Outcome::Added)
}

/// A contract's visits as its days visited and their outcomes.
fn visit_days(visits: Vec<emgek_store::programmes::FieldVisitRow>) -> HashMap<Date, String> {
    visits.into_iter().map(|v| (v.visited_on, v.outcome)).collect()
}

/// `contract_number, extended_months, reason`: the months a contract's term was extended by,
/// in all (`social_contract::contracts::check_extension`: at most half the term). A contract
/// extended by as many is held; one extended by other months is rejected
/// (`contract.extension_exists`).
pub(super) async fn extension(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    let id = contract_id(pass, number).await?;
    pass.first_time("contract_number", number).map_err(AppError::Invalid)?;
    let c = within(pass.app, pass.caller, Permission::EditApplications, id).await?;
    let typed = v[1].trim();
    let Some(months) = typed.parse::<u32>().ok().filter(|m| *m > 0) else {
        return Err(AppError::field("extended_months", "number.at_least_one", typed));
    };
    match c.contract.extended_months {
        0 => {}
        held if held == i64::from(months) => return Ok(Outcome::Held),
        held => return Err(AppError::field("extended_months", "contract.extension_exists", held.to_string())),
    }
    let extended = check_extension(pass.app, pass.caller, id, months, &v[2]).await?;
    if pass.write {
        pass.app.store.update_contract(&pass.caller.actor(), id, &extended, "contract.extend", v[2].trim()).await?;
    }
    Ok(Outcome::Added)
}

/// `contract_number, graduated_on`: a contract completed and its family graduated off the
/// benefit on that day (`social_contract::contracts::check_completion`: an active contract
/// whose term is over). A contract completed already is held.
pub(super) async fn graduation(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    let id = contract_id(pass, number).await?;
    pass.first_time("contract_number", number).map_err(AppError::Invalid)?;
    // The contract read once (with the rows ahead, `graduations_ahead`).
    if !pass.held.graduating.contains_key(&id) {
        let c = within_reach(within(pass.app, pass.caller, Permission::EditApplications, id).await)?;
        if pass.held.graduating.len() >= CONTRACTS_KEPT {
            pass.held.graduating.clear();
        }
        pass.held.graduating.insert(id, c);
    }
    let c = pass.held.graduating.get(&id).and_then(Option::as_ref).ok_or(AppError::NotFound)?.clone();
    if c.contract.status == "completed" {
        return Ok(Outcome::Held);
    }
    let graduated = |e| renamed(e, &[("on", "graduated_on")]);
    let on = completion_day(pass.app.clock.today(), Some(&v[1])).map_err(graduated)?;
    if !pass.held.books.contains_key(&c.programme_id) {
        let book = pass.app.store.rule_book(c.programme_id).await?;
        pass.held.books.insert(c.programme_id, book);
    }
    let book = pass.held.books.get(&c.programme_id).ok_or(AppError::NotFound)?;
    let (done, on, limited_until) = complete_under(book, &c, on).map_err(graduated)?;
    let completion = Completion {
        contract_id: id,
        contract: done,
        programme_id: c.programme_id,
        household_id: c.household_id,
        on,
        limited_until,
    };
    // Written with the next batch (`Pass::flush`); a file names a contract once.
    pass.queue(Queued::Graduation(completion));
    Ok(Outcome::Added)
}

/// A day a file gives for a past event: a date, not in the future, not before the contract
/// started.
fn past_day(app: &App, field: &str, text: &str, starts: Option<Date>) -> Result<Date, AppError> {
    let Some(on) = emgek_domain::household::parse_date(text) else {
        return Err(AppError::field(field, "date.invalid", text.trim()));
    };
    if on > app.clock.today() {
        return Err(AppError::field(field, "date.future", on.to_string()));
    }
    if starts.is_some_and(|s| on < s) {
        return Err(AppError::field(field, "contract.before_start", on.to_string()));
    }
    Ok(on)
}

/// `contract_number, terminated_on, violation, reason`: a contract ended early
/// (`social_contract::contracts::check_termination`): what was committed and not paid goes back
/// to the budget; after a violation what was paid is claimed back, on that day. A contract
/// terminated already is held.
pub(super) async fn termination(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    let id = contract_id(pass, number).await?;
    pass.first_time("contract_number", number).map_err(AppError::Invalid)?;
    let c = within(pass.app, pass.caller, Permission::ManageProgrammes, id).await?;
    if c.contract.status == "terminated" {
        return Ok(Outcome::Held);
    }
    let Some(violation) = emgek_domain::household::parse_yes_no(&v[2]) else {
        return Err(AppError::field("violation", "choice.yes_no", v[2].trim()));
    };
    let on = past_day(pass.app, "terminated_on", &v[1], c.contract.starts)?;
    let (c, ended) = check_termination(pass.app, pass.caller, id, violation, &v[3]).await?;
    if pass.write {
        let ending = Ending {
            contract_id: id,
            contract: &ended,
            programme_id: c.programme_id,
            violation,
            reason: v[3].trim(),
            on: Some(on),
            // A termination of the past, brought from a file: the family is not told now.
            told: &[],
        };
        pass.app.store.terminate_contract(&pass.caller.actor(), &ending).await?;
    }
    Ok(Outcome::Added)
}

/// `contract_number, reference, amount_som, repaid_on`: a repayment of a refund claimed back
/// (`social_contract::contracts::check_repayment`: no more than is due), keyed by the contract
/// and the reference of its bank document.
pub(super) async fn repayment(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let number = v[0].trim();
    let id = contract_id(pass, number).await?;
    let mut errors = Vec::new();
    let Some(reference) = crate::keys::required_ref(&mut errors, "reference", &v[1]) else {
        return Err(AppError::Invalid(errors));
    };
    pass.first_time("reference", &format!("{number} {reference}")).map_err(AppError::Invalid)?;
    let c = within(pass.app, pass.caller, Permission::ManageProgrammes, id).await?;
    let key = format!("repay:import:{id}:{reference}");
    if pass.app.store.posting_held(&key).await? {
        return Ok(Outcome::Held);
    }
    let on = past_day(pass.app, "repaid_on", &v[3], c.contract.starts)?;
    let pending = pass.held.funded.repaid.get(&id).copied().unwrap_or(0);
    let (c, amount) = check_repayment(pass.app, pass.caller, id, &v[2], pending).await?;
    if pass.write {
        pass.app.store.repay_refund(&pass.caller.actor(), id, c.programme_id, amount, &key, Some(on)).await?;
    } else {
        *pass.held.funded.repaid.entry(id).or_default() += amount;
    }
    Ok(Outcome::Added)
}
