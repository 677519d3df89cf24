//! GET `routes::OPENAPI`: the OpenAPI document of the JSON API (no login). [`OPERATIONS`] is
//! the table behind it: every route of `routes::ALL` with the types its handler reads and
//! answers (`crate::openapi` turns it into the document). `tests/it/openapi.rs` checks that it
//! lists exactly `routes::ALL` and that real answers validate against it; schemathesis
//! (`cargo xtask test`) fuzzes the running server with it.

use crate::openapi::{
    Operation, Request as Rq, Response as Rs, SchemaFn, document, object, schema,
};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use std::sync::OnceLock;
use tepat_protocol::routes as r;
use tepat_protocol::{cases, labels, musdes, spread, sync};

/// Errors of a read: bad query or id, no session, role or scope, not found.
const READ: &[u16] = &[400, 401, 403, 404];
/// Errors of a change: those of a read, a refused step or state, a body too large.
const WRITE: &[u16] = &[400, 401, 403, 404, 409, 413];

const CSV: &str = "text/csv";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const GEOJSON: &str = "application/geo+json";
const EVIDENCE_MEDIA: &[&str] = &["image/jpeg", "image/png", "application/pdf"];

/// `?region=CODE`: the shared scope query of lists.
const REGION: &[SchemaFn] = &[object::<super::RegionQuery>];
/// `?offset=&total=` of a chunked upload.
const CHUNK: &[SchemaFn] = &[object::<super::photos::ChunkQuery>];

/// A plain GET answered with JSON of one type.
const fn get(
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    tag: &'static str,
    answer: SchemaFn,
) -> Operation {
    Operation {
        method: "GET",
        path,
        id,
        summary,
        tag,
        public: false,
        query: &[],
        request: Rq::None,
        response: Rs::Json(answer),
        errors: READ,
    }
}

/// A POST or PUT of a JSON body answered with JSON.
const fn change(
    method: &'static str,
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    tag: &'static str,
    body: SchemaFn,
    answer: SchemaFn,
) -> Operation {
    Operation {
        method,
        path,
        id,
        summary,
        tag,
        public: false,
        query: &[],
        request: Rq::Json(body),
        response: Rs::Json(answer),
        errors: WRITE,
    }
}

/// A chunk of a file (`?offset=&total=`, raw bytes) answered with the upload's status.
const fn upload(
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    tag: &'static str,
) -> Operation {
    Operation {
        method: "PUT",
        path,
        id,
        summary,
        tag,
        public: false,
        query: CHUNK,
        request: Rq::Bytes,
        response: Rs::Json(schema::<tepat_protocol::UploadStatus>),
        errors: WRITE,
    }
}

/// A file download.
const fn download(
    path: &'static str,
    id: &'static str,
    summary: &'static str,
    tag: &'static str,
    media: &'static [&'static str],
) -> Operation {
    Operation {
        method: "GET",
        path,
        id,
        summary,
        tag,
        public: false,
        query: &[],
        request: Rq::None,
        response: Rs::File(media),
        errors: READ,
    }
}

/// A GET with query parameters.
const fn query(mut op: Operation, query: &'static [SchemaFn]) -> Operation {
    op.query = query;
    op
}

/// Every route of `routes::ALL` (and this document's own) with its types.
pub const OPERATIONS: &[Operation] = &[
    Operation {
        public: true,
        response: Rs::Text,
        errors: &[],
        ..get(
            r::HEALTHZ,
            "healthz",
            "Liveness: `ok` once the database answers.",
            "instance",
            schema::<String>,
        )
    },
    Operation {
        public: true,
        errors: &[],
        ..get(
            r::CONFIG,
            "config",
            "Public instance settings: kabupaten, basemap, demo flag.",
            "instance",
            schema::<tepat_protocol::InstanceConfig>,
        )
    },
    Operation {
        public: true,
        errors: &[400, 401, 413, 429],
        ..change(
            "POST",
            r::LOGIN,
            "login",
            "Log in; sets the session cookie `tepat_session`.",
            "auth",
            schema::<tepat_protocol::LoginRequest>,
            schema::<tepat_protocol::SessionInfo>,
        )
    },
    Operation {
        request: Rq::None,
        response: Rs::Empty,
        errors: &[401],
        ..change(
            "POST",
            r::LOGOUT,
            "logout",
            "Log out: ends the session and clears the cookie.",
            "auth",
            schema::<()>,
            schema::<()>,
        )
    },
    get(
        r::ME,
        "me",
        "The logged-in user, role, region and what the role may do.",
        "auth",
        schema::<tepat_protocol::SessionInfo>,
    ),
    query(
        get(
            r::REGIONS,
            "regions",
            "The instance's region tree, one level (`?parent=CODE`).",
            "regions",
            schema::<tepat_protocol::RegionList>,
        ),
        &[object::<tepat_protocol::RegionQuery>],
    ),
    query(
        get(
            r::FAMILIES,
            "families",
            "Families in scope (`?region=CODE&q=NAME`), identity numbers masked by role.",
            "families",
            schema::<tepat_protocol::FamilyList>,
        ),
        &[object::<tepat_protocol::FamilyQuery>],
    ),
    get(
        r::FAMILY,
        "family",
        "One family with its members, checks and proposals.",
        "families",
        schema::<tepat_protocol::FamilyDetail>,
    ),
    change(
        "PUT",
        r::FAMILY,
        "save_family",
        "Create or replace a family (desa operator of its desa).",
        "families",
        schema::<tepat_domain::Family>,
        schema::<tepat_protocol::SaveFamilyResult>,
    ),
    get(
        r::USERS,
        "users",
        "User accounts (admin).",
        "users",
        schema::<tepat_protocol::UserList>,
    ),
    get(
        r::NOTIFICATIONS,
        "notifications",
        "Notifications of the desa in scope.",
        "families",
        schema::<tepat_protocol::NotificationList>,
    ),
    query(
        get(
            r::PROPOSALS,
            "proposals",
            "Proposals in scope (`?region=CODE`).",
            "proposals",
            schema::<tepat_protocol::ProposalList>,
        ),
        REGION,
    ),
    change(
        "POST",
        r::PROPOSALS,
        "create_proposal",
        "A new draft proposal.",
        "proposals",
        schema::<tepat_protocol::NewProposal>,
        schema::<tepat_protocol::ProposalView>,
    ),
    get(
        r::PROPOSAL,
        "proposal",
        "One proposal with its steps and the steps the user may take.",
        "proposals",
        schema::<tepat_protocol::ProposalView>,
    ),
    change(
        "POST",
        r::PROPOSAL_STEPS,
        "take_step",
        "Take a workflow step on a proposal.",
        "proposals",
        schema::<tepat_protocol::TakeStep>,
        schema::<tepat_protocol::ProposalView>,
    ),
    query(
        get(
            r::VISITS,
            "visits",
            "Verifiers' visits in scope (`?region=CODE`).",
            "proposals",
            schema::<tepat_protocol::VisitList>,
        ),
        REGION,
    ),
    get(
        r::WINDOWS,
        "windows",
        "The time windows today: open, until when, opens when.",
        "policy",
        schema::<tepat_protocol::WindowsView>,
    ),
    get(
        r::QUOTA,
        "quota",
        "The quota of a programme (`PKH` or `BPNT`) per desa.",
        "policy",
        schema::<tepat_protocol::QuotaView>,
    ),
    change(
        "PUT",
        r::QUOTA,
        "set_quota",
        "Set a programme's quota (Dinas).",
        "policy",
        schema::<tepat_protocol::QuotaSettings>,
        schema::<tepat_protocol::QuotaView>,
    ),
    get(
        r::SCORING,
        "scoring",
        "The scoring scheme in force.",
        "policy",
        schema::<tepat_domain::scoring::ScoringScheme>,
    ),
    change(
        "PUT",
        r::SCORING,
        "set_scoring",
        "A new scoring scheme version; re-scores every family (Dinas).",
        "policy",
        schema::<tepat_domain::scoring::ScoringScheme>,
        schema::<tepat_protocol::SchemeSaved>,
    ),
    get(
        r::FAMILY_SCORE,
        "family_score",
        "One family's score with its breakdown, rank and decile.",
        "families",
        schema::<tepat_protocol::ScoreView>,
    ),
    get(
        r::WINDOW_POLICY,
        "window_policy",
        "The window policy in force.",
        "policy",
        schema::<tepat_domain::windows::WindowPolicy>,
    ),
    change(
        "PUT",
        r::WINDOW_POLICY,
        "set_window_policy",
        "A new window policy version (Dinas).",
        "policy",
        schema::<tepat_domain::windows::WindowPolicy>,
        schema::<tepat_domain::windows::WindowPolicy>,
    ),
    change(
        "POST",
        r::SYNC_PUSH,
        "sync_push",
        "Push a batch of changes (field tablets); one answer per change.",
        "sync",
        schema::<sync::PushRequest>,
        schema::<sync::PushResponse>,
    ),
    query(
        get(
            r::SYNC_PULL,
            "sync_pull",
            "The changes of the user's scope after `?after=CURSOR`.",
            "sync",
            schema::<sync::PullResponse>,
        ),
        &[object::<super::sync::PullQuery>],
    ),
    download(
        r::PHOTO,
        "photo",
        "A house photo (JPEG) that a family in scope refers to.",
        "files",
        &["image/jpeg"],
    ),
    upload(
        r::PHOTO,
        "upload_photo",
        "Upload a chunk of a photo named by its SHA-256.",
        "files",
    ),
    get(
        r::PHOTO_STATUS,
        "photo_status",
        "How far a photo's upload has come.",
        "files",
        schema::<tepat_protocol::UploadStatus>,
    ),
    query(
        get(
            r::MUSDES_LIST,
            "musdes_list",
            "Village meetings in scope and each desa's standing.",
            "musdes",
            schema::<musdes::MusdesList>,
        ),
        REGION,
    ),
    change(
        "POST",
        r::MUSDES_LIST,
        "schedule_musdes",
        "Schedule a village meeting (desa operator).",
        "musdes",
        schema::<musdes::NewMusdes>,
        schema::<musdes::MusdesView>,
    ),
    get(
        r::MUSDES,
        "musdes",
        "One village meeting with its agenda.",
        "musdes",
        schema::<musdes::MusdesView>,
    ),
    change(
        "POST",
        r::MUSDES,
        "musdes_action",
        "An action on a meeting: agenda, decision, evidence, closing.",
        "musdes",
        schema::<musdes::MusdesAction>,
        schema::<musdes::MusdesView>,
    ),
    download(
        r::EVIDENCE,
        "evidence",
        "A musdes evidence file.",
        "files",
        EVIDENCE_MEDIA,
    ),
    upload(
        r::EVIDENCE,
        "upload_evidence",
        "Upload a chunk of a musdes evidence file.",
        "files",
    ),
    get(
        r::EVIDENCE_STATUS,
        "evidence_status",
        "How far an evidence file's upload has come.",
        "files",
        schema::<tepat_protocol::UploadStatus>,
    ),
    get(
        r::PROPOSAL_MUSDES,
        "proposal_musdes",
        "The musdes that decided a proposal.",
        "musdes",
        schema::<musdes::ProposalMusdes>,
    ),
    get(
        r::NATIONAL_BATCH,
        "national_batch",
        "Ratified proposals waiting for the national system (Dinas).",
        "national",
        schema::<tepat_protocol::NationalBatch>,
    ),
    query(
        download(
            r::NATIONAL_EXPORT,
            "national_export",
            "The batch as a CSV or XLSX file (`?format=csv|xlsx&until=`).",
            "national",
            &[CSV, XLSX],
        ),
        &[object::<super::national::ExportQuery>],
    ),
    change(
        "POST",
        r::NATIONAL_SENT,
        "national_sent",
        "Mark exactly these proposals sent.",
        "national",
        schema::<tepat_protocol::MarkSent>,
        schema::<tepat_protocol::MarkedSent>,
    ),
    Operation {
        request: Rq::Bytes,
        ..change(
            "POST",
            r::NATIONAL_RESULT,
            "national_result",
            "Upload the national result file (CSV or XLSX bytes).",
            "national",
            schema::<()>,
            schema::<tepat_protocol::NationalResultReport>,
        )
    },
    query(
        get(
            r::AUDIT,
            "audit",
            "The audit trail of a family or user, newest first (Dinas).",
            "audit",
            schema::<tepat_protocol::AuditPage>,
        ),
        &[object::<super::audit::AuditQuery>],
    ),
    query(
        get(
            r::QUEUE,
            "queue",
            "Proposals waiting for the user's role, with quota and waiting lists.",
            "proposals",
            schema::<tepat_protocol::QueueView>,
        ),
        &[object::<super::queue::Params>],
    ),
    change(
        "POST",
        r::QUEUE_STEPS,
        "queue_steps",
        "One step on several proposals, answered per proposal.",
        "proposals",
        schema::<tepat_protocol::BulkStep>,
        schema::<tepat_protocol::BulkStepResult>,
    ),
    query(
        get(
            r::SPREAD_CLUSTERS,
            "spread_clusters",
            "The leaders' map: clusters for one viewport and zoom.",
            "spread",
            schema::<spread::SpreadClusters>,
        ),
        &[
            object::<spread::ClusterQuery>,
            object::<spread::SpreadFilter>,
        ],
    ),
    Operation {
        response: Rs::JsonOrFile(schema::<spread::RegionTable>, &[CSV, XLSX]),
        ..query(
            get(
                r::SPREAD_REGIONS,
                "spread_regions",
                "The table per kecamatan or desa; CSV or XLSX with `format`.",
                "spread",
                schema::<()>,
            ),
            &[object::<spread::RegionTableQuery>],
        )
    },
    upload(
        r::IMPORT_FILE,
        "upload_import",
        "Upload a chunk of an import file (Dinas).",
        "imports",
    ),
    get(
        r::IMPORT_FILE_STATUS,
        "import_status",
        "How far an import file's upload has come.",
        "imports",
        schema::<tepat_protocol::UploadStatus>,
    ),
    change(
        "POST",
        r::IMPORT_CHECK,
        "import_check",
        "Check an uploaded import file; nothing is written.",
        "imports",
        schema::<tepat_protocol::ImportRequest>,
        schema::<tepat_protocol::ImportReport>,
    ),
    change(
        "POST",
        r::IMPORT_APPLY,
        "import_apply",
        "Apply an uploaded import file, all or nothing.",
        "imports",
        schema::<tepat_protocol::ImportRequest>,
        schema::<tepat_protocol::ImportReport>,
    ),
    get(
        r::LOCI_DESA,
        "loci_desa",
        "The kabupaten's loci desa.",
        "imports",
        schema::<tepat_protocol::RegionList>,
    ),
    get(
        r::IMPORT_PROGRESS,
        "import_progress",
        "How far the check or apply of an import file has come.",
        "imports",
        schema::<tepat_protocol::ImportProgress>,
    ),
    Operation {
        response: Rs::JsonOrFile(schema::<spread::SpreadFamilyPage>, &[CSV, XLSX, GEOJSON]),
        ..query(
            get(
                r::SPREAD_FAMILIES,
                "spread_families",
                "The families a filter keeps, paged; CSV, XLSX or GeoJSON with `format`.",
                "spread",
                schema::<()>,
            ),
            &[
                object::<spread::FamilyListQuery>,
                object::<spread::SpreadFilter>,
            ],
        )
    },
    query(
        get(
            r::LABELS,
            "labels",
            "House labellings in scope (`?region=CODE`).",
            "families",
            schema::<labels::LabelList>,
        ),
        REGION,
    ),
    query(
        get(
            r::CASES,
            "cases",
            "Citizens' cases in scope, newest first.",
            "cases",
            schema::<cases::CaseList>,
        ),
        &[object::<super::cases::CasesQuery>],
    ),
    get(
        r::CASE,
        "case",
        "One citizens' case.",
        "cases",
        schema::<cases::CaseView>,
    ),
    change(
        "POST",
        r::CASE,
        "case_action",
        "An action on a case: visit, link, decide.",
        "cases",
        schema::<cases::CaseAction>,
        schema::<cases::CaseView>,
    ),
    download(
        r::CASE_FILE,
        "case_file",
        "A file of a case (photo or evidence).",
        "files",
        EVIDENCE_MEDIA,
    ),
    upload(
        r::CASE_FILE,
        "upload_case_file",
        "Upload a chunk of a case file (JPEG, PNG or PDF).",
        "files",
    ),
    get(
        r::CASE_FILE_STATUS,
        "case_file_status",
        "How far a case file's upload has come.",
        "files",
        schema::<tepat_protocol::UploadStatus>,
    ),
    download(
        r::BACKUP,
        "backup",
        "A consistent backup of the running server (admin only): a tar of `tepat.redb`, the \
         files and `manifest.json`; `tepat backup` fetches it.",
        "instance",
        &["application/x-tar"],
    ),
    Operation {
        public: true,
        errors: &[],
        ..get(
            r::OPENAPI,
            "openapi",
            "This document.",
            "instance",
            schema::<serde_json::Value>,
        )
    },
];

/// The document, built once.
pub fn json() -> &'static [u8] {
    static DOCUMENT: OnceLock<Vec<u8>> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let value = document(OPERATIONS, env!("CARGO_PKG_VERSION"));
        serde_json::to_vec_pretty(&value).expect("the document serialises")
    })
}

/// GET the document.
pub async fn serve() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        json(),
    )
        .into_response()
}
