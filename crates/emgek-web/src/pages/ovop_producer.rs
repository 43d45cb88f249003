//! A One Village – One Product producer for the programme's staff: its facts, its products and
//! export contracts, and the officer's forms for a new product and a new export contract.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use emgek_domain::access::Permission;
use emgek_store::Source;

use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use super::ovop::{coded, options, product_name, usd};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use axum::Router;
use axum::routing::{get, post};
use emgek_domain::money::{Currency, Money};
use emgek_domain::ovop::catalogue::Category;
use emgek_domain::ovop::export::COUNTRIES;
use emgek_store::ovop::ProductRow;

use super::applications::som;
use crate::scope::producer_within;
use emgek_app::ovop::{self as steps};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/ovop/producers/{id}"), get(show_producer))
        .route(declared("/ovop/producers/{id}/products"), post(create_product))
        .route(declared("/ovop/producers/{id}/exports"), post(record_export))
}

#[derive(Template, WebTemplate)]
#[template(path = "ovop/producer.html")]
struct ProducerPage {
    ui: Ui,
    id: i64,
    name: String,
    facts: Vec<(String, String)>,
    /// Id, name, category, developed on.
    products: Vec<(i64, [String; 3])>,
    /// Signed on, buyer, country, value, som, dollars.
    exports: Vec<[String; 6]>,
    product_form: Vec<FieldView>,
    export_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn producer_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<ProducerPage, PageError> {
    let caller = user.caller(Source::Web);
    let p = producer_within(state, user, Permission::ReadOvop, id).await?;
    let mut facts = vec![
        (ui.tr.field("kind"), coded(&ui, "ovop-kind", &p.kind)),
        (ui.tr.field("rayon"), state.geo.rayon_name(&p.rayon_code, ui.lang())),
        (ui.tr.field("village"), p.village.clone()),
        (ui.tr.field("contact"), p.contact.clone()),
        (ui.tr.field("publish_contact"), ui.tr.t(if p.publish_contact { "yes" } else { "no" })),
    ];
    if let Some(c) = p.contract_id {
        facts.push((ui.tr.field("contract_id"), c.to_string()));
    }
    let all = state.store.products().await?;
    let own: Vec<&ProductRow> = all.iter().filter(|x| x.ovop_producer_id == id).collect();
    let products = own
        .iter()
        .map(|x| {
            (
                x.ovop_product_id,
                [product_name(&ui, x), coded(&ui, "ovop-category", &x.category), ui.tr.date(&x.developed_on)],
            )
        })
        .collect();
    let exports = state
        .store
        .export_contracts()
        .await?
        .iter()
        .filter(|e| e.ovop_producer_id == id)
        .map(|e| {
            let value = Currency::parse(&e.currency)
                .map(|c| ui.tr.money(&Money::from_minor(e.value_minor, c)))
                .unwrap_or_default();
            [
                ui.tr.date(&e.signed_on),
                e.buyer.clone(),
                coded(&ui, "country", &e.country.to_lowercase()),
                value,
                som(&ui, e.som_tyiyn),
                usd(&ui, e.usd_cents),
            ]
        })
        .collect();
    let manages = caller.may(Permission::ManageOvop, &p.oblast_code, &p.rayon_code);
    let (product_form, export_form) = if manages {
        let today = state.app().clock.today().to_string();
        let yes_no = vec![("yes".to_string(), ui.tr.t("yes")), ("no".to_string(), ui.tr.t("no"))];
        let mut category = failed.field(&ui, "product", "category", "").required().select(options(
            &ui,
            "ovop-category",
            Category::ALL.iter().map(|c| c.code()),
        ));
        category.label = ui.tr.t("catalogue-category");
        let product = vec![
            category,
            failed.field(&ui, "product", "name_ky", "").required(),
            failed.field(&ui, "product", "name_ru", "").required(),
            failed.field(&ui, "product", "name_en", "").required(),
            failed.field(&ui, "product", "description_ky", "").input("textarea"),
            failed.field(&ui, "product", "description_ru", "").input("textarea"),
            failed.field(&ui, "product", "description_en", "").input("textarea"),
            failed.field(&ui, "product", "local_resources", "").required(),
            failed.field(&ui, "product", "developed_on", &today).required().input("date"),
            failed.field(&ui, "product", "published", "yes").select(yes_no),
        ];
        let choices = std::iter::once(choose(&ui))
            .chain(own.iter().map(|x| (x.ovop_product_id.to_string(), product_name(&ui, x))))
            .collect();
        let countries = std::iter::once(choose(&ui))
            .chain(COUNTRIES.iter().map(|c| (c.to_string(), coded(&ui, "country", &c.to_lowercase()))))
            .collect();
        let currencies = Currency::ALL.iter().map(|c| (c.code().to_string(), c.code().to_string())).collect();
        let units = emgek_domain::prison::production::Unit::ALL
            .iter()
            .map(|u| (u.code().to_string(), coded(&ui, "unit", u.code())))
            .collect();
        let export = vec![
            failed.field(&ui, "export", "product_id", "").select(choices),
            failed.field(&ui, "export", "contract_reference", "").required(),
            failed.field(&ui, "export", "buyer", "").required(),
            failed.field(&ui, "export", "country", "").required().select(countries),
            failed.field(&ui, "export", "signed_on", &today).required().input("date"),
            failed.field(&ui, "export", "quantity", "").required().numeric(),
            failed.field(&ui, "export", "unit", "kg").required().select(units),
            failed.field(&ui, "export", "currency", "USD").required().select(currencies),
            failed.field(&ui, "export", "contract_value", "").required().numeric(),
        ];
        (product, export)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(ProducerPage {
        id,
        name: p.name.clone(),
        facts,
        products,
        exports,
        product_form,
        export_form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show_producer(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<ProducerPage, PageError> {
    let mut page = producer_page(&state, &user, ui, id, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn create_product(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::ProductForm {
        reference: "",
        category: get("category"),
        names: [get("name_ky"), get("name_ru"), get("name_en")],
        descriptions: [get("description_ky"), get("description_ru"), get("description_en")],
        local_resources: get("local_resources"),
        developed_on: get("developed_on"),
        published: get("published"),
    };
    let result = steps::create_product(state.app(), &user.caller(Source::Web), id, f).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("product", form, "name_ky"),
        |p| format!("/ovop/products/{p}?saved=1"),
        async |ui, failed| producer_page(state, user, ui, id, failed).await,
    )
    .await
}

async fn record_export(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::ExportForm {
        product_id: get("product_id"),
        reference: get("contract_reference"),
        buyer: get("buyer"),
        country: get("country"),
        signed_on: get("signed_on"),
        quantity: get("quantity"),
        unit: get("unit"),
        currency: get("currency"),
        value: get("contract_value"),
    };
    let result = steps::record_export(state.app(), &user.caller(Source::Web), id, f).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("export", form, "contract_reference"),
        |_| format!("/ovop/producers/{id}?saved=1"),
        async |ui, failed| producer_page(state, user, ui, id, failed).await,
    )
    .await
}
