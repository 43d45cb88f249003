//! The store's doors for exchange rates and One Village – One Product. The SQL is in
//! `ovop_queries.rs`.

use time::Date;

use crate::ovop::*;
use crate::{Actor, Result, Store};

impl Store {
    /// Adds official rates (currency, day, som for one unit times 10,000), all or none.
    pub async fn add_rates(&self, by: &Actor, rates: &[(String, Date, i64)]) -> Result<usize> {
        on_backend!(self, add_rates(by, rates))
    }

    pub async fn rates(&self) -> Result<Vec<RateRow>> {
        on_backend!(self, rates())
    }

    /// The rate of `currency` in force on `on`, if one was set by then.
    pub async fn rate_on(&self, currency: &str, on: Date) -> Result<Option<i64>> {
        on_backend!(self, rate_on(currency, on))
    }

    pub async fn add_ovop_rules(
        &self,
        by: &Actor,
        r: &emgek_domain::ovop::certification::CertificationRules,
    ) -> Result<()> {
        on_backend!(self, add_ovop_rules(by, r))
    }

    /// The versions of the certification rules, latest first.
    pub async fn ovop_rules(&self) -> Result<Vec<emgek_domain::ovop::certification::CertificationRules>> {
        on_backend!(self, ovop_rules())
    }

    pub async fn create_producer(&self, by: &Actor, p: &NewProducer) -> Result<i64> {
        on_backend!(self, create_producer(by, p))
    }

    pub async fn producers(&self) -> Result<Vec<ProducerRow>> {
        on_backend!(self, producers())
    }

    pub async fn producer(&self, id: i64) -> Result<ProducerRow> {
        on_backend!(self, producer(id))
    }

    pub async fn create_product(&self, by: &Actor, p: &NewProduct) -> Result<i64> {
        on_backend!(self, create_product(by, p))
    }

    pub async fn publish_product(&self, by: &Actor, id: i64, published: bool) -> Result<()> {
        on_backend!(self, publish_product(by, id, published))
    }

    pub async fn products(&self) -> Result<Vec<ProductRow>> {
        on_backend!(self, products())
    }

    pub async fn product(&self, id: i64) -> Result<ProductRow> {
        on_backend!(self, product(id))
    }

    /// Adds a photo; the same photo twice is one: its id and whether it is new.
    pub async fn add_photo(&self, by: &Actor, product: i64, content_type: &str, content: &[u8]) -> Result<(i64, bool)> {
        on_backend!(self, add_photo(by, product, content_type, content))
    }

    pub async fn photos(&self, product: i64) -> Result<Vec<PhotoRow>> {
        on_backend!(self, photos(product))
    }

    pub async fn photo(&self, id: i64) -> Result<(PhotoRow, Vec<u8>)> {
        on_backend!(self, photo(id))
    }

    pub async fn record_certification(&self, by: &Actor, c: &NewCertification) -> Result<i64> {
        on_backend!(self, record_certification(by, c))
    }

    pub async fn certifications(&self, product: i64) -> Result<Vec<CertificationRow>> {
        on_backend!(self, certifications(product))
    }

    pub async fn certificates(&self) -> Result<Vec<CertificationRow>> {
        on_backend!(self, certificates())
    }

    pub async fn create_outlet(&self, by: &Actor, o: &NewOutlet) -> Result<i64> {
        on_backend!(self, create_outlet(by, o))
    }

    pub async fn outlets(&self) -> Result<Vec<OutletRow>> {
        on_backend!(self, outlets())
    }

    pub async fn sell_at(&self, by: &Actor, product: i64, outlet: i64) -> Result<()> {
        on_backend!(self, sell_at(by, product, outlet))
    }

    pub async fn product_outlets(&self, product: i64) -> Result<Vec<OutletRow>> {
        on_backend!(self, product_outlets(product))
    }

    pub async fn record_export_contract(&self, by: &Actor, e: &NewExportContract) -> Result<i64> {
        on_backend!(self, record_export_contract(by, e))
    }

    pub async fn export_contracts(&self) -> Result<Vec<ExportContractRow>> {
        on_backend!(self, export_contracts())
    }
}
