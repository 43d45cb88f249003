use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// The application on a fresh database, called without a network.
pub struct TestApp {
    router: Router,
}

impl TestApp {
    pub async fn new(backend: &str) -> Self {
        let store = emgek_store::testing::fresh_store(backend).await;
        let state = emgek_web::AppState::new(store).await.expect("state");
        Self { router: emgek_web::app(state) }
    }

    async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
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
            .body(Body::from(body))
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
    }

    /// A page as a reader whose chosen language is `lang`.
    pub async fn page(&self, uri: &str, lang: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .uri(uri)
            .header("cookie", format!("emgek_lang={lang}"))
            .body(Body::empty())
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn form(&self, uri: &str, form: &str, lang: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("emgek_lang={lang}"))
            .body(Body::from(form.to_string()))
            .expect("request");
        let (status, _, bytes) = self.send(request).await;
        (status, String::from_utf8_lossy(&bytes).into_owned())
    }

    pub async fn form_location(&self, uri: &str, form: &str) -> (StatusCode, String) {
        let request = Request::builder()
            .method("POST")
            .uri(uri)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(form.to_string()))
            .expect("request");
        let (status, headers, _) = self.send(request).await;
        (status, headers.get("location").map(|l| l.to_str().unwrap_or_default().to_string()).unwrap_or_default())
    }

    pub async fn head(&self, uri: &str) -> (StatusCode, HeaderMap) {
        let (status, headers, _) = self.send(Request::builder().uri(uri).body(Body::empty()).expect("request")).await;
        (status, headers)
    }
}
