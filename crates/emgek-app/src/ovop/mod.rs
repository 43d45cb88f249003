//! One Village – One Product: producers and their products registered by
//! the programme's officers of a place, photos, brand certification by a region's committee or
//! the national commission, outlets and export contracts valued at the official rates.

use std::collections::BTreeMap;

use emgek_domain::FieldError;
use emgek_domain::access::Permission;
use emgek_domain::household::parse_date;
use emgek_domain::money::{Currency, Money};
use emgek_domain::ovop::catalogue::{
    Category, OutletKind, ProducerKind, Texts, check_texts, parse_resources, resources_code,
};
use emgek_domain::ovop::certification::Level;
use emgek_domain::ovop::export::{check_contract, parse_country, value};
use emgek_domain::prison::production::Unit;
use emgek_domain::social_contract::monitoring::receipt_type;
use emgek_store::StoreError;
use emgek_store::ovop::{NewExportContract, NewOutlet, NewProducer, NewProduct, ProductRow};

use crate::prison::{invalid, required};
use crate::{App, AppError, Caller};

mod certification;
pub use certification::*;

/// The largest photo accepted: a phone's.
pub const PHOTO_MAX_BYTES: usize = 8 * 1024 * 1024;

/// A producer as typed.
pub struct ProducerForm<'a> {
    pub kind: &'a str,
    pub name: &'a str,
    pub rayon: &'a str,
    pub village: &'a str,
    pub contract_id: &'a str,
    pub workshop_id: &'a str,
    pub contact: &'a str,
    pub publish_contact: &'a str,
    /// The ministry's register number of a producer brought from its files; empty when typed.
    pub reference: &'a str,
}

fn optional_id(errors: &mut Vec<FieldError>, field: &str, text: &str) -> Option<i64> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let id = t.parse::<i64>().ok().filter(|n| *n > 0);
    if id.is_none() {
        errors.push(FieldError::new(field, "number.whole", t));
    }
    id
}

/// A check box (`on`), or a yes or no as files write it in the three languages (blank: no).
fn yes_no(errors: &mut Vec<FieldError>, field: &str, text: &str) -> bool {
    match text.trim() {
        "on" => true,
        "" => false,
        other => emgek_domain::household::parse_yes_no(other).unwrap_or_else(|| {
            errors.push(FieldError::new(field, "consent.format", other));
            false
        }),
    }
}

/// A register number as a file gives it: optional (`crate::keys`).
fn reference(errors: &mut Vec<FieldError>, text: &str) -> Option<String> {
    crate::keys::register_ref(errors, "register_ref", text)
}

/// Checks, writing nothing, a producer to register in a rayon the officer covers. A family business names the Social
/// Contract that funded it and a prison workshop its workshop; no one else names either.
pub async fn check_producer(app: &App, caller: &Caller, f: ProducerForm<'_>) -> Result<NewProducer, AppError> {
    let mut errors = Vec::new();
    let kind = ProducerKind::parse(f.kind);
    if kind.is_none() {
        errors.push(FieldError::new("kind", "ovop.kind_unknown", f.kind.trim()));
    }
    let name = required(&mut errors, "name", f.name, 200);
    let village = required(&mut errors, "village", f.village, 120);
    match emgek_domain::geography::rayon(f.rayon.trim()) {
        None => errors.push(FieldError::new("rayon", "rayon.unknown", f.rayon.trim())),
        Some(r) if !caller.areas(Permission::ManageOvop).contains(r.oblast, r.code) => {
            errors.push(FieldError::new("rayon", "scope.outside", f.rayon.trim()))
        }
        Some(_) => {}
    }
    let contract_id = optional_id(&mut errors, "contract_id", f.contract_id);
    let workshop_id = optional_id(&mut errors, "workshop_id", f.workshop_id);
    if let Some(k) = kind {
        let household = k == ProducerKind::Household;
        if household != contract_id.is_some() {
            errors.push(FieldError::new("contract_id", "ovop.contract_for_households", f.contract_id.trim()));
        }
        if (k == ProducerKind::PrisonWorkshop) != workshop_id.is_some() {
            errors.push(FieldError::new("workshop_id", "ovop.workshop_for_prisons", f.workshop_id.trim()));
        }
    }
    if let Some(id) = contract_id
        && matches!(app.store.contract_context(id).await, Err(StoreError::NotFound))
    {
        errors.push(FieldError::new("contract_id", "contract.unknown", id.to_string()));
    }
    if let Some(id) = workshop_id
        && matches!(app.store.workshop(id).await, Err(StoreError::NotFound))
    {
        errors.push(FieldError::new("workshop_id", "workshop.unknown", id.to_string()));
    }
    let contact = f.contact.trim().to_string();
    if contact.chars().count() > 100 {
        errors.push(FieldError::new("contact", "text.too_long", "100"));
    }
    let publish_contact = yes_no(&mut errors, "publish_contact", f.publish_contact);
    let register_ref = reference(&mut errors, f.reference);
    invalid(errors)?;
    let new = NewProducer {
        kind: kind.expect("checked").code().to_string(),
        name,
        rayon_code: f.rayon.trim().to_string(),
        village,
        contract_id,
        workshop_id,
        contact,
        publish_contact,
        register_ref,
    };
    Ok(new)
}

/// Registers a producer checked by [`check_producer`].
pub async fn create_producer(app: &App, caller: &Caller, f: ProducerForm<'_>) -> Result<i64, AppError> {
    let new = check_producer(app, caller, f).await?;
    Ok(app.store.create_producer(&caller.actor(), &new).await?)
}

/// A product as typed: names and descriptions in Kyrgyz, Russian and English.
pub struct ProductForm<'a> {
    pub category: &'a str,
    pub names: [&'a str; 3],
    pub descriptions: [&'a str; 3],
    pub local_resources: &'a str,
    pub developed_on: &'a str,
    pub published: &'a str,
    /// The ministry's register number of a product brought from its files; empty when typed.
    pub reference: &'a str,
}

fn texts(t: [&str; 3]) -> Texts {
    Texts { ky: t[0].trim().to_string(), ru: t[1].trim().to_string(), en: t[2].trim().to_string() }
}

/// Checks a product for a producer the officer covers, writing nothing.
pub async fn check_product(
    app: &App,
    caller: &Caller,
    producer: i64,
    f: ProductForm<'_>,
) -> Result<NewProduct, AppError> {
    app.reach(caller).producer(Permission::ManageOvop, producer).await?;
    let mut errors = Vec::new();
    let category = Category::parse(f.category);
    if category.is_none() {
        errors.push(FieldError::new("category", "ovop.category_unknown", f.category.trim()));
    }
    let (names, descriptions) = (texts(f.names), texts(f.descriptions));
    errors.extend(check_texts(&names, &descriptions));
    let resources = parse_resources(f.local_resources).map_err(|e| errors.push(e)).ok();
    let developed_on = parse_date(f.developed_on);
    match developed_on {
        None => errors.push(FieldError::new("developed_on", "date.invalid", f.developed_on.trim())),
        Some(d) if d > app.clock.today() => {
            errors.push(FieldError::new("developed_on", "date.future", f.developed_on.trim()))
        }
        Some(_) => {}
    }
    let published = yes_no(&mut errors, "published", f.published);
    let register_ref = reference(&mut errors, f.reference);
    invalid(errors)?;
    let new = NewProduct {
        producer_id: producer,
        category: category.expect("checked").code().to_string(),
        names: [names.ky, names.ru, names.en],
        descriptions: [descriptions.ky, descriptions.ru, descriptions.en],
        local_resources: resources_code(&resources.expect("checked")),
        developed_on: developed_on.expect("checked"),
        published,
        register_ref,
    };
    Ok(new)
}

/// Adds a product checked by [`check_product`].
pub async fn create_product(app: &App, caller: &Caller, producer: i64, f: ProductForm<'_>) -> Result<i64, AppError> {
    let new = check_product(app, caller, producer, f).await?;
    Ok(app.store.create_product(&caller.actor(), &new).await?)
}

/// Adds a JPEG or PNG photo (the type read from its bytes) of at most 8 MiB, without its
/// metadata; the same photo twice is one. Returns its id and whether it is new.
pub async fn add_photo(app: &App, caller: &Caller, product: i64, content: &[u8]) -> Result<(i64, bool), AppError> {
    app.reach(caller).product(Permission::ManageOvop, product).await?;
    if content.is_empty() {
        return Err(AppError::Invalid(vec![FieldError::new("photo", "receipt.empty", "")]));
    }
    if content.len() > PHOTO_MAX_BYTES {
        return Err(AppError::Invalid(vec![FieldError::new("photo", "receipt.too_large", content.len().to_string())]));
    }
    let Some(kind) = receipt_type(content).filter(|t| t.starts_with("image/")) else {
        return Err(AppError::Invalid(vec![FieldError::new("photo", "photo.type", "")]));
    };
    // The catalogue is public: a photo is kept without the GPS position and other metadata
    // the camera wrote into it.
    let clean = emgek_exchange::photos::without_metadata(content)
        .map_err(|_| AppError::Invalid(vec![FieldError::new("photo", "photo.type", "")]))?;
    Ok(app.store.add_photo(&caller.actor(), product, kind, &clean).await?)
}

/// An outlet as typed: at home it is in a rayon, abroad in a country.
pub struct OutletForm<'a> {
    pub name: &'a str,
    pub kind: &'a str,
    pub country: &'a str,
    pub rayon: &'a str,
    pub address: &'a str,
}

/// Adds a place that sells the programme's products.
pub async fn create_outlet(app: &App, caller: &Caller, f: OutletForm<'_>) -> Result<i64, AppError> {
    let new = check_outlet(f)?;
    Ok(app.store.create_outlet(&caller.actor(), &new).await?)
}

/// Checks an outlet as `create_outlet` does, writing nothing.
pub fn check_outlet(f: OutletForm<'_>) -> Result<NewOutlet, AppError> {
    let mut errors = Vec::new();
    let name = required(&mut errors, "name", f.name, 200);
    let kind = OutletKind::parse(f.kind);
    if kind.is_none() {
        errors.push(FieldError::new("kind", "outlet.kind_unknown", f.kind.trim()));
    }
    let abroad = !f.country.trim().is_empty() && !f.country.trim().eq_ignore_ascii_case("KG");
    let country = if abroad { parse_country(f.country).map_err(|e| errors.push(e)).ok() } else { Some("KG") };
    let rayon = match (abroad, f.rayon.trim()) {
        (true, _) | (false, "") => None,
        (false, code) => {
            if emgek_domain::geography::rayon(code).is_none() {
                errors.push(FieldError::new("rayon", "rayon.unknown", code));
            }
            Some(code.to_string())
        }
    };
    let address = f.address.trim().to_string();
    if address.chars().count() > 300 {
        errors.push(FieldError::new("address", "text.too_long", "300"));
    }
    invalid(errors)?;
    Ok(NewOutlet {
        name,
        kind: kind.expect("checked").code().to_string(),
        country: country.expect("checked").to_string(),
        rayon_code: rayon,
        address,
    })
}

/// A product is sold at an outlet (once: `outlet.already_linked`).
pub async fn sell_at(app: &App, caller: &Caller, product: i64, outlet: &str) -> Result<(), AppError> {
    app.reach(caller).product(Permission::ManageOvop, product).await?;
    let outlets = app.store.outlets().await?;
    let Some(o) = outlet.trim().parse::<i64>().ok().filter(|id| outlets.iter().any(|o| o.ovop_outlet_id == *id)) else {
        return Err(AppError::Invalid(vec![FieldError::new("outlet", "outlet.unknown", outlet.trim())]));
    };
    Ok(app.store.sell_at(&caller.actor(), product, o).await?)
}

/// An export contract as typed.
pub struct ExportForm<'a> {
    pub product_id: &'a str,
    pub reference: &'a str,
    pub buyer: &'a str,
    pub country: &'a str,
    pub signed_on: &'a str,
    pub quantity: &'a str,
    pub unit: &'a str,
    pub currency: &'a str,
    pub value: &'a str,
}

/// Checks, writing nothing, an export contract of a producer the officer covers, with its som and dollar
/// equivalents at the official rates of the day it was signed; a day without a rate for its
/// currency (or the dollar) is refused, naming the currency and the day (`rate.missing`).
pub async fn check_export(
    app: &App,
    caller: &Caller,
    producer: i64,
    f: ExportForm<'_>,
) -> Result<NewExportContract, AppError> {
    app.reach(caller).producer(Permission::ManageOvop, producer).await?;
    let mut errors = Vec::new();
    let product_id = optional_id(&mut errors, "product_id", f.product_id);
    if let Some(id) = product_id
        && app.store.product(id).await.ok().map(|p| p.ovop_producer_id) != Some(producer)
    {
        errors.push(FieldError::new("product_id", "ovop.product_unknown", id.to_string()));
    }
    let reference = required(&mut errors, "contract_reference", f.reference, 100);
    let country = parse_country(f.country).map_err(|e| errors.push(e)).ok();
    let signed_on = parse_date(f.signed_on);
    if signed_on.is_none() {
        errors.push(FieldError::new("signed_on", "date.invalid", f.signed_on.trim()));
    }
    let quantity = f.quantity.trim().replace([' ', '\u{a0}'], "").parse::<i64>().unwrap_or(0);
    errors.extend(check_contract(f.buyer, quantity));
    let unit = Unit::parse(f.unit);
    if unit.is_none() {
        errors.push(FieldError::new("unit", "unit.unknown", f.unit.trim()));
    }
    let currency = Currency::parse(f.currency);
    if currency.is_none() {
        errors.push(FieldError::new("currency", "rate.currency_unknown", f.currency.trim()));
    }
    let amount = currency.and_then(|c| Money::parse_major(f.value, c).ok()).filter(|m| m.minor() > 0);
    if amount.is_none() {
        errors.push(FieldError::new("contract_value", "money.positive", f.value.trim()));
    }
    let mut rates = None;
    if let (Some(c), Some(on)) = (currency, signed_on) {
        let rate = app.store.rate_on(c.code(), on).await?.or((c == Currency::KGS).then_some(10_000));
        let usd = app.store.rate_on("USD", on).await?;
        for (code, found) in [(c.code(), rate), ("USD", usd)] {
            if found.is_none() {
                errors.push(FieldError::new("signed_on", "rate.missing", format!("{code} {on}")));
            }
        }
        rates = rate.zip(usd);
    }
    if errors.iter().any(|e| e.field == "signed_on" && e.rule == "rate.missing") {
        errors.dedup_by(|a, b| a.rule == b.rule && a.value == b.value);
    }
    invalid(errors)?;
    let ((rate, usd_rate), amount) = (rates.expect("checked"), amount.expect("checked"));
    let v = value(amount, rate, usd_rate);
    let new = NewExportContract {
        producer_id: producer,
        product_id,
        reference,
        buyer: f.buyer.trim().to_string(),
        country: country.expect("checked").to_string(),
        signed_on: signed_on.expect("checked"),
        quantity,
        unit: unit.expect("checked").code().to_string(),
        currency: amount.currency().code().to_string(),
        value_minor: amount.minor(),
        rate_x10000: v.rate_x10000,
        som_tyiyn: v.som.minor(),
        usd_rate_x10000: v.usd_rate_x10000,
        usd_cents: v.usd.minor(),
    };
    Ok(new)
}

/// Records an export contract checked by [`check_export`].
pub async fn record_export(app: &App, caller: &Caller, producer: i64, f: ExportForm<'_>) -> Result<i64, AppError> {
    let new = check_export(app, caller, producer, f).await?;
    Ok(app.store.record_export_contract(&caller.actor(), &new).await?)
}

/// Export contracts added up: how many, and their som and dollar equivalents.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct ExportTotal {
    pub contracts: i64,
    pub som_tyiyn: i64,
    pub usd_cents: i64,
}

impl ExportTotal {
    fn add(&mut self, som_tyiyn: i64, usd_cents: i64) {
        self.contracts += 1;
        self.som_tyiyn += som_tyiyn;
        self.usd_cents += usd_cents;
    }
}

/// The programme's indicators, computed from the records the reader reaches.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
#[schema(as = OvopIndicators)]
pub struct Indicators {
    /// Products developed, by year.
    pub developed_by_year: BTreeMap<i32, i64>,
    /// Products developed in the last five calendar years, this one included.
    pub developed_five_years: i64,
    /// Products holding a regional certificate valid today, and the national brand.
    pub certified: i64,
    pub national_brand: i64,
    pub exports: ExportTotal,
    pub exports_by_year: BTreeMap<i32, ExportTotal>,
    pub exports_by_oblast: BTreeMap<String, ExportTotal>,
    pub exports_by_country: BTreeMap<String, ExportTotal>,
}

/// Products, certificates and export contracts of the places the reader reaches, on `today`.
pub async fn indicators(app: &App, caller: &Caller, today: time::Date) -> Result<Indicators, StoreError> {
    let areas = caller.areas(Permission::ReadOvop);
    let products: Vec<ProductRow> =
        app.store.products().await?.into_iter().filter(|p| areas.contains(&p.oblast_code, &p.rayon_code)).collect();
    let mut out = Indicators::default();
    for p in &products {
        let year = p.developed_on.year();
        *out.developed_by_year.entry(year).or_default() += 1;
        if year > today.year() - 5 {
            out.developed_five_years += 1;
        }
    }
    let reached: std::collections::BTreeSet<i64> = products.iter().map(|p| p.ovop_product_id).collect();
    let certificates = app.store.certificates().await?;
    for level in [Level::Regional, Level::National] {
        let holders: std::collections::BTreeSet<i64> = certificates
            .iter()
            .filter(|c| c.level == level.code() && reached.contains(&c.ovop_product_id))
            .filter(|c| matches!((c.valid_from, c.valid_until), (Some(f), Some(u)) if f <= today && today <= u))
            .map(|c| c.ovop_product_id)
            .collect();
        match level {
            Level::Regional => out.certified = holders.len() as i64,
            Level::National => out.national_brand = holders.len() as i64,
        }
    }
    for e in app.store.export_contracts().await? {
        if !areas.contains(&e.oblast_code, &e.rayon_code) {
            continue;
        }
        out.exports.add(e.som_tyiyn, e.usd_cents);
        out.exports_by_year.entry(e.signed_on.year()).or_default().add(e.som_tyiyn, e.usd_cents);
        out.exports_by_oblast.entry(e.oblast_code.clone()).or_default().add(e.som_tyiyn, e.usd_cents);
        out.exports_by_country.entry(e.country.clone()).or_default().add(e.som_tyiyn, e.usd_cents);
    }
    Ok(out)
}
