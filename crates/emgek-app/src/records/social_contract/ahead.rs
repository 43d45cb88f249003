//! What the rows of a file of a contract's records name, read from the store a thousand rows
//! ahead of their checks (`Pass::read_ahead`): the contracts with their programmes' rule books
//! and plans, and what each kind checks a row against (the months reported, the payment
//! orders, the days visited). A row whose needs were not read ahead reads them itself.

use std::collections::HashMap;

use emgek_domain::access::Permission;

use super::super::{Held, Pass};
use super::{AheadApplicant, CONTRACTS_KEPT, Funded, Queued, Tranche, within_reach};
use crate::AppError;
use crate::social_contract::contracts::report_context_of;
use crate::social_contract::imported::payment_context_of;

/// Makes room for the tranches of `n` more contracts among those kept: when full, those with
/// tranches waiting for their batch stay (the store does not hold them yet), the rest go.
pub(super) fn room_for_tranches(pass: &mut Pass<'_>, n: usize) {
    if pass.held.funded.tranches.len() + n > CONTRACTS_KEPT {
        let waiting: std::collections::HashSet<i64> = pass
            .queued
            .iter()
            .filter_map(|(_, q)| if let Queued::Payment(p) = q { Some(p.contract_id) } else { None })
            .collect();
        pass.held.funded.tranches.retain(|id, _| waiting.contains(id));
    }
}

/// Keeps the tranches ordered of the contracts `ids` (none for one without orders).
pub(super) fn hold_tranches(funded: &mut Funded, ids: &[i64], orders: Vec<emgek_store::programmes::PaymentOrderRow>) {
    for id in ids {
        funded.tranches.insert(*id, HashMap::new());
    }
    for o in orders.into_iter().filter(|o| o.status != "failed") {
        let t = Tranche { order: Some(o.payment_order_id), amount: o.amount_tyiyn, paid: o.status == "paid" };
        funded.tranches.entry(o.contract_id).or_default().insert(o.tranche_no, t);
    }
}

/// Reads at once the contracts the tranche rows ahead name (with what checking a tranche needs
/// of each) and their payment orders.
pub(in crate::records) async fn payments_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let numbers = numbers_ahead(pass, rows, |held, id| held.funded.payment_contexts.contains_key(&id));
    if numbers.is_empty() {
        return Ok(());
    }
    let found = contracts_named(pass, &numbers).await?;
    if pass.held.funded.payment_contexts.len() + found.len() > CONTRACTS_KEPT {
        pass.held.funded.payment_contexts.clear();
    }
    let mut orders_wanted = Vec::new();
    for (c, _) in found {
        let id = c.contract.contract_id;
        let book = pass.held.books.get(&c.programme_id).ok_or(AppError::NotFound)?;
        let context = within_reach(payment_context_of(pass.app, pass.caller, c, book))?;
        if context.is_some() && !pass.held.funded.tranches.contains_key(&id) {
            orders_wanted.push(id);
        }
        pass.held.funded.payment_contexts.insert(id, context);
    }
    room_for_tranches(pass, orders_wanted.len());
    let orders = pass.app.store.payment_orders_of(&orders_wanted).await?;
    hold_tranches(&mut pass.held.funded, &orders_wanted, orders);
    Ok(())
}

/// The contract numbers the rows ahead name (first column) that are neither known to be
/// missing nor `read` already, once each.
fn numbers_ahead<'r>(
    pass: &Pass<'_>,
    rows: &'r [(u64, Vec<String>, u64)],
    read: impl Fn(&Held, i64) -> bool,
) -> Vec<&'r str> {
    let held = &pass.held;
    let mut numbers: Vec<&str> = rows
        .iter()
        .filter_map(|(_, v, _)| v.first().map(|n| n.trim()))
        .filter(|n| match held.contracts.get(*n) {
            Some(id) => !read(held, *id),
            None => !n.is_empty() && !held.unknown_contracts.contains(*n),
        })
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// The contracts of these numbers, read in one query with their programmes' rule books: their
/// ids remembered by number, the numbers not held remembered as missing.
async fn contracts_named(
    pass: &mut Pass<'_>,
    numbers: &[&str],
) -> Result<Vec<(emgek_store::programmes::ContractContext, usize)>, AppError> {
    let found = pass.app.store.contracts_by_numbers(numbers).await?;
    let held = &mut pass.held;
    let known: std::collections::HashSet<&str> = found.iter().map(|(c, _)| c.contract.number.as_str()).collect();
    held.unknown_contracts.extend(numbers.iter().filter(|n| !known.contains(*n)).map(|n| n.to_string()));
    let mut programmes: Vec<i64> =
        found.iter().map(|(c, _)| c.programme_id).filter(|p| !held.books.contains_key(p)).collect();
    programmes.sort_unstable();
    programmes.dedup();
    for programme in programmes {
        let book = pass.app.store.rule_book(programme).await?;
        held.books.insert(programme, book);
    }
    for (c, _) in &found {
        held.contracts.insert(c.contract.number.clone(), c.contract.contract_id);
    }
    Ok(found)
}

/// Reads at once the contracts the report rows ahead name (with what checking a report needs
/// of each) and the months they have reported.
pub(in crate::records) async fn reports_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let numbers = numbers_ahead(pass, rows, |held, id| held.report_contexts.contains_key(&id));
    if numbers.is_empty() {
        return Ok(());
    }
    let found = contracts_named(pass, &numbers).await?;
    let held = &mut pass.held;
    if held.report_contexts.len() + found.len() > CONTRACTS_KEPT {
        held.report_contexts.clear();
    }
    if held.reports.len() + found.len() > CONTRACTS_KEPT {
        held.reports.clear();
    }
    let mut months_wanted = Vec::new();
    for (c, plan_lines) in found {
        let id = c.contract.contract_id;
        let book = held.books.get(&c.programme_id).ok_or(AppError::NotFound)?;
        let context = within_reach(report_context_of(pass.app, pass.caller, c, plan_lines, book))?;
        if context.is_some() && !held.reports.contains_key(&id) {
            months_wanted.push(id);
        }
        held.report_contexts.insert(id, context);
    }
    for &id in &months_wanted {
        held.reports.insert(id, HashMap::new());
    }
    for (id, month, revenue, costs, jobs) in pass.app.store.reported_months(&months_wanted).await? {
        held.reports.entry(id).or_default().insert(month, (revenue, costs, jobs));
    }
    Ok(())
}

/// Reads at once the contracts the visit rows ahead name (whether each is within the
/// caller's reach) and the days they were visited.
pub(in crate::records) async fn visits_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let numbers = numbers_ahead(pass, rows, |held, id| held.visits.contains_key(&id));
    if numbers.is_empty() {
        return Ok(());
    }
    let found = contracts_named(pass, &numbers).await?;
    if pass.held.visits.len() + found.len() > CONTRACTS_KEPT {
        pass.held.visits.clear();
    }
    let reach = pass.app.reach(pass.caller);
    let mut wanted = Vec::new();
    for (c, _) in found {
        let id = c.contract.contract_id;
        if within_reach(reach.contract_read(Permission::EditApplications, c))?.is_some() {
            wanted.push(id);
        } else {
            pass.held.visits.insert(id, None);
        }
    }
    for &id in &wanted {
        pass.held.visits.insert(id, Some(HashMap::new()));
    }
    for v in pass.app.store.visits_of(&wanted).await? {
        if let Some(Some(days)) = pass.held.visits.get_mut(&v.contract_id) {
            days.insert(v.visited_on, v.outcome);
        }
    }
    Ok(())
}

/// Reads at once the contracts the graduation rows ahead name, with whether each is within
/// the caller's reach.
pub(in crate::records) async fn graduations_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let numbers = numbers_ahead(pass, rows, |held, id| held.graduating.contains_key(&id));
    if numbers.is_empty() {
        return Ok(());
    }
    let found = contracts_named(pass, &numbers).await?;
    if pass.held.graduating.len() + found.len() > CONTRACTS_KEPT {
        pass.held.graduating.clear();
    }
    let reach = pass.app.reach(pass.caller);
    for (c, _) in found {
        let id = c.contract.contract_id;
        let c = within_reach(reach.contract_read(Permission::EditApplications, c))?;
        pass.held.graduating.insert(id, c);
    }
    Ok(())
}

/// Reads at once the households the application rows ahead name, with their members, their
/// applications still open, the trainings they attended and the day each was last funded. The
/// queue is written first, so that what is read is what the rows above left.
pub(in crate::records) async fn applications_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let late = pass.flush().await?;
    pass.late.extend(late);
    let funded = &mut pass.held.funded;
    funded.applicants.clear();
    funded.unknown_households.clear();
    let mut refs: Vec<&str> = rows
        .iter()
        .filter(|(_, v, _)| v.first().is_some_and(|r| !funded.applications.contains_key(r.trim())))
        .filter_map(|(_, v, _)| v.get(1).map(|r| r.trim()))
        .filter(|r| !r.is_empty())
        .collect();
    refs.sort_unstable();
    refs.dedup();
    if refs.is_empty() {
        return Ok(());
    }
    let households = pass.app.store.households_by_refs(&refs).await?;
    let ids: Vec<i64> = households.iter().map(|h| h.id).collect();
    let history = pass.app.store.applicants(&ids).await?;
    let reach = pass.app.reach(pass.caller);
    let mut by_id: HashMap<i64, AheadApplicant> = HashMap::new();
    let mut outside = Vec::new();
    let mut found = std::collections::HashSet::new();
    for h in households {
        let reference = h.fields.household_ref.clone();
        found.insert(reference.clone());
        match within_reach(reach.household_read(Permission::EditApplications, h))? {
            Some(household) => {
                let applicant = AheadApplicant { household, open: Vec::new(), attended: Vec::new(), last_funded: None };
                by_id.insert(applicant.household.id, applicant);
            }
            None => outside.push(reference),
        }
    }
    for (call, household, application) in history.open {
        if let Some(a) = by_id.get_mut(&household) {
            a.open.push((call, application));
        }
    }
    for (call, household) in history.attended {
        if let Some(a) = by_id.get_mut(&household) {
            a.attended.push(call);
        }
    }
    for (household, day) in history.funded {
        if let Some(a) = by_id.get_mut(&household) {
            a.last_funded = Some(day);
        }
    }
    let funded = &mut pass.held.funded;
    funded.unknown_households.extend(refs.iter().filter(|r| !found.contains(**r)).map(|r| r.to_string()));
    funded.applicants.extend(outside.into_iter().map(|r| (r, None)));
    funded.applicants.extend(by_id.into_values().map(|a| (a.household.fields.household_ref.clone(), Some(a))));
    Ok(())
}

/// Reads at once the applications the contract rows ahead name (second column), with whether
/// each is within the caller's reach and its contract; and the contract numbers not held, so
/// that each new contract's number is known to be free without a query of its own.
pub(in crate::records) async fn contracts_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    let numbers = numbers_ahead(pass, rows, |_, _| true);
    if !numbers.is_empty() {
        let held = pass.app.store.contract_ids_by_numbers(&numbers).await?;
        let known: std::collections::HashSet<&str> = held.iter().map(|(n, _)| n.as_str()).collect();
        let unknown: Vec<String> = numbers.iter().filter(|n| !known.contains(*n)).map(|n| n.to_string()).collect();
        pass.held.unknown_contracts.extend(unknown);
        pass.held.contracts.extend(held);
    }
    applications_at_hand(pass, rows, 1, Permission::ManageProgrammes).await
}

/// Reads at once the applications the decision rows ahead name, with whether each is within
/// the caller's reach and its decision held.
pub(in crate::records) async fn decisions_ahead(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
) -> Result<(), AppError> {
    applications_at_hand(pass, rows, 0, Permission::EditApplications).await
}

/// Reads at once the applications the rows ahead name by their number in column `column`, with
/// whether each is within the caller's reach for `permission`; a row takes its application's.
async fn applications_at_hand(
    pass: &mut Pass<'_>,
    rows: &[(u64, Vec<String>, u64)],
    column: usize,
    permission: Permission,
) -> Result<(), AppError> {
    let funded = &mut pass.held.funded;
    funded.at_hand.clear();
    let mut ids: Vec<i64> = rows
        .iter()
        .filter_map(|(_, v, _)| v.get(column).and_then(|r| funded.applications.get(r.trim())).copied())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(());
    }
    let found = pass.app.store.applications_at_hand(&ids).await?;
    let reach = pass.app.reach(pass.caller);
    for a in found {
        let id = a.id;
        let a = within_reach(reach.application_at_hand(permission, a))?;
        pass.held.funded.at_hand.insert(id, a);
    }
    Ok(())
}
