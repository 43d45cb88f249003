//! Months, quarters and years: the periods figures are kept and reported by.

use std::fmt;

use serde::Serialize;
use time::{Date, Month};

/// A calendar month, kept as months since year 0 so that it orders and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Ym(i32);

impl Ym {
    pub fn new(year: i32, month: u8) -> Option<Self> {
        (1..=12).contains(&month).then(|| Ym(year * 12 + i32::from(month) - 1))
    }

    pub fn of(d: Date) -> Self {
        Ym(d.year() * 12 + i32::from(u8::from(d.month())) - 1)
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        u8::try_from(self.0.rem_euclid(12) + 1).unwrap_or(1)
    }

    /// 1 to 4.
    pub fn quarter(self) -> u8 {
        (self.month() - 1) / 3 + 1
    }

    pub fn plus(self, months: i32) -> Self {
        Ym(self.0 + months)
    }

    pub fn first_day(self) -> Date {
        let month = Month::try_from(self.month()).unwrap_or(Month::January);
        Date::from_calendar_date(self.year(), month, 1).unwrap_or(Date::MIN)
    }

    pub fn last_day(self) -> Date {
        self.plus(1).first_day().previous_day().unwrap_or(Date::MIN)
    }

    /// `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Self> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        Ym::new(y.parse().ok()?, m.parse().ok()?)
    }
}

impl fmt::Display for Ym {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// How finely a series is cut.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    Year,
    Quarter,
    Month,
}

impl Grain {
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "year" => Some(Grain::Year),
            "quarter" => Some(Grain::Quarter),
            "month" => Some(Grain::Month),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Grain::Year => "year",
            Grain::Quarter => "quarter",
            Grain::Month => "month",
        }
    }

    /// The period a month falls in: `2024`, `2024-Q3` or `2024-07`. The labels sort in time.
    pub fn label(self, m: Ym) -> String {
        match self {
            Grain::Year => format!("{:04}", m.year()),
            Grain::Quarter => format!("{:04}-Q{}", m.year(), m.quarter()),
            Grain::Month => m.to_string(),
        }
    }
}

/// The months from `from` to `to`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Range {
    pub from: Ym,
    pub to: Ym,
}

impl Range {
    pub fn new(from: Ym, to: Ym) -> Option<Self> {
        (from <= to).then_some(Range { from, to })
    }

    pub fn year(year: i32) -> Self {
        Range { from: Ym(year * 12), to: Ym(year * 12 + 11) }
    }

    pub fn quarter(year: i32, quarter: u8) -> Option<Self> {
        let first = Ym::new(year, quarter.checked_sub(1)? * 3 + 1)?;
        (quarter <= 4).then_some(Range { from: first, to: first.plus(2) })
    }

    /// Every month there is to report on.
    pub fn all() -> Self {
        Range { from: Ym(1900 * 12), to: Ym(2200 * 12) }
    }

    pub fn contains(self, m: Ym) -> bool {
        self.from <= m && m <= self.to
    }

    pub fn months(self) -> i32 {
        self.to.0 - self.from.0 + 1
    }

    /// The same length of time just before.
    pub fn previous(self) -> Self {
        let n = self.months();
        Range { from: self.from.plus(-n), to: self.to.plus(-n) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_month_knows_its_year_quarter_and_days() {
        let m = Ym::of(date!(2024 - 08 - 17));
        assert_eq!((m.year(), m.month(), m.quarter()), (2024, 8, 3));
        assert_eq!(m.to_string(), "2024-08");
        assert_eq!(m.last_day(), date!(2024 - 08 - 31));
        assert_eq!(Ym::parse("2024-02").map(Ym::last_day), Some(date!(2024 - 02 - 29)));
        assert_eq!(m.plus(5).to_string(), "2025-01");
        assert_eq!(Ym::parse("2024-13"), None);
        assert_eq!(Ym::parse("24-01"), None);
    }

    #[test]
    fn period_labels_sort_in_time() {
        let labels: Vec<String> = [date!(2023 - 12 - 01), date!(2024 - 01 - 01), date!(2024 - 10 - 01)]
            .map(|d| Grain::Quarter.label(Ym::of(d)))
            .into();
        assert_eq!(labels, ["2023-Q4", "2024-Q1", "2024-Q4"]);
        let mut sorted = labels.clone();
        sorted.sort();
        assert_eq!(sorted, labels);
    }

    #[test]
    fn a_quarter_is_three_months_and_the_one_before_it_is_the_previous_quarter() {
        let q3 = Range::quarter(2024, 3).unwrap();
        assert_eq!((q3.from.to_string(), q3.to.to_string()), ("2024-07".into(), "2024-09".into()));
        assert_eq!(q3.previous(), Range::quarter(2024, 2).unwrap());
        assert_eq!(Range::quarter(2024, 1).unwrap().previous(), Range::quarter(2023, 4).unwrap());
        assert_eq!(Range::quarter(2024, 5), None);
        assert_eq!(Range::quarter(2024, 0), None);
        assert!(Range::year(2024).contains(Ym::new(2024, 12).unwrap()));
        assert!(!Range::year(2024).contains(Ym::new(2025, 1).unwrap()));
    }
}
