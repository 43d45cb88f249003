use thiserror::Error;

/// What can go wrong in storage, kept small: callers care whether a thing is missing, clashes
/// with another, or failed for a reason only the logs need.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    /// A uniqueness rule: the rule code names it for the user (`pin.taken`).
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("{0}")]
    Config(String),
    #[error("stored data is malformed: {0}")]
    Corrupt(String),
    /// A batch of writes sharing one SQLite commit was not saved (see `write_tx.rs`).
    #[error("{0}")]
    Commit(String),
    #[error(transparent)]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Other(sqlx::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = err {
            return StoreError::NotFound;
        }
        if let Some(rule) = on_constraint(&err) {
            return StoreError::Conflict(rule);
        }
        StoreError::Other(err)
    }
}

/// Maps a violated uniqueness constraint to the rule code shown to users. PostgreSQL names the
/// constraint; SQLite names the table and column in its message.
fn on_constraint(err: &sqlx::Error) -> Option<&'static str> {
    let db = err.as_database_error()?;
    if !db.is_unique_violation() {
        return None;
    }
    let name = db.constraint().unwrap_or_default();
    let message = db.message();
    if name == "members_pin_unique" || message.contains("members.pin") {
        Some("pin.taken")
    } else if name == "households_ref_unique" || message.contains("households.household_ref") {
        Some("household_ref.taken")
    } else if name == "applications_one_open" || message.contains("applications.call_id") {
        Some("application.open_exists")
    } else if name == "applications_ref_unique" || message.contains("applications.application_ref") {
        Some("application.ref_taken")
    } else if name == "contracts_number_unique" || message.contains("contracts.number") {
        Some("contract.number_taken")
    } else if name == "orders_ref_unique" || message.contains("orders.workshop_id") {
        Some("order.ref_taken")
    } else if name == "sales_ref_unique" || message.contains("sales.workshop_id") {
        Some("sale.ref_taken")
    } else if name == "programme_rules_unique" || message.contains("programme_rules.programme_id") {
        Some("rules.version_exists")
    } else if name == "programmes_code_unique" || message.contains("programmes.code") {
        Some("programme.code_taken")
    } else if name == "reviews_unique"
        || name == "reviews_plan_unique"
        || message.contains("reviews.application_id")
        || message.contains("reviews.enterprise_plan_id")
    {
        Some("review.already_given")
    } else if name == "commission_members_unique" || message.contains("commission_members.commission_id") {
        Some("commission.already_member")
    } else if name == "commissions_call_rayon_unique" || message.contains("commissions.call_id") {
        Some("commission.exists")
    } else if name == "payment_orders_one_per_tranche" || message.contains("payment_orders.contract_id") {
        Some("payment.tranche_ordered")
    } else if name == "graduations_contract_unique" || message.contains("graduations.contract_id") {
        Some("contract.graduated")
    } else if name == "monthly_reports_month_unique" || message.contains("monthly_reports.contract_id") {
        Some("report.month_exists")
    } else if name == "facilities_code_unique" || message.contains("facilities.code") {
        Some("facility.code_taken")
    } else if name == "workshops_code_unique" || message.contains("workshops.facility_id") {
        Some("workshop.code_taken")
    } else if name == "inmates_register_unique" || message.contains("inmates.facility_id") {
        Some("inmate.register_taken")
    } else if name == "facility_populations_unique" || message.contains("facility_populations.facility_id") {
        Some("population.already_counted")
    } else if name == "payroll_runs_unique" || message.contains("payroll_runs.workshop_id") {
        Some("payroll.closed")
    } else if name == "enterprise_rules_unique" || message.contains("enterprise_rules.effective_from") {
        Some("rules.version_exists")
    } else if name == "enrolments_unique" || message.contains("enrolments.course_id") {
        Some("course.already_enrolled")
    } else if name == "enrolments_certificate_unique" || message.contains("enrolments.certificate_number") {
        Some("certificate.taken")
    } else if name == "follow_ups_unique" || message.contains("follow_ups.inmate_id") {
        Some("follow_up.recorded")
    } else if name == "invoices_number_unique" || message.contains("invoices.number") {
        Some("invoice.number_taken")
    } else if name == "enterprise_plan_purchases_reference_unique"
        || message.contains("enterprise_plan_purchases.enterprise_plan_id")
    {
        Some("purchase.reference_taken")
    } else if name == "commissions_one_expert_group" || message.contains("commissions.kind") {
        Some("expert_group.exists")
    } else if name == "ovop_rules_unique" || message.contains("ovop_rules.effective_from") {
        Some("rules.version_exists")
    } else if name == "exchange_rates_unique" || message.contains("exchange_rates.currency") {
        Some("rate.exists")
    } else if name == "ovop_certifications_number_unique" || message.contains("ovop_certifications.certificate_number")
    {
        Some("certificate.number_taken")
    } else if name == "ovop_product_outlets_unique" || message.contains("ovop_product_outlets.ovop_product_id") {
        Some("outlet.already_linked")
    } else if name == "ovop_export_contracts_reference_unique"
        || message.contains("ovop_export_contracts.ovop_producer_id")
    {
        Some("export.reference_taken")
    } else if name == "users_username_unique" || message.contains("users.username") {
        Some("username.taken")
    } else {
        None
    }
}
