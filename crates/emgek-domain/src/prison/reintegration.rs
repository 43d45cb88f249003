//! Vocational training and what comes after prison: courses and their certificates, release,
//! and the follow-up of employment 3, 6 and 12 months after it.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::field_error::FieldError;

/// How an inmate's place on a course ended, or that it goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum EnrolmentStatus {
    Enrolled,
    /// Finished with a certificate.
    Completed,
    Dropped,
}

impl EnrolmentStatus {
    pub fn code(self) -> &'static str {
        match self {
            EnrolmentStatus::Enrolled => "enrolled",
            EnrolmentStatus::Completed => "completed",
            EnrolmentStatus::Dropped => "dropped",
        }
    }
}

/// What a former inmate was doing when followed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Employed,
    SelfEmployed,
    Studying,
    Unemployed,
    /// Could not be reached.
    NotReached,
}

impl Outcome {
    pub const ALL: [Outcome; 5] =
        [Outcome::Employed, Outcome::SelfEmployed, Outcome::Studying, Outcome::Unemployed, Outcome::NotReached];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Employed => "employed",
            Outcome::SelfEmployed => "self_employed",
            Outcome::Studying => "studying",
            Outcome::Unemployed => "unemployed",
            Outcome::NotReached => "not_reached",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == code.trim())
    }

    /// Working, for wages or on one's own account.
    pub fn working(self) -> bool {
        matches!(self, Outcome::Employed | Outcome::SelfEmployed)
    }
}

/// The follow-ups after release, in months.
pub const FOLLOW_UP_MONTHS: [u32; 3] = [3, 6, 12];

/// How early a follow-up may be recorded before its day, in days.
pub const FOLLOW_UP_EARLY_DAYS: i64 = 15;

/// Checks a course: a name, 1 to 36 months, at least one place.
pub fn check_course(name: &str, months: i64, places: i64) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if name.trim().is_empty() || name.chars().count() > 200 {
        errors.push(FieldError::new("name", "text.required", name.trim()));
    }
    if !(1..=36).contains(&months) {
        errors.push(FieldError::new("months", "course.months_range", months.to_string()));
    }
    if places < 1 {
        errors.push(FieldError::new("places", "course.places_positive", places.to_string()));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// The day a follow-up is due: `months` after release (the same day of the month, or the
/// month's last day when it has none).
pub fn due_on(released: Date, months: u32) -> Date {
    let total = released.year() * 12 + i32::from(u8::from(released.month())) - 1 + i32::try_from(months).unwrap_or(0);
    let (year, month) = (total.div_euclid(12), u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1));
    let month = time::Month::try_from(month).unwrap_or(time::Month::January);
    let last = time::util::days_in_month(month, year);
    Date::from_calendar_date(year, month, released.day().min(last)).unwrap_or(released)
}

/// Checks a follow-up: one of 3, 6 or 12 months, taken no earlier than a fortnight before it
/// is due and not in the future.
pub fn check_follow_up(released: Date, months: u32, checked_on: Date, today: Date) -> Result<(), FieldError> {
    if !FOLLOW_UP_MONTHS.contains(&months) {
        return Err(FieldError::new("months_after", "follow_up.months", months.to_string()));
    }
    if checked_on > today {
        return Err(FieldError::new("checked_on", "date.future", checked_on.to_string()));
    }
    if checked_on < due_on(released, months) - Duration::days(FOLLOW_UP_EARLY_DAYS) {
        return Err(FieldError::new("checked_on", "follow_up.too_early", checked_on.to_string()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn follow_ups_fall_due_three_six_and_twelve_months_after_release() {
        assert_eq!(due_on(date!(2012 - 01 - 31), 3), date!(2012 - 04 - 30));
        assert_eq!(due_on(date!(2012 - 01 - 31), 6), date!(2012 - 07 - 31));
        assert_eq!(due_on(date!(2011 - 11 - 15), 12), date!(2012 - 11 - 15));
        assert_eq!(due_on(date!(2011 - 12 - 29), 2), date!(2012 - 02 - 29));
    }

    #[test]
    fn a_follow_up_before_it_is_due_or_in_the_future_is_refused() {
        let released = date!(2012 - 02 - 01);
        let today = date!(2013 - 06 - 01);
        assert!(check_follow_up(released, 6, date!(2012 - 07 - 20), today).is_ok(), "a fortnight early is fine");
        assert_eq!(check_follow_up(released, 6, date!(2012 - 07 - 01), today).unwrap_err().rule, "follow_up.too_early");
        assert_eq!(check_follow_up(released, 6, date!(2013 - 07 - 01), today).unwrap_err().rule, "date.future");
        assert_eq!(check_follow_up(released, 9, date!(2013 - 01 - 01), today).unwrap_err().rule, "follow_up.months");
    }

    #[test]
    fn a_course_needs_a_name_a_length_and_places() {
        let rules: Vec<&str> = check_course(" ", 0, 0).unwrap_err().iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["text.required", "course.months_range", "course.places_positive"]);
        assert_eq!(check_course("Soya milk production", 5, 15), Ok(()));
    }

    #[test]
    fn working_means_employed_or_on_ones_own_account() {
        let working: Vec<&str> = Outcome::ALL.iter().filter(|o| o.working()).map(|o| o.code()).collect();
        assert_eq!(working, ["employed", "self_employed"]);
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.code()), Some(o));
        }
    }
}
