//! Every route of the application and what it takes to use it: the one place where access is
//! declared. The guard refuses any route missing from this table (fail closed), and a test
//! walks the table for every role and scope.

use axum::http::Method;
use emgek_domain::access::Permission;

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// A signed-in user holding the permission (in some scope; records are checked by scope).
    Needs(Permission),
    /// A signed-in user holding the permission for the whole country: the national operations
    /// on money and rules (the bank file, allocation, exchange rates, targets).
    National(Permission),
}

use Permission::*;
use Rule::*;

pub const GET: &str = "GET";
pub const POST: &str = "POST";
pub const PUT: &str = "PUT";

pub const ROUTES: &[(&str, &str, Rule)] = &[
    (GET, "/healthz", Public),
    (GET, "/static/app.css", Public),
    (GET, "/lang/{code}", Public),
    (GET, "/login", Public),
    (POST, "/login", Public),
    (GET, "/setup", Public),
    (POST, "/setup", Public),
    (GET, "/api/docs", Public),
    (GET, "/api/docs/", Public),
    (GET, "/api/docs/{*rest}", Public),
    (GET, "/api/v1/openapi.json", Public),
    (GET, "/", SignedIn),
    (POST, "/logout", SignedIn),
    (GET, "/account", SignedIn),
    (GET, "/account/password", SignedIn),
    (POST, "/account/password", SignedIn),
    (GET, "/account/tokens", SignedIn),
    (POST, "/account/tokens", SignedIn),
    (POST, "/account/tokens/{id}/revoke", SignedIn),
    (GET, "/households", Needs(ReadRegistry)),
    (POST, "/households", Needs(EditRegistry)),
    (GET, "/households/new", Needs(EditRegistry)),
    (GET, "/households/export.csv", Needs(ExportRegistry)),
    (GET, "/households/export.xlsx", Needs(ExportRegistry)),
    (GET, "/households/{id}", Needs(ReadRegistry)),
    (GET, "/households/{id}/edit", Needs(EditRegistry)),
    (POST, "/households/{id}/edit", Needs(EditRegistry)),
    (GET, "/households/{id}/members/new", Needs(EditRegistry)),
    (POST, "/households/{id}/members/new", Needs(EditRegistry)),
    (GET, "/members/{id}/edit", Needs(EditRegistry)),
    (POST, "/members/{id}/edit", Needs(EditRegistry)),
    (GET, "/import", Needs(ImportRegistry)),
    (POST, "/import", Needs(ImportRegistry)),
    (GET, "/import/template.csv", Needs(ImportRegistry)),
    (GET, "/import/template.xlsx", Needs(ImportRegistry)),
    (GET, "/import/rates", National(ManageRates)),
    (POST, "/import/rates", National(ManageRates)),
    (GET, "/import/ovop-producers", Needs(ManageOvop)),
    (POST, "/import/ovop-producers", Needs(ManageOvop)),
    (GET, "/import/ovop-products", Needs(ManageOvop)),
    (POST, "/import/ovop-products", Needs(ManageOvop)),
    (GET, "/import/ovop-certifications", Needs(CertifyProducts)),
    (POST, "/import/ovop-certifications", Needs(CertifyProducts)),
    (GET, "/import/ovop-exports", Needs(ManageOvop)),
    (POST, "/import/ovop-exports", Needs(ManageOvop)),
    (GET, "/import/sc-reports", Needs(EditApplications)),
    (POST, "/import/sc-reports", Needs(EditApplications)),
    (GET, "/import/jobs/{id}", Needs(ImportRegistry)),
    (GET, "/import/jobs/{id}/rejects.csv", Needs(ImportRegistry)),
    (GET, "/import/map/{id}", Needs(ImportRegistry)),
    (POST, "/import/map/{id}", Needs(ImportRegistry)),
    (GET, "/users", Needs(ManageUsers)),
    (GET, "/users/new", Needs(ManageUsers)),
    (POST, "/users/new", Needs(ManageUsers)),
    (GET, "/users/{id}", Needs(ManageUsers)),
    (POST, "/users/{id}", Needs(ManageUsers)),
    (GET, "/programmes", Needs(ReadApplications)),
    (POST, "/programmes", Needs(ManageProgrammes)),
    (POST, "/programmes/{id}/calls", Needs(ManageProgrammes)),
    (GET, "/programmes/{id}/rules", Needs(ReadApplications)),
    (POST, "/programmes/{id}/rules", Needs(ManageProgrammes)),
    (GET, "/calls/{id}", Needs(ReadApplications)),
    (GET, "/calls/{id}/applications/new", Needs(EditApplications)),
    (POST, "/calls/{id}/applications/new", Needs(EditApplications)),
    (GET, "/applications/{id}", Needs(ReadApplications)),
    (POST, "/applications/{id}/step", SignedIn),
    (POST, "/applications/{id}/reviews", Needs(ReviewApplications)),
    (GET, "/contracts/{id}", Needs(ReadApplications)),
    (GET, "/contracts/{id}/contract.pdf", Needs(ReadApplications)),
    (POST, "/contracts/{id}/step", SignedIn),
    (POST, "/contracts/{id}/reports", Needs(EditApplications)),
    (POST, "/contracts/{id}/visits", Needs(EditApplications)),
    (POST, "/reports/{id}/receipts", Needs(EditApplications)),
    (GET, "/receipts/{id}", Needs(ReadApplications)),
    (GET, "/calls/{id}/overdue", Needs(ReadApplications)),
    (GET, "/payments", National(SendPayments)),
    (POST, "/payments", National(SendPayments)),
    (POST, "/payments/bank-file.csv", National(SendPayments)),
    (GET, "/calls/{id}/minutes", Needs(ReadApplications)),
    (POST, "/calls/{id}/trainings", Needs(EditApplications)),
    (POST, "/calls/{id}/attendance", Needs(EditApplications)),
    (GET, "/calls/{id}/commissions", Needs(ManageProgrammes)),
    (POST, "/calls/{id}/commissions", Needs(ManageProgrammes)),
    (POST, "/commissions/{id}/members", Needs(ManageProgrammes)),
    (GET, "/calls/{id}/allocation", National(ManageProgrammes)),
    (POST, "/calls/{id}/allocation", National(ManageProgrammes)),
    (GET, "/enterprises", Needs(ReadEnterprises)),
    (POST, "/enterprises", Needs(ManageEnterprises)),
    (POST, "/enterprises/rules", Needs(ManageEnterprises)),
    (GET, "/enterprises/finance", Needs(ReadEnterprises)),
    (POST, "/enterprises/funding", Needs(ManageEnterprises)),
    (POST, "/enterprises/disbursements", Needs(ManageEnterprises)),
    (GET, "/facilities/{id}", Needs(ReadEnterprises)),
    (POST, "/facilities/{id}/populations", Needs(ManageEnterprises)),
    (POST, "/facilities/{id}/workshops", Needs(ManageEnterprises)),
    (GET, "/facilities/{id}/inmates", Needs(ReadInmates)),
    (POST, "/facilities/{id}/inmates", Needs(RunEnterprises)),
    (GET, "/inmates/{id}", Needs(ReadInmates)),
    (POST, "/inmates/{id}/work", Needs(RunEnterprises)),
    (POST, "/inmates/{id}/deductions", Needs(RunEnterprises)),
    (POST, "/inmates/{id}/release", Needs(RunEnterprises)),
    (POST, "/inmates/{id}/follow-ups", Needs(RunEnterprises)),
    (POST, "/facilities/{id}/courses", Needs(RunEnterprises)),
    (GET, "/courses/{id}", Needs(ReadInmates)),
    (POST, "/courses/{id}/enrolments", Needs(RunEnterprises)),
    (POST, "/courses/{id}/completions", Needs(RunEnterprises)),
    (GET, "/workshops/{id}", Needs(ReadEnterprises)),
    (POST, "/workshops/{id}/production", Needs(RunEnterprises)),
    (POST, "/workshops/{id}/sales", Needs(RunEnterprises)),
    (POST, "/workshops/{id}/timesheet", Needs(RunEnterprises)),
    (POST, "/workshops/{id}/payroll", Needs(RunEnterprises)),
    (POST, "/workshops/{id}/costs", Needs(RunEnterprises)),
    (GET, "/enterprises/plans", Needs(ReadEnterprises)),
    (POST, "/enterprises/plans", Needs(RunEnterprises)),
    (GET, "/enterprise-plans/{id}", Needs(ReadEnterprises)),
    (POST, "/enterprise-plans/{id}/lines", Needs(RunEnterprises)),
    (POST, "/enterprise-plans/{id}/lines/{line}/remove", Needs(RunEnterprises)),
    (POST, "/enterprise-plans/{id}/author-steps", Needs(RunEnterprises)),
    (POST, "/enterprise-plans/{id}/review-steps", Needs(ReviewEnterprisePlans)),
    (POST, "/enterprise-plans/{id}/reviews", Needs(ReviewEnterprisePlans)),
    (POST, "/enterprise-plans/{id}/purchases", Needs(RunEnterprises)),
    (GET, "/enterprises/expert-group", Needs(ReadEnterprises)),
    (POST, "/enterprises/expert-group", Needs(ManageEnterprises)),
    (POST, "/enterprises/expert-group/members", Needs(ManageEnterprises)),
    (GET, "/workshops/{id}/orders", Needs(ReadEnterprises)),
    (POST, "/workshops/{id}/orders", Needs(RunEnterprises)),
    (GET, "/orders/{id}", Needs(ReadEnterprises)),
    (POST, "/orders/{id}/deliveries", Needs(RunEnterprises)),
    (POST, "/orders/{id}/invoices", Needs(RunEnterprises)),
    (POST, "/orders/{id}/payments", Needs(RunEnterprises)),
    (GET, "/catalogue", Public),
    (GET, "/catalogue/{id}", Public),
    (GET, "/catalogue/photos/{id}", Public),
    (GET, "/rates", SignedIn),
    (GET, "/dashboards", Needs(ReadIndicators)),
    (GET, "/dashboards/records", Needs(ReadIndicators)),
    (GET, "/dashboards/{view}", Needs(ReadIndicators)),
    (GET, "/dashboards/{view}/export", Needs(ReadIndicators)),
    (GET, "/indicators", Needs(ReadIndicators)),
    (POST, "/indicators/targets", National(ManageTargets)),
    (GET, "/reports", Needs(ReadIndicators)),
    (GET, "/reports/{kind}", Needs(ReadIndicators)),
    (GET, "/reports/{kind}/{format}", Needs(ReadIndicators)),
    (GET, "/api/v1/indicators", Needs(ReadIndicators)),
    (GET, "/api/v1/indicators/{code}/figures", Needs(ReadIndicators)),
    (GET, "/api/v1/indicator-targets", Needs(ReadIndicators)),
    (POST, "/api/v1/indicator-targets", National(ManageTargets)),
    (POST, "/rates", National(ManageRates)),
    (POST, "/rates/import", National(ManageRates)),
    (GET, "/ovop", Needs(ReadOvop)),
    (POST, "/ovop", Needs(ManageOvop)),
    (POST, "/ovop/rules", Needs(ManageOvop)),
    (POST, "/ovop/outlets", Needs(ManageOvop)),
    (POST, "/ovop/products/{id}/outlets", Needs(ManageOvop)),
    (GET, "/ovop/producers/{id}", Needs(ReadOvop)),
    (POST, "/ovop/producers/{id}/products", Needs(ManageOvop)),
    (POST, "/ovop/producers/{id}/exports", Needs(ManageOvop)),
    (GET, "/ovop/products/{id}", Needs(ReadOvop)),
    (POST, "/ovop/products/{id}/certifications", Needs(CertifyProducts)),
    (POST, "/ovop/products/{id}/photos", Needs(ManageOvop)),
    (GET, "/ovop/photos/{id}", Needs(ReadOvop)),
    (GET, "/audit", Needs(ReadAudit)),
    (GET, "/audit/export.csv", Needs(ReadAudit)),
    (GET, "/api/v1/exchange-rates", SignedIn),
    (POST, "/api/v1/exchange-rates", National(ManageRates)),
    (POST, "/api/v1/exchange-rates/import", National(ManageRates)),
    (GET, "/api/v1/ovop/producers", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/producers", Needs(ManageOvop)),
    (POST, "/api/v1/ovop/producers/{id}/products", Needs(ManageOvop)),
    (POST, "/api/v1/ovop/producers/{id}/exports", Needs(ManageOvop)),
    (GET, "/api/v1/ovop/products", Needs(ReadOvop)),
    (GET, "/api/v1/ovop/products/{id}", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/products/{id}/photos", Needs(ManageOvop)),
    (GET, "/api/v1/ovop/products/{id}/certifications", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/products/{id}/certifications", Needs(CertifyProducts)),
    (GET, "/api/v1/ovop/exports", Needs(ReadOvop)),
    (GET, "/api/v1/ovop/indicators", Needs(ReadOvop)),
    (GET, "/api/v1/ovop/rules", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/rules", Needs(ManageOvop)),
    (GET, "/api/v1/ovop/outlets", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/outlets", Needs(ManageOvop)),
    (GET, "/api/v1/ovop/products/{id}/outlets", Needs(ReadOvop)),
    (POST, "/api/v1/ovop/products/{id}/outlets", Needs(ManageOvop)),
    (GET, "/api/v1/households", Needs(ReadRegistry)),
    (POST, "/api/v1/households", Needs(EditRegistry)),
    (GET, "/api/v1/households/export", Needs(ExportRegistry)),
    (GET, "/api/v1/households/{id}", Needs(ReadRegistry)),
    (PUT, "/api/v1/households/{id}", Needs(EditRegistry)),
    (GET, "/api/v1/households/{id}/history", Needs(ReadRegistry)),
    (POST, "/api/v1/households/{id}/members", Needs(EditRegistry)),
    (PUT, "/api/v1/members/{id}", Needs(EditRegistry)),
    (POST, "/api/v1/imports/households", Needs(ImportRegistry)),
    (POST, "/api/v1/imports/rates", National(ManageRates)),
    (POST, "/api/v1/imports/ovop-producers", Needs(ManageOvop)),
    (POST, "/api/v1/imports/ovop-products", Needs(ManageOvop)),
    (POST, "/api/v1/imports/ovop-certifications", Needs(CertifyProducts)),
    (POST, "/api/v1/imports/ovop-exports", Needs(ManageOvop)),
    (POST, "/api/v1/imports/sc-reports", Needs(EditApplications)),
    (GET, "/api/v1/oblasts", SignedIn),
    (GET, "/api/v1/programmes", Needs(ReadApplications)),
    (POST, "/api/v1/programmes", Needs(ManageProgrammes)),
    (GET, "/api/v1/programmes/{id}/rules", Needs(ReadApplications)),
    (POST, "/api/v1/programmes/{id}/rules", Needs(ManageProgrammes)),
    (GET, "/api/v1/programmes/{id}/calls", Needs(ReadApplications)),
    (GET, "/api/v1/programmes/{id}/targeting", Needs(ReadRegistry)),
    (POST, "/api/v1/programmes/{id}/calls", Needs(ManageProgrammes)),
    (POST, "/api/v1/calls/{id}/trainings", Needs(EditApplications)),
    (POST, "/api/v1/trainings/{id}/attendance", Needs(EditApplications)),
    (GET, "/api/v1/calls/{id}/applications", Needs(ReadApplications)),
    (POST, "/api/v1/calls/{id}/applications", Needs(EditApplications)),
    (GET, "/api/v1/applications/{id}", Needs(ReadApplications)),
    (PUT, "/api/v1/applications/{id}/plan", Needs(EditApplications)),
    (POST, "/api/v1/applications/{id}/submit", Needs(EditApplications)),
    (POST, "/api/v1/applications/{id}/withdraw", Needs(EditApplications)),
    (POST, "/api/v1/applications/{id}/return", Needs(ReviewApplications)),
    (POST, "/api/v1/applications/{id}/review", Needs(ReviewApplications)),
    (POST, "/api/v1/calls/{id}/commissions", Needs(ManageProgrammes)),
    (POST, "/api/v1/commissions/{id}/members", Needs(ManageProgrammes)),
    (POST, "/api/v1/applications/{id}/reviews", Needs(ReviewApplications)),
    (GET, "/api/v1/applications/{id}/reviews", Needs(ReadApplications)),
    (POST, "/api/v1/applications/{id}/decision", Needs(ReviewApplications)),
    (POST, "/api/v1/calls/{id}/allocation", National(ManageProgrammes)),
    (GET, "/api/v1/contracts/{id}", Needs(ReadApplications)),
    (POST, "/api/v1/contracts/{id}/sign", Needs(EditApplications)),
    (POST, "/api/v1/contracts/{id}/extend", Needs(EditApplications)),
    (POST, "/api/v1/contracts/{id}/terminate", Needs(ManageProgrammes)),
    (POST, "/api/v1/contracts/{id}/complete", Needs(EditApplications)),
    (POST, "/api/v1/contracts/{id}/payments", Needs(ManageProgrammes)),
    (POST, "/api/v1/contracts/{id}/repayments", Needs(ManageProgrammes)),
    (POST, "/api/v1/payments/bank-file", National(SendPayments)),
    (POST, "/api/v1/payments/confirmations", National(SendPayments)),
    (POST, "/api/v1/contracts/{id}/reports", Needs(EditApplications)),
    (GET, "/api/v1/contracts/{id}/reports", Needs(ReadApplications)),
    (POST, "/api/v1/contracts/{id}/visits", Needs(EditApplications)),
    (GET, "/api/v1/contracts/{id}/visits", Needs(ReadApplications)),
    (POST, "/api/v1/reports/{id}/receipts", Needs(EditApplications)),
    (GET, "/api/v1/receipts/{id}", Needs(ReadApplications)),
    (GET, "/api/v1/calls/{id}/overdue", Needs(ReadApplications)),
    (GET, "/api/v1/facilities", Needs(ReadEnterprises)),
    (POST, "/api/v1/facilities", Needs(ManageEnterprises)),
    (GET, "/api/v1/facilities/{id}", Needs(ReadEnterprises)),
    (POST, "/api/v1/facilities/{id}/populations", Needs(ManageEnterprises)),
    (POST, "/api/v1/facilities/{id}/workshops", Needs(ManageEnterprises)),
    (GET, "/api/v1/facilities/{id}/inmates", Needs(ReadInmates)),
    (POST, "/api/v1/facilities/{id}/inmates", Needs(RunEnterprises)),
    (POST, "/api/v1/inmates/{id}/work", Needs(RunEnterprises)),
    (POST, "/api/v1/inmates/{id}/deductions", Needs(RunEnterprises)),
    (GET, "/api/v1/workshops/{id}/production", Needs(ReadEnterprises)),
    (POST, "/api/v1/workshops/{id}/production", Needs(RunEnterprises)),
    (GET, "/api/v1/workshops/{id}/sales", Needs(ReadEnterprises)),
    (POST, "/api/v1/workshops/{id}/sales", Needs(RunEnterprises)),
    (PUT, "/api/v1/workshops/{id}/timesheet", Needs(RunEnterprises)),
    (GET, "/api/v1/workshops/{id}/payroll", Needs(ReadInmates)),
    (POST, "/api/v1/workshops/{id}/payroll", Needs(RunEnterprises)),
    (GET, "/api/v1/enterprise-rules", Needs(ReadEnterprises)),
    (POST, "/api/v1/enterprise-rules", Needs(ManageEnterprises)),
    (GET, "/api/v1/enterprise-indicators", Needs(ReadEnterprises)),
    (GET, "/api/v1/enterprise-finance", Needs(ReadEnterprises)),
    (GET, "/api/v1/enterprise-plans", Needs(ReadEnterprises)),
    (POST, "/api/v1/enterprise-plans", Needs(RunEnterprises)),
    (GET, "/api/v1/enterprise-plans/{id}", Needs(ReadEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/lines", Needs(RunEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/lines/{line}/remove", Needs(RunEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/submit", Needs(RunEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/withdraw", Needs(RunEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/start-review", Needs(ReviewEnterprisePlans)),
    (POST, "/api/v1/enterprise-plans/{id}/return", Needs(ReviewEnterprisePlans)),
    (GET, "/api/v1/enterprise-plans/{id}/reviews", Needs(ReadEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/reviews", Needs(ReviewEnterprisePlans)),
    (POST, "/api/v1/enterprise-plans/{id}/decision", Needs(ReviewEnterprisePlans)),
    (GET, "/api/v1/enterprise-plans/{id}/purchases", Needs(ReadEnterprises)),
    (POST, "/api/v1/enterprise-plans/{id}/purchases", Needs(RunEnterprises)),
    (GET, "/api/v1/expert-group", Needs(ReadEnterprises)),
    (PUT, "/api/v1/expert-group", Needs(ManageEnterprises)),
    (POST, "/api/v1/expert-group/members", Needs(ManageEnterprises)),
    (GET, "/api/v1/workshops/{id}/orders", Needs(ReadEnterprises)),
    (POST, "/api/v1/workshops/{id}/orders", Needs(RunEnterprises)),
    (GET, "/api/v1/orders/{id}", Needs(ReadEnterprises)),
    (POST, "/api/v1/orders/{id}/deliveries", Needs(RunEnterprises)),
    (POST, "/api/v1/orders/{id}/invoices", Needs(RunEnterprises)),
    (POST, "/api/v1/invoices/{id}/payments", Needs(RunEnterprises)),
    (GET, "/api/v1/facilities/{id}/courses", Needs(ReadEnterprises)),
    (POST, "/api/v1/facilities/{id}/courses", Needs(RunEnterprises)),
    (GET, "/api/v1/courses/{id}/enrolments", Needs(ReadInmates)),
    (POST, "/api/v1/courses/{id}/enrolments", Needs(RunEnterprises)),
    (POST, "/api/v1/enrolments/{id}/completion", Needs(RunEnterprises)),
    (POST, "/api/v1/inmates/{id}/release", Needs(RunEnterprises)),
    (GET, "/api/v1/inmates/{id}/follow-ups", Needs(ReadInmates)),
    (POST, "/api/v1/inmates/{id}/follow-ups", Needs(RunEnterprises)),
    (GET, "/api/v1/workshops/{id}/costs", Needs(ReadEnterprises)),
    (POST, "/api/v1/workshops/{id}/costs", Needs(RunEnterprises)),
    (GET, "/api/v1/funding", Needs(ReadEnterprises)),
    (POST, "/api/v1/funding", Needs(ManageEnterprises)),
    (POST, "/api/v1/funding/{id}/disbursements", Needs(ManageEnterprises)),
];

/// The rule of a route, by method and matched path; `None` for a route nobody declared.
pub fn rule_for(method: &Method, path: &str) -> Option<Rule> {
    // HEAD is answered by GET routes.
    let method = if method == Method::HEAD { GET } else { method.as_str() };
    ROUTES.iter().find(|(m, p, _)| *m == method && *p == path).map(|r| r.2)
}

/// The methods the table declares for a matched path (HEAD with GET).
pub fn methods_of(path: &str) -> Vec<&'static str> {
    let mut methods: Vec<&'static str> = ROUTES.iter().filter(|r| r.1 == path).map(|r| r.0).collect();
    if methods.contains(&GET) {
        methods.push("HEAD");
    }
    methods
}

/// A path of a page route, checked against the table when the router is built: a route nobody
/// declared stops the application from starting (and so fails every test).
pub fn declared(path: &'static str) -> &'static str {
    assert!(ROUTES.iter().any(|r| r.1 == path), "route {path} is missing from auth::routes::ROUTES");
    path
}

/// The same for a route of the API router, nested under `/api/v1`.
pub fn declared_api(path: &'static str) -> &'static str {
    assert!(
        ROUTES.iter().any(|r| r.1.strip_prefix("/api/v1") == Some(path)),
        "route /api/v1{path} is missing from auth::routes::ROUTES"
    );
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_route_is_declared_twice() {
        for (i, a) in ROUTES.iter().enumerate() {
            assert!(!ROUTES[i + 1..].iter().any(|b| a.0 == b.0 && a.1 == b.1), "{} {} twice", a.0, a.1);
        }
    }

    #[test]
    #[should_panic(expected = "missing from auth::routes::ROUTES")]
    fn an_undeclared_route_stops_the_router_from_being_built() {
        declared("/nowhere");
    }
}
