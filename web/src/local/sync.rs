//! One sync round between the open local copy and the server: push the outbox in batches (a
//! change leaves only with its ack), then pull the scope's changes page by page after the
//! cursor, then the scope's proposals, saving to the vault after every batch and page so a broken connection loses nothing
//! and redoes nothing. When rounds run (interval, reconnect, the "Sinkronkan" button, back-off)
//! is [`Schedule`]'s business, a pure type tested natively.

use super::{LocalCopy, open_copy};
use crate::api::{self, ApiFailure};
use tepat_protocol::routes;
use tepat_protocol::sync::{AckOutcome, MAX_PUSH_CHANGES, PullResponse, PushRequest, PushResponse};
use tepat_sync::PushOutcome;

thread_local! {
    static WAKE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Asks for a round as soon as possible (reconnect, the button, an edit saved).
pub fn wake_soon() {
    WAKE.with(|w| w.set(true));
}

/// Whether a round was asked for since the last call.
pub fn take_wake() -> bool {
    WAKE.with(|w| w.replace(false))
}

/// How far a round got, for the progress line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Changes sent so far this round.
    Sending(usize),
    /// Changes received so far this round, of about how many in all (the server's estimate).
    Receiving {
        /// Received so far.
        received: usize,
        /// Received plus still waiting on the server.
        total: usize,
    },
}

/// Why a round stopped.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncFailure {
    /// No copy is open.
    Closed,
    /// The server could not be reached or answered with an error.
    Api(ApiFailure),
    /// The device's storage failed.
    Storage(String),
}

/// What a finished round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Round {
    /// Changes the server took.
    pub sent: usize,
    /// Changes it refused.
    pub refused: usize,
    /// Changes received.
    pub received: usize,
    /// Photos that became whole on the server.
    pub photos: usize,
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

async fn push(
    copy: &LocalCopy,
    progress: &impl Fn(Progress),
    round: &mut Round,
) -> Result<(), SyncFailure> {
    loop {
        let batch = copy.replica.borrow().outbox().next_batch(MAX_PUSH_CHANGES);
        if batch.is_empty() {
            return Ok(());
        }
        let had_commands = batch.iter().any(|c| c.is_command());
        let answer: PushResponse = api::post(routes::SYNC_PUSH, &PushRequest { changes: batch })
            .await
            .map_err(SyncFailure::Api)?;
        let outcomes: Vec<_> = answer
            .acks
            .into_iter()
            .map(|ack| {
                let outcome = match ack.outcome {
                    AckOutcome::Accepted { .. } | AckOutcome::Duplicate { .. } => {
                        round.sent += 1;
                        PushOutcome::Stored
                    }
                    AckOutcome::Refused { reason } => {
                        round.refused += 1;
                        PushOutcome::Refused(reason)
                    }
                };
                (ack.change, outcome)
            })
            .collect();
        if outcomes.is_empty() {
            return Err(SyncFailure::Api(ApiFailure::Unreadable));
        }
        // A command leaves the outbox only together with the server's answer to it (the
        // proposal or visit as decided), so the family never shows it gone in between.
        let decided = if had_commands {
            Some((
                super::proposals::fetch().await.map_err(SyncFailure::Api)?,
                super::visits::fetch().await.map_err(SyncFailure::Api)?,
                super::labels::fetch().await.map_err(SyncFailure::Api)?,
            ))
        } else {
            None
        };
        copy.replica.borrow_mut().acknowledge(&outcomes);
        if let Some((proposals, visits, labels)) = decided {
            super::proposals::keep(copy, proposals).await;
            super::visits::keep(copy, visits).await;
            super::labels::keep(copy, labels).await;
        }
        copy.save()
            .await
            .map_err(|e| SyncFailure::Storage(e.to_string()))?;
        progress(Progress::Sending(round.sent + round.refused));
    }
}

async fn pull(
    copy: &LocalCopy,
    progress: &impl Fn(Progress),
    round: &mut Round,
) -> Result<(), SyncFailure> {
    loop {
        let cursor = copy.replica.borrow().cursor().to_string();
        let path = api::with_query(routes::SYNC_PULL, &[("after", &cursor)]);
        let page: PullResponse = api::get(&path).await.map_err(SyncFailure::Api)?;
        let changes: Vec<_> = page.changes.iter().map(|p| p.change.clone()).collect();
        round.received += changes.len();
        copy.replica
            .borrow_mut()
            .apply_pulled(&changes, page.cursor, now_ms());
        copy.save()
            .await
            .map_err(|e| SyncFailure::Storage(e.to_string()))?;
        progress(Progress::Receiving {
            received: round.received,
            total: round.received + page.remaining as usize,
        });
        if !page.more {
            return Ok(());
        }
    }
}

/// Runs one round: push everything, then pull everything.
pub async fn round(progress: impl Fn(Progress)) -> Result<Round, SyncFailure> {
    let copy = open_copy().ok_or(SyncFailure::Closed)?;
    // Photos first: a family's change then never names a photo the server lacks for long.
    let photos = super::photos::upload_pending().await.map_err(|e| match e {
        super::photos::UploadFailure::Api(f) => SyncFailure::Api(f),
        super::photos::UploadFailure::Storage(s) => SyncFailure::Storage(s),
    })?;
    let mut round = Round {
        photos,
        ..Round::default()
    };
    push(&copy, &progress, &mut round).await?;
    pull(&copy, &progress, &mut round).await?;
    // The proposals as the server decided them, steps sent this round included.
    super::proposals::refresh(&copy)
        .await
        .map_err(SyncFailure::Api)?;
    super::visits::refresh(&copy)
        .await
        .map_err(SyncFailure::Api)?;
    super::labels::refresh(&copy)
        .await
        .map_err(SyncFailure::Api)?;
    Ok(round)
}

/// When the next round is due: after `interval` once a round succeeded; after a failure, a
/// delay that doubles from two seconds up to the interval. A permanent error (a refused
/// change) is not a failure here: it is shown, and the outbox no longer holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    interval_ms: f64,
    backoff_ms: f64,
    due_ms: f64,
}

const FIRST_BACKOFF_MS: f64 = 2_000.0;

impl Schedule {
    /// A schedule with a round due at once.
    pub fn new(interval_secs: u32, now_ms: f64) -> Schedule {
        Schedule {
            interval_ms: f64::from(interval_secs.max(1)) * 1_000.0,
            backoff_ms: 0.0,
            due_ms: now_ms,
        }
    }

    /// Whether a round is due.
    pub fn is_due(&self, now_ms: f64) -> bool {
        now_ms >= self.due_ms
    }

    /// A round succeeded.
    pub fn succeeded(&mut self, now_ms: f64) {
        self.backoff_ms = 0.0;
        self.due_ms = now_ms + self.interval_ms;
    }

    /// A round failed.
    pub fn failed(&mut self, now_ms: f64) {
        self.backoff_ms = if self.backoff_ms == 0.0 {
            FIRST_BACKOFF_MS
        } else {
            (self.backoff_ms * 2.0).min(self.interval_ms)
        };
        self.due_ms = now_ms + self.backoff_ms;
    }

    /// Something asks for a round now (the connection came back, the user pressed the button,
    /// an edit was saved).
    pub fn wake(&mut self, now_ms: f64) {
        self.due_ms = self.due_ms.min(now_ms);
    }

    /// When the next round is due.
    pub fn due_ms(&self) -> f64 {
        self.due_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_doubling_up_to_the_interval_and_success_resets() {
        let mut schedule = Schedule::new(60, 0.0);
        assert!(schedule.is_due(0.0));
        let mut delays = Vec::new();
        let mut now = 0.0;
        for _ in 0..7 {
            schedule.failed(now);
            delays.push(schedule.due_ms() - now);
            now = schedule.due_ms();
        }
        assert_eq!(
            delays,
            [
                2_000.0, 4_000.0, 8_000.0, 16_000.0, 32_000.0, 60_000.0, 60_000.0
            ]
        );
        schedule.succeeded(now);
        assert!(!schedule.is_due(now + 59_000.0));
        assert!(schedule.is_due(now + 60_000.0));
        schedule.failed(now);
        assert_eq!(schedule.due_ms() - now, 2_000.0);
    }

    #[test]
    fn a_wake_makes_a_round_due_at_once() {
        let mut schedule = Schedule::new(60, 0.0);
        schedule.succeeded(0.0);
        assert!(!schedule.is_due(1_000.0));
        schedule.wake(1_000.0);
        assert!(schedule.is_due(1_000.0));
    }
}
