//! The prison enterprises' files: facilities (with a headcount), workshops and inmates with
//! the work they start, each row through the use case the Prison Service's staff type one with
//! (`crate::prison`). Rows name a facility by its code and a workshop by its code in the
//! facility.

use std::collections::{HashMap, HashSet};

use emgek_domain::access::Permission;
use emgek_domain::household::parse_date;

use super::batch::Queued;
use super::{Outcome, Pass, renamed, renamed_by};
use crate::AppError;
use crate::prison::orders::{OrderForm, check_delivered, check_order};
use crate::prison::training::{
    CourseForm, check_enrolment, check_finish, check_follow_up_of, check_new_course, check_release,
};
use crate::prison::{
    FacilityForm, InmateForm, OutputForm, SaleForm, WorkshopForm, add_population, check_facility, check_inmate,
    check_population, check_production, check_sale, check_workshop, write_inmate,
};

/// What the prison files name, read as rows name it: facilities by code, each facility's
/// workshops by code and the register numbers of its inmates.
#[derive(Default)]
pub(super) struct Prison {
    facilities: Option<HashMap<String, i64>>,
    workshops: HashMap<i64, HashMap<String, i64>>,
    inmates: HashMap<i64, HashSet<String>>,
    /// Each workshop's orders brought from files, by number.
    orders: HashMap<i64, HashMap<String, i64>>,
    /// Each workshop's sales brought from files, by number.
    sales: HashMap<i64, HashMap<String, i64>>,
    /// Who worked in a workshop in a month, with the days of the timesheet held; read as rows
    /// name them.
    workers: HashMap<(i64, time::Date), Vec<emgek_store::prison::Worker>>,
    /// Each facility's inmates by register number: id and the day released, if.
    released: HashMap<i64, HashMap<String, (i64, Option<time::Date>)>>,
    /// Each facility's courses by name and first day: the id, or `None` for one a row above
    /// added in a pass that only checks; and each course's trainees by inmate: their status.
    courses: HashMap<i64, HashMap<(String, time::Date), Option<i64>>>,
    trainees: HashMap<i64, HashMap<i64, String>>,
    /// Whether the importer reaches a facility with a permission, asked once.
    reached: HashMap<(i64, Permission), bool>,
}

/// Refuses a row of a facility the importer does not reach before anything of the facility is
/// looked at, so that a row outside her places tells her nothing of what is held there.
async fn reach(pass: &mut Pass<'_>, facility: i64, permission: Permission) -> Result<(), AppError> {
    let reached = match pass.held.prison.reached.get(&(facility, permission)) {
        Some(r) => *r,
        None => {
            let r = pass.app.reach(pass.caller).facility(permission, facility).await.is_ok();
            pass.held.prison.reached.insert((facility, permission), r);
            r
        }
    };
    if reached { Ok(()) } else { Err(AppError::NotFound) }
}

async fn facility_id(pass: &mut Pass<'_>, code: &str) -> Result<Option<i64>, AppError> {
    if pass.held.prison.facilities.is_none() {
        let all = pass.app.store.facilities().await?;
        pass.held.prison.facilities = Some(all.into_iter().map(|f| (f.code, f.facility_id)).collect());
    }
    Ok(pass.held.prison.facilities.as_ref().and_then(|f| f.get(code)).copied())
}

/// A facility a row names, or its rejection.
async fn named_facility(pass: &mut Pass<'_>, code: &str) -> Result<i64, AppError> {
    if code.is_empty() {
        return Err(AppError::field("facility", "text.required", ""));
    }
    facility_id(pass, code).await?.ok_or_else(|| AppError::field("facility", "facility.unknown", code))
}

async fn workshops<'p>(pass: &'p mut Pass<'_>, facility: i64) -> Result<&'p mut HashMap<String, i64>, AppError> {
    if !pass.held.prison.workshops.contains_key(&facility) {
        let all = pass.app.store.workshops(facility).await?;
        pass.held.prison.workshops.insert(facility, all.into_iter().map(|w| (w.code, w.workshop_id)).collect());
    }
    Ok(pass.held.prison.workshops.entry(facility).or_default())
}

/// `code, name, kind, rayon, locality, capacity, description, counted_on, inmates`: a
/// facility, and its headcount on a day when both are given (held if that day's is).
pub(super) async fn facility(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let code = v[0].trim();
    pass.first_time("code", code).map_err(AppError::Invalid)?;
    let headcount = match (v[7].trim(), v[8].trim()) {
        ("", "") => None,
        (on, n) => Some((on, n)),
    };
    let mut outcome = Outcome::Held;
    let id = match facility_id(pass, code).await? {
        Some(id) => Some(id),
        None => {
            let form = FacilityForm {
                code,
                name: &v[1],
                kind: &v[2],
                rayon: &v[3],
                locality: &v[4],
                capacity: &v[5],
                description: &v[6],
            };
            let new = check_facility(pass.caller, form)?;
            outcome = Outcome::Added;
            if pass.write {
                let id = pass.app.store.create_facility(&pass.caller.actor(), &new).await?;
                pass.held.prison.facilities.get_or_insert_default().insert(code.to_string(), id);
                Some(id)
            } else {
                None
            }
        }
    };
    if let Some((on, n)) = headcount {
        let Some(day) = parse_date(on) else {
            return Err(AppError::field("counted_on", "date.invalid", on));
        };
        let held = match id {
            Some(id) => pass.app.store.populations(id).await?.into_iter().any(|(d, _)| d == day),
            None => false,
        };
        if !held {
            outcome = Outcome::Added;
            if let (true, Some(id)) = (pass.write, id) {
                add_population(pass.app, pass.caller, id, on, n).await?;
            }
        }
    }
    Ok(outcome)
}

/// `facility, code, name, activity, opened_on, wage_som`.
pub(super) async fn workshop(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let code = v[1].trim();
    pass.first_time("code", &format!("{} {code}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::ManageEnterprises).await?;
    if workshops(pass, facility).await?.contains_key(code) {
        return Ok(Outcome::Held);
    }
    let form = WorkshopForm { code, name: &v[2], activity: &v[3], opened_on: &v[4], wage_som: &v[5] };
    let new = check_workshop(pass.app, pass.caller, facility, form).await?;
    if pass.write {
        let id = pass.app.store.create_workshop(&pass.caller.actor(), &new).await?;
        workshops(pass, facility).await?.insert(code.to_string(), id);
    }
    Ok(Outcome::Added)
}

/// `facility, register_number, full_name, sex, workshop, starts, wage_som`: an inmate, and the
/// work he starts in a workshop of his facility (named by its code).
pub(super) async fn inmate(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let register = v[1].trim();
    pass.first_time("register_number", &format!("{} {register}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    if !pass.held.prison.inmates.contains_key(&facility) {
        let held = pass.app.store.inmates(facility).await?.into_iter().map(|i| i.register_number).collect();
        pass.held.prison.inmates.insert(facility, held);
    }
    if pass.held.prison.inmates.get(&facility).is_some_and(|held| held.contains(register)) {
        return Ok(Outcome::Held);
    }
    let workshop = match v[4].trim() {
        "" => String::new(),
        code => match workshops(pass, facility).await?.get(code) {
            Some(id) => id.to_string(),
            None => return Err(AppError::field("workshop", "workshop.unknown", code)),
        },
    };
    let form = InmateForm {
        register_number: register,
        full_name: &v[2],
        sex: &v[3],
        workshop: &workshop,
        starts: &v[5],
        wage_som: &v[6],
    };
    let checked = check_inmate(pass.app, pass.caller, facility, form).await?;
    if pass.write {
        write_inmate(pass.app, pass.caller, &checked).await?;
        pass.held.prison.inmates.entry(facility).or_default().insert(register.to_string());
    }
    Ok(Outcome::Added)
}

/// `facility, workshop, month, product, unit, quantity, internal_quantity, transfer_price_som,
/// inmates_fed`: a workshop's output of a product over a month. A month held for the product is
/// held if its figures are the same, rejected (`production.month_exists`) if not.
pub(super) async fn production(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let (code, month, product) = (v[1].trim(), v[2].trim(), v[3].trim());
    pass.first_time("month", &format!("{} {code} {month} {product}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    let Some(workshop) = workshops(pass, facility).await?.get(code).copied() else {
        return Err(AppError::field("workshop", "workshop.unknown", code));
    };
    let form = OutputForm {
        produced_on: month,
        whole_month: true,
        product,
        unit: &v[4],
        quantity: &v[5],
        internal_quantity: &v[6],
        transfer_price_som: &v[7],
        inmates_fed: &v[8],
    };
    let new = check_production(pass.app, pass.caller, workshop, form).await?;
    let last = emgek_domain::social_contract::monitoring::next_month(new.produced_on)
        .previous_day()
        .unwrap_or(new.produced_on);
    let held = pass.app.store.production(workshop, new.produced_on, last).await?;
    if let Some(h) = held.iter().find(|h| h.whole_month && h.product == new.product) {
        let same = (h.unit.as_str(), h.quantity, h.internal_quantity, h.transfer_price, h.inmates_fed)
            == (new.unit.as_str(), new.quantity, new.internal_quantity, new.transfer_price, new.inmates_fed);
        return if same { Ok(Outcome::Held) } else { Err(AppError::field("month", "production.month_exists", month)) };
    }
    if pass.write {
        pass.app.store.record_production(&pass.caller.actor(), &new).await?;
    }
    Ok(Outcome::Added)
}

/// `facility, counted_on, inmates`: a facility's headcount on a day. A day held is held if the
/// count is the same, rejected (`population.already_counted`) if not.
pub(super) async fn headcount(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let Some(day) = parse_date(&v[1]) else {
        return Err(AppError::field("counted_on", "date.invalid", v[1].trim()));
    };
    pass.first_time("counted_on", &format!("{} {day}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::ManageEnterprises).await?;
    let typed = v[2].trim().replace([' ', '\u{a0}'], "");
    if let Some((_, held)) = pass.app.store.populations(facility).await?.into_iter().find(|(d, _)| *d == day) {
        return if typed.parse::<i64>().ok() == Some(held) {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("counted_on", "population.already_counted", day.to_string()))
        };
    }
    if pass.write {
        add_population(pass.app, pass.caller, facility, &v[1], &v[2]).await?;
    } else {
        check_population(&v[1], &v[2])?;
    }
    Ok(Outcome::Added)
}

/// `facility, workshop, order, customer, ordered_on, due_on, product, quantity, unit_price_som,
/// delivered, delivered_on`: a customer's order of one product to a workshop, keyed by the
/// workshop's number of it, and what was delivered of it (a sale on that day, so revenue
/// follows). An order of several products is a row each, under numbers of their own.
pub(super) async fn order(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let (code, reference) = (v[1].trim(), v[2].trim());
    if reference.is_empty() {
        return Err(AppError::field("order", "text.required", ""));
    }
    pass.first_time("order", &format!("{} {code} {reference}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    let Some(workshop) = workshops(pass, facility).await?.get(code).copied() else {
        return Err(AppError::field("workshop", "workshop.unknown", code));
    };
    if !pass.held.prison.orders.contains_key(&workshop) {
        let held = pass.app.store.order_refs(workshop).await?;
        pass.held.prison.orders.insert(workshop, held.into_iter().collect());
    }
    if pass.held.prison.orders[&workshop].contains_key(reference) {
        return Ok(Outcome::Held);
    }
    let form =
        OrderForm { customer: &v[3], ordered_on: &v[4], due_on: &v[5], lines: vec![(&v[6], &v[7], &v[8])], reference };
    let columns = |e| {
        renamed_by(e, |field| {
            let column = field.strip_prefix("lines[0].")?;
            Some(if column == "unit_price" { "unit_price_som" } else { column }.to_string())
        })
    };
    let new = check_order(pass.app, pass.caller, workshop, form).await.map_err(columns)?;
    let delivered = check_delivered(pass.app, &new, (&v[9], &v[10]))?;
    if pass.write {
        let by = pass.caller.actor();
        let id = pass.app.store.create_order(&by, &new).await?;
        if let Some((on, quantity)) = delivered {
            let line =
                pass.app.store.order_lines(id).await?.first().map(|l| l.order_line_id).ok_or(AppError::NotFound)?;
            pass.app.store.deliver(&by, line, on, quantity).await?;
        }
        pass.held.prison.orders.entry(workshop).or_default().insert(reference.to_string(), id);
    }
    Ok(Outcome::Added)
}

/// A sale outside any order (at the market, to a passer-by), by its facility's and workshop's
/// codes and the workshop's number of it (a receipt or invoice).
pub(super) async fn sale(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let (code, reference) = (v[1].trim(), v[2].trim());
    if reference.is_empty() {
        return Err(AppError::field("sale", "text.required", ""));
    }
    pass.first_time("sale", &format!("{} {code} {reference}", v[0].trim())).map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    let Some(workshop) = workshops(pass, facility).await?.get(code).copied() else {
        return Err(AppError::field("workshop", "workshop.unknown", code));
    };
    if !pass.held.prison.sales.contains_key(&workshop) {
        let held = pass.app.store.sale_refs(workshop).await?;
        pass.held.prison.sales.insert(workshop, held.into_iter().collect());
    }
    if pass.held.prison.sales[&workshop].contains_key(reference) {
        return Ok(Outcome::Held);
    }
    let mut errors = Vec::new();
    crate::keys::register_ref(&mut errors, "sale", reference);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let form = SaleForm { sold_on: &v[3], customer: &v[4], product: &v[5], quantity: &v[6], unit_price_som: &v[7] };
    let columns = |e| renamed(e, &[("unit_price", "unit_price_som")]);
    let mut new = check_sale(pass.app, pass.caller, workshop, form).await.map_err(columns)?;
    new.sale_ref = Some(reference.to_string());
    if pass.write {
        let id = pass.app.store.record_sale(&pass.caller.actor(), &new).await?;
        pass.held.prison.sales.entry(workshop).or_default().insert(reference.to_string(), id);
    }
    Ok(Outcome::Added)
}

/// `facility, workshop, month, register_number, working_days, days_worked`: an inmate's days at
/// work in a month, as the workshop's timesheet holds them (wages are the payroll's, closed on
/// the workshop's page). A month held with other days is rejected (`timesheet.month_exists`):
/// a timesheet is corrected on its page, not by a file; one whose payroll is closed is
/// `payroll.closed`.
pub(super) async fn timesheet(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    let (code, register) = (v[1].trim(), v[3].trim());
    let first = crate::prison::month(&v[2])?;
    if register.is_empty() {
        return Err(AppError::field("register_number", "text.required", ""));
    }
    pass.first_time("register_number", &format!("{} {code} {first} {register}", v[0].trim()))
        .map_err(AppError::Invalid)?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    let Some(workshop) = workshops(pass, facility).await?.get(code).copied() else {
        return Err(AppError::field("workshop", "workshop.unknown", code));
    };
    if !pass.held.prison.workers.contains_key(&(workshop, first)) {
        let last = crate::prison::last_day(first);
        let workers = pass.app.store.month_workers(workshop, first, last).await?;
        pass.held.prison.workers.insert((workshop, first), workers);
    }
    let workers = &pass.held.prison.workers[&(workshop, first)];
    let Some(worker) = workers.iter().find(|w| w.register_number == register) else {
        return Err(AppError::field("register_number", "timesheet.not_a_worker", register));
    };
    let days = [(worker.inmate_id, v[5].clone())];
    let lines = crate::prison::check_timesheet_lines(workers, &v[4], &days)
        .map_err(|e| renamed_by(e, |field| field.starts_with("days_").then(|| "days_worked".to_string())))?;
    let line = lines.first().ok_or(AppError::NotFound)?;
    if let (Some(working), Some(worked)) = (worker.working_days, worker.days_worked) {
        return if (working, worked) == (line.working_days, line.days_worked) {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("days_worked", "timesheet.month_exists", v[2].trim()))
        };
    }
    let (working, worked) = (line.working_days, line.days_worked);
    // Written with the next batch (`Pass::flush`).
    pass.queue(Queued::Timesheet(workshop, first, lines));
    if let Some(w) = pass
        .held
        .prison
        .workers
        .get_mut(&(workshop, first))
        .and_then(|ws| ws.iter_mut().find(|w| w.register_number == register))
    {
        (w.working_days, w.days_worked) = (Some(working), Some(worked));
    }
    Ok(Outcome::Added)
}

/// An inmate a row names by his facility and register number, within the importer's reach:
/// his id and the day he was released, if.
async fn named_inmate(pass: &mut Pass<'_>, v: &[String]) -> Result<(i64, Option<time::Date>), AppError> {
    inmate_of(pass, &v[0], &v[1]).await
}

/// An inmate of a facility, by their codes as a row gives them, within the importer's reach.
async fn inmate_of(pass: &mut Pass<'_>, facility: &str, register: &str) -> Result<(i64, Option<time::Date>), AppError> {
    let facility = named_facility(pass, facility.trim()).await?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    if !pass.held.prison.released.contains_key(&facility) {
        let all = pass.app.store.inmates(facility).await?;
        let by_register = all.into_iter().map(|i| (i.register_number, (i.inmate_id, i.released_on))).collect();
        pass.held.prison.released.insert(facility, by_register);
    }
    let register = register.trim();
    pass.held.prison.released[&facility]
        .get(register)
        .copied()
        .ok_or_else(|| AppError::field("register_number", "inmate.unknown", register))
}

/// `facility, register_number, released_on`: an inmate released
/// (`prison::training::check_release`). Released on the same day is held; on another,
/// rejected (`release.exists`).
pub(super) async fn release(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    pass.first_time("register_number", &format!("{} {}", v[0].trim(), v[1].trim())).map_err(AppError::Invalid)?;
    let (inmate, released) = named_inmate(pass, v).await?;
    let day = check_release(pass.app, pass.caller, inmate, &v[2]).await;
    match (released, day) {
        (Some(held), Ok(day)) if held == day => return Ok(Outcome::Held),
        (Some(held), _) => return Err(AppError::field("released_on", "release.exists", held.to_string())),
        (None, day) => {
            let day = day?;
            if pass.write {
                pass.app.store.release(&pass.caller.actor(), inmate, day).await?;
            }
            let facility = named_facility(pass, v[0].trim()).await?;
            if let Some(i) = pass.held.prison.released.get_mut(&facility).and_then(|m| m.get_mut(v[1].trim())) {
                i.1 = Some(day);
            }
        }
    }
    Ok(Outcome::Added)
}

/// `facility, register_number, months_after, checked_on, outcome, note`: what a released inmate
/// was doing 3, 6 or 12 months on (`prison::training::check_follow_up_of`). A follow-up of the
/// same months held is held if its outcome is the same, rejected (`follow_up.recorded`) if not.
pub(super) async fn follow_up(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let key = format!("{} {} {}", v[0].trim(), v[1].trim(), v[2].trim());
    pass.first_time("months_after", &key).map_err(AppError::Invalid)?;
    let (inmate, _) = named_inmate(pass, v).await?;
    let f = check_follow_up_of(pass.app, pass.caller, inmate, (&v[2], &v[3], &v[4], &v[5])).await?;
    let held = pass.app.store.follow_ups(inmate).await?;
    if let Some(h) = held.iter().find(|h| h.months_after == f.months) {
        return if h.outcome == f.outcome && h.checked_on == f.checked_on {
            Ok(Outcome::Held)
        } else {
            Err(AppError::field("months_after", "follow_up.recorded", f.months.to_string()))
        };
    }
    if pass.write {
        pass.app.store.add_follow_up(&pass.caller.actor(), inmate, f.months, f.checked_on, f.outcome, &f.note).await?;
    }
    Ok(Outcome::Added)
}

/// `facility, course, trade, starts, months, places, register_number, enrolled_on, finished_on,
/// completed, certificate_number`: a trainee's place on a course, a row each
/// (`prison::training`'s steps): the course is the facility's one of that name and first day, or
/// a new one; the place is held if the inmate's status on it is the same, and rejected
/// (`course.already_enrolled`) if not. A place ends when `finished_on` is given: completed with
/// its certificate (yes), or dropped (no).
pub(super) async fn trainee(pass: &mut Pass<'_>, v: &[String]) -> Result<Outcome, AppError> {
    let facility = named_facility(pass, v[0].trim()).await?;
    reach(pass, facility, Permission::RunEnterprises).await?;
    let Some(starts) = parse_date(&v[3]) else {
        return Err(AppError::field("starts", "date.invalid", v[3].trim()));
    };
    let name = v[1].trim().to_string();
    pass.first_time("register_number", &format!("{} {name} {starts} {}", v[0].trim(), v[6].trim()))
        .map_err(AppError::Invalid)?;
    if !pass.held.prison.courses.contains_key(&facility) {
        let held = pass.app.store.courses(facility).await?;
        pass.held
            .prison
            .courses
            .insert(facility, held.into_iter().map(|c| ((c.name, c.starts), Some(c.course_id))).collect());
    }
    let key = (name, starts);
    let held_course = pass.held.prison.courses[&facility].get(&key).copied();
    let (inmate, released) = inmate_of(pass, &v[0], &v[6]).await?;
    let finish = match v[8].trim() {
        "" => None,
        on => {
            let Some(completed) = emgek_domain::household::parse_yes_no(&v[9]) else {
                return Err(AppError::field("completed", "choice.yes_no", v[9].trim()));
            };
            Some((completed, on))
        }
    };
    // A course held: the inmate's place on it, if held.
    if let Some(Some(course)) = held_course {
        if !pass.held.prison.trainees.contains_key(&course) {
            let places = pass.app.store.enrolments(course).await?;
            pass.held.prison.trainees.insert(course, places.into_iter().map(|e| (e.inmate_id, e.status)).collect());
        }
        if let Some(status) = pass.held.prison.trainees[&course].get(&inmate) {
            let typed = match finish {
                None => "enrolled",
                Some((true, _)) => "completed",
                Some((false, _)) => "dropped",
            };
            return if status == typed {
                Ok(Outcome::Held)
            } else {
                Err(AppError::field("register_number", "course.already_enrolled", v[6].trim()))
            };
        }
    }
    let new_course = match held_course {
        Some(_) => None,
        None => {
            let form = CourseForm { name: &v[1], trade: &v[2], starts: &v[3], months: &v[4], places: &v[5] };
            Some(check_new_course(pass.app, pass.caller, facility, form).await?)
        }
    };
    let enrolled_on = match held_course.flatten() {
        Some(course) => check_enrolment(pass.app, pass.caller, course, &inmate.to_string(), &v[7]).await?.1,
        // A course this file adds: the enrolment's own checks, without the course.
        None => {
            if released.is_some() {
                return Err(AppError::field("register_number", "inmate.released", v[6].trim()));
            }
            parse_date(&v[7]).ok_or_else(|| AppError::field("enrolled_on", "date.invalid", v[7].trim()))?
        }
    };
    let finished = finish.map(|(completed, on)| check_finish(enrolled_on, (completed, on, &v[10]))).transpose()?;
    let course = match (held_course.flatten(), new_course) {
        (Some(id), _) => Some(id),
        (None, Some(new)) if pass.write => Some(pass.app.store.create_course(&pass.caller.actor(), &new).await?),
        _ => None,
    };
    if let Some(c) = pass.held.prison.courses.get_mut(&facility) {
        c.insert(key, course);
    }
    if let (Some(course), true) = (course, pass.write) {
        let by = pass.caller.actor();
        let place = pass.app.store.enrol(&by, course, inmate, enrolled_on).await?;
        if let Some((status, on, certificate)) = finished {
            pass.app.store.finish_enrolment(&by, place, status, on, certificate).await?;
        }
        let status = finished.map_or("enrolled", |f| f.0);
        pass.held.prison.trainees.entry(course).or_default().insert(inmate, status.to_string());
    }
    Ok(Outcome::Added)
}
