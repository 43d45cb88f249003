//! A One Village – One Product product for the programme's staff: its texts in the three
//! languages, photos (the officer adds them), and the brand committees' assessments (a member
//! records one here).

use std::collections::BTreeMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use emgek_domain::access::Permission;
use emgek_store::Source;

use super::form::{Failed, FieldView, Saved, Sent, choose, respond};
use super::ovop::{coded, product_name};
use crate::auth::CurrentUser;
use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::Multipart;
use axum::http::StatusCode;
use axum::routing::{get, post};
use emgek_app::ovop::PHOTO_MAX_BYTES;
use emgek_domain::ovop::catalogue::LocalResource;
use emgek_domain::ovop::certification::{Level, criteria};

use crate::scope::product_within;
use emgek_app::ovop::{self as steps};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/ovop/products/{id}"), get(show_product))
        .route(declared("/ovop/products/{id}/certifications"), post(assess))
        .route(declared("/ovop/products/{id}/outlets"), post(sell_at))
        .route(
            declared("/ovop/products/{id}/photos"),
            post(add_photo).layer(DefaultBodyLimit::max(PHOTO_MAX_BYTES + 64 * 1024)),
        )
        .route(declared("/ovop/photos/{id}"), get(staff_photo))
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
    /// The outlets selling it (name, kind, place), and the officer's choice of others.
    outlets: Vec<String>,
    outlet_form: Vec<FieldView>,
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
    let caller = user.caller(Source::Web);
    let p = product_within(state, user, Permission::ReadOvop, id).await?;
    let photos = state.store.photos(id).await?.iter().map(|x| x.ovop_product_photo_id).collect();
    let assessments = state
        .store
        .certifications(id)
        .await?
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
    let certifies = caller.may(Permission::CertifyProducts, &p.oblast_code, &p.rayon_code);
    let assess_form = if certifies {
        let today = state.app().clock.today().to_string();
        let levels: Vec<Level> =
            if caller.national(Permission::CertifyProducts) { Level::ALL.to_vec() } else { vec![Level::Regional] };
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
    let sold_at = state.store.product_outlets(id).await?;
    let outlets = sold_at
        .iter()
        .map(|o| {
            let place = match &o.rayon_code {
                Some(r) => state.geo.rayon_name(r, ui.lang()),
                None => coded(&ui, "country", &o.country.to_lowercase()),
            };
            format!("{} ({}), {place}", o.name, coded(&ui, "ovop-outlet", &o.kind))
        })
        .collect();
    let manages = caller.may(Permission::ManageOvop, &p.oblast_code, &p.rayon_code);
    let others: Vec<(String, String)> = state
        .store
        .outlets()
        .await?
        .into_iter()
        .filter(|o| !sold_at.iter().any(|s| s.ovop_outlet_id == o.ovop_outlet_id))
        .map(|o| (o.ovop_outlet_id.to_string(), o.name))
        .collect();
    let outlet_form = if manages && !others.is_empty() {
        vec![failed.field(&ui, "outlet", "outlet", "").required().select([vec![choose(&ui)], others].concat())]
    } else {
        Vec::new()
    };
    Ok(ProductPage {
        outlets,
        outlet_form,
        id,
        name: product_name(&ui, &p),
        producer: (p.ovop_producer_id, p.producer_name.clone()),
        published: p.published,
        texts,
        resources,
        photos,
        assessments,
        can_photo: caller.may(Permission::ManageOvop, &p.oblast_code, &p.rayon_code),
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
        steps::assess_product(state.app(), &user.caller(Source::Web), id, f).await
    } else {
        Err(emgek_app::AppError::Invalid(unreadable))
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
    let result = steps::add_photo(state.app(), &user.caller(Source::Web), id, &content).await;
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
    Path(id): Path<i64>,
) -> Result<Response, PageError> {
    let (row, content) = state.app().reach(&user.caller(Source::Web)).photo(Permission::ReadOvop, id).await?;
    Ok(super::catalogue::photo_response(&row.content_type, content))
}

/// The officer says where the product is sold.
async fn sell_at(
    State(state): State<AppState>,
    user: CurrentUser,
    ui: Ui,
    Path(id): Path<i64>,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, PageError> {
    let outlet = form.get("outlet").cloned().unwrap_or_default();
    let result = steps::sell_at(state.app(), &user.caller(Source::Web), id, &outlet).await;
    let (state, user) = (&state, &user);
    respond(
        ui,
        result,
        Sent::new("outlet", form, "outlet"),
        |_| format!("/ovop/products/{id}?saved=1"),
        async |ui, failed| product_page(state, user, ui, id, failed).await,
    )
    .await
}
