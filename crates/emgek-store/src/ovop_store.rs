//! The store's doors for exchange rates and One Village – One Product. The SQL is in
//! `ovop_queries.rs`.

use time::Date;

use crate::ovop::*;
use crate::{Actor, Result, Store};

impl Store {
    forward! {
        /// Adds official rates (currency, day, som for one unit times 10,000), all or none.
        pub async fn add_rates(&self, by: &Actor, rates: &[(String, Date, i64)]) -> Result<usize>;
        pub async fn rates(&self) -> Result<Vec<RateRow>>;
        /// The rate of `currency` in force on `on`, if one was set by then.
        pub async fn rate_on(&self, currency: &str, on: Date) -> Result<Option<i64>>;
        pub async fn add_ovop_rules(&self, by: &Actor, r: &emgek_domain::ovop::certification::CertificationRules) -> Result<()>;
        /// The versions of the certification rules, latest first.
        pub async fn ovop_rules(&self) -> Result<Vec<emgek_domain::ovop::certification::CertificationRules>>;
        pub async fn create_producer(&self, by: &Actor, p: &NewProducer) -> Result<i64>;
        pub async fn producers(&self) -> Result<Vec<ProducerRow>>;
        pub async fn producer(&self, id: i64) -> Result<ProducerRow>;
        pub async fn create_product(&self, by: &Actor, p: &NewProduct) -> Result<i64>;
        pub async fn publish_product(&self, by: &Actor, id: i64, published: bool) -> Result<()>;
        pub async fn products(&self) -> Result<Vec<ProductRow>>;
        pub async fn product(&self, id: i64) -> Result<ProductRow>;
        /// Adds a photo; the same photo twice is one: its id and whether it is new.
        pub async fn add_photo(&self, by: &Actor, product: i64, content_type: &str, content: &[u8]) -> Result<(i64, bool)>;
        pub async fn photos(&self, product: i64) -> Result<Vec<PhotoRow>>;
        pub async fn photo(&self, id: i64) -> Result<(PhotoRow, Vec<u8>)>;
        pub async fn record_certification(&self, by: &Actor, c: &NewCertification) -> Result<i64>;
        pub async fn certifications(&self, product: i64) -> Result<Vec<CertificationRow>>;
        pub async fn certificates(&self) -> Result<Vec<CertificationRow>>;
        pub async fn create_outlet(&self, by: &Actor, o: &NewOutlet) -> Result<i64>;
        pub async fn outlets(&self) -> Result<Vec<OutletRow>>;
        pub async fn sell_at(&self, by: &Actor, product: i64, outlet: i64) -> Result<()>;
        pub async fn product_outlets(&self, product: i64) -> Result<Vec<OutletRow>>;
        pub async fn record_export_contract(&self, by: &Actor, e: &NewExportContract) -> Result<i64>;
        pub async fn export_contracts(&self) -> Result<Vec<ExportContractRow>>;
    }
}
