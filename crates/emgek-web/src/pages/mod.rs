//! Pages for people. One module per resource, each with its own routes, merged here.

mod account;
mod allocation;
mod appeals;
mod applications;
mod audit;
mod calls;
mod catalogue;
mod commissions;
mod complaints;
mod contracts;
mod courses;
mod dashboard_filters;
mod dashboard_records;
mod dashboards;
mod enterprises;
mod expert_group;
mod facilities;
mod figures;
mod finance;
mod form;
mod grievance_figures;
mod grievance_lines;
mod grievances;
mod households;
mod import;
mod import_records;
mod indicator_library;
mod inmates;
mod members;
mod minutes;
mod notices;
mod orders;
mod ovop;
mod ovop_producer;
mod ovop_product;
mod payments;
mod plan;
mod plans;
mod programmes;
mod rates;
mod reports;
mod review;
mod rules_form;
mod users;
mod workshops;

pub use import::{MAX_UPLOAD, attachment};

use axum::Router;
use axum::extract::{Path, Query};
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use emgek_i18n::Lang;
use serde::Deserialize;

use crate::auth::routes::declared;
use crate::state::AppState;
use crate::ui::LANG_COOKIE;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/"), get(home))
        .route(declared("/lang/{code}"), get(switch_language))
        .merge(households::router())
        .merge(members::router())
        .merge(import::router())
        .merge(import_records::router())
        .merge(account::router())
        .merge(applications::router())
        .merge(appeals::router())
        .merge(programmes::router())
        .merge(calls::router())
        .merge(commissions::router())
        .merge(allocation::router())
        .merge(minutes::router())
        .merge(contracts::router())
        .merge(payments::router())
        .merge(enterprises::router())
        .merge(facilities::router())
        .merge(inmates::router())
        .merge(courses::router())
        .merge(orders::router())
        .merge(plans::router())
        .merge(plan::router())
        .merge(expert_group::router())
        .merge(catalogue::router())
        .merge(ovop::router())
        .merge(rates::router())
        .merge(dashboards::router())
        .merge(indicator_library::router())
        .merge(reports::router())
        .merge(finance::router())
        .merge(workshops::router())
        .merge(users::router())
        .merge(audit::router())
        .merge(grievance_figures::router())
        .merge(grievances::router())
        .merge(complaints::router())
        .merge(notices::router())
}

/// The registry for those who may read it; the business plans for an Expert Group member; the
/// One Village – One Product for its officers and committees; the enterprises for their
/// managers and readers; one's own account page for everyone else.
async fn home(user: crate::auth::CurrentUser) -> Redirect {
    use emgek_domain::access::Permission;
    if user.allows(Permission::ReadRegistry) {
        Redirect::to("/households")
    } else if user.allows(Permission::ReviewEnterprisePlans) {
        Redirect::to("/enterprises/plans")
    } else if user.allows(Permission::ReadOvop) && !user.allows(Permission::ReadEnterprises) {
        Redirect::to("/ovop")
    } else if user.allows(Permission::ReadEnterprises) {
        Redirect::to("/enterprises")
    } else {
        Redirect::to("/account")
    }
}

#[derive(Deserialize)]
struct Next {
    next: Option<String>,
}

/// Keeps the chosen language in a cookie for a year and goes back to the page it came from.
async fn switch_language(Path(code): Path<String>, Query(q): Query<Next>) -> Response {
    let next = account::local(q.next.as_deref().unwrap_or("/")).to_string();
    let Some(lang) = Lang::parse(&code) else {
        return (StatusCode::NOT_FOUND, "unknown language").into_response();
    };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", lang.code());
    let mut response = StatusCode::SEE_OTHER.into_response();
    let headers = response.headers_mut();
    headers.insert(SET_COOKIE, HeaderValue::from_str(&cookie).expect("ASCII cookie"));
    headers.insert(LOCATION, HeaderValue::from_str(&next).unwrap_or(HeaderValue::from_static("/")));
    response
}
