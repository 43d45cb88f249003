//! One grievance: its number, how it came, where it stands, its deadlines and the steps that
//! move it.

use std::fmt;

use serde::Serialize;
use time::Date;

use super::calendar::Calendar;
use super::rules::{Category, GrievanceRules, Team};

coded!(
    /// How a grievance reached the programme.
    Channel {
        /// Told or brought to the rayon's office.
        Office = "office",
        Hotline = "hotline",
        Letter = "letter",
        Sms = "sms",
        /// The public page, without signing in.
        Web = "web",
        /// A file of grievances taken elsewhere.
        Import = "import",
        /// Another system, through the API.
        Api = "api",
    }
);

coded!(
    /// Where a grievance stands.
    Status {
        /// Registered; the complainant not yet told.
        Received = "received",
        /// The complainant told that it is registered, with its number and deadline.
        Acknowledged = "acknowledged",
        /// Answered with a decision and its reason.
        Closed = "closed",
    }
);

coded!(
    /// How a grievance was closed.
    Decision {
        Upheld = "upheld",
        PartlyUpheld = "partly_upheld",
        Rejected = "rejected",
        Withdrawn = "withdrawn",
        /// Sent to another body, which answers it.
        Referred = "referred",
    }
);

coded!(
    /// Who answers a grievance now: it starts at its category's team and goes up a level each
    /// time its deadline is missed.
    Level {
        Rayon = "rayon",
        Oblast = "oblast",
        Ministry = "ministry",
    }
);

impl Level {
    /// Where a category's grievances start: the integrity officers are the ministry's.
    pub fn of(team: Team) -> Level {
        match team {
            Team::Rayon => Level::Rayon,
            Team::Oblast => Level::Oblast,
            Team::Ministry | Team::Integrity => Level::Ministry,
        }
    }

    /// The level above, if any.
    pub fn above(self) -> Option<Level> {
        match self {
            Level::Rayon => Some(Level::Oblast),
            Level::Oblast => Some(Level::Ministry),
            Level::Ministry => None,
        }
    }
}

coded!(
    /// How a grievance stands against its deadline.
    Standing {
        OnTime = "on_time",
        /// Within the rules' last working days before its deadline.
        AtRisk = "at_risk",
        /// Past its deadline, unanswered.
        Overdue = "overdue",
    }
);

/// A grievance's number: gap-free within its year, `GR-2026-000001`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GrievanceNumber {
    pub year: i32,
    pub seq: u32,
}

impl GrievanceNumber {
    pub const MAX_SEQ: u32 = 999_999;

    /// `GR-2026-000001`, in any case, with spaces around it as people type it.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim().to_ascii_uppercase();
        let rest = text.strip_prefix("GR-")?;
        let (year, seq) = rest.split_once('-')?;
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(year, 4) || !digits(seq, 6) {
            return None;
        }
        let seq: u32 = seq.parse().ok()?;
        (seq >= 1).then_some(Self { year: year.parse().ok()?, seq })
    }
}

impl fmt::Display for GrievanceNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GR-{:04}-{:06}", self.year, self.seq)
    }
}

impl Serialize for GrievanceNumber {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// When a grievance must be acknowledged and answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Deadlines {
    pub acknowledge_by: Date,
    pub answer_by: Date,
}

impl Deadlines {
    /// A grievance's deadlines from the day it was received, under the rules in force that day.
    pub fn of(calendar: &Calendar, received_on: Date, rules: &GrievanceRules, category: &Category) -> Self {
        Self {
            acknowledge_by: calendar.add_working_days(received_on, rules.acknowledge_days),
            answer_by: calendar.add_working_days(received_on, category.deadline_days),
        }
    }
}

/// How an open grievance answerable by `answer_by` stands on `today`.
pub fn standing(calendar: &Calendar, today: Date, answer_by: Date, at_risk_days: u32) -> Standing {
    if today > answer_by {
        Standing::Overdue
    } else if calendar.working_days_between(today, answer_by) <= i64::from(at_risk_days) {
        Standing::AtRisk
    } else {
        Standing::OnTime
    }
}

/// What can be done to a grievance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// The complainant told of its number and deadline.
    Acknowledge,
    /// A supervisor gives it more time, once.
    Extend,
    /// Its deadline missed: the level above answers it.
    Escalate,
    Close(Decision),
    /// The complainant says whether the answer satisfies her, once, after it is closed.
    Feedback,
}

/// What the steps change of a grievance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    pub status: Status,
    pub level: Level,
    pub extended: bool,
    pub decision: Option<Decision>,
    pub feedback_given: bool,
}

impl State {
    /// A grievance just registered, at its category's level.
    pub fn received(team: Team) -> Self {
        Self {
            status: Status::Received,
            level: Level::of(team),
            extended: false,
            decision: None,
            feedback_given: false,
        }
    }

    /// The state after `step`, or the rule it breaks.
    pub fn after(self, step: Step) -> Result<State, &'static str> {
        let open = self.status != Status::Closed;
        match step {
            Step::Acknowledge if self.status == Status::Received => Ok(State { status: Status::Acknowledged, ..self }),
            Step::Acknowledge if open => Err("grievance.acknowledged_already"),
            Step::Extend if open && self.extended => Err("grievance.extended_once"),
            Step::Extend if open => Ok(State { extended: true, ..self }),
            Step::Escalate if open => {
                self.level.above().map(|level| State { level, ..self }).ok_or("grievance.top_level")
            }
            Step::Close(decision) if open => Ok(State { status: Status::Closed, decision: Some(decision), ..self }),
            Step::Feedback if !open && self.feedback_given => Err("grievance.feedback_given"),
            Step::Feedback if !open => Ok(State { feedback_given: true, ..self }),
            Step::Feedback => Err("grievance.not_closed"),
            _ => Err("grievance.closed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use time::macros::date;

    use super::*;
    use crate::grievance::calendar::{CalendarDay, DayKind};

    #[test]
    fn a_number_reads_back_as_written_and_nothing_else_is_one() {
        let n = GrievanceNumber::parse(" gr-2026-000042 ").unwrap();
        assert_eq!((n.year, n.seq, n.to_string()), (2026, 42, "GR-2026-000042".to_string()));
        for bad in
            ["GR-2026-42", "GR-26-000042", "GR-2026-000000", "XX-2026-000042", "GR-2026-0000421", "GR-2026-00004a"]
        {
            assert!(GrievanceNumber::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn a_late_payment_received_before_orozo_ait_is_due_five_working_days_later() {
        let orozo_ait =
            CalendarDay { day: date!(2026 - 03 - 20), kind: DayKind::Holiday, name: "Орозо айт".into() };
        let calendar = Calendar::new(&[orozo_ait]);
        let rules = GrievanceRules::standard();
        let late = rules.category("payment.late").unwrap();
        let due = Deadlines::of(&calendar, date!(2026 - 03 - 19), &rules, late);
        assert_eq!(due.acknowledge_by, date!(2026 - 03 - 23));
        assert_eq!(due.answer_by, date!(2026 - 03 - 27));
        assert_eq!(standing(&calendar, date!(2026 - 03 - 19), due.answer_by, 3), Standing::OnTime);
        assert_eq!(standing(&calendar, date!(2026 - 03 - 24), due.answer_by, 3), Standing::AtRisk);
        assert_eq!(standing(&calendar, date!(2026 - 03 - 27), due.answer_by, 3), Standing::AtRisk);
        assert_eq!(standing(&calendar, date!(2026 - 03 - 28), due.answer_by, 3), Standing::Overdue);
    }

    #[test]
    fn a_closed_grievance_takes_only_the_complainants_word_once() {
        let s = State::received(Team::Rayon).after(Step::Close(Decision::Upheld)).unwrap();
        assert_eq!(s.after(Step::Extend), Err("grievance.closed"));
        assert_eq!(s.after(Step::Escalate), Err("grievance.closed"));
        let told = s.after(Step::Feedback).unwrap();
        assert_eq!(told.after(Step::Feedback), Err("grievance.feedback_given"));
        assert_eq!(State::received(Team::Rayon).after(Step::Feedback), Err("grievance.not_closed"));
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            Just(Step::Acknowledge),
            Just(Step::Extend),
            Just(Step::Escalate),
            (0..Decision::ALL.len()).prop_map(|i| Step::Close(Decision::ALL[i])),
            Just(Step::Feedback),
        ]
    }

    proptest! {
        #[test]
        fn whatever_the_steps_a_grievance_goes_up_never_down_is_extended_once_and_stays_closed(
            team in 0usize..4, steps in proptest::collection::vec(step(), 0..30)
        ) {
            let team = [Team::Rayon, Team::Oblast, Team::Ministry, Team::Integrity][team];
            let mut s = State::received(team);
            let mut extensions = 0;
            for step in steps {
                let before = s;
                if let Ok(next) = s.after(step) {
                    prop_assert!(next.level >= before.level);
                    prop_assert!(before.status != Status::Closed || next.status == Status::Closed);
                    prop_assert!(before.status != Status::Closed || next.decision == before.decision);
                    if step == Step::Extend { extensions += 1; }
                    s = next;
                }
                prop_assert!(extensions <= 1);
                prop_assert_eq!(s.decision.is_some(), s.status == Status::Closed);
            }
        }
    }
}
