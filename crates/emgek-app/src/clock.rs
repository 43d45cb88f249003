//! What time it is, for every use case: the system's, or a fixed moment for the demonstration
//! and tests.

use time::{Date, OffsetDateTime};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    System,
    Fixed(OffsetDateTime),
}

impl Clock {
    pub fn now(self) -> OffsetDateTime {
        match self {
            Clock::System => OffsetDateTime::now_utc(),
            Clock::Fixed(at) => at,
        }
    }

    /// Today in UTC.
    pub fn today(self) -> Date {
        self.now().date()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fixed_clock_always_tells_its_moment() {
        let at = time::macros::datetime!(2024-03-01 09:30 UTC);
        assert_eq!(Clock::Fixed(at).now(), at);
        assert_eq!(Clock::Fixed(at).today(), time::macros::date!(2024 - 03 - 01));
        assert!(Clock::System.now() > at);
    }
}
