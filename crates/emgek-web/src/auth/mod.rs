//! Who is asking, and whether they may: sessions and API tokens, the route table, CSRF.
//!
//! `guard` runs on every route. It identifies the caller (a session cookie, or an API token
//! in `Authorization: Bearer …`), looks the route up in [`routes::ROUTES`] and refuses what the
//! caller may not do: anonymous callers are sent to sign in (pages) or answered 401 (API),
//! callers without the permission get 403, a route missing from the table gets 500 (fail
//! closed). State-changing requests made with a session cookie must carry the session's CSRF
//! token (`_csrf` in the form or the query, or the `X-CSRF-Token` header) and must not come
//! from another site (`Sec-Fetch-Site`). Records are then checked by scope in the handlers.

pub mod routes;

use std::net::SocketAddr;

use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, MatchedPath, Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use emgek_app::AppError;
use emgek_app::accounts::{sessions, tokens};
use emgek_domain::access::{Access, Permission};
use emgek_store::{Actor, Source, UserRecord};

use crate::error::{ApiError, Failure, PageError};
use crate::state::AppState;
use crate::ui::{Ui, lang_of};
use emgek_i18n::Tr;
use routes::Rule;

/// The session cookie. HttpOnly, SameSite=Lax, Secure unless the server is told otherwise.
pub const SESSION_COOKIE: &str = "emgek_session";

/// The user behind a request.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub id: Option<i64>,
    pub name: String,
    pub display_name: String,
    pub access: Access,
    pub ip: String,
    /// The session's CSRF token, for forms; none for API tokens and anonymous callers.
    pub csrf: String,
    pub must_change_password: bool,
}

impl CurrentUser {
    fn anonymous(ip: String) -> Self {
        Self {
            id: None,
            name: "anonymous".into(),
            display_name: String::new(),
            access: Access::default(),
            ip,
            csrf: String::new(),
            must_change_password: false,
        }
    }

    pub fn is_signed_in(&self) -> bool {
        self.id.is_some()
    }

    pub fn allows(&self, permission: Permission) -> bool {
        self.access.allows(permission)
    }

    /// How the user is named in histories and the audit log.
    pub fn actor(&self, source: Source) -> Actor {
        Actor::new(self.name.clone(), source).with_ip(self.ip.clone())
    }

    /// The caller of a use case: this user through `source` (the pages or the API).
    pub fn caller(&self, source: Source) -> emgek_app::Caller {
        emgek_app::Caller {
            user_id: self.id,
            name: self.name.clone(),
            access: self.access.clone(),
            source,
            ip: self.ip.clone(),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let ip = client_ip(parts.extensions.get::<ConnectInfo<SocketAddr>>());
        Ok(parts.extensions.get::<CurrentUser>().cloned().unwrap_or_else(|| CurrentUser::anonymous(ip)))
    }
}

fn client_ip(info: Option<&ConnectInfo<SocketAddr>>) -> String {
    info.map(|c| c.0.ip().to_string()).unwrap_or_else(|| "local".into())
}

/// The client's address: the TCP peer's, or, when the peer is a trusted reverse proxy, the
/// last address in `X-Forwarded-For` that is not one of the trusted proxies (the one the first
/// trusted proxy saw). A header from anyone else is ignored: it is written by the client.
pub fn forwarded_client(
    peer: Option<std::net::IpAddr>,
    forwarded_for: Option<&str>,
    trusted: &[std::net::IpAddr],
) -> Option<std::net::IpAddr> {
    let peer = peer?;
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let chain: Vec<std::net::IpAddr> =
        forwarded_for.unwrap_or_default().split(',').filter_map(|a| a.trim().parse().ok()).collect();
    Some(chain.into_iter().rev().find(|a| !trusted.contains(a)).unwrap_or(peer))
}

fn client_ip_behind_proxies(state: &AppState, req: &Request) -> String {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
    let header = req.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    match forwarded_client(peer, header, &state.trusted_proxies) {
        Some(ip) => ip.to_string(),
        None => "local".into(),
    }
}

pub fn cookie_value(parts_headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    parts_headers.get_all(COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|cookies| {
        cookies.split(';').find_map(|c| c.trim().strip_prefix(name)?.strip_prefix('=').map(str::to_string))
    })
}

/// How the caller proved who she is.
enum Identified {
    Anonymous,
    Session(CurrentUser),
    Token(CurrentUser),
    BadToken,
}

async fn identify(state: &AppState, headers: &axum::http::HeaderMap, ip: String) -> Result<Identified, AppError> {
    let user = |u: UserRecord, csrf: String| CurrentUser {
        id: Some(u.id),
        name: u.username,
        display_name: u.display_name,
        access: u.access,
        ip: ip.clone(),
        csrf,
        must_change_password: u.must_change_password,
    };
    if let Some(auth) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) {
        let Some(token) = auth.strip_prefix("Bearer ") else { return Ok(Identified::BadToken) };
        return Ok(match tokens::owner(state.app(), token).await? {
            Some(u) => Identified::Token(user(u, String::new())),
            None => Identified::BadToken,
        });
    }
    let Some(cookie) = cookie_value(headers, SESSION_COOKIE) else { return Ok(Identified::Anonymous) };
    Ok(match sessions::of_cookie(state.app(), &cookie).await? {
        Some((u, csrf)) => Identified::Session(user(u, csrf)),
        None => Identified::Anonymous,
    })
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    r.headers_mut().insert(LOCATION, HeaderValue::from_str(to).unwrap_or(HeaderValue::from_static("/")));
    r
}

fn refuse(api: bool, ui: &Ui, status: StatusCode, code: &'static str) -> Response {
    if api {
        ApiError::status(&ui.tr, status, code).into_response()
    } else if code == "csrf" {
        PageError::csrf(ui).into_response()
    } else {
        PageError::new(ui, status).into_response()
    }
}

/// Whether the query carries the installation's gateway key (`key=`), compared in a time that
/// does not depend on where they differ. No key configured: no gateway call is taken.
fn gateway_key_matches(expected: Option<&str>, query: Option<&str>) -> bool {
    let Some(expected) = expected.filter(|k| !k.is_empty()) else { return false };
    let given = query
        .and_then(|q| serde_urlencoded::from_str::<Vec<(String, String)>>(q).ok())
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "key").map(|(_, v)| v))
        .unwrap_or_default();
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Routes a user who must change her password may still use.
const WHILE_CHANGING_PASSWORD: &[&str] = &["/account/password", "/logout", "/static/app.css", "/lang/{code}", "/login"];

pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let matched = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string());
    let api = is_api(matched.as_deref().unwrap_or(req.uri().path()));
    let (parts, body) = req.into_parts();
    let ui = Ui::new(lang_of(&parts), parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/"));
    let req = Request::from_parts(parts, body);
    // An address no route serves is simply not found; a method the table does not list for a
    // served address is not allowed. Only a served route with no rule at all is the
    // programming error the table guards against (and `routes::declared` stops at start-up).
    let Some(path) = matched else {
        return refuse(api, &ui, StatusCode::NOT_FOUND, "not_found");
    };
    let Some(rule) = routes::rule_for(req.method(), &path) else {
        let allowed = routes::methods_of(&path);
        if allowed.is_empty() {
            tracing::error!(%path, method = %req.method(), "route has no declared permission: refused");
            return refuse(api, &ui, StatusCode::INTERNAL_SERVER_ERROR, "internal");
        }
        let mut response = refuse(api, &ui, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
        if let Ok(allow) = HeaderValue::from_str(&allowed.join(", ")) {
            response.headers_mut().insert(axum::http::header::ALLOW, allow);
        }
        return response;
    };
    if rule == Rule::Gateway {
        // The gateway signs in with nothing but its key; its routes are GETs that change a
        // notice's state or answer a status, never a page.
        return if gateway_key_matches(state.gateway_key.as_deref(), req.uri().query()) {
            next.run(req).await
        } else {
            refuse(false, &ui, StatusCode::FORBIDDEN, "forbidden")
        };
    }
    let ip = client_ip_behind_proxies(&state, &req);
    let headers = req.headers().clone();
    let identified = match identify(&state, &headers, ip.clone()).await {
        Ok(i) => i,
        Err(e) => return PageError::app(&ui, e).into_response(),
    };
    let (user, by_session) = match identified {
        Identified::BadToken => return refuse(true, &ui, StatusCode::UNAUTHORIZED, "unauthorized"),
        Identified::Anonymous => (CurrentUser::anonymous(ip), false),
        Identified::Session(u) => (u, true),
        // A token acts for its owner but never on her account (mint new tokens, change her
        // password), so a leaked token dies with its revocation.
        Identified::Token(_) if path.starts_with("/account") => {
            return refuse(false, &ui, StatusCode::FORBIDDEN, "forbidden");
        }
        Identified::Token(u) => (u, false),
    };

    // On a new installation, the first thing anyone sees is the page that creates the first
    // administrator.
    if state.needs_setup() && rule != Rule::Public {
        return if api { refuse(true, &ui, StatusCode::SERVICE_UNAVAILABLE, "setup") } else { redirect("/setup") };
    }
    if rule != Rule::Public {
        if !user.is_signed_in() {
            if api {
                return refuse(true, &ui, StatusCode::UNAUTHORIZED, "unauthorized");
            }
            let next = serde_urlencoded::to_string([("next", ui.here.as_str())]).unwrap_or_default();
            return redirect(&format!("/login?{next}"));
        }
        if user.must_change_password && !WHILE_CHANGING_PASSWORD.contains(&path.as_str()) {
            return if api {
                refuse(true, &ui, StatusCode::FORBIDDEN, "forbidden")
            } else {
                redirect("/account/password")
            };
        }
        let allowed = match rule {
            Rule::Needs(permission) => user.allows(permission),
            Rule::National(permission) => user.access.is_national(permission),
            Rule::Public | Rule::SignedIn => true,
            Rule::Gateway => false,
        };
        if !allowed {
            return refuse(api, &ui, StatusCode::FORBIDDEN, "forbidden");
        }
    }

    let changes_state = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let req = if changes_state {
        match bounded_form(req).await {
            Ok(req) => req,
            Err(FormRefused::TooLarge) => return refuse(api, &ui, StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            Err(FormRefused::Invalid(errors)) => {
                return if api {
                    ApiError::validation(&ui.tr, &errors).into_response()
                } else {
                    PageError::invalid(&ui, &errors[0]).into_response()
                };
            }
        }
    } else {
        req
    };
    let mut req = if changes_state {
        if req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
            return refuse(api, &ui, StatusCode::FORBIDDEN, "csrf");
        }
        if by_session {
            match check_csrf(req, &user.csrf).await {
                Ok(req) => req,
                Err(()) => return refuse(api, &ui, StatusCode::FORBIDDEN, "csrf"),
            }
        } else {
            req
        }
    } else {
        req
    };
    let reader = user.clone();
    req.extensions_mut().insert(user);
    let response = next.run(req).await;
    // A failure a handler passed up is told here, in the reader's language.
    match response.extensions().get::<Failure>() {
        None => response,
        Some(failure) if api => {
            ApiError::told(&Tr::new(crate::api::api_lang(&headers)), failure.clone()).into_response()
        }
        Some(failure) => {
            PageError::told(&Ui::for_user(ui.lang(), ui.here, Some(&reader)), failure.clone()).into_response()
        }
    }
}

/// The longest form a page may send, and the longest value in it, in characters.
const MAX_FORM_BYTES: usize = 2 * 1024 * 1024;
const MAX_FORM_VALUE: usize = 20_000;

/// Why a form was refused before its handler.
enum FormRefused {
    TooLarge,
    Invalid(Vec<emgek_domain::FieldError>),
}

fn is_urlencoded_form(req: &Request) -> bool {
    req.headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/x-www-form-urlencoded"))
}

/// Every urlencoded form is held to the bounds the API's JSON bodies are held to
/// (`api::json`), here, once, for every page: a value with a control character (PostgreSQL
/// refuses a NUL that SQLite would keep) or longer than any field is refused naming the field.
/// Gives the request back whole.
async fn bounded_form(req: Request) -> Result<Request, FormRefused> {
    let is_form = is_urlencoded_form(&req);
    if !is_form {
        return Ok(req);
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES).await.map_err(|_| FormRefused::TooLarge)?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).unwrap_or_default();
    let mut errors = Vec::new();
    for (name, value) in &fields {
        let field = name.chars().take(100).collect::<String>();
        if format!("{name}{value}").chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
            errors.push(emgek_domain::FieldError::new(field, "text.control", ""));
        } else if value.chars().count() > MAX_FORM_VALUE {
            errors.push(emgek_domain::FieldError::new(field, "text.too_long", MAX_FORM_VALUE.to_string()));
        }
    }
    if errors.is_empty() {
        Ok(Request::from_parts(parts, Body::from(bytes)))
    } else {
        Err(FormRefused::Invalid(errors))
    }
}

/// Finds the CSRF token in the header, the query or an urlencoded form body, and gives the
/// request back whole.
async fn check_csrf(req: Request, expected: &str) -> Result<Request, ()> {
    if expected.is_empty() {
        return Err(());
    }
    let ok = |t: &str| !t.is_empty() && t == expected;
    if req.headers().get("x-csrf-token").and_then(|v| v.to_str().ok()).is_some_and(ok) {
        return Ok(req);
    }
    let in_query = req.uri().query().and_then(|q| {
        serde_urlencoded::from_str::<Vec<(String, String)>>(q)
            .ok()?
            .into_iter()
            .find(|(k, _)| k == "_csrf")
            .map(|(_, v)| v)
    });
    if in_query.as_deref().is_some_and(ok) {
        return Ok(req);
    }
    let is_form = is_urlencoded_form(&req);
    if !is_form {
        return Err(());
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, 1024 * 1024).await.map_err(|_| ())?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes).map_err(|_| ())?;
    if fields.iter().any(|(k, v)| k == "_csrf" && ok(v)) {
        Ok(Request::from_parts(parts, Body::from(bytes)))
    } else {
        Err(())
    }
}

/// The `Set-Cookie` value of a session opened (`accounts::sessions`): the cookie holds its
/// random token.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        sessions::ABSOLUTE_TIMEOUT.whole_seconds()
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn end_session_cookie(state: &AppState) -> String {
    let secure = if state.secure_cookies { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    #[test]
    fn x_forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        let proxy = [ip("10.0.0.2")];
        assert_eq!(forwarded_client(Some(ip("203.0.113.9")), Some("1.2.3.4"), &proxy), Some(ip("203.0.113.9")));
        assert_eq!(
            forwarded_client(Some(ip("10.0.0.2")), Some("1.2.3.4, 198.51.100.7"), &proxy),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(
            forwarded_client(Some(ip("10.0.0.2")), Some("198.51.100.7, 10.0.0.2"), &proxy),
            Some(ip("198.51.100.7"))
        );
        assert_eq!(forwarded_client(Some(ip("10.0.0.2")), None, &proxy), Some(ip("10.0.0.2")));
        assert_eq!(forwarded_client(Some(ip("10.0.0.2")), Some("not an address"), &proxy), Some(ip("10.0.0.2")));
        assert_eq!(forwarded_client(Some(ip("127.0.0.1")), Some("1.2.3.4"), &[]), Some(ip("127.0.0.1")));
    }
}
