//! The indicators the programmes are judged by, as data: each has a code, a unit, the stored
//! facts it is computed from (its formula over measures) and the disaggregations that apply.
//! Names and definitions are Fluent messages (`indicator-CODE`, `indicator-CODE-definition`) in
//! the three languages; a test checks that every indicator has them.
//!
//! A *measure* is a count or a sum of stored records, kept in cells by month and place
//! (`cube.rs`); an indicator is a measure, the share of one measure in another, or the difference
//! of two. Nothing here is typed in: every figure comes from records.

pub mod cube;
pub mod facts;
pub mod period;

use serde::Serialize;

/// Which programme an indicator belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Programme {
    SocialContract,
    Ovop,
    Prison,
}

impl Programme {
    pub const ALL: [Programme; 3] = [Programme::SocialContract, Programme::Ovop, Programme::Prison];

    pub fn code(self) -> &'static str {
        match self {
            Programme::SocialContract => "social_contract",
            Programme::Ovop => "ovop",
            Programme::Prison => "prison",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code.trim())
    }
}

/// A way an indicator can be broken down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Period,
    Oblast,
    Rayon,
    /// A Social Contract programme (the ministry may run more than one).
    Programme,
    /// A prison facility.
    Facility,
    Sex,
    /// A household with a member with a disability.
    Disability,
}

impl Dimension {
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Period => "period",
            Dimension::Oblast => "oblast",
            Dimension::Rayon => "rayon",
            Dimension::Programme => "programme",
            Dimension::Facility => "facility",
            Dimension::Sex => "sex",
            Dimension::Disability => "disability",
        }
    }
}

/// What an indicator's figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Records: contracts, products, export contracts.
    Count,
    /// People.
    People,
    /// Som in tyiyn, with a dollar equivalent at the official rate of each month.
    Money,
    /// A share in basis points (10,000 = 100%).
    Share,
}

impl Unit {
    pub fn code(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::People => "people",
            Unit::Money => "money",
            Unit::Share => "share",
        }
    }
}

/// A count or sum of stored records, kept by month and place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Contracts signed (in the month they start).
    Contracts,
    /// Contracts whose household head is a woman.
    ContractsWomen,
    /// Grant tranches paid, in tyiyn (the bank's day).
    GrantsPaid,
    /// Contracts that have reached 6 (12) months since they started.
    Reached6,
    Reached12,
    /// Of those, businesses still trading then (a report with revenue, or a visit that found it
    /// operating, on or after the month).
    Operating6,
    Operating12,
    /// Members of funded households whose business earns more than it costs, and the children
    /// among them (under 18 when the contract started).
    PeopleIncomeRose,
    ChildrenIncomeRose,
    /// Households that left the benefit (graduated).
    Graduated,
    /// People working in the businesses (the most a contract's reports name).
    Jobs,
    /// Refunds claimed after a violation, and repaid, in tyiyn.
    RefundsDue,
    RefundsRecovered,
    /// One Village – One Product.
    ProductsDeveloped,
    ProductsCertified,
    ProductsNationalBrand,
    ExportContracts,
    ExportValue,
    /// Prison enterprises: inmates on a headcount day and those in productive work that day.
    Inmates,
    InmatesWorking,
    /// Inmates who finished a course with a certificate.
    TraineesCertified,
    /// Revenue (sales and internal supply) and costs (costs and wages), in tyiyn.
    EnterpriseRevenue,
    EnterpriseCosts,
    /// Released inmates reached by a follow-up, and those working at the latest one.
    ReleasedFollowed,
    ReleasedWorking,
}

impl Measure {
    /// Names the measure in messages: `measure-CODE`.
    pub fn code(self) -> &'static str {
        match self {
            Measure::Contracts => "contracts",
            Measure::ContractsWomen => "contracts-women",
            Measure::GrantsPaid => "grants-paid",
            Measure::Reached6 => "reached-6",
            Measure::Reached12 => "reached-12",
            Measure::Operating6 => "operating-6",
            Measure::Operating12 => "operating-12",
            Measure::PeopleIncomeRose => "people-income-rose",
            Measure::ChildrenIncomeRose => "children-income-rose",
            Measure::Graduated => "graduated",
            Measure::Jobs => "jobs",
            Measure::RefundsDue => "refunds-due",
            Measure::RefundsRecovered => "refunds-recovered",
            Measure::ProductsDeveloped => "products-developed",
            Measure::ProductsCertified => "products-certified",
            Measure::ProductsNationalBrand => "products-national-brand",
            Measure::ExportContracts => "export-contracts",
            Measure::ExportValue => "export-value",
            Measure::Inmates => "inmates",
            Measure::InmatesWorking => "inmates-working",
            Measure::TraineesCertified => "trainees-certified",
            Measure::EnterpriseRevenue => "enterprise-revenue",
            Measure::EnterpriseCosts => "enterprise-costs",
            Measure::ReleasedFollowed => "released-followed",
            Measure::ReleasedWorking => "released-working",
        }
    }

    /// The programme whose records the measure counts: who may read it follows from that.
    pub fn programme(self) -> Programme {
        use Measure::*;
        match self {
            Contracts | ContractsWomen | GrantsPaid | Reached6 | Reached12 | Operating6 | Operating12
            | PeopleIncomeRose | ChildrenIncomeRose | Graduated | Jobs | RefundsDue | RefundsRecovered => {
                Programme::SocialContract
            }
            ProductsDeveloped | ProductsCertified | ProductsNationalBrand | ExportContracts | ExportValue => {
                Programme::Ovop
            }
            Inmates | InmatesWorking | TraineesCertified | EnterpriseRevenue | EnterpriseCosts | ReleasedFollowed
            | ReleasedWorking => Programme::Prison,
        }
    }

    /// Stock measures describe a day (a headcount); over a period the latest month counts,
    /// never the sum. Every other measure is a flow and sums.
    pub fn is_stock(self) -> bool {
        matches!(self, Measure::Inmates | Measure::InmatesWorking)
    }

    pub fn is_money(self) -> bool {
        matches!(
            self,
            Measure::GrantsPaid
                | Measure::RefundsDue
                | Measure::RefundsRecovered
                | Measure::ExportValue
                | Measure::EnterpriseRevenue
                | Measure::EnterpriseCosts
        )
    }
}

/// How an indicator's figure is computed from measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Formula {
    Sum(Measure),
    /// The first measure as a share of the second, in basis points.
    Share(Measure, Measure),
    /// The first measure less the second.
    Difference(Measure, Measure),
}

impl Formula {
    pub fn measures(self) -> Vec<Measure> {
        match self {
            Formula::Sum(m) => vec![m],
            Formula::Share(a, b) | Formula::Difference(a, b) => vec![a, b],
        }
    }
}

/// One indicator of the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Indicator {
    pub code: &'static str,
    pub programme: Programme,
    pub unit: Unit,
    pub formula: Formula,
    pub dimensions: &'static [Dimension],
    /// The kind of record behind a figure: what a drill-down lists.
    pub records: Records,
}

/// The records a figure is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Records {
    Contracts,
    Products,
    ExportContracts,
    Facilities,
}

use Dimension as D;
use Measure as M;

const SC: &[Dimension] = &[D::Period, D::Oblast, D::Rayon, D::Programme, D::Sex, D::Disability];
const SC_MONEY: &[Dimension] = &[D::Period, D::Oblast, D::Rayon, D::Programme];
const OVOP: &[Dimension] = &[D::Period, D::Oblast, D::Rayon];
const PRISON: &[Dimension] = &[D::Period, D::Oblast, D::Facility];
const PRISON_PEOPLE: &[Dimension] = &[D::Period, D::Oblast, D::Facility, D::Sex];

const fn sc(code: &'static str, unit: Unit, formula: Formula, dimensions: &'static [Dimension]) -> Indicator {
    Indicator { code, programme: Programme::SocialContract, unit, formula, dimensions, records: Records::Contracts }
}

const fn prison(code: &'static str, unit: Unit, formula: Formula, dimensions: &'static [Dimension]) -> Indicator {
    Indicator { code, programme: Programme::Prison, unit, formula, dimensions, records: Records::Facilities }
}

/// The library, in the order dashboards and reports show it.
pub const LIBRARY: &[Indicator] = &[
    sc("families-with-contracts", Unit::Count, Formula::Sum(M::Contracts), SC),
    sc("grants-disbursed", Unit::Money, Formula::Sum(M::GrantsPaid), SC_MONEY),
    sc("operating-6-months", Unit::Share, Formula::Share(M::Operating6, M::Reached6), SC),
    sc("operating-12-months", Unit::Share, Formula::Share(M::Operating12, M::Reached12), SC),
    sc("people-income-rose", Unit::People, Formula::Sum(M::PeopleIncomeRose), SC),
    sc("children-income-rose", Unit::People, Formula::Sum(M::ChildrenIncomeRose), SC),
    sc("households-left-benefit", Unit::Count, Formula::Sum(M::Graduated), SC),
    sc("jobs-created", Unit::People, Formula::Sum(M::Jobs), SC),
    sc("women-participants", Unit::Share, Formula::Share(M::ContractsWomen, M::Contracts), SC_MONEY),
    sc("refunds-due", Unit::Money, Formula::Sum(M::RefundsDue), SC_MONEY),
    sc("refunds-recovered", Unit::Money, Formula::Sum(M::RefundsRecovered), SC_MONEY),
    Indicator {
        code: "products-developed",
        programme: Programme::Ovop,
        unit: Unit::Count,
        formula: Formula::Sum(M::ProductsDeveloped),
        dimensions: OVOP,
        records: Records::Products,
    },
    Indicator {
        code: "products-certified",
        programme: Programme::Ovop,
        unit: Unit::Count,
        formula: Formula::Sum(M::ProductsCertified),
        dimensions: OVOP,
        records: Records::Products,
    },
    Indicator {
        code: "products-national-brand",
        programme: Programme::Ovop,
        unit: Unit::Count,
        formula: Formula::Sum(M::ProductsNationalBrand),
        dimensions: OVOP,
        records: Records::Products,
    },
    Indicator {
        code: "export-contracts",
        programme: Programme::Ovop,
        unit: Unit::Count,
        formula: Formula::Sum(M::ExportContracts),
        dimensions: OVOP,
        records: Records::ExportContracts,
    },
    Indicator {
        code: "export-value",
        programme: Programme::Ovop,
        unit: Unit::Money,
        formula: Formula::Sum(M::ExportValue),
        dimensions: OVOP,
        records: Records::ExportContracts,
    },
    prison("inmates-working", Unit::Share, Formula::Share(M::InmatesWorking, M::Inmates), PRISON),
    prison("trainees-certified", Unit::People, Formula::Sum(M::TraineesCertified), PRISON_PEOPLE),
    prison("enterprise-revenue", Unit::Money, Formula::Sum(M::EnterpriseRevenue), PRISON),
    prison("enterprise-profit", Unit::Money, Formula::Difference(M::EnterpriseRevenue, M::EnterpriseCosts), PRISON),
    prison(
        "employed-after-release",
        Unit::Share,
        Formula::Share(M::ReleasedWorking, M::ReleasedFollowed),
        PRISON_PEOPLE,
    ),
];

/// The indicator with this code.
pub fn indicator(code: &str) -> Option<&'static Indicator> {
    LIBRARY.iter().find(|i| i.code == code)
}

/// The library's indicators of one programme.
pub fn of_programme(p: Programme) -> impl Iterator<Item = &'static Indicator> {
    LIBRARY.iter().filter(move |i| i.programme == p)
}

impl Indicator {
    pub fn applies(&self, d: Dimension) -> bool {
        self.dimensions.contains(&d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_indicator_has_a_code_of_its_own_and_a_period() {
        let mut codes: Vec<&str> = LIBRARY.iter().map(|i| i.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), LIBRARY.len());
        assert!(LIBRARY.iter().all(|i| i.applies(Dimension::Period)));
    }

    #[test]
    fn money_indicators_are_made_of_money_and_shares_of_counts() {
        for i in LIBRARY {
            let money = i.formula.measures().iter().all(|m| m.is_money());
            assert_eq!(i.unit == Unit::Money, money, "{}", i.code);
        }
    }

    #[test]
    fn the_issue_names_every_programme_s_headline_indicators() {
        for code in
            ["families-with-contracts", "people-income-rose", "export-value", "inmates-working", "enterprise-profit"]
        {
            assert!(indicator(code).is_some(), "{code}");
        }
        assert_eq!(of_programme(Programme::Ovop).count(), 5);
        for i in LIBRARY {
            assert!(i.formula.measures().iter().all(|m| m.programme() == i.programme), "{}", i.code);
        }
    }
}
