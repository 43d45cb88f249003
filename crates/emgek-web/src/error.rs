//! Errors as people and machines see them. One JSON shape for the API, written down in
//! docs/api.md: `{"errors": [{"status", "code", "field", "rule", "detail"}]}`; one page for
//! people. Details of a 5xx are logged once here and never sent.
//!
//! Handlers pass a use case's failure up with `?` (`From<AppError>` and `From<StoreError>`):
//! it travels in the response as a [`Failure`], and the guard (`auth::guard`), which knows the
//! reader's language and menu, tells it — once, here, for every handler.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use emgek_app::AppError;
use emgek_domain::FieldError;
use emgek_i18n::{Lang, Tr};
use emgek_store::StoreError;
use serde::Serialize;

use crate::ui::Ui;

/// A use case's failure on its way to the reader, not yet in her language.
#[derive(Debug, Clone)]
pub enum Failure {
    Invalid(Vec<FieldError>),
    NotFound,
    Refused(&'static str),
    Conflict(&'static str),
    /// Logged when it happened; the reader is told only that it did.
    Internal,
}

impl From<AppError> for Failure {
    fn from(err: AppError) -> Self {
        match err {
            AppError::Invalid(errors) => Failure::Invalid(errors),
            AppError::NotFound | AppError::Store(StoreError::NotFound) => Failure::NotFound,
            AppError::Refused(rule) => Failure::Refused(rule),
            AppError::Conflict(rule) | AppError::Store(StoreError::Conflict(rule)) => Failure::Conflict(rule),
            AppError::Store(other) => {
                tracing::error!(error = %other, "request failed");
                Failure::Internal
            }
            AppError::Internal(e) => {
                tracing::error!(error = %e, "request failed");
                Failure::Internal
            }
        }
    }
}

/// One problem with a request.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ApiProblem {
    pub status: u16,
    /// `validation`, `conflict`, `not_found`, `forbidden`, `bad_request`, `internal`.
    pub code: &'static str,
    /// The field at fault, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The rule broken, e.g. `pin.length`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<&'static str>,
    /// A sentence for people, in the language of `Accept-Language`.
    pub detail: String,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ApiErrors {
    pub errors: Vec<ApiProblem>,
}

/// An API error in the caller's language (or, passed up with `?`, in English until the guard
/// tells its [`Failure`] in hers).
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    problems: Vec<ApiProblem>,
    failure: Option<Failure>,
}

impl From<AppError> for ApiError {
    fn from(err: AppError) -> Self {
        let failure = Failure::from(err);
        Self { failure: Some(failure.clone()), ..Self::told(&Tr::new(Lang::En), failure) }
    }
}

impl From<StoreError> for ApiError {
    fn from(err: StoreError) -> Self {
        Self::from(AppError::Store(err))
    }
}

impl ApiError {
    fn one(status: StatusCode, code: &'static str, detail: String) -> Self {
        let problem = ApiProblem { status: status.as_u16(), code, field: None, rule: None, detail };
        Self { status, problems: vec![problem], failure: None }
    }

    /// A failure told in `tr`'s language.
    pub fn told(tr: &Tr, failure: Failure) -> Self {
        match failure {
            Failure::Invalid(errors) => Self::validation(tr, &errors),
            Failure::NotFound => Self::one(StatusCode::NOT_FOUND, "not_found", tr.t("error-not-found")),
            Failure::Conflict(rule) => {
                let field = rule.split('.').next().unwrap_or_default().to_string();
                let e = FieldError::new(field.clone(), rule, "");
                let mut this = Self::one(StatusCode::CONFLICT, "conflict", tr.labelled_error(&e));
                this.problems[0].field = Some(field);
                this.problems[0].rule = Some(rule);
                this
            }
            Failure::Refused(rule) => {
                let e = FieldError::new("", rule, "");
                let mut this = Self::one(StatusCode::FORBIDDEN, "forbidden", tr.labelled_error(&e));
                this.problems[0].rule = Some(rule);
                this
            }
            Failure::Internal => Self::one(StatusCode::INTERNAL_SERVER_ERROR, "internal", tr.t("error-internal")),
        }
    }

    pub fn validation(tr: &Tr, errors: &[FieldError]) -> Self {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        let problems = errors
            .iter()
            .map(|e| ApiProblem {
                status: status.as_u16(),
                code: "validation",
                field: Some(e.field.clone()),
                rule: Some(e.rule),
                detail: tr.labelled_error(e),
            })
            .collect();
        Self { status, problems, failure: None }
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::one(StatusCode::BAD_REQUEST, "bad_request", detail.into())
    }

    pub fn from_store(tr: &Tr, err: StoreError) -> Self {
        Self::from_app(tr, AppError::Store(err))
    }

    /// A use case that did not happen.
    pub fn from_app(tr: &Tr, err: AppError) -> Self {
        Self::told(tr, err.into())
    }

    pub fn internal(tr: &Tr, err: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %err, "request failed");
        Self::one(StatusCode::INTERNAL_SERVER_ERROR, "internal", tr.t("error-internal"))
    }

    /// A refusal of the guard: `unauthorized`, `forbidden`, `csrf`, `setup` or `internal`.
    pub fn status(tr: &Tr, status: StatusCode, code: &'static str) -> Self {
        Self::one(status, code, tr.t(&format!("error-{code}")))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(ApiErrors { errors: self.problems })).into_response();
        if let Some(failure) = self.failure {
            response.extensions_mut().insert(failure);
        }
        response
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    ui: Ui,
    title: String,
    detail: String,
}

/// A page that could not be shown, in the reader's language.
#[derive(Debug)]
pub struct PageError {
    ui: Ui,
    status: StatusCode,
    /// The Fluent ids of the title and the sentence.
    title: &'static str,
    detail: &'static str,
    /// A sentence already written for the reader, in place of `detail`.
    message: Option<String>,
    /// Passed up with `?`: told again by the guard in the reader's language, with her menu.
    failure: Option<Failure>,
}

impl From<AppError> for PageError {
    fn from(err: AppError) -> Self {
        let failure = Failure::from(err);
        Self { failure: Some(failure.clone()), ..Self::told(&Ui::new(Lang::Ky, "/"), failure) }
    }
}

impl From<StoreError> for PageError {
    fn from(err: StoreError) -> Self {
        Self::from(AppError::Store(err))
    }
}

impl PageError {
    pub fn new(ui: &Ui, status: StatusCode) -> Self {
        let (title, detail) = match status {
            StatusCode::NOT_FOUND => ("error-not-found-title", "error-not-found"),
            StatusCode::FORBIDDEN => ("error-forbidden-title", "error-forbidden"),
            StatusCode::BAD_REQUEST => ("error-bad-request-title", "error-bad-request"),
            StatusCode::TOO_MANY_REQUESTS => ("error-throttled-title", "error-throttled"),
            StatusCode::METHOD_NOT_ALLOWED => ("error-bad-request-title", "error-method_not_allowed"),
            _ => ("error-internal-title", "error-internal"),
        };
        Self { ui: ui.clone(), status, title, detail, message: None, failure: None }
    }

    /// A request whose parameters break a rule: 422, naming the field and the rule.
    pub fn invalid(ui: &Ui, e: &FieldError) -> Self {
        let message = ui.tr.labelled_error(e);
        Self { message: Some(message), ..Self::new(ui, StatusCode::BAD_REQUEST) }
            .with_status(StatusCode::UNPROCESSABLE_ENTITY)
    }

    fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    /// A form sent without the page's security token, or from another site.
    pub fn csrf(ui: &Ui) -> Self {
        Self {
            ui: ui.clone(),
            status: StatusCode::FORBIDDEN,
            title: "error-csrf-title",
            detail: "error-csrf",
            message: None,
            failure: None,
        }
    }

    pub fn store(ui: &Ui, err: StoreError) -> Self {
        Self::app(ui, AppError::Store(err))
    }

    /// A use case that did not happen, as a page (see [`PageError::told`]).
    pub fn app(ui: &Ui, err: AppError) -> Self {
        Self::told(ui, err.into())
    }

    /// A failure as a page in the reader's language: its first field error (forms show every
    /// error themselves, see `form_errors`), not found, refused or conflicting.
    pub fn told(ui: &Ui, failure: Failure) -> Self {
        match failure {
            Failure::Invalid(errors) => match errors.first() {
                Some(e) => Self::invalid(ui, e),
                None => Self::new(ui, StatusCode::UNPROCESSABLE_ENTITY),
            },
            Failure::NotFound => Self::new(ui, StatusCode::NOT_FOUND),
            Failure::Refused(rule) => {
                let message = ui.tr.labelled_error(&FieldError::new("", rule, ""));
                Self { message: Some(message), ..Self::new(ui, StatusCode::FORBIDDEN) }
            }
            Failure::Conflict(rule) => {
                let message = ui.tr.labelled_error(&FieldError::new("", rule, ""));
                Self { message: Some(message), ..Self::new(ui, StatusCode::BAD_REQUEST) }
                    .with_status(StatusCode::CONFLICT)
            }
            Failure::Internal => Self::new(ui, StatusCode::INTERNAL_SERVER_ERROR),
        }
    }

    /// A form's errors from a use case, each as (field, message) for the form to show beside
    /// its field; `Err` with the page to show when the use case failed otherwise.
    pub fn form_errors(ui: &Ui, err: AppError) -> Result<Vec<(String, String)>, Box<Self>> {
        match err {
            AppError::Invalid(errors) => Ok(errors.iter().map(|e| (e.field.clone(), ui.tr.rule(e.rule))).collect()),
            other => Err(Box::new(Self::app(ui, other))),
        }
    }

    /// A form's errors from a use case as field errors, for forms that draw them beside their
    /// fields: a conflict (a PIN or number taken) is told at the field its rule names.
    pub fn field_errors(ui: &Ui, err: AppError) -> Result<Vec<FieldError>, Box<Self>> {
        match err {
            AppError::Invalid(errors) => Ok(errors),
            AppError::Conflict(rule) => Ok(vec![FieldError::new(rule.split('.').next().unwrap_or_default(), rule, "")]),
            other => Err(Box::new(Self::app(ui, other))),
        }
    }

    pub fn internal(ui: &Ui, err: &dyn std::fmt::Display) -> Self {
        tracing::error!(error = %err, "page failed");
        Self::new(ui, StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl From<Box<PageError>> for PageError {
    fn from(boxed: Box<PageError>) -> Self {
        *boxed
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let detail = self.message.unwrap_or_else(|| self.ui.tr.t(self.detail));
        let page = ErrorPage { title: self.ui.tr.t(self.title), detail, ui: self.ui };
        let mut response = (self.status, page).into_response();
        if let Some(failure) = self.failure {
            response.extensions_mut().insert(failure);
        }
        response
    }
}
