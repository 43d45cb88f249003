//! A workshop's month: production and sales, the inmates' timesheet, and
//! the payroll previewed from it and then closed once.

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::prison::payroll::{Deduction, DeductionKind, PayLine, Timesheet, check_timesheet, pay};
use emgek_domain::prison::production::{Output, Unit, check_output};
use emgek_domain::prison::rules::rules_on;
use emgek_domain::social_contract::monitoring::{next_month, parse_month};
use emgek_store::prison::{NewProduction, NewSale, PayrollRunRow, TimesheetLine, Worker};
use emgek_store::{Actor, Store, StoreError};
use serde::Serialize;
use time::Date;

use super::{empty_is_zero, invalid, required, som, whole};
use crate::programmes::date;
use crate::{App, AppError, Caller};

/// A line of output as typed: a day (or a month, `whole_month`), the product and how much of
/// it the prisons used themselves.
pub struct OutputForm<'a> {
    pub produced_on: &'a str,
    pub whole_month: bool,
    pub product: &'a str,
    pub unit: &'a str,
    pub quantity: &'a str,
    pub internal_quantity: &'a str,
    /// Price a unit inside the Prison Service, in som.
    pub transfer_price_som: &'a str,
    pub inmates_fed: &'a str,
}

/// Records output checked by [`check_production`].
pub async fn record_production(app: &App, caller: &Caller, workshop: i64, f: OutputForm<'_>) -> Result<i64, AppError> {
    let new = check_production(app, caller, workshop, f).await?;
    Ok(app.store.record_production(&caller.actor(), &new).await?)
}

/// Checks a line of output of a workshop the caller runs, writing nothing.
pub async fn check_production(
    app: &App,
    caller: &Caller,
    workshop: i64,
    f: OutputForm<'_>,
) -> Result<NewProduction, AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    let mut errors = Vec::new();
    let on = if f.whole_month {
        let m = parse_month(f.produced_on.get(..7).unwrap_or(f.produced_on));
        if m.is_none() {
            errors.push(FieldError::new("produced_on", "month.invalid", f.produced_on));
        }
        m
    } else {
        date(&mut errors, "produced_on", f.produced_on)
    };
    let unit = Unit::parse(f.unit);
    if unit.is_none() {
        errors.push(FieldError::new("unit", "unit.unknown", f.unit));
    }
    let output = Output {
        product: f.product.trim().to_string(),
        quantity: whole(&mut errors, "quantity", f.quantity),
        internal_quantity: whole(&mut errors, "internal_quantity", empty_is_zero(f.internal_quantity)),
        transfer_price: som(&mut errors, "transfer_price", empty_is_zero(f.transfer_price_som)),
        inmates_fed: whole(&mut errors, "inmates_fed", empty_is_zero(f.inmates_fed)),
    };
    if let Err(more) = check_output(&output) {
        errors.extend(more.into_iter().filter(|e| !errors.iter().any(|x| x.field == e.field)).collect::<Vec<_>>());
    }
    invalid(errors)?;
    let new = NewProduction {
        workshop_id: workshop,
        produced_on: on.expect("checked"),
        whole_month: f.whole_month,
        product: output.product,
        unit: unit.expect("checked").code().to_string(),
        quantity: output.quantity,
        internal_quantity: output.internal_quantity,
        transfer_price: output.transfer_price,
        inmates_fed: output.inmates_fed,
    };
    Ok(new)
}

pub struct SaleForm<'a> {
    pub sold_on: &'a str,
    pub customer: &'a str,
    pub product: &'a str,
    pub quantity: &'a str,
    pub unit_price_som: &'a str,
}

pub async fn record_sale(app: &App, caller: &Caller, workshop: i64, f: SaleForm<'_>) -> Result<i64, AppError> {
    let new = check_sale(app, caller, workshop, f).await?;
    Ok(app.store.record_sale(&caller.actor(), &new).await?)
}

/// A sale of a workshop within the caller's reach, checked and ready to record (without a
/// number of the workshop's: the caller sets one for a sale from its files).
pub async fn check_sale(app: &App, caller: &Caller, workshop: i64, f: SaleForm<'_>) -> Result<NewSale, AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    let mut errors = Vec::new();
    let sold_on = date(&mut errors, "sold_on", f.sold_on);
    let customer = required(&mut errors, "customer", f.customer, 200);
    let product = required(&mut errors, "product", f.product, 120);
    let quantity = whole(&mut errors, "quantity", f.quantity);
    if quantity == 0 && !errors.iter().any(|e| e.field == "quantity") {
        errors.push(FieldError::new("quantity", "production.quantity_positive", f.quantity));
    }
    let unit_price = som(&mut errors, "unit_price", f.unit_price_som);
    if quantity.checked_mul(unit_price).is_none_or(|amount| amount > emgek_domain::money::MAX_AMOUNT_MINOR) {
        errors.push(FieldError::new("unit_price", "money.too_large", f.unit_price_som));
    }
    invalid(errors)?;
    let sold_on = sold_on.expect("checked");
    Ok(NewSale { workshop_id: workshop, sold_on, customer, product, quantity, unit_price, sale_ref: None })
}

/// `YYYY-MM` as the first day of that month, or an error naming the field.
pub fn month(text: &str) -> Result<Date, AppError> {
    parse_month(text).ok_or_else(|| AppError::Invalid(vec![FieldError::new("month", "month.invalid", text.trim())]))
}

/// The last day of the month that starts on `first`.
pub fn last_day(first: Date) -> Date {
    next_month(first).previous_day().expect("a month has a last day")
}

/// Keeps a month's timesheet: the workshop's working days and each inmate's days worked
/// (field `days_<inmate id>`). Only inmates who worked there that month have a line.
pub async fn save_timesheet(
    app: &App,
    caller: &Caller,
    workshop: i64,
    first: Date,
    working_days: &str,
    days: &[(i64, String)],
) -> Result<(), AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    let workers = app.store.month_workers(workshop, first, last_day(first)).await?;
    let lines = check_timesheet_lines(&workers, working_days, days)?;
    Ok(app.store.save_timesheet(&caller.actor(), workshop, first, &lines).await?)
}

/// A month's timesheet lines checked against the inmates who worked in the workshop that
/// month (`workers`, of [`emgek_store::Store::month_workers`]): the caller's reach is the
/// caller's to ask first.
pub fn check_timesheet_lines(
    workers: &[emgek_store::prison::Worker],
    working_days: &str,
    days: &[(i64, String)],
) -> Result<Vec<TimesheetLine>, AppError> {
    let mut errors = Vec::new();
    let working = whole(&mut errors, "working_days", working_days);
    let mut lines = Vec::new();
    for (inmate, text) in days {
        let field = format!("days_{inmate}");
        if text.trim().is_empty() {
            continue;
        }
        let Some(w) = workers.iter().find(|w| w.inmate_id == *inmate) else {
            errors.push(FieldError::new(field, "timesheet.not_a_worker", inmate.to_string()));
            continue;
        };
        let worked = whole(&mut errors, &field, text);
        let t = Timesheet {
            working_days: u32::try_from(working).unwrap_or(u32::MAX),
            days_worked: u32::try_from(worked).unwrap_or(u32::MAX),
            monthly_wage: w.wage_tyiyn,
        };
        if let Err(problems) = check_timesheet(&t) {
            for mut e in problems {
                if e.field == "days_worked" {
                    e.field = field.clone();
                }
                if !errors.iter().any(|x| x.field == e.field) {
                    errors.push(e);
                }
            }
        }
        lines.push(TimesheetLine { inmate_id: *inmate, working_days: working, days_worked: worked });
    }
    if lines.is_empty() && errors.is_empty() {
        errors.push(FieldError::new("working_days", "timesheet.empty", ""));
    }
    invalid(errors)?;
    Ok(lines)
}

/// One inmate's line of a month's payroll: computed from the timesheet (a preview) or as it
/// was closed.
#[derive(Debug, Clone, Serialize)]
pub struct PayrollLine {
    pub inmate_id: i64,
    pub register_number: String,
    pub full_name: String,
    pub wage_tyiyn: i64,
    pub working_days: Option<i64>,
    pub days_worked: Option<i64>,
    /// None while the inmate has no timesheet line for the month.
    pub pay: Option<PayLine>,
}

/// A workshop's month of pay: closed (with who closed it) or a preview.
#[derive(Debug, Clone, Serialize)]
pub struct Payroll {
    pub month: Date,
    pub closed: Option<PayrollRunRow>,
    pub lines: Vec<PayrollLine>,
    pub gross_tyiyn: i64,
    pub withheld_tyiyn: i64,
    pub net_tyiyn: i64,
    /// The share of gross deductions must leave each inmate (basis points), from the rules in
    /// force on the month's last day; None when no rules are set.
    pub inmate_min_net_bp: Option<u32>,
}

fn from_worker(w: Worker, pay: Option<PayLine>) -> PayrollLine {
    PayrollLine {
        inmate_id: w.inmate_id,
        register_number: w.register_number,
        full_name: w.full_name,
        wage_tyiyn: w.wage_tyiyn,
        working_days: w.working_days,
        days_worked: w.days_worked,
        pay,
    }
}

/// The month's payroll as it was closed, or as it would be closed now.
pub async fn payroll(store: &Store, workshop: i64, first: Date) -> Result<Payroll, StoreError> {
    let last = last_day(first);
    let workers = store.month_workers(workshop, first, last).await?;
    let versions = store.enterprise_rules().await?;
    let min_net = rules_on(&versions, last).map(|r| r.inmate_min_net_bp);
    let (closed, lines) = match store.payroll_run(workshop, first).await? {
        Some((run, paid)) => {
            let lines = workers
                .into_iter()
                .map(|w| {
                    let line = paid.iter().find(|p| p.inmate_id == w.inmate_id).map(|p| PayLine {
                        gross: p.gross_tyiyn,
                        deductions: serde_json::from_str::<Vec<(String, i64)>>(&p.deductions_json)
                            .unwrap_or_default()
                            .into_iter()
                            .filter_map(|(k, a)| DeductionKind::parse(&k).map(|k| (k, a)))
                            .collect(),
                        net: p.net_tyiyn,
                    });
                    from_worker(w, line)
                })
                .collect();
            (Some(run), lines)
        }
        None => {
            let orders = store.month_deductions(workshop, first, last).await?;
            let lines = workers
                .into_iter()
                .map(|w| {
                    let line = match (w.working_days, w.days_worked, min_net) {
                        (Some(wd), Some(dw), Some(min_net)) => {
                            let t = Timesheet {
                                working_days: u32::try_from(wd).unwrap_or(0),
                                days_worked: u32::try_from(dw).unwrap_or(0),
                                monthly_wage: w.wage_tyiyn,
                            };
                            let own: Vec<Deduction> = orders
                                .iter()
                                .filter(|d| d.inmate_id == w.inmate_id)
                                .filter_map(|d| {
                                    Some(Deduction {
                                        kind: DeductionKind::parse(&d.kind)?,
                                        rate_bp: u32::try_from(d.rate_bp).ok()?,
                                    })
                                })
                                .collect();
                            Some(pay(&t, &own, min_net))
                        }
                        _ => None,
                    };
                    from_worker(w, line)
                })
                .collect();
            (None, lines)
        }
    };
    let lines: Vec<PayrollLine> = lines;
    let sum = |f: fn(&PayLine) -> i64| lines.iter().filter_map(|l| l.pay.as_ref()).map(f).sum::<i64>();
    let (gross, net) = (sum(|p| p.gross), sum(|p| p.net));
    Ok(Payroll {
        month: first,
        closed,
        gross_tyiyn: gross,
        withheld_tyiyn: gross - net,
        net_tyiyn: net,
        lines,
        inmate_min_net_bp: min_net,
    })
}

/// Closes the month's payroll as previewed: every inmate who worked must have a timesheet
/// line, and rules must be in force. Once closed, the month's timesheet and pay are fixed.
pub async fn close_payroll(app: &App, caller: &Caller, workshop: i64, first: Date) -> Result<i64, AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    close_as_previewed(&app.store, &caller.actor(), workshop, first).await
}

/// Closes the month's payroll as [`payroll`] previews it, once its checks pass (the step
/// above, and the demonstration data, which has no user).
pub async fn close_as_previewed(store: &Store, by: &Actor, workshop: i64, first: Date) -> Result<i64, AppError> {
    let p = payroll(store, workshop, first).await?;
    if p.closed.is_some() {
        return Err(AppError::Conflict("payroll.closed"));
    }
    let mut errors = Vec::new();
    if p.inmate_min_net_bp.is_none() {
        errors.push(FieldError::new("month", "enterprise.rules_missing", ""));
    } else if p.lines.is_empty() {
        errors.push(FieldError::new("month", "payroll.empty", ""));
    }
    for l in p.lines.iter().filter(|l| l.days_worked.is_none()) {
        errors.push(FieldError::new(format!("days_{}", l.inmate_id), "payroll.timesheet_missing", &l.register_number));
    }
    invalid(errors)?;
    let lines: Vec<(i64, i64, PayLine)> =
        p.lines.into_iter().filter_map(|l| Some((l.inmate_id, l.days_worked?, l.pay?))).collect();
    Ok(store.close_payroll(by, workshop, first, &lines).await?)
}
