//! The Social Contract's earlier years as records, carried over as a ministry would carry over
//! its files: families funded from 2019 to 2023, their households in the registry, their
//! contracts, grants paid, twelve monthly reports each and, for most, graduation off the
//! benefit. Their make-up is the 2024 article's: at the demonstration's size (`blocks` = 100)
//! 13,000 families whose businesses earn more than they cost, 55,400 people in them of whom
//! 33,500 children, most of them in Jalal-Abad and Osh oblasts, nearly all headed by women. The
//! dashboards compute those figures from these records.

use std::collections::HashMap;

use emgek_domain::Money;
use emgek_domain::geography::RAYONS;
use emgek_domain::social_contract::business_plan::{BudgetCategory, BudgetLine, BusinessPlan, MonthProjection, Sector};
use emgek_domain::social_contract::programme::ProgrammeRules;
use emgek_exchange::synth::{Synth, SynthOptions};
use emgek_store::history::CarriedContract;
use emgek_store::{Actor, Source, StoreError};

use crate::{App, AppError};
use time::{Date, Month};

/// The families of a block: the article's make-up in its smallest whole numbers. A block is
/// 130 families with 554 people, 335 of them children: 89 families have two adults and 41 one;
/// 75 have three children and 55 two.
pub const BLOCK: (usize, i64, i64) = (130, 554, 335);

/// The demonstration's size: 100 blocks, the article's 13,000 families.
pub const BLOCKS: usize = 100;

const CODE: &str = "social-contract-2019";
const SOM: i64 = 100;

/// Creates the earlier years on a database that has none; returns how many families.
pub async fn create_history_if_none(app: &App, blocks: usize) -> Result<usize, AppError> {
    let store = &app.store;
    let today = app.clock.today();
    if store.programmes().await?.iter().any(|p| p.code == CODE) {
        return Ok(0);
    }
    let by = Actor::new("demo", Source::Demo);
    let families = blocks * BLOCK.0;
    // Most projects are in Jalal-Abad and Osh oblasts.
    let weights: Vec<u32> = RAYONS
        .iter()
        .map(|r| if matches!(r.oblast, "KG-J" | "KG-O") { r.population_k * 4 } else { r.population_k })
        .collect();
    let mut synth = Synth::new(SynthOptions { households: 0, seed: 2019, defects: false });
    let mut tx = store.begin_import(&by, emgek_domain::access::Areas::everywhere()).await?;
    let mut rows = 0i64;
    // Each family's number, start and place, in the order made.
    let mut made: Vec<(String, Date, String, String)> = Vec::with_capacity(families);
    for i in 0..families {
        let b = i % BLOCK.0;
        let (adults, children) = (if b < 89 { 2 } else { 1 }, if b < 75 { 3 } else { 2 });
        let year = 2019 + i32::try_from(i % 5).unwrap_or(0);
        let month = Month::try_from(u8::try_from(3 + i % 9).unwrap_or(3)).unwrap_or(Month::March);
        let on = Date::from_calendar_date(year, month, u8::try_from(1 + i % 28).unwrap_or(1)).expect("a day");
        let family = synth.funded_family(adults, children, i % 50 < 47, on, &weights);
        if let Some(first) = family.first() {
            let h = &first.household;
            made.push((h.household_ref.clone(), on, h.oblast.clone(), h.rayon.clone()));
        }
        for row in family {
            let h = row.household.validate(today).map_err(|e| bug(&e))?;
            let m = row.member.validate(today).map_err(|e| bug(&e))?;
            rows += 1;
            tx.apply(rows.unsigned_abs(), h, m).await?;
        }
    }
    tx.commit("demonstration: families funded 2019–2023", true, rows, 0).await?;

    let programme = store
        .create_programme(
            &by,
            CODE,
            "social_contract",
            ["Социалдык келишим, 2019–2023", "Социальный контракт, 2019–2023", "Social Contract, 2019–2023"],
        )
        .await?;
    let mut rules = ProgrammeRules::example_2024();
    rules.effective_from = Date::from_calendar_date(2019, Month::January, 1).expect("a day");
    store.add_rules(&by, programme, &rules).await?;
    let mut calls = HashMap::new();
    for year in 2019..=2023 {
        let opens = Date::from_calendar_date(year, Month::February, 1).expect("a day");
        let closes = Date::from_calendar_date(year, Month::April, 30).expect("a day");
        calls.insert(year, store.create_call(&by, programme, &year.to_string(), opens, closes).await?);
    }
    let ids: HashMap<String, i64> = store.household_ids_by_ref("KG-H-").await?.into_iter().collect();
    let mut sequence: HashMap<(i32, String), u32> = HashMap::new();
    let mut carried = Vec::with_capacity(families);
    for (i, (reference, on, oblast, rayon)) in made.into_iter().enumerate() {
        let household_id = *ids.get(&reference).ok_or(StoreError::NotFound)?;
        let n = sequence.entry((on.year(), oblast.clone())).or_default();
        *n += 1;
        let plan = plan(i);
        let months = (0..12)
            .map(|m| {
                let revenue = (12_000 + ((i as i64 * 37 + m * 11) % 80) * 100) * SOM;
                let costs = (5_000 + ((i as i64 * 13 + m * 7) % 40) * 100) * SOM;
                (revenue, costs, 1 + (i as i64 % 3))
            })
            .collect();
        let end = Date::from_calendar_date(on.year() + 1, on.month(), 1).expect("a day");
        let graduated =
            (i % 10 < 7).then(|| (end, Date::from_calendar_date(end.year() + 3, end.month(), 1).expect("a day")));
        carried.push(CarriedContract {
            household_id,
            number: format!("SC-{}-{oblast}-{n:06}", on.year()),
            oblast,
            rayon,
            call_id: calls[&on.year()],
            grant_tyiyn: 100_000 * SOM,
            starts: on,
            plan_json: serde_json::to_string(&plan).map_err(|e| StoreError::Config(e.to_string()))?,
            months,
            graduated,
        });
    }
    store.carry_over_contracts(&by, programme, &carried).await?;
    Ok(families)
}

/// A plan of the sector shares the ministry reports: agriculture ~73%, manufacturing ~14%,
/// trade ~7%, services ~6%.
fn plan(i: usize) -> BusinessPlan {
    let (sector, activity, category, item, price) = match i % 100 {
        0..73 => (Sector::Agriculture, "Мал чарбасы", BudgetCategory::Livestock, "Уй", 45_000),
        73..87 => (Sector::Manufacturing, "Кийиз буюмдар", BudgetCategory::Equipment, "Жүн тараткыч", 90_000),
        87..94 => (Sector::Trade, "Айылдагы дүкөн", BudgetCategory::Materials, "Товар", 9_000),
        _ => (Sector::Services, "Тигүү цехи", BudgetCategory::Equipment, "Тигүү машинасы", 30_000),
    };
    let quantity = 90_000 / price + 1;
    BusinessPlan {
        sector,
        activity: activity.into(),
        ovop_category: None,
        local_resources: "жайыт".into(),
        lines: vec![BudgetLine { category, item: item.into(), quantity, unit_price: Money::som(i64::from(price)) }],
        own_contribution: Money::som(5_000),
        projection: vec![MonthProjection { revenue: Money::som(15_000), costs: Money::som(7_000) }; 12],
        jobs: 1 + (i as u32 % 3),
        green: false,
    }
}

fn bug(errors: &[emgek_domain::FieldError]) -> StoreError {
    StoreError::Config(format!("the demonstration's earlier families broke a rule: {errors:?}"))
}
