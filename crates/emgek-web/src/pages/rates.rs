//! The official exchange rates: everyone signed in reads them; administrators add a day's rate
//! or paste the National Bank's rates as CSV, each rejected line named with its reason.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::money::Currency;
use emgek_domain::rates::rate_plain;
use emgek_store::Source;

use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::rates::{self as steps, RatesImport};

pub fn router() -> Router<AppState> {
    Router::new().route(declared("/rates"), get(show).post(add_rate)).route(declared("/rates/import"), post(import))
}

/// How many rates the page lists, latest first.
const SHOWN: usize = 60;

/// What an import did: lines read, rates added, rejected lines as (line, message).
struct Report(usize, usize, Vec<(usize, String)>);

#[derive(Template, WebTemplate)]
#[template(path = "rates/rates.html")]
struct RatesPage {
    ui: Ui,
    /// Day, currency, som for one unit.
    rates: Vec<[String; 3]>,
    form: Vec<FieldView>,
    can_import: bool,
    /// What the import just done did.
    report: Option<Report>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn rates_page(state: &AppState, user: &CurrentUser, ui: Ui, failed: Failed) -> Result<RatesPage, PageError> {
    let rates = state
        .store
        .rates()
        .await?
        .into_iter()
        .take(SHOWN)
        .map(|r| [ui.tr.date(&r.rate_on), r.currency, rate_plain(r.som_x10000)])
        .collect();
    let manages = user.allows(Permission::ManageRates);
    let form = if manages {
        let currencies = std::iter::once(choose(&ui))
            .chain(
                Currency::ALL
                    .iter()
                    .filter(|c| **c != Currency::KGS)
                    .map(|c| (c.code().to_string(), c.code().to_string())),
            )
            .collect();
        let today = state.app().clock.today().to_string();
        let mut currency = failed.field(&ui, "rate", "currency", "").required().select(currencies);
        currency.label = ui.tr.t("rates-currency");
        vec![
            currency,
            failed.field(&ui, "rate", "rate_on", &today).required().input("date"),
            failed.field(&ui, "rate", "rate", "").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    Ok(RatesPage {
        rates,
        form,
        can_import: manages,
        report: None,
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
) -> Result<RatesPage, PageError> {
    let mut page = rates_page(&state, &user, ui, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn add_rate(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let result =
        steps::add_rate(state.app(), &user.caller(Source::Web), (get("currency"), get("rate_on"), get("rate"))).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("rate", form, "rate_on"),
        |_| "/rates?saved=1".to_string(),
        async |ui, failed| rates_page(state, user, ui, failed).await,
    )
    .await
}

/// Pasted CSV: the page again with what was added and every rejected line with its reason.
async fn import(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let csv = form.get("csv").map(String::as_str).unwrap_or("");
    let all_or_nothing = form.get("all_or_nothing").is_some_and(|v| !v.is_empty());
    match steps::import_rates(state.app(), &user.caller(Source::Web), csv, all_or_nothing).await {
        Ok(RatesImport { lines_read, added, rejects, .. }) => {
            let mut page = rates_page(&state, &user, ui, Failed::default()).await?;
            let lines = rejects
                .into_iter()
                .map(|r| {
                    let e = emgek_domain::FieldError::new(r.field.clone(), rule_code(&r.rule), r.value);
                    (r.line, page.ui.tr.labelled_error(&e))
                })
                .collect();
            page.report = Some(Report(lines_read, added, lines));
            Ok(page.into_response())
        }
        Err(problem) => {
            let sent = Sent::new("import", form.clone(), "csv");
            respond(
                ui,
                Err::<(), _>(problem),
                sent,
                |_| String::new(),
                async |ui, failed| rates_page(&state, &user, ui, failed).await,
            )
            .await
        }
    }
}

/// The rule codes an import reports, as the static codes messages are keyed by.
fn rule_code(rule: &str) -> &'static str {
    ["rate.currency_unknown", "date.invalid", "rate.format", "rate.exists", "rates.columns"]
        .into_iter()
        .find(|r| *r == rule)
        .unwrap_or("rates.columns")
}
