//! The life of an application: each change of status is a method that returns the new status or
//! says why it cannot happen. An approval of an application nobody reviewed cannot be written.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    Submitted,
    /// Sent back to the family for revision, with reasons.
    Returned,
    UnderReview,
    Approved,
    Rejected,
    /// Approved and within budget and quota: a contract follows.
    Funded,
    /// Approved but beyond budget or quota: waits for money to free up.
    WaitingList,
    Withdrawn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    Submit,
    Withdraw,
    ReturnForRevision,
    StartReview,
    Approve,
    Reject,
    Fund,
    PutOnWaitingList,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("an application that is {from:?} cannot be {event:?}")]
pub struct TransitionError {
    pub from: Status,
    pub event: Event,
}

impl TransitionError {
    pub fn rule(&self) -> &'static str {
        "application.transition"
    }
}

impl Status {
    pub const ALL: [Status; 9] = [
        Status::Draft,
        Status::Submitted,
        Status::Returned,
        Status::UnderReview,
        Status::Approved,
        Status::Rejected,
        Status::Funded,
        Status::WaitingList,
        Status::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::UnderReview => "under_review",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Funded => "funded",
            Status::WaitingList => "waiting_list",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Whether the application still counts as the household's open one for the call.
    pub fn is_open(self) -> bool {
        !matches!(self, Status::Rejected | Status::Withdrawn)
    }

    /// The status after `event`, or why it cannot happen.
    pub fn after(self, event: Event) -> Result<Status, TransitionError> {
        use Event::*;
        use Status::*;
        let next = match (self, event) {
            (Draft | Returned, Submit) => Submitted,
            (Draft | Submitted | Returned | UnderReview, Withdraw) => Withdrawn,
            (Submitted | UnderReview, ReturnForRevision) => Returned,
            (Submitted, StartReview) => UnderReview,
            (UnderReview, Approve) => Approved,
            (UnderReview, Reject) => Rejected,
            (Approved | WaitingList, Fund) => Funded,
            (Approved, PutOnWaitingList) => WaitingList,
            (from, event) => return Err(TransitionError { from, event }),
        };
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn the_usual_road_leads_from_draft_to_funded() {
        let mut s = Status::Draft;
        for e in [Event::Submit, Event::StartReview, Event::Approve, Event::PutOnWaitingList, Event::Fund] {
            s = s.after(e).unwrap();
        }
        assert_eq!(s, Status::Funded);
    }

    #[test]
    fn an_approval_without_review_is_refused() {
        assert_eq!(
            Status::Submitted.after(Event::Approve),
            Err(TransitionError { from: Status::Submitted, event: Event::Approve })
        );
        assert!(Status::Draft.after(Event::Fund).is_err());
    }

    fn events() -> impl Strategy<Value = Vec<Event>> {
        prop::collection::vec(
            prop::sample::select(vec![
                Event::Submit,
                Event::Withdraw,
                Event::ReturnForRevision,
                Event::StartReview,
                Event::Approve,
                Event::Reject,
                Event::Fund,
                Event::PutOnWaitingList,
            ]),
            0..30,
        )
    }

    proptest! {
        #[test]
        fn nothing_is_approved_or_funded_without_passing_review(events in events()) {
            let mut s = Status::Draft;
            let mut reviewed = false;
            for e in events {
                if let Ok(next) = s.after(e) {
                    if s == Status::UnderReview && next == Status::Approved {
                        reviewed = true;
                    }
                    if matches!(next, Status::Approved | Status::Funded | Status::WaitingList) {
                        prop_assert!(reviewed, "{:?} reached without an approval after review", next);
                    }
                    s = next;
                }
            }
        }

        #[test]
        fn rejected_withdrawn_and_funded_applications_never_change_again(events in events()) {
            for end in [Status::Rejected, Status::Withdrawn, Status::Funded] {
                for e in &events {
                    prop_assert!(end.after(*e).is_err());
                }
            }
        }
    }

    #[test]
    fn codes_read_back() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
    }
}
