//! Monitoring a funded business: a report each month (due by the 5th of the next), field
//! visits, and which reports are overdue, through the contract and its follow-up months.

use serde::{Deserialize, Serialize};
use time::{Date, Month};

/// What a field visit found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum VisitOutcome {
    Operating,
    Struggling,
    Closed,
}

impl VisitOutcome {
    pub fn code(self) -> &'static str {
        match self {
            VisitOutcome::Operating => "operating",
            VisitOutcome::Struggling => "struggling",
            VisitOutcome::Closed => "closed",
        }
    }
}

/// The day of the month by which the previous month's report is due.
pub const REPORT_DUE_DAY: u8 = 5;

/// The first day of the month of `d`.
pub fn month_of(d: Date) -> Date {
    d.replace_day(1).expect("every month has a first day")
}

/// The first day of the month after `m`.
pub fn next_month(m: Date) -> Date {
    let (year, month) =
        if m.month() == Month::December { (m.year() + 1, Month::January) } else { (m.year(), m.month().next()) };
    Date::from_calendar_date(year, month, 1).expect("a first day")
}

/// Parses `YYYY-MM` into the first day of that month.
pub fn parse_month(text: &str) -> Option<Date> {
    crate::household::parse_date(&format!("{}-01", text.trim()))
}

/// The months, from the start's month to `last` (inclusive), whose report was due by `today`:
/// a month's report is due on the 5th of the next month.
pub fn months_due(start: Date, last: Date, today: Date) -> Vec<Date> {
    let mut months = Vec::new();
    let mut m = month_of(start);
    let last = month_of(last);
    while m <= last {
        let due = next_month(m).replace_day(REPORT_DUE_DAY).expect("the 5th exists");
        if today > due {
            months.push(m);
        }
        m = next_month(m);
    }
    months
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_report_is_overdue_after_the_fifth_of_the_next_month() {
        let due = months_due(date!(2024 - 04 - 15), date!(2025 - 03 - 31), date!(2024 - 07 - 05));
        assert_eq!(due, [date!(2024 - 04 - 01), date!(2024 - 05 - 01)], "June's report is due on 5 July, not late yet");
        let due = months_due(date!(2024 - 04 - 15), date!(2025 - 03 - 31), date!(2024 - 07 - 06));
        assert_eq!(due.len(), 3);
    }

    #[test]
    fn no_month_is_due_past_the_last_month_followed() {
        let due = months_due(date!(2024 - 11 - 01), date!(2025 - 01 - 31), date!(2026 - 01 - 01));
        assert_eq!(due, [date!(2024 - 11 - 01), date!(2024 - 12 - 01), date!(2025 - 01 - 01)]);
    }

    #[test]
    fn months_parse_and_roll_over_the_year() {
        assert_eq!(parse_month("2024-12"), Some(date!(2024 - 12 - 01)));
        assert_eq!(next_month(date!(2024 - 12 - 01)), date!(2025 - 01 - 01));
        assert_eq!(parse_month("2024-13"), None);
    }
}
