//! Prison income-generating activities (State Service for the Execution of Punishments):
//! facilities and their workshops, inmates' work and wages, production, and the rules that
//! share a workshop's profit with the state budget.
//!
//! As in the Social Contract, every amount and rule that can change is data with a date of
//! effect, never a constant in code.

pub mod facility;
pub mod finance;
pub mod payroll;
pub mod plan;
pub mod production;
pub mod profit;
pub mod reintegration;
pub mod rules;
