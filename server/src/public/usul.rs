//! `GET/POST /publik/usul`: a resident proposes a family (their own or a neighbour's) that the
//! register misses. The form is multipart for the optional house photo (JPEG or PNG by its
//! bytes, at most 5 MB, stored whole by its SHA-256). A valid usul becomes a case in the desa's
//! inbox with the register's likely duplicates flagged (the same NIK anywhere, or a head of a
//! similar name in the desa); the resident is sent to the case's page to keep its code.

use super::filing::{new_code, save_and_redirect};
use super::html::{Problems, problem, problems_summary};
use super::html::{desa_select, error_beside, input, page, textarea};
use super::{Client, Shared, blocking, desa_of, kabupaten_tree, message, respond, trouble};
use crate::blobs::{BlobHash, BlobKind};
use crate::state::AppState;
use crate::store::{Store, StoreResult};
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use tepat_domain::RegionCode;
use tepat_domain::cases::{Case, CaseKind, CaseSubject, Usul, check_usul, normalise_phone, tidy};
use tepat_domain::family::{Address, FamilyId};
use tepat_domain::identity::Nik;
use tepat_protocol::RegionRef;

/// The largest house photo accepted.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
/// The longest text field read (anything longer is cut; the checks then refuse it).
const MAX_FIELD_CHARS: usize = 2000;

/// The form as typed (the photo apart).
#[derive(Debug, Default, Clone)]
pub struct UsulForm {
    desa: String,
    nama: String,
    nik: String,
    alamat: String,
    dusun: String,
    rt: String,
    rw: String,
    alasan: String,
    sendiri: bool,
    telepon: String,
}

fn render(tree: &[(RegionRef, Vec<RegionRef>)], form: &UsulForm, problems: &Problems) -> String {
    let p = |field| problem(problems, field);
    let summary = problems_summary(problems);
    let body = format!(
        r#"<h1>Usul keluarga</h1>
<p class="lead">Usulkan keluarga Anda sendiri atau tetangga yang perlu dibantu tetapi belum terdaftar. Operator desa akan mengunjungi keluarga ini untuk memeriksa.</p>
{summary}
<form class="card" method="post" action="/publik/usul" enctype="multipart/form-data" data-testid="usul-form" novalidate>
{desa}
{nama}
{nik}
{alamat}
<div class="row">{rt}{rw}</div>
{dusun}
{alasan}
<div class="field"><label class="choice"><input type="checkbox" name="sendiri" value="ya"{sendiri} data-testid="usul-sendiri"> Ini keluarga saya sendiri</label></div>
{telepon}
<div class="field"><label for="foto">Foto rumah (boleh dikosongkan)</label><span class="hint">JPEG atau PNG, paling besar 5 MB. Foto tampak depan rumah.</span><input type="file" id="foto" name="foto" accept="image/jpeg,image/png" data-testid="usul-foto">{foto_error}</div>
<button type="submit" data-testid="usul-submit">Kirim usulan</button>
</form>
<p class="privacy">Nomor telepon Anda hanya untuk petugas desa dan tidak pernah ditunjukkan kepada siapa pun. Anda akan mendapat kode kasus untuk melacak usulan ini.</p>"#,
        desa = desa_select(tree, &form.desa, p("desa"), "Desa tempat keluarga tinggal"),
        nama = input(
            "nama",
            "Nama kepala keluarga",
            &form.nama,
            p("nama"),
            None,
            r#"maxlength="120" data-testid="usul-nama""#
        ),
        nik = input(
            "nik",
            "NIK kepala keluarga (boleh dikosongkan)",
            &form.nik,
            p("nik"),
            Some("16 angka, bila Anda tahu."),
            r#"inputmode="numeric" maxlength="24" data-testid="usul-nik""#
        ),
        alamat = input(
            "alamat",
            "Alamat (jalan, gang, patokan)",
            &form.alamat,
            p("alamat"),
            None,
            r#"maxlength="300" data-testid="usul-alamat""#
        ),
        rt = input(
            "rt",
            "RT",
            &form.rt,
            p("rt"),
            None,
            r#"inputmode="numeric" maxlength="3" data-testid="usul-rt""#
        ),
        rw = input(
            "rw",
            "RW",
            &form.rw,
            p("rw"),
            None,
            r#"inputmode="numeric" maxlength="3" data-testid="usul-rw""#
        ),
        dusun = input(
            "dusun",
            "Dusun",
            &form.dusun,
            p("dusun"),
            None,
            r#"maxlength="80" data-testid="usul-dusun""#
        ),
        alasan = textarea(
            "alasan",
            "Mengapa keluarga ini perlu dibantu?",
            &form.alasan,
            p("alasan"),
            r#"maxlength="600" data-testid="usul-alasan""#
        ),
        sendiri = if form.sendiri { " checked" } else { "" },
        telepon = input(
            "telepon",
            "Nomor telepon/WA Anda",
            &form.telepon,
            p("telepon"),
            Some("Untuk petugas desa bila perlu bertanya."),
            r#"type="tel" inputmode="tel" maxlength="20" data-testid="usul-telepon""#
        ),
        foto_error = error_beside("foto", p("foto")),
    );
    page("Usul keluarga", &body)
}

/// GET: the empty form.
pub async fn form(State(state): State<AppState>) -> Response {
    match kabupaten_tree(&state).await {
        Ok(tree) => respond(
            StatusCode::OK,
            render(&tree, &UsulForm::default(), &Vec::new()),
        ),
        Err(page) => page,
    }
}

fn too_large() -> Response {
    message(
        StatusCode::PAYLOAD_TOO_LARGE,
        "Kiriman terlalu besar",
        "Foto terlalu besar. Kirim foto paling besar 5 MB (perkecil atau potong fotonya), lalu isi formulir lagi.",
    )
}

/// Whether the bytes are a JPEG or a PNG, by their signature.
pub fn is_jpeg_or_png(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xD8, 0xFF]) || bytes.starts_with(b"\x89PNG\r\n\x1a\n")
}

/// Reads the multipart form; `Err` is the page to answer with (too large, malformed).
async fn read(mut multipart: Multipart) -> Result<(UsulForm, Option<Vec<u8>>), Response> {
    let mut form = UsulForm::default();
    let mut photo = None;
    let failed = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            too_large()
        } else {
            message(
                StatusCode::BAD_REQUEST,
                "Formulir tidak terbaca",
                "Formulir tidak terkirim dengan utuh. Muat ulang halaman dan coba lagi.",
            )
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(failed)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "foto" {
            let bytes = field.bytes().await.map_err(failed)?;
            if !bytes.is_empty() {
                photo = Some(bytes.to_vec());
            }
            continue;
        }
        let text = field.text().await.map_err(failed)?;
        let text: String = text.chars().take(MAX_FIELD_CHARS).collect();
        match name.as_str() {
            "desa" => form.desa = text,
            "nama" => form.nama = text,
            "nik" => form.nik = text,
            "alamat" => form.alamat = text,
            "dusun" => form.dusun = text,
            "rt" => form.rt = text,
            "rw" => form.rw = text,
            "alasan" => form.alasan = text,
            "sendiri" => form.sendiri = text == "ya",
            "telepon" => form.telepon = text,
            _ => {}
        }
    }
    Ok((form, photo))
}

fn rt_rw(field: &'static str, typed: &str, problems: &mut Problems) -> String {
    let typed = typed.trim();
    if typed.is_empty() {
        return String::new();
    }
    if typed.len() > 3 || !typed.chars().all(|c| c.is_ascii_digit()) {
        problems.push((
            field,
            format!(
                "{} ditulis dengan angka, paling banyak 3 angka.",
                field.to_uppercase()
            ),
        ));
    }
    typed.to_owned()
}

/// The register's likely duplicates of an usul: families holding its NIK anywhere, then the
/// desa's families whose head has a similar name.
pub fn duplicates(store: &dyn Store, desa: &RegionCode, usul: &Usul) -> StoreResult<Vec<FamilyId>> {
    let mut found = match &usul.nik {
        Some(nik) => store.families_with_nik(nik)?,
        None => Vec::new(),
    };
    for id in crate::cases::likely_heads(&store.families_in(desa)?, desa, &usul.head_name) {
        if !found.contains(&id) {
            found.push(id);
        }
    }
    Ok(found)
}

/// POST: files the usul.
pub async fn file(
    State(state): State<AppState>,
    axum::Extension(limits): Shared,
    Client(client): Client,
    multipart: Multipart,
) -> Response {
    let now = state.clock.now();
    let (form, photo) = match read(multipart).await {
        Ok(read) => read,
        Err(page) => return page,
    };
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
        problems.push(("desa", "Pilih desa tempat keluarga tinggal.".into()));
    }
    let nik = match form.nik.trim() {
        "" => None,
        typed => match Nik::parse(typed) {
            Ok(nik) => Some(nik),
            Err(e) => {
                problems.push(("nik", tepat_domain::text::sentence(&e.to_string())));
                None
            }
        },
    };
    let rt = rt_rw("rt", &form.rt, &mut problems);
    let rw = rt_rw("rw", &form.rw, &mut problems);
    let phone = normalise_phone(&form.telepon);
    if phone.is_none() {
        problems.push((
            "telepon",
            "Isi nomor telepon yang bisa dihubungi, misalnya 0812 3456 7890.".into(),
        ));
    }
    if let Some(bytes) = &photo {
        if bytes.len() > MAX_PHOTO_BYTES {
            problems.push(("foto", "Foto terlalu besar (paling besar 5 MB).".into()));
        } else if !is_jpeg_or_png(bytes) {
            problems.push(("foto", "Foto harus berupa gambar JPEG atau PNG.".into()));
        }
    }
    let mut usul = Usul {
        head_name: tidy(&form.nama),
        nik,
        address: Address {
            street: tidy(&form.alamat),
            dusun: tidy(&form.dusun),
            rw,
            rt,
        },
        reason: form.alasan.trim().to_owned(),
        own_family: form.sendiri,
        photo: None,
    };
    problems.extend(check_usul(&usul).into_iter().map(|p| (p.field, p.message)));
    let (Some(desa), Some(phone), true) = (desa, phone, problems.is_empty()) else {
        return respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&tree, &form, &problems),
        );
    };
    if let Some(page) = super::filing::limit(&limits, &client, now) {
        return page;
    }
    if let Some(bytes) = photo {
        match store_photo(&state, bytes).await {
            Ok(hash) => usul.photo = Some(hash),
            Err(page) => return page,
        }
    }
    let code = match new_code(CaseKind::Usul) {
        Ok(code) => code,
        Err(e) => return trouble(e),
    };
    let desa_code = desa.code.clone();
    let probe = usul.clone();
    let matches = match blocking(&state, move |s| duplicates(s, &desa_code, &probe)).await {
        Ok(matches) => matches,
        Err(page) => return page,
    };
    let case = Case {
        id: uuid::Uuid::now_v7(),
        code,
        desa: desa.code,
        filed_at: now,
        subject: CaseSubject::Usul(usul),
        phone: Some(phone),
        matches,
        family: None,
        visit: None,
        decision: None,
    };
    save_and_redirect(&state, case, &client).await
}

/// Stores the photo whole, named by its SHA-256 (as an evidence blob: JPEG or PNG).
async fn store_photo(state: &AppState, bytes: Vec<u8>) -> Result<[u8; 32], Response> {
    let blobs = state.blobs.clone();
    tokio::task::spawn_blocking(move || {
        let hash = BlobHash::of(&bytes);
        blobs
            .append_as(BlobKind::Evidence, &hash, 0, bytes.len() as u64, &bytes)
            .map(|_| hash.0)
    })
    .await
    .map_err(trouble)?
    .map_err(trouble)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_photo_is_known_by_its_bytes_not_its_name() {
        assert!(is_jpeg_or_png(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        assert!(is_jpeg_or_png(b"\x89PNG\r\n\x1a\n...."));
        assert!(!is_jpeg_or_png(b"GIF89a"));
        assert!(!is_jpeg_or_png(b"%PDF-1.4"));
        assert!(!is_jpeg_or_png(b""));
    }

    #[test]
    fn the_typed_values_are_kept_with_each_error_beside_its_field() {
        let form = UsulForm {
            nama: "<Budi>".into(),
            telepon: "12".into(),
            ..UsulForm::default()
        };
        let problems = vec![("telepon", "Isi nomor telepon.".to_owned())];
        let html = render(&[], &form, &problems);
        assert!(html.contains(r#"value="&lt;Budi&gt;""#));
        assert!(html.contains(r#"data-testid="error-telepon">Isi nomor telepon.</p>"#));
        assert!(!html.contains("error-nama"));
    }
}
