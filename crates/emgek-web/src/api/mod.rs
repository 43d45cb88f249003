//! The JSON API under `/api/v1`, described by the OpenAPI document at `/api/v1/openapi.json`
//! and browsable at `/api/docs` (Swagger UI, compiled into the binary).

mod applications;
pub(crate) mod contracts;
mod enterprise_finance;
mod enterprises;
mod grievances;
mod households;
mod imports;
mod indicators;
pub mod json;
mod openapi;
use openapi::Finish;
mod appeals;
mod monitoring;
mod notices;
mod orders;
mod ovop;
mod ovop_trade;
mod plans;
mod programmes;
mod reference;
mod review;
mod targeting;
mod training;
mod workshops;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::http::request::Parts;
use axum::response::Response;
use emgek_exchange::ExportFormat;
use emgek_i18n::{Lang, Tr};
use emgek_store::HouseholdFilter;
use utoipa::OpenApi;
use utoipa_swagger_ui::SwaggerUi;

use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .merge(households::router())
        .merge(imports::router())
        .merge(reference::router())
        .merge(programmes::router())
        .merge(applications::router())
        .merge(review::router())
        .merge(appeals::router())
        .merge(notices::router())
        .merge(contracts::router())
        .merge(monitoring::router())
        .merge(enterprises::router())
        .merge(enterprise_finance::router())
        .merge(workshops::router())
        .merge(training::router())
        .merge(orders::router())
        .merge(plans::router())
        .merge(ovop::router())
        .merge(indicators::router())
        .merge(targeting::router())
        .merge(grievances::router())
}

#[derive(OpenApi)]
#[openapi(
    modifiers(&Finish),
    info(title = "emgek API", description = "emgek: the household registry, the Social Contract from programme rules to graduation, and prison enterprises. Errors have one shape: \
        {\"errors\": [{\"status\", \"code\", \"field\", \"rule\", \"detail\"}]}; `detail` follows Accept-Language \
        (ky, ru or en)."),
    paths(
        households::list_households,
        households::create_household,
        households::get_household,
        households::update_household,
        households::history,
        households::add_member,
        households::update_member,
        households::export_households,
        imports::import_households,
        imports::import_rates,
        imports::import_calendar,
        imports::import_grievances,
        imports::import_ovop_producers,
        imports::import_ovop_products,
        imports::import_ovop_certifications,
        imports::import_ovop_exports,
        imports::import_ovop_outlets,
        imports::import_sc_programmes,
        imports::import_sc_calls,
        imports::import_sc_applications,
        imports::import_sc_decisions,
        imports::import_sc_contracts,
        imports::import_sc_payments,
        imports::import_sc_reports,
        imports::import_sc_visits,
        imports::import_sc_extensions,
        imports::import_sc_graduations,
        imports::import_sc_terminations,
        imports::import_sc_repayments,
        imports::import_prison_facilities,
        imports::import_prison_workshops,
        imports::import_prison_inmates,
        imports::import_prison_production,
        imports::import_prison_headcounts,
        imports::import_prison_orders,
        imports::import_prison_sales,
        imports::import_prison_timesheets,
        imports::import_prison_training,
        imports::import_prison_releases,
        imports::import_prison_follow_ups,
        reference::list_oblasts,
        programmes::list_programmes,
        programmes::create_programme,
        programmes::list_rules,
        programmes::add_rules,
        programmes::list_calls,
        programmes::create_call,
        programmes::create_training,
        programmes::record_attendance,
        applications::list_applications,
        applications::create_application,
        applications::get_application,
        applications::update_plan,
        applications::submit,
        applications::withdraw,
        applications::return_for_revision,
        applications::start_review,
        review::create_commission,
        review::add_member,
        review::review,
        review::list_reviews,
        review::decide,
        review::run_allocation,
        appeals::lodge,
        appeals::lodge_against_termination,
        appeals::show,
        appeals::review,
        appeals::list_reviews,
        appeals::decide,
        notices::list,
        notices::write,
        contracts::get_contract,
        contracts::sign,
        contracts::extend,
        contracts::terminate,
        contracts::complete,
        contracts::request_payment,
        contracts::repay,
        contracts::bank_file,
        contracts::confirmations,
        monitoring::add_report,
        monitoring::list_reports,
        monitoring::add_receipt,
        monitoring::download_receipt,
        monitoring::add_visit,
        monitoring::list_visits,
        monitoring::overdue,
        enterprises::list_facilities,
        enterprises::create_facility,
        enterprises::get_facility,
        enterprises::add_population,
        enterprises::create_workshop,
        enterprises::list_inmates,
        enterprises::add_inmate,
        enterprises::assign_work,
        enterprises::add_deduction,
        workshops::list_production,
        workshops::record_production,
        workshops::list_sales,
        workshops::record_sale,
        workshops::save_timesheet,
        workshops::get_payroll,
        workshops::close_payroll,
        enterprises::list_rules,
        enterprises::add_rules,
        enterprises::indicators,
        enterprise_finance::finance,
        enterprise_finance::list_costs,
        enterprise_finance::record_cost,
        enterprise_finance::list_funding,
        enterprise_finance::add_commitment,
        enterprise_finance::add_disbursement,
        training::list_courses,
        training::create_course,
        training::list_enrolments,
        training::enrol,
        training::finish,
        training::release,
        training::list_follow_ups,
        training::add_follow_up,
        orders::list_orders,
        orders::create_order,
        orders::get_order,
        orders::deliver,
        orders::invoice,
        orders::pay,
        plans::list_plans,
        plans::create_plan,
        plans::get_plan,
        plans::add_line,
        plans::remove_line,
        plans::submit,
        plans::withdraw,
        plans::start_review,
        plans::return_for_revision,
        plans::list_reviews,
        plans::review,
        plans::decide,
        plans::list_purchases,
        plans::purchase,
        plans::expert_group,
        plans::set_expert_group,
        plans::add_expert,
        ovop_trade::list_rates,
        ovop_trade::add_rate,
        ovop_trade::import_rates,
        ovop::list_producers,
        ovop::create_producer,
        ovop::create_product,
        ovop_trade::record_export,
        ovop::list_products,
        ovop::get_product,
        ovop::add_photo,
        ovop::list_certifications,
        ovop::assess,
        ovop_trade::list_exports,
        ovop::indicators,
        ovop::list_rules,
        ovop::add_rules,
        ovop_trade::list_outlets,
        ovop_trade::create_outlet,
        ovop_trade::product_outlets,
        ovop_trade::sell_at,
        indicators::library,
        indicators::figures,
        targeting::targeting,
        indicators::list_targets,
        indicators::set_target,
        grievances::list,
        grievances::figures,
        grievances::open,
        grievances::read,
        grievances::acknowledge,
        grievances::extend,
        grievances::close,
        grievances::feedback,
    ),
    components(schemas(crate::error::ApiErrors, crate::error::ApiProblem)),
    tags(
        (name = "households", description = "The household registry"),
        (name = "reference", description = "Reference data"),
        (name = "programmes", description = "Programmes, their rules by date of effect, calls and trainings"),
        (name = "applications", description = "Social Contract applications and their business plans"),
        (name = "review", description = "District commissions, reviews, decisions and allocation"),
        (name = "contracts", description = "Contracts, tranches through the bank, refunds and graduation"),
        (name = "monitoring", description = "Monthly reports, field visits and overdue reports"),
        (name = "enterprises", description = "Prison enterprises: facilities, workshops, inmates' work and pay, production, sales, rules, indicators, business plans and the Expert Group"),
        (name = "ovop", description = "One Village – One Product: producers, products, brand certification, export contracts and indicators; the official exchange rates"),
        (name = "indicators", description = "The indicator library, figures computed from the records by period and place, and targets"),
        (name = "grievances", description = "Grievances and the calendar of working days their deadlines are counted on"),
        (name = "notices", description = "The texts of the notices sent to families by SMS and e-mail, in versions")
    )
)]
pub struct ApiDoc;

/// The OpenAPI document and its browsable page.
pub fn docs() -> Router<AppState> {
    // Swagger UI runs its own scripts (served by emgek) and sets styles inline.
    let policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                  object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
    Router::new().merge(SwaggerUi::new("/api/docs").url("/api/v1/openapi.json", ApiDoc::openapi())).layer(
        tower_http::set_header::SetResponseHeaderLayer::overriding(
            axum::http::header::CONTENT_SECURITY_POLICY,
            axum::http::HeaderValue::from_static(policy),
        ),
    )
}

/// The language of API messages: `Accept-Language`, English by default.
pub struct ApiLang(pub Tr);

impl<S: Send + Sync> FromRequestParts<S> for ApiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ApiLang(Tr::new(api_lang(&parts.headers))))
    }
}

/// The language of API messages: `Accept-Language`, English by default.
pub fn api_lang(headers: &axum::http::HeaderMap) -> Lang {
    let lang = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Lang::from_accept_language);
    lang.unwrap_or(Lang::En)
}

/// Writes the export to a temporary file and streams it back: memory stays flat at any size.
/// Only households within the filter's reach (`ListQuery::filter_for`) are written, with PINs
/// and disability masked where she may not see them; the export is recorded in the audit log.
pub async fn export_file(
    state: &AppState,
    caller: &emgek_app::Caller,
    filter: HouseholdFilter,
    format: ExportFormat,
) -> Result<Response, emgek_exchange::export::ExportError> {
    tokio::fs::create_dir_all(&state.work_dir).await?;
    let temp = tempfile::Builder::new()
        .prefix("export-")
        .suffix(&format!(".{}", format.extension()))
        .tempfile_in(&state.work_dir)?;
    emgek_app::registry::export(state.app(), caller, &filter, format, temp.path()).await?;
    let file = tokio::fs::File::open(temp.path()).await?;
    // The open handle keeps the data readable after the name is removed when `temp` drops.
    drop(temp);
    let body = axum::body::Body::from_stream(tokio_util::io::ReaderStream::new(file));
    let stamp = state.app().clock.today();
    Ok(crate::pages::attachment(format.content_type(), &format!("households-{stamp}.{}", format.extension()), body))
}
