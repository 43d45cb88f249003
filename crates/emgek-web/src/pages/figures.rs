//! How dashboards and reports write figures: an indicator's name and unit, a figure in som or
//! dollars, its value as drawn on a chart and as a spreadsheet cell, and targets.

use emgek_domain::indicators::cube::Figure;
use emgek_domain::indicators::period::Range;
use emgek_domain::indicators::{Indicator, Unit};
use emgek_domain::money::{Currency, Money};
use emgek_exchange::tables::Value;
use emgek_store::indicators::TargetRow;

use crate::ui::Ui;
use emgek_app::indicators::{Cube, Selection};

pub(super) fn name(ui: &Ui, ind: &Indicator) -> String {
    ui.tr.t(&format!("indicator-{}", ind.code))
}

pub(super) fn definition(ui: &Ui, ind: &Indicator) -> String {
    ui.tr.t(&format!("indicator-{}-definition", ind.code))
}

/// The unit as a column heading: number, people, som or US dollars, percent.
pub(super) fn unit(ui: &Ui, ind: &Indicator, usd: bool) -> String {
    match ind.unit {
        Unit::Money if usd => ui.tr.t("unit-usd"),
        Unit::Money => ui.tr.t("unit-som"),
        Unit::Count => ui.tr.t("unit-count"),
        Unit::People => ui.tr.t("unit-people"),
        Unit::Share => ui.tr.t("unit-percent"),
    }
}

/// The figure's number in the unit shown: tyiyn, cents, a count or basis points.
pub(super) fn amount(ind: &Indicator, f: &Figure, usd: bool) -> Option<i64> {
    if ind.unit == Unit::Money && usd { f.usd } else { f.value }
}

/// The figure as written in the reader's language; a dash when there is none.
pub(super) fn written(ui: &Ui, ind: &Indicator, f: &Figure, usd: bool) -> String {
    amount(ind, f, usd).map_or_else(|| "—".to_string(), |v| number(ui, ind, v, usd))
}

pub(super) fn number(ui: &Ui, ind: &Indicator, v: i64, usd: bool) -> String {
    match ind.unit {
        Unit::Count | Unit::People => ui.tr.number(v),
        Unit::Money => ui.tr.money(&Money::from_minor(v, if usd { Currency::USD } else { Currency::KGS })),
        Unit::Share => ui.tr.percent(u32::try_from(v.max(0)).unwrap_or(u32::MAX)),
    }
}

/// The figure as a chart draws it: whole units, percent.
pub(super) fn drawn(ind: &Indicator, f: &Figure, usd: bool) -> Option<f64> {
    let v = amount(ind, f, usd)? as f64;
    Some(match ind.unit {
        Unit::Money | Unit::Share => v / 100.0,
        Unit::Count | Unit::People => v,
    })
}

/// A chart's axis label for a drawn value.
pub(super) fn axis(ui: &Ui, ind: &Indicator, v: f64) -> String {
    let whole = ui.tr.number(v.round() as i64);
    if ind.unit == Unit::Share { format!("{whole}%") } else { whole }
}

/// The figure as a spreadsheet cell.
pub(super) fn cell(ind: &Indicator, f: &Figure, usd: bool) -> Value {
    amount(ind, f, usd).map_or(Value::Empty, |v| value_cell(ind, v))
}

/// A number in the indicator's unit (tyiyn or cents, basis points, a count) as a spreadsheet cell.
pub(super) fn value_cell(ind: &Indicator, v: i64) -> Value {
    match ind.unit {
        Unit::Money => Value::Minor(v),
        Unit::Share => Value::Share(v),
        _ => Value::Int(v),
    }
}

/// The target set for exactly the selection's period and place (the country, or one oblast with
/// nothing narrower chosen), in the unit shown: money targets are set in som and shown in
/// dollars at the official rate of the period's last month.
pub(super) fn target(cube: &Cube, targets: &[TargetRow], ind: &Indicator, sel: &Selection) -> Option<i64> {
    let f = &sel.filter;
    if f.rayon.is_some() || f.programme.is_some() || f.facility.is_some() || f.sex.is_some() || f.disability.is_some() {
        return None;
    }
    let range = f.range;
    let (year, quarter) = (range.from.year(), range.from.quarter());
    let period = if range == Range::year(year) {
        (i64::from(year), 0)
    } else if Range::quarter(year, quarter) == Some(range) {
        (i64::from(year), i64::from(quarter))
    } else {
        return None;
    };
    let oblast = f.oblast.clone().unwrap_or_default();
    let t =
        targets.iter().find(|t| t.indicator == ind.code && (t.year, t.quarter) == period && t.oblast_code == oblast)?;
    if ind.unit == Unit::Money && sel.usd { cube.usd(range.to, t.value) } else { Some(t.value) }
}

/// How much of the target the figure reached, in basis points.
pub(super) fn reached(ind: &Indicator, f: &Figure, usd: bool, target: Option<i64>) -> Option<i64> {
    let (actual, target) = (amount(ind, f, usd)?, target?);
    emgek_domain::indicators::cube::share_bp(actual.max(0), target)
}
