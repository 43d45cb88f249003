//! The public catalogue of One Village – One Product: read-only, without signing in, in the
//! reader's language, printable. It shows published products only, and of their producers only
//! what each agreed to publish (name, village, contact); the rayon and oblast are always shown.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use emgek_domain::ovop::catalogue::Texts;
use emgek_store::ovop::{CertificationRow, ProductRow};
use serde::Deserialize;
use time::Date;

use crate::auth::routes::declared;
use crate::error::PageError;
use crate::state::AppState;
use crate::ui::Ui;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/catalogue"), get(list))
        .route(declared("/catalogue/{id}"), get(show))
        .route(declared("/catalogue/photos/{id}"), get(photo))
}

/// A product as the catalogue shows it, in the reader's language.
pub struct Card {
    pub id: i64,
    pub name: String,
    pub category: String,
    pub place: String,
    /// The producer's name and village, if it agreed to publish them.
    pub producer: Option<String>,
    /// Valid regional certificate and national brand, as badges.
    pub regional: Option<String>,
    pub national: bool,
    pub photo: Option<i64>,
}

fn texts(p: &ProductRow) -> (Texts, Texts) {
    (
        Texts { ky: p.name_ky.clone(), ru: p.name_ru.clone(), en: p.name_en.clone() },
        Texts { ky: p.description_ky.clone(), ru: p.description_ru.clone(), en: p.description_en.clone() },
    )
}

/// The certificate number of a valid regional certificate, and whether the national brand holds.
fn badges(certificates: &[CertificationRow], product: i64, today: Date) -> (Option<String>, bool) {
    let valid = |c: &&CertificationRow| {
        c.ovop_product_id == product
            && matches!((c.valid_from, c.valid_until), (Some(f), Some(u)) if f <= today && today <= u)
    };
    let regional =
        certificates.iter().filter(valid).find(|c| c.level == "regional").and_then(|c| c.certificate_number.clone());
    let national = certificates.iter().filter(valid).any(|c| c.level == "national");
    (regional, national)
}

fn place(state: &AppState, ui: &Ui, p: &ProductRow) -> String {
    format!("{}, {}", state.geo.rayon_name(&p.rayon_code, ui.lang()), state.geo.oblast_name(&p.oblast_code, ui.lang()))
}

fn card(state: &AppState, ui: &Ui, p: &ProductRow, certificates: &[CertificationRow], photo: Option<i64>) -> Card {
    let today = state.app().clock.today();
    let (regional, national) = badges(certificates, p.ovop_product_id, today);
    let (names, _) = texts(p);
    Card {
        id: p.ovop_product_id,
        name: names.get(ui.lang_code()).to_string(),
        category: ui.tr.t(&format!("ovop-category-{}", p.category.replace('_', "-"))),
        place: place(state, ui, p),
        producer: p.publish_contact.then(|| format!("{}, {}", p.producer_name, p.village)),
        regional,
        national,
        photo,
    }
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Filter {
    category: String,
    oblast: String,
    q: String,
    page: usize,
}

/// Products on a page of the catalogue.
const PER_PAGE: usize = 24;

#[derive(Template, WebTemplate)]
#[template(path = "ovop/catalogue.html")]
struct CataloguePage {
    ui: Ui,
    cards: Vec<Card>,
    categories: Vec<(String, String)>,
    oblasts: Vec<(String, String)>,
    category: String,
    oblast: String,
    q: String,
    /// All the products found, this page, how many pages; the queries of the pages around.
    found: usize,
    page: i64,
    pages: i64,
    prev: Option<String>,
    next: Option<String>,
}

/// Published products, filtered by category, oblast and a word of their name in any language.
async fn list(State(state): State<AppState>, ui: Ui, Query(f): Query<Filter>) -> Result<CataloguePage, PageError> {
    let certificates = state.store.certificates().await?;
    let word = emgek_domain::names::search_key(f.q.trim());
    let found: Vec<ProductRow> = state
        .store
        .products()
        .await?
        .into_iter()
        .filter(|p| p.published)
        .filter(|p| {
            let (names, _) = texts(p);
            (f.category.is_empty() || p.category == f.category)
                && (f.oblast.is_empty() || p.oblast_code == f.oblast)
                && (word.is_empty()
                    || [&names.ky, &names.ru, &names.en]
                        .iter()
                        .any(|n| emgek_domain::names::search_key(n).contains(&word)))
        })
        .collect();
    let pages = found.len().div_ceil(PER_PAGE).max(1);
    let page = f.page.clamp(1, pages);
    let cards = found
        .iter()
        .skip((page - 1) * PER_PAGE)
        .take(PER_PAGE)
        .map(|p| card(&state, &ui, p, &certificates, p.first_photo))
        .collect();
    let query = |page: usize| {
        let page = page.to_string();
        serde_urlencoded::to_string([
            ("q", f.q.as_str()),
            ("category", f.category.as_str()),
            ("oblast", f.oblast.as_str()),
            ("page", page.as_str()),
        ])
        .unwrap_or_default()
    };
    let (prev, next) = ((page > 1).then(|| query(page - 1)), (page < pages).then(|| query(page + 1)));
    let categories = emgek_domain::ovop::catalogue::Category::ALL
        .iter()
        .map(|c| (c.code().to_string(), ui.tr.t(&format!("ovop-category-{}", c.code().replace('_', "-")))))
        .collect();
    Ok(CataloguePage {
        cards,
        categories,
        oblasts: state.geo.oblast_options(ui.lang()),
        found: found.len(),
        page: i64::try_from(page).unwrap_or(1),
        pages: i64::try_from(pages).unwrap_or(1),
        prev,
        next,
        category: f.category,
        oblast: f.oblast,
        q: f.q,
        ui,
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "ovop/catalogue_product.html")]
struct ProductPage {
    ui: Ui,
    card: Card,
    description: String,
    resources: Vec<String>,
    contact: Option<String>,
    photos: Vec<i64>,
    /// Certificate number, brand, valid until.
    certificates: Vec<[String; 3]>,
    /// Name, kind, place.
    outlets: Vec<[String; 3]>,
}

async fn show(State(state): State<AppState>, ui: Ui, Path(id): Path<i64>) -> Result<ProductPage, PageError> {
    let p = state.store.product(id).await?;
    if !p.published {
        return Err(PageError::new(&ui, StatusCode::NOT_FOUND));
    }
    let today = state.app().clock.today();
    let all = state.store.certifications(id).await?;
    let photos: Vec<i64> = state.store.photos(id).await?.iter().map(|x| x.ovop_product_photo_id).collect();
    let certificates = all
        .iter()
        .filter(|c| matches!((c.valid_from, c.valid_until), (Some(f), Some(u)) if f <= today && today <= u))
        .map(|c| {
            [
                c.certificate_number.clone().unwrap_or_default(),
                ui.tr.t(&format!("ovop-level-{}", c.level)),
                ui.tr.date_opt(&c.valid_until),
            ]
        })
        .collect();
    let outlets = state
        .store
        .product_outlets(id)
        .await?
        .iter()
        .map(|o| {
            let place = match &o.rayon_code {
                Some(r) => state.geo.rayon_name(r, ui.lang()),
                None => ui.tr.t(&format!("country-{}", o.country.to_lowercase())),
            };
            [o.name.clone(), ui.tr.t(&format!("ovop-outlet-{}", o.kind)), place]
        })
        .collect();
    let (_, descriptions) = texts(&p);
    Ok(ProductPage {
        card: card(&state, &ui, &p, &all, photos.first().copied()),
        description: descriptions.get(ui.lang_code()).to_string(),
        resources: p
            .local_resources
            .split(',')
            .filter(|r| !r.is_empty())
            .map(|r| ui.tr.t(&format!("ovop-resource-{r}")))
            .collect(),
        contact: (p.publish_contact && !p.contact.is_empty()).then(|| p.contact.clone()),
        photos,
        certificates,
        outlets,
        ui,
    })
}

/// A photo of a published product.
async fn photo(State(state): State<AppState>, ui: Ui, Path(id): Path<i64>) -> Result<Response, PageError> {
    let (row, content) = state.store.photo(id).await?;
    if !state.store.product(row.ovop_product_id).await?.published {
        return Err(PageError::new(&ui, StatusCode::NOT_FOUND));
    }
    Ok(photo_response(&row.content_type, content))
}

/// A photo as an answer: its type, read from its bytes when it was stored.
pub fn photo_response(content_type: &str, content: Vec<u8>) -> Response {
    let kind = if content_type == "image/png" { "image/png" } else { "image/jpeg" };
    ([(header::CONTENT_TYPE, kind)], content).into_response()
}
