//! How far each running check or apply of an import file has come, kept in memory per file so
//! the page polls a determinate progress bar ("1.200 dari 10.000 keluarga diperiksa") while the
//! request that does the work is still open. A finished file's entry is removed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tepat_protocol::{ImportPhase, ImportProgress};

/// Every file's progress, by its SHA-256 in hex.
#[derive(Debug, Default)]
pub struct Board {
    files: Mutex<HashMap<String, ImportProgress>>,
}

impl Board {
    /// The progress of a file (`Idle` when nothing runs for it).
    pub fn get(&self, file: &str) -> ImportProgress {
        self.lock().get(file).copied().unwrap_or(ImportProgress {
            phase: ImportPhase::Idle,
            done: 0,
            total: 0,
        })
    }

    /// Starts a phase of `file` (the entry goes when the returned tracker is dropped).
    pub fn start(self: &Arc<Self>, file: &str, phase: ImportPhase, total: u32) -> Tracker {
        let tracker = Tracker {
            board: self.clone(),
            file: file.to_owned(),
        };
        tracker.set(phase, 0, total);
        tracker
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ImportProgress>> {
        self.files.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One file's progress while its work runs; dropped, the file is idle again.
#[derive(Debug)]
pub struct Tracker {
    board: Arc<Board>,
    file: String,
}

impl Tracker {
    /// Moves to a phase and count.
    pub fn set(&self, phase: ImportPhase, done: u32, total: u32) {
        self.board
            .lock()
            .insert(self.file.clone(), ImportProgress { phase, done, total });
    }

    /// Counts `done` of `total` in the checking phase (every hundredth, and the last).
    pub fn checked(&self, done: u32, total: u32) {
        if done.is_multiple_of(100) || done == total {
            self.set(ImportPhase::Checking, done, total);
        }
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        self.board.lock().remove(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_shows_its_phase_while_tracked_and_is_idle_after() {
        let board = Arc::new(Board::default());
        {
            let tracker = board.start("ab", ImportPhase::Reading, 0);
            assert_eq!(board.get("ab").phase, ImportPhase::Reading);
            tracker.checked(200, 1000);
            assert_eq!(
                board.get("ab"),
                ImportProgress {
                    phase: ImportPhase::Checking,
                    done: 200,
                    total: 1000
                }
            );
            tracker.checked(201, 1000);
            assert_eq!(board.get("ab").done, 200, "not every family is counted");
            assert_eq!(board.get("cd").phase, ImportPhase::Idle);
        }
        assert_eq!(board.get("ab").phase, ImportPhase::Idle);
    }
}
