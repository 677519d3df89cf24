//! Request and response bodies of the API. The same types travel as postcard (the web app) and
//! as JSON (integrations), chosen by the request's `Accept`/`Content-Type`.

use serde::{Deserialize, Serialize};
use tepat_domain::checks::Finding;
use tepat_domain::windows::{WindowKind, WindowStatus, Zone};
use tepat_domain::workflow::{ProposalKind, ProposalState, StepKind, StepRecord};
use tepat_domain::{FamilyId, HouseLocation, RegionCode, RegionLevel, Relation, Role, Sex};

/// A region with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionRef {
    /// Kemendagri code.
    pub code: RegionCode,
    /// Official name.
    pub name: String,
    /// Level in the hierarchy.
    pub level: RegionLevel,
}

impl RegionRef {
    /// The name with its level, as people say it: `Desa Lombang Dajah`, `Kecamatan Blega`;
    /// kabupaten and kota names already carry theirs (`Kabupaten Bangkalan`).
    pub fn display_name(&self) -> String {
        let level = self.level.label_id();
        let carries_level = ["Kabupaten", "Kota", "Provinsi"]
            .iter()
            .any(|w| self.name.starts_with(w));
        if carries_level || self.level == RegionLevel::Provinsi {
            self.name.clone()
        } else {
            format!("{level} {}", self.name)
        }
    }
}

/// Public settings of this Tepat instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct InstanceConfig {
    /// The kabupaten this instance serves.
    pub kabupaten: RegionRef,
    /// Basemap tile URL template (`{z}/{x}/{y}`), or none for no basemap.
    pub tile_url: Option<String>,
    /// Attribution text for the basemap.
    pub tile_attribution: String,
    /// True when the database holds synthetic demo data.
    pub demo: bool,
    /// Server's protocol version.
    pub protocol_version: u16,
    /// How many days a tablet may be opened without reaching the server after its last online
    /// login (its encrypted copy stays usable that long; then the user must log in online).
    pub offline_days: u16,
    /// Seconds between background syncs while online.
    pub sync_interval_secs: u32,
    /// The worst GPS accuracy (metres) a house pin takes without the operator confirming it.
    pub gps_max_accuracy_m: u16,
}

/// Body of a login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LoginRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

/// Who is logged in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SessionInfo {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The region the user is bound to (their scope).
    pub region: RegionRef,
    /// The path from the province down to the user's region, for breadcrumbs.
    pub region_path: Vec<RegionRef>,
}

/// Regions of one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionList {
    /// The regions, ordered by code.
    pub regions: Vec<RegionRef>,
}

/// A family as a line in a list or a pin on a map. Identity numbers masked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FamilySummary {
    /// Record identity.
    pub id: FamilyId,
    /// KK number, masked.
    pub kk_masked: String,
    /// Head of family's name.
    pub head_name: String,
    /// Number of members.
    pub member_count: u16,
    /// Desa code.
    pub desa: RegionCode,
    /// Dusun.
    pub dusun: String,
    /// RT.
    pub rt: String,
    /// RW.
    pub rw: String,
    /// House pin.
    pub location: Option<HouseLocation>,
    /// Synthetic demo record.
    pub demo: bool,
    /// A member's NIK is also held in another family (NIK ganda): both records are flagged.
    pub nik_ganda: bool,
    /// The status of the family's proposals that most needs attention (pins are coloured by
    /// it); none without a proposal.
    pub status: Option<tepat_domain::workflow::StatusCategory>,
    /// The family's local decile under the scheme in force (1 = the poorest tenth of the
    /// kabupaten), when ranked.
    pub local_decile: Option<u8>,
}

/// Families in scope.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FamilyList {
    /// The region that was listed.
    pub region: RegionRef,
    /// The families, ordered by head's name.
    pub families: Vec<FamilySummary>,
}

/// A member as shown to a user; the NIK is masked for roles that do not need it whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MemberView {
    /// NIK, whole or masked by role.
    pub nik: String,
    /// Name.
    pub name: String,
    /// Sex.
    pub sex: Sex,
    /// Place of birth.
    pub birth_place: String,
    /// Date of birth.
    pub birth_date: jiff::civil::Date,
    /// Relation to the head.
    pub relation: Relation,
    /// Whether the member still lives in the family (died or moved out with the date).
    pub status: tepat_domain::family::MemberStatus,
}

/// One family in full, as the user's role may see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FamilyDetail {
    /// Summary (masked KK, head, counts, pin).
    pub summary: FamilySummary,
    /// KK number, whole or masked by role.
    pub kk: String,
    /// Street line.
    pub street: String,
    /// Members, head first.
    pub members: Vec<MemberView>,
    /// The whole record, for roles that edit families: the tablet runs the domain's checks on
    /// it before anything is sent.
    pub record: Option<tepat_domain::Family>,
    /// The house photos (served by the photo route only within the user's scope).
    pub photos: tepat_domain::family::HousePhotos,
}

/// A user account as the admin sees it (never the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserView {
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Region bound to.
    pub region: RegionRef,
}

/// User accounts in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UserList {
    /// Accounts, ordered by username.
    pub users: Vec<UserView>,
}

/// Query of the family list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct FamilyQuery {
    /// Region to list (defaults to the user's own).
    pub region: Option<String>,
    /// Name search.
    pub q: Option<String>,
}

/// Query of the region list.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RegionQuery {
    /// Parent whose children to list (defaults to the instance's kabupaten).
    pub parent: Option<String>,
}

/// One NIK of the saved family that is also held in another family (NIK ganda). Both desa's
/// operators are told; the other family is named only by its desa.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NikClashView {
    /// The NIK, masked.
    pub nik_masked: String,
    /// Name of the member in the saved family.
    pub member_name: String,
    /// Where the other holder lives.
    pub other_desa: RegionRef,
}

/// The answer to saving a family: it was saved; here is what the checks found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SaveFamilyResult {
    /// Errors (block a proposal) and warnings, each with its field and member.
    pub findings: Vec<Finding>,
    /// NIK ganda found across the kabupaten.
    pub nik_clashes: Vec<NikClashView>,
    /// Members that are likely the same person as a member elsewhere, one of them without a
    /// real NIK yet (same name, birth date, birth place and sex).
    pub likely_duplicates: Vec<LikelyDuplicateView>,
}

/// A member of the saved family that is likely the same person as someone in another family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct LikelyDuplicateView {
    /// The member's name in the saved family.
    pub member_name: String,
    /// Where the other record is.
    pub other_desa: RegionRef,
}

/// A notification as the user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NotificationView {
    /// When.
    pub at: jiff::Timestamp,
    /// The desa concerned.
    pub desa: RegionRef,
    /// The family concerned, when one is.
    pub family: Option<FamilyId>,
    /// The message, in Indonesian.
    pub message: String,
}

/// Notifications for the user's scope, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NotificationList {
    /// The notifications.
    pub notifications: Vec<NotificationView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_names_say_their_level_once() {
        let region = |c: &str, name: &str| {
            let code = RegionCode::parse(c).unwrap();
            RegionRef {
                level: code.level(),
                code,
                name: name.into(),
            }
        };
        assert_eq!(
            region("35.26.15.2012", "Lombang Dajah").display_name(),
            "Desa Lombang Dajah"
        );
        assert_eq!(
            region("35.26.15", "Blega").display_name(),
            "Kecamatan Blega"
        );
        assert_eq!(
            region("35.26", "Kabupaten Bangkalan").display_name(),
            "Kabupaten Bangkalan"
        );
        assert_eq!(
            region("35.78", "Kota Surabaya").display_name(),
            "Kota Surabaya"
        );
        assert_eq!(region("35", "Jawa Timur").display_name(), "Jawa Timur");
    }
}

/// Body of creating a proposal: which family, what kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct NewProposal {
    /// The family.
    pub family: FamilyId,
    /// What is proposed.
    pub kind: ProposalKind,
}

/// A proposal as a user sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProposalView {
    /// Identity.
    pub id: uuid::Uuid,
    /// The family.
    pub family: FamilyId,
    /// Its head of family.
    pub head_name: String,
    /// Its desa.
    pub desa: RegionRef,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where it stands.
    pub state: ProposalState,
    /// The family's score when last computed (higher = poorer).
    pub score: i64,
    /// Position on the waiting list (1 = next), when waiting.
    pub waiting_position: Option<u32>,
    /// Every step so far.
    pub steps: Vec<StepRecord>,
    /// The steps this user may take now.
    pub allowed_steps: Vec<StepKind>,
}

/// Proposals in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ProposalList {
    /// Newest first.
    pub proposals: Vec<ProposalView>,
}

/// The verifiers' visits in scope, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct VisitList {
    /// The visits.
    pub visits: Vec<tepat_domain::visit::Visit>,
}

/// Body of a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct TakeStep {
    /// The step.
    pub step: tepat_domain::workflow::Step,
    /// The device it is taken on, when known.
    pub device: Option<String>,
}

/// One window today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WindowView {
    /// Which window.
    pub kind: WindowKind,
    /// Open or not, until or from when.
    pub status: WindowStatus,
    /// The rule in Indonesian words.
    pub rule: String,
}

/// The windows of the kabupaten today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct WindowsView {
    /// The kabupaten's time zone.
    pub zone: Zone,
    /// Today, locally.
    pub today: jiff::civil::Date,
    /// Each window.
    pub windows: Vec<WindowView>,
}

/// A programme's quota as the Dinas enters it: the kabupaten's places and each desa's poor
/// population (BPS figures); the shares follow by proportion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuotaSettings {
    /// Places for the kabupaten.
    pub kabupaten_quota: u32,
    /// Poor population per desa.
    pub poor_by_desa: Vec<(RegionCode, u32)>,
}

/// One desa's standing in a programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct DesaQuotaView {
    /// The desa.
    pub desa: RegionRef,
    /// Its places.
    pub share: u32,
    /// Places taken.
    pub placed: u32,
    /// Proposals waiting.
    pub waiting: u32,
}

/// A programme's quota across the desa in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QuotaView {
    /// The programme (PKH or BPNT).
    pub programme: ProposalKind,
    /// The kabupaten's places.
    pub kabupaten_quota: u32,
    /// Per desa with a share or a proposal.
    pub desa: Vec<DesaQuotaView>,
}

/// A family's score under one scheme version, with its place in the kabupaten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct RankedScore {
    /// The score and its breakdown.
    pub result: tepat_domain::scoring::ScoreResult,
    /// 1 = poorest in the kabupaten, at the last ranking under this version.
    pub rank: Option<u32>,
    /// 1..=10, 1 = the poorest tenth.
    pub local_decile: Option<u8>,
    /// How many families were ranked.
    pub ranked_among: u32,
}

/// A family's score now and under earlier scheme versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct ScoreView {
    /// Under the scheme in force, from the family's answers as they are now.
    pub current: RankedScore,
    /// Results kept from earlier scheme versions, oldest first.
    pub earlier: Vec<RankedScore>,
}

/// What saving a scoring scheme did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct SchemeSaved {
    /// The version now in force.
    pub version: u32,
    /// Families scored and ranked under it.
    pub families_rescored: u32,
}

/// How far a photo upload has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct UploadStatus {
    /// Bytes received so far: the next chunk starts here.
    pub received: u64,
    /// The photo is whole, verified (SHA-256, size, JPEG) and visible.
    pub complete: bool,
}

/// One proposal waiting in a user's approval queue (`GET queue`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueItem {
    /// The proposal.
    pub proposal: uuid::Uuid,
    /// Its family.
    pub family: FamilyId,
    /// The head of family.
    pub head_name: String,
    /// The family's desa.
    pub desa: RegionRef,
    /// What is proposed.
    pub kind: ProposalKind,
    /// Where it stands.
    pub state: ProposalState,
    /// The step the user's role takes next (Setujui, Verifikasi, …).
    pub step: StepKind,
    /// The family's score (higher = poorer).
    pub score: i64,
    /// Its local decile (1 = poorest tenth), when ranked.
    pub decile: Option<u8>,
    /// When it reached its current state.
    pub since: jiff::Timestamp,
    /// Whole days it has waited, in the kabupaten's calendar.
    pub waiting_days: u32,
    /// The step's window today: `Always` when the step has none, `Closed { opens_on }` when the
    /// step would be refused now.
    pub window: WindowStatus,
}

/// A proposal on a desa's waiting list (daftar tunggu).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueWaiting {
    /// The proposal.
    pub proposal: uuid::Uuid,
    /// Its family.
    pub family: FamilyId,
    /// The head of family.
    pub head_name: String,
    /// The score that ranks it (higher = poorer = first).
    pub score: i64,
}

/// One desa's quota in one programme, as the queue shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueQuota {
    /// The programme (PKH or BPNT).
    pub programme: ProposalKind,
    /// The desa.
    pub desa: RegionRef,
    /// Its places.
    pub share: u32,
    /// Places taken.
    pub placed: u32,
    /// The waiting list in rank order (the first moves up when a place frees).
    pub waiting: Vec<QueueWaiting>,
}

/// What waits for the user: the queue oldest first, and the quota of the desa in scope.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct QueueView {
    /// Today in the kabupaten.
    pub today: jiff::civil::Date,
    /// The proposals waiting for the user's role, oldest first.
    pub items: Vec<QueueItem>,
    /// Per programme and desa (PKH first), desa by code.
    pub quota: Vec<QueueQuota>,
}

/// Body of `POST queue/steps`: one step taken on several proposals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkStep {
    /// The proposals, in the order to take them.
    pub proposals: Vec<uuid::Uuid>,
    /// The step: Approve, Verify, SignOff or Ratify (a return needs its own reason).
    pub step: tepat_domain::workflow::Step,
    /// The device it is taken on, when known.
    pub device: Option<String>,
}

/// What became of one proposal of a bulk step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum BulkOutcome {
    /// Taken: the proposal's new state.
    Done(ProposalState),
    /// Refused, with the reason in Indonesian; the proposal is unchanged.
    Refused(String),
}

/// The answer of a bulk step: one outcome per proposal, in the order asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct BulkStepResult {
    /// `(proposal, outcome)`.
    pub outcomes: Vec<(uuid::Uuid, BulkOutcome)>,
}

/// The short code of a proposal kind in a query (`?kind=`): `baru`, `perbaikan`, `penonaktifan`
/// (every reason), `pkh`, `bpnt`, `pbijk`.
pub fn kind_code(kind: ProposalKind) -> &'static str {
    match kind {
        ProposalKind::NewFamily => "baru",
        ProposalKind::Correction => "perbaikan",
        ProposalKind::Deactivation(_) => "penonaktifan",
        ProposalKind::BansosPkh => "pkh",
        ProposalKind::BansosBpnt => "bpnt",
        ProposalKind::PbiJk => "pbijk",
    }
}

/// Every kind code, in the order a filter offers them.
pub const KIND_CODES: [&str; 6] = ["baru", "perbaikan", "penonaktifan", "pkh", "bpnt", "pbijk"];
