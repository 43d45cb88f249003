//! emgek's domain: the types and rules of state livelihood programmes.
//!
//! Everything here is pure: no database, no HTTP, no files. Values are parsed into types whose
//! constructors enforce the rules ("parse, don't validate"), so a `Pin` or a `Money` that exists
//! is a valid one.

pub mod access;
pub mod field_error;
pub mod geography;
pub mod household;
pub mod indicators;
pub mod money;
pub mod names;
pub mod ovop;
pub mod phone;
pub mod pin;
pub mod prison;
pub mod rates;
pub mod social_contract;

pub use field_error::FieldError;
pub use money::{Currency, Money};
pub use pin::Pin;
