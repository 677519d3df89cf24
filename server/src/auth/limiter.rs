//! The login rate limit: after too many failures for one username (or from one address) within a
//! period, further attempts are refused until the oldest failure ages out. In memory: a restart
//! forgives, which is acceptable for a limit whose purpose is slowing guessing down.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Failures allowed per username within the period.
pub const MAX_FAILURES_PER_USER: usize = 5;
/// Failures allowed per client address within the period.
pub const MAX_FAILURES_PER_ADDRESS: usize = 30;
/// The period, in minutes.
pub const PERIOD_MINUTES: i64 = 15;

/// Counts failed logins by key (`user:NAME`, `addr:IP`).
#[derive(Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<jiff::Timestamp>>>,
}

impl LoginLimiter {
    /// A limiter with no failures recorded.
    pub fn new() -> LoginLimiter {
        LoginLimiter::default()
    }

    fn keys(username: &str, address: &str) -> [(String, usize); 2] {
        [
            (format!("user:{username}"), MAX_FAILURES_PER_USER),
            (format!("addr:{address}"), MAX_FAILURES_PER_ADDRESS),
        ]
    }

    /// `Err(minutes)` when the attempt must wait that many minutes.
    pub fn check(&self, username: &str, address: &str, now: jiff::Timestamp) -> Result<(), i64> {
        let period = jiff::SignedDuration::from_mins(PERIOD_MINUTES);
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for (key, max) in Self::keys(username, address) {
            if let Some(times) = failures.get_mut(&key) {
                while times
                    .front()
                    .is_some_and(|t| now.duration_since(*t) >= period)
                {
                    times.pop_front();
                }
                if times.len() >= max {
                    let oldest = *times.front().expect("len >= max > 0");
                    let wait = period - now.duration_since(oldest);
                    return Err((wait.as_secs() + 59) / 60);
                }
            }
        }
        Ok(())
    }

    /// Records a failed attempt.
    pub fn record_failure(&self, username: &str, address: &str, now: jiff::Timestamp) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        // Forget keys whose failures have all aged out, so the map does not grow forever.
        let period = jiff::SignedDuration::from_mins(PERIOD_MINUTES);
        failures.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.duration_since(*t) < period)
        });
        for (key, _) in Self::keys(username, address) {
            failures.entry(key).or_default().push_back(now);
        }
    }

    /// Forgets a user's failures after a successful login.
    pub fn record_success(&self, username: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&format!("user:{username}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_after_five_failures_and_frees_after_the_period() {
        let limiter = LoginLimiter::new();
        let t0 = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        for _ in 0..MAX_FAILURES_PER_USER {
            assert_eq!(limiter.check("a", "1.2.3.4", t0), Ok(()));
            limiter.record_failure("a", "1.2.3.4", t0);
        }
        assert_eq!(limiter.check("a", "1.2.3.4", t0), Err(15));
        // Another user from the same address is not locked yet.
        assert_eq!(limiter.check("b", "1.2.3.4", t0), Ok(()));
        let later = t0 + jiff::SignedDuration::from_mins(PERIOD_MINUTES);
        assert_eq!(limiter.check("a", "1.2.3.4", later), Ok(()));
    }

    #[test]
    fn success_forgets_the_users_failures() {
        let limiter = LoginLimiter::new();
        let t0 = jiff::Timestamp::from_second(1_700_000_000).unwrap();
        for _ in 0..MAX_FAILURES_PER_USER {
            limiter.record_failure("a", "x", t0);
        }
        limiter.record_success("a");
        assert_eq!(limiter.check("a", "x", t0), Ok(()));
    }
}
