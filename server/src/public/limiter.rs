//! Sliding-window rate limits for the public pages, by any key (a client address, a NIK).
//! A hit is counted only when allowed, so a refused client can try again once the oldest
//! counted hit has aged out. In memory: a restart forgives, which is fine for slowing
//! scraping and guessing down.

use jiff::{SignedDuration, Timestamp};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Keys kept before the limiter sweeps out those whose hits have all aged out.
const SWEEP_ABOVE_KEYS: usize = 4096;

/// At most `max` hits per key within `period`.
pub struct Window {
    max: usize,
    period: SignedDuration,
    hits: Mutex<HashMap<String, VecDeque<Timestamp>>>,
}

impl Window {
    /// A window allowing `max` hits per key per `period`.
    pub fn new(max: usize, period: SignedDuration) -> Window {
        Window {
            max,
            period,
            hits: Mutex::default(),
        }
    }

    /// Counts a hit for `key` at `now`; refused (and not counted) when the key already has
    /// `max` hits within the period: `Err(wait)` is how long until the oldest ages out.
    pub fn hit(&self, key: &str, now: Timestamp) -> Result<(), SignedDuration> {
        let mut hits = self.hits.lock().unwrap_or_else(|p| p.into_inner());
        if hits.len() > SWEEP_ABOVE_KEYS {
            let period = self.period;
            hits.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < period)
            });
        }
        let times = hits.entry(key.to_owned()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= self.period)
        {
            times.pop_front();
        }
        if times.len() >= self.max {
            let oldest = *times.front().expect("len >= max > 0");
            return Err(self.period - now.duration_since(oldest));
        }
        times.push_back(now);
        Ok(())
    }
}

/// Minutes to wait, rounded up, at least one.
pub fn minutes(wait: SignedDuration) -> i64 {
    ((wait.as_secs() + 59) / 60).max(1)
}

/// The public pages' limits.
pub struct Limits {
    /// Status checks per client address: 20 a minute.
    pub checks_by_address: Window,
    /// Status checks per NIK: 10 an hour.
    pub checks_by_nik: Window,
    /// Usul and sanggah filings per client address: 5 an hour.
    pub filings_by_address: Window,
    /// Case look-ups per client address: 30 a minute.
    pub lookups_by_address: Window,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            checks_by_address: Window::new(20, SignedDuration::from_mins(1)),
            checks_by_nik: Window::new(10, SignedDuration::from_hours(1)),
            filings_by_address: Window::new(5, SignedDuration::from_hours(1)),
            lookups_by_address: Window::new(30, SignedDuration::from_mins(1)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + secs).unwrap()
    }

    #[test]
    fn the_hit_past_the_maximum_is_refused_until_the_oldest_ages_out() {
        let window = Window::new(3, SignedDuration::from_mins(1));
        for s in 0..3 {
            assert!(window.hit("a", at(s * 10)).is_ok(), "hit {s}");
        }
        let wait = window.hit("a", at(30)).unwrap_err();
        assert_eq!(
            wait,
            SignedDuration::from_secs(30),
            "the first hit ages out at 60 s"
        );
        assert_eq!(minutes(wait), 1);
        // The refusal was not counted: once the first hit is a minute old, one more is allowed.
        assert!(window.hit("a", at(59)).is_err());
        assert!(window.hit("a", at(60)).is_ok());
        assert!(
            window.hit("a", at(61)).is_err(),
            "the hits at 10 and 20 s still count"
        );
    }

    #[test]
    fn keys_are_counted_apart() {
        let window = Window::new(1, SignedDuration::from_hours(1));
        assert!(window.hit("nik:1", at(0)).is_ok());
        assert!(window.hit("nik:1", at(1)).is_err());
        assert!(
            window.hit("nik:2", at(1)).is_ok(),
            "another key has its own count"
        );
        assert_eq!(minutes(window.hit("nik:2", at(2)).unwrap_err()), 60);
    }

    #[test]
    fn the_map_is_swept_of_keys_that_aged_out() {
        let window = Window::new(1, SignedDuration::from_secs(10));
        for k in 0..=SWEEP_ABOVE_KEYS {
            window.hit(&k.to_string(), at(0)).unwrap();
        }
        window.hit("late", at(100)).unwrap();
        assert_eq!(
            window.hits.lock().unwrap().len(),
            1,
            "only the fresh key is left"
        );
        assert!(
            window.hit("0", at(100)).is_ok(),
            "a swept key starts afresh"
        );
    }
}
