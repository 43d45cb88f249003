//! The store's doors for contracts after allocation: payments, refunds, graduation, monthly
//! reports with their receipts, and field visits. The SQL is in `contract_queries.rs`.

use crate::{Actor, Result, Store, programmes};

impl Store {
    pub async fn contract_of(&self, application_id: i64) -> Result<Option<programmes::ContractRow>> {
        on_backend!(self, contract_of(application_id))
    }

    pub async fn contract_context(&self, id: i64) -> Result<programmes::ContractContext> {
        on_backend!(self, contract_context(id))
    }

    pub async fn update_contract(
        &self,
        by: &Actor,
        id: i64,
        c: &emgek_domain::social_contract::contract::Contract,
        action: &str,
        reason: &str,
    ) -> Result<()> {
        on_backend!(self, update_contract(by, id, c, action, reason))
    }

    /// Returns the refund claimed (tyiyn).
    pub async fn terminate_contract(
        &self,
        by: &Actor,
        id: i64,
        c: &emgek_domain::social_contract::contract::Contract,
        programme_id: i64,
        violation: bool,
        reason: &str,
    ) -> Result<i64> {
        on_backend!(self, terminate_contract(by, id, c, programme_id, violation, reason))
    }

    pub async fn complete_contract(&self, by: &Actor, done: &programmes::Completion<'_>) -> Result<()> {
        on_backend!(self, complete_contract(by, done))
    }

    /// (the order, whether this request created it).
    pub async fn request_payment(
        &self,
        by: &Actor,
        contract_id: i64,
        tranche_no: i64,
        amount: i64,
        key: &str,
    ) -> Result<(programmes::PaymentOrderRow, bool)> {
        on_backend!(self, request_payment(by, contract_id, tranche_no, amount, key))
    }

    pub async fn payment_programme(&self, order_id: i64) -> Result<i64> {
        on_backend!(self, payment_programme(order_id))
    }

    pub async fn payment_orders(&self, contract_id: i64) -> Result<Vec<programmes::PaymentOrderRow>> {
        on_backend!(self, payment_orders(contract_id))
    }

    pub async fn take_bank_file(&self, by: &Actor) -> Result<Vec<programmes::BankLine>> {
        on_backend!(self, take_bank_file(by))
    }

    pub async fn confirm_payment(
        &self,
        by: &Actor,
        order_id: i64,
        paid: bool,
        bank_reference: &str,
        programme_id: i64,
        on: time::Date,
    ) -> Result<programmes::PaymentOrderRow> {
        on_backend!(self, confirm_payment(by, order_id, paid, bank_reference, programme_id, on))
    }

    /// Returns false when the key was seen before and nothing was posted.
    pub async fn repay_refund(
        &self,
        by: &Actor,
        contract_id: i64,
        programme_id: i64,
        amount: i64,
        key: &str,
    ) -> Result<bool> {
        on_backend!(self, repay_refund(by, contract_id, programme_id, amount, key))
    }

    pub async fn add_report(&self, by: &Actor, report: &programmes::NewReport<'_>) -> Result<i64> {
        on_backend!(self, add_report(by, report))
    }

    pub async fn reports(&self, contract_id: i64) -> Result<Vec<programmes::MonthlyReportRow>> {
        on_backend!(self, reports(contract_id))
    }

    pub async fn add_receipt(
        &self,
        by: &Actor,
        report_id: i64,
        file_name: &str,
        content_type: &str,
        content: &[u8],
    ) -> Result<i64> {
        on_backend!(self, add_receipt(by, report_id, file_name, content_type, content))
    }

    pub async fn receipts(&self, contract_id: i64) -> Result<Vec<programmes::ReceiptRow>> {
        on_backend!(self, receipts(contract_id))
    }

    /// A receipt, the id of its contract, and its content.
    pub async fn receipt(&self, id: i64) -> Result<(programmes::ReceiptRow, i64, Vec<u8>)> {
        on_backend!(self, receipt(id))
    }

    pub async fn report_contract(&self, report_id: i64) -> Result<i64> {
        on_backend!(self, report_contract(report_id))
    }

    pub async fn add_visit(
        &self,
        by: &Actor,
        contract_id: i64,
        visited_on: time::Date,
        outcome: &str,
        reasons: &str,
    ) -> Result<i64> {
        on_backend!(self, add_visit(by, contract_id, visited_on, outcome, reasons))
    }

    pub async fn visits(&self, contract_id: i64) -> Result<Vec<programmes::FieldVisitRow>> {
        on_backend!(self, visits(contract_id))
    }

    pub async fn monitored(
        &self,
        call_id: i64,
        areas: &emgek_domain::access::Areas,
    ) -> Result<Vec<programmes::MonitoredContract>> {
        on_backend!(self, monitored(call_id, areas))
    }
}
