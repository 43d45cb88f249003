//! What a use case answers when it does not do what was asked. The doors turn it into an API
//! error or a page, in the reader's language.

use emgek_domain::FieldError;
use emgek_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// What was sent breaks rules: every field error, each naming its field and rule.
    #[error("invalid: {0:?}")]
    Invalid(Vec<FieldError>),
    /// No such record, or none the caller may reach (the two are not told apart).
    #[error("not found")]
    NotFound,
    /// The caller may not do this, by the rule named.
    #[error("refused: {0}")]
    Refused(&'static str),
    /// The records are not in a state that allows it, by the rule named.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// Storage failed for a reason only the log needs.
    #[error(transparent)]
    Store(StoreError),
    /// Something that should not happen (a worker thread that died).
    #[error("{0}")]
    Internal(String),
}

impl AppError {
    /// One field broke one rule.
    pub fn field(field: &str, rule: &'static str, value: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, rule, value)])
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Conflict(rule) => AppError::Conflict(rule),
            other => AppError::Store(other),
        }
    }
}
