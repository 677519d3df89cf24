//! The same house photographed for two families: each photo gets a perceptual "difference hash"
//! when its upload completes (a 9×8 grey thumbnail, one bit per neighbour comparison), so a
//! re-shot or re-compressed picture of one house still matches. When a family starts using a
//! photo that is the same as, or looks like, a photo of another family, both desa are told.
//! `server/tests/it/photos.rs` proves both on drawn house photos.

use crate::store::{Notification, NotificationKind, Store, StoreResult};
use tepat_domain::Family;
use tepat_domain::family::PhotoRef;
use tepat_protocol::RegionRef;

/// Two photos whose hashes differ in at most this many of 64 bits show the same scene.
pub const MAX_DISTANCE: u32 = 6;

/// The difference hash of a JPEG, or none when it does not decode.
pub fn difference_hash(jpeg: &[u8]) -> Option<u64> {
    let mut decoder = jpeg_decoder::Decoder::new(jpeg);
    decoder.read_info().ok()?;
    // The decoder can shrink by up to 8 while decoding: far cheaper than a full decode.
    decoder.scale(72, 64).ok()?;
    let pixels = decoder.decode().ok()?;
    let info = decoder.info()?;
    let (width, height) = (usize::from(info.width), usize::from(info.height));
    let grey: Vec<f32> = match info.pixel_format {
        jpeg_decoder::PixelFormat::L8 => pixels.iter().map(|&p| f32::from(p)).collect(),
        jpeg_decoder::PixelFormat::RGB24 => pixels
            .chunks_exact(3)
            .map(|p| 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]))
            .collect(),
        _ => return None,
    };
    if width == 0 || height == 0 || grey.len() < width * height {
        return None;
    }
    // Box-average into 9 columns × 8 rows.
    let cell = |cx: usize, cy: usize| {
        let (x0, x1) = (
            cx * width / 9,
            ((cx + 1) * width / 9).max(cx * width / 9 + 1),
        );
        let (y0, y1) = (
            cy * height / 8,
            ((cy + 1) * height / 8).max(cy * height / 8 + 1),
        );
        let mut sum = 0.0;
        let mut count = 0.0;
        for y in y0..y1.min(height) {
            for x in x0..x1.min(width) {
                sum += grey[y * width + x];
                count += 1.0;
            }
        }
        if count > 0.0 { sum / count } else { 0.0 }
    };
    let mut hash = 0u64;
    for y in 0..8 {
        for x in 0..8 {
            hash <<= 1;
            if cell(x, y) > cell(x + 1, y) {
                hash |= 1;
            }
        }
    }
    Some(hash)
}

fn photos(family: &Family) -> impl Iterator<Item = PhotoRef> {
    [family.photos.front, family.photos.inside]
        .into_iter()
        .flatten()
}

/// Notifications for photos `family` starts using (not in `existing`) that another family
/// uses too, or whose look matches another family's photo.
pub fn find_shared_photos(
    store: &dyn Store,
    family: &Family,
    existing: Option<&Family>,
    desa: &RegionRef,
    now: jiff::Timestamp,
) -> StoreResult<Vec<Notification>> {
    let before: Vec<PhotoRef> = existing.map(|e| photos(e).collect()).unwrap_or_default();
    let new: Vec<PhotoRef> = photos(family).filter(|p| !before.contains(p)).collect();
    if new.is_empty() {
        return Ok(Vec::new());
    }
    let hashes = store.photo_hashes()?;
    let mut others = std::collections::BTreeSet::new();
    for photo in new {
        // The very same file, and any photo that looks the same.
        let mut alike = vec![photo.0];
        if let Some((_, mine)) = hashes.iter().find(|(h, _)| *h == photo.0) {
            alike.extend(
                hashes
                    .iter()
                    .filter(|(h, d)| *h != photo.0 && (d ^ mine).count_ones() <= MAX_DISTANCE)
                    .map(|(h, _)| *h),
            );
        }
        for hash in alike {
            for other in store.families_with_photo(&hash)? {
                if other != family.id {
                    others.insert(other);
                }
            }
        }
    }
    let mut notifications = Vec::new();
    for other_id in others {
        let Some(other) = store.family(other_id)? else {
            continue;
        };
        let other_desa = store
            .region(&other.desa)?
            .map(|r| r.name)
            .unwrap_or_else(|| other.desa.to_string());
        let kind = |family, other| NotificationKind::SharedHousePhoto { family, other };
        notifications.push(Notification {
            at: now,
            desa: family.desa.clone(),
            kind: kind(family.id, other.id),
            message: format!(
                "Foto rumah keluarga {} sama atau sangat mirip dengan foto rumah keluarga {} di Desa {}. \
                 Periksa apakah satu rumah didaftarkan dua kali atau fotonya tertukar.",
                family.head_name(),
                other.head_name(),
                other_desa
            ),
        });
        notifications.push(Notification {
            at: now,
            desa: other.desa.clone(),
            kind: kind(other.id, family.id),
            message: format!(
                "Foto rumah keluarga {} di desa Anda sama atau sangat mirip dengan foto rumah keluarga {} \
                 yang baru dicatat di Desa {}. Periksa apakah rumah yang sama.",
                other.head_name(),
                family.head_name(),
                desa.name
            ),
        });
    }
    Ok(notifications)
}
