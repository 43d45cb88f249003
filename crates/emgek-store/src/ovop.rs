//! Official exchange rates and One Village – One Product as the store keeps them: producers,
//! products, photos, brand certifications, outlets and export contracts. Values are checked by
//! the caller (`emgek-domain`'s `rates` and `ovop`); the store keeps them and their history.

use serde::Serialize;
use time::Date;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RateRow {
    pub currency: String,
    pub rate_on: Date,
    /// Som for one unit, times 10,000.
    pub som_x10000: i64,
    pub created_by: String,
}

/// A producer with where it is and how many products it has.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProducerRow {
    pub ovop_producer_id: i64,
    pub kind: String,
    pub name: String,
    pub rayon_code: String,
    pub oblast_code: String,
    pub village: String,
    pub contract_id: Option<i64>,
    pub workshop_id: Option<i64>,
    pub contact: String,
    pub publish_contact: bool,
    pub products: i64,
    /// The ministry's register number, for a producer imported from its files.
    pub register_ref: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewProducer {
    pub kind: String,
    pub name: String,
    pub rayon_code: String,
    pub village: String,
    pub contract_id: Option<i64>,
    pub workshop_id: Option<i64>,
    pub contact: String,
    pub publish_contact: bool,
    /// The ministry's register number, for a producer imported from its files.
    pub register_ref: Option<String>,
}

/// A product with its producer's place (for scopes, the catalogue and indicators).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProductRow {
    pub ovop_product_id: i64,
    pub ovop_producer_id: i64,
    pub producer_name: String,
    pub producer_kind: String,
    pub rayon_code: String,
    pub oblast_code: String,
    pub village: String,
    pub contact: String,
    pub publish_contact: bool,
    pub category: String,
    pub name_ky: String,
    pub name_ru: String,
    pub name_en: String,
    pub description_ky: String,
    pub description_ru: String,
    pub description_en: String,
    pub local_resources: String,
    pub developed_on: Date,
    pub published: bool,
    pub photos: i64,
    /// The first photo, for a card.
    pub first_photo: Option<i64>,
    pub register_ref: Option<String>,
}

#[derive(Debug, Clone)]
pub struct NewProduct {
    pub producer_id: i64,
    pub category: String,
    pub names: [String; 3],
    pub descriptions: [String; 3],
    pub local_resources: String,
    pub developed_on: Date,
    pub published: bool,
    /// The ministry's register number, for a product imported from its files.
    pub register_ref: Option<String>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PhotoRow {
    pub ovop_product_photo_id: i64,
    pub ovop_product_id: i64,
    pub content_type: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CertificationRow {
    pub ovop_certification_id: i64,
    pub ovop_product_id: i64,
    pub level: String,
    pub oblast_code: Option<String>,
    pub assessed_on: Date,
    pub scores_json: String,
    pub total: i64,
    pub max_points: i64,
    pub passed: bool,
    pub certificate_number: Option<String>,
    pub valid_from: Option<Date>,
    pub valid_until: Option<Date>,
    pub comment: String,
    pub created_by: String,
}

#[derive(Debug, Clone)]
pub struct NewCertification {
    pub product_id: i64,
    pub level: String,
    pub oblast_code: Option<String>,
    pub assessed_on: Date,
    pub scores_json: String,
    pub total: i64,
    pub max_points: i64,
    /// The certificate and its validity, when the product passed.
    pub certificate: Option<(String, Date, Date)>,
    pub comment: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OutletRow {
    pub ovop_outlet_id: i64,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub rayon_code: Option<String>,
    pub address: String,
}

#[derive(Debug, Clone)]
pub struct NewOutlet {
    pub name: String,
    pub kind: String,
    pub country: String,
    pub rayon_code: Option<String>,
    pub address: String,
}

/// An export contract with its producer's place.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ExportContractRow {
    pub ovop_export_contract_id: i64,
    pub ovop_producer_id: i64,
    pub ovop_product_id: Option<i64>,
    pub producer_name: String,
    pub rayon_code: String,
    pub oblast_code: String,
    pub reference: String,
    pub buyer: String,
    pub country: String,
    pub signed_on: Date,
    pub quantity: i64,
    pub unit: String,
    pub currency: String,
    pub value_minor: i64,
    pub rate_x10000: i64,
    pub som_tyiyn: i64,
    pub usd_rate_x10000: i64,
    pub usd_cents: i64,
}

#[derive(Debug, Clone)]
pub struct NewExportContract {
    pub producer_id: i64,
    pub product_id: Option<i64>,
    pub reference: String,
    pub buyer: String,
    pub country: String,
    pub signed_on: Date,
    pub quantity: i64,
    pub unit: String,
    pub currency: String,
    pub value_minor: i64,
    pub rate_x10000: i64,
    pub som_tyiyn: i64,
    pub usd_rate_x10000: i64,
    pub usd_cents: i64,
}
