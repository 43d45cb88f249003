//! emgek's domain: the types and rules of state livelihood programmes.
//!
//! Everything here is pure: no database, no HTTP, no files. Values are parsed into types whose
//! constructors enforce the rules ("parse, don't validate"), so a `Pin` or a `Money` that exists
//! is a valid one.

/// An enum of stable codes (`snake_case` of its variants): `ALL`, `code()`, `parse()`, and
/// serde and the OpenAPI schema as its code, so that files, forms and JSON all say the same.
macro_rules! coded {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text.trim() { $($code => Some($name::$variant),)+ _ => None }
            }
        }
    };
}

pub mod access;
pub mod field_error;
pub mod geography;
pub mod grievance;
pub mod household;
pub mod indicators;
pub mod money;
pub mod names;
pub mod notice;
pub mod ovop;
pub mod phone;
pub mod pin;
pub mod prison;
pub mod rates;
pub mod social_contract;

pub use field_error::FieldError;
pub use money::{Currency, Money};
pub use pin::Pin;
