//! The indicator library: every indicator with its definition, unit and the breakdowns that
//! apply, the targets set for it, and (for those who set targets) the form to set one.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::indicators::{Dimension, LIBRARY, indicator};
use emgek_store::Source;

use super::figures::{definition, name, number, unit};
use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::indicators::{self as steps, TargetForm};

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/indicators"), get(show)).route(declared("/indicators/targets"), post(set_target))
}

struct Entry {
    code: &'static str,
    programme: String,
    name: String,
    definition: String,
    unit: String,
    breakdowns: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboards/library.html")]
struct LibraryPage {
    ui: Ui,
    entries: Vec<Entry>,
    /// The grievance register's figures: name and definition.
    grievance_figures: Vec<(String, String)>,
    /// Indicator, period, place, target.
    targets: Vec<[String; 4]>,
    form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

fn breakdown(ui: &Ui, d: Dimension) -> String {
    match d {
        Dimension::Period => ui.tr.t("figures-period"),
        Dimension::Sex => ui.tr.t("figures-sex"),
        Dimension::Disability => ui.tr.t("figures-disability"),
        other => ui.tr.field(other.code()),
    }
}

async fn library_page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<LibraryPage, PageError> {
    let entries = LIBRARY
        .iter()
        .map(|i| Entry {
            code: i.code,
            programme: ui.tr.t(&format!("programme-{}", i.programme.code())),
            name: name(&ui, i),
            definition: definition(&ui, i),
            unit: unit(&ui, i, false),
            breakdowns: i.dimensions.iter().map(|d| breakdown(&ui, *d)).collect::<Vec<_>>().join(", "),
        })
        .collect();
    let targets = state
        .store
        .targets()
        .await?
        .into_iter()
        .filter_map(|t| {
            let ind = indicator(&t.indicator)?;
            let period = if t.quarter == 0 {
                t.year.to_string()
            } else {
                format!("{}, {}", t.year, ui.tr.t_with("figures-quarter", &[("n", t.quarter.into())]))
            };
            let place = if t.oblast_code.is_empty() {
                ui.tr.t("figures-whole-country")
            } else {
                state.geo.oblast_name(&t.oblast_code, ui.lang())
            };
            Some([name(&ui, ind), period, place, number(&ui, ind, t.value, false)])
        })
        .collect();
    let form = if user.allows(Permission::ManageTargets) {
        let indicators =
            std::iter::once(choose(&ui)).chain(LIBRARY.iter().map(|i| (i.code.to_string(), name(&ui, i)))).collect();
        let quarters = std::iter::once(("0".to_string(), ui.tr.t("figures-whole-year")))
            .chain((1..=4).map(|q| (q.to_string(), ui.tr.t_with("figures-quarter", &[("n", q.into())]))))
            .collect();
        let oblasts = std::iter::once((String::new(), ui.tr.t("figures-whole-country")))
            .chain(state.geo.oblast_options(ui.lang()))
            .collect();
        let year = state.app().clock.now().year().to_string();
        let mut value = failed.field(&ui, "target", "value", "").required().numeric();
        value.label = ui.tr.t("figures-target");
        value.hint = ui.tr.t("indicators-target-hint");
        vec![
            failed.field(&ui, "target", "indicator", "").required().select(indicators),
            failed.field(&ui, "target", "year", &year).required().numeric(),
            failed.field(&ui, "target", "quarter", "0").select(quarters),
            failed.field(&ui, "target", "oblast", "").select(oblasts),
            value,
        ]
    } else {
        Vec::new()
    };
    let grievance_figures = super::grievance_figures::KEYS
        .iter()
        .map(|k| (ui.tr.t(&format!("gfig-{k}")), ui.tr.t(&format!("gfig-{k}-definition"))))
        .collect();
    Ok(LibraryPage {
        entries,
        grievance_figures,
        targets,
        form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<LibraryPage, PageError> {
    let mut page = library_page(&state, &user, ui, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn set_target(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let typed = TargetForm {
        indicator: get("indicator"),
        year: get("year"),
        quarter: get("quarter"),
        oblast: get("oblast"),
        value: get("value"),
    };
    let result = steps::set_target(state.app(), &user.caller(Source::Web), typed).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("target", form, "indicator"),
        |_| "/indicators?saved=1#targets".to_string(),
        async |ui, failed| library_page(state, user, ui, failed).await,
    )
    .await
}
