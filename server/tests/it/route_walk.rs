//! Walks every API route with every demo role (and no login), in and out of scope, and checks
//! the server's answer. A route added to `tepat_protocol::routes::ALL` without a row here fails.

use crate::helpers::{error_code, spawn_app};
use std::collections::BTreeSet;
use tepat_protocol::routes as r;

/// (method, route, user or "" for none, path with query, expected status, expected error code)
type Case = (
    &'static str,
    &'static str,
    &'static str,
    String,
    u16,
    &'static str,
);

fn family_in(desa: &str) -> String {
    let family = tepat_server::demo::families()
        .into_iter()
        .find(|f| f.desa.as_str() == desa)
        .unwrap();
    r::family_path(&family.id)
}

fn family_at(path: &str) -> tepat_domain::Family {
    tepat_server::demo::families()
        .into_iter()
        .find(|f| r::family_path(&f.id) == path)
        .unwrap()
}

fn cases(proposal: &str) -> Vec<Case> {
    let lombang = family_in("35.26.15.2012");
    let alas = family_in("35.26.15.2004");
    let kokop = family_in("35.26.10.2010");
    let fam = |q: &str| format!("{}{q}", r::FAMILIES);
    let quota = || r::QUOTA.replace("{programme}", "PKH");
    let photo = || r::PHOTO.replace("{hash}", &"ab".repeat(32));
    let reg = |q: &str| format!("{}{q}", r::REGIONS);
    let mut cases: Vec<Case> = vec![
        ("GET", r::HEALTHZ, "", r::HEALTHZ.into(), 200, ""),
        ("GET", r::CONFIG, "", r::CONFIG.into(), 200, ""),
        ("POST", r::LOGIN, "", r::LOGIN.into(), 400, "BadRequest"),
        (
            "POST",
            r::LOGOUT,
            "",
            r::LOGOUT.into(),
            401,
            "Unauthenticated",
        ),
        ("GET", r::ME, "", r::ME.into(), 401, "Unauthenticated"),
        ("GET", r::REGIONS, "", reg(""), 401, "Unauthenticated"),
        ("GET", r::FAMILIES, "", fam(""), 401, "Unauthenticated"),
        (
            "GET",
            r::FAMILY,
            "",
            lombang.clone(),
            401,
            "Unauthenticated",
        ),
        ("GET", r::USERS, "", r::USERS.into(), 401, "Unauthenticated"),
        // Region names are public data: any logged-in user browses the instance's tree,
        // but nothing outside the instance's kabupaten.
        (
            "GET",
            r::REGIONS,
            "op.lombangdajah",
            reg("?parent=35.26.10"),
            200,
            "",
        ),
        (
            "GET",
            r::REGIONS,
            "op.lombangdajah",
            reg("?parent=35.27"),
            404,
            "NotFound",
        ),
        (
            "GET",
            r::REGIONS,
            "bupati",
            reg("?parent=35.26.1x"),
            400,
            "BadRequest",
        ),
        // Families: a desa operator sees their desa only.
        ("GET", r::FAMILIES, "op.lombangdajah", fam(""), 200, ""),
        (
            "GET",
            r::FAMILIES,
            "op.lombangdajah",
            fam("?region=35.26.15.2012"),
            200,
            "",
        ),
        (
            "GET",
            r::FAMILIES,
            "op.lombangdajah",
            fam("?region=35.26.15.2004"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILIES,
            "op.lombangdajah",
            fam("?region=35.26.15"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILIES,
            "op.lombangdajah",
            fam("?region=35.26"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILIES,
            "op.alasraja",
            fam("?region=35.26.15.2012"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILY,
            "op.lombangdajah",
            lombang.clone(),
            200,
            "",
        ),
        (
            "GET",
            r::FAMILY,
            "op.lombangdajah",
            alas.clone(),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILY,
            "op.alasraja",
            lombang.clone(),
            403,
            "OutOfScope",
        ),
        // Kecamatan roles: their kecamatan, not another.
        (
            "GET",
            r::FAMILIES,
            "tksk.blega",
            fam("?region=35.26.15"),
            200,
            "",
        ),
        (
            "GET",
            r::FAMILIES,
            "tksk.blega",
            fam("?region=35.26.10"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILIES,
            "kec.blega",
            fam("?region=35.26.10.2010"),
            403,
            "OutOfScope",
        ),
        ("GET", r::FAMILY, "kec.blega", alas.clone(), 200, ""),
        (
            "GET",
            r::FAMILY,
            "kec.blega",
            kokop.clone(),
            403,
            "OutOfScope",
        ),
        // Kabupaten roles: everything in the kabupaten, nothing outside it.
        ("GET", r::FAMILIES, "dinsos", fam("?region=35.26"), 200, ""),
        (
            "GET",
            r::FAMILIES,
            "kadinsos",
            fam("?region=35.27"),
            403,
            "OutOfScope",
        ),
        ("GET", r::FAMILY, "bupati", kokop.clone(), 200, ""),
        (
            "GET",
            r::FAMILY,
            "dinsos",
            "/api/v1/families/not-a-uuid".into(),
            400,
            "BadRequest",
        ),
        (
            "GET",
            r::FAMILY,
            "dinsos",
            "/api/v1/families/00000000-0000-0000-0000-000000000001".into(),
            404,
            "NotFound",
        ),
        // Admins manage accounts, they do not read families.
        ("GET", r::FAMILIES, "admin", fam(""), 403, "Forbidden"),
        ("GET", r::FAMILY, "admin", lombang.clone(), 403, "Forbidden"),
        ("GET", r::USERS, "admin", r::USERS.into(), 200, ""),
        // Writing a family: the editing roles in scope (bodies are checked in families.rs).
        (
            "PUT",
            r::FAMILY,
            "",
            lombang.clone(),
            401,
            "Unauthenticated",
        ),
        (
            "PUT",
            r::FAMILY,
            "op.alasraja",
            lombang.clone(),
            403,
            "OutOfScope",
        ),
        (
            "PUT",
            r::FAMILY,
            "kec.blega",
            lombang.clone(),
            403,
            "Forbidden",
        ),
        (
            "PUT",
            r::FAMILY,
            "kadinsos",
            lombang.clone(),
            403,
            "Forbidden",
        ),
        ("PUT", r::FAMILY, "admin", lombang.clone(), 403, "Forbidden"),
        (
            "PUT",
            r::FAMILY,
            "tksk.blega",
            kokop.clone(),
            403,
            "OutOfScope",
        ),
        (
            "PUT",
            r::FAMILY,
            "op.lombangdajah",
            lombang.clone(),
            200,
            "",
        ),
        (
            "GET",
            r::NOTIFICATIONS,
            "",
            r::NOTIFICATIONS.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::NOTIFICATIONS,
            "op.lombangdajah",
            r::NOTIFICATIONS.into(),
            200,
            "",
        ),
        (
            "GET",
            r::NOTIFICATIONS,
            "admin",
            r::NOTIFICATIONS.into(),
            403,
            "Forbidden",
        ),
        // Verifiers' visits: read in scope (recorded and answered by sync commands).
        (
            "GET",
            r::VISITS,
            "",
            r::VISITS.into(),
            401,
            "Unauthenticated",
        ),
        ("GET", r::VISITS, "tksk.blega", r::VISITS.into(), 200, ""),
        (
            "GET",
            r::VISITS,
            "op.lombangdajah",
            format!("{}?region=35.26.15.2004", r::VISITS),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::VISITS,
            "admin",
            r::VISITS.into(),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::LABELS,
            "",
            r::LABELS.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::LABELS,
            "op.lombangdajah",
            r::LABELS.into(),
            200,
            "",
        ),
        (
            "GET",
            r::LABELS,
            "op.lombangdajah",
            format!("{}?region=35.26.15.2004", r::LABELS),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::LABELS,
            "admin",
            r::LABELS.into(),
            403,
            "Forbidden",
        ),
        // Proposals: read in scope; created by the desa's own operator only.
        (
            "GET",
            r::PROPOSALS,
            "",
            r::PROPOSALS.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::PROPOSALS,
            "kec.blega",
            r::PROPOSALS.into(),
            200,
            "",
        ),
        (
            "GET",
            r::PROPOSALS,
            "op.lombangdajah",
            format!("{}?region=35.26.15.2004", r::PROPOSALS),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::PROPOSALS,
            "admin",
            r::PROPOSALS.into(),
            403,
            "Forbidden",
        ),
        (
            "POST",
            r::PROPOSALS,
            "",
            r::PROPOSALS.into(),
            401,
            "Unauthenticated",
        ),
        (
            "POST",
            r::PROPOSALS,
            "op.alasraja",
            r::PROPOSALS.into(),
            403,
            "OutOfScope",
        ),
        (
            "POST",
            r::PROPOSALS,
            "dinsos",
            r::PROPOSALS.into(),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::PROPOSAL,
            "",
            proposal.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::PROPOSAL,
            "op.alasraja",
            proposal.into(),
            403,
            "OutOfScope",
        ),
        ("GET", r::PROPOSAL, "bupati", proposal.into(), 200, ""),
        (
            "GET",
            r::PROPOSAL,
            "admin",
            proposal.into(),
            403,
            "Forbidden",
        ),
        (
            "POST",
            r::PROPOSAL_STEPS,
            "",
            format!("{proposal}/steps"),
            401,
            "Unauthenticated",
        ),
        (
            "POST",
            r::PROPOSAL_STEPS,
            "op.alasraja",
            format!("{proposal}/steps"),
            403,
            "OutOfScope",
        ),
        (
            "POST",
            r::PROPOSAL_STEPS,
            "admin",
            format!("{proposal}/steps"),
            403,
            "Forbidden",
        ),
        // In scope but not this role's step: the workflow refuses it.
        (
            "POST",
            r::PROPOSAL_STEPS,
            "tksk.blega",
            format!("{proposal}/steps"),
            409,
            "StepRefused",
        ),
        // Windows and quota: any logged-in reader; quota set by the Dinas operator (or admin).
        (
            "GET",
            r::WINDOWS,
            "",
            r::WINDOWS.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::WINDOWS,
            "op.lombangdajah",
            r::WINDOWS.into(),
            200,
            "",
        ),
        ("GET", r::QUOTA, "", quota(), 401, "Unauthenticated"),
        ("GET", r::QUOTA, "op.lombangdajah", quota(), 200, ""),
        ("GET", r::QUOTA, "admin", quota(), 403, "Forbidden"),
        ("PUT", r::QUOTA, "", quota(), 401, "Unauthenticated"),
        ("PUT", r::QUOTA, "kadinsos", quota(), 403, "Forbidden"),
        (
            "PUT",
            r::QUOTA,
            "op.lombangdajah",
            quota(),
            403,
            "Forbidden",
        ),
        ("PUT", r::QUOTA, "dinsos", quota(), 200, ""),
        // Scores: the scheme is read by readers and set by the Dinas; a family's score in scope.
        (
            "GET",
            r::SCORING,
            "",
            r::SCORING.into(),
            401,
            "Unauthenticated",
        ),
        ("GET", r::SCORING, "kec.blega", r::SCORING.into(), 200, ""),
        (
            "PUT",
            r::SCORING,
            "",
            r::SCORING.into(),
            401,
            "Unauthenticated",
        ),
        (
            "PUT",
            r::SCORING,
            "bupati",
            r::SCORING.into(),
            403,
            "Forbidden",
        ),
        (
            "PUT",
            r::SCORING,
            "op.lombangdajah",
            r::SCORING.into(),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::FAMILY_SCORE,
            "",
            format!("{lombang}/score"),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::FAMILY_SCORE,
            "op.alasraja",
            format!("{lombang}/score"),
            403,
            "OutOfScope",
        ),
        (
            "GET",
            r::FAMILY_SCORE,
            "admin",
            format!("{lombang}/score"),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::FAMILY_SCORE,
            "kadinsos",
            format!("{kokop}/score"),
            200,
            "",
        ),
        (
            "GET",
            r::WINDOW_POLICY,
            "",
            r::WINDOW_POLICY.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::WINDOW_POLICY,
            "op.lombangdajah",
            r::WINDOW_POLICY.into(),
            200,
            "",
        ),
        (
            "PUT",
            r::WINDOW_POLICY,
            "",
            r::WINDOW_POLICY.into(),
            401,
            "Unauthenticated",
        ),
        (
            "PUT",
            r::WINDOW_POLICY,
            "bupati",
            r::WINDOW_POLICY.into(),
            403,
            "Forbidden",
        ),
        (
            "PUT",
            r::WINDOW_POLICY,
            "admin",
            r::WINDOW_POLICY.into(),
            200,
            "",
        ),
        (
            "POST",
            r::SYNC_PUSH,
            "",
            r::SYNC_PUSH.into(),
            401,
            "Unauthenticated",
        ),
        (
            "POST",
            r::SYNC_PUSH,
            "bupati",
            r::SYNC_PUSH.into(),
            403,
            "Forbidden",
        ),
        (
            "POST",
            r::SYNC_PUSH,
            "op.lombangdajah",
            r::SYNC_PUSH.into(),
            200,
            "",
        ),
        (
            "GET",
            r::SYNC_PULL,
            "",
            r::SYNC_PULL.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::SYNC_PULL,
            "op.lombangdajah",
            r::SYNC_PULL.into(),
            200,
            "",
        ),
        (
            "GET",
            r::SYNC_PULL,
            "admin",
            r::SYNC_PULL.into(),
            403,
            "Forbidden",
        ),
        ("GET", r::PHOTO, "", photo(), 401, "Unauthenticated"),
        ("GET", r::PHOTO, "op.lombangdajah", photo(), 404, "NotFound"),
        ("GET", r::PHOTO, "admin", photo(), 403, "Forbidden"),
        ("PUT", r::PHOTO, "", photo(), 401, "Unauthenticated"),
        ("PUT", r::PHOTO, "kadinsos", photo(), 403, "Forbidden"),
        (
            "GET",
            r::PHOTO_STATUS,
            "",
            format!("{}/status", photo()),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::PHOTO_STATUS,
            "op.lombangdajah",
            format!("{}/status", photo()),
            200,
            "",
        ),
        (
            "GET",
            r::PHOTO_STATUS,
            "bupati",
            format!("{}/status", photo()),
            403,
            "Forbidden",
        ),
    ];
    // The national exchange: the Dinas operator only (full NIK; the workflow's send steps).
    let export = || format!("{}?format=csv", r::NATIONAL_EXPORT);
    for (method, route, path) in [
        ("GET", r::NATIONAL_BATCH, r::NATIONAL_BATCH.to_owned()),
        ("GET", r::NATIONAL_EXPORT, export()),
        ("POST", r::NATIONAL_SENT, r::NATIONAL_SENT.to_owned()),
        ("POST", r::NATIONAL_RESULT, r::NATIONAL_RESULT.to_owned()),
    ] {
        cases.push((method, route, "", path.clone(), 401, "Unauthenticated"));
        for user in [
            "op.lombangdajah",
            "tksk.blega",
            "kec.blega",
            "kadinsos",
            "bupati",
            "admin",
        ] {
            cases.push((method, route, user, path.clone(), 403, "Forbidden"));
        }
    }
    cases.push((
        "GET",
        r::NATIONAL_BATCH,
        "dinsos",
        r::NATIONAL_BATCH.into(),
        200,
        "",
    ));
    cases.push(("GET", r::NATIONAL_EXPORT, "dinsos", export(), 200, ""));
    // An empty list of proposals to mark, a file that is not a result file.
    cases.push((
        "POST",
        r::NATIONAL_SENT,
        "dinsos",
        r::NATIONAL_SENT.into(),
        400,
        "BadRequest",
    ));
    cases.push((
        "POST",
        r::NATIONAL_RESULT,
        "dinsos",
        r::NATIONAL_RESULT.into(),
        400,
        "BadRequest",
    ));
    // Imports: the Dinas operator only; the loci desa list is read by everyone logged in.
    let import_file = || r::import_file_path(&"ef".repeat(32));
    let import_status = || format!("{}/status", import_file());
    let import_progress = || r::import_progress_path(&"ef".repeat(32));
    for (method, route, path) in [
        ("PUT", r::IMPORT_FILE, import_file()),
        ("GET", r::IMPORT_FILE_STATUS, import_status()),
        ("GET", r::IMPORT_PROGRESS, import_progress()),
        ("POST", r::IMPORT_CHECK, r::IMPORT_CHECK.to_owned()),
        ("POST", r::IMPORT_APPLY, r::IMPORT_APPLY.to_owned()),
    ] {
        cases.push((method, route, "", path.clone(), 401, "Unauthenticated"));
        for user in [
            "op.lombangdajah",
            "tksk.blega",
            "kec.blega",
            "kadinsos",
            "bupati",
            "admin",
        ] {
            cases.push((method, route, user, path.clone(), 403, "Forbidden"));
        }
    }
    cases.extend([
        ("PUT", r::IMPORT_FILE, "dinsos", import_file(), 200, ""),
        (
            "GET",
            r::IMPORT_PROGRESS,
            "dinsos",
            import_progress(),
            200,
            "",
        ),
        (
            "GET",
            r::IMPORT_FILE_STATUS,
            "dinsos",
            import_status(),
            200,
            "",
        ),
        // The file named was never uploaded whole.
        (
            "POST",
            r::IMPORT_CHECK,
            "dinsos",
            r::IMPORT_CHECK.into(),
            400,
            "BadRequest",
        ),
        (
            "POST",
            r::IMPORT_APPLY,
            "dinsos",
            r::IMPORT_APPLY.into(),
            400,
            "BadRequest",
        ),
        (
            "GET",
            r::LOCI_DESA,
            "",
            r::LOCI_DESA.into(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::LOCI_DESA,
            "kec.blega",
            r::LOCI_DESA.into(),
            200,
            "",
        ),
        ("GET", r::LOCI_DESA, "dinsos", r::LOCI_DESA.into(), 200, ""),
    ]);
    for user in [
        "op.lombangdajah",
        "tksk.blega",
        "kec.blega",
        "dinsos",
        "kadinsos",
        "bupati",
    ] {
        cases.push(("GET", r::USERS, user, r::USERS.into(), 403, "Forbidden"));
        cases.push(("GET", r::ME, user, r::ME.into(), 200, ""));
    }
    // Village meetings: read in scope; scheduled and changed by the desa's operator only;
    // evidence files like photos.
    let meeting = || r::musdes_path(&uuid::Uuid::from_u128(0xabc));
    let evidence = || r::EVIDENCE.replace("{hash}", &"cd".repeat(32));
    let evidence_status = || format!("{}/status", evidence());
    let list = || r::MUSDES_LIST.to_owned();
    cases.extend([
        ("GET", r::MUSDES_LIST, "", list(), 401, "Unauthenticated"),
        ("GET", r::MUSDES_LIST, "kec.blega", list(), 200, ""),
        ("GET", r::MUSDES_LIST, "admin", list(), 403, "Forbidden"),
        (
            "GET",
            r::MUSDES_LIST,
            "op.lombangdajah",
            format!("{}?region=35.26.15.2004", list()),
            403,
            "OutOfScope",
        ),
        ("POST", r::MUSDES_LIST, "", list(), 401, "Unauthenticated"),
        (
            "POST",
            r::MUSDES_LIST,
            "kec.blega",
            list(),
            403,
            "Forbidden",
        ),
        ("POST", r::MUSDES_LIST, "op.lombangdajah", list(), 200, ""),
        ("GET", r::MUSDES, "", meeting(), 401, "Unauthenticated"),
        ("GET", r::MUSDES, "kec.blega", meeting(), 404, "NotFound"),
        ("GET", r::MUSDES, "admin", meeting(), 403, "Forbidden"),
        ("POST", r::MUSDES, "", meeting(), 401, "Unauthenticated"),
        ("POST", r::MUSDES, "dinsos", meeting(), 403, "Forbidden"),
        ("POST", r::MUSDES, "op.alasraja", meeting(), 404, "NotFound"),
        (
            "GET",
            r::PROPOSAL_MUSDES,
            "",
            format!("{proposal}/musdes"),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::PROPOSAL_MUSDES,
            "kec.blega",
            format!("{proposal}/musdes"),
            404,
            "NotFound",
        ),
        (
            "GET",
            r::PROPOSAL_MUSDES,
            "op.alasraja",
            format!("{proposal}/musdes"),
            403,
            "OutOfScope",
        ),
        ("GET", r::EVIDENCE, "", evidence(), 401, "Unauthenticated"),
        ("GET", r::EVIDENCE, "kec.blega", evidence(), 404, "NotFound"),
        ("GET", r::EVIDENCE, "admin", evidence(), 403, "Forbidden"),
        ("PUT", r::EVIDENCE, "", evidence(), 401, "Unauthenticated"),
        (
            "PUT",
            r::EVIDENCE,
            "tksk.blega",
            evidence(),
            403,
            "Forbidden",
        ),
        ("PUT", r::EVIDENCE, "op.alasraja", evidence(), 200, ""),
        (
            "GET",
            r::EVIDENCE_STATUS,
            "",
            evidence_status(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::EVIDENCE_STATUS,
            "op.lombangdajah",
            evidence_status(),
            200,
            "",
        ),
        (
            "GET",
            r::EVIDENCE_STATUS,
            "bupati",
            evidence_status(),
            403,
            "Forbidden",
        ),
    ]);
    // The audit trail: the dinas (operator, kepala, admin) only, per family or per user.
    let trail = |q: &str| format!("{}?{q}", r::AUDIT);
    let of_lombang = format!("family={}", family_at(&lombang).id);
    cases.push((
        "GET",
        r::AUDIT,
        "",
        trail(&of_lombang),
        401,
        "Unauthenticated",
    ));
    for user in ["op.lombangdajah", "tksk.blega", "kec.blega", "bupati"] {
        cases.push(("GET", r::AUDIT, user, trail(&of_lombang), 403, "Forbidden"));
        cases.push((
            "GET",
            r::AUDIT,
            user,
            trail("user=dinsos"),
            403,
            "Forbidden",
        ));
    }
    for user in ["dinsos", "kadinsos", "admin"] {
        cases.push(("GET", r::AUDIT, user, trail(&of_lombang), 200, ""));
        cases.push((
            "GET",
            r::AUDIT,
            user,
            trail("user=op.lombangdajah"),
            200,
            "",
        ));
    }
    cases.push((
        "GET",
        r::AUDIT,
        "dinsos",
        trail("user=tidak.ada"),
        404,
        "NotFound",
    ));
    cases.push((
        "GET",
        r::AUDIT,
        "dinsos",
        trail("family=bukan-id"),
        400,
        "BadRequest",
    ));
    cases.push((
        "GET",
        r::AUDIT,
        "dinsos",
        r::AUDIT.into(),
        400,
        "BadRequest",
    ));
    cases.push(("POST", r::LOGOUT, "bupati", r::LOGOUT.into(), 204, ""));
    // The approval queue: the four chain roles only, in their scope.
    let queue = |q: &str| format!("{}{q}", r::QUEUE);
    for (user, status, code) in [
        ("", 401, "Unauthenticated"),
        ("op.lombangdajah", 403, "Forbidden"),
        ("tksk.blega", 403, "Forbidden"),
        ("admin", 403, "Forbidden"),
        ("kec.blega", 200, ""),
        ("dinsos", 200, ""),
        ("kadinsos", 200, ""),
        ("bupati", 200, ""),
    ] {
        cases.push(("GET", r::QUEUE, user, queue(""), status, code));
        cases.push((
            "POST",
            r::QUEUE_STEPS,
            user,
            r::QUEUE_STEPS.into(),
            status,
            code,
        ));
    }
    cases.push((
        "GET",
        r::QUEUE,
        "kec.blega",
        queue("?desa=35.26.10.2010"),
        403,
        "OutOfScope",
    ));
    cases.push((
        "GET",
        r::QUEUE,
        "kec.blega",
        queue("?desa=35.26.15.2012&kind=pkh"),
        200,
        "",
    ));
    cases.push((
        "GET",
        r::QUEUE,
        "dinsos",
        queue("?kind=bansos"),
        400,
        "BadRequest",
    ));
    // The leaders' spread: every role that reads families, within its scope.
    let view = "?west=112.6&south=-7.35&east=113.3&north=-6.8&zoom=10";
    for (user, status, code) in [
        ("", 401, "Unauthenticated"),
        ("admin", 403, "Forbidden"),
        ("op.lombangdajah", 200, ""),
        ("kec.blega", 200, ""),
        ("dinsos", 200, ""),
        ("bupati", 200, ""),
    ] {
        let clusters = format!("{}{view}", r::SPREAD_CLUSTERS);
        cases.push(("GET", r::SPREAD_CLUSTERS, user, clusters, status, code));
        let table = format!("{}?level=desa", r::SPREAD_REGIONS);
        cases.push(("GET", r::SPREAD_REGIONS, user, table, status, code));
        let families = format!("{}?error=exclusion", r::SPREAD_FAMILIES);
        cases.push(("GET", r::SPREAD_FAMILIES, user, families, status, code));
    }
    for (route, query) in [
        (r::SPREAD_CLUSTERS, format!("{view}&region=35.26.10")),
        (r::SPREAD_REGIONS, "?within=35.26.10".to_owned()),
        (r::SPREAD_FAMILIES, "?region=35.26.10&format=csv".to_owned()),
    ] {
        let path = format!("{route}{query}");
        cases.push(("GET", route, "kec.blega", path, 403, "OutOfScope"));
    }
    // Citizens' cases: every role that reads families, within the case's desa; acting only for
    // the desa and kecamatan.
    let (case_id, _) = tepat_server::demo_cases::demo_case(0);
    let case = r::case_path(&case_id);
    let file = r::case_file_path(&case_id, &"ce".repeat(32));
    let file_status = r::CASE_FILE_STATUS
        .replace("{id}", &case_id.to_string())
        .replace("{hash}", &"ce".repeat(32));
    let ld_cases = format!("{}?region=35.26.15.2012", r::CASES);
    for row in [
        (
            "GET",
            r::CASES,
            "",
            r::CASES.to_owned(),
            401,
            "Unauthenticated",
        ),
        (
            "GET",
            r::CASES,
            "admin",
            r::CASES.to_owned(),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::CASES,
            "op.lombangdajah",
            r::CASES.to_owned(),
            200,
            "",
        ),
        ("GET", r::CASES, "op.alasraja", ld_cases, 403, "OutOfScope"),
        ("GET", r::CASES, "kec.blega", r::CASES.to_owned(), 200, ""),
        (
            "GET",
            r::CASES,
            "bupati",
            format!("{}?state=x", r::CASES),
            400,
            "BadRequest",
        ),
        ("GET", r::CASE, "", case.clone(), 401, "Unauthenticated"),
        ("GET", r::CASE, "op.lombangdajah", case.clone(), 200, ""),
        ("GET", r::CASE, "op.alasraja", case.clone(), 404, "NotFound"),
        ("GET", r::CASE, "dinsos", case.clone(), 200, ""),
        (
            "POST",
            r::CASE,
            "op.alasraja",
            case.clone(),
            404,
            "NotFound",
        ),
        ("POST", r::CASE, "dinsos", case.clone(), 403, "Forbidden"),
        ("POST", r::CASE, "op.lombangdajah", case.clone(), 200, ""),
        (
            "PUT",
            r::CASE_FILE,
            "dinsos",
            file.clone(),
            403,
            "Forbidden",
        ),
        (
            "PUT",
            r::CASE_FILE,
            "op.alasraja",
            file.clone(),
            404,
            "NotFound",
        ),
        (
            "PUT",
            r::CASE_FILE,
            "op.lombangdajah",
            file.clone(),
            200,
            "",
        ),
        (
            "GET",
            r::CASE_FILE,
            "op.lombangdajah",
            file.clone(),
            404,
            "NotFound",
        ),
        ("GET", r::CASE_FILE, "", file, 401, "Unauthenticated"),
        (
            "GET",
            r::CASE_FILE_STATUS,
            "op.lombangdajah",
            file_status.clone(),
            200,
            "",
        ),
        (
            "GET",
            r::CASE_FILE_STATUS,
            "bupati",
            file_status.clone(),
            403,
            "Forbidden",
        ),
        (
            "GET",
            r::CASE_FILE_STATUS,
            "op.alasraja",
            file_status,
            404,
            "NotFound",
        ),
    ] {
        cases.push(row);
    }
    // A backup holds every NIK whole and every password hash: the admin only.
    for role in ["op.lombangdajah", "dinsos", "kadinsos", "bupati"] {
        cases.push(("GET", r::BACKUP, role, r::BACKUP.into(), 403, "Forbidden"));
    }
    cases.push((
        "GET",
        r::BACKUP,
        "",
        r::BACKUP.into(),
        401,
        "Unauthenticated",
    ));
    cases.push(("GET", r::BACKUP, "admin", r::BACKUP.into(), 200, ""));
    // The OpenAPI document is public, as the config is.
    cases.push(("GET", r::OPENAPI, "", r::OPENAPI.into(), 200, ""));
    cases.push(("GET", r::OPENAPI, "op.alasraja", r::OPENAPI.into(), 200, ""));
    cases
}

#[tokio::test]
async fn every_route_checks_login_role_and_scope() {
    let app = spawn_app().await;
    let lombang_family = family_at(&family_in("35.26.15.2012")).id;
    let created: serde_json::Value = app
        .login("op.lombangdajah")
        .await
        .post(app.url(r::PROPOSALS))
        .json(&serde_json::json!({ "family": lombang_family, "kind": "NewFamily" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let proposal = r::PROPOSAL.replace("{id}", created["id"].as_str().unwrap());
    let cases = cases(&proposal);

    let covered: BTreeSet<(&str, &str)> = cases.iter().map(|c| (c.0, c.1)).collect();
    let all: BTreeSet<(&str, &str)> = r::ALL.iter().copied().collect();
    assert_eq!(covered, all, "every route in routes::ALL is walked");

    let mut failures = Vec::new();
    for (method, route, user, path, status, code) in &cases {
        let client = if user.is_empty() {
            app.client()
        } else {
            app.login(user).await
        };
        let request = match (*method, *route) {
            ("GET", _) => client.get(app.url(path)),
            // A PUT of a family carries the family the path names, unchanged.
            ("PUT", r::FAMILY) => client.put(app.url(path)).json(&family_at(path)),
            ("PUT", r::WINDOW_POLICY) => {
                let mut windows = tepat_domain::windows::WindowPolicy::bangkalan_2024();
                windows.version = 2;
                client.put(app.url(path)).json(&windows)
            }
            ("PUT", r::EVIDENCE) => client
                .put(app.url(&format!("{path}?offset=0&total=3000")))
                .body(vec![0xFF, 0xD8, 0xFF]),
            ("POST", r::MUSDES_LIST) => client.post(app.url(path)).json(&serde_json::json!({
                "id": uuid::Uuid::now_v7(),
                "schedule": { "date": "2026-11-24", "time": "09:00:00", "place": "Balai Desa", "chair": "Ketua BPD" }
            })),
            ("POST", r::MUSDES) => client.post(app.url(path)).json(&serde_json::json!("RefreshAgenda")),
            ("PUT", r::IMPORT_FILE) => client
                .put(app.url(&format!("{path}?offset=0&total=3000")))
                .body(b"NIK;".to_vec()),
            ("POST", r::IMPORT_CHECK | r::IMPORT_APPLY) => client.post(app.url(path)).json(
                &serde_json::json!({ "kind": "Families", "file": "ef".repeat(32), "file_name": "", "choices": [] }),
            ),
            ("PUT", r::PHOTO) => client.put(app.url(&format!("{path}?offset=0&total=3"))).body(vec![1u8, 2, 3]),
            ("PUT", r::SCORING) => {
                let mut scheme = tepat_domain::scoring::ScoringScheme::default_v1();
                scheme.version = 2;
                client.put(app.url(path)).json(&scheme)
            }
            ("PUT", r::CASE_FILE) => client
                .put(app.url(&format!("{path}?offset=0&total=3000")))
                .body(vec![0xFF, 0xD8, 0xFF]),
            ("POST", r::CASE) => client
                .post(app.url(path))
                .json(&serde_json::json!({ "Link": { "family": null } })),
            ("PUT", _) => client
                .put(app.url(path))
                .json(&serde_json::json!({ "kabupaten_quota": 10, "poor_by_desa": [["35.26.15.2012", 40]] })),
            ("POST", r::SYNC_PUSH) => client.post(app.url(path)).json(&serde_json::json!({ "changes": [] })),
            ("POST", r::PROPOSALS) => client
                .post(app.url(path))
                .json(&serde_json::json!({ "family": lombang_family, "kind": "Correction" })),
            ("POST", r::NATIONAL_SENT) => {
                client.post(app.url(path)).json(&serde_json::json!({ "proposals": [] }))
            }
            // A draft cannot be approved: answered 200 with the refusal for that proposal.
            ("POST", r::QUEUE_STEPS) => client.post(app.url(path)).json(
                &serde_json::json!({ "proposals": [created["id"]], "step": "Approve", "device": null }),
            ),
            ("POST", r::PROPOSAL_STEPS) => {
                client.post(app.url(path)).json(&serde_json::json!({ "step": "Withdraw", "device": null }))
            }
            _ => client
                .post(app.url(path))
                .json(&serde_json::json!({"username": "", "password": ""})),
        };
        let response = request.send().await.unwrap();
        let got = response.status().as_u16();
        let got_code = if got >= 400 {
            error_code(response).await
        } else {
            String::new()
        };
        if got != *status || got_code != *code {
            failures.push(format!(
                "{method} {path} as '{user}': got {got} {got_code}, want {status} {code}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn scope_lists_contain_only_the_users_region() {
    let app = spawn_app().await;
    for (user, region, count) in [
        ("op.lombangdajah", "35.26.15.2012", 20),
        ("tksk.blega", "35.26.15", 100),
        ("dinsos", "35.26", 500),
    ] {
        let client = app.login(user).await;
        let list: serde_json::Value = app.get_json(&client, r::FAMILIES).await;
        let families = list["families"].as_array().unwrap();
        assert_eq!(families.len(), count, "{user}");
        for family in families {
            let desa = family["desa"].as_str().unwrap();
            assert!(
                desa == region || desa.starts_with(&format!("{region}.")),
                "{user} saw {desa}"
            );
        }
    }
}

#[tokio::test]
async fn out_of_scope_refusals_say_why_in_indonesian() {
    let app = spawn_app().await;
    let client = app.login("op.lombangdajah").await;
    let response = client
        .get(app.url(&format!("{}?region=35.26.15.2004", r::FAMILIES)))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(
        body["message"],
        "Desa Alas Rajah berada di luar wilayah kerja Anda (Desa Lombang Dajah). Akses ditolak."
    );
}

#[tokio::test]
async fn identity_numbers_are_masked_for_leaders_and_whole_for_operators() {
    let app = spawn_app().await;
    let path = family_in("35.26.15.2012");
    let read = |user: &'static str| {
        let app = &app;
        let path = path.clone();
        async move {
            let client = app.login(user).await;
            let body: serde_json::Value = app.get_json(&client, &path).await;
            (
                body["kk"].as_str().unwrap().to_owned(),
                body["members"][0]["nik"].as_str().unwrap().to_owned(),
                !body["record"].is_null(),
            )
        }
    };
    let (kk, nik, record) = read("op.lombangdajah").await;
    assert!(
        record,
        "an operator gets the whole record to check on the tablet"
    );
    assert!(kk.chars().all(|c| c.is_ascii_digit()) && kk.len() == 16);
    assert!(nik.chars().all(|c| c.is_ascii_digit()) && nik.len() == 16);
    let (kk, nik, record) = read("bupati").await;
    assert!(!record, "a leader never gets the whole record");
    assert!(kk.contains('•') && nik.contains('•'), "{kk} {nik}");
    assert_eq!(&nik[..6], "352615");
}
