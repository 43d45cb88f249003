//! The programme's money as a double-entry ledger. Every movement takes an amount from one
//! account and puts it in another, so that what was appropriated always equals what is
//! available, committed, disbursed, due back and recovered, to the tyiyn.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Account {
    /// Where the budget comes from: negative by what was appropriated.
    Appropriation,
    /// Budget not yet promised to anyone.
    Available,
    /// Promised by signed contracts, not yet paid.
    Committed,
    /// Paid to families.
    Disbursed,
    /// Claimed back after a violation, not yet repaid.
    RefundDue,
    /// Repaid.
    Recovered,
}

/// One movement of money, the unit the ledger stores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Posting {
    pub from: Account,
    pub to: Account,
    /// In tyiyn, always positive.
    pub amount: i64,
    pub contract: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("an amount must be positive")]
    NotPositive,
    #[error("not enough in {0:?} for this movement")]
    Insufficient(Account),
}

impl LedgerError {
    pub fn rule(self) -> &'static str {
        match self {
            LedgerError::NotPositive => "ledger.not_positive",
            LedgerError::Insufficient(_) => "ledger.insufficient",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    balances: BTreeMap<Account, i64>,
    /// Per contract and account, for the accounts that belong to a contract.
    by_contract: HashMap<(i64, Account), i64>,
    postings: Vec<Posting>,
}

impl Ledger {
    pub fn balance(&self, account: Account) -> i64 {
        self.balances.get(&account).copied().unwrap_or(0)
    }

    pub fn contract_balance(&self, contract: i64, account: Account) -> i64 {
        self.by_contract.get(&(contract, account)).copied().unwrap_or(0)
    }

    pub fn postings(&self) -> &[Posting] {
        &self.postings
    }

    /// A contract's own accounts as its postings leave them (what came into each less what went
    /// out): enough to check and post a movement out of one of them (a tranche paid, what is
    /// not paid released, a refund claimed or repaid), which asks only the contract's balance.
    /// The programme's accounts are not in it: `balances_hold` means nothing here.
    pub fn of_contract(contract: i64, balances: impl IntoIterator<Item = (Account, i64)>) -> Self {
        let mut ledger = Self::default();
        for (account, amount) in balances {
            if account != Account::Available && account != Account::Appropriation {
                ledger.by_contract.insert((contract, account), amount);
            }
        }
        ledger
    }

    /// Replays stored postings, checking each.
    pub fn replay(postings: impl IntoIterator<Item = Posting>) -> Result<Self, LedgerError> {
        let mut ledger = Self::default();
        for p in postings {
            ledger.post(p)?;
        }
        Ok(ledger)
    }

    fn post(&mut self, p: Posting) -> Result<(), LedgerError> {
        if p.amount <= 0 {
            return Err(LedgerError::NotPositive);
        }
        if p.from != Account::Appropriation {
            let from_balance = match p.contract {
                Some(c) if p.from != Account::Available => self.contract_balance(c, p.from),
                _ => self.balance(p.from),
            };
            if from_balance < p.amount {
                return Err(LedgerError::Insufficient(p.from));
            }
        }
        *self.balances.entry(p.from).or_default() -= p.amount;
        *self.balances.entry(p.to).or_default() += p.amount;
        if let Some(c) = p.contract {
            if p.from != Account::Available && p.from != Account::Appropriation {
                *self.by_contract.entry((c, p.from)).or_default() -= p.amount;
            }
            if p.to != Account::Available {
                *self.by_contract.entry((c, p.to)).or_default() += p.amount;
            }
        }
        self.postings.push(p);
        Ok(())
    }

    fn movement(&mut self, from: Account, to: Account, amount: i64, contract: Option<i64>) -> Result<(), LedgerError> {
        self.post(Posting { from, to, amount, contract })
    }

    /// The budget is appropriated.
    pub fn fund(&mut self, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::Appropriation, Account::Available, amount, None)
    }

    /// A contract is signed: its grant is promised.
    pub fn commit(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::Available, Account::Committed, amount, Some(contract))
    }

    /// A tranche is paid.
    pub fn pay(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::Committed, Account::Disbursed, amount, Some(contract))
    }

    /// What a terminated contract will no longer be paid goes back to the budget.
    pub fn release(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::Committed, Account::Available, amount, Some(contract))
    }

    /// After a violation, paid money is claimed back.
    pub fn claim_refund(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::Disbursed, Account::RefundDue, amount, Some(contract))
    }

    /// A family repays (part of) a refund claim.
    pub fn repay(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::RefundDue, Account::Recovered, amount, Some(contract))
    }

    /// An appeal sets a refund claim aside: what is still due counts as disbursed again.
    pub fn set_aside_claim(&mut self, contract: i64, amount: i64) -> Result<(), LedgerError> {
        self.movement(Account::RefundDue, Account::Disbursed, amount, Some(contract))
    }

    /// The accounts add up to zero: what was appropriated is exactly where the money is now.
    pub fn balances_hold(&self) -> bool {
        let total: i64 = self.balances.values().sum();
        let non_negative = self.balances.iter().all(|(a, v)| *a == Account::Appropriation || *v >= 0);
        let contracts_non_negative = self.by_contract.values().all(|v| *v >= 0);
        total == 0 && non_negative && contracts_non_negative
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_contracts_own_accounts_check_its_movements_as_the_whole_ledger_does() {
        let mut whole = Ledger::default();
        whole.fund(1_000).unwrap();
        whole.commit(7, 600).unwrap();
        whole.commit(8, 300).unwrap();
        whole.pay(7, 400).unwrap();
        let own = [Account::Committed, Account::Disbursed].map(|a| (a, whole.contract_balance(7, a)));
        let mut part = Ledger::of_contract(7, own);
        assert_eq!(part.contract_balance(7, Account::Committed), 200);
        assert!(part.pay(7, 201).is_err() && whole.clone().pay(7, 201).is_err());
        part.release(7, 200).unwrap();
        part.claim_refund(7, 400).unwrap();
        assert_eq!(
            (part.contract_balance(7, Account::Committed), part.contract_balance(7, Account::RefundDue)),
            (0, 400)
        );
        assert!(part.repay(7, 401).is_err());
    }

    #[test]
    fn a_grant_is_committed_paid_in_tranches_and_partly_refunded() {
        let mut l = Ledger::default();
        l.fund(1_000).unwrap();
        l.commit(7, 100).unwrap();
        l.pay(7, 70).unwrap();
        assert_eq!(l.pay(7, 40), Err(LedgerError::Insufficient(Account::Committed)), "never more than committed");
        l.claim_refund(7, 70).unwrap();
        l.release(7, 30).unwrap();
        l.repay(7, 50).unwrap();
        assert_eq!(
            [Account::Available, Account::Committed, Account::Disbursed, Account::RefundDue, Account::Recovered]
                .map(|a| l.balance(a)),
            [930, 0, 0, 20, 50]
        );
        assert!(l.balances_hold());
        assert_eq!(Ledger::replay(l.postings().to_vec()).unwrap(), l);
    }

    #[test]
    fn no_contract_pays_more_than_its_own_commitment() {
        let mut l = Ledger::default();
        l.fund(1_000).unwrap();
        l.commit(1, 100).unwrap();
        l.commit(2, 100).unwrap();
        assert_eq!(l.pay(1, 150), Err(LedgerError::Insufficient(Account::Committed)));
        assert_eq!(l.commit(3, 900), Err(LedgerError::Insufficient(Account::Available)));
    }

    #[derive(Debug, Clone)]
    enum Op {
        Fund(i64),
        Commit(i64, i64),
        Pay(i64, i64),
        Release(i64, i64),
        Claim(i64, i64),
        Repay(i64, i64),
        SetAside(i64, i64),
    }

    fn ops() -> impl Strategy<Value = Vec<Op>> {
        let amount = -5i64..500;
        let contract = 0i64..4;
        prop::collection::vec(
            prop_oneof![
                amount.clone().prop_map(Op::Fund),
                (contract.clone(), amount.clone()).prop_map(|(c, a)| Op::Commit(c, a)),
                (contract.clone(), amount.clone()).prop_map(|(c, a)| Op::Pay(c, a)),
                (contract.clone(), amount.clone()).prop_map(|(c, a)| Op::Release(c, a)),
                (contract.clone(), amount.clone()).prop_map(|(c, a)| Op::Claim(c, a)),
                (contract.clone(), amount.clone()).prop_map(|(c, a)| Op::Repay(c, a)),
                (contract, amount).prop_map(|(c, a)| Op::SetAside(c, a)),
            ],
            0..60,
        )
    }

    proptest! {
        #[test]
        fn the_ledger_always_balances_whatever_is_tried(ops in ops()) {
            let mut l = Ledger::default();
            let mut funded = 0i64;
            for op in ops {
                let before = l.clone();
                let result = match op {
                    Op::Fund(a) => l.fund(a).map(|_| funded += a),
                    Op::Commit(c, a) => l.commit(c, a),
                    Op::Pay(c, a) => l.pay(c, a),
                    Op::Release(c, a) => l.release(c, a),
                    Op::Claim(c, a) => l.claim_refund(c, a),
                    Op::Repay(c, a) => l.repay(c, a),
                    Op::SetAside(c, a) => l.set_aside_claim(c, a),
                };
                if result.is_err() {
                    prop_assert_eq!(&l, &before, "a refused movement changes nothing");
                }
                prop_assert!(l.balances_hold());
                prop_assert_eq!(-l.balance(Account::Appropriation), funded);
            }
        }
    }
}
