//! The server's clock, injectable so tests can stand on any day (windows, session expiry,
//! rate-limit periods all read it).

use std::sync::Mutex;

/// A source of the current time.
pub trait Clock: Send + Sync + 'static {
    /// Now.
    fn now(&self) -> jiff::Timestamp;
}

/// The real clock.
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
    }
}

/// The real clock shifted so it starts at a chosen moment and runs on from there; for trials of
/// time windows (`tepat serve --clock-at`).
pub struct OffsetClock(jiff::SignedDuration);

impl OffsetClock {
    /// A clock reading `at` now.
    pub fn starting_at(at: jiff::Timestamp) -> OffsetClock {
        OffsetClock(at.duration_since(jiff::Timestamp::now()))
    }
}

impl Clock for OffsetClock {
    fn now(&self) -> jiff::Timestamp {
        jiff::Timestamp::now()
            .checked_add(self.0)
            .unwrap_or_else(|_| jiff::Timestamp::now())
    }
}

/// A clock that stands still until moved; for tests.
pub struct FixedClock(Mutex<jiff::Timestamp>);

impl FixedClock {
    /// A clock standing at `at`.
    pub fn new(at: jiff::Timestamp) -> FixedClock {
        FixedClock(Mutex::new(at))
    }

    /// Moves the clock.
    pub fn set(&self, at: jiff::Timestamp) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = at;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> jiff::Timestamp {
        *self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
