//! Every API path, written once. The server mounts these constants; the web app calls them.
//! Paths with a parameter use axum's `{name}` syntax; the `*_path` helpers fill them in.

/// Liveness and readiness: 200 once the database is open and the server accepts requests.
pub const HEALTHZ: &str = "/healthz";
/// Public instance settings (kabupaten, basemap, demo flag). No login needed.
pub const CONFIG: &str = "/api/v1/config";
/// POST: log in with [`crate::LoginRequest`]; sets the session cookie.
pub const LOGIN: &str = "/api/v1/auth/login";
/// POST: log out; clears the session.
pub const LOGOUT: &str = "/api/v1/auth/logout";
/// GET: the logged-in user's [`crate::SessionInfo`].
pub const ME: &str = "/api/v1/auth/me";
/// GET: the region tree of the instance, `?parent=CODE` for one level.
pub const REGIONS: &str = "/api/v1/regions";
/// GET: families in scope, `?region=CODE&q=NAME`.
pub const FAMILIES: &str = "/api/v1/families";
/// GET: one family. PUT: create or replace it (body: `tepat_domain::Family`), answered with
/// [`crate::SaveFamilyResult`].
pub const FAMILY: &str = "/api/v1/families/{id}";
/// GET: notifications for the desa in the user's scope (NIK ganda, …).
pub const NOTIFICATIONS: &str = "/api/v1/notifications";
/// GET: user accounts in scope (admin).
pub const USERS: &str = "/api/v1/users";

/// GET: proposals in scope (`?region=CODE`). POST: a new draft ([`crate::NewProposal`]).
pub const PROPOSALS: &str = "/api/v1/proposals";
/// GET: one proposal with its steps and the steps the user may take.
pub const PROPOSAL: &str = "/api/v1/proposals/{id}";
/// POST: take a step ([`crate::TakeStep`]) on a proposal.
pub const PROPOSAL_STEPS: &str = "/api/v1/proposals/{id}/steps";
/// GET: the verifiers' visits in scope (`?region=CODE`), as a [`crate::VisitList`]. Visits are
/// recorded and answered through sync commands ([`crate::sync::VisitCommand`]).
pub const VISITS: &str = "/api/v1/visits";
/// GET: the time windows today (open, until when, opens when).
pub const WINDOWS: &str = "/api/v1/windows";
/// GET: the quota of a programme (`PKH` or `BPNT`) per desa. PUT: set it ([`crate::QuotaSettings`]).
pub const QUOTA: &str = "/api/v1/quota/{programme}";

/// GET: the scoring scheme in force. PUT: a new version (body `ScoringScheme`), which
/// re-scores and re-ranks every family; older versions' results stay visible.
pub const SCORING: &str = "/api/v1/policy/scoring";
/// GET: the window policy in force. PUT: a new version (body `WindowPolicy`).
pub const WINDOW_POLICY: &str = "/api/v1/policy/windows";
/// GET: one family's score with its breakdown, rank and local decile, and older versions' results.
pub const FAMILY_SCORE: &str = "/api/v1/families/{id}/score";

/// POST: push a batch of changes ([`crate::sync::PushRequest`]); one ack per change.
pub const SYNC_PUSH: &str = "/api/v1/sync/push";
/// GET: the changes of the user's scope after `?after=CURSOR` ([`crate::sync::PullResponse`]).
pub const SYNC_PULL: &str = "/api/v1/sync/pull";

/// GET: a photo by its SHA-256 (only if a family in scope refers to it). PUT: upload a chunk
/// (`?offset=N&total=T`, body: the bytes); answered with [`crate::UploadStatus`].
pub const PHOTO: &str = "/api/v1/photos/{hash}";
/// GET: how far the upload of a photo has come.
pub const PHOTO_STATUS: &str = "/api/v1/photos/{hash}/status";

/// GET: the ratified proposals waiting to be sent to the national system
/// ([`crate::NationalBatch`]). Operator Dinas only.
pub const NATIONAL_BATCH: &str = "/api/v1/national/batch";
/// GET: the batch as a file, `?format=csv|xlsx&until=TIMESTAMP` (see `docs/national-exchange.md`).
pub const NATIONAL_EXPORT: &str = "/api/v1/national/export";
/// POST: mark exactly these proposals sent ([`crate::MarkSent`], answered [`crate::MarkedSent`]).
pub const NATIONAL_SENT: &str = "/api/v1/national/sent";
/// POST: upload the national result file (CSV or XLSX bytes), answered with
/// [`crate::NationalResultReport`].
pub const NATIONAL_RESULT: &str = "/api/v1/national/result";
/// GET: the audit trail of one family (`?family=ID`) or one user (`?user=NAME`), newest first,
/// as an [`crate::AuditPage`]; `&before=SEQ` for older lines, `&limit=N` (at most 200). Dinas only.
pub const AUDIT: &str = "/api/v1/audit";
/// GET: the proposals waiting for the user's role, oldest first (`?desa=CODE&kind=CODE`, see
/// [`crate::kind_code`]), with the quota and waiting lists of the desa in scope
/// ([`crate::QueueView`]).
pub const QUEUE: &str = "/api/v1/queue";
/// POST: one step on several proposals ([`crate::BulkStep`]), answered per proposal
/// ([`crate::BulkStepResult`]).
pub const QUEUE_STEPS: &str = "/api/v1/queue/steps";
/// The leaders' spread map: clusters for one viewport and zoom ([`crate::spread::ClusterQuery`]
/// and [`crate::spread::SpreadFilter`] as query parameters).
pub const SPREAD_CLUSTERS: &str = "/api/v1/spread/clusters";
/// The table per kecamatan or desa ([`crate::spread::RegionTableQuery`]); CSV/XLSX with `format`.
pub const SPREAD_REGIONS: &str = "/api/v1/spread/regions";
/// The families a [`crate::spread::SpreadFilter`] keeps, paged
/// ([`crate::spread::FamilyListQuery`], [`crate::spread::SpreadFamilyPage`]); CSV, XLSX or
/// GeoJSON of the whole selection with `format`.
pub const SPREAD_FAMILIES: &str = "/api/v1/spread/families";

/// The name of the session cookie.
/// Village meetings in scope (`?region=`), and scheduling one.
pub const MUSDES_LIST: &str = "/api/v1/musdes";
/// One village meeting, and an action on it.
pub const MUSDES: &str = "/api/v1/musdes/{id}";
/// The musdes that decided a proposal (the latest, when it went through more than one).
pub const PROPOSAL_MUSDES: &str = "/api/v1/proposals/{id}/musdes";
/// A musdes evidence file: chunked upload (`?offset=&total=`) and download.
pub const EVIDENCE: &str = "/api/v1/evidence/{hash}";
/// How much of an evidence file has arrived.
pub const EVIDENCE_STATUS: &str = "/api/v1/evidence/{hash}/status";

pub const SESSION_COOKIE: &str = "tepat_session";

/// An import file: chunked upload (`?offset=&total=`), answered with [`crate::UploadStatus`].
/// Operator Dinas only.
pub const IMPORT_FILE: &str = "/api/v1/imports/files/{hash}";
/// How much of an import file has arrived.
pub const IMPORT_FILE_STATUS: &str = "/api/v1/imports/files/{hash}/status";
/// POST: check an uploaded file ([`crate::ImportRequest`]), answered with
/// [`crate::ImportReport`]; nothing is written.
pub const IMPORT_CHECK: &str = "/api/v1/imports/check";
/// POST: apply an uploaded file with the choices made ([`crate::ImportRequest`]), all or
/// nothing; answered with the [`crate::ImportReport`] (its `applied` set when it was).
pub const IMPORT_APPLY: &str = "/api/v1/imports/apply";
/// GET: the kabupaten's loci desa ([`crate::RegionList`]).
pub const LOCI_DESA: &str = "/api/v1/imports/loci-desa";
/// GET: how far the check or apply of an import file has come ([`crate::ImportProgress`]).
pub const IMPORT_PROGRESS: &str = "/api/v1/imports/progress/{hash}";

/// The path of an import file's progress.
pub fn import_progress_path(hash: &str) -> String {
    IMPORT_PROGRESS.replace("{hash}", hash)
}

/// The path of an import file's upload.
pub fn import_file_path(hash: &str) -> String {
    IMPORT_FILE.replace("{hash}", hash)
}

/// The path of one family.
pub fn family_path(id: &tepat_domain::FamilyId) -> String {
    FAMILY.replace("{id}", &id.to_string())
}

/// The path of one proposal.
pub fn proposal_path(id: &uuid::Uuid) -> String {
    PROPOSAL.replace("{id}", &id.to_string())
}

/// The steps path of one proposal.
pub fn proposal_steps_path(id: &uuid::Uuid) -> String {
    PROPOSAL_STEPS.replace("{id}", &id.to_string())
}

/// The path of one musdes.
pub fn musdes_path(id: &uuid::Uuid) -> String {
    MUSDES.replace("{id}", &id.to_string())
}

/// Every API route as (method, path template), for the route-walk scope test and the docs.
pub const ALL: &[(&str, &str)] = &[
    ("GET", HEALTHZ),
    ("GET", CONFIG),
    ("POST", LOGIN),
    ("POST", LOGOUT),
    ("GET", ME),
    ("GET", REGIONS),
    ("GET", FAMILIES),
    ("GET", FAMILY),
    ("PUT", FAMILY),
    ("GET", USERS),
    ("GET", NOTIFICATIONS),
    ("GET", PROPOSALS),
    ("POST", PROPOSALS),
    ("GET", PROPOSAL),
    ("POST", PROPOSAL_STEPS),
    ("GET", VISITS),
    ("GET", WINDOWS),
    ("GET", QUOTA),
    ("PUT", QUOTA),
    ("GET", SCORING),
    ("PUT", SCORING),
    ("GET", FAMILY_SCORE),
    ("GET", WINDOW_POLICY),
    ("PUT", WINDOW_POLICY),
    ("POST", SYNC_PUSH),
    ("GET", SYNC_PULL),
    ("GET", PHOTO),
    ("PUT", PHOTO),
    ("GET", PHOTO_STATUS),
    ("GET", MUSDES_LIST),
    ("POST", MUSDES_LIST),
    ("GET", MUSDES),
    ("POST", MUSDES),
    ("GET", EVIDENCE),
    ("PUT", EVIDENCE),
    ("GET", EVIDENCE_STATUS),
    ("GET", PROPOSAL_MUSDES),
    ("GET", NATIONAL_BATCH),
    ("GET", NATIONAL_EXPORT),
    ("POST", NATIONAL_SENT),
    ("POST", NATIONAL_RESULT),
    ("GET", AUDIT),
    ("GET", QUEUE),
    ("POST", QUEUE_STEPS),
    ("GET", SPREAD_CLUSTERS),
    ("GET", SPREAD_REGIONS),
    ("PUT", IMPORT_FILE),
    ("GET", IMPORT_FILE_STATUS),
    ("POST", IMPORT_CHECK),
    ("POST", IMPORT_APPLY),
    ("GET", LOCI_DESA),
    ("GET", IMPORT_PROGRESS),
    ("GET", SPREAD_FAMILIES),
    ("GET", LABELS),
    ("GET", CASES),
    ("GET", CASE),
    ("POST", CASE),
    ("GET", CASE_FILE),
    ("PUT", CASE_FILE),
    ("GET", CASE_FILE_STATUS),
    ("GET", BACKUP),
    ("GET", OPENAPI),
];

/// GET: citizens' cases in scope, newest first (`?region=&state=baru|dikunjungi|selesai&kind=
/// usul|sanggah`), as a [`crate::cases::CaseList`].
pub const CASES: &str = "/api/v1/cases";
/// GET: one case ([`crate::cases::CaseView`]). POST: an action on it ([`crate::cases::CaseAction`]),
/// answered with the case as it now is.
pub const CASE: &str = "/api/v1/cases/{id}";
/// A file of a case (the usul's house photo, the visit photo, the decision's evidence): GET
/// within the case's scope when the case refers to it; PUT a chunk (`?offset=&total=`, JPEG,
/// PNG or PDF) by those who work the case.
pub const CASE_FILE: &str = "/api/v1/cases/{id}/files/{hash}";
/// GET: how much of a case file has arrived.
pub const CASE_FILE_STATUS: &str = "/api/v1/cases/{id}/files/{hash}/status";

/// The path of one case.
pub fn case_path(id: &uuid::Uuid) -> String {
    CASE.replace("{id}", &id.to_string())
}

/// The path of one file of a case (`hash` as 64 hex digits).
pub fn case_file_path(id: &uuid::Uuid, hash: &str) -> String {
    CASE_FILE
        .replace("{id}", &id.to_string())
        .replace("{hash}", hash)
}

/// GET: the house labellings in scope (`?region=CODE`), as a [`crate::labels::LabelList`]. A
/// label is recorded through the sync command [`crate::labels::LabelCommand`].
pub const LABELS: &str = "/api/v1/labels";

/// GET (admin only): a backup of the running server as a tar archive (`tepat.redb`, a
/// consistent snapshot; the blobs; `manifest.json`), made by `tepat backup`.
pub const BACKUP: &str = "/api/v1/backup";
/// GET: the OpenAPI 3.1 document of the JSON API, generated from the server's code. No login.
pub const OPENAPI: &str = "/api/v1/openapi.json";
