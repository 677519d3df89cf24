//! What usul and sanggah share once a form is valid: a fresh case code from the operating
//! system's randomness, the case saved with its audit entry (kind, code and desa only: no name,
//! no NIK, no phone), and the redirect to the case's page.

use super::{audit, limiter, too_many, trouble};
use crate::state::AppState;
use crate::store::{AuditAction, Notification, NotificationKind};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tepat_domain::cases::{Case, CaseCode, CaseKind};

/// A case code of `kind` from eight bytes of OS randomness.
pub fn new_code(kind: CaseKind) -> Result<CaseCode, getrandom::Error> {
    let mut random = [0u8; 8];
    getrandom::fill(&mut random)?;
    Ok(CaseCode::from_random(kind, random))
}

/// Saves `case` (audited as filed by a resident from `client`) and answers with the redirect to
/// its page, where the code is shown to be kept.
pub async fn save_and_redirect(state: &AppState, case: Case, client: &str) -> Response {
    let detail = format!(
        "{} {} dari warga, desa {}",
        case.kind().label_id(),
        case.code,
        case.desa
    );
    let entry = audit(case.filed_at, AuditAction::CaseFiled, client, detail);
    let notice = filed_notification(&case);
    let location = format!("/publik/kasus/{}?baru=1", case.code);
    match state
        .blocking(move |s| s.save_case(&case, &[entry], &[notice]))
        .await
    {
        Ok(()) => match HeaderValue::from_str(&location) {
            Ok(value) => (StatusCode::SEE_OTHER, [(header::LOCATION, value)]).into_response(),
            Err(e) => trouble(e),
        },
        Err(e) => trouble(e),
    }
}

/// The desa's notification of a new case: its kind and code, nothing the resident wrote (the
/// bell is seen by every level above the desa too).
pub fn filed_notification(case: &Case) -> Notification {
    let what = match case.kind() {
        CaseKind::Usul => "Usul keluarga baru dari warga",
        CaseKind::Sanggah => "Sanggahan baru dari warga",
    };
    Notification {
        at: case.filed_at,
        desa: case.desa.clone(),
        kind: NotificationKind::CaseFiled {
            case: case.id,
            code: case.code.clone(),
        },
        message: format!(
            "{what} ({}): kunjungi dan putuskan di menu Kasus.",
            case.code
        ),
    }
}

/// Counts a filing from `client`; the 429 page once the address has filed its share.
pub fn limit(limits: &limiter::Limits, client: &str, now: jiff::Timestamp) -> Option<Response> {
    let wait = limits
        .filings_by_address
        .hit(&format!("addr:{client}"), now)
        .err()?;
    Some(too_many(&format!(
        "Terlalu banyak usul dan sanggahan dari perangkat ini. Coba lagi dalam {} menit.",
        limiter::minutes(wait)
    )))
}
