//! The leaders' lists and downloads: the region table as CSV/XLSX (and the desa table as
//! GeoJSON), and GET spread/families: the families a filter keeps (e.g. likely targeting
//! errors) paged, or the whole selection as CSV, XLSX or GeoJSON. Everything is chosen from the
//! index; the store is read only for the families shown or written. Every download is audited.

use super::spread::with_index;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::spread::export::{self, Pick};
use crate::spread::selection::Selection;
use crate::spread::table::{self, TableContext};
use crate::state::AppState;
use crate::store::{AuditAction, AuditEntry, Store, UserRecord};
use crate::wire::Format;
use crate::xlsx::Cell;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tepat_domain::RegionCode;
use tepat_domain::text::format_number_id;
use tepat_protocol::spread::{
    FAMILY_EXPORT_LIMIT, FAMILY_PAGE_SIZE, FamilyListQuery, RegionTableQuery, SpreadFamilyLine,
    SpreadFamilyPage, SpreadFilter, TableLevel,
};

const READ_SPREAD: &str =
    "membuka rekap dan daftar keluarga (hanya peran yang membaca data keluarga)";

/// What a download is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Csv,
    Xlsx,
    GeoJson,
}

impl FileKind {
    fn parse(text: &str) -> Option<FileKind> {
        match text.to_ascii_lowercase().as_str() {
            "csv" => Some(FileKind::Csv),
            "xlsx" => Some(FileKind::Xlsx),
            "geojson" => Some(FileKind::GeoJson),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            FileKind::Csv => "csv",
            FileKind::Xlsx => "xlsx",
            FileKind::GeoJson => "geojson",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            FileKind::Csv => "text/csv; charset=utf-8",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::GeoJson => "application/geo+json",
        }
    }
}

fn sheet_bytes(kind: FileKind, sheet_name: &str, rows: &[Vec<Cell>]) -> Result<Vec<u8>, AppError> {
    match kind {
        FileKind::Xlsx => crate::xlsx::write_cells(sheet_name, rows)
            .map_err(|e| AppError::Internal(format!("xlsx: {e}"))),
        _ => {
            let text: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(Cell::csv).collect())
                .collect();
            Ok(tepat_domain::national::csv::write(&text))
        }
    }
}

fn download(kind: FileKind, filename: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, kind.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response()
}

/// `tepat-<what>-<scope digits>-<local date>.<ext>`.
fn filename(
    store: &dyn Store,
    what: &str,
    scope: &RegionCode,
    kind: FileKind,
    now: jiff::Timestamp,
) -> Result<String, AppError> {
    let date = crate::policy::windows(store)?.zone.local_date(now);
    Ok(format!(
        "tepat-{what}-{}-{date}.{}",
        scope.digits(),
        kind.extension()
    ))
}

fn audit(
    store: &dyn Store,
    user: &UserRecord,
    now: jiff::Timestamp,
    detail: String,
) -> Result<(), AppError> {
    store.append_audit(&AuditEntry::by(
        now,
        user,
        AuditAction::SpreadExported,
        detail,
    ))?;
    Ok(())
}

/// GET spread/regions with `format`: the table as CSV, XLSX or (desa level) GeoJSON, audited.
pub async fn regions_download(
    state: AppState,
    current: CurrentUser,
    scope: RegionCode,
    query: RegionTableQuery,
    format: &str,
) -> Result<Response, AppError> {
    let kind = FileKind::parse(format).ok_or_else(|| {
        AppError::BadRequest("Format unduhan harus csv, xlsx atau geojson (?format=csv).".into())
    })?;
    if kind == FileKind::GeoJson && query.level != TableLevel::Desa {
        return Err(AppError::BadRequest(
            "GeoJSON rekap hanya per desa: pakai ?level=desa&format=geojson.".into(),
        ));
    }
    let kabupaten = state.config.kabupaten.clone();
    let now = state.clock.now();
    let level = query.level;
    let user = current.user.clone();
    let (name, bytes, rows) = with_index(&state, move |s, index| {
        let ctx = TableContext::read(s, &kabupaten, now)?;
        let table = table::table(index, &ctx, &scope, level);
        let what = match level {
            TableLevel::Kecamatan => "rekap-kecamatan",
            TableLevel::Desa => "rekap-desa",
        };
        let name = filename(s, what, &scope, kind, now)?;
        let (bytes, rows) = if kind == FileKind::GeoJson {
            let geojson = export::desa_geojson(index, &table);
            let n = geojson["features"].as_array().map_or(0, Vec::len);
            let bytes = serde_json::to_vec(&geojson)
                .map_err(|e| AppError::Internal(format!("geojson: {e}")))?;
            (bytes, n)
        } else {
            let sheet = export::table_sheet(&table);
            (sheet_bytes(kind, "Rekap", &sheet)?, table.rows.len())
        };
        Ok((name, bytes, rows))
    })
    .await?;
    // Audited after the index is let go: a write never waits inside its read lock.
    let detail = format!("{name}: {rows} baris wilayah");
    state
        .blocking(move |s| Ok(audit(s, &user, now, detail)))
        .await??;
    Ok(download(kind, &name, bytes))
}

/// GET spread/families.
pub async fn families(
    State(state): State<AppState>,
    current: CurrentUser,
    format: Format,
    Query(query): Query<FamilyListQuery>,
    Query(filter): Query<SpreadFilter>,
) -> Result<Response, AppError> {
    current.require(current.user.role.reads_families(), READ_SPREAD)?;
    let scope = current
        .asked_region(&state, filter.region.as_deref())
        .await?;
    let full_nik = current.user.role.sees_full_identity();
    let kind = match query.format.as_deref() {
        None | Some("") => None,
        Some(text) => Some(FileKind::parse(text).ok_or_else(|| {
            AppError::BadRequest(
                "Format unduhan harus csv, xlsx atau geojson (?format=csv).".into(),
            )
        })?),
    };
    let Some(kind) = kind else {
        let page = with_index(&state, move |s, index| {
            let selection = Selection::new(index, &scope, &filter)
                .map_err(|e| AppError::BadRequest(e.to_string()))?;
            let picks = export::ordered(index, &selection);
            let start = (query.page as usize).saturating_mul(FAMILY_PAGE_SIZE as usize);
            let shown: Vec<Pick> = picks
                .iter()
                .skip(start)
                .take(FAMILY_PAGE_SIZE as usize)
                .copied()
                .collect();
            let lines = read_lines(s, index, &shown, full_nik)?;
            Ok(SpreadFamilyPage {
                lines,
                page: query.page,
                page_size: FAMILY_PAGE_SIZE,
                total: picks.len() as u32,
                nik_masked: !full_nik,
                as_of: index.as_of,
            })
        })
        .await?;
        return Ok(format.reply(page).into_response());
    };
    let now = state.clock.now();
    let user = current.user.clone();
    let describe = describe(&filter);
    let scope_for_name = scope.clone();
    // Chosen (and for GeoJSON written) from the index; the families are read afterwards, so
    // a large file never holds the index while the store is read.
    let (picked, geojson) = with_index(&state, move |_, index| {
        let selection = Selection::new(index, &scope, &filter)
            .map_err(|e| AppError::BadRequest(e.to_string()))?;
        let picks = export::ordered(index, &selection);
        if picks.len() > FAMILY_EXPORT_LIMIT as usize {
            return Err(AppError::BadRequest(format!(
                "Terlalu banyak keluarga untuk satu unduhan ({}; paling banyak {}): pilih satu kecamatan atau desa, atau saring lagi.",
                format_number_id(picks.len() as u64),
                format_number_id(u64::from(FAMILY_EXPORT_LIMIT)),
            )));
        }
        if kind == FileKind::GeoJson {
            return Ok((Vec::new(), Some((export::families_geojson(index, &picks), picks.len()))));
        }
        Ok((
            picks
                .iter()
                .map(|p| (p.id(index), index.desa[p.desa].code.clone(), index.desa[p.desa].name.clone(), *p.point(index)))
                .collect::<Vec<_>>(),
            None,
        ))
    })
    .await?;
    state
        .blocking(move |s| {
            let write = || -> Result<Response, AppError> {
            if let Some((geojson, selected)) = geojson {
                let name = filename(s, "keluarga", &scope_for_name, kind, now)?;
                let n = geojson["features"].as_array().map_or(0, Vec::len);
                let bytes = serde_json::to_vec(&geojson)
                    .map_err(|e| AppError::Internal(format!("geojson: {e}")))?;
                audit(
                    s,
                    &user,
                    now,
                    format!("{name}: {n} titik keluarga dari {selected} terpilih ({describe}), tanpa nama dan NIK"),
                )?;
                return Ok(download(kind, &name, bytes));
            }
            let mut lines = Vec::with_capacity(picked.len());
            for (id, code, desa_name, point) in &picked {
                let Some(family) = s.family(*id)? else {
                    continue; // removed since the index was read
                };
                lines.push(export::line(&family, code, desa_name, point, full_nik));
            }
            let name = filename(s, "keluarga", &scope_for_name, kind, now)?;
            let sheet = export::families_sheet(&lines, !full_nik);
            let bytes = sheet_bytes(kind, "Keluarga", &sheet)?;
            let nik = if full_nik { "NIK utuh" } else { "NIK disamarkan" };
            audit(
                s,
                &user,
                now,
                format!("{name}: {} keluarga ({describe}), {nik}", lines.len()),
            )?;
            Ok(download(kind, &name, bytes))
            };
            Ok(write())
        })
        .await?
}

/// The families of `picks` as lines, read from the store one by one.
fn read_lines(
    store: &dyn Store,
    index: &crate::spread::index::SpreadIndex,
    picks: &[Pick],
    full_nik: bool,
) -> Result<Vec<SpreadFamilyLine>, AppError> {
    let mut lines = Vec::with_capacity(picks.len());
    for pick in picks {
        let Some(family) = store.family(pick.id(index))? else {
            continue;
        };
        let bucket = &index.desa[pick.desa];
        lines.push(export::line(
            &family,
            &bucket.code,
            &bucket.name,
            pick.point(index),
            full_nik,
        ));
    }
    Ok(lines)
}

/// The filter in words, for the audit trail.
fn describe(filter: &SpreadFilter) -> String {
    let mut parts = Vec::new();
    if let Some(region) = &filter.region {
        parts.push(format!("wilayah {region}"));
    }
    if let Some(error) = filter.error {
        parts.push(
            match error {
                tepat_protocol::spread::TargetingError::Inclusion => "dugaan inklusi",
                tepat_protocol::spread::TargetingError::Exclusion => "dugaan eksklusi",
            }
            .to_owned(),
        );
    }
    if let Some(status) = &filter.status {
        parts.push(format!("status {status}"));
    }
    if let Some(d) = filter.decile_max {
        parts.push(format!("desil ≤ {d}"));
    }
    if let Some(p) = &filter.programme {
        parts.push(format!("program {p}"));
    }
    if let Some(e) = filter.extreme {
        parts.push(
            if e {
                "miskin ekstrem"
            } else {
                "bukan miskin ekstrem"
            }
            .to_owned(),
        );
    }
    if filter.loci == Some(true) {
        parts.push("desa lokus".to_owned());
    }
    if parts.is_empty() {
        "semua dalam cakupan".to_owned()
    } else {
        parts.join(", ")
    }
}
