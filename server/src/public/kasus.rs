//! `GET /publik/kasus` and `/publik/kasus/{code}`: a reporter follows a case by its code. The
//! page says the kind, the desa, when it was filed, where it stands and, once decided, the
//! outcome with the desa's note and date: never the phone, the family's data or who reported.
//! Look-ups are rate-limited per address so codes cannot be tried in bulk.

use super::html::{esc, input, page};
use super::{Client, Shared, blocking, local_date, message, respond, too_many};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tepat_domain::cases::{Case, CaseCode};
use tepat_domain::text::format_date_id;

/// `?kode=` on the look-up form, `?baru=1` after filing.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    kode: Option<String>,
    #[serde(default)]
    baru: Option<String>,
}

fn lookup_page(typed: &str, error: Option<&str>) -> String {
    let body = format!(
        r#"<h1>Lacak kasus</h1>
<p class="lead">Masukkan kode kasus yang Anda terima saat mengirim usul atau sanggahan, misalnya USL-7K3M-Q9XZ.</p>
<form class="card" method="get" action="/publik/kasus" data-testid="kasus-form">
{field}
<button type="submit" data-testid="kasus-submit">Lihat kasus</button>
</form>"#,
        field = input(
            "kode",
            "Kode kasus",
            typed,
            error,
            None,
            r#"autocapitalize="characters" autocomplete="off" maxlength="20" data-testid="kasus-kode""#
        ),
    );
    page("Lacak kasus", &body)
}

/// GET /publik/kasus: the form, or the redirect to the code typed.
pub async fn lookup(Query(query): Query<CaseQuery>) -> Response {
    let Some(typed) = query.kode else {
        return respond(StatusCode::OK, lookup_page("", None));
    };
    match CaseCode::parse(&typed) {
        Some(code) => match HeaderValue::from_str(&format!("/publik/kasus/{code}")) {
            Ok(to) => (StatusCode::SEE_OTHER, [(header::LOCATION, to)]).into_response(),
            Err(_) => respond(StatusCode::OK, lookup_page(&typed, None)),
        },
        None => respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            lookup_page(
                &typed,
                Some("Kode kasus tidak dikenali. Kode berbentuk USL-XXXX-XXXX atau SGH-XXXX-XXXX."),
            ),
        ),
    }
}

/// What a reporter may read of a case.
pub fn render_case(
    case: &Case,
    desa: &str,
    filed: jiff::civil::Date,
    decided: Option<jiff::civil::Date>,
    fresh: bool,
) -> String {
    let kind = case.kind();
    let fresh = if fresh {
        format!(
            r#"<div class="code-box" data-testid="case-new"><p><strong>Simpan kode ini.</strong> Catat atau foto kode ini untuk melihat hasilnya nanti.</p><p class="code" data-testid="case-code">{code}</p></div>"#,
            code = esc(case.code.as_str())
        )
    } else {
        String::new()
    };
    let decision = match (&case.decision, decided) {
        (Some(d), Some(on)) => format!(
            r#"<dt>Hasil</dt><dd data-testid="case-outcome">{}</dd><dt>Catatan desa</dt><dd data-testid="case-note">{}</dd><dt>Tanggal keputusan</dt><dd>{}</dd>"#,
            esc(d.outcome.label_id(kind)),
            esc(&d.note),
            esc(&format_date_id(on))
        ),
        _ => String::new(),
    };
    let code_row = if fresh.is_empty() {
        format!(
            r#"<dt>Kode kasus</dt><dd data-testid="case-code">{}</dd>"#,
            esc(case.code.as_str())
        )
    } else {
        String::new()
    };
    let body = format!(
        r#"{fresh}<h1>{kind} warga</h1>
<section class="card" data-testid="case"><dl>{code_row}<dt>Jenis</dt><dd data-testid="case-kind">{kind}</dd><dt>Desa</dt><dd data-testid="case-desa">{desa}</dd><dt>Tanggal diterima</dt><dd>{filed}</dd><dt>Status</dt><dd data-testid="case-state">{state}</dd>{decision}</dl></section>
<p class="privacy">Halaman ini tidak menampilkan nomor telepon, data keluarga, atau siapa yang melapor.</p>
<p class="no-print"><a class="button secondary" href="/publik/kasus">Lacak kasus lain</a></p>"#,
        kind = esc(kind.label_id()),
        desa = esc(desa),
        filed = esc(&format_date_id(filed)),
        state = esc(case.state().label_id()),
    );
    page(&format!("Kasus {}", case.code), &body)
}

/// GET /publik/kasus/{code}.
pub async fn show(
    State(state): State<AppState>,
    axum::Extension(limits): Shared,
    Client(client): Client,
    Path(typed): Path<String>,
    Query(query): Query<CaseQuery>,
) -> Response {
    let now = state.clock.now();
    if limits
        .lookups_by_address
        .hit(&format!("addr:{client}"), now)
        .is_err()
    {
        return too_many(
            "Terlalu banyak pencarian kasus dari perangkat ini. Coba lagi dalam 1 menit.",
        );
    }
    let not_found = || {
        message(
            StatusCode::NOT_FOUND,
            "Kode kasus tidak ditemukan",
            "Kode kasus tidak ditemukan. Periksa kembali kode yang Anda catat.",
        )
    };
    let Some(code) = CaseCode::parse(&typed) else {
        return not_found();
    };
    let found = blocking(&state, move |s| {
        let Some(case) = s.case_by_code(&code)? else {
            return Ok(None);
        };
        let desa = s.region_or_code(&case.desa)?.display_name();
        let filed = local_date(s, case.filed_at)?;
        let decided = match &case.decision {
            Some(d) => Some(local_date(s, d.at)?),
            None => None,
        };
        Ok(Some((case, desa, filed, decided)))
    })
    .await;
    match found {
        Ok(Some((case, desa, filed, decided))) => respond(
            StatusCode::OK,
            render_case(
                &case,
                &desa,
                filed,
                decided,
                query.baru.as_deref() == Some("1"),
            ),
        ),
        Ok(None) => not_found(),
        Err(page) => page,
    }
}
