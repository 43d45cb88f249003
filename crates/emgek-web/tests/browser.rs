//! The main journey in a real browser (Debian's headless Chromium through chromedriver):
//! list → switch to Kyrgyz → open a household → fix an invalid field and see the error go.
//!
//! Ignored by plain `cargo test`; `scripts/test` runs it with `--ignored` where chromedriver is
//! installed (always in CI). Screenshots go to `target/screenshots/` for people to look at.

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

async fn browser() -> (Driver, Client) {
    let port = free_port();
    let driver = Command::new(std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()))
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver is installed (apt-get install chromium-driver)");
    let driver = Driver(driver);
    let mut caps = serde_json::Map::new();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1000", "--lang=en-US"]
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        match ClientBuilder::new(HttpConnector::new()).capabilities(caps.clone()).connect(&url).await {
            Ok(client) => return (driver, client),
            Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
        }
    }
    panic!("chromedriver did not start on {url}");
}

async fn serve() -> String {
    let store = emgek_store::testing::fresh_store("sqlite").await;
    let today = time::OffsetDateTime::now_utc().date();
    emgek_exchange::demo::load_if_empty(&store, 40, today).await.expect("demo data");
    emgek_web::demo::create_users_if_none(&store).await.expect("demo accounts");
    let state = emgek_web::AppState::new(store).await.expect("state").with_demo(true);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = emgek_web::app(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

async fn shot(client: &Client, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = client.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// The text of the first element matching `css`, once it satisfies `ok`: a click starts a
/// navigation that may not have finished when the next line runs.
async fn text_when(client: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(element) = client.find(Locator::Css(css)).await
            && let Ok(text) = element.text().await
        {
            if ok(&text) {
                return text;
            }
            last = text;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never showed what was expected; last seen: {last:?}");
}

async fn text(client: &Client, css: &str) -> String {
    text_when(client, css, |_| true).await
}

#[tokio::test]
#[ignore = "needs chromium and chromedriver: scripts/test runs it"]
async fn a_case_worker_signs_in_switches_to_kyrgyz_opens_a_household_and_fixes_a_wrong_phone() {
    let base = serve().await;
    let (_driver, client) = browser().await;

    client.goto(&format!("{base}/households")).await.unwrap();
    text_when(&client, "h1", |t| t == "Sign in").await;
    assert!(text(&client, ".demo").await.contains(emgek_web::demo::DEMO_PASSWORD), "the demo accounts are listed");
    shot(&client, "0-login-en").await;
    client.find(Locator::Id("username")).await.unwrap().send_keys("admin").await.unwrap();
    client.find(Locator::Id("password")).await.unwrap().send_keys(emgek_web::demo::DEMO_PASSWORD).await.unwrap();
    client.find(Locator::Css("form.card button[type=submit]")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Households").await;
    shot(&client, "1-list-en").await;

    client.find(Locator::LinkText("Кыргызча")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Үй чарбалар").await;
    assert_eq!(client.find(Locator::Css("html")).await.unwrap().attr("lang").await.unwrap().as_deref(), Some("ky"));
    shot(&client, "2-list-ky").await;

    client.find(Locator::Css("tbody tr:first-child td a")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t.starts_with("Үй чарба KG")).await;
    shot(&client, "3-household-ky").await;

    client.find(Locator::LinkText("Өзгөртүү")).await.unwrap().click().await.unwrap();
    let phone = client.find(Locator::Id("phone")).await.unwrap();
    phone.clear().await.unwrap();
    phone.send_keys("12345").await.unwrap();
    client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
    shot(&client, "4-edit-error-ky").await;
    let error = text(&client, "#phone-error").await;
    let _ = text_when(&client, "h1", |t| t.starts_with("Үй чарбаны өзгөртүү")).await;
    assert!(error.contains("+996 жана тогуз сан жазыңыз (берилген: 12345)"), "{error}");
    assert!(text(&client, "#error-summary").await.contains("Телефон"));
    shot(&client, "4-edit-error-ky").await;

    let phone = client.find(Locator::Id("phone")).await.unwrap();
    phone.clear().await.unwrap();
    phone.send_keys("0555 12 34 56").await.unwrap();
    client.find(Locator::Css("main form button[type=submit]")).await.unwrap().click().await.unwrap();
    shot(&client, "5-saved-ky").await;
    text_when(&client, ".flash", |t| t == "Сакталды.").await;
    assert!(client.find(Locator::Id("phone-error")).await.is_err(), "the error is gone");
    assert!(text(&client, "main").await.contains("+996555123456"));
    assert!(text(&client, ".history").await.contains("Үй чарба өзгөртүлдү"));
    shot(&client, "5-saved-ky").await;

    client.find(Locator::Css(".who button")).await.unwrap().click().await.unwrap();
    text_when(&client, "h1", |t| t == "Кирүү").await;

    client.close().await.unwrap();
}
