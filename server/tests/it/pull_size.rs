//! Villages pay for every byte: the first sync of a desa with 3,000 families, in postcard and
//! compressed as the server sends it, must come down in well under 1.5 MB.

use crate::helpers::spawn_app;
use tepat_domain::{FamilyId, Kk, RegionCode};
use tepat_protocol::routes as r;
use tepat_protocol::sync::PullResponse;
use tepat_protocol::{CONTENT_TYPE_POSTCARD, decode};

#[tokio::test]
async fn a_desa_of_3000_families_comes_down_in_well_under_1_5_mb() {
    let app = spawn_app().await;
    let desa = RegionCode::parse("35.26.15.2012").unwrap();
    // 3,000 realistic families (the demo generator's, re-homed into one desa).
    let template = tepat_server::demo::families();
    let families: Vec<_> = (0..3_000)
        .map(|i| {
            let mut family = template[i % template.len()].clone();
            family.id = FamilyId(uuid::Uuid::from_u128(0x3000_0000 + i as u128));
            family.desa = desa.clone();
            family.kk = Kk::parse(&format!("3526151111{:06}", i + 1)).unwrap();
            family
        })
        .collect();
    let store = app.store.clone();
    tokio::task::spawn_blocking(move || {
        tepat_server::sync::record_created(store.as_ref(), &families, &[]).unwrap()
    })
    .await
    .unwrap();

    let client = app.login("op.lombangdajah").await;
    let (mut cursor, mut compressed, mut raw, mut received) = (0u64, 0usize, 0usize, 0usize);
    loop {
        let response = client
            .get(app.url(&format!("{}?after={cursor}", r::SYNC_PULL)))
            .header("accept", CONTENT_TYPE_POSTCARD)
            .header("accept-encoding", "gzip")
            .send()
            .await
            .unwrap();
        assert_eq!(response.headers()["content-encoding"], "gzip");
        let body = response.bytes().await.unwrap();
        compressed += body.len();
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&body[..]), &mut plain)
            .unwrap();
        raw += plain.len();
        let page: PullResponse = decode(&plain).unwrap();
        received += page.changes.len();
        cursor = page.cursor;
        // What the progress bar measures against: exactly what is still to come.
        assert_eq!(
            page.remaining,
            3_020 - received as u64,
            "remaining after {received}"
        );
        if !page.more {
            break;
        }
    }
    // The desa's own 20 demo families come too.
    assert_eq!(received, 3_020);
    println!(
        "first sync of 3,020 families: {compressed} bytes compressed ({raw} bytes of postcard)"
    );
    assert!(
        compressed < 1_000_000,
        "{compressed} bytes: well under 1.5 MB means under 1 MB here"
    );
}
