use std::sync::OnceLock;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use emgek_app::accounts::secrets;
use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::{Actor, NewUser, Source, Store};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const PASSWORD: &str = "Test-Naryn-jailoo-2026";

/// One argon2 hash for the whole test binary: hashing is slow on purpose.
pub fn password_hash() -> String {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| emgek_app::accounts::hash_password(PASSWORD).unwrap()).clone()
}

/// The session cookie a response sets, if it sets one.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("emgek_session="))
        .map(str::to_string)
}

/// The application on a fresh database, called without a network, as one signed-in user.
pub struct TestApp {
    pub router: Router,
    pub store: Store,
    /// The session cookie's value.
    pub session: String,
    pub csrf: String,
    /// An API token of the same user.
    pub token: String,
    pub user_id: i64,
}

pub async fn add_user(store: &Store, username: &str, grants: &[(Role, &str)], temporary: bool) -> i64 {
    let user = NewUser {
        username: username.into(),
        display_name: username.to_uppercase(),
        password_hash: password_hash(),
        must_change_password: temporary,
        grants: grants.iter().map(|(r, s)| Grant { role: *r, scope: Scope::parse(s).unwrap() }).collect(),
    };
    store.create_user(&Actor::new("test", Source::Cli), &user).await.unwrap()
}

impl TestApp {
    /// An administrator of the whole country.
    pub async fn new(backend: &str) -> Self {
        Self::as_user(backend, &[(Role::Administrator, "country")]).await
    }

    pub async fn as_user(backend: &str, grants: &[(Role, &str)]) -> Self {
        let store = emgek_testing::fresh_store(backend).await;
        let user_id = add_user(&store, "tester", grants, false).await;
        Self::signed_in(store, user_id).await
    }

    /// The same application and database, signed in as another user.
    pub async fn signed_in(store: Store, user_id: i64) -> Self {
        // A test that writes and then reads the figures expects them to count the write.
        Self::signed_in_waiting(store, user_id, std::time::Duration::from_secs(120)).await
    }

    /// Signed in to an application that waits `figures_wait` for figures counting a write.
    pub async fn signed_in_waiting(store: Store, user_id: i64, figures_wait: std::time::Duration) -> Self {
        let session = secrets::random_token();
        let csrf = secrets::random_token();
        let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
        store.create_session(user_id, &secrets::digest(&session), &csrf, "127.0.0.1", later).await.unwrap();
        let token = secrets::new_api_token();
        store
            .create_token(&Actor::new("test", Source::Cli), user_id, "tests", &secrets::digest(&token), "emgek_test")
            .await
            .unwrap();
        let state = emgek_web::AppState::new(store.clone()).await.expect("state").with_figures_wait(figures_wait);
        Self { router: emgek_web::app(state), store, session, csrf, token, user_id }
    }

    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        let response = self.router.clone().oneshot(request).await.expect("the router answers");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
        (status, headers, body)
    }

    pub async fn json(&self, method: &str, uri: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.json_lang(method, uri, body, "en").await
    }

    pub async fn json_lang(&self, method: &str, uri: &str, body: Option<Value>, lang: &str) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/json")
            .header("accept-language", lang)
            .header("authorization", format!("Bearer {}", self.token))
            .body(body.map(|b| Body::from(b.to_string())).unwrap_or_default())
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    pub async fn raw(&self, method: &str, uri: &str, content_type: &str, body: Vec<u8>) -> (StatusCode, Value) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", content_type)
            .header("authorization", format!("Bearer {}", self.token))
            .body(Body::from(body))
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// A POST through the API with no body, answered with text (a file).
    pub async fn post_text(&self, uri: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method("POST")
            .uri(uri)
            .header("authorization", format!("Bearer {}", self.token))
            .body(Body::empty())
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    fn cookies(&self, lang: &str) -> String {
        format!("emgek_lang={lang}; emgek_session={}", self.session)
    }

    /// A page as the signed-in user whose chosen language is `lang`.
    pub async fn page(&self, uri: &str, lang: &str) -> (StatusCode, String) {
        let request =
            Request::builder().uri(uri).header("cookie", self.cookies(lang)).body(Body::empty()).expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// A file from one of the application's pages, with its headers.
    pub async fn download(&self, uri: &str, lang: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let request =
            Request::builder().uri(uri).header("cookie", self.cookies(lang)).body(Body::empty()).expect("request");
        self.send(request).await
    }

    /// A file sent from a page's upload form (multipart, the CSRF token in the query as the
    /// page's form has it): the status, and where it sends the browser or the page it shows.
    pub async fn upload(&self, uri: &str, field: &str, file_name: &str, content: &[u8]) -> (StatusCode, String) {
        let boundary = "emgek-test-boundary";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = Request::builder()
            .method("POST")
            .uri(format!("{uri}?_csrf={}", self.csrf))
            .header("cookie", self.cookies("en"))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(Body::from(body))
            .expect("request");
        let (status, headers, bytes) = self.send(request).await;
        match headers.get("location") {
            Some(location) => (status, location.to_str().unwrap_or_default().to_string()),
            None => (status, String::from_utf8_lossy(&bytes).into_owned()),
        }
    }

    /// A form sent from one of the application's pages (with the session's CSRF token).
    pub async fn form(&self, uri: &str, form: &str, lang: &str) -> (StatusCode, String) {
        let (status, _, body) = self.form_full(uri, &format!("{form}&_csrf={}", self.csrf), lang).await;
        (status, body)
    }

    pub async fn form_full(&self, uri: &str, form: &str, lang: &str) -> (StatusCode, HeaderMap, String) {
        let request = Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", self.cookies(lang))
            .body(Body::from(form.to_string()))
            .expect("request");
        let (status, headers, bytes) = self.send(request).await;
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn form_location(&self, uri: &str, form: &str) -> (StatusCode, String) {
        let (status, headers, _) = self.form_full(uri, &format!("{form}&_csrf={}", self.csrf), "en").await;
        (status, headers.get("location").map(|l| l.to_str().unwrap_or_default().to_string()).unwrap_or_default())
    }

    /// A request without any credentials.
    pub async fn anonymous(&self, method: &str, uri: &str, body: &str) -> (StatusCode, HeaderMap, String) {
        let request = Request::builder()
            .method(method)
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body.to_string()))
            .expect("request");
        let (status, headers, bytes) = self.send(request).await;
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    /// The sign-in form sent as a browser sends it: the page first (its cookie and the form's
    /// token), then the form with both.
    pub async fn sign_in(&self, form: &str) -> (StatusCode, HeaderMap, String) {
        let (_, headers, page) = self.anonymous("GET", "/login", "").await;
        let cookie = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|c| c.strip_prefix("emgek_login="))
            .and_then(|c| c.split(';').next())
            .expect("the sign-in page sets its cookie")
            .to_string();
        let token = page.split("name=\"_login\" value=\"").nth(1).and_then(|r| r.split('"').next()).expect("token");
        assert_eq!(token, cookie, "the form carries the cookie's token");
        let request = Request::builder()
            .method("POST")
            .uri("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("emgek_login={cookie}"))
            .body(Body::from(format!("{form}&_login={token}")))
            .expect("request");
        let (status, headers, bytes) = self.send(request).await;
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn head(&self, uri: &str) -> (StatusCode, HeaderMap) {
        let (status, headers, _) = self.send(Request::builder().uri(uri).body(Body::empty()).expect("request")).await;
        (status, headers)
    }

    /// Runs SQL straight on the database, as someone tampering with it would.
    pub async fn sql(&self, statement: &str) {
        let sql = sqlx::AssertSqlSafe(statement.to_string());
        match &self.store {
            Store::Sqlite(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
            Store::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
        }
        .unwrap();
    }
}

/// The use cases over `store` with the clock stopped at noon on `today`, as the demonstration
/// is built.
pub fn demo_app(store: &Store, today: time::Date) -> emgek_app::App {
    let noon = today.with_hms(12, 0, 0).expect("noon").assume_utc();
    emgek_app::App::new(store.clone()).with_clock(emgek_app::Clock::Fixed(noon))
}

/// The page of an import job once it has finished (it reloads itself while it runs).
pub async fn finished_job(app: &TestApp, location: &str) -> String {
    let mut html = String::new();
    for _ in 0..100 {
        html = app.page(location, "en").await.1;
        if !html.contains("refresh") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    html
}
