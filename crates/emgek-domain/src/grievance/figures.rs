//! The figures of the grievance register over a period: what was received (by category,
//! oblast and channel), how it was answered (the share closed by its deadline, the median days
//! to close), how often the same person came back, what appeals changed, and what the notices
//! did. Computed from the grievances' facts, never typed in.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

/// One grievance as the figures need it: no name, no words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrievanceFact {
    pub category: String,
    pub channel: String,
    pub oblast: String,
    pub received_on: Date,
    /// Its deadline, as extended.
    pub answer_by: Date,
    pub closed_on: Option<Date>,
    /// Who complained, for counting those who came back: her household, else her contact;
    /// `None` when anonymous or unknown.
    pub complainant: Option<String>,
}

/// A count for each code, largest first (then by code).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Tally {
    pub code: String,
    pub grievances: i64,
}

/// The register's figures over a period.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    /// Received in the period.
    pub received: i64,
    pub by_category: Vec<Tally>,
    pub by_oblast: Vec<Tally>,
    pub by_channel: Vec<Tally>,
    /// Closed in the period, and of those closed by their deadline (as extended).
    pub closed: i64,
    pub closed_in_time: i64,
    /// `closed_in_time` as a share of `closed`, in basis points; none when nothing closed.
    pub closed_in_time_bp: Option<u32>,
    /// The median of the calendar days from received to closed, in tenths of a day (45 = 4.5
    /// days); none when nothing closed.
    pub median_days_to_close_x10: Option<u32>,
    /// Complainants (known by household or contact) with two or more grievances received in
    /// the period.
    pub repeat_complainants: i64,
}

impl Figures {
    /// The figures of the facts of grievances received or closed in `from..=to`.
    pub fn of(facts: &[GrievanceFact], from: Date, to: Date) -> Figures {
        let within = |d: Date| from <= d && d <= to;
        let received: Vec<&GrievanceFact> = facts.iter().filter(|f| within(f.received_on)).collect();
        let tally = |key: fn(&GrievanceFact) -> &str| {
            let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
            for f in &received {
                *counts.entry(key(f)).or_default() += 1;
            }
            let mut out: Vec<Tally> =
                counts.into_iter().map(|(code, grievances)| Tally { code: code.to_string(), grievances }).collect();
            out.sort_by(|a, b| b.grievances.cmp(&a.grievances).then_with(|| a.code.cmp(&b.code)));
            out
        };
        let mut days: Vec<i64> = Vec::new();
        let mut in_time = 0;
        for f in facts {
            if let Some(closed) = f.closed_on.filter(|d| within(*d)) {
                days.push((closed - f.received_on).whole_days().max(0));
                if closed <= f.answer_by {
                    in_time += 1;
                }
            }
        }
        let closed = days.len() as i64;
        let mut complainants: BTreeMap<&str, i64> = BTreeMap::new();
        for who in received.iter().filter_map(|f| f.complainant.as_deref()) {
            *complainants.entry(who).or_default() += 1;
        }
        Figures {
            received: received.len() as i64,
            by_category: tally(|f| &f.category),
            by_oblast: tally(|f| &f.oblast),
            by_channel: tally(|f| &f.channel),
            closed,
            closed_in_time: in_time,
            closed_in_time_bp: share_bp(in_time, closed),
            median_days_to_close_x10: median_x10(&mut days),
            repeat_complainants: complainants.values().filter(|n| **n >= 2).count() as i64,
        }
    }
}

/// `part` of `whole` in basis points, rounded half up; none of nothing.
pub fn share_bp(part: i64, whole: i64) -> Option<u32> {
    if whole <= 0 {
        return None;
    }
    u32::try_from((part.clamp(0, whole) * 20_000 + whole) / (2 * whole)).ok()
}

/// The median of `values`, in tenths (the mean of the middle two when their number is even).
pub fn median_x10(values: &mut [i64]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let n = values.len();
    let tenths = if n % 2 == 1 { values[n / 2] * 10 } else { (values[n / 2 - 1] + values[n / 2]) * 5 };
    u32::try_from(tenths).ok()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;

    fn fact(
        category: &str,
        received_on: Date,
        answer_by: Date,
        closed_on: Option<Date>,
        who: Option<&str>,
    ) -> GrievanceFact {
        GrievanceFact {
            category: category.into(),
            channel: "hotline".into(),
            oblast: "KG-O".into(),
            received_on,
            answer_by,
            closed_on,
            complainant: who.map(String::from),
        }
    }

    #[test]
    fn the_figures_count_what_was_received_and_how_what_closed_was_answered() {
        let facts = [
            fact(
                "payment.late",
                date!(2026 - 03 - 02),
                date!(2026 - 03 - 09),
                Some(date!(2026 - 03 - 05)),
                Some("h:1"),
            ),
            fact(
                "payment.late",
                date!(2026 - 03 - 10),
                date!(2026 - 03 - 17),
                Some(date!(2026 - 03 - 20)),
                Some("h:1"),
            ),
            fact("data.wrong", date!(2026 - 03 - 11), date!(2026 - 03 - 25), None, None),
            // Received before the period and closed in it: counts as closed, not as received.
            fact("data.wrong", date!(2026 - 02 - 20), date!(2026 - 03 - 06), Some(date!(2026 - 03 - 04)), Some("h:1")),
        ];
        let f = Figures::of(&facts, date!(2026 - 03 - 01), date!(2026 - 03 - 31));
        assert_eq!(f.received, 3);
        assert_eq!(
            f.by_category,
            [Tally { code: "payment.late".into(), grievances: 2 }, Tally { code: "data.wrong".into(), grievances: 1 }]
        );
        assert_eq!((f.closed, f.closed_in_time, f.closed_in_time_bp), (3, 2, Some(6_667)));
        // 3, 10 and 12 days: the median is 10.
        assert_eq!(f.median_days_to_close_x10, Some(100));
        assert_eq!(f.repeat_complainants, 1, "the household that came twice in March");
    }

    #[test]
    fn nothing_closed_has_no_share_and_no_median() {
        let f = Figures::of(&[], date!(2026 - 01 - 01), date!(2026 - 12 - 31));
        assert_eq!((f.closed_in_time_bp, f.median_days_to_close_x10), (None, None));
        assert_eq!(median_x10(&mut [4, 1, 3, 2]), Some(25));
    }

    proptest! {
        #[test]
        fn a_share_lies_between_nothing_and_the_whole(part in 0i64..1_000_000, whole in 1i64..1_000_000) {
            let bp = share_bp(part, whole).unwrap();
            prop_assert!(bp <= 10_000);
            prop_assert_eq!(share_bp(whole, whole), Some(10_000));
            prop_assert_eq!(share_bp(0, whole), Some(0));
            // Within half a basis point of the exact share.
            prop_assert!((i128::from(bp) * i128::from(whole) - i128::from(part.min(whole)) * 10_000).abs() * 2 <= i128::from(whole));
        }

        #[test]
        fn the_median_lies_between_the_least_and_the_most(mut values in proptest::collection::vec(0i64..400, 1..50)) {
            let (least, most) = (*values.iter().min().unwrap(), *values.iter().max().unwrap());
            let m = i64::from(median_x10(&mut values).unwrap());
            prop_assert!(least * 10 <= m && m <= most * 10);
        }
    }
}
