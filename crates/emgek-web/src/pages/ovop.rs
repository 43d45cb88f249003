//! One Village – One Product for the programme's staff: the indicators, producers and products
//! of the places the reader reaches; a producer with its products and export contracts; a
//! product with its photos and the brand committee's assessments.

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use axum::{Form, Router};
use emgek_domain::access::Permission;
use emgek_domain::money::{Currency, Money};
use emgek_domain::ovop::catalogue::{Category, LocalResource, ProducerKind};
use emgek_domain::ovop::certification::{Level, criteria};
use emgek_domain::ovop::export::COUNTRIES;
use emgek_store::Source;
use emgek_store::ovop::ProductRow;

use super::applications::som;
use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::ovop::{self as steps, PHOTO_MAX_BYTES, producer_within, product_within};
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/ovop"), get(overview).post(create_producer))
        .route(declared("/ovop/producers/{id}"), get(show_producer))
        .route(declared("/ovop/producers/{id}/products"), post(create_product))
        .route(declared("/ovop/producers/{id}/exports"), post(record_export))
        .route(declared("/ovop/products/{id}"), get(show_product))
        .route(declared("/ovop/products/{id}/certifications"), post(assess))
        .route(
            declared("/ovop/products/{id}/photos"),
            post(add_photo).layer(DefaultBodyLimit::max(PHOTO_MAX_BYTES + 64 * 1024)),
        )
        .route(declared("/ovop/photos/{id}"), get(staff_photo))
}

fn coded(ui: &Ui, prefix: &str, code: &str) -> String {
    ui.tr.t(&format!("{prefix}-{}", code.replace('_', "-")))
}

fn options(ui: &Ui, prefix: &str, codes: impl IntoIterator<Item = &'static str>) -> Vec<(String, String)> {
    std::iter::once(choose(ui)).chain(codes.into_iter().map(|c| (c.to_string(), coded(ui, prefix, c)))).collect()
}

fn product_name(ui: &Ui, p: &ProductRow) -> String {
    let t =
        emgek_domain::ovop::catalogue::Texts { ky: p.name_ky.clone(), ru: p.name_ru.clone(), en: p.name_en.clone() };
    t.get(ui.lang_code()).to_string()
}

fn usd(ui: &Ui, cents: i64) -> String {
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
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn overview_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    failed: Failed,
) -> Result<OverviewPage, PageError> {
    let fail = |e| PageError::store(&ui, e);
    let today = time::OffsetDateTime::now_utc().date();
    let ind = steps::indicators(state, user, today).await.map_err(fail)?;
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
    let areas = user.areas(Permission::ReadOvop);
    let place = |rayon: &str, oblast: &str| {
        format!("{}, {}", state.geo.rayon_name(rayon, ui.lang()), state.geo.oblast_name(oblast, ui.lang()))
    };
    let producers = state
        .store
        .producers()
        .await
        .map_err(fail)?
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
    let products = state
        .store
        .products()
        .await
        .map_err(fail)?
        .iter()
        .filter(|p| areas.contains(&p.oblast_code, &p.rayon_code))
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
    Ok(OverviewPage {
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
        kind: get("kind"),
        name: get("name"),
        rayon: get("rayon"),
        village: get("village"),
        contract_id: get("contract_id"),
        workshop_id: get("workshop_id"),
        contact: get("contact"),
        publish_contact: get("publish_contact"),
    };
    let result = steps::create_producer(&state, &user, Source::Web, f).await;
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
    let fail = |e| PageError::store(&ui, e);
    let p = producer_within(state, user, Permission::ReadOvop, id).await.map_err(fail)?;
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
    let all = state.store.products().await.map_err(fail)?;
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
        .await
        .map_err(fail)?
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
    let manages = user.areas(Permission::ManageOvop).contains(&p.oblast_code, &p.rayon_code);
    let (product_form, export_form) = if manages {
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let yes_no = vec![("yes".to_string(), ui.tr.t("yes")), ("no".to_string(), ui.tr.t("no"))];
        let product = vec![
            failed.field(&ui, "product", "category", "").required().select(options(
                &ui,
                "ovop-category",
                Category::ALL.iter().map(|c| c.code()),
            )),
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
        category: get("category"),
        names: [get("name_ky"), get("name_ru"), get("name_en")],
        descriptions: [get("description_ky"), get("description_ru"), get("description_en")],
        local_resources: get("local_resources"),
        developed_on: get("developed_on"),
        published: get("published"),
    };
    let result = steps::create_product(&state, &user, Source::Web, id, f).await;
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
    let result = steps::record_export(&state, &user, Source::Web, id, f).await;
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

#[derive(Template, WebTemplate)]
#[template(path = "ovop/product.html")]
struct ProductPage {
    ui: Ui,
    id: i64,
    name: String,
    producer: (i64, String),
    published: bool,
    /// Language, name, description.
    texts: Vec<[String; 3]>,
    resources: String,
    photos: Vec<i64>,
    /// Assessed on, brand, points, result, certificate, valid until, by.
    assessments: Vec<[String; 7]>,
    can_photo: bool,
    /// Fields of the assessment form: level, date, scores by criterion, number, comment.
    assess_form: Vec<FieldView>,
    failed: &'static str,
    errors: Vec<(String, String)>,
    saved: bool,
}

async fn product_page(
    state: &AppState,
    user: &CurrentUser,
    ui: Ui,
    id: i64,
    failed: Failed,
) -> Result<ProductPage, PageError> {
    let fail = |e| PageError::store(&ui, e);
    let p = product_within(state, user, Permission::ReadOvop, id).await.map_err(fail)?;
    let photos = state.store.photos(id).await.map_err(fail)?.iter().map(|x| x.ovop_product_photo_id).collect();
    let assessments = state
        .store
        .certifications(id)
        .await
        .map_err(fail)?
        .iter()
        .map(|c| {
            [
                ui.tr.date(&c.assessed_on),
                coded(&ui, "ovop-level", &c.level),
                format!("{} / {}", c.total, c.max_points),
                ui.tr.t(if c.passed { "ovop-passed" } else { "ovop-failed" }),
                c.certificate_number.clone().unwrap_or_default(),
                ui.tr.date_opt(&c.valid_until),
                c.created_by.clone(),
            ]
        })
        .collect();
    let certifies = user.areas(Permission::CertifyProducts).contains(&p.oblast_code, &p.rayon_code);
    let assess_form = if certifies {
        let today = time::OffsetDateTime::now_utc().date().to_string();
        let levels: Vec<Level> = if user.areas(Permission::CertifyProducts).everywhere {
            Level::ALL.to_vec()
        } else {
            vec![Level::Regional]
        };
        let mut fields = vec![
            failed
                .field(&ui, "assessment", "level", "regional")
                .required()
                .select(levels.iter().map(|l| (l.code().to_string(), coded(&ui, "ovop-level", l.code()))).collect()),
            failed.field(&ui, "assessment", "assessed_on", &today).required().input("date"),
        ];
        for c in criteria(Level::National) {
            let name: &'static str = match c.code.as_str() {
                "local_resources" => "score_local_resources",
                "quality" => "score_quality",
                "tradition" => "score_tradition",
                "packaging" => "score_packaging",
                "market" => "score_market",
                _ => "score_export_readiness",
            };
            let mut f = failed.field(&ui, "assessment", name, "").numeric();
            f.label = format!("{} (0–{})", ui.tr.field(&c.code), c.max_points);
            f.input = "number";
            fields.push(f);
        }
        fields.push(failed.field(&ui, "assessment", "certificate_number", ""));
        fields.push(failed.field(&ui, "assessment", "comment", ""));
        fields
    } else {
        Vec::new()
    };
    let texts = [
        ("ky", &p.name_ky, &p.description_ky),
        ("ru", &p.name_ru, &p.description_ru),
        ("en", &p.name_en, &p.description_en),
    ]
    .iter()
    .map(|(l, n, d)| [ui.tr.t(&format!("lang-{l}")), (*n).clone(), (*d).clone()])
    .collect();
    let resources = p
        .local_resources
        .split(',')
        .filter(|r| !r.is_empty())
        .filter_map(LocalResource::parse)
        .map(|r| coded(&ui, "ovop-resource", r.code()))
        .collect::<Vec<_>>()
        .join(", ");
    Ok(ProductPage {
        id,
        name: product_name(&ui, &p),
        producer: (p.ovop_producer_id, p.producer_name.clone()),
        published: p.published,
        texts,
        resources,
        photos,
        assessments,
        can_photo: user.areas(Permission::ManageOvop).contains(&p.oblast_code, &p.rayon_code),
        assess_form,
        failed: failed.form,
        errors: failed.summary(&ui),
        saved: false,
        ui,
    })
}

async fn show_product(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Query(q): Query<Saved>,
) -> Result<ProductPage, PageError> {
    let mut page = product_page(&state, &user, ui, id, Failed::default()).await?;
    page.saved = !q.saved.is_empty();
    Ok(page)
}

/// A committee's assessment from the page: the scores arrive as `score_CODE`.
async fn assess(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let get = |k: &str| form.get(k).map(String::as_str).unwrap_or("");
    let level = Level::parse(get("level")).unwrap_or(Level::Regional);
    let mut scores = BTreeMap::new();
    let mut unreadable = Vec::new();
    for c in criteria(level) {
        let typed = get(&format!("score_{}", c.code)).trim();
        match typed.parse::<u32>() {
            Ok(p) => {
                scores.insert(c.code.clone(), p);
            }
            Err(_) => unreadable.push(emgek_domain::FieldError::new(
                format!("score_{}", c.code),
                "review.score_missing",
                typed,
            )),
        }
    }
    let result = if unreadable.is_empty() {
        let f = steps::AssessmentForm {
            level: get("level"),
            assessed_on: get("assessed_on"),
            scores,
            certificate_number: get("certificate_number"),
            comment: get("comment"),
        };
        steps::assess_product(&state, &user, Source::Web, id, f).await
    } else {
        Err(crate::social::Problem::Invalid(unreadable))
    };
    let rename: Vec<(String, String)> =
        criteria(Level::National).iter().map(|c| (format!("scores.{}", c.code), format!("score_{}", c.code))).collect();
    let rename: Vec<(&str, &str)> = rename.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let mut sent = Sent::new("assessment", form, "certificate_number");
    sent.rename = &rename;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        sent,
        |_| format!("/ovop/products/{id}?saved=1"),
        async |ui, failed| product_page(state, user, ui, id, failed).await,
    )
    .await
}

async fn add_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, PageError> {
    let mut content = Vec::new();
    while let Some(field) = multipart.next_field().await.map_err(|_| PageError::new(&ui, StatusCode::BAD_REQUEST))? {
        if field.name() == Some("photo") {
            content = field.bytes().await.map_err(|_| PageError::new(&ui, StatusCode::PAYLOAD_TOO_LARGE))?.to_vec();
        }
    }
    let result = steps::add_photo(&state, &user, Source::Web, id, &content).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("photo", BTreeMap::new(), "photo"),
        |_| format!("/ovop/products/{id}?saved=1"),
        async |ui, failed| product_page(state, user, ui, id, failed).await,
    )
    .await
}

/// A product's photo for the staff who may read it, published or not.
async fn staff_photo(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let fail = |e| PageError::store(&ui, e);
    let (row, content) = state.store.photo(id).await.map_err(fail)?;
    product_within(&state, &user, Permission::ReadOvop, row.ovop_product_id).await.map_err(fail)?;
    Ok(super::catalogue::photo_response(&row.content_type, content))
}
