//! A programme's records brought from the files a ministry already holds, one kind per file
//! (`emgek_exchange::records::Kind`, layouts in `docs/import.md`). Every row goes through the
//! use case a person would use to type it, with the same rules and the same audit line, so it
//! counts in every indicator as if typed by hand. Keys come from the files (a register number,
//! a certificate's number, a contract's reference, a currency and day): a row whose key is held
//! already is counted as held and changes nothing, so a file sent twice adds nothing; a key met
//! twice in one file rejects the second row (`reference.twice_in_file`).
//!
//! Rejected rows go to the reject file with every rule they break. With `all_or_nothing` the
//! whole file is checked first, writing nothing, and written only if no row was rejected.

mod batch;
mod grievances;
mod jobs;
mod ovop;
mod prison;
mod programmes;
mod social_contract;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::ovop::certification::Validity;
use emgek_exchange::ImportError;
use emgek_exchange::columns::Mapping;
use emgek_exchange::import::{FileShape, Progress, Rejects, default_rejects_path};
pub use emgek_exchange::records::Kind;
use emgek_exchange::records::RecordFile;
use emgek_i18n::Tr;
use time::Date;

use crate::{App, AppError, Caller};
use batch::{BATCH, Queued};
pub use jobs::{held, hold, job, map_and_start, preview, rejects, start};

/// Rows read ahead of their checks, so that what they name is read from the store at once.
const AHEAD: usize = 1_000;

/// A file of records to import, saved where the door put it.
pub struct RecordsFile {
    pub kind: Kind,
    pub path: PathBuf,
    /// Write nothing if any row is rejected.
    pub all_or_nothing: bool,
    /// Where the reject file goes; by default beside the file, as `NAME.rejects.csv`.
    pub rejects: Option<PathBuf>,
    /// The language of the reject file's messages.
    pub tr: Tr,
    /// The sheet of a workbook to read; by default the first that has a header row.
    pub sheet: Option<String>,
    /// The office's own headings, from an import profile.
    pub mapping: Option<Mapping>,
}

/// What an import of records did.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RecordsReport {
    /// The kind's code (`ovop-products`, …).
    pub kind: &'static str,
    /// Rows that hold anything, below the header.
    pub rows_read: u64,
    /// Records written.
    pub added: u64,
    /// Rows whose key was held already: nothing changed.
    pub already_held: u64,
    pub rows_rejected: u64,
    /// How many rows broke each rule.
    pub rejected_by_rule: BTreeMap<String, u64>,
    /// Whether the good rows were written: always, unless all or nothing was asked and a row
    /// was rejected.
    pub committed: bool,
    /// Headings that name no column of the kind's layout.
    pub ignored_columns: Vec<String>,
    #[serde(skip)]
    pub rejects_path: Option<PathBuf>,
    #[serde(skip)]
    pub shape: FileShape,
}

/// Why an import of records did not run.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The file cannot be read as the kind's layout (its header lacks columns, …).
    #[error(transparent)]
    File(#[from] ImportError),
    #[error(transparent)]
    App(#[from] AppError),
}

/// What a caller needs to import a kind of records: the permission of the use case that
/// writes one (the rows are then each within her places, as typed ones would be).
pub fn permission(kind: Kind) -> Permission {
    match kind {
        Kind::Rates => Permission::ManageRates,
        Kind::Calendar => Permission::ManageProgrammes,
        Kind::Grievances => Permission::HandleGrievances,
        Kind::OvopProducers | Kind::OvopProducts | Kind::OvopExports | Kind::OvopOutlets => Permission::ManageOvop,
        Kind::OvopCertifications => Permission::CertifyProducts,
        Kind::ScProgrammes
        | Kind::ScCalls
        | Kind::ScContracts
        | Kind::ScPayments
        | Kind::ScTerminations
        | Kind::ScRepayments => Permission::ManageProgrammes,
        Kind::ScApplications
        | Kind::ScDecisions
        | Kind::ScReports
        | Kind::ScVisits
        | Kind::ScExtensions
        | Kind::ScGraduations => Permission::EditApplications,
        Kind::PrisonFacilities | Kind::PrisonWorkshops | Kind::PrisonHeadcounts => Permission::ManageEnterprises,
        Kind::PrisonInmates
        | Kind::PrisonProduction
        | Kind::PrisonOrders
        | Kind::PrisonSales
        | Kind::PrisonTimesheets
        | Kind::PrisonTraining
        | Kind::PrisonReleases
        | Kind::PrisonFollowUps => Permission::RunEnterprises,
    }
}

/// Whether the caller may import a kind at all (her rows are then each checked within her
/// places). The official rates are the country's: set by national staff only, as on their page.
pub fn may_import(caller: &Caller, kind: Kind) -> bool {
    match kind {
        Kind::Rates => caller.national(Permission::ManageRates),
        // The calendar of working days is the country's, as published by the Ministry of Labour.
        Kind::Calendar => caller.national(Permission::ManageProgrammes),
        // Programmes and their calls apply to every rayon: set by national administrators.
        Kind::ScProgrammes | Kind::ScCalls => caller.national(Permission::ManageProgrammes),
        // Facilities are the Prison Service's, registered by its national staff.
        Kind::PrisonFacilities => caller.facilities(Permission::ManageEnterprises).everywhere,
        kind => caller.allows(permission(kind)),
    }
}

/// A use case's refusal with its fields named as the file's columns.
fn renamed(e: AppError, names: &[(&str, &str)]) -> AppError {
    renamed_by(e, |field| names.iter().find(|(f, _)| *f == field).map(|(_, column)| (*column).to_string()))
}

/// A use case's refusal with each field `column` names (none: left as it is) renamed.
fn renamed_by(e: AppError, column: impl Fn(&str) -> Option<String>) -> AppError {
    match e {
        AppError::Invalid(errors) => AppError::Invalid(
            errors
                .into_iter()
                .map(|mut e| {
                    if let Some(name) = column(&e.field) {
                        e.field = name;
                    }
                    e
                })
                .collect(),
        ),
        e => e,
    }
}

/// What a row did.
enum Outcome {
    Added,
    Held,
}

/// What the rows refer to, read once from the store and kept up to date as rows are written:
/// register numbers to ids and the keys held.
#[derive(Default)]
struct Held {
    producers: HashMap<String, i64>,
    products: HashMap<String, i64>,
    certificates: HashSet<String>,
    exports: HashSet<(i64, String)>,
    /// Outlets by name, country and rayon.
    outlets: HashMap<(String, String, Option<String>), i64>,
    rates: HashMap<(String, Date), i64>,
    /// The numbers of the grievances brought from other registers.
    grievances: HashSet<String>,
    /// The calendar's named days: their kind and name.
    calendar: HashMap<Date, (emgek_domain::grievance::calendar::DayKind, String)>,
    /// Contracts by number, and the months each has reported with their figures (revenue,
    /// costs, jobs): read as rows name them, a bounded number kept.
    contracts: HashMap<String, i64>,
    reports: HashMap<i64, HashMap<Date, (i64, i64, i64)>>,
    /// What checking a report needs of each contract, read for the rows ahead (none: outside
    /// the caller's places), a bounded number kept.
    report_contexts: HashMap<i64, Option<crate::social_contract::contracts::ReportContext>>,
    /// Contract numbers the rows ahead named and the store does not hold.
    unknown_contracts: HashSet<String>,
    /// Each contract's days visited with their outcomes, read for the rows ahead (none: outside
    /// the caller's places), a bounded number kept.
    visits: HashMap<i64, Option<HashMap<Date, String>>>,
    /// Contracts to be completed, read for the rows ahead (none: outside the caller's places),
    /// a bounded number kept.
    graduating: HashMap<i64, Option<emgek_store::programmes::ContractContext>>,
    /// Programmes' rule books, by programme.
    books: HashMap<i64, emgek_domain::social_contract::programme::RuleBook>,
    prison: prison::Prison,
    programmes: programmes::Programmes,
    funded: social_contract::Funded,
}

impl Held {
    async fn load(app: &App, kind: Kind) -> Result<Held, AppError> {
        let mut held = Held::default();
        match kind {
            Kind::Grievances => held.grievances = app.store.grievance_source_refs().await?.into_iter().collect(),
            Kind::Calendar => {
                for d in crate::grievances::calendar_days(app).await? {
                    held.calendar.insert(d.day, (d.kind, d.name));
                }
            }
            Kind::Rates => {
                held.rates =
                    app.store.rates().await?.into_iter().map(|r| ((r.currency, r.rate_on), r.som_x10000)).collect();
            }
            Kind::ScProgrammes | Kind::ScCalls => {
                held.programmes = programmes::Programmes::load(app).await?;
            }
            Kind::ScApplications => {
                held.programmes = programmes::Programmes::load(app).await?;
                held.funded = social_contract::Funded::load(app).await?;
            }
            Kind::ScDecisions | Kind::ScContracts => held.funded = social_contract::Funded::load(app).await?,
            Kind::ScPayments
            | Kind::ScReports
            | Kind::ScVisits
            | Kind::ScExtensions
            | Kind::ScGraduations
            | Kind::ScTerminations
            | Kind::ScRepayments
            | Kind::PrisonFacilities
            | Kind::PrisonWorkshops
            | Kind::PrisonInmates
            | Kind::PrisonProduction
            | Kind::PrisonHeadcounts
            | Kind::PrisonOrders
            | Kind::PrisonSales
            | Kind::PrisonTimesheets
            | Kind::PrisonTraining
            | Kind::PrisonReleases
            | Kind::PrisonFollowUps => {}
            Kind::OvopProducers
            | Kind::OvopProducts
            | Kind::OvopCertifications
            | Kind::OvopExports
            | Kind::OvopOutlets => {
                let producers = app.store.producers().await?;
                held.producers =
                    producers.into_iter().filter_map(|p| Some((p.register_ref?, p.ovop_producer_id))).collect();
                let products = app.store.products().await?;
                held.products =
                    products.into_iter().filter_map(|p| Some((p.register_ref?, p.ovop_product_id))).collect();
                let certificates = app.store.certificates().await?;
                held.certificates = certificates.into_iter().filter_map(|c| c.certificate_number).collect();
                let exports = app.store.export_contracts().await?;
                held.exports = exports.into_iter().map(|e| (e.ovop_producer_id, e.reference)).collect();
                let outlets = app.store.outlets().await?;
                held.outlets =
                    outlets.into_iter().map(|o| ((o.name, o.country, o.rayon_code), o.ovop_outlet_id)).collect();
            }
        }
        Ok(held)
    }
}

/// One pass over a file: what it holds and what its rows have done.
struct Pass<'a> {
    app: &'a App,
    caller: &'a Caller,
    /// Whether rows are written, or only checked.
    write: bool,
    held: Held,
    /// Keys met in the file so far.
    seen: HashSet<String>,
    /// Regional certificates of earlier rows, by product, for a national one below them.
    regional: HashMap<i64, Vec<Validity>>,
    /// The number of the row being read.
    at_row: u64,
    /// Records checked and not yet written, with their rows: written [`BATCH`] at a time in
    /// one transaction ([`Pass::flush`]).
    queued: Vec<(u64, Queued)>,
    /// What the records queued stand for that a later row's check reads from the store (an
    /// application's household): such a row writes the queue first.
    queued_keys: HashSet<String>,
    /// Rows refused when a batch was written before the end of a row's check.
    late: Vec<(u64, Vec<FieldError>)>,
}

impl<'a> Pass<'a> {
    fn new(app: &'a App, caller: &'a Caller, write: bool, held: Held) -> Self {
        Pass {
            app,
            caller,
            write,
            held,
            seen: HashSet::new(),
            regional: HashMap::new(),
            at_row: 0,
            queued: Vec::new(),
            queued_keys: HashSet::new(),
            late: Vec::new(),
        }
    }

    /// Writes the queue now if a record in it stands for `key`, so that the row's check reads
    /// it from the store.
    async fn written_before(&mut self, key: &str) -> Result<(), AppError> {
        if self.queued_keys.contains(key) {
            let late = self.flush().await?;
            self.late.extend(late);
        }
        Ok(())
    }

    /// Queues the row's record for its batch, when the pass writes.
    fn queue(&mut self, record: Queued) {
        if self.write {
            self.queued.push((self.at_row, record));
        }
    }

    /// Writes the records queued (`batch::write`); answers the rows refused late.
    async fn flush(&mut self) -> Result<Vec<(u64, Vec<FieldError>)>, AppError> {
        let queued = std::mem::take(&mut self.queued);
        self.queued_keys.clear();
        if queued.is_empty() {
            return Ok(Vec::new());
        }
        batch::write(self.app, &self.caller.actor(), queued).await
    }

    /// A key met for the first time in the file, or the row's rejection.
    fn first_time(&mut self, field: &str, key: &str) -> Result<(), Vec<FieldError>> {
        if self.seen.insert(format!("{field}\u{1f}{key}")) {
            Ok(())
        } else {
            Err(vec![FieldError::new(field, "reference.twice_in_file", key)])
        }
    }

    /// Reads from the store at once what the rows ahead name, where their kind's check would
    /// read it row by row (a row whose needs are not read ahead reads them itself).
    async fn read_ahead(&mut self, kind: Kind, rows: &[(u64, Vec<String>, u64)]) -> Result<(), AppError> {
        match kind {
            Kind::ScApplications => social_contract::applications_ahead(self, rows).await,
            Kind::ScDecisions => social_contract::decisions_ahead(self, rows).await,
            Kind::ScContracts => social_contract::contracts_ahead(self, rows).await,
            Kind::ScReports => social_contract::reports_ahead(self, rows).await,
            Kind::ScPayments => social_contract::payments_ahead(self, rows).await,
            Kind::ScVisits => social_contract::visits_ahead(self, rows).await,
            Kind::ScGraduations => social_contract::graduations_ahead(self, rows).await,
            _ => Ok(()),
        }
    }

    async fn row(&mut self, kind: Kind, v: &[String]) -> Result<Result<Outcome, Vec<FieldError>>, AppError> {
        let answer = match kind {
            Kind::Rates => self.rate(v).await,
            Kind::Calendar => self.calendar_day(v).await,
            Kind::Grievances => grievances::grievance(self, v).await,
            Kind::OvopProducers => ovop::producer(self, v).await,
            Kind::OvopProducts => ovop::product(self, v).await,
            Kind::OvopCertifications => ovop::certificate(self, v).await,
            Kind::OvopExports => ovop::export(self, v).await,
            Kind::OvopOutlets => ovop::outlet(self, v).await,
            Kind::ScProgrammes => programmes::programme(self, v).await,
            Kind::ScCalls => programmes::call(self, v).await,
            Kind::ScApplications => social_contract::application(self, v).await,
            Kind::ScDecisions => social_contract::decision(self, v).await,
            Kind::ScContracts => social_contract::contract(self, v).await,
            Kind::ScPayments => social_contract::payment(self, v).await,
            Kind::ScReports => social_contract::report(self, v).await,
            Kind::ScVisits => social_contract::visit(self, v).await,
            Kind::ScExtensions => social_contract::extension(self, v).await,
            Kind::ScGraduations => social_contract::graduation(self, v).await,
            Kind::ScTerminations => social_contract::termination(self, v).await,
            Kind::ScRepayments => social_contract::repayment(self, v).await,
            Kind::PrisonFacilities => prison::facility(self, v).await,
            Kind::PrisonWorkshops => prison::workshop(self, v).await,
            Kind::PrisonInmates => prison::inmate(self, v).await,
            Kind::PrisonProduction => prison::production(self, v).await,
            Kind::PrisonHeadcounts => prison::headcount(self, v).await,
            Kind::PrisonOrders => prison::order(self, v).await,
            Kind::PrisonSales => prison::sale(self, v).await,
            Kind::PrisonTimesheets => prison::timesheet(self, v).await,
            Kind::PrisonTraining => prison::trainee(self, v).await,
            Kind::PrisonReleases => prison::release(self, v).await,
            Kind::PrisonFollowUps => prison::follow_up(self, v).await,
        };
        rejected(answer)
    }

    async fn rate(&mut self, v: &[String]) -> Result<Outcome, AppError> {
        let (currency, on, value) = crate::rates::check_rate(&v[0], &v[1], &v[2]).map_err(AppError::Invalid)?;
        self.first_time("rate_on", &format!("{currency} {on}")).map_err(AppError::Invalid)?;
        let key = (currency, on);
        if let Some(held) = self.held.rates.get(&key) {
            return if *held == value {
                Ok(Outcome::Held)
            } else {
                Err(AppError::field("rate_on", "rate.exists", on.to_string()))
            };
        }
        self.queue(Queued::Rate(key.0.clone(), on, value));
        self.held.rates.insert(key, value);
        Ok(Outcome::Added)
    }
}

impl Pass<'_> {
    /// A day of the calendar: added, or its kind or name changed (the Cabinet moves days off
    /// by decree); the same day again is held.
    async fn calendar_day(&mut self, v: &[String]) -> Result<Outcome, AppError> {
        let day =
            emgek_domain::grievance::calendar::CalendarDay::parse(&v[0], &v[1], &v[2]).map_err(AppError::Invalid)?;
        self.first_time("day", &day.day.to_string()).map_err(AppError::Invalid)?;
        let entry = (day.kind, day.name.clone());
        if self.held.calendar.get(&day.day) == Some(&entry) {
            return Ok(Outcome::Held);
        }
        self.held.calendar.insert(day.day, entry);
        self.queue(Queued::CalendarDay(day));
        Ok(Outcome::Added)
    }
}

/// A row's refusal as the rules it breaks; storage failing stops the import.
fn rejected(answer: Result<Outcome, AppError>) -> Result<Result<Outcome, Vec<FieldError>>, AppError> {
    match answer {
        Ok(outcome) => Ok(Ok(outcome)),
        Err(AppError::Invalid(errors)) => Ok(Err(errors)),
        Err(AppError::NotFound) => Ok(Err(vec![FieldError::new("row", "scope.outside", "")])),
        Err(
            AppError::Refused(rule)
            | AppError::Conflict(rule)
            | AppError::Store(emgek_store::StoreError::Conflict(rule)),
        ) => Ok(Err(vec![FieldError::new("row", rule, "")])),
        Err(e @ (AppError::Store(_) | AppError::Internal(_))) => Err(e),
    }
}

/// Imports a file of records: every row checked and written through its use case, the
/// rejected ones in the reject file. `progress` is told (done, total) as it reads.
pub async fn import(
    app: &App,
    caller: &Caller,
    file: &RecordsFile,
    progress: Progress<'_>,
) -> Result<RecordsReport, RecordsError> {
    if !may_import(caller, file.kind) {
        return Err(AppError::Refused("import.not_allowed").into());
    }
    let rejects_path = file.rejects.clone().unwrap_or_else(|| default_rejects_path(&file.path));
    // The reject file labels the columns as the kind's layout means them.
    let tr = file.tr.scoped(file.kind.code());
    let mut rejects = Rejects::new(&tr);
    let (mut report, shape, ignored_columns) = if file.all_or_nothing {
        let (checked, shape, ignored) = pass(app, caller, file, false, &mut rejects, &mut *progress).await?;
        if rejects.rows > 0 {
            (
                RecordsReport { added: 0, already_held: checked.already_held, committed: false, ..checked },
                shape,
                ignored,
            )
        } else {
            pass(app, caller, file, true, &mut rejects, progress).await?
        }
    } else {
        pass(app, caller, file, true, &mut rejects, progress).await?
    };
    report.rows_rejected = rejects.rows;
    report.rejected_by_rule = std::mem::take(&mut rejects.by_rule);
    report.shape = shape;
    report.ignored_columns = ignored_columns;
    if rejects.rows > 0 || file.rejects.is_some() {
        rejects.write(&rejects_path).map_err(|e| ImportError::Io(rejects_path.display().to_string(), e))?;
        report.rejects_path = Some(rejects_path);
    }
    Ok(report)
}

async fn pass(
    app: &App,
    caller: &Caller,
    file: &RecordsFile,
    write: bool,
    rejects: &mut Rejects<'_>,
    progress: Progress<'_>,
) -> Result<(RecordsReport, FileShape, Vec<String>), RecordsError> {
    let mut rows = RecordFile::open(file.kind, &file.path, file.sheet.as_deref(), file.mapping.as_ref())?;
    let held = Held::load(app, file.kind).await?;
    let mut pass = Pass::new(app, caller, write, held);
    let mut report = RecordsReport {
        kind: file.kind.code(),
        rows_read: 0,
        added: 0,
        already_held: 0,
        rows_rejected: 0,
        rejected_by_rule: BTreeMap::new(),
        committed: write,
        ignored_columns: Vec::new(),
        rejects_path: None,
        shape: FileShape::default(),
    };
    // Rows whose write the store refused when their batch was written.
    let late = |report: &mut RecordsReport, rejects: &mut Rejects<'_>, refused: Vec<(u64, Vec<FieldError>)>| {
        for (row, errors) in refused {
            report.added -= 1;
            rejects.add(row, &errors);
        }
    };
    let mut ahead = Vec::with_capacity(AHEAD);
    loop {
        while ahead.len() < AHEAD
            && let Some(next) = rows.next_row()?
        {
            ahead.push(next);
        }
        if ahead.is_empty() {
            break;
        }
        pass.read_ahead(file.kind, &ahead).await?;
        for (row, values, position) in ahead.drain(..) {
            report.rows_read += 1;
            pass.at_row = row;
            match pass.row(file.kind, &values).await? {
                Ok(Outcome::Added) => report.added += u64::from(write),
                Ok(Outcome::Held) => report.already_held += 1,
                Err(errors) => rejects.add(row, &errors),
            }
            if pass.queued.len() >= BATCH {
                late(&mut report, rejects, pass.flush().await?);
            }
            late(&mut report, rejects, std::mem::take(&mut pass.late));
            if report.rows_read.is_multiple_of(256) {
                progress(position, rows.total);
            }
        }
    }
    late(&mut report, rejects, pass.flush().await?);
    progress(rows.total, rows.total);
    Ok((report, rows.shape, rows.ignored_columns))
}

#[cfg(test)]
mod country_tests;
#[cfg(test)]
mod social_contract_tests;
#[cfg(test)]
mod tests;
