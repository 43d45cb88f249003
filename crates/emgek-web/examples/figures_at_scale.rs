//! Times the dashboards' figures at the size B3 of `docs/benchmarks.md` names: about 60,000
//! contracts and 720,000 monthly reports (460 blocks of the demonstration's earlier years:
//! 59,800 contracts with twelve reports each). Prints the time to load them, to build the cube
//! of cells from the records, and the server time of the national dashboard (p50, p95) when the
//! data has not moved since, and while an administrator writes a target every 50 ms (each write
//! makes the figures be computed again in the background), over HTTP requests handled in the
//! process.
//!
//! ```sh
//! cargo run --release -p emgek-web --example figures_at_scale -- 460 /tmp/figures-scale.db
//! ```
//!
//! A measuring script, not a test: `bench/` (issue #8) runs B3 against its reference.

use std::time::Instant;

use axum::body::Body;
use axum::http::Request;
use emgek_app::accounts::secrets;
use emgek_domain::access::{Grant, Role, Scope};
use emgek_store::{Actor, NewUser, Source, Store};
use http_body_util::BodyExt;
use tower::ServiceExt;

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let blocks: usize = args.next().and_then(|b| b.parse().ok()).unwrap_or(460);
    let db = args.next().unwrap_or_else(|| "figures-scale.db".into());
    let _ = std::fs::remove_file(&db);
    let store = Store::connect(&format!("sqlite://{db}?mode=rwc")).await.expect("the database opens");
    store.migrate().await.expect("migrations run");

    let started = Instant::now();
    let families = emgek_app::demo::history::create_history_if_none(&emgek_app::App::new(store.clone()), blocks)
        .await
        .expect("loaded");
    println!("loaded {families} contracts with 12 monthly reports each in {:.1} s", started.elapsed().as_secs_f64());

    let by = Actor::new("bench", Source::Cli);
    let user = NewUser {
        username: "analyst".into(),
        display_name: "Analyst".into(),
        password_hash: emgek_app::accounts::hash_password("not-used-here-1").expect("a hash"),
        must_change_password: false,
        grants: vec![Grant { role: Role::HqAnalyst, scope: Scope::Country }],
    };
    let user_id = store.create_user(&by, &user).await.expect("a user");
    let session = secrets::random_token();
    let later = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    store.create_session(user_id, &secrets::digest(&session), "csrf", "127.0.0.1", later).await.expect("a session");
    let state = emgek_web::AppState::new(store.clone()).await.expect("state");
    let app = emgek_web::app(state);
    let get = |uri: &str| {
        Request::builder()
            .uri(uri)
            .header("cookie", format!("emgek_lang=en; emgek_session={session}"))
            .body(Body::empty())
            .expect("a request")
    };

    let started = Instant::now();
    let first = app.clone().oneshot(get("/dashboards")).await.expect("an answer");
    assert!(first.status().is_success(), "{}", first.status());
    let _ = first.into_body().collect().await;
    println!("first dashboard (builds the cube from the records): {:.0} ms", started.elapsed().as_secs_f64() * 1e3);

    for (name, uri) in [
        ("national dashboard", "/dashboards"),
        (
            "Social Contract by month, one oblast",
            "/dashboards/social-contract?oblast=KG-J&grain=month&indicator=grants-disbursed",
        ),
        (
            "records behind a figure (first 100 of an oblast)",
            "/dashboards/records?indicator=families-with-contracts&oblast=KG-O",
        ),
    ] {
        let mut times = Vec::new();
        for _ in 0..50 {
            let started = Instant::now();
            let response = app.clone().oneshot(get(uri)).await.expect("an answer");
            let _ = response.into_body().collect().await;
            times.push(started.elapsed().as_secs_f64() * 1e3);
        }
        print_times(name, times);
    }

    let writer = tokio::spawn(async move {
        for value in 1.. {
            let target = emgek_store::indicators::TargetRow {
                indicator: "families-with-contracts".into(),
                year: 2026,
                quarter: 4,
                oblast_code: String::new(),
                value,
            };
            store.set_target(&by, &target).await.expect("a target");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    });
    let mut times = Vec::new();
    for _ in 0..200 {
        let started = Instant::now();
        let response = app.clone().oneshot(get("/dashboards")).await.expect("an answer");
        let _ = response.into_body().collect().await;
        times.push(started.elapsed().as_secs_f64() * 1e3);
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    writer.abort();
    print_times("national dashboard while targets are written every 50 ms", times);
}

fn print_times(name: &str, mut times: Vec<f64>) {
    times.sort_by(f64::total_cmp);
    println!("{name}: p50 {:.1} ms, p95 {:.1} ms", times[times.len() / 2], times[times.len() * 95 / 100]);
}
