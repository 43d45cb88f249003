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
//! - [`accounts`]: users, their grants and passwords, sign-in opened again.
//! - [`programmes`]: programmes, their rules' versions and their calls.
//! - [`rates`]: the National Bank's official rates, added one by one or from a file.
//! - [`reach`]: the only way to a record of a place, through the caller's reach.
//! - [`review`]: the one review engine of both programmes' panels.
//! - [`registry`]: households and their people, and what a caller sees of them.

pub mod accounts;
mod caller;
mod clock;
mod error;
pub mod programmes;
pub mod rates;
pub mod reach;
pub mod registry;
pub mod review;

pub use caller::Caller;
pub use clock::Clock;
pub use error::AppError;

use emgek_store::Store;

/// What every use case is given: the store and the clock. Built once by `serve`, by each
/// command and by each test.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub clock: Clock,
}

impl App {
    pub fn new(store: Store) -> Self {
        Self { store, clock: Clock::System }
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
                    super::$scenario(crate::App::new(emgek_store::testing::fresh_store("sqlite").await)).await
                })*
            }
            mod postgres {
                $(#[tokio::test] async fn $scenario() {
                    super::$scenario(crate::App::new(emgek_store::testing::fresh_store("postgres").await)).await
                })*
            }
        };
    }
    pub(crate) use on_both_backends;
}
