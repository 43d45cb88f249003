//! The precomputed figures: every measure summed by month, place, programme or facility, sex
//! and disability, in cells. Dashboards and reports read cells, never the records, so a national
//! dashboard costs a pass over a few thousand cells whatever the size of the registry.

use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use super::period::{Grain, Range, Ym};
use super::{Dimension, Formula, Indicator, Measure, Unit};

/// Who a cell counts, where a record names a person's sex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Sex {
    F,
    M,
    /// The record names no one (a payment, a product).
    Unknown,
}

impl Sex {
    /// Reads the registry's `F`/`M` and the prison records' `female`/`male`.
    pub fn parse(code: &str) -> Sex {
        match code.trim() {
            "F" | "female" => Sex::F,
            "M" | "male" => Sex::M,
            _ => Sex::Unknown,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Sex::F => "F",
            Sex::M => "M",
            Sex::Unknown => "",
        }
    }
}

/// Where and for whom a cell counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Key {
    pub measure: Measure,
    pub month: Ym,
    pub oblast: String,
    pub rayon: String,
    /// A Social Contract programme's id, or 0.
    pub programme: i64,
    /// A prison facility's id, or 0.
    pub facility: i64,
    pub sex: Sex,
    pub disability: bool,
}

/// One cell: a measure's total for its key. `usd` is the dollar equivalent of money, in cents,
/// or `None` when some month in it has no official rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Cell {
    pub key: Key,
    pub value: i64,
    pub usd: Option<i64>,
}

/// Collects facts into cells, adding facts of the same key.
#[derive(Debug, Default)]
pub struct Builder {
    cells: HashMap<Key, (i64, Option<i64>)>,
}

impl Builder {
    /// Adds `value` (and its dollar equivalent, for money) to the key's cell.
    pub fn add(&mut self, key: Key, value: i64, usd: Option<i64>) {
        let cell = self.cells.entry(key).or_insert((0, Some(0)));
        cell.0 += value;
        cell.1 = match (cell.1, usd) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
    }

    pub fn finish(self) -> Vec<Cell> {
        let mut cells: Vec<Cell> = self.cells.into_iter().map(|(key, (value, usd))| Cell { key, value, usd }).collect();
        cells.sort_by(|a, b| a.key.cmp(&b.key));
        cells
    }
}

/// Which cells a figure reads. Empty fields match every cell.
#[derive(Debug, Clone)]
pub struct Filter {
    pub range: Range,
    pub oblast: Option<String>,
    pub rayon: Option<String>,
    pub programme: Option<i64>,
    pub facility: Option<i64>,
    pub sex: Option<Sex>,
    pub disability: Option<bool>,
}

impl Filter {
    pub fn over(range: Range) -> Self {
        Filter { range, oblast: None, rayon: None, programme: None, facility: None, sex: None, disability: None }
    }

    pub fn matches(&self, k: &Key) -> bool {
        self.range.contains(k.month)
            && self.oblast.as_ref().is_none_or(|o| *o == k.oblast)
            && self.rayon.as_ref().is_none_or(|r| *r == k.rayon)
            && self.programme.is_none_or(|p| p == k.programme)
            && self.facility.is_none_or(|f| f == k.facility)
            && self.sex.is_none_or(|s| s == k.sex)
            && self.disability.is_none_or(|d| d == k.disability)
    }
}

/// What figures are broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    Total,
    Period(Grain),
    Dimension(Dimension),
}

impl By {
    fn group(self, k: &Key) -> String {
        match self {
            By::Total => String::new(),
            By::Period(g) => g.label(k.month),
            By::Dimension(d) => match d {
                Dimension::Period => Grain::Year.label(k.month),
                Dimension::Oblast => k.oblast.clone(),
                Dimension::Rayon => k.rayon.clone(),
                Dimension::Programme => k.programme.to_string(),
                Dimension::Facility => k.facility.to_string(),
                Dimension::Sex => k.sex.code().to_string(),
                Dimension::Disability => if k.disability { "yes" } else { "no" }.to_string(),
            },
        }
    }
}

/// An indicator's figure: a count, people, tyiyn (with `usd` cents) or basis points. A share
/// keeps its parts; with nothing to divide by it has no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, utoipa::ToSchema)]
pub struct Figure {
    pub value: Option<i64>,
    pub usd: Option<i64>,
    pub numerator: i64,
    pub denominator: i64,
}

/// Counts below this, of a figure chosen by disability, are not shown to readers who may not
/// see personal data: a count of 1 to 4 families with a disabled member in a small place names
/// them.
pub const SMALL_COUNT: i64 = 5;

impl Figure {
    /// The figure with a small count (1 to [`SMALL_COUNT`] − 1) of people or records, or a share
    /// of such a count or of such a whole, left out. Amounts of money keep their value.
    pub fn without_small_counts(self, indicator: &Indicator) -> Figure {
        let small = |n: i64| n > 0 && n < SMALL_COUNT;
        let hide = match indicator.unit {
            Unit::Count | Unit::People => self.value.is_some_and(small),
            Unit::Share => small(self.numerator) || small(self.denominator),
            Unit::Money => false,
        };
        if hide { Figure::default() } else { self }
    }
}

#[derive(Debug, Clone, Copy, Default)]
struct Total {
    value: i64,
    usd: Option<i64>,
    /// The month a stock measure's figure is of.
    month: Option<Ym>,
    any: bool,
}

impl Total {
    /// The dollars, nothing being none.
    fn dollars(self) -> Option<i64> {
        if self.any { self.usd } else { Some(0) }
    }

    fn add(&mut self, c: &Cell, stock: bool) {
        if stock {
            match self.month {
                Some(m) if m > c.key.month => return,
                Some(m) if m < c.key.month => *self = Total::default(),
                _ => {}
            }
            self.month = Some(c.key.month);
        }
        self.usd = match (if self.any { self.usd } else { Some(0) }, c.usd) {
            (Some(a), Some(b)) => Some(a + b),
            _ => None,
        };
        self.value += c.value;
        self.any = true;
    }
}

/// Computes `indicator` over the cells `filter` and `reach` let through, by `by`. Groups without
/// any cell are absent.
pub fn evaluate(
    indicator: &Indicator,
    cells: &[Cell],
    filter: &Filter,
    reach: &dyn Fn(&Key) -> bool,
    by: By,
) -> BTreeMap<String, Figure> {
    let measures = indicator.formula.measures();
    let mut totals: BTreeMap<(String, Measure), Total> = BTreeMap::new();
    for c in cells {
        if !measures.contains(&c.key.measure) || !filter.matches(&c.key) || !reach(&c.key) {
            continue;
        }
        totals.entry((by.group(&c.key), c.key.measure)).or_default().add(c, c.key.measure.is_stock());
    }
    let mut groups: BTreeMap<String, Figure> = BTreeMap::new();
    for (group, _) in totals.keys() {
        groups.entry(group.clone()).or_default();
    }
    for (group, figure) in &mut groups {
        let part = |m: Measure| totals.get(&(group.clone(), m)).copied().unwrap_or_default();
        *figure = match indicator.formula {
            Formula::Sum(m) => {
                let t = part(m);
                Figure { value: Some(t.value), usd: money(indicator, t.usd), numerator: t.value, denominator: 0 }
            }
            Formula::Difference(a, b) => {
                let (a, b) = (part(a), part(b));
                let usd = match (a.dollars(), b.dollars()) {
                    (Some(x), Some(y)) => Some(x - y),
                    _ => None,
                };
                Figure {
                    value: Some(a.value - b.value),
                    usd: money(indicator, usd),
                    numerator: a.value,
                    denominator: b.value,
                }
            }
            Formula::Share(a, b) => {
                let (a, b) = (part(a).value, part(b).value);
                Figure { value: share_bp(a, b), usd: None, numerator: a, denominator: b }
            }
        };
    }
    groups
}

fn money(indicator: &Indicator, usd: Option<i64>) -> Option<i64> {
    if indicator.unit == Unit::Money { usd } else { None }
}

/// `part` of `whole` in basis points, rounded half up; none of nothing.
pub fn share_bp(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 20_000 + whole) / (2 * whole))
}

/// The one figure of the whole filter.
pub fn total(indicator: &Indicator, cells: &[Cell], filter: &Filter, reach: &dyn Fn(&Key) -> bool) -> Figure {
    evaluate(indicator, cells, filter, reach, By::Total).remove("").unwrap_or_else(|| nothing(indicator))
}

/// The figure of no records: zero for a sum, none for a share (nothing to divide by).
pub fn nothing(indicator: &Indicator) -> Figure {
    match indicator.formula {
        Formula::Share(..) => Figure::default(),
        _ => Figure { value: Some(0), usd: money(indicator, Some(0)), numerator: 0, denominator: 0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_count_or_a_share_of_one_is_left_out_but_money_is_not() {
        let count = crate::indicators::indicator("families-with-contracts").unwrap();
        let four = Figure { value: Some(4), usd: None, numerator: 0, denominator: 0 };
        assert_eq!(four.without_small_counts(count), Figure::default());
        let five = Figure { value: Some(5), ..four };
        assert_eq!(five.without_small_counts(count), five);
        let none = Figure { value: Some(0), ..four };
        assert_eq!(none.without_small_counts(count), none, "nobody is named by a zero");
        let money = crate::indicators::LIBRARY.iter().find(|i| i.unit == Unit::Money).unwrap();
        let grant = Figure { value: Some(4_500_000), usd: Some(50_000), numerator: 0, denominator: 0 };
        assert_eq!(grant.without_small_counts(money), grant);
        let share = crate::indicators::LIBRARY.iter().find(|i| i.unit == Unit::Share).unwrap();
        let of_three = Figure { value: Some(3_333), usd: None, numerator: 1, denominator: 3 };
        assert_eq!(of_three.without_small_counts(share), Figure::default());
    }
    use crate::indicators::indicator;
    use proptest::prelude::*;

    fn key(measure: Measure, ym: (i32, u8), oblast: &str) -> Key {
        Key {
            measure,
            month: Ym::new(ym.0, ym.1).unwrap(),
            oblast: oblast.into(),
            rayon: format!("{oblast}-X"),
            programme: 1,
            facility: 0,
            sex: Sex::Unknown,
            disability: false,
        }
    }

    fn everywhere(_: &Key) -> bool {
        true
    }

    #[test]
    fn a_flow_sums_over_the_period_and_a_stock_takes_its_latest_day() {
        let mut b = Builder::default();
        b.add(key(Measure::Contracts, (2024, 3), "KG-J"), 2, None);
        b.add(key(Measure::Contracts, (2024, 9), "KG-J"), 3, None);
        b.add(key(Measure::Inmates, (2010, 12), "KG-C"), 9_850, None);
        b.add(key(Measure::InmatesWorking, (2010, 12), "KG-C"), 1_123, None);
        b.add(key(Measure::Inmates, (2011, 12), "KG-C"), 9_800, None);
        b.add(key(Measure::InmatesWorking, (2011, 12), "KG-C"), 1_274, None);
        let cells = b.finish();
        let all = Filter::over(Range::all());
        assert_eq!(total(indicator("families-with-contracts").unwrap(), &cells, &all, &everywhere).value, Some(5));
        let share = total(indicator("inmates-working").unwrap(), &cells, &all, &everywhere);
        assert_eq!((share.value, share.numerator, share.denominator), (Some(1_300), 1_274, 9_800));
        let by_year =
            evaluate(indicator("inmates-working").unwrap(), &cells, &all, &everywhere, By::Period(Grain::Year));
        assert_eq!(by_year["2010"].value, Some(1_140));
    }

    #[test]
    fn money_keeps_its_dollars_unless_a_month_has_no_rate() {
        let mut b = Builder::default();
        b.add(key(Measure::GrantsPaid, (2024, 7), "KG-J"), 10_000_000, Some(1_150_000));
        b.add(key(Measure::GrantsPaid, (2024, 8), "KG-O"), 10_000_000, Some(1_160_000));
        let cells = b.finish();
        let grants = indicator("grants-disbursed").unwrap();
        let f = total(grants, &cells, &Filter::over(Range::all()), &everywhere);
        assert_eq!((f.value, f.usd), (Some(20_000_000), Some(2_310_000)));
        let mut b = Builder::default();
        b.add(key(Measure::GrantsPaid, (2024, 7), "KG-J"), 10_000_000, None);
        b.add(key(Measure::GrantsPaid, (2024, 8), "KG-J"), 10_000_000, Some(1_160_000));
        assert_eq!(total(grants, &b.finish(), &Filter::over(Range::all()), &everywhere).usd, None);
    }

    #[test]
    fn a_filter_and_the_reader_s_reach_both_narrow_the_cells() {
        let mut b = Builder::default();
        b.add(key(Measure::Contracts, (2024, 3), "KG-J"), 2, None);
        b.add(key(Measure::Contracts, (2024, 3), "KG-O"), 7, None);
        let cells = b.finish();
        let ind = indicator("families-with-contracts").unwrap();
        let mut f = Filter::over(Range::year(2024));
        let by_oblast = evaluate(ind, &cells, &f, &everywhere, By::Dimension(Dimension::Oblast));
        assert_eq!(by_oblast.keys().collect::<Vec<_>>(), ["KG-J", "KG-O"]);
        f.oblast = Some("KG-O".into());
        assert_eq!(total(ind, &cells, &f, &everywhere).value, Some(7));
        let osh_only = |k: &Key| k.oblast == "KG-J";
        assert_eq!(total(ind, &cells, &f, &osh_only).value, Some(0), "nothing counted is none");
        let share = indicator("women-participants").unwrap();
        assert_eq!(
            total(share, &cells, &Filter::over(Range::year(2023)), &everywhere),
            Figure::default(),
            "no share of nothing"
        );
    }

    #[test]
    fn profit_is_revenue_less_costs_even_in_a_month_without_costs() {
        let mut b = Builder::default();
        b.add(key(Measure::EnterpriseRevenue, (2011, 9), "KG-C"), 500, Some(11));
        b.add(key(Measure::EnterpriseCosts, (2011, 10), "KG-C"), 200, Some(4));
        let cells = b.finish();
        let profit = indicator("enterprise-profit").unwrap();
        let by_month = evaluate(profit, &cells, &Filter::over(Range::all()), &everywhere, By::Period(Grain::Month));
        assert_eq!((by_month["2011-09"].value, by_month["2011-09"].usd), (Some(500), Some(11)));
        assert_eq!((by_month["2011-10"].value, by_month["2011-10"].usd), (Some(-200), Some(-4)));
        assert_eq!(total(profit, &cells, &Filter::over(Range::all()), &everywhere).value, Some(300));
    }

    proptest! {
        #[test]
        fn the_parts_by_oblast_add_up_to_the_whole(values in proptest::collection::vec((0usize..4, 1u8..13, 0i64..1_000), 1..40)) {
            let oblasts = ["KG-B", "KG-C", "KG-J", "KG-O"];
            let mut b = Builder::default();
            for (o, m, v) in &values {
                b.add(key(Measure::GrantsPaid, (2024, *m), oblasts[*o]), *v, Some(*v / 90));
            }
            let cells = b.finish();
            let ind = indicator("grants-disbursed").unwrap();
            let all = Filter::over(Range::all());
            let whole = total(ind, &cells, &all, &everywhere);
            let parts = evaluate(ind, &cells, &all, &everywhere, By::Dimension(Dimension::Oblast));
            prop_assert_eq!(whole.value, Some(parts.values().filter_map(|f| f.value).sum::<i64>()));
            prop_assert_eq!(whole.usd, Some(parts.values().filter_map(|f| f.usd).sum::<i64>()));
            let months = evaluate(ind, &cells, &all, &everywhere, By::Period(Grain::Quarter));
            prop_assert_eq!(whole.value, Some(months.values().filter_map(|f| f.value).sum::<i64>()));
        }

        #[test]
        fn a_share_lies_between_none_and_all(part in 0i64..1_000_000, extra in 0i64..1_000_000) {
            let bp = share_bp(part, part + extra);
            if part + extra == 0 { prop_assert_eq!(bp, None); } else { prop_assert!((0..=10_000).contains(&bp.unwrap())); }
        }
    }
}
