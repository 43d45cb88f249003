//! Appeals: a family contests a decision on its application within the period the programme's
//! rules set. The appeal is registered in the grievance register, holds what it contests, and
//! is heard by members of the commission who took no part in the decision (the review engine's
//! conflict rule, extended); its outcome changes the decision through the same steps.

use time::{Date, Duration};

use super::application::Status;
use super::contract::ContractStatus;

coded! {
    /// What an appeal contests.
    Contested {
        /// The commission rejected the application.
        Rejection = "rejection",
        /// Approved, the application waits for money: its place on the list (its score).
        WaitingList = "waiting_list",
        /// The contract was ended, for a violation: the finding, and the refund claimed with it.
        Termination = "termination",
    }
}

coded! {
    /// Where an appeal is.
    AppealStatus {
        /// Registered, waiting for its hearing.
        Lodged = "lodged",
        /// The hearing found for the family: the decision changed.
        Upheld = "upheld",
        /// The hearing confirmed the decision.
        Dismissed = "dismissed",
    }
}

/// The days a family has to appeal, when the rules in force name none.
pub const DEFAULT_APPEAL_DAYS: u32 = 30;

/// What an application's decision can be contested as, on `today`, when it was taken on
/// `decided_on` and the rules give `days` to appeal: the rule broken otherwise.
pub fn contestable(status: Status, decided_on: Date, today: Date, days: u32) -> Result<Contested, &'static str> {
    let contested = match status {
        Status::Rejected => Contested::Rejection,
        Status::WaitingList => Contested::WaitingList,
        _ => return Err("appeal.not_contestable"),
    };
    if today > decided_on + Duration::days(i64::from(days)) {
        return Err("appeal.too_late");
    }
    Ok(contested)
}

/// What a contract's termination can be contested as, on `today`, when it took effect on
/// `ended_on` and the rules give `days` to appeal: only an ending for a violation is contested
/// (one by agreement was the family's own).
pub fn contestable_termination(
    status: ContractStatus,
    violation: bool,
    ended_on: Date,
    today: Date,
    days: u32,
) -> Result<Contested, &'static str> {
    if status != ContractStatus::Terminated || !violation {
        return Err("appeal.not_contestable");
    }
    if today > ended_on + Duration::days(i64::from(days)) {
        return Err("appeal.too_late");
    }
    Ok(Contested::Termination)
}

/// The status an application takes when its appeal is upheld: a rejection set aside is an
/// approval (ranked by the hearing's score); a place on the waiting list stays a place, with
/// the hearing's score; a funded family whose contract's termination is set aside stays funded
/// (what is still due of its refund claim is set aside).
pub fn upheld(contested: Contested) -> Status {
    match contested {
        Contested::Rejection => Status::Approved,
        Contested::WaitingList => Status::WaitingList,
        Contested::Termination => Status::Funded,
    }
}

/// Whether the hearing scores the business plan again: for a rejection or a place on the list
/// (its score is the place); not for a termination, judged on its facts.
pub fn rescored(contested: Contested) -> bool {
    contested != Contested::Termination
}

/// Whether a member may hear an appeal: not if she took part in the decision (reviewed the
/// application, even to declare a conflict, or recorded the decision).
pub fn may_hear(member: &str, took_part: &[String]) -> bool {
    !took_part.iter().any(|t| t == member)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_rejection_or_a_place_on_the_waiting_list_is_contested_within_its_period() {
        let decided = date!(2026 - 03 - 02);
        assert_eq!(contestable(Status::Rejected, decided, date!(2026 - 04 - 01), 30), Ok(Contested::Rejection));
        assert_eq!(contestable(Status::Rejected, decided, date!(2026 - 04 - 02), 30), Err("appeal.too_late"));
        assert_eq!(contestable(Status::WaitingList, decided, decided, 30), Ok(Contested::WaitingList));
        for s in [Status::Approved, Status::Funded, Status::UnderReview, Status::Draft] {
            assert_eq!(contestable(s, decided, decided, 30), Err("appeal.not_contestable"));
        }
    }

    #[test]
    fn an_upheld_appeal_approves_a_rejection_and_keeps_a_waiting_place() {
        assert_eq!(upheld(Contested::Rejection), Status::Approved);
        assert_eq!(upheld(Contested::WaitingList), Status::WaitingList);
        assert_eq!(upheld(Contested::Termination), Status::Funded);
        assert!(rescored(Contested::WaitingList) && !rescored(Contested::Termination));
    }

    #[test]
    fn only_a_termination_for_a_violation_is_contested_within_its_period() {
        let ended = date!(2026 - 03 - 02);
        let t = ContractStatus::Terminated;
        assert_eq!(contestable_termination(t, true, ended, date!(2026 - 04 - 01), 30), Ok(Contested::Termination));
        assert_eq!(contestable_termination(t, true, ended, date!(2026 - 04 - 02), 30), Err("appeal.too_late"));
        assert_eq!(contestable_termination(t, false, ended, ended, 30), Err("appeal.not_contestable"));
        for s in [ContractStatus::Active, ContractStatus::Completed, ContractStatus::Signed] {
            assert_eq!(contestable_termination(s, true, ended, ended, 30), Err("appeal.not_contestable"));
        }
    }

    #[test]
    fn whoever_took_part_in_the_decision_does_not_hear_its_appeal() {
        let took_part = vec!["aibek".to_string(), "bermet".to_string()];
        assert!(!may_hear("aibek", &took_part));
        assert!(may_hear("chynara", &took_part));
    }
}
