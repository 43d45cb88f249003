//! The stored facts indicators are computed from, one row per record behind a figure, and how
//! they become cells. The store reads them; dashboards list them when a reader drills from a
//! number to its records.

use serde::Serialize;
use time::Date;

use super::Measure;
use super::cube::{Builder, Cell, Key, Sex};
use super::period::Ym;

/// A Social Contract contract and what its records say of the business and the household.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ContractFact {
    pub contract_id: i64,
    pub number: String,
    pub programme: i64,
    pub oblast: String,
    pub rayon: String,
    pub status: String,
    /// The day it started, or was signed if it has not started.
    pub starts: Date,
    /// The household head is a woman.
    pub woman: bool,
    /// A member of the household has a disability.
    pub disability: bool,
    pub members: i64,
    /// Members under 18 on the day the contract started.
    pub children: i64,
    /// Tranches paid: the bank's day and the amount in tyiyn.
    pub paid: Vec<(Date, i64)>,
    /// Revenue less costs over every month reported; none before the first report.
    pub net_income: Option<i64>,
    /// The last month reported with revenue, and the last visit that found the business operating.
    pub last_trading: Option<Date>,
    pub last_operating_visit: Option<Date>,
    /// The most people a month's report says worked in the business.
    pub jobs: i64,
    pub graduated_on: Option<Date>,
    /// A refund claim: the day claimed, the amount, what was repaid and when it last was.
    pub refund: Option<Refund>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Refund {
    pub claimed_on: Date,
    pub amount: i64,
    pub repaid: i64,
    pub repaid_on: Date,
}

impl ContractFact {
    /// Whether the business still traded `months` after the contract started: a report of that
    /// month or later with revenue, or a visit then or later that found it operating. `None`
    /// while the contract is younger than that on `today`.
    pub fn operating_at(&self, months: i32, today: Date) -> Option<bool> {
        let due = Ym::of(self.starts).plus(months);
        if due > Ym::of(today) {
            return None;
        }
        let trading = self.last_trading.is_some_and(|d| Ym::of(d) >= due.plus(-1));
        let visited = self.last_operating_visit.is_some_and(|d| Ym::of(d) >= due);
        Some(trading || visited)
    }

    /// The household's income rose: its business earns more than it costs.
    pub fn income_rose(&self) -> bool {
        self.net_income.is_some_and(|n| n > 0)
    }
}

/// Children are members under 18 on `on`.
pub fn is_child(birth_date: Date, on: Date) -> bool {
    let adult = Date::from_calendar_date(birth_date.year() + 18, birth_date.month(), 1)
        .ok()
        .and_then(|first| first.replace_day(birth_date.day()).ok().or_else(|| first.replace_day(28).ok()));
    adult.is_some_and(|d| on < d)
}

/// A One Village – One Product product.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProductFact {
    pub product_id: i64,
    /// Its name in Kyrgyz, Russian and English.
    pub names: [String; 3],
    pub oblast: String,
    pub rayon: String,
    pub developed_on: Date,
    /// Its first regional certificate and its first national brand.
    pub certified_on: Option<Date>,
    pub national_on: Option<Date>,
}

/// An export contract, with the equivalents it was valued at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ExportFact {
    pub contract_id: i64,
    pub producer_id: i64,
    pub reference: String,
    pub oblast: String,
    pub rayon: String,
    pub signed_on: Date,
    pub country: String,
    pub som_tyiyn: i64,
    pub usd_cents: i64,
}

/// A prison facility's records of one day or month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum FacilityFact {
    /// A headcount and the inmates working that day.
    Headcount { on: Date, inmates: i64, working: i64 },
    /// Revenue and costs of a day, in tyiyn.
    Money { on: Date, revenue: i64, costs: i64 },
    /// Trainees certified on a day.
    Trainees { on: Date, sex: Sex, count: i64 },
    /// Released inmates followed up, and those working at the latest follow-up that reached them.
    Released { on: Date, sex: Sex, followed: i64, working: i64 },
}

/// A facility and its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Facility {
    pub facility_id: i64,
    /// Names the facility in access grants.
    pub code: String,
    pub name: String,
    pub oblast: String,
    pub rayon: String,
    pub facts: Vec<FacilityFact>,
}

/// Every fact the indicators read.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Facts {
    pub contracts: Vec<ContractFact>,
    pub products: Vec<ProductFact>,
    pub exports: Vec<ExportFact>,
    pub facilities: Vec<Facility>,
}

/// The dollar equivalent of som of a month, in cents: the official rate of the month's last day.
pub type Dollars<'a> = &'a dyn Fn(Ym, i64) -> Option<i64>;

struct Place<'a> {
    oblast: &'a str,
    rayon: &'a str,
    programme: i64,
    facility: i64,
    sex: Sex,
    disability: bool,
}

impl Place<'_> {
    fn key(&self, measure: Measure, on: Ym) -> Key {
        Key {
            measure,
            month: on,
            oblast: self.oblast.to_string(),
            rayon: self.rayon.to_string(),
            programme: self.programme,
            facility: self.facility,
            sex: self.sex,
            disability: self.disability,
        }
    }
}

/// Receives a record's contribution to a cell: the cell's key, the value and its dollars.
pub type Emit<'e> = &'e mut dyn FnMut(Key, i64, Option<i64>);

/// A record behind figures: which list of `Facts` and where in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Record {
    Contract(usize),
    Product(usize),
    Export(usize),
    Facility(usize),
}

impl Facts {
    /// Every record's contributions to cells, as of `today`.
    pub fn each(&self, today: Date, usd: Dollars, emit: &mut dyn FnMut(Record, Key, i64, Option<i64>)) {
        for (n, c) in self.contracts.iter().enumerate() {
            contract_cells(c, today, usd, &mut |k, v, d| emit(Record::Contract(n), k, v, d));
        }
        for (n, p) in self.products.iter().enumerate() {
            product_cells(p, &mut |k, v, d| emit(Record::Product(n), k, v, d));
        }
        for (n, e) in self.exports.iter().enumerate() {
            let at = Place {
                oblast: &e.oblast,
                rayon: &e.rayon,
                programme: 0,
                facility: 0,
                sex: Sex::Unknown,
                disability: false,
            };
            let on = Ym::of(e.signed_on);
            emit(Record::Export(n), at.key(Measure::ExportContracts, on), 1, None);
            // A contract keeps the rates it was valued at.
            emit(Record::Export(n), at.key(Measure::ExportValue, on), e.som_tyiyn, Some(e.usd_cents));
        }
        for (n, f) in self.facilities.iter().enumerate() {
            facility_cells(f, usd, &mut |k, v, d| emit(Record::Facility(n), k, v, d));
        }
    }
}

/// The cells of every measure, as of `today`.
pub fn cells(facts: &Facts, today: Date, usd: Dollars) -> Vec<Cell> {
    let mut b = Builder::default();
    facts.each(today, usd, &mut |_, key, value, dollars| b.add(key, value, dollars));
    b.finish()
}

fn contract_cells(c: &ContractFact, today: Date, usd: Dollars, emit: Emit) {
    let sex = if c.woman { Sex::F } else { Sex::M };
    let at = Place {
        oblast: &c.oblast,
        rayon: &c.rayon,
        programme: c.programme,
        facility: 0,
        sex,
        disability: c.disability,
    };
    let mut money = |key: Key, tyiyn: i64| {
        let dollars = usd(key.month, tyiyn);
        emit(key, tyiyn, dollars);
    };
    for &(on, amount) in &c.paid {
        money(at.key(Measure::GrantsPaid, Ym::of(on)), amount);
    }
    if let Some(r) = c.refund {
        money(at.key(Measure::RefundsDue, Ym::of(r.claimed_on)), r.amount);
        if r.repaid > 0 {
            money(at.key(Measure::RefundsRecovered, Ym::of(r.repaid_on)), r.repaid);
        }
    }
    let start = Ym::of(c.starts);
    emit(at.key(Measure::Contracts, start), 1, None);
    if c.woman {
        emit(at.key(Measure::ContractsWomen, start), 1, None);
    }
    for (months, reached, operating) in
        [(6, Measure::Reached6, Measure::Operating6), (12, Measure::Reached12, Measure::Operating12)]
    {
        if let Some(op) = c.operating_at(months, today) {
            emit(at.key(reached, start.plus(months)), 1, None);
            if op {
                emit(at.key(operating, start.plus(months)), 1, None);
            }
        }
    }
    if c.income_rose() {
        emit(at.key(Measure::PeopleIncomeRose, start), c.members, None);
        emit(at.key(Measure::ChildrenIncomeRose, start), c.children, None);
    }
    if c.jobs > 0 {
        emit(at.key(Measure::Jobs, start), c.jobs, None);
    }
    if let Some(on) = c.graduated_on {
        emit(at.key(Measure::Graduated, Ym::of(on)), 1, None);
    }
}

fn product_cells(p: &ProductFact, emit: Emit) {
    let at =
        Place { oblast: &p.oblast, rayon: &p.rayon, programme: 0, facility: 0, sex: Sex::Unknown, disability: false };
    emit(at.key(Measure::ProductsDeveloped, Ym::of(p.developed_on)), 1, None);
    if let Some(on) = p.certified_on {
        emit(at.key(Measure::ProductsCertified, Ym::of(on)), 1, None);
    }
    if let Some(on) = p.national_on {
        emit(at.key(Measure::ProductsNationalBrand, Ym::of(on)), 1, None);
    }
}

fn facility_cells(f: &Facility, usd: Dollars, emit: Emit) {
    for fact in &f.facts {
        let sex = match fact {
            FacilityFact::Trainees { sex, .. } | FacilityFact::Released { sex, .. } => *sex,
            _ => Sex::Unknown,
        };
        let at =
            Place { oblast: &f.oblast, rayon: &f.rayon, programme: 0, facility: f.facility_id, sex, disability: false };
        match *fact {
            FacilityFact::Headcount { on, inmates, working } => {
                emit(at.key(Measure::Inmates, Ym::of(on)), inmates, None);
                emit(at.key(Measure::InmatesWorking, Ym::of(on)), working, None);
            }
            FacilityFact::Money { on, revenue, costs } => {
                for (measure, tyiyn) in [(Measure::EnterpriseRevenue, revenue), (Measure::EnterpriseCosts, costs)] {
                    if tyiyn != 0 {
                        let dollars = usd(Ym::of(on), tyiyn);
                        emit(at.key(measure, Ym::of(on)), tyiyn, dollars);
                    }
                }
            }
            FacilityFact::Trainees { on, count, .. } => {
                emit(at.key(Measure::TraineesCertified, Ym::of(on)), count, None)
            }
            FacilityFact::Released { on, followed, working, .. } => {
                emit(at.key(Measure::ReleasedFollowed, Ym::of(on)), followed, None);
                emit(at.key(Measure::ReleasedWorking, Ym::of(on)), working, None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::cube::{Filter, total};
    use crate::indicators::indicator;
    use crate::indicators::period::Range;
    use time::macros::date;

    fn contract(starts: Date) -> ContractFact {
        ContractFact {
            contract_id: 1,
            number: "SC-2024-KG-J-000001".into(),
            programme: 1,
            oblast: "KG-J".into(),
            rayon: "KG-J-SUZ".into(),
            status: "active".into(),
            starts,
            woman: true,
            disability: false,
            members: 5,
            children: 3,
            paid: vec![(date!(2024 - 07 - 01), 10_000_000)],
            net_income: Some(1_000),
            last_trading: None,
            last_operating_visit: None,
            jobs: 2,
            graduated_on: None,
            refund: None,
        }
    }

    #[test]
    fn a_business_counts_as_operating_at_six_months_by_a_report_of_its_sixth_month_or_a_later_visit() {
        let mut c = contract(date!(2024 - 01 - 15));
        assert_eq!(c.operating_at(6, date!(2024 - 06 - 30)), None, "not six months old yet");
        assert_eq!(c.operating_at(6, date!(2024 - 07 - 01)), Some(false));
        c.last_trading = Some(date!(2024 - 06 - 01));
        assert_eq!(c.operating_at(6, date!(2024 - 07 - 01)), Some(true));
        assert_eq!(c.operating_at(12, date!(2025 - 01 - 01)), Some(false));
        c.last_operating_visit = Some(date!(2025 - 01 - 10));
        assert_eq!(c.operating_at(12, date!(2025 - 01 - 31)), Some(true));
    }

    #[test]
    fn a_child_is_under_eighteen_on_the_day() {
        assert!(is_child(date!(2006 - 06 - 02), date!(2024 - 06 - 01)));
        assert!(!is_child(date!(2006 - 06 - 01), date!(2024 - 06 - 01)));
        assert!(is_child(date!(2008 - 02 - 29), date!(2026 - 02 - 27)));
        assert!(!is_child(date!(2008 - 02 - 29), date!(2026 - 02 - 28)));
    }

    #[test]
    fn people_count_only_in_households_whose_business_earns_more_than_it_costs() {
        let earning = contract(date!(2024 - 06 - 01));
        let losing = ContractFact { contract_id: 2, net_income: Some(-5), ..contract(date!(2024 - 06 - 01)) };
        let silent = ContractFact { contract_id: 3, net_income: None, ..contract(date!(2024 - 06 - 01)) };
        let facts = Facts { contracts: vec![earning, losing, silent], ..Default::default() };
        let cells = cells(&facts, date!(2026 - 12 - 01), &|_, t| Some(t / 89));
        let all = Filter::over(Range::all());
        let people = total(indicator("people-income-rose").unwrap(), &cells, &all, &|_| true);
        let children = total(indicator("children-income-rose").unwrap(), &cells, &all, &|_| true);
        assert_eq!((people.value, children.value), (Some(5), Some(3)));
        let families = total(indicator("families-with-contracts").unwrap(), &cells, &all, &|_| true);
        assert_eq!(families.value, Some(3));
        let grants = total(indicator("grants-disbursed").unwrap(), &cells, &all, &|_| true);
        assert_eq!((grants.value, grants.usd), (Some(30_000_000), Some(3 * (10_000_000 / 89))));
        let women = total(indicator("women-participants").unwrap(), &cells, &all, &|_| true);
        assert_eq!(women.value, Some(10_000));
    }
}
