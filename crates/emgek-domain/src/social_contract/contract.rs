//! A social contract: numbered, with a term, from draft to completion or termination. Every
//! change is a checked method; a valid reason (illness, fire, a death in the family) extends the
//! term, by at most half of it, instead of ending the contract.

use serde::{Deserialize, Serialize};
use time::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractStatus {
    Draft,
    Signed,
    Active,
    Completed,
    Terminated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContractError {
    #[error("a {0:?} contract cannot be {1}")]
    Transition(ContractStatus, &'static str),
    #[error("the term may grow by at most half its length")]
    ExtensionTooLong,
    #[error("the contract cannot end before its term")]
    TooEarly,
}

impl ContractError {
    pub fn rule(self) -> &'static str {
        match self {
            ContractError::Transition(..) => "contract.transition",
            ContractError::ExtensionTooLong => "contract.extension_too_long",
            ContractError::TooEarly => "contract.too_early",
        }
    }
}

/// Why a contract ended before its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Termination {
    /// A violation without valid reason: a refund claim follows.
    Violation,
    /// The family gave the grant up by agreement.
    Agreement,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// e.g. `SC-2024-KG-O-000123`.
    pub number: String,
    pub status: ContractStatus,
    pub term_months: u32,
    /// Months added for valid reasons.
    pub extended_months: u32,
    pub starts: Option<Date>,
}

/// The contract number: programme code, year, oblast and a sequence within them.
pub fn contract_number(year: i32, oblast: &str, sequence: u32) -> String {
    format!("SC-{year}-{oblast}-{sequence:06}")
}

impl Contract {
    pub fn draft(number: String, term_months: u32) -> Self {
        Self { number, status: ContractStatus::Draft, term_months, extended_months: 0, starts: None }
    }

    fn expect(&self, status: ContractStatus, doing: &'static str) -> Result<(), ContractError> {
        if self.status == status { Ok(()) } else { Err(ContractError::Transition(self.status, doing)) }
    }

    pub fn sign(mut self) -> Result<Self, ContractError> {
        self.expect(ContractStatus::Draft, "signed")?;
        self.status = ContractStatus::Signed;
        Ok(self)
    }

    /// The first tranche is paid: the term starts.
    pub fn activate(mut self, on: Date) -> Result<Self, ContractError> {
        self.expect(ContractStatus::Signed, "activated")?;
        self.status = ContractStatus::Active;
        self.starts = Some(on);
        Ok(self)
    }

    /// The last day of the term, extensions included.
    pub fn ends(&self) -> Option<Date> {
        let start = self.starts?;
        let months = i32::try_from(self.term_months.checked_add(self.extended_months)?).ok()?;
        let total = i32::from(u8::from(start.month())) - 1 + months;
        let year = start.year() + total.div_euclid(12);
        let month = time::Month::try_from(u8::try_from(total.rem_euclid(12) + 1).ok()?).ok()?;
        let day = start.day().min(time::util::days_in_month(month, year));
        Date::from_calendar_date(year, month, day).ok()
    }

    /// A valid reason extends the term; in all, by at most half the original term.
    pub fn extend(mut self, months: u32) -> Result<Self, ContractError> {
        self.expect(ContractStatus::Active, "extended")?;
        // Checked: a month count from outside may be anything a u32 holds.
        let extended = self
            .extended_months
            .checked_add(months)
            .filter(|total| total.checked_mul(2).is_some_and(|twice| twice <= self.term_months))
            .ok_or(ContractError::ExtensionTooLong)?;
        self.extended_months = extended;
        Ok(self)
    }

    /// The term ran out with the obligations met.
    pub fn complete(mut self, on: Date) -> Result<Self, ContractError> {
        self.expect(ContractStatus::Active, "completed")?;
        if self.ends().is_some_and(|end| on < end) {
            return Err(ContractError::TooEarly);
        }
        self.status = ContractStatus::Completed;
        Ok(self)
    }

    pub fn terminate(mut self, _why: Termination) -> Result<Self, ContractError> {
        if !matches!(self.status, ContractStatus::Signed | ContractStatus::Active) {
            return Err(ContractError::Transition(self.status, "terminated"));
        }
        self.status = ContractStatus::Terminated;
        Ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn active() -> Contract {
        Contract::draft(contract_number(2024, "KG-O", 123), 12).sign().unwrap().activate(date!(2024 - 03 - 31)).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn no_extension_however_large_grows_the_term_by_more_than_half(a in 0u32..=u32::MAX, b in 0u32..=u32::MAX) {
            let once = active().extend(a);
            let twice = once.clone().and_then(|c| c.extend(b));
            for c in [once, twice].into_iter().flatten() {
                proptest::prop_assert!(c.extended_months * 2 <= c.term_months);
                proptest::prop_assert!(c.ends().is_some());
            }
        }
    }

    #[test]
    fn a_contract_runs_its_term_and_is_completed() {
        let c = active();
        assert_eq!(c.number, "SC-2024-KG-O-000123");
        assert_eq!(c.ends(), Some(date!(2025 - 03 - 31)));
        assert_eq!(c.clone().complete(date!(2025 - 03 - 30)), Err(ContractError::TooEarly));
        assert_eq!(c.complete(date!(2025 - 03 - 31)).unwrap().status, ContractStatus::Completed);
    }

    #[test]
    fn a_valid_reason_extends_the_term_by_at_most_half() {
        let c = active().extend(4).unwrap();
        assert_eq!(c.ends(), Some(date!(2025 - 07 - 31)));
        assert_eq!(c.extend(3), Err(ContractError::ExtensionTooLong));
    }

    #[test]
    fn a_draft_cannot_be_activated_nor_a_completed_one_terminated() {
        let draft = Contract::draft("SC-1".into(), 12);
        assert_eq!(
            draft.clone().activate(date!(2024 - 01 - 01)),
            Err(ContractError::Transition(ContractStatus::Draft, "activated"))
        );
        let done = active().complete(date!(2026 - 01 - 01)).unwrap();
        assert!(done.terminate(Termination::Violation).is_err());
    }
}
