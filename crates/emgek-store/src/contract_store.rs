//! The store's doors for contracts after allocation: payments, refunds, graduation, monthly
//! reports with their receipts, and field visits. The SQL is in `contract_queries.rs` and
//! `monitoring_queries.rs`.

use crate::{Actor, Result, Store, programmes};

impl Store {
    forward! {
        pub async fn contract_of(&self, application_id: i64) -> Result<Option<programmes::ContractRow>>;
        pub async fn contract_context(&self, id: i64) -> Result<programmes::ContractContext>;
        pub async fn update_contract(&self, by: &Actor, id: i64, c: &emgek_domain::social_contract::contract::Contract, action: &str, reason: &str) -> Result<()>;
        /// Returns the refund claimed (tyiyn).
        pub async fn terminate_contract(&self, by: &Actor, ending: &programmes::Ending<'_>) -> Result<i64>;
        pub async fn complete_contract(&self, by: &Actor, done: &programmes::Completion) -> Result<()>;
        /// Many contracts completed in one transaction: all, or none.
        pub async fn complete_contracts(&self, by: &Actor, done: &[programmes::Completion]) -> Result<()>;
        /// (the order, whether this request created it).
        pub async fn request_payment(&self, by: &Actor, contract_id: i64, tranche_no: i64, amount: i64, key: &str) -> Result<(programmes::PaymentOrderRow, bool)>;
        pub async fn payment_programme(&self, order_id: i64) -> Result<i64>;
        /// What a payment order's notice names: its programme, household, contract and amount.
        pub async fn payment_facts(&self, order_id: i64) -> Result<programmes::PaymentFacts>;
        pub async fn payment_orders(&self, contract_id: i64) -> Result<Vec<programmes::PaymentOrderRow>>;
        /// The payment orders of these contracts, in one query.
        pub async fn payment_orders_of(&self, contract_ids: &[i64]) -> Result<Vec<programmes::PaymentOrderRow>>;
        pub async fn take_bank_file(&self, by: &Actor) -> Result<Vec<programmes::BankLine>>;
        /// The bank's word on an order; `told` (the family's notice) is written with a payment.
        pub async fn confirm_payment(&self, by: &Actor, c: &programmes::Confirmation<'_>) -> Result<programmes::PaymentOrderRow>;
        /// Returns false when the key was seen before and nothing was posted.
        pub async fn repay_refund(&self, by: &Actor, contract_id: i64, programme_id: i64, amount: i64, key: &str, on: Option<time::Date>) -> Result<bool>;
        pub async fn add_report(&self, by: &Actor, report: &programmes::NewReport<'_>) -> Result<i64>;
        /// Many monthly reports in one transaction, each with its audit line: all, or none.
        pub async fn add_reports(&self, by: &Actor, reports: &[programmes::NewReport<'_>]) -> Result<()>;
        /// Contracts by their numbers with what they hang on and their plans' numbers of
        /// lines, in one query; numbers not held are missing.
        pub async fn contracts_by_numbers(&self, numbers: &[&str]) -> Result<Vec<(programmes::ContractContext, usize)>>;
        /// (contract, month, revenue, costs, jobs) of every month these contracts reported.
        pub async fn reported_months(&self, contract_ids: &[i64]) -> Result<Vec<(i64, time::Date, i64, i64, i64)>>;
        pub async fn reports(&self, contract_id: i64) -> Result<Vec<programmes::MonthlyReportRow>>;
        pub async fn add_receipt(&self, by: &Actor, report_id: i64, file_name: &str, content_type: &str, content: &[u8]) -> Result<i64>;
        pub async fn receipts(&self, contract_id: i64) -> Result<Vec<programmes::ReceiptRow>>;
        /// A receipt, the id of its contract, and its content.
        pub async fn receipt(&self, id: i64) -> Result<(programmes::ReceiptRow, i64, Vec<u8>)>;
        pub async fn report_contract(&self, report_id: i64) -> Result<i64>;
        pub async fn add_visit(&self, by: &Actor, contract_id: i64, visited_on: time::Date, outcome: &str, reasons: &str) -> Result<i64>;
        pub async fn visits(&self, contract_id: i64) -> Result<Vec<programmes::FieldVisitRow>>;
        /// Many field visits in one transaction, each with its audit line: all, or none.
        pub async fn add_visits(&self, by: &Actor, visits: &[programmes::NewVisit]) -> Result<()>;
        /// The field visits of these contracts, in one query.
        pub async fn visits_of(&self, contract_ids: &[i64]) -> Result<Vec<programmes::FieldVisitRow>>;
        pub async fn monitored(&self, call_id: i64, areas: &emgek_domain::access::Areas) -> Result<Vec<programmes::MonitoredContract>>;
    }
}
