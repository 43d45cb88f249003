//! A rule broken by one field of one record: the unit of every validation message.

use serde::Serialize;

/// What a case worker needs to fix a value: which field, which rule, what was given.
///
/// `rule` is a stable machine code (`pin.length`), used in reject files, API errors and as the
/// key of the translated message (`rule-pin-length`); `value` is what was received.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    pub field: String,
    pub rule: &'static str,
    pub value: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, rule: &'static str, value: impl Into<String>) -> Self {
        Self { field: field.into(), rule, value: value.into() }
    }

    /// The Fluent message id of this rule's explanation, e.g. `rule-pin-length`.
    pub fn message_id(&self) -> String {
        format!("rule-{}", self.rule.replace(['.', '_'], "-"))
    }
}
