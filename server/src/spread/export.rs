//! The leaders' lists and downloads made from the index: the families a filter keeps in a
//! fixed order (desa code, then decile, poorest first) so pages and files agree, a family as a
//! list line (NIK masked unless the role sees it whole), the region table and the family list
//! as sheets (Indonesian headers, counts as numbers, percentages computed, a total row), and
//! GeoJSON for QGIS: family points with non-identifying properties only (id, desa, status,
//! decile, extreme poverty, programme class: no name, no NIK, no address) and desa aggregates
//! at the centre of their pinned houses.

use super::index::{FamilyPoint, SpreadIndex, flag};
use super::mercator;
use super::selection::Selection;
use crate::xlsx::Cell;
use serde_json::{Value, json};
use tepat_domain::{Family, FamilyId, RegionCode};
use tepat_protocol::spread::{
    PROGRAMME_CLASSES, RegionRow, RegionTable, STATUS_CLASSES, SpreadFamilyLine, TableLevel,
    TargetingError, WaitLevel,
};

/// One family the selection keeps: its desa bucket and place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pick {
    /// Index into [`SpreadIndex::desa`].
    pub desa: usize,
    /// Index into the bucket's `ids` and `points`.
    pub at: usize,
}

impl Pick {
    /// The family's id.
    pub fn id(self, index: &SpreadIndex) -> FamilyId {
        index.desa[self.desa].ids[self.at]
    }

    /// The family's point.
    pub fn point(self, index: &SpreadIndex) -> &FamilyPoint {
        &index.desa[self.desa].points[self.at]
    }
}

/// The families `selection` keeps, by desa code, then decile (1 first, unscored last), then id.
pub fn ordered(index: &SpreadIndex, selection: &Selection) -> Vec<Pick> {
    let mut out = Vec::new();
    for (d, bucket) in index.desa.iter().enumerate() {
        if !selection.desa[d] {
            continue;
        }
        let mut picks: Vec<usize> = (0..bucket.points.len())
            .filter(|&at| selection.matches(&bucket.points[at]))
            .collect();
        picks.sort_by_key(|&at| {
            let decile = bucket.points[at].decile;
            (decile == 0, decile, bucket.ids[at])
        });
        out.extend(picks.into_iter().map(|at| Pick { desa: d, at }));
    }
    out
}

/// The programme classes a point receives (`pkh`, `bpnt`, `pbijk`, `other`).
pub fn programmes(point: &FamilyPoint) -> Vec<String> {
    [flag::PKH, flag::BPNT, flag::PBI_JK, flag::OTHER]
        .iter()
        .zip(&PROGRAMME_CLASSES[1..])
        .filter(|(bit, _)| point.has(**bit))
        .map(|(_, name)| (*name).to_owned())
        .collect()
}

/// The likely targeting error a point is, if any.
pub fn error_of(point: &FamilyPoint) -> Option<TargetingError> {
    if point.has(flag::INCLUSION) {
        Some(TargetingError::Inclusion)
    } else if point.has(flag::EXCLUSION) {
        Some(TargetingError::Exclusion)
    } else {
        None
    }
}

fn extreme_of(point: &FamilyPoint) -> Option<bool> {
    point
        .has(flag::EXTREME_KNOWN)
        .then(|| point.has(flag::EXTREME))
}

/// A family as a list line; `full_nik` for roles that see identity numbers whole.
pub fn line(
    family: &Family,
    desa: &RegionCode,
    desa_name: &str,
    point: &FamilyPoint,
    full_nik: bool,
) -> SpreadFamilyLine {
    let head = family.head();
    SpreadFamilyLine {
        id: family.id,
        head_name: family.head_name().to_owned(),
        head_nik: head.map(|h| {
            if full_nik {
                h.nik.as_str().to_owned()
            } else {
                h.nik.masked()
            }
        }),
        desa: desa.to_string(),
        desa_name: desa_name.to_owned(),
        dusun: family.address.dusun.clone(),
        rt: family.address.rt.clone(),
        rw: family.address.rw.clone(),
        members: u16::from(point.members),
        decile: (point.decile != 0).then_some(point.decile),
        extreme: extreme_of(point),
        programmes: programmes(point),
        status: STATUS_CLASSES[usize::from(point.status)].to_owned(),
        error: error_of(point),
    }
}

fn percent(part: u32, whole: u32) -> Cell {
    if whole == 0 {
        Cell::Percent(0.0)
    } else {
        Cell::Percent((f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
    }
}

fn wait_words(level: WaitLevel) -> &'static str {
    match level {
        WaitLevel::Desa => "desa",
        WaitLevel::Kecamatan => "kecamatan",
        WaitLevel::Dinas => "Dinas Sosial",
        WaitLevel::KepalaDinas => "Kepala Dinas",
        WaitLevel::Bupati => "Bupati",
        WaitLevel::Pusat => "pusat",
    }
}

/// The table's header row.
pub fn table_header(level: TableLevel) -> Vec<String> {
    let mut header: Vec<String> = match level {
        TableLevel::Kecamatan => vec!["Kode".into(), "Kecamatan".into()],
        TableLevel::Desa => vec!["Kode".into(), "Desa".into(), "Kecamatan".into()],
    };
    for h in [
        "Lokus",
        "Keluarga",
        "Anggota",
        "Berpin",
        "% berpin",
        "Berfoto",
        "% berfoto",
        "Terverifikasi",
        "% terverifikasi",
        "Miskin ekstrem",
        "Menerima program",
        "Dugaan inklusi",
        "Dugaan eksklusi",
    ] {
        header.push(h.into());
    }
    for level in WaitLevel::ALL {
        header.push(format!("Menunggu di {}", wait_words(level)));
        header.push(format!("Terlama di {} (hari)", wait_words(level)));
    }
    for h in [
        "Kuota bansos",
        "Kuota terpakai",
        "% kuota",
        "Daftar tunggu",
        "Musdes terakhir",
        "Desa terlambat musdes",
        "Penerima PKH/BPNT",
        "Rumah dilabel",
        "% dilabel",
        "Sanggah terbuka",
        "Sanggah",
        "Usul terbuka",
        "Usul",
    ] {
        header.push(h.into());
    }
    header
}

fn row_cells(row: &RegionRow, level: TableLevel, name: &str) -> Vec<Cell> {
    let mut cells = vec![Cell::text(&row.code), Cell::text(name)];
    if level == TableLevel::Desa {
        cells.push(Cell::text(row.kecamatan.clone().unwrap_or_default()));
    }
    cells.push(Cell::text(if row.loci { "Ya" } else { "" }));
    cells.extend([
        Cell::Count(row.families.into()),
        Cell::Count(row.members.into()),
        Cell::Count(row.pinned.into()),
        percent(row.pinned, row.families),
        Cell::Count(row.with_photo.into()),
        percent(row.with_photo, row.families),
        Cell::Count(row.verified.into()),
        percent(row.verified, row.families),
        Cell::Count(row.extreme.into()),
        Cell::Count(row.receiving.into()),
        Cell::Count(row.inclusion_errors.into()),
        Cell::Count(row.exclusion_errors.into()),
    ]);
    for w in &row.waiting {
        cells.push(Cell::Count(w.count.into()));
        cells.push(Cell::Count(w.oldest_days.into()));
    }
    cells.extend([
        Cell::Count(row.quota.share.into()),
        Cell::Count(row.quota.used.into()),
        percent(row.quota.used, row.quota.share),
        Cell::Count(row.quota.waiting_list.into()),
        Cell::text(row.last_musdes.map(|d| d.to_string()).unwrap_or_default()),
        Cell::Count(row.musdes_overdue.into()),
        Cell::Count(row.recipients.into()),
        Cell::Count(row.labelled.into()),
        percent(row.labelled, row.recipients),
        Cell::Count(row.sanggah_open.into()),
        Cell::Count(row.sanggah_total.into()),
        Cell::Count(row.usul_open.into()),
        Cell::Count(row.usul_total.into()),
    ]);
    cells
}

/// The table as a sheet: header, one row per region in the table's order, then "Jumlah".
pub fn table_sheet(table: &RegionTable) -> Vec<Vec<Cell>> {
    let mut rows = vec![
        table_header(table.level)
            .into_iter()
            .map(Cell::Text)
            .collect(),
    ];
    for row in &table.rows {
        rows.push(row_cells(row, table.level, &row.name));
    }
    let mut total = row_cells(&table.total, table.level, "Jumlah");
    total[0] = Cell::text("");
    // Loci marks a region; the total is none.
    let loci = match table.level {
        TableLevel::Kecamatan => 2,
        TableLevel::Desa => 3,
    };
    total[loci] = Cell::text("");
    rows.push(total);
    rows
}

fn programme_words(name: &str) -> &'static str {
    match name {
        "pkh" => "PKH",
        "bpnt" => "BPNT",
        "pbijk" => "PBI-JK",
        _ => "Lainnya",
    }
}

fn status_words(class: &str) -> &'static str {
    match class {
        "draft" => "Draf",
        "musdes" => "Menunggu musdes",
        "chain" => "Dalam persetujuan",
        "returned" => "Dikembalikan",
        "final" => "Masuk register",
        "closed" => "Selesai/ditolak",
        _ => "",
    }
}

fn error_words(error: Option<TargetingError>) -> &'static str {
    match error {
        Some(TargetingError::Inclusion) => "Dugaan inklusi",
        Some(TargetingError::Exclusion) => "Dugaan eksklusi",
        None => "",
    }
}

/// The family list as a sheet (header first).
pub fn families_sheet(lines: &[SpreadFamilyLine], nik_masked: bool) -> Vec<Vec<Cell>> {
    let nik = if nik_masked {
        "NIK kepala (disamarkan)"
    } else {
        "NIK kepala"
    };
    let header = [
        "ID keluarga",
        "Kepala keluarga",
        nik,
        "Kode desa",
        "Desa",
        "Dusun",
        "RT",
        "RW",
        "Anggota",
        "Desil",
        "Miskin ekstrem",
        "Program diterima",
        "Status usulan",
        "Dugaan salah sasaran",
    ];
    let mut rows = vec![header.iter().map(|h| Cell::text(*h)).collect::<Vec<_>>()];
    for l in lines {
        rows.push(vec![
            Cell::text(l.id.to_string()),
            Cell::text(&l.head_name),
            Cell::text(l.head_nik.clone().unwrap_or_default()),
            Cell::text(&l.desa),
            Cell::text(&l.desa_name),
            Cell::text(&l.dusun),
            Cell::text(&l.rt),
            Cell::text(&l.rw),
            Cell::Count(l.members.into()),
            l.decile
                .map(|d| Cell::Count(d.into()))
                .unwrap_or(Cell::text("")),
            Cell::text(match l.extreme {
                Some(true) => "Ya",
                Some(false) => "Tidak",
                None => "",
            }),
            Cell::text(
                l.programmes
                    .iter()
                    .map(|p| programme_words(p))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Cell::text(status_words(&l.status)),
            Cell::text(error_words(l.error)),
        ]);
    }
    rows
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

/// The picked families with a house pin as a GeoJSON FeatureCollection of points. Properties
/// identify no person: id, desa code and name, status class, decile, extreme poverty,
/// programme class and targeting error. `unpinned` counts the picked families left out.
pub fn families_geojson(index: &SpreadIndex, picks: &[Pick]) -> Value {
    let mut features = Vec::with_capacity(picks.len());
    let mut unpinned = 0u64;
    for pick in picks {
        let point = pick.point(index);
        if !point.has(flag::PINNED) {
            unpinned += 1;
            continue;
        }
        let bucket = &index.desa[pick.desa];
        let (lat, lon) = mercator::unproject(point.x, point.y);
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [round6(lon), round6(lat)] },
            "properties": {
                "id": pick.id(index).to_string(),
                "desa": bucket.code.to_string(),
                "desa_name": bucket.name,
                "status": STATUS_CLASSES[usize::from(point.status)],
                "decile": (point.decile != 0).then_some(point.decile),
                "extreme": extreme_of(point),
                "programme": PROGRAMME_CLASSES[point.programme_class()],
                "error": error_of(point).map(|e| match e {
                    TargetingError::Inclusion => "inclusion",
                    TargetingError::Exclusion => "exclusion",
                }),
            },
        }));
    }
    json!({
        "type": "FeatureCollection",
        "name": "tepat-keluarga",
        "unpinned": unpinned,
        "features": features,
    })
}

/// The desa table as GeoJSON points at the centre of each desa's pinned houses, with the
/// table's figures as properties; desa without a pinned house are left out and counted in the
/// collection's `unpinned_desa`.
pub fn desa_geojson(index: &SpreadIndex, table: &RegionTable) -> Value {
    let mut features = Vec::new();
    let mut unpinned = 0u64;
    for row in &table.rows {
        let extent = RegionCode::parse(&row.code)
            .ok()
            .and_then(|code| index.desa_index(&code))
            .and_then(|d| index.desa[d].extent);
        let Some(extent) = extent else {
            unpinned += 1;
            continue;
        };
        let (lat, lon) = mercator::unproject_mean(extent.sum_x, extent.sum_y, extent.pinned);
        let mut properties = serde_json::Map::new();
        for (header, cell) in table_header(TableLevel::Desa).into_iter().zip(row_cells(
            row,
            TableLevel::Desa,
            &row.name,
        )) {
            let value = match cell {
                Cell::Text(t) => json!(t),
                Cell::Count(n) => json!(n),
                Cell::Percent(p) => json!(p),
            };
            properties.insert(header, value);
        }
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [round6(lon), round6(lat)] },
            "properties": properties,
        }));
    }
    json!({
        "type": "FeatureCollection",
        "name": "tepat-desa",
        "unpinned_desa": unpinned,
        "features": features,
    })
}
