//! Form fields as templates draw them: one loop renders every field of every form, with its
//! label, hint and the message of the rule it broke.

use emgek_domain::FieldError;
use emgek_domain::household::{Disability, HouseholdInput, MemberInput, Relation, Sex};

use crate::state::Geo;
use crate::ui::Ui;

pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub value: String,
    /// `text`, `date`, `tel`, `select`.
    pub input: &'static str,
    pub inputmode: &'static str,
    pub options: Vec<(String, String)>,
    pub groups: Vec<(String, Vec<(String, String)>)>,
    pub hint: String,
    pub error: Option<String>,
    pub required: bool,
}

impl FieldView {
    pub(super) fn new(ui: &Ui, errors: &[FieldError], name: &'static str, value: &str) -> Self {
        let message: Vec<String> = errors.iter().filter(|e| e.field == name).map(|e| ui.tr.field_error(e)).collect();
        let hint_id = format!("hint-{}", name.replace('_', "-"));
        Self {
            name,
            label: ui.tr.field(name),
            value: value.to_string(),
            input: "text",
            inputmode: "text",
            options: Vec::new(),
            groups: Vec::new(),
            hint: if ui.tr.has(&hint_id) { ui.tr.t(&hint_id) } else { String::new() },
            error: (!message.is_empty()).then(|| message.join(" ")),
            required: false,
        }
    }

    pub(super) fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub(super) fn input(mut self, input: &'static str) -> Self {
        self.input = input;
        self
    }

    pub(super) fn numeric(mut self) -> Self {
        self.inputmode = "numeric";
        self
    }

    pub(super) fn select(mut self, options: Vec<(String, String)>) -> Self {
        self.input = "select";
        self.options = options;
        self
    }
}

pub(super) fn choose(ui: &Ui) -> (String, String) {
    (String::new(), ui.tr.t("choose"))
}

pub fn household_fields(ui: &Ui, geo: &Geo, h: &HouseholdInput, errors: &[FieldError]) -> Vec<FieldView> {
    let f = |name, value: &str| FieldView::new(ui, errors, name, value);
    let mut rayon = f("rayon", &h.rayon).required().select(vec![choose(ui)]);
    rayon.groups = geo.rayon_groups(ui.lang());
    let yes_no = vec![choose(ui), ("yes".to_string(), ui.tr.t("yes")), ("no".to_string(), ui.tr.t("no"))];
    vec![
        f("household_ref", &h.household_ref).required(),
        f("oblast", &h.oblast).required().select([vec![choose(ui)], geo.oblast_options(ui.lang())].concat()),
        rayon,
        f("aiyl_okmotu", &h.aiyl_okmotu),
        f("village", &h.village),
        f("phone", &h.phone).input("tel"),
        f("benefit_since", &h.benefit_since).input("date"),
        f("benefit_monthly_som", &h.benefit_monthly_som).numeric(),
        f("consent", &h.consent).required().select(yes_no),
        f("language", &h.language)
            .select(vec![("ky".to_string(), "Кыргызча".to_string()), ("ru".to_string(), "Русский".to_string())]),
    ]
}

pub fn member_fields(ui: &Ui, m: &MemberInput, errors: &[FieldError]) -> Vec<FieldView> {
    let f = |name, value: &str| FieldView::new(ui, errors, name, value);
    let coded = |prefix: &str, codes: Vec<&'static str>| {
        std::iter::once(choose(ui))
            .chain(
                codes
                    .into_iter()
                    .map(|c| (c.to_string(), ui.tr.t(&format!("{prefix}-{}", c.to_lowercase().replace('_', "-"))))),
            )
            .collect::<Vec<_>>()
    };
    vec![
        f("pin", &m.pin).required().numeric(),
        f("full_name", &m.full_name).required(),
        f("full_name_latin", &m.full_name_latin),
        f("birth_date", &m.birth_date).required().input("date"),
        f("sex", &m.sex).required().select(coded("sex", Sex::ALL.iter().map(|s| s.code()).collect())),
        f("relation", &m.relation)
            .required()
            .select(coded("relation", Relation::ALL.iter().map(|s| s.code()).collect())),
        f("disability", &m.disability).select(coded("disability", Disability::ALL.iter().map(|s| s.code()).collect())),
    ]
}

/// The error summary at the top of a form: every message, each linking to its field.
pub fn summary(ui: &Ui, errors: &[FieldError]) -> Vec<(String, String)> {
    errors.iter().map(|e| (e.field.clone(), ui.tr.labelled_error(e))).collect()
}

/// Which form of a page failed, with its errors and what was typed in it; the default is a
/// page shown fresh.
#[derive(Debug, Default)]
pub struct Failed {
    pub form: &'static str,
    pub errors: Vec<FieldError>,
    pub typed: std::collections::BTreeMap<String, String>,
}

impl Failed {
    pub fn new(form: &'static str, errors: Vec<FieldError>, typed: std::collections::BTreeMap<String, String>) -> Self {
        Self { form, errors, typed }
    }

    /// A field of `form`: what was typed in it if that form failed (with its error), else `default`.
    pub fn field(&self, ui: &Ui, form: &str, name: &'static str, default: &str) -> FieldView {
        if self.form == form {
            let value = self.typed.get(name).map(String::as_str).unwrap_or("");
            FieldView::new(ui, &self.errors, name, value)
        } else {
            FieldView::new(ui, &[], name, default)
        }
    }

    /// The error summary of the failed form.
    pub fn summary(&self, ui: &Ui) -> Vec<(String, String)> {
        summary(ui, &self.errors)
    }
}

/// What a refused step shows: its status and the errors to show with the form, or the error
/// page when it is not the form's fault. A uniqueness conflict is shown on `conflict_field`.
pub fn refusal(
    problem: emgek_app::AppError,
    conflict_field: &str,
) -> Result<(axum::http::StatusCode, Vec<FieldError>), emgek_store::StoreError> {
    use axum::http::StatusCode;
    match problem {
        emgek_app::AppError::Invalid(errors) => Ok((StatusCode::UNPROCESSABLE_ENTITY, errors)),
        emgek_app::AppError::Conflict(rule) | emgek_app::AppError::Store(emgek_store::StoreError::Conflict(rule)) => {
            Ok((StatusCode::CONFLICT, vec![FieldError::new(conflict_field, rule, "")]))
        }
        other => Err(crate::scope::into_store(other)),
    }
}

/// The query of a page shown after a successful form: `?saved=1` shows "Saved.".
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Saved {
    pub saved: String,
}

/// A form sent from a page: which it was, what was typed in it, the field a uniqueness
/// conflict is shown on, and step field names the page's form calls otherwise.
pub struct Sent<'a> {
    pub name: &'static str,
    pub typed: std::collections::BTreeMap<String, String>,
    pub conflict_field: &'a str,
    pub rename: &'a [(&'a str, &'a str)],
}

impl<'a> Sent<'a> {
    pub fn new(name: &'static str, typed: std::collections::BTreeMap<String, String>, conflict_field: &'a str) -> Self {
        Self { name, typed, conflict_field, rename: &[] }
    }
}

/// What a page answers to a form's step: where to go when it worked, or the page drawn again
/// (by `redraw`) with the failed form's errors and what was typed, and the status saying why.
pub async fn respond<T, P: axum::response::IntoResponse>(
    ui: Ui,
    result: Result<T, emgek_app::AppError>,
    sent: Sent<'_>,
    redirect: impl FnOnce(T) -> String,
    redraw: impl AsyncFnOnce(Ui, Failed) -> Result<P, crate::error::PageError>,
) -> Result<axum::response::Response, crate::error::PageError> {
    use axum::response::IntoResponse;
    match result {
        Ok(value) => Ok(axum::response::Redirect::to(&redirect(value)).into_response()),
        Err(problem) => {
            let (status, mut errors) =
                refusal(problem, sent.conflict_field).map_err(|e| crate::error::PageError::store(&ui, e))?;
            for e in &mut errors {
                if let Some((_, to)) = sent.rename.iter().find(|(from, _)| *from == e.field) {
                    e.field = (*to).to_string();
                }
            }
            let page = redraw(ui, Failed::new(sent.name, errors, sent.typed)).await?;
            Ok((status, page).into_response())
        }
    }
}
