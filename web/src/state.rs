//! The app-wide state (language, instance settings, session, connectivity) as a pure reducer:
//! `reduce(state, action) -> state`, tested natively; Yew only holds it.

use crate::i18n::Lang;
use std::rc::Rc;
use tepat_protocol::{InstanceConfig, SessionInfo};
use yew::Reducible;

/// Where the session stands.
#[derive(Debug, Clone, PartialEq)]
pub enum Session {
    /// Asking the server whether the cookie is still good.
    Checking,
    /// Not logged in; `expired` when a session ended under the user's feet.
    LoggedOut {
        /// The user was logged in and the server ended the session.
        expired: bool,
    },
    /// The device holds this user's encrypted copy and the password must open it: after a
    /// reload (the key lives only in memory) or when starting without a connection.
    Locked {
        /// Whose copy.
        username: String,
        /// The session the server still confirms (its cookie is good), or none offline.
        online: Option<SessionInfo>,
    },
    /// Logged in.
    LoggedIn(SessionInfo),
}

/// Where the background sync stands, for the top bar.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum SyncPhase {
    /// Nothing running; `synced_at` is when the last round finished (ms since the epoch).
    #[default]
    Idle,
    /// A round is running: changes sent and received so far.
    Running {
        /// Sent so far.
        sent: usize,
        /// Received so far.
        received: usize,
        /// Received plus what the server said still waits (0 before the first page).
        total: usize,
    },
    /// The last round finished.
    Synced,
    /// The last round failed; it is retried by itself.
    Failed(String),
    /// The server no longer accepts the session: the user must log in online.
    NeedsLogin,
}

/// What the local copy holds that the user must know about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LocalCounts {
    /// Changes not yet acknowledged by the server.
    pub pending: usize,
    /// Changes the server refused.
    pub refused: usize,
    /// Conflicts the user has not looked at.
    pub conflicts: usize,
    /// Photos not yet whole on the server.
    pub photos: usize,
}

/// The local copy as the UI shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyncView {
    /// Whether the user works on a local copy at all.
    pub local: bool,
    /// Changes not yet acknowledged.
    pub pending: usize,
    /// Changes the server refused.
    pub refused: usize,
    /// Conflicts to look at.
    pub conflicts: usize,
    /// Photos not yet whole on the server.
    pub photos: usize,
    /// The sync.
    pub phase: SyncPhase,
    /// Bumped whenever the local data changed, so pages re-read it.
    pub data_version: u64,
}

/// App-wide state.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// UI language.
    pub lang: Lang,
    /// The instance's public settings, once loaded.
    pub config: Option<InstanceConfig>,
    /// The session.
    pub session: Session,
    /// Whether the browser reports a connection.
    pub online: bool,
    /// The local copy and its sync.
    pub sync: SyncView,
}

impl AppState {
    /// The state at start.
    pub fn new(lang: Lang, online: bool) -> AppState {
        AppState {
            lang,
            config: None,
            session: Session::Checking,
            online,
            sync: SyncView::default(),
        }
    }

    /// The logged-in user, if any.
    pub fn user(&self) -> Option<&SessionInfo> {
        match &self.session {
            Session::LoggedIn(info) => Some(info),
            _ => None,
        }
    }
}

/// What can happen to the app-wide state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The user switched language.
    SetLang(Lang),
    /// The instance settings arrived.
    Configured(InstanceConfig),
    /// A login succeeded, or the cookie was still good.
    LoggedIn(SessionInfo),
    /// The user logged out, or no session existed.
    LoggedOut,
    /// The server refused the session (401) while the user was working.
    SessionExpired,
    /// The browser went on- or offline.
    Online(bool),
    /// The device holds the user's locked copy.
    Locked {
        /// Whose copy.
        username: String,
        /// The session the server still confirms, if online.
        online: Option<SessionInfo>,
    },
    /// The local copy was opened: the user works on it.
    Unlocked(SessionInfo),
    /// The local copy changed: new counts, and pages re-read it.
    LocalChanged(LocalCounts),
    /// The sync moved on.
    Sync(SyncPhase),
}

/// The reducer.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    match action {
        Action::SetLang(lang) => next.lang = lang,
        Action::Configured(config) => next.config = Some(config),
        Action::LoggedIn(info) => {
            next.session = Session::LoggedIn(info);
            next.sync = SyncView::default();
        }
        Action::LoggedOut => {
            next.session = Session::LoggedOut { expired: false };
            next.sync = SyncView::default();
        }
        Action::SessionExpired if state.sync.local => {
            // The user keeps working on the local copy; only sending waits for a new login.
            next.sync.phase = SyncPhase::NeedsLogin;
        }
        Action::SessionExpired => {
            let was_in = matches!(state.session, Session::LoggedIn(_));
            next.session = Session::LoggedOut { expired: was_in };
        }
        Action::Online(online) => next.online = online,
        Action::Locked { username, online } => {
            next.session = Session::Locked { username, online };
            next.sync = SyncView::default();
        }
        Action::Unlocked(info) => {
            next.session = Session::LoggedIn(info);
            next.sync = SyncView {
                local: true,
                ..SyncView::default()
            };
        }
        Action::LocalChanged(counts) => {
            next.sync.pending = counts.pending;
            next.sync.refused = counts.refused;
            next.sync.conflicts = counts.conflicts;
            next.sync.photos = counts.photos;
            next.sync.data_version += 1;
        }
        Action::Sync(phase) => next.sync.phase = phase,
    }
    next
}

impl Reducible for AppState {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(reduce(&self, action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::{RegionCode, Role};
    use tepat_protocol::RegionRef;

    fn info() -> SessionInfo {
        let code = RegionCode::parse("35.26.15.2012").unwrap();
        let region = RegionRef {
            level: code.level(),
            code,
            name: "Lombang Dajah".into(),
        };
        SessionInfo {
            username: "op".into(),
            display_name: "Op".into(),
            role: Role::OperatorDesa,
            region: region.clone(),
            region_path: vec![region],
        }
    }

    #[test]
    fn session_lifecycle() {
        let start = AppState::new(Lang::Id, true);
        assert_eq!(start.session, Session::Checking);
        // No session at start is not an expiry.
        let out = reduce(&start, Action::SessionExpired);
        assert_eq!(out.session, Session::LoggedOut { expired: false });
        let logged_in = reduce(&out, Action::LoggedIn(info()));
        assert_eq!(logged_in.user().unwrap().username, "op");
        let expired = reduce(&logged_in, Action::SessionExpired);
        assert_eq!(expired.session, Session::LoggedOut { expired: true });
        assert_eq!(
            reduce(&logged_in, Action::LoggedOut).session,
            Session::LoggedOut { expired: false }
        );
    }

    #[test]
    fn a_local_copy_outlives_an_expired_server_session() {
        let locked = reduce(
            &AppState::new(Lang::Id, false),
            Action::Locked {
                username: "op".into(),
                online: None,
            },
        );
        assert!(locked.user().is_none());
        let open = reduce(&locked, Action::Unlocked(info()));
        assert!(open.sync.local);
        let changed = reduce(
            &open,
            Action::LocalChanged(LocalCounts {
                pending: 3,
                conflicts: 1,
                ..LocalCounts::default()
            }),
        );
        assert_eq!((changed.sync.pending, changed.sync.data_version), (3, 1));
        let expired = reduce(&changed, Action::SessionExpired);
        assert_eq!(expired.user().unwrap().username, "op", "still working");
        assert_eq!(expired.sync.phase, SyncPhase::NeedsLogin);
        assert_eq!(expired.sync.pending, 3);
        let out = reduce(&expired, Action::LoggedOut);
        assert_eq!(out.sync, SyncView::default());
    }

    #[test]
    fn language_and_connectivity() {
        let state = reduce(&AppState::new(Lang::Id, true), Action::SetLang(Lang::En));
        assert_eq!(state.lang, Lang::En);
        assert!(!reduce(&state, Action::Online(false)).online);
    }
}
