//! Prison enterprises' money: costs, revenue and profit by workshop,
//! facility and nation (shared with the state budget by the rules in force at each month's
//! end), and the funding promised to the programme against what was paid out.

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::prison::finance::{CostCategory, Figures, Month, month_figures, total};
use emgek_domain::prison::rules::rules_on;
use emgek_domain::social_contract::monitoring::month_of;
use emgek_store::prison::{FundingRow, NewCost};
use serde::Serialize;
use time::Date;

use super::last_day;
use crate::programmes::date;
use crate::{App, AppError, Caller};

/// An amount above zero, in tyiyn, at most `MAX_AMOUNT_MINOR`.
fn som(errors: &mut Vec<FieldError>, field: &str, text: &str) -> i64 {
    match Money::parse_major(text, Currency::KGS) {
        Ok(m) if m.minor() > emgek_domain::money::MAX_AMOUNT_MINOR => {
            errors.push(FieldError::new(field, "money.too_large", text.trim()));
            0
        }
        Ok(m) if m.minor() > 0 => m.minor(),
        _ => {
            errors.push(FieldError::new(field, "money.positive", text.trim()));
            0
        }
    }
}

pub struct CostForm<'a> {
    pub spent_on: &'a str,
    pub category: &'a str,
    pub description: &'a str,
    pub amount_som: &'a str,
}

/// Records a cost of a workshop (anything but wages, which closed payrolls give).
pub async fn record_cost(app: &App, caller: &Caller, workshop: i64, f: CostForm<'_>) -> Result<i64, AppError> {
    app.reach(caller).workshop(Permission::RunEnterprises, workshop).await?;
    let mut errors = Vec::new();
    let spent_on = date(&mut errors, "spent_on", f.spent_on);
    let category = CostCategory::parse(f.category);
    if category.is_none() {
        errors.push(FieldError::new("category", "cost.category_unknown", f.category));
    }
    let description = f.description.trim();
    if description.is_empty() || description.chars().count() > 200 {
        errors.push(FieldError::new("description", "text.required", description));
    }
    let amount = som(&mut errors, "amount", f.amount_som);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let new = NewCost {
        workshop_id: workshop,
        spent_on: spent_on.expect("checked"),
        category: category.expect("checked").code().to_string(),
        description: description.to_string(),
        amount_tyiyn: amount,
    };
    Ok(app.store.record_cost(&caller.actor(), &new).await?)
}

/// A workshop's figures over a period.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct WorkshopFinance {
    pub facility_id: i64,
    pub facility: String,
    pub workshop_id: i64,
    pub workshop: String,
    pub figures: Figures,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FacilityFinance {
    pub facility_id: i64,
    pub facility: String,
    pub figures: Figures,
}

/// Revenue, costs, wages and profit from `from` to `to`, over the facilities the caller reaches.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finance {
    pub from: Date,
    pub to: Date,
    pub workshops: Vec<WorkshopFinance>,
    pub facilities: Vec<FacilityFinance>,
    pub national: Figures,
}

/// The period's figures: months add up by workshop within each year and version of the rules
/// (the version in force at a month's end); each such profit is shared by its version, then
/// the figures add up by workshop, facility and nation.
pub async fn finance(app: &App, caller: &Caller, from: Date, to: Date) -> Result<Finance, emgek_store::StoreError> {
    let reach = caller.access.facilities(Permission::ReadEnterprises);
    let facilities: BTreeMap<i64, String> = app
        .store
        .facilities()
        .await?
        .into_iter()
        .filter(|f| reach.contains(&f.code))
        .map(|f| (f.facility_id, f.name))
        .collect();
    let mut workshops = BTreeMap::new();
    for id in facilities.keys() {
        for w in app.store.workshops(*id).await? {
            workshops.insert(w.workshop_id, w);
        }
    }
    let rules = app.store.enterprise_rules().await?;
    let mut months: BTreeMap<(i64, Date), Month> = BTreeMap::new();
    for line in app.store.money_lines(from, to).await? {
        if !workshops.contains_key(&line.workshop_id) {
            continue;
        }
        let m = months.entry((line.workshop_id, month_of(line.on_day))).or_default();
        match line.kind.as_str() {
            "sale" => m.sales += line.amount_tyiyn,
            "internal" => m.internal += line.amount_tyiyn,
            "cost" => m.costs += line.amount_tyiyn,
            _ => m.wages += line.amount_tyiyn,
        }
    }
    // A year's profit is shared as a whole under each version of the rules, so that a month's
    // loss offsets another month's profit before the state budget takes its part.
    let mut buckets: BTreeMap<(i64, i32, Option<Date>), (Month, Date)> = BTreeMap::new();
    for ((workshop, first), m) in &months {
        let end = last_day(*first);
        let version = rules_on(&rules, end).map(|r| r.effective_from);
        let (sum, last) = buckets.entry((*workshop, first.year(), version)).or_insert((Month::default(), end));
        sum.sales += m.sales;
        sum.internal += m.internal;
        sum.costs += m.costs;
        sum.wages += m.wages;
        *last = (*last).max(end);
    }
    let monthly: Vec<(i64, Figures)> =
        buckets.iter().map(|((w, _, _), (m, end))| (*w, month_figures(m, *end, &rules))).collect();
    let by_workshop = total(monthly.iter().map(|(w, f)| (w, f)));
    let rows: Vec<WorkshopFinance> = by_workshop
        .iter()
        .filter_map(|(id, figures)| {
            let w = workshops.get(id)?;
            Some(WorkshopFinance {
                facility_id: w.facility_id,
                facility: facilities.get(&w.facility_id).cloned().unwrap_or_default(),
                workshop_id: *id,
                workshop: w.name.clone(),
                figures: *figures,
            })
        })
        .collect();
    let by_facility = total(rows.iter().map(|r| (&r.facility_id, &r.figures)));
    let national = total(by_facility.values().map(|f| (&(), f))).remove(&()).unwrap_or_default();
    Ok(Finance {
        from,
        to,
        facilities: by_facility
            .into_iter()
            .map(|(id, figures)| FacilityFinance {
                facility_id: id,
                facility: facilities.get(&id).cloned().unwrap_or_default(),
                figures,
            })
            .collect(),
        workshops: rows,
        national,
    })
}

/// Funding is promised and paid out for the whole Prison Service, by national administrators.
fn national(caller: &Caller) -> Result<(), AppError> {
    if caller.access.facilities(Permission::ManageEnterprises).everywhere {
        Ok(())
    } else {
        Err(AppError::Invalid(vec![FieldError::new("funding", "enterprise.national", "")]))
    }
}

/// Records money promised to the programme by the state budget or a donor project.
pub async fn add_commitment(
    app: &App,
    caller: &Caller,
    (funder, purpose, committed_on, amount_som): (&str, &str, &str, &str),
) -> Result<i64, AppError> {
    national(caller)?;
    let mut errors = Vec::new();
    if !matches!(funder.trim(), "state_budget" | "donor_project") {
        errors.push(FieldError::new("source", "funding.source_unknown", funder));
    }
    if purpose.trim().is_empty() || purpose.chars().count() > 200 {
        errors.push(FieldError::new("purpose", "text.required", purpose.trim()));
    }
    let on = date(&mut errors, "committed_on", committed_on);
    let amount = som(&mut errors, "amount", amount_som);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let by = caller.actor();
    Ok(app.store.add_commitment(&by, funder.trim(), purpose.trim(), on.expect("checked"), amount).await?)
}

/// Records a payment out of a commitment, to a facility or to the programme as a whole.
pub async fn add_disbursement(
    app: &App,
    caller: &Caller,
    commitment: i64,
    (facility, disbursed_on, amount_som): (&str, &str, &str),
) -> Result<i64, AppError> {
    national(caller)?;
    let mut errors = Vec::new();
    if !app.store.funding().await?.iter().any(|c| c.funding_commitment_id == commitment) {
        errors.push(FieldError::new("commitment", "funding.unknown", commitment.to_string()));
    }
    let facility = match facility.trim() {
        "" => None,
        id => match id.parse::<i64>() {
            Ok(id) if app.store.facility(id).await.is_ok() => Some(id),
            _ => {
                errors.push(FieldError::new("facility", "facility.unknown", id));
                None
            }
        },
    };
    let on = date(&mut errors, "disbursed_on", disbursed_on);
    let amount = som(&mut errors, "amount", amount_som);
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let by = caller.actor();
    Ok(app.store.add_disbursement(&by, commitment, facility, on.expect("checked"), amount).await?)
}

/// What was promised, paid out and remains, by commitment.
pub async fn funding(app: &App) -> Result<Vec<FundingRow>, emgek_store::StoreError> {
    app.store.funding().await
}
