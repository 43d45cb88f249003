//! emgek's use cases, between the doors and the store.
//!
//! Every door — the web pages and the JSON API (`emgek-web`), the command line (`emgek-cli`),
//! the demonstration — calls the same use case with an [`App`] (the store and the clock) and a
//! [`Caller`] (who asks, with what access, through which door). A use case checks what the
//! caller may do and see, validates, writes, and answers in domain terms or with an
//! [`AppError`]; the doors only translate HTTP, forms and arguments to and from it.
//!
//! The use cases by bounded context (the rest still lives in `emgek-web` and moves here step by
//! step, `docs/architecture.md`):
//! - [`accounts`]: users, their grants and passwords, sign-in and sessions, API tokens.
//! - [`demo`]: the demonstration's made-up country, built through the use cases.
//! - [`grievances`]: grievances, their deadlines on the working days' calendar, their
//!   answers and the sweep that escalates them.
//! - [`indicators`]: the cube of every programme's figures, its cache, and the targets.
//! - [`ovop`]: One Village – One Product: producers, products, certification, outlets and exports.
//! - [`prison`]: prison enterprises — facilities, workshops, inmates' work and pay, orders,
//!   business plans and their Expert Group, training and release, finance.
//! - [`programmes`]: programmes, their rules' versions and their calls.
//! - [`rates`]: the National Bank's official rates, added one by one or from a file.
//! - [`reach`]: the only way to a record of a place, through the caller's reach.
//! - [`review`]: the one review engine of both programmes' panels.
//! - [`registry`]: households and their people, their import, and what a caller sees of them.
//! - [`social_contract`]: applications, commissions, allocation and contracts.

pub mod accounts;
pub mod audit;
mod caller;
mod clock;
pub mod demo;
mod error;
pub mod grievances;
pub mod indicators;
pub mod jobs;
pub mod keys;
pub mod notices;
pub mod ovop;
pub mod prison;
pub mod profiles;
pub mod programmes;
pub mod rates;
pub mod reach;
pub mod records;
pub mod registry;
pub mod review;
pub mod social_contract;

pub use caller::Caller;
pub use clock::Clock;
pub use error::AppError;

use std::sync::Arc;
use std::time::Duration;

use emgek_store::Store;

/// How long a reader waits, by default, for figures that count the latest writes, when the last
/// were counted within it: the demonstration's are (well under a second); a country's are not
/// (seconds), and its readers are served the figures in use at once while new ones are counted.
pub const FIGURES_WAIT: Duration = Duration::from_millis(1000);

/// What every use case is given: the store, the clock and the caches. Built once by `serve`, by
/// each command and by each test.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub clock: Clock,
    /// The figures of dashboards and reports, kept while the data does not change.
    pub figures: Arc<indicators::Figures>,
    /// How long a reader waits for figures that count a write just made before she is served
    /// the ones computed earlier (which say when they were computed); see [`indicators::cube`].
    pub figures_wait: Duration,
    /// The registry as targeting ranks it, kept while the data does not change.
    pub targeting: Arc<social_contract::targeting::HeldRegistry>,
    /// The imports running in the background on this server, and those finished a while ago.
    pub imports: Arc<jobs::Jobs>,
    /// API tokens' owners, remembered for a few seconds (`accounts::tokens`).
    pub tokens: Arc<accounts::tokens::TokenCache>,
}

impl App {
    pub fn new(store: Store) -> Self {
        Self {
            store,
            clock: Clock::System,
            figures: Arc::default(),
            figures_wait: FIGURES_WAIT,
            targeting: Arc::default(),
            imports: Arc::default(),
            tokens: Arc::default(),
        }
    }

    pub fn with_figures_wait(mut self, wait: Duration) -> Self {
        self.figures_wait = wait;
        self
    }

    /// The same application at a fixed moment (the demonstration, tests).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }
}

#[cfg(test)]
pub(crate) mod testing {
    /// Runs each scenario, an `async fn(App)`, on a fresh SQLite and a fresh PostgreSQL
    /// database (`scripts/test` skips `postgres::` where no server runs).
    macro_rules! on_both_backends {
        ($($scenario:ident),* $(,)?) => {
            mod sqlite {
                $(#[tokio::test] async fn $scenario() {
                    super::$scenario(crate::App::new(emgek_testing::fresh_store("sqlite").await)).await
                })*
            }
            mod postgres {
                $(#[tokio::test] async fn $scenario() {
                    super::$scenario(crate::App::new(emgek_testing::fresh_store("postgres").await)).await
                })*
            }
        };
    }
    pub(crate) use on_both_backends;
}
