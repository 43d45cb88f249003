//! The Prison Service's income-generating activities: facilities and their
//! headcounts, workshops, inmates and their work, production and sales, a month's timesheet
//! and payroll, the rules by date, and the indicators computed from all of it.
//!
//! Facilities are reached through `facility:` grants or a grant for the whole country; a
//! record outside the caller's reach is "not found", as in the Social Contract.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money, parse_hundredths};
use emgek_domain::prison::facility::{FacilityKind, check_code, check_register_number, share_bp};
use emgek_domain::prison::payroll::{Deduction, DeductionKind, check_deduction};
use emgek_domain::prison::rules::{EnterpriseRules, check_rules};
use emgek_store::StoreError;
use emgek_store::prison::{FacilityRow, NewFacility, NewInmate, NewWorkshop};
use serde::Serialize;
use time::Date;

use crate::programmes::date;
use crate::{App, AppError, Caller};

pub mod finance;
mod month;
pub mod orders;
pub mod plans;
pub mod training;

// A workshop's month (production, sales, timesheet, payroll) lives in its own module; its
// steps are this module's too.
pub use month::*;

pub(crate) fn invalid(errors: Vec<FieldError>) -> Result<(), AppError> {
    if errors.is_empty() { Ok(()) } else { Err(AppError::Invalid(errors)) }
}

/// Facilities and rules are set for the whole Prison Service, by its national administrators.
fn national(caller: &Caller) -> Result<(), AppError> {
    if caller.access.facilities(Permission::ManageEnterprises).everywhere {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new("facility", "enterprise.national", "")]))
    }
}

pub(crate) fn required(errors: &mut Vec<FieldError>, field: &str, text: &str, max: usize) -> String {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max {
        errors.push(FieldError::new(field, "text.required", text));
    }
    text.to_string()
}

/// A count as typed: a whole number from 0 to `MAX_COUNT`.
pub(crate) fn whole(errors: &mut Vec<FieldError>, field: &str, text: &str) -> i64 {
    match text.trim().replace([' ', '\u{a0}'], "").parse::<i64>() {
        Ok(n) if n > emgek_domain::money::MAX_COUNT => {
            errors.push(FieldError::new(field, "number.too_large", text.trim()));
            0
        }
        Ok(n) if n >= 0 => n,
        _ => {
            errors.push(FieldError::new(field, "number.whole", text.trim()));
            0
        }
    }
}

/// An amount in som as typed, in tyiyn: from 0 to `MAX_AMOUNT_MINOR`. Every amount of the
/// prison enterprises' forms and API comes through here (or `enterprise_finance`'s positive
/// one), so no sum of them can overflow.
pub(crate) fn som(errors: &mut Vec<FieldError>, field: &str, text: &str) -> i64 {
    match Money::parse_major(text, Currency::KGS) {
        Ok(m) if m.minor() > emgek_domain::money::MAX_AMOUNT_MINOR => {
            errors.push(FieldError::new(field, "money.too_large", text.trim()));
            0
        }
        Ok(m) => m.minor(),
        Err(_) => {
            errors.push(FieldError::new(field, "money.format", text.trim()));
            0
        }
    }
}

pub(crate) fn empty_is_zero(text: &str) -> &str {
    if text.trim().is_empty() { "0" } else { text }
}

fn percent(errors: &mut Vec<FieldError>, field: &str, text: &str) -> u32 {
    match parse_hundredths(text) {
        Ok(bp) if bp <= 10_000 => u32::try_from(bp).unwrap_or(0),
        _ => {
            errors.push(FieldError::new(field, "percent.format", text.trim()));
            0
        }
    }
}

/// A facility as HQ describes it; every field is text as typed.
pub struct FacilityForm<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub rayon: &'a str,
    pub locality: &'a str,
    pub capacity: &'a str,
    pub description: &'a str,
}

/// Registers a facility checked by [`check_facility`].
pub async fn create_facility(app: &App, caller: &Caller, f: FacilityForm<'_>) -> Result<i64, AppError> {
    let new = check_facility(caller, f)?;
    Ok(app.store.create_facility(&caller.actor(), &new).await?)
}

/// Checks a facility to register, writing nothing: by the Prison Service's national staff.
pub fn check_facility(caller: &Caller, f: FacilityForm<'_>) -> Result<NewFacility, AppError> {
    national(caller)?;
    let mut errors = Vec::new();
    let code = check_code("code", f.code).map_err(|e| errors.push(e)).unwrap_or_default();
    let name = required(&mut errors, "name", f.name, 200);
    if FacilityKind::parse(f.kind).is_none() {
        errors.push(FieldError::new("kind", "facility.kind_unknown", f.kind));
    }
    if emgek_domain::geography::rayon(f.rayon.trim()).is_none() {
        errors.push(FieldError::new("rayon", "rayon.unknown", f.rayon));
    }
    let locality = required(&mut errors, "locality", f.locality, 120);
    let capacity = whole(&mut errors, "capacity", f.capacity);
    invalid(errors)?;
    let new = NewFacility {
        code,
        name,
        kind: f.kind.trim().to_string(),
        rayon_code: f.rayon.trim().to_string(),
        locality,
        capacity,
        description: f.description.trim().to_string(),
    };
    Ok(new)
}

/// Records a headcount taken on a day.
pub async fn add_population(
    app: &App,
    caller: &Caller,
    facility: i64,
    counted_on: &str,
    inmates: &str,
) -> Result<(), AppError> {
    app.reach(caller).facility(Permission::ManageEnterprises, facility).await?;
    let (on, inmates) = check_population(counted_on, inmates)?;
    Ok(app.store.add_population(&caller.actor(), facility, on, inmates).await?)
}

/// A headcount as typed, checked: its day and a whole number.
pub fn check_population(counted_on: &str, inmates: &str) -> Result<(Date, i64), AppError> {
    let mut errors = Vec::new();
    let on = date(&mut errors, "counted_on", counted_on);
    let inmates = whole(&mut errors, "inmates", inmates);
    invalid(errors)?;
    Ok((on.expect("checked"), inmates))
}

pub struct WorkshopForm<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub activity: &'a str,
    pub opened_on: &'a str,
    /// The usual monthly wage, in som.
    pub wage_som: &'a str,
}

/// Opens a workshop checked by [`check_workshop`].
pub async fn create_workshop(app: &App, caller: &Caller, facility: i64, w: WorkshopForm<'_>) -> Result<i64, AppError> {
    let new = check_workshop(app, caller, facility, w).await?;
    Ok(app.store.create_workshop(&caller.actor(), &new).await?)
}

/// Checks a workshop of a facility the caller runs, writing nothing.
pub async fn check_workshop(
    app: &App,
    caller: &Caller,
    facility: i64,
    w: WorkshopForm<'_>,
) -> Result<NewWorkshop, AppError> {
    app.reach(caller).facility(Permission::ManageEnterprises, facility).await?;
    let mut errors = Vec::new();
    let code = check_code("code", w.code).map_err(|e| errors.push(e)).unwrap_or_default();
    let name = required(&mut errors, "name", w.name, 200);
    let activity = required(&mut errors, "activity", w.activity, 120);
    let opened_on = date(&mut errors, "opened_on", w.opened_on);
    let wage_tyiyn = som(&mut errors, "wage", w.wage_som);
    invalid(errors)?;
    Ok(NewWorkshop { facility_id: facility, code, name, activity, opened_on: opened_on.expect("checked"), wage_tyiyn })
}

/// An inmate as the facility's staff register him, with the work he starts if any.
pub struct InmateForm<'a> {
    pub register_number: &'a str,
    pub full_name: &'a str,
    pub sex: &'a str,
    /// A workshop id, or empty for no work yet.
    pub workshop: &'a str,
    pub starts: &'a str,
    /// Monthly wage in som; empty takes the workshop's usual wage.
    pub wage_som: &'a str,
}

/// An inmate checked, and the work he starts if any: (workshop, first day, monthly wage).
pub type CheckedInmate = (NewInmate, Option<(i64, Date, i64)>);

/// Registers an inmate checked by [`check_inmate`], and puts him to work if he starts.
pub async fn add_inmate(app: &App, caller: &Caller, facility: i64, f: InmateForm<'_>) -> Result<i64, AppError> {
    let checked = check_inmate(app, caller, facility, f).await?;
    write_inmate(app, caller, &checked).await
}

/// Writes an inmate checked by [`check_inmate`].
pub async fn write_inmate(app: &App, caller: &Caller, (new, work): &CheckedInmate) -> Result<i64, AppError> {
    let by = caller.actor();
    let id = app.store.add_inmate(&by, new).await?;
    if let Some((workshop, starts, wage)) = work {
        app.store.assign_work(&by, id, *workshop, *starts, *wage).await?;
    }
    Ok(id)
}

/// Checks an inmate of a facility the caller runs, and the work he starts in one of its
/// workshops, writing nothing.
pub async fn check_inmate(
    app: &App,
    caller: &Caller,
    facility: i64,
    f: InmateForm<'_>,
) -> Result<CheckedInmate, AppError> {
    app.reach(caller).facility(Permission::RunEnterprises, facility).await?;
    let mut errors = Vec::new();
    let register_number = check_register_number(f.register_number).map_err(|e| errors.push(e)).unwrap_or_default();
    let full_name = required(&mut errors, "full_name", f.full_name, 200);
    let sex = emgek_domain::household::Sex::parse(f.sex);
    if sex.is_none() {
        errors.push(FieldError::new("sex", "sex.unknown", f.sex));
    }
    let mut work = None;
    if !f.workshop.trim().is_empty() {
        let workshop = match f.workshop.trim().parse::<i64>() {
            Ok(id) => app.store.workshop(id).await.ok().filter(|w| w.facility_id == facility),
            Err(_) => None,
        };
        let starts = date(&mut errors, "starts", f.starts);
        match workshop {
            None => errors.push(FieldError::new("workshop", "workshop.unknown", f.workshop)),
            Some(w) => {
                let wage =
                    if f.wage_som.trim().is_empty() { w.wage_tyiyn } else { som(&mut errors, "wage", f.wage_som) };
                work = starts.map(|s| (w.workshop_id, s, wage));
            }
        }
    }
    invalid(errors)?;
    let new =
        NewInmate { facility_id: facility, register_number, full_name, sex: sex.expect("checked").code().to_string() };
    Ok((new, work))
}

/// Puts an inmate to work in a workshop of his facility from a day, at a monthly wage (som;
/// empty for the workshop's usual wage).
pub async fn assign_work(
    app: &App,
    caller: &Caller,
    inmate: i64,
    workshop: &str,
    starts: &str,
    wage_som: &str,
) -> Result<i64, AppError> {
    let i = app.store.inmate(inmate).await?;
    app.reach(caller).facility(Permission::RunEnterprises, i.facility_id).await?;
    let mut errors = Vec::new();
    let w = match workshop.trim().parse::<i64>() {
        Ok(id) => app.store.workshop(id).await.ok().filter(|w| w.facility_id == i.facility_id),
        Err(_) => None,
    };
    let starts = date(&mut errors, "starts", starts);
    let wage = match &w {
        Some(w) if wage_som.trim().is_empty() => w.wage_tyiyn,
        _ => som(&mut errors, "wage", wage_som),
    };
    let Some(w) = w else {
        errors.push(FieldError::new("workshop", "workshop.unknown", workshop));
        return Err(AppError::Invalid(errors));
    };
    invalid(errors)?;
    Ok(app.store.assign_work(&caller.actor(), inmate, w.workshop_id, starts.expect("checked"), wage).await?)
}

/// A standing order to withhold a share of an inmate's pay (`rate` in percent).
pub async fn add_deduction(app: &App, caller: &Caller, inmate: i64, kind: &str, rate: &str) -> Result<(), AppError> {
    let i = app.store.inmate(inmate).await?;
    app.reach(caller).facility(Permission::RunEnterprises, i.facility_id).await?;
    let mut errors = Vec::new();
    let kind = DeductionKind::parse(kind);
    if kind.is_none() {
        errors.push(FieldError::new("kind", "deduction.kind_unknown", ""));
    }
    let rate_bp = percent(&mut errors, "rate", rate);
    if let Some(Err(e)) = kind.filter(|_| errors.is_empty()).map(|kind| check_deduction(&Deduction { kind, rate_bp })) {
        errors.push(e);
    }
    invalid(errors)?;
    let kind = kind.expect("checked");
    Ok(app.store.add_deduction(&caller.actor(), inmate, kind.code(), i64::from(rate_bp)).await?)
}

/// Adds a version of the enterprises' rules (percentages as typed), national administrators only.
pub async fn add_rules(
    app: &App,
    caller: &Caller,
    effective_from: &str,
    state_budget_share: &str,
    inmate_min_net_share: &str,
) -> Result<(), AppError> {
    national(caller)?;
    let mut errors = Vec::new();
    let from = date(&mut errors, "effective_from", effective_from);
    let state_budget_bp = percent(&mut errors, "state_budget_share", state_budget_share);
    let inmate_min_net_bp = percent(&mut errors, "inmate_min_net_share", inmate_min_net_share);
    invalid(errors)?;
    let rules = EnterpriseRules { effective_from: from.expect("checked"), state_budget_bp, inmate_min_net_bp };
    check_rules(&rules).map_err(AppError::Invalid)?;
    Ok(app.store.add_enterprise_rules(&caller.actor(), &rules).await?)
}

/// The share of inmates in productive work on a day, for some facilities.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkShare {
    pub on: Date,
    /// Inmates counted (each facility's latest headcount on or before the day).
    pub population: i64,
    pub working: i64,
    /// Basis points (1300 = 13%); none when nobody was counted.
    pub share_bp: Option<u32>,
}

/// A facility's figures on the latest headcount day.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacilityFigures {
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub share: WorkShare,
}

/// The share of inmates working on each headcount day, over the facilities the caller reaches,
/// and each facility's figures on the last of those days (or today when none was taken).
pub async fn work_shares(
    app: &App,
    caller: &Caller,
    today: Date,
) -> Result<(Vec<WorkShare>, Vec<FacilityFigures>), StoreError> {
    let reach = caller.access.facilities(Permission::ReadEnterprises);
    let facilities: Vec<FacilityRow> =
        app.store.facilities().await?.into_iter().filter(|f| reach.contains(&f.code)).collect();
    let ids: Vec<i64> = facilities.iter().map(|f| f.facility_id).collect();
    let mut series = Vec::new();
    for on in app.store.population_dates().await? {
        let rows = app.store.working_share(on).await?;
        let rows: Vec<_> =
            rows.into_iter().filter(|r| ids.contains(&r.facility_id) && r.population.is_some()).collect();
        if rows.is_empty() {
            continue;
        }
        let population: i64 = rows.iter().filter_map(|r| r.population).sum();
        let working: i64 = rows.iter().map(|r| r.working).sum();
        series.push(WorkShare { on, population, working, share_bp: ratio(working, population) });
    }
    let latest = series.last().map_or(today, |s| s.on);
    let rows = app.store.working_share(latest).await?;
    let figures = facilities
        .into_iter()
        .map(|f| {
            let row = rows.iter().find(|r| r.facility_id == f.facility_id);
            let population = row.and_then(|r| r.population).unwrap_or(0);
            let working = row.map_or(0, |r| r.working);
            FacilityFigures {
                facility_id: f.facility_id,
                code: f.code,
                name: f.name,
                share: WorkShare { on: latest, population, working, share_bp: ratio(working, population) },
            }
        })
        .collect();
    Ok((series, figures))
}

fn ratio(part: i64, whole: i64) -> Option<u32> {
    share_bp(u64::try_from(part).ok()?, u64::try_from(whole).ok()?)
}
