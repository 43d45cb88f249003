//! Records checked and written a batch at a time. A row's check reads what it needs once and
//! keeps what the file adds in memory (`Held`), so its record can wait: the biggest files
//! (official rates, applications, decisions, contracts, tranches, monthly reports, visits,
//! graduations, timesheets) write [`BATCH`] records in one transaction, each with its own audit entry,
//! paying one durable commit a batch instead of one a row. If the store refuses a batch (a record typed meanwhile that a row of the file
//! names too), its records are written one at a time, and those refused come back as late
//! rejections of their rows.

use emgek_domain::FieldError;
use emgek_store::history::ImportedPayment;
use emgek_store::prison::TimesheetLine;
use emgek_store::programmes::{Completion, NewVisit};
use emgek_store::{Actor, StoreError};
use time::Date;

use crate::social_contract::contracts::CheckedReport;
use crate::social_contract::imported::{CheckedApplication, CheckedContract, CheckedDecision};
use crate::{App, AppError};

/// Records of a kind written in one transaction.
pub(super) const BATCH: usize = 500;

/// A record checked and waiting for its batch. A pass reads one kind of file, so a batch holds
/// records of one kind.
pub(super) enum Queued {
    /// A currency's official rate on a day, in som × 10,000.
    Rate(String, Date, i64),
    CalendarDay(emgek_domain::grievance::calendar::CalendarDay),
    /// A grievance brought from another register, numbered when written.
    Grievance(Box<emgek_store::grievances::NewGrievance>),
    Application(Box<CheckedApplication>),
    Decision(CheckedDecision),
    Contract(CheckedContract),
    Payment(ImportedPayment),
    Report(CheckedReport),
    Visit(NewVisit),
    Graduation(Completion),
    /// A workshop's timesheet lines of a month.
    Timesheet(i64, Date, Vec<TimesheetLine>),
}

impl Queued {
    /// The column a late refusal names, and its value.
    fn column(&self) -> (&'static str, String) {
        match self {
            Queued::Rate(_, on, _) => ("rate_on", on.to_string()),
            Queued::CalendarDay(d) => ("day", d.day.to_string()),
            Queued::Grievance(g) => ("reference", g.source_ref.clone().unwrap_or_default()),
            Queued::Application(a) => ("application_ref", a.reference.clone()),
            Queued::Decision(d) => ("decided_on", d.decided_on.to_string()),
            Queued::Contract(c) => ("contract_number", c.number.clone()),
            Queued::Payment(p) => ("tranche", p.tranche_no.to_string()),
            Queued::Report(r) => ("month", r.month.to_string()),
            Queued::Visit(v) => ("visited_on", v.visited_on.to_string()),
            Queued::Graduation(g) => ("graduated_on", g.on.to_string()),
            Queued::Timesheet(_, month, _) => ("month", month.to_string()),
        }
    }
}

/// Writes the records queued (see the module's comment); answers the rows refused late.
pub(super) async fn write(
    app: &App,
    by: &Actor,
    queued: Vec<(u64, Queued)>,
) -> Result<Vec<(u64, Vec<FieldError>)>, AppError> {
    match write_all(app, by, &queued).await {
        Ok(()) => Ok(Vec::new()),
        Err(StoreError::Conflict(_)) => {
            let mut late = Vec::new();
            for (row, record) in queued {
                let one = [(row, record)];
                match write_all(app, by, &one).await {
                    Ok(()) => {}
                    Err(StoreError::Conflict(rule)) => {
                        let (column, value) = one[0].1.column();
                        late.push((row, vec![FieldError::new(column, rule, value)]));
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            Ok(late)
        }
        Err(e) => Err(e.into()),
    }
}

/// Writes `queued` in one transaction for each kind it holds.
async fn write_all(app: &App, by: &Actor, queued: &[(u64, Queued)]) -> Result<(), StoreError> {
    let (mut rates, mut applications, mut decisions, mut contracts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut payments, mut reports, mut visits, mut graduations) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut timesheets, mut days, mut grievances) = (Vec::new(), Vec::new(), Vec::new());
    for (_, record) in queued {
        match record {
            Queued::Rate(currency, on, value) => rates.push((currency.clone(), *on, *value)),
            Queued::CalendarDay(d) => days.push((d.day, d.kind.code().to_string(), d.name.clone())),
            Queued::Grievance(g) => grievances.push(g.as_ref()),
            Queued::Application(a) => applications.push(a.as_imported()),
            Queued::Decision(d) => decisions.push(d.as_imported()),
            Queued::Contract(c) => contracts.push(c.as_imported()),
            Queued::Payment(p) => payments.push(p.clone()),
            Queued::Report(r) => reports.push(r.as_new()),
            Queued::Visit(v) => visits.push(v.clone()),
            Queued::Graduation(g) => graduations.push(g.clone()),
            Queued::Timesheet(workshop, month, lines) => timesheets.push((*workshop, *month, lines.clone())),
        }
    }
    if !rates.is_empty() {
        app.store.add_rates(by, &rates).await?;
    }
    if !days.is_empty() {
        app.store.save_calendar_days(by, &days).await?;
    }
    if !grievances.is_empty() {
        app.store.import_grievances(by, &grievances).await?;
    }
    if !applications.is_empty() {
        app.store.import_applications(by, &applications).await?;
    }
    if !decisions.is_empty() {
        app.store.import_decisions(by, &decisions).await?;
    }
    if !contracts.is_empty() {
        app.store.import_contracts(by, &contracts).await?;
    }
    if !payments.is_empty() {
        app.store.import_payments(by, &payments).await?;
    }
    if !reports.is_empty() {
        app.store.add_reports(by, &reports).await?;
    }
    if !visits.is_empty() {
        app.store.add_visits(by, &visits).await?;
    }
    if !graduations.is_empty() {
        app.store.complete_contracts(by, &graduations).await?;
    }
    if !timesheets.is_empty() {
        app.store.save_timesheets(by, &timesheets).await?;
    }
    Ok(())
}
