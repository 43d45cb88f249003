//! What the SMS gateway (Kannel) calls: its delivery reports (`dlr-url`) and the SMS people send
//! to the programme's number (its `sms-service`). Each call carries the
//! installation's gateway key (`auth::routes::Rule::Gateway`) and answers plain text; Kannel
//! calls again while it gets no 2xx answer, so a report that arrives while emgek is down is
//! recorded when it is back.

use axum::Router;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Deserialize;

use crate::AppState;
use crate::auth::routes::declared;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(declared("/gateway/kannel/dlr"), get(delivery_report))
        .route(declared("/gateway/kannel/sms"), get(sms_received))
}

/// `dlr-url`'s parameters: the notice and its try (emgek put them in the URL when it sent the
/// SMS) and Kannel's report type (`%d`).
#[derive(Debug, Deserialize)]
struct Report {
    notice: i64,
    attempt: i32,
    #[serde(rename = "type")]
    report: i32,
}

async fn delivery_report(State(state): State<AppState>, query: Result<Query<Report>, QueryRejection>) -> Response {
    let Ok(Query(r)) = query else {
        return (StatusCode::BAD_REQUEST, "notice, attempt and type are needed\n").into_response();
    };
    match emgek_app::notices::delivery_report(state.app(), r.notice, r.attempt, r.report).await {
        // A report that changed nothing (an earlier try's, or one already settled) is taken
        // all the same: Kannel must not call again.
        Ok(_) => (StatusCode::OK, "ok\n").into_response(),
        Err(e) => {
            tracing::warn!(notice = r.notice, error = %e, "cannot record a delivery report");
            (StatusCode::SERVICE_UNAVAILABLE, "try again\n").into_response()
        }
    }
}

/// `sms-service`'s parameters: the sender (`%p`), Kannel's id of the SMS (`%I`) and its text
/// (`%a`).
#[derive(Debug, Deserialize)]
struct Inbound {
    from: String,
    #[serde(default)]
    id: String,
    #[serde(default)]
    text: String,
}

/// An SMS to the programme's number. Its answer, if any, goes through the outbox: the answer
/// to Kannel is empty (its `omit-empty`), so nothing is sent from here.
async fn sms_received(State(state): State<AppState>, query: Result<Query<Inbound>, QueryRejection>) -> Response {
    let Ok(Query(sms)) = query else {
        return (StatusCode::BAD_REQUEST, "from is needed\n").into_response();
    };
    let caller = emgek_app::Caller::system("sms-gateway");
    match emgek_app::notices::inbound::sms_received(state.app(), &caller, &sms.from, &sms.id, &sms.text).await {
        Ok(_) => StatusCode::OK.into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "cannot take an SMS");
            (StatusCode::SERVICE_UNAVAILABLE, "try again\n").into_response()
        }
    }
}
