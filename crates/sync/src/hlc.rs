//! Hybrid logical clocks: wall time in milliseconds, a counter for events within the same
//! millisecond (or when a clock lags), and the device id as the final tie-break, so two stamps
//! from two devices are never equal and every device orders them the same way.

use crate::change::DeviceId;
use serde::{Deserialize, Serialize};

/// One stamp. Ordered by wall time, then counter, then device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Hlc {
    /// Milliseconds since the Unix epoch, as the issuing device believed.
    pub wall_ms: u64,
    /// Orders events that share `wall_ms`.
    pub counter: u32,
    /// The issuing device.
    pub device: DeviceId,
}

/// A device's clock: issues stamps that always increase and stay ahead of every stamp seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct HlcClock {
    last: Hlc,
}

impl HlcClock {
    /// A clock for `device` that has seen nothing yet.
    pub fn new(device: DeviceId) -> HlcClock {
        HlcClock {
            last: Hlc {
                wall_ms: 0,
                counter: 0,
                device,
            },
        }
    }

    /// The last stamp issued or observed.
    pub fn last(&self) -> Hlc {
        self.last
    }

    /// A new stamp for a local event at wall time `now_ms`, greater than all before it.
    pub fn tick(&mut self, now_ms: u64) -> Hlc {
        let device = self.last.device;
        self.last = if now_ms > self.last.wall_ms {
            Hlc {
                wall_ms: now_ms,
                counter: 0,
                device,
            }
        } else {
            Hlc {
                wall_ms: self.last.wall_ms,
                counter: self.last.counter.saturating_add(1),
                device,
            }
        };
        self.last
    }

    /// Takes note of a stamp from elsewhere, so the next local stamp is greater than it.
    pub fn observe(&mut self, remote: Hlc, now_ms: u64) {
        let device = self.last.device;
        let wall_ms = now_ms.max(self.last.wall_ms).max(remote.wall_ms);
        let counter = match (wall_ms == self.last.wall_ms, wall_ms == remote.wall_ms) {
            (true, true) => self.last.counter.max(remote.counter),
            (true, false) => self.last.counter,
            (false, true) => remote.counter,
            (false, false) => 0,
        };
        self.last = Hlc {
            wall_ms,
            counter,
            device,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn device(n: u128) -> DeviceId {
        DeviceId(uuid::Uuid::from_u128(n))
    }

    #[test]
    fn ticks_increase_even_when_the_wall_clock_goes_back() {
        let mut clock = HlcClock::new(device(1));
        let a = clock.tick(1_000);
        let b = clock.tick(1_000);
        let c = clock.tick(900);
        let d = clock.tick(2_000);
        assert!(a < b && b < c && c < d);
        assert_eq!((c.wall_ms, c.counter), (1_000, 2));
    }

    #[test]
    fn after_observing_a_remote_stamp_local_stamps_are_greater() {
        let mut mine = HlcClock::new(device(1));
        let theirs = Hlc {
            wall_ms: 5_000,
            counter: 7,
            device: device(2),
        };
        mine.observe(theirs, 1_000);
        assert!(mine.tick(1_000) > theirs);
    }

    #[test]
    fn the_device_breaks_ties() {
        let a = Hlc {
            wall_ms: 1,
            counter: 0,
            device: device(1),
        };
        let b = Hlc {
            wall_ms: 1,
            counter: 0,
            device: device(2),
        };
        assert!(a < b);
        assert_ne!(a, b);
    }

    proptest! {
        #[test]
        fn stamps_are_strictly_increasing(events in proptest::collection::vec((0u64..10_000, proptest::option::of((0u64..10_000, 0u32..5))), 1..50)) {
            let mut clock = HlcClock::new(device(1));
            let mut previous = clock.last();
            for (now, remote) in events {
                if let Some((wall, counter)) = remote {
                    let remote = Hlc { wall_ms: wall, counter, device: device(2) };
                    clock.observe(remote, now);
                    let next = clock.tick(now);
                    prop_assert!(next > remote);
                    prop_assert!(next > previous);
                    previous = next;
                } else {
                    let next = clock.tick(now);
                    prop_assert!(next > previous);
                    previous = next;
                }
            }
        }
    }
}
