//! The API's JSON bodies, bounded in one place. Every request body is read as JSON and walked
//! before it becomes a request type: a number beyond what any figure of emgek can mean, a text
//! longer than any field, or a control character (which PostgreSQL refuses and SQLite keeps) is
//! refused with a field error naming where it stands, in the one error shape and the caller's
//! language; a body that is not JSON, or not of the request's shape, likewise. Handlers then
//! never meet a value that could overflow a sum or a date.

use axum::extract::{FromRequest, OptionalFromRequest, Request};
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use emgek_domain::FieldError;
use emgek_i18n::{Lang, Tr};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::ApiError;

/// The largest whole number a body may hold: 10^13, a hundred billion som in tyiyn, fifty
/// times the Social Contract's yearly budget. Any sum of a few hundred thousand such values
/// still fits in 64 bits.
pub const MAX_NUMBER: i64 = 10_000_000_000_000;
/// The longest text a body may hold, in characters: longer than any plan or comment.
pub const MAX_TEXT: usize = 20_000;

/// A JSON request body (bounded, see the module) or response.
#[derive(Debug, Clone, Copy, Default)]
pub struct Json<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let lang =
            req.headers().get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
        let tr = Tr::new(lang.unwrap_or(Lang::En));
        let value = match <axum::Json<Value> as FromRequest<S>>::from_request(req, state).await {
            Ok(axum::Json(value)) => value,
            Err(rejection) => {
                return Err(ApiError::bad_request(format!("{}: {}", tr.t("error-json"), rejection.body_text())));
            }
        };
        let mut errors = Vec::new();
        check(&value, "", &mut errors);
        if !errors.is_empty() {
            return Err(ApiError::validation(&tr, &errors));
        }
        serde_json::from_value(value)
            .map(Json)
            .map_err(|e| ApiError::validation(&tr, &[FieldError::new("body", "json.shape", e.to_string())]))
    }
}

/// An optional body: none when the request says it sends no JSON (no `Content-Type:
/// application/json`); otherwise it must be good JSON within the bounds.
impl<T: DeserializeOwned, S: Send + Sync> OptionalFromRequest<S> for Json<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Option<Self>, Self::Rejection> {
        let json = req
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.trim_start().to_ascii_lowercase().starts_with("application/json"));
        if json { <Self as FromRequest<S>>::from_request(req, state).await.map(Some) } else { Ok(None) }
    }
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}

/// Collects a field error for every value out of bounds, named by its path (`lines[2].quantity`).
fn check(value: &Value, path: &str, errors: &mut Vec<FieldError>) {
    let name = |key: &str| if path.is_empty() { key.to_string() } else { format!("{path}.{key}") };
    match value {
        Value::Number(n) => {
            let fits = n.as_i64().is_some_and(|i| i.unsigned_abs() <= MAX_NUMBER.unsigned_abs())
                || n.as_f64().is_some_and(|f| f.abs() <= 1e13 && n.as_i64().is_none() && n.as_u64().is_none());
            if !fits {
                errors.push(FieldError::new(field_of(path), "number.too_large", n.to_string()));
            }
        }
        Value::String(s) => {
            if s.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
                errors.push(FieldError::new(field_of(path), "text.control", ""));
            } else if s.chars().count() > MAX_TEXT {
                errors.push(FieldError::new(field_of(path), "text.too_long", MAX_TEXT.to_string()));
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check(item, &format!("{path}[{i}]"), errors);
            }
        }
        Value::Object(fields) => {
            for (key, v) in fields {
                check(v, &name(key), errors);
            }
        }
        Value::Null | Value::Bool(_) => {}
    }
}

fn field_of(path: &str) -> String {
    if path.is_empty() { "body".into() } else { path.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn broken(value: Value) -> Vec<(String, &'static str)> {
        let mut errors = Vec::new();
        check(&value, "", &mut errors);
        errors.into_iter().map(|e| (e.field, e.rule)).collect()
    }

    #[test]
    fn numbers_past_any_meaning_texts_too_long_and_control_characters_are_named_by_their_place() {
        let body = json!({
            "months": 2_147_483_648_i64 * 10_000,
            "sales": [{"amount_tyiyn": 50_000_000_000_000_000_i64}, {"amount_tyiyn": 100}],
            "name": "Швейный\u{0}цех",
            "note": "x".repeat(MAX_TEXT + 1),
            "fine": {"quantity": 3, "price": 12.5, "text": "two\nlines\tand a tab"},
        });
        assert_eq!(
            broken(body),
            [
                ("months".to_string(), "number.too_large"),
                ("name".to_string(), "text.control"),
                ("note".to_string(), "text.too_long"),
                ("sales[0].amount_tyiyn".to_string(), "number.too_large"),
            ]
        );
        assert!(broken(json!(u64::MAX)).len() == 1 && broken(json!(1e300)).len() == 1);
    }
}

/// The language an API caller asked for, for errors met before a handler runs.
fn caller_tr(headers: &axum::http::HeaderMap) -> Tr {
    let lang = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
    Tr::new(lang.unwrap_or(Lang::En))
}

/// A path parameter of the API (an id): one that does not parse (`9223372036854775808`, `abc`)
/// is a 400 in the one error shape, not axum's plain text.
#[derive(Debug, Clone, Copy, Default)]
pub struct Path<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Path<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Path(value)),
            Err(rejection) => {
                let tr = caller_tr(&parts.headers);
                Err(ApiError::bad_request(format!("{}: {}", tr.t("error-path"), rejection.body_text())))
            }
        }
    }
}

/// The query string of an API request: one that does not parse is a 400 in the one error shape.
#[derive(Debug, Clone, Copy, Default)]
pub struct Query<T>(pub T);

impl<T, S> axum::extract::FromRequestParts<S> for Query<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(Query(value)),
            Err(rejection) => {
                let tr = caller_tr(&parts.headers);
                Err(ApiError::bad_request(format!("{}: {}", tr.t("error-query"), rejection.body_text())))
            }
        }
    }
}
