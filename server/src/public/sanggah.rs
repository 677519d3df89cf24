//! `GET/POST /publik/sanggah`: a resident objects to a recipient family of their desa. The case
//! lands with the desa (and the kecamatan, whose scope holds the desa) with the families whose
//! head has the name given, those receiving PKH or BPNT first. What the resident sees next is
//! the same whether or not a family was found; the family never learns who reported.

use super::filing::{limit, new_code, save_and_redirect};
use super::html::{Problems, problem, problems_summary};
use super::html::{desa_select, error_beside, esc, input, page, textarea};
use super::{Client, Shared, blocking, desa_of, kabupaten_tree, respond, trouble};
use crate::state::AppState;
use crate::store::{Store, StoreResult};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tepat_domain::RegionCode;
use tepat_domain::cases::{
    Case, CaseKind, CaseSubject, ObjectionReason, Sanggah, check_sanggah, normalise_phone, tidy,
};
use tepat_domain::family::FamilyId;
use tepat_protocol::RegionRef;

/// The form as typed (field names other pages and tests post).
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct SanggahForm {
    #[serde(default)]
    desa: String,
    #[serde(default)]
    nama: String,
    #[serde(default)]
    dusun: String,
    #[serde(default)]
    alasan: String,
    #[serde(default)]
    keterangan: String,
    #[serde(default)]
    telepon: String,
}

fn render(tree: &[(RegionRef, Vec<RegionRef>)], form: &SanggahForm, problems: &Problems) -> String {
    let p = |field| problem(problems, field);
    let summary = problems_summary(problems);
    let reasons: String = ObjectionReason::ALL
        .iter()
        .map(|r| {
            let checked = if form.alasan == r.code() { " checked" } else { "" };
            format!(
                r#"<label class="choice"><input type="radio" name="alasan" value="{code}"{checked} data-testid="alasan-{code}"> {label}</label>"#,
                code = esc(r.code()),
                label = esc(r.label_id())
            )
        })
        .collect();
    let body = format!(
        r#"<h1>Sanggah penerima bantuan</h1>
<p class="lead">Laporkan keluarga penerima bantuan di desa Anda yang menurut Anda tidak layak. Desa dan kecamatan akan memeriksanya di lapangan.</p>
{summary}
<form class="card" method="post" action="/publik/sanggah" data-testid="sanggah-form" novalidate>
{desa}
{nama}
{dusun}
<fieldset{reason_invalid}><legend>Alasan</legend>{reasons}{reason_error}</fieldset>
{keterangan}
{telepon}
<button type="submit" data-testid="sanggah-submit">Kirim sanggahan</button>
</form>
<p class="privacy">Identitas Anda tidak pernah ditunjukkan kepada keluarga yang disanggah. Anda akan mendapat kode kasus untuk melihat hasil pemeriksaan.</p>"#,
        desa = desa_select(tree, &form.desa, p("desa"), "Desa"),
        nama = input(
            "nama",
            "Nama kepala keluarga penerima",
            &form.nama,
            p("nama"),
            None,
            r#"maxlength="120" data-testid="sanggah-nama""#
        ),
        dusun = input(
            "dusun",
            "Dusun tempat keluarga itu tinggal",
            &form.dusun,
            p("dusun"),
            None,
            r#"maxlength="80" data-testid="sanggah-dusun""#
        ),
        reason_invalid = if p("alasan").is_some() {
            r#" aria-describedby="alasan-error""#
        } else {
            ""
        },
        reason_error = error_beside("alasan", p("alasan")),
        keterangan = textarea(
            "keterangan",
            "Apa yang Anda ketahui?",
            &form.keterangan,
            p("keterangan"),
            r#"maxlength="600" data-testid="sanggah-keterangan""#
        ),
        telepon = input(
            "telepon",
            "Nomor telepon/WA Anda (boleh dikosongkan)",
            &form.telepon,
            p("telepon"),
            Some(
                "Hanya agar petugas desa bisa bertanya lebih lanjut. Tidak pernah ditunjukkan kepada keluarga yang disanggah."
            ),
            r#"type="tel" inputmode="tel" maxlength="20" data-testid="sanggah-telepon""#
        ),
    );
    page("Sanggah penerima", &body)
}

/// GET: the empty form.
pub async fn form(State(state): State<AppState>) -> Response {
    match kabupaten_tree(&state).await {
        Ok(tree) => respond(
            StatusCode::OK,
            render(&tree, &SanggahForm::default(), &Vec::new()),
        ),
        Err(page) => page,
    }
}

/// The desa's families whose head has (about) the name given, PKH or BPNT recipients first.
pub fn named_families(
    store: &dyn Store,
    desa: &RegionCode,
    named: &str,
) -> StoreResult<Vec<FamilyId>> {
    Ok(crate::cases::likely_heads(
        &store.families_in(desa)?,
        desa,
        named,
    ))
}

/// POST: files the sanggah.
pub async fn file(
    State(state): State<AppState>,
    axum::Extension(limits): Shared,
    Client(client): Client,
    Form(form): Form<SanggahForm>,
) -> Response {
    let now = state.clock.now();
    let tree = match kabupaten_tree(&state).await {
        Ok(tree) => tree,
        Err(page) => return page,
    };
    let kabupaten = state.config.kabupaten.clone();
    let typed_desa = form.desa.clone();
    let desa = match blocking(&state, move |s| desa_of(s, &kabupaten, &typed_desa)).await {
        Ok(desa) => desa,
        Err(page) => return page,
    };
    let mut problems: Problems = Vec::new();
    if desa.is_none() {
        problems.push(("desa", "Pilih desa tempat keluarga itu tinggal.".into()));
    }
    let reason = ObjectionReason::from_code(form.alasan.trim());
    if reason.is_none() {
        problems.push(("alasan", "Pilih salah satu alasan.".into()));
    }
    let phone = match form.telepon.trim() {
        "" => None,
        typed => {
            let phone = normalise_phone(typed);
            if phone.is_none() {
                problems.push((
                    "telepon",
                    "Nomor telepon tidak terbaca. Tulis misalnya 0812 3456 7890, atau kosongkan."
                        .into(),
                ));
            }
            phone
        }
    };
    let sanggah = Sanggah {
        named: tidy(&form.nama),
        dusun: tidy(&form.dusun),
        reason: reason.unwrap_or(ObjectionReason::Other),
        detail: form.keterangan.trim().chars().take(2000).collect(),
    };
    problems.extend(
        check_sanggah(&sanggah)
            .into_iter()
            .map(|p| (p.field, p.message)),
    );
    let (Some(desa), true) = (desa, problems.is_empty()) else {
        return respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&tree, &form, &problems),
        );
    };
    if let Some(page) = limit(&limits, &client, now) {
        return page;
    }
    let code = match new_code(CaseKind::Sanggah) {
        Ok(code) => code,
        Err(e) => return trouble(e),
    };
    let (desa_code, named) = (desa.code.clone(), sanggah.named.clone());
    let matches = match blocking(&state, move |s| named_families(s, &desa_code, &named)).await {
        Ok(matches) => matches,
        Err(page) => return page,
    };
    let case = Case {
        id: uuid::Uuid::now_v7(),
        code,
        desa: desa.code,
        filed_at: now,
        subject: CaseSubject::Sanggah(sanggah),
        phone,
        matches,
        family: None,
        visit: None,
        decision: None,
    };
    save_and_redirect(&state, case, &client).await
}
