//! The Social Contract's files: monthly reports of contracts held, each through the use case
//! a case worker types one with (`social_contract::contracts`).

use emgek_domain::social_contract::monitoring::parse_month;

use super::{Outcome, Pass};
use crate::AppError;
use crate::social_contract::contracts::{ReportInput, check_report};

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
    let id = match pass.held.contracts.get(number) {
        Some(id) => *id,
        None => {
            let Some(id) = pass.app.store.contract_id_by_number(number).await? else {
                return Err(AppError::field("contract_number", "contract.unknown", number));
            };
            pass.held.contracts.insert(number.to_string(), id);
            id
        }
    };
    let input = ReportInput {
        month: v[1].trim().to_string(),
        revenue_som: v[2].clone(),
        costs_som: v[3].clone(),
        jobs: v[4].clone(),
        purchases: Vec::new(),
        receipts: Vec::new(),
    };
    let checked = check_report(pass.app, pass.caller, id, &input);
    if !pass.held.reports.contains_key(&id) {
        if pass.held.reports.len() >= CONTRACTS_KEPT {
            pass.held.reports.clear();
        }
        let months = pass.app.store.reports(id).await?;
        let months = months.into_iter().map(|r| (r.month, (r.revenue_tyiyn, r.costs_tyiyn, r.jobs))).collect();
        pass.held.reports.insert(id, months);
    }
    let report = checked.await?;
    if let Some(held) = pass.held.reports.get(&id).and_then(|m| m.get(&month)) {
        return if *held == (report.revenue, report.costs, report.jobs) {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("month", "report.month_exists", v[1].trim()))
        };
    }
    if pass.write {
        pass.app.store.add_report(&pass.caller.actor(), &report.as_new()).await?;
        pass.held.reports.entry(id).or_default().insert(month, (report.revenue, report.costs, report.jobs));
    }
    Ok(Outcome::Added)
}
