//! Working days on the Kyrgyz calendar, for deadlines counted in working days.
//!
//! Saturdays and Sundays are days off; the public holidays, the days off the Cabinet moves by
//! decree and the weekend days it makes working days are *data*, a year at a time, loaded like
//! the official exchange rates (the Ministry of Labour publishes each year's calendar; Orozo Ait
//! and Kurman Ait move with the lunar calendar). A year that was never loaded counts its
//! weekdays as working days, and [`Calendar::knows`] tells the pages to say so.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use time::{Date, Weekday};

use crate::FieldError;

coded!(
    /// What a day named by the calendar is.
    DayKind {
        /// A public holiday (1 January, Nooruz, Orozo Ait…).
        Holiday = "holiday",
        /// A working day made a day off by decree (a bridge between a holiday and a weekend).
        DayOff = "day_off",
        /// A Saturday or Sunday made a working day by decree.
        WorkingDay = "working_day",
    }
);

/// One day of a year's calendar as published: its day, what it is and its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDay {
    pub day: Date,
    pub kind: DayKind,
    /// What the day is, as the decree names it ("Нооруз"); at most 120 characters.
    pub name: String,
}

impl CalendarDay {
    /// A day of a calendar file as typed: its day, its kind and its name, checked.
    pub fn parse(day: &str, kind: &str, name: &str) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let d = crate::household::parse_date(day);
        if d.is_none() {
            errors.push(FieldError::new("day", "date.invalid", day.trim()));
        }
        let k = DayKind::parse(&kind.trim().to_lowercase());
        if k.is_none() {
            errors.push(FieldError::new("kind", "calendar.kind_unknown", kind.trim()));
        }
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            errors.push(FieldError::new("name", "calendar.name", name.chars().take(120).collect::<String>()));
        }
        if let (Some(day), Some(kind)) = (d, k) {
            let weekend = matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday);
            if kind == DayKind::WorkingDay && !weekend {
                errors.push(FieldError::new("kind", "calendar.working_day_on_weekday", day.to_string()));
            }
            if errors.is_empty() {
                return Ok(Self { day, kind, name: name.to_string() });
            }
        }
        Err(errors)
    }
}

/// The calendars loaded: which days are not the weekdays' usual.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    named: BTreeMap<Date, DayKind>,
    years: BTreeSet<i32>,
}

impl Calendar {
    pub fn new<'a>(days: impl IntoIterator<Item = &'a CalendarDay>) -> Self {
        let mut calendar = Self::default();
        for d in days {
            calendar.named.insert(d.day, d.kind);
            calendar.years.insert(d.day.year());
        }
        calendar
    }

    /// Whether a calendar was loaded for `year`: without one, only weekends are days off.
    pub fn knows(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    pub fn is_working(&self, day: Date) -> bool {
        match self.named.get(&day) {
            Some(DayKind::Holiday | DayKind::DayOff) => false,
            Some(DayKind::WorkingDay) => true,
            None => !matches!(day.weekday(), Weekday::Saturday | Weekday::Sunday),
        }
    }

    /// The `n`-th working day after `from` (`from` itself not counted): a grievance received
    /// on a Friday with one working day to acknowledge it is acknowledged by Monday, or by
    /// Tuesday when Monday is a holiday. `n = 0` is `from`. Ends: every stretch of days off
    /// is named by the calendar, and past its last day every weekday works.
    pub fn add_working_days(&self, from: Date, n: u32) -> Date {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.next_day().unwrap_or(Date::MAX);
            if day == Date::MAX {
                return day;
            }
            if self.is_working(day) {
                left -= 1;
            }
        }
        day
    }

    /// The working days after `from` up to and including `to`: 0 when `to` is not after
    /// `from`.
    pub fn working_days_between(&self, from: Date, to: Date) -> i64 {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = day.next_day().unwrap_or(Date::MAX);
            if self.is_working(day) {
                count += 1;
            }
        }
        count
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn day(d: Date, kind: DayKind) -> CalendarDay {
        CalendarDay { day: d, kind, name: "—".into() }
    }

    /// Part of 2026 as DOMAIN-like data: Nooruz and Orozo Ait, 20–21 March (a Friday and a
    /// Saturday), and a made-up working Saturday.
    fn spring_2026() -> Calendar {
        Calendar::new(&[
            day(date!(2026 - 03 - 20), DayKind::Holiday),
            day(date!(2026 - 03 - 21), DayKind::Holiday),
            day(date!(2026 - 03 - 23), DayKind::DayOff),
            day(date!(2026 - 03 - 28), DayKind::WorkingDay),
        ])
    }

    #[test]
    fn a_day_received_before_a_long_weekend_is_acknowledged_after_it() {
        let c = spring_2026();
        // Thursday 19 March: Friday a holiday, the weekend, Monday a day off: Tuesday.
        assert_eq!(c.add_working_days(date!(2026 - 03 - 19), 1), date!(2026 - 03 - 24));
        // Friday 27 March: the Saturday after works by decree.
        assert_eq!(c.add_working_days(date!(2026 - 03 - 27), 1), date!(2026 - 03 - 28));
        assert_eq!(c.add_working_days(date!(2026 - 03 - 27), 0), date!(2026 - 03 - 27));
        assert!(c.knows(2026) && !c.knows(2027));
    }

    #[test]
    fn fourteen_working_days_from_a_monday_end_on_the_third_friday() {
        let c = Calendar::default();
        assert_eq!(c.add_working_days(date!(2026 - 06 - 01), 14), date!(2026 - 06 - 19));
        assert_eq!(c.working_days_between(date!(2026 - 06 - 01), date!(2026 - 06 - 19)), 14);
        assert_eq!(c.working_days_between(date!(2026 - 06 - 19), date!(2026 - 06 - 01)), 0);
    }

    #[test]
    fn a_calendar_file_row_names_each_field_it_can_not_take() {
        let ok = CalendarDay::parse("21.03.2026", "Holiday", " Нооруз ").unwrap();
        assert_eq!((ok.day, ok.kind, ok.name.as_str()), (date!(2026 - 03 - 21), DayKind::Holiday, "Нооруз"));
        let bad = CalendarDay::parse("2026-02-30", "feast", "").unwrap_err();
        let rules: Vec<_> = bad.iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["date.invalid", "calendar.kind_unknown", "calendar.name"]);
        let weekday = CalendarDay::parse("2026-03-24", "working_day", "Перенос").unwrap_err();
        assert_eq!(weekday[0].rule, "calendar.working_day_on_weekday");
    }

    proptest! {
        #[test]
        fn adding_working_days_lands_on_a_working_day_that_many_working_days_later(
            start in 0i32..3_000, n in 1u32..60, offs in proptest::collection::vec(0i32..3_100, 0..40)
        ) {
            let base = date!(2024 - 01 - 01);
            let at = |k: i32| base + time::Duration::days(k as i64);
            let days: Vec<_> = offs.iter().map(|k| day(at(*k), DayKind::Holiday)).collect();
            let c = Calendar::new(&days);
            let from = at(start);
            let due = c.add_working_days(from, n);
            prop_assert!(c.is_working(due));
            prop_assert_eq!(c.working_days_between(from, due), n as i64);
            prop_assert!(c.add_working_days(from, n + 1) > due);
        }
    }
}
