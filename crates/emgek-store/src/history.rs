//! A programme's earlier records carried over in bulk (SQL in `history_queries.rs`).

use time::Date;

use crate::{Actor, Result, Store};

/// A contract funded before emgek, as the ministry's records hold it.
#[derive(Debug, Clone)]
pub struct CarriedContract {
    pub household_id: i64,
    pub oblast: String,
    pub rayon: String,
    pub call_id: i64,
    /// `SC-YEAR-OBLAST-SEQUENCE`, as numbered then.
    pub number: String,
    pub grant_tyiyn: i64,
    /// The day the grant was paid and the contract started.
    pub starts: Date,
    /// The business plan, as applications keep it.
    pub plan_json: String,
    /// Each month's report from the first: revenue and costs in tyiyn, people working.
    pub months: Vec<(i64, i64, i64)>,
    /// The day it graduated and the day its right to the benefit is limited until.
    pub graduated: Option<(Date, Date)>,
}

impl Store {
    forward! {
        /// Households whose number begins with `prefix`: (number, id), by number.
        pub async fn household_ids_by_ref(&self, prefix: &str) -> Result<Vec<(String, i64)>>;
        /// The contract that carries a number, if any.
        pub async fn contract_id_by_number(&self, number: &str) -> Result<Option<i64>>;
        /// Writes the carried-over contracts of a programme in one transaction, or none.
        pub async fn carry_over_contracts(&self, by: &Actor, programme_id: i64, rows: &[CarriedContract]) -> Result<usize>;
    }
}
