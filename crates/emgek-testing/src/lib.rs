//! Test helpers, for the tests of every crate and never in the binary: fresh, migrated
//! databases, a new SQLite file or a new PostgreSQL database each.
//!
//! PostgreSQL tests read the server from `EMGEK_TEST_POSTGRES_URL` (for example
//! `postgres://postgres@127.0.0.1:5432/test`) and create a database `emgek_test_…` on it;
//! `scripts/test` drops those left from earlier runs, and empties the folder of SQLite test
//! files (`emgek-tests` in the system's temporary folder).

pub mod gateways;

use std::sync::atomic::{AtomicU32, Ordering};

use emgek_store::Store;

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    format!("{}_{}_{}", std::process::id(), nanos % 1_000_000_000, COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The URL of a new, empty database on the named backend (`sqlite` or `postgres`).
pub async fn fresh_url(backend: &str) -> String {
    match backend {
        "sqlite" => {
            // One folder for every test database file, emptied by `scripts/test` before a run.
            let dir = std::env::temp_dir().join("emgek-tests");
            std::fs::create_dir_all(&dir).expect("a folder for test databases");
            format!("sqlite:{}", dir.join(format!("emgek_test_{}.db", unique())).display())
        }
        "postgres" => {
            let base = std::env::var("EMGEK_TEST_POSTGRES_URL").expect(
                "EMGEK_TEST_POSTGRES_URL is not set: PostgreSQL tests need a server \
                 (scripts/test sets it, or skips them outside CI when none runs)",
            );
            let name = format!("emgek_test_{}", unique());
            let admin = Store::connect(&base).await.expect("connect to the PostgreSQL test server");
            if let Store::Postgres(pool) = &admin {
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(pool)
                    .await
                    .expect("create a test database");
            }
            admin.close().await;
            let (prefix, _) = base.rsplit_once('/').expect("a PostgreSQL URL ends with /DATABASE");
            format!("{prefix}/{name}")
        }
        other => panic!("unknown backend {other}"),
    }
}

/// A new, migrated store on the named backend.
pub async fn fresh_store(backend: &str) -> Store {
    let store = Store::connect(&fresh_url(backend).await).await.expect("connect to the test database");
    store.migrate().await.expect("migrate the test database");
    store
}
