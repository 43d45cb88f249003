//! emgek's web application: server-rendered pages for people (they work without JavaScript and
//! print cleanly) and a JSON API under `/api/v1` for machines, documented by OpenAPI.

pub mod api;
mod assets;
pub mod auth;
mod charts;
mod error;
mod gateway;
mod pages;
mod query;
mod receipts;
mod scope;
mod state;
mod ui;

use std::net::SocketAddr;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::get;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use state::AppState;

/// The whole application, without a listener: tests call it directly.
pub fn app(state: AppState) -> Router {
    let guard = axum::middleware::from_fn_with_state(state.clone(), auth::guard);
    Router::new()
        .merge(pages::router())
        .nest("/api/v1", api::router())
        .merge(api::docs())
        .merge(gateway::router())
        .route(auth::routes::declared("/healthz"), get(healthz))
        .route(auth::routes::declared("/static/app.css"), get(assets::css))
        .layer(guard)
        // Pages and files name families, so no cache keeps them (the stylesheet sets its own
        // caching); no other site may frame a page or have a file sniffed as another type; links
        // to other sites do not carry the address of the page they were on.
        .layer(SetResponseHeaderLayer::if_not_present(header::CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::overriding(header::REFERRER_POLICY, HeaderValue::from_static("same-origin")))
        .layer(TraceLayer::new_for_http().make_span_with(request_span))
        .with_state(state)
}

/// The pages load nothing but emgek's own stylesheet and run no script at all; no other site
/// may frame them, and forms post only to emgek. Swagger UI sets a looser one of its own.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// A request's log span names its method and path only: a query string may hold a PIN or a
/// name typed into the search, and those never reach the logs.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
}

/// Bare liveness check: no database, no template. B4 measures against it.
async fn healthz() -> &'static str {
    "ok"
}

/// Serves until Ctrl-C or SIGTERM, then finishes the requests under way.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "serving emgek on http://{}", listener.local_addr()?);
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
