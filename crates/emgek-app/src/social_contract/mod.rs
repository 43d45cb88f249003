//! The Social Contract: a family's application from submission to the commission's decision,
//! the allocation of a call's grants, and the contract that follows (tranches, reports, visits,
//! completion). Programmes, their rules and calls are in [`crate::programmes`].

pub mod applications;
pub mod commissions;
pub mod contracts;

pub use applications::{AllocationOutcome, allocation, decide, move_on, review, seat, submit};
pub use commissions::{NewCommission, add_commission_member, create_commission};
