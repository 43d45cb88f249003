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
    pub fn parse(code: &str) -> Option<Self> {
        match code.trim() {
            "operating" => Some(VisitOutcome::Operating),
            "struggling" => Some(VisitOutcome::Struggling),
            "closed" => Some(VisitOutcome::Closed),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            VisitOutcome::Operating => "operating",
            VisitOutcome::Struggling => "struggling",
            VisitOutcome::Closed => "closed",
        }
    }
}

/// The largest receipt file accepted: a phone photo or a scanned page.
pub const RECEIPT_MAX_BYTES: usize = 8 * 1024 * 1024;

/// What a receipt file is, read from its first bytes (never from the name or the sender's
/// claim): a JPEG or PNG photo, or a PDF scan. Anything else is refused.
pub fn receipt_type(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// A receipt's name as shown: the last part of what was uploaded, without control characters
/// or quotes, at most 100 characters; `receipt` when nothing is left.
pub fn receipt_name(uploaded: &str) -> String {
    let last = uploaded.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control() && *c != '"').take(100).collect();
    let clean = clean.trim().to_string();
    if clean.is_empty() { "receipt".into() } else { clean }
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

    #[test]
    fn a_receipt_is_known_by_its_bytes_not_its_name() {
        assert_eq!(receipt_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(receipt_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(receipt_type(b"%PDF-1.7"), Some("application/pdf"));
        assert_eq!(receipt_type(b"<html><script>"), None, "a page posing as a photo is refused");
        assert_eq!(receipt_name("C:\\Users\\aigul\\чек \"1\".jpg"), "чек 1.jpg");
        assert_eq!(receipt_name("../../etc/passwd"), "passwd");
        assert_eq!(receipt_name(""), "receipt");
    }
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
