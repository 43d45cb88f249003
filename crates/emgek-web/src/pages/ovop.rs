//! One Village – One Product for the programme's staff: the indicators, producers and products
//! of the places the reader reaches; a producer with its products and export contracts; a
//! product with its photos and the brand committee's assessments.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::ovop::catalogue::ProducerKind;
use emgek_domain::ovop::export::COUNTRIES;
use emgek_store::Source;
use emgek_store::ovop::ProductRow;

use super::applications::som;
use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use emgek_app::ovop as steps;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/ovop"), get(overview).post(create_producer))
        .route(declared("/ovop/rules"), post(add_rules))
        .route(declared("/ovop/outlets"), post(create_outlet))
        .merge(super::ovop_producer::router())
        .merge(super::ovop_product::router())
}

/// How many of the newest products the overview lists.
const LATEST: usize = 12;

pub(super) use super::applications::coded;

pub(super) fn options(ui: &Ui, prefix: &str, codes: impl IntoIterator<Item = &'static str>) -> Vec<(String, String)> {
    std::iter::once(choose(ui)).chain(codes.into_iter().map(|c| (c.to_string(), coded(ui, prefix, c)))).collect()
}

pub(super) fn product_name(ui: &Ui, p: &ProductRow) -> String {
    let t =
        emgek_domain::ovop::catalogue::Texts { ky: p.name_ky.clone(), ru: p.name_ru.clone(), en: p.name_en.clone() };
    t.get(ui.lang_code()).to_string()
}

pub(super) fn usd(ui: &Ui, cents: i64) -> String {
    ui.tr.money(&Money::from_minor(cents, Currency::USD))
}

#[derive(Template, WebTemplate)]
#[template(path = "ovop/overview.html")]
struct OverviewPage {
    ui: Ui,
    /// Label and value.
    headline: Vec<(String, String)>,
    /// Export contracts by year, oblast and country: title, and rows of what, contracts, som,
    /// dollars.
    tables: Vec<(String, Vec<[String; 4]>)>,
    /// Id, name, kind, place, products.
    producers: Vec<(i64, [String; 4])>,
    /// Id, name, category, place, published.
    products: Vec<(i64, [String; 4])>,
    form: Vec<FieldView>,
    /// The certification rules by date: in force from, pass mark, years valid, in force now.
    rules: Vec<([String; 3], bool)>,
    rules_form: Vec<FieldView>,
    /// Name, kind, place, address.
    outlets: Vec<[String; 4]>,
    outlet_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn overview_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    failed: Failed,
) -> Result<OverviewPage, PageError> {
    let caller = user.caller(Source::Web);
    let today = state.app().clock.today();
    let ind = steps::indicators(state.app(), &user.caller(Source::Web), today).await?;
    let total = |t: &steps::ExportTotal| [ui.tr.number(t.contracts), som(&ui, t.som_tyiyn), usd(&ui, t.usd_cents)];
    let line = |label: String, t: &steps::ExportTotal| {
        let [a, b, c] = total(t);
        [label, a, b, c]
    };
    let headline = vec![
        (ui.tr.t("ovop-developed-five-years"), ui.tr.number(ind.developed_five_years)),
        (ui.tr.t("ovop-certified"), ui.tr.number(ind.certified)),
        (ui.tr.t("ovop-national-brand"), ui.tr.number(ind.national_brand)),
        (ui.tr.t("ovop-export-contracts"), ui.tr.number(ind.exports.contracts)),
        (
            ui.tr.t("ovop-export-value"),
            format!("{} ({})", som(&ui, ind.exports.som_tyiyn), usd(&ui, ind.exports.usd_cents)),
        ),
    ];
    let areas = caller.areas(Permission::ReadOvop);
    let place = |rayon: &str, oblast: &str| {
        format!("{}, {}", state.geo.rayon_name(rayon, ui.lang()), state.geo.oblast_name(oblast, ui.lang()))
    };
    let producers = state
        .store
        .producers()
        .await?
        .into_iter()
        .filter(|p| areas.contains(&p.oblast_code, &p.rayon_code))
        .map(|p| {
            let cells = [
                p.name.clone(),
                coded(&ui, "ovop-kind", &p.kind),
                place(&p.rayon_code, &p.oblast_code),
                ui.tr.number(p.products),
            ];
            (p.ovop_producer_id, cells)
        })
        .collect();
    // The newest products; every product is on its producer's page.
    let products = state
        .store
        .products()
        .await?
        .iter()
        .filter(|p| areas.contains(&p.oblast_code, &p.rayon_code))
        .take(LATEST)
        .map(|p| {
            let published = ui.tr.t(if p.published { "yes" } else { "no" });
            (
                p.ovop_product_id,
                [
                    product_name(&ui, p),
                    coded(&ui, "ovop-category", &p.category),
                    place(&p.rayon_code, &p.oblast_code),
                    published,
                ],
            )
        })
        .collect();
    let form = if user.allows(Permission::ManageOvop) {
        let mut rayon = failed.field(&ui, "producer", "rayon", "").required().select(vec![choose(&ui)]);
        rayon.groups = state.geo.rayon_groups(ui.lang());
        let yes_no = vec![("no".to_string(), ui.tr.t("no")), ("yes".to_string(), ui.tr.t("yes"))];
        vec![
            failed.field(&ui, "producer", "kind", "").required().select(options(
                &ui,
                "ovop-kind",
                ProducerKind::ALL.iter().map(|k| k.code()),
            )),
            failed.field(&ui, "producer", "name", "").required(),
            rayon,
            failed.field(&ui, "producer", "village", "").required(),
            failed.field(&ui, "producer", "contract_id", "").numeric(),
            failed.field(&ui, "producer", "workshop_id", "").numeric(),
            failed.field(&ui, "producer", "contact", ""),
            failed.field(&ui, "producer", "publish_contact", "no").select(yes_no),
        ]
    } else {
        Vec::new()
    };
    let versions = state.store.ovop_rules().await?;
    let in_force = emgek_domain::ovop::certification::rules_on(&versions, today);
    let rules = versions
        .iter()
        .map(|r| {
            let cells = [ui.tr.date(&r.effective_from), ui.tr.percent(r.pass_bp), r.validity_years.to_string()];
            (cells, Some(*r) == in_force)
        })
        .collect();
    let national = caller.national(Permission::ManageOvop);
    let rules_form = if national {
        vec![
            failed.field(&ui, "rules", "effective_from", &today.to_string()).required().input("date"),
            failed.field(&ui, "rules", "pass_share", "70").required().numeric(),
            failed.field(&ui, "rules", "validity_years", "3").required().numeric(),
        ]
    } else {
        Vec::new()
    };
    let outlets = state
        .store
        .outlets()
        .await?
        .iter()
        .map(|o| {
            let place = match &o.rayon_code {
                Some(r) => state.geo.rayon_name(r, ui.lang()),
                None => coded(&ui, "country", &o.country.to_lowercase()),
            };
            [o.name.clone(), coded(&ui, "ovop-outlet", &o.kind), place, o.address.clone()]
        })
        .collect();
    let outlet_form = if user.allows(Permission::ManageOvop) {
        let mut rayon = failed.field(&ui, "outlet", "rayon", "").select(vec![choose(&ui)]);
        rayon.groups = state.geo.rayon_groups(ui.lang());
        let countries = std::iter::once(("KG".to_string(), coded(&ui, "country", "kg")))
            .chain(COUNTRIES.iter().map(|c| (c.to_string(), coded(&ui, "country", &c.to_lowercase()))))
            .collect();
        let kinds = emgek_domain::ovop::catalogue::OutletKind::ALL.iter().map(|k| k.code());
        let mut name = failed.field(&ui, "outlet", "name", "").required();
        name.label = ui.tr.t("ovop-outlet-name");
        vec![
            name,
            failed.field(&ui, "outlet", "kind", "").required().select(options(&ui, "ovop-outlet", kinds)),
            failed.field(&ui, "outlet", "country", "KG").required().select(countries),
            rayon,
            failed.field(&ui, "outlet", "address", ""),
        ]
    } else {
        Vec::new()
    };
    Ok(OverviewPage {
        rules,
        rules_form,
        outlets,
        outlet_form,
        failed: failed.form,
        headline,
        tables: vec![
            (ui.tr.t("ovop-by-year"), ind.exports_by_year.iter().rev().map(|(y, t)| line(y.to_string(), t)).collect()),
            (
                ui.tr.t("ovop-by-oblast"),
                ind.exports_by_oblast.iter().map(|(o, t)| line(state.geo.oblast_name(o, ui.lang()), t)).collect(),
            ),
            (
                ui.tr.t("ovop-by-country"),
                ind.exports_by_country.iter().map(|(c, t)| line(coded(&ui, "country", &c.to_lowercase()), t)).collect(),
            ),
        ],
        producers,
        products,
        form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn overview(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Query(q): Query<Saved>,
) -> Result<OverviewPage, PageError> {
    let mut page = overview_page(&state, &user, ui, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

async fn create_producer(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::ProducerForm {
        reference: "",
        kind: get("kind"),
        name: get("name"),
        rayon: get("rayon"),
        village: get("village"),
        contract_id: get("contract_id"),
        workshop_id: get("workshop_id"),
        contact: get("contact"),
        publish_contact: get("publish_contact"),
    };
    let result = steps::create_producer(state.app(), &user.caller(Source::Web), f).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("producer", form, "name"),
        |id| format!("/ovop/producers/{id}?saved=1"),
        async |ui, failed| overview_page(state, user, ui, failed).await,
    )
    .await
}

async fn add_rules(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let fields = (get("effective_from"), get("pass_share"), get("validity_years"));
    let result = steps::add_rules(state.app(), &user.caller(Source::Web), fields).await;
    let (state, user) = (&state, &user);
    let sent = Sent::new("rules", form, "effective_from");
    respond(
        ui,
        result,
        sent,
        |_| "/ovop?saved=1".to_string(),
        async |ui, failed| overview_page(state, user, ui, failed).await,
    )
    .await
}

async fn create_outlet(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let f = steps::OutletForm {
        name: get("name"),
        kind: get("kind"),
        country: get("country"),
        rayon: get("rayon"),
        address: get("address"),
    };
    let result = steps::create_outlet(state.app(), &user.caller(Source::Web), f).await;
    let (state, user) = (&state, &user);
    let sent = Sent::new("outlet", form, "name");
    respond(
        ui,
        result,
        sent,
        |_| "/ovop?saved=1".to_string(),
        async |ui, failed| overview_page(state, user, ui, failed).await,
    )
    .await
}
