//! The facts indicators are computed from, read in one pass over each table (SQL in
//! `indicator_queries.rs`), and indicator targets.

use std::collections::HashMap;

use emgek_domain::indicators::cube::Sex;
use emgek_domain::indicators::facts::{ContractFact, Facility, FacilityFact, Facts, ProductFact, Refund, is_child};
use emgek_domain::prison::reintegration::Outcome;
use serde::Serialize;
use time::{Date, OffsetDateTime};

use crate::{Actor, Result, Store};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ContractRow {
    pub contract_id: i64,
    pub number: String,
    pub programme_id: i64,
    pub oblast_code: String,
    pub rayon_code: String,
    pub status: String,
    pub starts: Option<Date>,
    pub created_at: OffsetDateTime,
    pub head_sex: String,
    pub disability: bool,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReportTotalsRow {
    pub contract_id: i64,
    pub net_income: i64,
    pub last_trading: Option<Date>,
    pub jobs: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RefundRow {
    pub contract_id: i64,
    pub amount_tyiyn: i64,
    pub repaid_tyiyn: i64,
    /// The days claimed and last repaid; empty on claims recorded before they were kept, which
    /// are read by the moments recorded.
    pub claimed_on: Option<Date>,
    pub repaid_on: Option<Date>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ProductFactRow {
    pub ovop_product_id: i64,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    pub oblast_code: String,
    pub rayon_code: String,
    pub developed_on: Date,
    pub certified_on: Option<Date>,
    pub national_on: Option<Date>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct NamedFacilityRow {
    pub facility_id: i64,
    pub code: String,
    pub name: String,
    pub oblast_code: String,
    pub rayon_code: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct HeadcountRow {
    pub facility_id: i64,
    pub counted_on: Date,
    pub inmates: i64,
    pub working: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FacilityMoneyRow {
    pub facility_id: i64,
    pub on_day: Date,
    pub kind: String,
    pub amount: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct TraineesRow {
    pub facility_id: i64,
    pub finished_on: Date,
    pub sex: String,
    pub trainees: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReleasedRow {
    pub facility_id: i64,
    pub released_on: Date,
    pub sex: String,
    pub outcome: String,
}

/// A target: the figure an indicator should reach in a year (`quarter` 0) or a quarter, for the
/// country (`oblast_code` empty) or an oblast, in the indicator's unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TargetRow {
    pub indicator: String,
    pub year: i64,
    pub quarter: i64,
    pub oblast_code: String,
    pub value: i64,
}

impl Store {
    forward! {
        /// Moves with every write (not with sign-ins and views): figures computed at one version stay
        /// true until it moves.
        pub async fn data_version(&self) -> Result<i64>;
        /// The whole registry, compact, for targeting (`social_contract::targeting`); on a country's
        /// registry a few seconds, so callers keep it while `data_version` stays.
        pub async fn targeting_registry(&self) -> Result<emgek_domain::social_contract::targeting::Registry>;
    }

    /// Every fact the indicators read, from the records as they are now.
    pub async fn indicator_facts(&self) -> Result<Facts> {
        let mut contracts = self.contract_facts().await?;
        contracts.sort_by_key(|c| c.contract_id);
        let products = on_backend!(self, indicator_products())?
            .into_iter()
            .map(|p| ProductFact {
                product_id: p.ovop_product_id,
                names: [p.name_ky, p.name_ru, p.name_en],
                oblast: p.oblast_code,
                rayon: p.rayon_code,
                developed_on: p.developed_on,
                certified_on: p.certified_on,
                national_on: p.national_on,
            })
            .collect();
        let exports = on_backend!(self, indicator_exports())?;
        let facilities = self.facility_facts().await?;
        Ok(Facts { contracts, products, exports, facilities })
    }

    async fn contract_facts(&self) -> Result<Vec<ContractFact>> {
        let mut by_id: HashMap<i64, ContractFact> = HashMap::new();
        for r in on_backend!(self, indicator_contracts())? {
            let starts = r.starts.unwrap_or(r.created_at.date());
            let fact = ContractFact {
                contract_id: r.contract_id,
                number: r.number,
                programme: r.programme_id,
                oblast: r.oblast_code,
                rayon: r.rayon_code,
                status: r.status,
                starts,
                woman: r.head_sex == "F",
                disability: r.disability,
                members: 0,
                children: 0,
                paid: Vec::new(),
                net_income: None,
                last_trading: None,
                last_operating_visit: None,
                jobs: 0,
                graduated_on: None,
                refund: None,
            };
            by_id.insert(r.contract_id, fact);
        }
        for (id, birth) in on_backend!(self, indicator_members())? {
            if let Some(c) = by_id.get_mut(&id) {
                c.members += 1;
                c.children += i64::from(is_child(birth, c.starts));
            }
        }
        for (id, on, amount) in on_backend!(self, indicator_payments())? {
            if let Some(c) = by_id.get_mut(&id) {
                c.paid.push((on, amount));
            }
        }
        for r in on_backend!(self, indicator_reports())? {
            if let Some(c) = by_id.get_mut(&r.contract_id) {
                c.net_income = Some(r.net_income);
                c.last_trading = r.last_trading;
                c.jobs = r.jobs;
            }
        }
        for (id, on) in on_backend!(self, indicator_visits())? {
            if let Some(c) = by_id.get_mut(&id) {
                c.last_operating_visit = Some(on);
            }
        }
        for (id, on) in on_backend!(self, indicator_graduations())? {
            if let Some(c) = by_id.get_mut(&id) {
                c.graduated_on = Some(on);
            }
        }
        for r in on_backend!(self, indicator_refunds())? {
            if let Some(c) = by_id.get_mut(&r.contract_id) {
                c.refund = Some(Refund {
                    claimed_on: r.claimed_on.unwrap_or(r.created_at.date()),
                    amount: r.amount_tyiyn,
                    repaid: r.repaid_tyiyn,
                    repaid_on: r.repaid_on.unwrap_or(r.updated_at.date()),
                });
            }
        }
        Ok(by_id.into_values().collect())
    }

    async fn facility_facts(&self) -> Result<Vec<Facility>> {
        let mut facilities: Vec<Facility> = on_backend!(self, indicator_facilities())?
            .into_iter()
            .map(|f| Facility {
                facility_id: f.facility_id,
                code: f.code,
                name: f.name,
                oblast: f.oblast_code,
                rayon: f.rayon_code,
                facts: Vec::new(),
            })
            .collect();
        let index: HashMap<i64, usize> = facilities.iter().enumerate().map(|(n, f)| (f.facility_id, n)).collect();
        let mut push = |facility: i64, fact: FacilityFact| {
            if let Some(&n) = index.get(&facility) {
                facilities[n].facts.push(fact);
            }
        };
        for h in on_backend!(self, indicator_headcounts())? {
            push(h.facility_id, FacilityFact::Headcount { on: h.counted_on, inmates: h.inmates, working: h.working });
        }
        for m in on_backend!(self, indicator_enterprise_money())? {
            let (revenue, costs) = if m.kind == "revenue" { (m.amount, 0) } else { (0, m.amount) };
            push(m.facility_id, FacilityFact::Money { on: m.on_day, revenue, costs });
        }
        for t in on_backend!(self, indicator_trainees())? {
            push(
                t.facility_id,
                FacilityFact::Trainees { on: t.finished_on, sex: Sex::parse(&t.sex), count: t.trainees },
            );
        }
        for r in on_backend!(self, indicator_released())? {
            let working = Outcome::parse(&r.outcome).is_some_and(Outcome::working);
            let fact = FacilityFact::Released {
                on: r.released_on,
                sex: Sex::parse(&r.sex),
                followed: 1,
                working: i64::from(working),
            };
            push(r.facility_id, fact);
        }
        Ok(facilities)
    }

    forward! {
        pub async fn set_target(&self, by: &Actor, t: &TargetRow) -> Result<()>;
        pub async fn targets(&self) -> Result<Vec<TargetRow>>;
    }
}
