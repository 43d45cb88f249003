//! An inmate's monthly pay: gross from the wage rate and the days worked, deductions by type in
//! the order the law ranks them, and the net credited to the inmate's personal account, never
//! below the share the rules keep for the inmate.

use serde::{Deserialize, Serialize};

use crate::field_error::FieldError;

/// Why part of a wage is withheld. The order of [`DeductionKind::ALL`] is the order in which
/// they are taken when the wage cannot cover them all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeductionKind {
    /// Child support ordered by a court.
    Alimony,
    /// Compensation to victims ordered by a court.
    VictimCompensation,
    /// Income tax.
    IncomeTax,
    /// The inmate's upkeep (food, clothing, utilities).
    Upkeep,
    /// Anything else a decision orders.
    Other,
}

impl DeductionKind {
    pub const ALL: [DeductionKind; 5] = [
        DeductionKind::Alimony,
        DeductionKind::VictimCompensation,
        DeductionKind::IncomeTax,
        DeductionKind::Upkeep,
        DeductionKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeductionKind::Alimony => "alimony",
            DeductionKind::VictimCompensation => "victim_compensation",
            DeductionKind::IncomeTax => "income_tax",
            DeductionKind::Upkeep => "upkeep",
            DeductionKind::Other => "other",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }
}

/// A standing order to withhold a share of an inmate's gross pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Deduction {
    pub kind: DeductionKind,
    /// Basis points of the gross (2500 = 25%).
    pub rate_bp: u32,
}

/// One inmate's month as the timesheet gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timesheet {
    /// The workshop's working days that month.
    pub working_days: u32,
    pub days_worked: u32,
    /// The wage for a full month, in tyiyn.
    pub monthly_wage: i64,
}

/// What a payroll run pays one inmate, in tyiyn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PayLine {
    pub gross: i64,
    pub deductions: Vec<(DeductionKind, i64)>,
    /// Credited to the inmate's personal account.
    pub net: i64,
}

/// The Monday-to-Friday days of the month that starts on `first`: the usual working days a
/// timesheet starts from.
pub fn weekdays(first: time::Date) -> u32 {
    let mut day = first;
    let mut n = 0;
    while day.month() == first.month() {
        if !matches!(day.weekday(), time::Weekday::Saturday | time::Weekday::Sunday) {
            n += 1;
        }
        match day.next_day() {
            Some(next) => day = next,
            None => break,
        }
    }
    n
}

/// Checks a timesheet line: a month has 1 to 31 working days, nobody works more of them than
/// there are, and a wage is not negative.
pub fn check_timesheet(t: &Timesheet) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if !(1..=31).contains(&t.working_days) {
        errors.push(FieldError::new("working_days", "timesheet.working_days_range", t.working_days.to_string()));
    }
    if t.days_worked > t.working_days {
        errors.push(FieldError::new("days_worked", "timesheet.days_over_month", t.days_worked.to_string()));
    }
    if t.monthly_wage < 0 {
        errors.push(FieldError::new("monthly_wage", "timesheet.wage_negative", t.monthly_wage.to_string()));
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// Checks a deduction order: at most the whole wage.
pub fn check_deduction(d: &Deduction) -> Result<(), FieldError> {
    if d.rate_bp == 0 || d.rate_bp > 10_000 {
        return Err(FieldError::new("rate", "deduction.rate_range", d.rate_bp.to_string()));
    }
    Ok(())
}

/// The pay of one month. Gross is the wage for the days worked, rounded down to the tyiyn;
/// deductions are taken in the order of [`DeductionKind::ALL`], each rounded down, each cut
/// short when taking it in full would leave the inmate less than `min_net_bp` of the gross.
pub fn pay(t: &Timesheet, deductions: &[Deduction], min_net_bp: u32) -> PayLine {
    let days = t.days_worked.min(t.working_days);
    let gross = if t.working_days == 0 {
        0
    } else {
        i64::try_from(i128::from(t.monthly_wage.max(0)) * i128::from(days) / i128::from(t.working_days))
            .unwrap_or(i64::MAX)
    };
    let share = |bp: u32, round_up: bool| {
        let scaled = i128::from(gross) * i128::from(bp.min(10_000));
        let value = if round_up { (scaled + 9_999) / 10_000 } else { scaled / 10_000 };
        i64::try_from(value).unwrap_or(gross)
    };
    let mut room = gross - share(min_net_bp, true);
    let mut ordered: Vec<&Deduction> = deductions.iter().collect();
    ordered.sort_by_key(|d| d.kind);
    let mut taken: Vec<(DeductionKind, i64)> = Vec::new();
    for d in ordered {
        let amount = share(d.rate_bp, false).min(room.max(0));
        if amount > 0 {
            room -= amount;
            match taken.iter_mut().find(|(k, _)| *k == d.kind) {
                Some((_, sum)) => *sum += amount,
                None => taken.push((d.kind, amount)),
            }
        }
    }
    let withheld: i64 = taken.iter().map(|(_, a)| a).sum();
    PayLine { gross, deductions: taken, net: gross - withheld }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const SOM: i64 = 100;

    #[test]
    fn a_full_month_of_sewing_pays_the_whole_wage() {
        let t = Timesheet { working_days: 22, days_worked: 22, monthly_wage: 2_000 * SOM };
        let line = pay(&t, &[], 2_500);
        assert_eq!((line.gross, line.net), (2_000 * SOM, 2_000 * SOM));
        assert!(line.deductions.is_empty());
    }

    #[test]
    fn half_a_month_pays_half_rounded_down_to_the_tyiyn() {
        let t = Timesheet { working_days: 21, days_worked: 10, monthly_wage: 2_000 * SOM };
        // 200,000 × 10 / 21 = 95,238.09…
        assert_eq!(pay(&t, &[], 2_500).gross, 95_238);
    }

    #[test]
    fn deductions_are_taken_in_legal_order_and_leave_the_inmate_a_quarter() {
        let t = Timesheet { working_days: 20, days_worked: 20, monthly_wage: 2_000 * SOM };
        let orders = [
            Deduction { kind: DeductionKind::Upkeep, rate_bp: 5_000 },
            Deduction { kind: DeductionKind::Alimony, rate_bp: 3_300 },
        ];
        let line = pay(&t, &orders, 2_500);
        // Alimony first (660 som), then upkeep cut from 1,000 to what leaves 500 som: 840 som.
        assert_eq!(line.deductions, vec![(DeductionKind::Alimony, 660 * SOM), (DeductionKind::Upkeep, 840 * SOM)]);
        assert_eq!(line.net, 500 * SOM);
    }

    #[test]
    fn a_timesheet_with_more_days_than_the_month_is_refused_by_field() {
        let t = Timesheet { working_days: 0, days_worked: 3, monthly_wage: -1 };
        let rules: Vec<&str> = check_timesheet(&t).unwrap_err().iter().map(|e| e.rule).collect();
        assert_eq!(rules, ["timesheet.working_days_range", "timesheet.days_over_month", "timesheet.wage_negative"]);
        assert_eq!(
            check_deduction(&Deduction { kind: DeductionKind::Other, rate_bp: 10_001 }).unwrap_err().rule,
            "deduction.rate_range"
        );
    }

    #[test]
    fn a_month_has_its_monday_to_friday_days_as_working_days() {
        use time::macros::date;
        assert_eq!(weekdays(date!(2011 - 09 - 01)), 22);
        assert_eq!(weekdays(date!(2026 - 02 - 01)), 20);
        assert_eq!(weekdays(date!(2026 - 11 - 01)), 21);
    }

    #[test]
    fn deduction_kinds_round_trip_through_their_codes() {
        for k in DeductionKind::ALL {
            assert_eq!(DeductionKind::parse(k.code()), Some(k));
        }
    }

    fn kinds() -> impl Strategy<Value = DeductionKind> {
        prop::sample::select(DeductionKind::ALL.to_vec())
    }

    proptest! {
        #[test]
        fn net_and_deductions_always_add_up_to_gross_and_net_keeps_its_share(
            working_days in 1u32..=31,
            days in 0u32..=40,
            wage in 0i64..=100_000_000,
            orders in prop::collection::vec((kinds(), 1u32..=10_000), 0..6),
            min_net_bp in 0u32..=10_000,
        ) {
            let t = Timesheet { working_days, days_worked: days, monthly_wage: wage };
            let orders: Vec<Deduction> = orders.into_iter().map(|(kind, rate_bp)| Deduction { kind, rate_bp }).collect();
            let line = pay(&t, &orders, min_net_bp);
            let withheld: i64 = line.deductions.iter().map(|(_, a)| a).sum();
            prop_assert_eq!(line.net + withheld, line.gross);
            prop_assert!(line.gross <= wage && line.gross >= 0);
            prop_assert!(line.deductions.iter().all(|(_, a)| *a > 0));
            prop_assert!(i128::from(line.net) * 10_000 >= i128::from(line.gross) * i128::from(min_net_bp));
        }
    }
}
