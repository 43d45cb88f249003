//! Training and reintegration: courses and certificates, release, the
//! follow-up of employment after it, and the indicators drawn from them (trainees certified,
//! employment after release, food self-sufficiency).

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::prison::facility::share_bp;
use emgek_domain::prison::reintegration::{Outcome, check_course, check_follow_up};
use emgek_domain::social_contract::monitoring::month_of;
use emgek_store::StoreError;
use emgek_store::prison::NewCourse;
use serde::Serialize;
use time::Date;

use super::month::last_day;
use super::{invalid, required, whole};
use crate::programmes::date;
use crate::{App, AppError, Caller};

pub struct CourseForm<'a> {
    pub name: &'a str,
    pub trade: &'a str,
    pub starts: &'a str,
    pub months: &'a str,
    pub places: &'a str,
}

pub async fn create_course(app: &App, caller: &Caller, facility: i64, f: CourseForm<'_>) -> Result<i64, AppError> {
    let new = check_new_course(app, caller, facility, f).await?;
    Ok(app.store.create_course(&caller.actor(), &new).await?)
}

/// Checks a course as `create_course` does, writing nothing.
pub async fn check_new_course(
    app: &App,
    caller: &Caller,
    facility: i64,
    f: CourseForm<'_>,
) -> Result<NewCourse, AppError> {
    app.reach(caller).facility(Permission::RunEnterprises, facility).await?;
    let mut errors = Vec::new();
    let trade = required(&mut errors, "trade", f.trade, 120);
    let starts = date(&mut errors, "starts", f.starts);
    let months = whole(&mut errors, "months", f.months);
    let places = whole(&mut errors, "places", f.places);
    if let Err(more) = check_course(f.name, months, places) {
        errors.extend(more.into_iter().filter(|e| !errors.iter().any(|x| x.field == e.field)).collect::<Vec<_>>());
    }
    invalid(errors)?;
    Ok(NewCourse {
        facility_id: facility,
        name: f.name.trim().to_string(),
        trade,
        starts: starts.expect("checked"),
        months,
        places,
    })
}

/// Enrols an inmate of the course's facility who has not been released.
pub async fn enrol(app: &App, caller: &Caller, course: i64, inmate: &str, on: &str) -> Result<i64, AppError> {
    let (inmate, on) = check_enrolment(app, caller, course, inmate, on).await?;
    Ok(app.store.enrol(&caller.actor(), course, inmate, on).await?)
}

/// Checks an enrolment as `enrol` does, writing nothing: the inmate and the day.
pub async fn check_enrolment(
    app: &App,
    caller: &Caller,
    course: i64,
    inmate: &str,
    on: &str,
) -> Result<(i64, Date), AppError> {
    let c = app.reach(caller).course(Permission::RunEnterprises, course).await?;
    let mut errors = Vec::new();
    let found = match inmate.trim().parse::<i64>() {
        Ok(id) => app.store.inmate(id).await.ok().filter(|i| i.facility_id == c.facility_id),
        Err(_) => None,
    };
    match &found {
        None => errors.push(FieldError::new("inmate", "inmate.unknown", inmate)),
        Some(i) if i.released_on.is_some() => errors.push(FieldError::new("inmate", "inmate.released", "")),
        Some(_) => {}
    }
    let on = date(&mut errors, "enrolled_on", on);
    invalid(errors)?;
    Ok((found.expect("checked").inmate_id, on.expect("checked")))
}

/// Ends a place on a course: completed with a certificate number, or dropped.
pub async fn finish(
    app: &App,
    caller: &Caller,
    enrolment: i64,
    (completed, on, certificate): (bool, &str, &str),
) -> Result<(), AppError> {
    let e = app.store.enrolment(enrolment).await?;
    app.reach(caller).facility(Permission::RunEnterprises, e.facility_id).await?;
    let (status, on, certificate) = check_finish(e.enrolled_on, (completed, on, certificate))?;
    Ok(app.store.finish_enrolment(&caller.actor(), enrolment, status, on, certificate).await?)
}

/// Checks the end of a place on a course that began on `enrolled_on`: its status, day and
/// certificate (for a completion).
pub fn check_finish<'c>(
    enrolled_on: Date,
    (completed, on, certificate): (bool, &str, &'c str),
) -> Result<(&'static str, Date, Option<&'c str>), AppError> {
    let mut errors = Vec::new();
    let on = date(&mut errors, "finished_on", on);
    if let Some(day) = on.filter(|d| *d < enrolled_on) {
        errors.push(FieldError::new("finished_on", "course.finished_before_enrolment", day.to_string()));
    }
    let certificate = certificate.trim();
    if completed && (certificate.is_empty() || certificate.chars().count() > 40) {
        errors.push(FieldError::new("certificate_number", "certificate.required", certificate));
    }
    invalid(errors)?;
    let (status, certificate) = if completed { ("completed", Some(certificate)) } else { ("dropped", None) };
    Ok((status, on.expect("checked"), certificate))
}

/// Releases an inmate on a day not before his last work began and not in the future.
pub async fn release(app: &App, caller: &Caller, inmate: i64, on: &str) -> Result<(), AppError> {
    let day = check_release(app, caller, inmate, on).await?;
    Ok(app.store.release(&caller.actor(), inmate, day).await?)
}

/// Checks a release as `release` does, writing nothing: its day.
pub async fn check_release(app: &App, caller: &Caller, inmate: i64, on: &str) -> Result<Date, AppError> {
    let i = app.store.inmate(inmate).await?;
    app.reach(caller).facility(Permission::RunEnterprises, i.facility_id).await?;
    let mut errors = Vec::new();
    let day = date(&mut errors, "released_on", on);
    if let Some(day) = day {
        let latest = app.store.assignments(inmate).await?.iter().map(|a| a.starts).max();
        if latest.is_some_and(|s| day < s) {
            errors.push(FieldError::new("released_on", "release.before_work", day.to_string()));
        }
        if day > app.clock.today() {
            errors.push(FieldError::new("released_on", "date.future", day.to_string()));
        }
    }
    invalid(errors)?;
    Ok(day.expect("checked"))
}

/// A follow-up as typed: months after release (3, 6 or 12), the day checked, the outcome and a
/// note.
pub type FollowUpForm<'a> = (&'a str, &'a str, &'a str, &'a str);

/// A follow-up checked: months after release, the day, the outcome's code and the note.
pub struct CheckedFollowUp {
    pub months: i64,
    pub checked_on: Date,
    pub outcome: &'static str,
    pub note: String,
}

/// Records what a released inmate was doing 3, 6 or 12 months on.
pub async fn follow_up(app: &App, caller: &Caller, inmate: i64, form: FollowUpForm<'_>) -> Result<i64, AppError> {
    let f = check_follow_up_of(app, caller, inmate, form).await?;
    let by = caller.actor();
    Ok(app.store.add_follow_up(&by, inmate, f.months, f.checked_on, f.outcome, &f.note).await?)
}

/// Checks a follow-up as `follow_up` does, writing nothing.
pub async fn check_follow_up_of(
    app: &App,
    caller: &Caller,
    inmate: i64,
    (months, checked_on, outcome, note): FollowUpForm<'_>,
) -> Result<CheckedFollowUp, AppError> {
    let i = app.store.inmate(inmate).await?;
    app.reach(caller).facility(Permission::RunEnterprises, i.facility_id).await?;
    let Some(released) = i.released_on else {
        return Err(AppError::Invalid(vec![FieldError::new("months_after", "follow_up.not_released", "")]));
    };
    let mut errors = Vec::new();
    let months = whole(&mut errors, "months_after", months);
    let day = date(&mut errors, "checked_on", checked_on);
    let outcome_value = Outcome::parse(outcome);
    if outcome_value.is_none() {
        errors.push(FieldError::new("outcome", "follow_up.outcome_unknown", outcome));
    }
    if let (Some(day), true) = (day, errors.is_empty()) {
        let today = app.clock.today();
        if let Err(e) = check_follow_up(released, u32::try_from(months).unwrap_or(0), day, today) {
            errors.push(e);
        }
    }
    invalid(errors)?;
    Ok(CheckedFollowUp {
        months,
        checked_on: day.expect("checked"),
        outcome: outcome_value.expect("checked").code(),
        note: note.trim().to_string(),
    })
}

/// Trainees certified in a year, over the facilities the caller reaches.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Certified {
    pub year: i32,
    pub certified: i64,
}

/// Released inmates followed up after `months_after`, and how many of them were working.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Employment {
    pub months_after: i64,
    pub followed_up: i64,
    pub working: i64,
    /// Basis points of those followed up.
    pub share_bp: Option<u32>,
}

/// How many inmates the prisons' own food output fed in a month, against those counted.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FoodSelfSufficiency {
    pub month: Date,
    pub inmates_fed: i64,
    pub population: i64,
    pub share_bp: Option<u32>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Outcomes {
    pub certified: Vec<Certified>,
    pub employment: Vec<Employment>,
    pub food: Option<FoodSelfSufficiency>,
}

/// The training, reintegration and food indicators over the facilities the caller reaches.
pub async fn outcomes(app: &App, caller: &Caller) -> Result<Outcomes, StoreError> {
    let reach = caller.access.facilities(Permission::ReadEnterprises);
    let facilities: Vec<i64> =
        app.store.facilities().await?.into_iter().filter(|f| reach.contains(&f.code)).map(|f| f.facility_id).collect();
    let mut certified: BTreeMap<i32, i64> = BTreeMap::new();
    let mut employment: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
    for line in app.store.outcome_lines().await?.into_iter().filter(|l| facilities.contains(&l.facility_id)) {
        if line.kind == "certified" {
            *certified.entry(line.on_day.year()).or_default() += 1;
        } else if let Some((months, outcome)) = line.kind.split_once(':') {
            let entry = employment.entry(months.parse().unwrap_or(0)).or_default();
            entry.0 += 1;
            if Outcome::parse(outcome).is_some_and(Outcome::working) {
                entry.1 += 1;
            }
        }
    }
    let last_food =
        app.store.last_food_days().await?.into_iter().filter(|(f, _)| facilities.contains(f)).map(|(_, d)| d).max();
    let food = match last_food {
        Some(day) => {
            let first = month_of(day);
            let fed: i64 = app
                .store
                .inmates_fed(first, last_day(first))
                .await?
                .into_iter()
                .filter(|(f, _)| facilities.contains(f))
                .map(|(_, n)| n)
                .sum();
            let population: i64 = app
                .store
                .working_share(last_day(first))
                .await?
                .into_iter()
                .filter(|r| facilities.contains(&r.facility_id))
                .filter_map(|r| r.population)
                .sum();
            Some(FoodSelfSufficiency {
                month: first,
                inmates_fed: fed,
                population,
                share_bp: ratio(fed.min(population), population),
            })
        }
        None => None,
    };
    Ok(Outcomes {
        certified: certified.into_iter().map(|(year, certified)| Certified { year, certified }).collect(),
        employment: employment
            .into_iter()
            .map(|(months_after, (followed_up, working))| Employment {
                months_after,
                followed_up,
                working,
                share_bp: ratio(working, followed_up),
            })
            .collect(),
        food,
    })
}

fn ratio(part: i64, whole: i64) -> Option<u32> {
    share_bp(u64::try_from(part).ok()?, u64::try_from(whole).ok()?)
}
