//! What the fuzz targets share: each runs one of the server's own decoders on arbitrary bytes
//! and checks what a decoder must promise (no panic; what decodes re-encodes and decodes to the
//! same). Plain functions, so a crashing input found by the fuzzer becomes a unit test here.

use serde::{Serialize, de::DeserializeOwned};
use std::fmt::Debug;
use tepat_protocol::CONTENT_TYPE_POSTCARD;
use tepat_server::wire::decode_body;

/// Every request body type the server decodes with `wire::Body`, by the selector byte that
/// picks it in [`request_body`]. Append only: the seed corpus names types by this index.
pub const BODY_TYPES: &[&str] = &[
    "LoginRequest",
    "Family",
    "NewProposal",
    "TakeStep",
    "QuotaSettings",
    "ScoringScheme",
    "WindowPolicy",
    "PushRequest",
    "NewMusdes",
    "MusdesAction",
    "MarkSent",
    "BulkStep",
    "ImportRequest",
    "CaseAction",
];

/// Decodes `bytes` as a `T` the way the server does for `content_type`; what decodes must
/// re-encode and decode again to the same bytes (bytes, not values: a float read from postcard
/// may be NaN, which is not equal to itself).
fn body<T>(content_type: &str, bytes: &[u8])
where
    T: Serialize + DeserializeOwned + Debug,
{
    let Ok(value) = decode_body::<T>(content_type, bytes) else {
        return;
    };
    let again = tepat_protocol::encode(&value);
    let back: T = decode_body(CONTENT_TYPE_POSTCARD, &again).expect("postcard round trip");
    assert_eq!(
        tepat_protocol::encode(&back),
        again,
        "postcard round trip changed {value:?}"
    );
    // JSON cannot carry every value back (a float that is not finite); only no panic.
    if let Ok(json) = serde_json::to_vec(&value) {
        let _ = decode_body::<T>("application/json", &json);
    }
}

/// The first byte picks the type ([`BODY_TYPES`], modulo their count) and the format (high bit
/// set: JSON, else postcard); the rest is the body.
pub fn request_body(data: &[u8]) {
    use tepat_protocol as p;
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let ct = if selector & 0x80 != 0 {
        "application/json"
    } else {
        CONTENT_TYPE_POSTCARD
    };
    match usize::from(selector & 0x7f) % BODY_TYPES.len() {
        0 => body::<p::LoginRequest>(ct, bytes),
        1 => body::<tepat_domain::Family>(ct, bytes),
        2 => body::<p::NewProposal>(ct, bytes),
        3 => body::<p::TakeStep>(ct, bytes),
        4 => body::<p::QuotaSettings>(ct, bytes),
        5 => body::<tepat_domain::scoring::ScoringScheme>(ct, bytes),
        6 => body::<tepat_domain::windows::WindowPolicy>(ct, bytes),
        7 => body::<p::sync::PushRequest>(ct, bytes),
        8 => body::<p::musdes::NewMusdes>(ct, bytes),
        9 => body::<p::musdes::MusdesAction>(ct, bytes),
        10 => body::<p::MarkSent>(ct, bytes),
        11 => body::<p::BulkStep>(ct, bytes),
        12 => body::<p::ImportRequest>(ct, bytes),
        _ => body::<p::cases::CaseAction>(ct, bytes),
    }
}

/// A sync push as the server reads it: the envelope, then each change as a command (proposal,
/// visit, label) or as field writes merged into a record and read back as a family, with the
/// limits a family must keep and the domain's checks.
pub fn sync_push(data: &[u8]) {
    use tepat_protocol::sync::{family_from_fields, read_proposal_command, read_visit_command};
    let Ok(push) = decode_body::<tepat_protocol::sync::PushRequest>(CONTENT_TYPE_POSTCARD, data)
    else {
        return;
    };
    let today = jiff::civil::date(2026, 11, 23);
    let mut record = tepat_sync::Record::default();
    for change in &push.changes {
        if change.is_command() {
            let _ = read_proposal_command(change);
            let _ = read_visit_command(change);
            let _ = tepat_protocol::labels::read_label_command(change);
            continue;
        }
        record.apply(change);
        let id = tepat_domain::FamilyId(change.record);
        if let Ok(family) = family_from_fields(id, record.fields()) {
            let _ = tepat_server::family_save::check_limits_message(&family);
            let _ = tepat_domain::checks::check_family(&family, today);
        }
    }
}

/// An import file as the server reads it (XLSX by its bytes, else CSV), then read as each of
/// the three import kinds, each family built and checked as a check of the file does.
pub fn import_file(data: &[u8]) {
    use tepat_domain::import::{desa_list, families, poor};
    let Ok(rows) = tepat_server::import::read_rows(data) else {
        return;
    };
    let today = jiff::civil::date(2026, 11, 23);
    if let Ok(read) = families::read(&rows) {
        let desa = tepat_domain::RegionCode::parse("35.26.15.2012").expect("a desa code");
        for (n, family) in read.families.iter().enumerate() {
            let built = family.to_family(tepat_domain::FamilyId(uuid_of(n)), desa.clone());
            let _ = family.check(&built, today, &read.header);
        }
        let _ = families::places(&read.families);
    }
    let _ = poor::read(&rows);
    let _ = desa_list::read(&rows);
}

/// A national result file as the server reads it, then parsed into answers and problems.
pub fn national_result(data: &[u8]) {
    if let Ok(rows) = tepat_server::national::read_rows(data) {
        let _ = tepat_domain::national::result::parse(&rows);
    }
}

fn uuid_of(n: usize) -> uuid::Uuid {
    uuid::Uuid::from_u128(n as u128 + 1)
}
