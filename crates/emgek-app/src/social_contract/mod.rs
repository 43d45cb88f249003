//! The Social Contract: a family's application from submission to the commission's decision,
//! the allocation of a call's grants, and the contract that follows (tranches, reports, visits,
//! completion). Programmes, their rules and calls are in [`crate::programmes`].

pub mod appeals;
pub mod applications;
pub mod commissions;
pub mod contracts;
pub mod imported;
pub mod payments;
pub mod targeting;
pub mod trainings;

pub use applications::{
    AllocationOutcome, allocation, allocation_of_round, create_application, decide, move_on, review, seat, submit,
    update_plan,
};
pub use commissions::{NewCommission, add_commission_member, create_commission};
