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
    /// Logged in.
    LoggedIn(SessionInfo),
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
}

impl AppState {
    /// The state at start.
    pub fn new(lang: Lang, online: bool) -> AppState {
        AppState {
            lang,
            config: None,
            session: Session::Checking,
            online,
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
}

/// The reducer.
pub fn reduce(state: &AppState, action: Action) -> AppState {
    let mut next = state.clone();
    match action {
        Action::SetLang(lang) => next.lang = lang,
        Action::Configured(config) => next.config = Some(config),
        Action::LoggedIn(info) => next.session = Session::LoggedIn(info),
        Action::LoggedOut => next.session = Session::LoggedOut { expired: false },
        Action::SessionExpired => {
            let was_in = matches!(state.session, Session::LoggedIn(_));
            next.session = Session::LoggedOut { expired: was_in };
        }
        Action::Online(online) => next.online = online,
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
    fn language_and_connectivity() {
        let state = reduce(&AppState::new(Lang::Id, true), Action::SetLang(Lang::En));
        assert_eq!(state.lang, Lang::En);
        assert!(!reduce(&state, Action::Online(false)).online);
    }
}
