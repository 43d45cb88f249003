//! The Social Contract (Ministry of Labour, Social Security and Migration): a low-income
//! family's business plan funded by a grant, followed to graduation.
//!
//! Everything that can change between years (amounts, quotas, rules, weights, terms) is a
//! [`programme::ProgrammeRules`] value with a date of effect, never a constant in code.

pub mod allocation;
pub mod appeal;
pub mod application;
pub mod business_plan;
pub mod contract;
pub mod eligibility;
pub mod ledger;
pub mod monitoring;
pub mod programme;
pub mod review;
pub mod targeting;
