//! Golden bytes: every message of protocol v1 is encoded from a fixed sample and compared with
//! the bytes checked in under `tests/golden/v1/`, and those bytes are decoded back. A change to
//! a message's shape fails here; old versions' fixtures stay and must keep decoding (or be
//! refused with a clear message). Regenerate new fixtures only with `TEPAT_BLESS=1`.

use serde::{Serialize, de::DeserializeOwned};
use std::fmt::Debug;
use std::path::PathBuf;
use tepat_domain::family::Address;
use tepat_domain::{FamilyId, HouseLocation, LocationSource, RegionCode, Relation, Role, Sex};
use tepat_protocol::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/v1")
        .join(format!("{name}.hex"))
}

fn check<T: Serialize + DeserializeOwned + PartialEq + Debug>(name: &str, sample: T) {
    let bytes = encode(&sample);
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let path = fixture(name);
    if std::env::var_os("TEPAT_BLESS").is_some() && !path.exists() {
        std::fs::write(&path, format!("{hex}\n")).unwrap();
    }
    let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing fixture {}: run with TEPAT_BLESS=1 once",
            path.display()
        )
    });
    let stored = stored.trim();
    assert_eq!(
        hex, stored,
        "{name}: encoding changed; wire types are append-only"
    );
    let stored_bytes: Vec<u8> = (0..stored.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&stored[i..i + 2], 16).unwrap())
        .collect();
    assert_eq!(
        decode::<T>(&stored_bytes).unwrap(),
        sample,
        "{name}: stored bytes decode"
    );
}

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

fn region(c: &str, name: &str) -> RegionRef {
    RegionRef {
        code: code(c),
        name: name.into(),
        level: code(c).level(),
    }
}

fn summary() -> FamilySummary {
    FamilySummary {
        id: FamilyId(uuid::Uuid::from_u128(
            0x0193_0000_0000_7000_8000_0000_0000_0001,
        )),
        kk_masked: "352615••••••••07".into(),
        head_name: "Abdul Hamid".into(),
        member_count: 4,
        desa: code("35.26.15.2012"),
        dusun: "Dusun Barat".into(),
        rt: "001".into(),
        rw: "002".into(),
        location: Some(HouseLocation {
            lat: -7.102,
            lon: 113.142,
            accuracy_m: Some(5.0),
            source: LocationSource::Gps,
        }),
        demo: true,
        nik_ganda: false,
        status: Some(tepat_domain::workflow::StatusCategory::WaitingForMusdes),
        local_decile: Some(2),
    }
}

#[test]
fn every_v1_message_matches_its_golden_bytes() {
    check(
        "instance_config",
        InstanceConfig {
            kabupaten: region("35.26", "Kabupaten Bangkalan"),
            tile_url: Some("https://tile.openstreetmap.org/{z}/{x}/{y}.png".into()),
            tile_attribution: "© kontributor OpenStreetMap".into(),
            demo: true,
            protocol_version: 1,
            offline_days: 7,
            sync_interval_secs: 60,
            gps_max_accuracy_m: 30,
        },
    );
    check(
        "login_request",
        LoginRequest {
            username: "op.lombangdajah".into(),
            password: "tepat-demo".into(),
        },
    );
    check(
        "session_info",
        SessionInfo {
            username: "op.lombangdajah".into(),
            display_name: "Operator Desa Lombang Dajah".into(),
            role: Role::OperatorDesa,
            region: region("35.26.15.2012", "Lombang Dajah"),
            region_path: vec![
                region("35", "Jawa Timur"),
                region("35.26", "Kabupaten Bangkalan"),
            ],
        },
    );
    check(
        "region_list",
        RegionList {
            regions: vec![region("35.26.15", "Blega")],
        },
    );
    check(
        "family_list",
        FamilyList {
            region: region("35.26.15.2012", "Lombang Dajah"),
            families: vec![summary()],
        },
    );
    check(
        "family_detail",
        FamilyDetail {
            summary: summary(),
            kk: "3526150101210007".into(),
            street: "Jl. Desa No. 5".into(),
            members: vec![MemberView {
                nik: "3526152311850001".into(),
                name: "Abdul Hamid".into(),
                sex: Sex::Male,
                birth_place: "Bangkalan".into(),
                birth_date: jiff::civil::date(1985, 11, 23),
                relation: Relation::KepalaKeluarga,
                status: tepat_domain::MemberStatus::Active,
            }],
            record: None,
            photos: tepat_domain::family::HousePhotos {
                front: Some(tepat_domain::family::PhotoRef([7; 32])),
                inside: None,
            },
        },
    );
    check(
        "user_list",
        UserList {
            users: vec![UserView {
                username: "admin".into(),
                display_name: "Admin Tepat".into(),
                role: Role::Admin,
                region: region("35.26", "Kabupaten Bangkalan"),
            }],
        },
    );
    let mut head = tepat_domain::Member::new(
        tepat_domain::Nik::parse("3526152311850001").unwrap(),
        "Abdul Hamid",
        Sex::Male,
        "Bangkalan",
        jiff::civil::date(1985, 11, 23),
        Relation::KepalaKeluarga,
    );
    head.mother_name = "Siti Maimunah".into();
    head.work = tepat_domain::codes::WorkCode::from_code(9);
    check(
        "family",
        tepat_domain::Family {
            id: summary().id,
            kk: tepat_domain::Kk::parse("3526150101210007").unwrap(),
            desa: code("35.26.15.2012"),
            address: Address {
                street: "Jl. Desa No. 5".into(),
                dusun: "Dusun Barat".into(),
                rw: "002".into(),
                rt: "001".into(),
            },
            location: summary().location,
            members: vec![head],
            demo: false,
            photos: Default::default(),
            events: vec![],
            instrument: Default::default(),
        },
    );
    check(
        "save_family_result",
        SaveFamilyResult {
            findings: vec![tepat_domain::checks::Finding {
                severity: tepat_domain::checks::Severity::Warning,
                member: Some(0),
                field: tepat_domain::checks::Field::BirthDate,
                message: "Tanggal lahir dalam NIK berbeda.".into(),
            }],
            nik_clashes: vec![NikClashView {
                nik_masked: "352615••••••••01".into(),
                member_name: "Abdul Hamid".into(),
                other_desa: region("35.26.15.2004", "Alas Rajah"),
            }],
            likely_duplicates: vec![LikelyDuplicateView {
                member_name: "Abdul Hamid".into(),
                other_desa: region("35.26.15.2004", "Alas Rajah"),
            }],
        },
    );
    check(
        "notification_list",
        NotificationList {
            notifications: vec![NotificationView {
                at: "2026-11-23T02:00:00Z".parse().unwrap(),
                desa: region("35.26.15.2012", "Lombang Dajah"),
                family: Some(summary().id),
                message: "NIK ganda".into(),
            }],
        },
    );
    check(
        "audit_page",
        AuditPage {
            lines: vec![AuditLine {
                seq: 12,
                at: "2026-11-23T02:00:00Z".parse().unwrap(),
                actor: "kec.blega".into(),
                role: Some(Role::PengelolaKecamatan),
                device: Some("tablet 0193".into()),
                action: AuditAction::ProposalStep,
                detail: "usulan PKH: Kembalikan (Foto rumah belum ada)".into(),
                family: Some(summary().id),
                proposal: Some(uuid::Uuid::from_u128(2)),
                before: Some("Pemeriksaan kecamatan".into()),
                after: Some("Dikembalikan".into()),
            }],
            older: Some(11),
        },
    );
    use tepat_domain::windows::{WindowKind, WindowStatus, Zone};
    use tepat_domain::workflow::{ProposalKind, ProposalState, Step, StepKind, StepRecord};
    let proposal = ProposalView {
        id: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0002),
        family: summary().id,
        head_name: "Abdul Hamid".into(),
        desa: region("35.26.15.2012", "Lombang Dajah"),
        kind: ProposalKind::BansosPkh,
        state: ProposalState::WaitingList,
        score: 87,
        waiting_position: Some(2),
        steps: vec![StepRecord {
            step: Step::Return {
                reason: "Foto rumah belum ada".into(),
            },
            by: "kec.blega".into(),
            role: Some(Role::PengelolaKecamatan),
            at: "2026-11-23T02:00:00Z".parse().unwrap(),
            device: Some("tablet-1".into()),
            from: ProposalState::KecamatanCheck,
            to: ProposalState::Returned,
        }],
        allowed_steps: vec![StepKind::Revise, StepKind::Withdraw],
    };
    check(
        "new_proposal",
        NewProposal {
            family: summary().id,
            kind: ProposalKind::BansosPkh,
        },
    );
    check("proposal_view", proposal.clone());
    check(
        "proposal_list",
        ProposalList {
            proposals: vec![proposal],
        },
    );
    check(
        "take_step",
        TakeStep {
            step: Step::RecordMusdesDecision { accepted: true },
            device: None,
        },
    );
    check(
        "windows_view",
        WindowsView {
            zone: Zone::Wib,
            today: jiff::civil::date(2026, 11, 10),
            windows: vec![WindowView {
                kind: WindowKind::BansosProposal,
                status: WindowStatus::Closed {
                    opens_on: jiff::civil::date(2026, 11, 15),
                },
                rule: "tanggal 15 sampai H-6 akhir bulan".into(),
            }],
        },
    );
    check(
        "quota_settings",
        QuotaSettings {
            kabupaten_quota: 120,
            poor_by_desa: vec![(code("35.26.15.2012"), 340)],
        },
    );
    check(
        "quota_view",
        QuotaView {
            programme: ProposalKind::BansosPkh,
            kabupaten_quota: 120,
            desa: vec![DesaQuotaView {
                desa: region("35.26.15.2012", "Lombang Dajah"),
                share: 12,
                placed: 12,
                waiting: 3,
            }],
        },
    );
    let instrument = tepat_domain::instrument::Instrument {
        floor: Some(tepat_domain::instrument::Floor::Earth),
        spending: Some(tepat_domain::instrument::Spending {
            total: 1_000_000,
            food: 700_000,
        }),
        ..Default::default()
    };
    let scheme = tepat_domain::scoring::ScoringScheme::default_v1();
    let ranked = RankedScore {
        result: scheme.score(&instrument, 4, Some(false)),
        rank: Some(7),
        local_decile: Some(1),
        ranked_among: 500,
    };
    check("scoring_scheme", scheme);
    check(
        "score_view",
        ScoreView {
            current: ranked.clone(),
            earlier: vec![ranked],
        },
    );
    check(
        "scheme_saved",
        SchemeSaved {
            version: 2,
            families_rescored: 500,
        },
    );
    check(
        "window_policy",
        tepat_domain::windows::WindowPolicy::bangkalan_2024(),
    );
    let device = tepat_sync::DeviceId(uuid::Uuid::from_u128(
        0x0193_0000_0000_7000_8000_0000_0000_00d1,
    ));
    let stamp = tepat_sync::Hlc {
        wall_ms: 1_795_400_000_000,
        counter: 2,
        device,
    };
    let change = tepat_sync::Change {
        id: tepat_sync::ChangeId(uuid::Uuid::from_u128(
            0x0193_0000_0000_7000_8000_0000_0000_0c01,
        )),
        device,
        user: "op.lombangdajah".into(),
        stamp,
        record: summary().id.0,
        writes: vec![tepat_sync::FieldWrite {
            path: tepat_sync::FieldPath::new("address"),
            value: vec![3, 1, 2, 3],
            base: None,
        }],
    };
    check(
        "push_request",
        sync::PushRequest {
            changes: vec![change.clone()],
        },
    );
    check(
        "push_response",
        sync::PushResponse {
            acks: vec![
                sync::Ack {
                    change: change.id,
                    outcome: sync::AckOutcome::Accepted { seq: 41 },
                },
                sync::Ack {
                    change: change.id,
                    outcome: sync::AckOutcome::Duplicate { seq: 41 },
                },
                sync::Ack {
                    change: change.id,
                    outcome: sync::AckOutcome::Refused {
                        reason: "Di luar wilayah kerja Anda.".into(),
                    },
                },
            ],
        },
    );
    check(
        "pull_response",
        sync::PullResponse {
            changes: vec![sync::PulledChange { seq: 41, change }],
            cursor: 41,
            more: true,
            remaining: 2_959,
        },
    );
    check(
        "proposal_command_create",
        sync::ProposalCommand::Create(NewProposal {
            family: summary().id,
            kind: tepat_domain::workflow::ProposalKind::BansosPkh,
        }),
    );
    check(
        "proposal_command_step",
        sync::ProposalCommand::Step(tepat_domain::workflow::Step::Return {
            reason: "Foto rumah belum ada.".into(),
        }),
    );
    let visit = tepat_domain::visit::NewVisit {
        family: summary().id,
        checks: vec![
            (
                tepat_domain::visit::VisitItem::Members,
                tepat_domain::visit::Verdict::Confirmed,
            ),
            (
                tepat_domain::visit::VisitItem::Pin,
                tepat_domain::visit::Verdict::Disputed("Rumah di seberang jalan.".into()),
            ),
        ],
        note: "Dikunjungi bersama kepala dusun.".into(),
        photo: Some(tepat_domain::family::PhotoRef([9; 32])),
    };
    check(
        "visit_command_record",
        sync::VisitCommand::Record(visit.clone()),
    );
    check(
        "visit_command_answer",
        sync::VisitCommand::Answer("Titik rumah sudah dipindah.".into()),
    );
    check(
        "visit_list",
        VisitList {
            visits: vec![tepat_domain::visit::Visit {
                id: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0009),
                desa: code("35.26.15.2012"),
                by: "tksk.blega".into(),
                at: "2026-11-23T03:00:00Z".parse().unwrap(),
                visit,
                resolution: Some(tepat_domain::visit::Resolution {
                    by: "op.lombangdajah".into(),
                    at: "2026-11-24T02:00:00Z".parse().unwrap(),
                    note: "Titik rumah sudah dipindah.".into(),
                }),
            }],
        },
    );
    let schedule = tepat_domain::meeting::MusdesSchedule {
        date: jiff::civil::date(2026, 11, 25),
        time: jiff::civil::time(9, 30, 0, 0),
        place: "Balai Desa Lombang Dajah".into(),
        chair: "H. Ahmad (Ketua BPD)".into(),
    };
    check(
        "new_musdes",
        musdes::NewMusdes {
            id: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000a),
            schedule: schedule.clone(),
        },
    );
    check(
        "musdes_action_decide",
        musdes::MusdesAction::Decide {
            proposal: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000b),
            decision: tepat_domain::meeting::Decision {
                accepted: false,
                note: "Sudah menerima bantuan lain".into(),
            },
        },
    );
    check(
        "musdes_action_attach",
        musdes::MusdesAction::Attach {
            document: tepat_domain::musdes::MusdesDocument::DaftarHadir,
            file: "ab".repeat(32),
            name: "daftar-hadir.jpg".into(),
        },
    );
    check(
        "musdes_view",
        musdes::MusdesView {
            id: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000a),
            desa: region("35.26.15.2012", "Lombang Dajah"),
            kecamatan: Some(region("35.26.15", "Blega")),
            schedule: schedule.clone(),
            agenda: vec![musdes::AgendaView {
                proposal: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000b),
                family: summary().id,
                head_name: "Siti Aminah".into(),
                nik_masked: "352615••••••••01".into(),
                address: "Dusun Krajan, RT 001/RW 002".into(),
                kind: tepat_domain::workflow::ProposalKind::NewFamily,
                state: tepat_domain::workflow::ProposalState::AwaitingMusdes,
                score: 41,
                decision: Some(tepat_domain::meeting::Decision {
                    accepted: true,
                    note: String::new(),
                }),
            }],
            evidence: vec![tepat_domain::meeting::Evidence {
                document: tepat_domain::musdes::MusdesDocument::BeritaAcara,
                file: [7; 32],
                name: "berita-acara.pdf".into(),
                media: tepat_domain::meeting::EvidenceMedia::Pdf,
                bytes: 120_000,
                by: "op.lombangdajah".into(),
                at: "2026-11-25T05:00:00Z".parse().unwrap(),
            }],
            missing: vec![tepat_domain::musdes::MusdesDocument::FotoRapat],
            created_by: "op.lombangdajah".into(),
            closed: None,
            editable: true,
            outcome: vec!["Siti Aminah: dikirim ke kecamatan.".into()],
        },
    );
    check(
        "musdes_list",
        musdes::MusdesList {
            meetings: vec![musdes::MusdesSummary {
                id: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000a),
                desa: region("35.26.15.2012", "Lombang Dajah"),
                schedule,
                agenda: 3,
                decided: 2,
                missing: 1,
                closed: Some(tepat_domain::meeting::Closing {
                    at: "2026-11-25T06:00:00Z".parse().unwrap(),
                    by: "op.lombangdajah".into(),
                }),
            }],
            desa: vec![musdes::DesaMusdes {
                desa: region("35.26.15.2004", "Alas Rajah"),
                last_held: Some(jiff::civil::date(2026, 7, 1)),
                next: None,
                overdue: Some("terlambat sejak 2 Okt 2026 (musdes terakhir 1 Jul 2026)".into()),
                waiting: 4,
            }],
        },
    );
    check(
        "proposal_musdes",
        musdes::ProposalMusdes {
            musdes: uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_000a),
            schedule: tepat_domain::meeting::MusdesSchedule {
                date: jiff::civil::date(2026, 11, 25),
                time: jiff::civil::time(9, 30, 0, 0),
                place: "Balai Desa".into(),
                chair: "Ketua BPD".into(),
            },
            decision: Some(tepat_domain::meeting::Decision {
                accepted: true,
                note: String::new(),
            }),
            evidence: Vec::new(),
            closed: None,
        },
    );
    check(
        "upload_status",
        UploadStatus {
            received: 300_000,
            complete: false,
        },
    );
    check(
        "national_batch",
        NationalBatch {
            as_of: "2026-11-29T03:00:00Z".parse().unwrap(),
            proposals: vec![uuid::Uuid::from_u128(
                0x0192_f000_0000_7000_8000_0000_0000_0001,
            )],
            desa: vec![BatchDesa {
                desa: region("35.26.15.2012", "Lombang Dajah"),
                proposals: 1,
                members: 4,
            }],
            rows: 4,
        },
    );
    check(
        "mark_sent",
        MarkSent {
            proposals: vec![uuid::Uuid::from_u128(
                0x0192_f000_0000_7000_8000_0000_0000_0001,
            )],
        },
    );
    check("marked_sent", MarkedSent { sent: 1 });
    check(
        "national_result_report",
        NationalResultReport {
            applied: false,
            accepted: 0,
            rejected: 0,
            already: 0,
            pending: 1,
            problems: vec![ResultProblem {
                row: 3,
                reason: "HASIL \"lulus\" tidak dikenal: tulis DITERIMA atau DITOLAK.".into(),
            }],
        },
    );
    check(
        "api_error",
        ApiError {
            code: ErrorCode::OutOfScope,
            message: "Desa Alas Rajah berada di luar wilayah kerja Anda.".into(),
        },
    );
    let proposal = uuid::Uuid::from_u128(0x0193_5a2b_0000_7000_8000_0000_0000_0001);
    let family = FamilyId(uuid::Uuid::from_u128(7));
    check(
        "queue_view",
        QueueView {
            today: jiff::civil::date(2026, 11, 23),
            items: vec![QueueItem {
                proposal,
                family,
                head_name: "Sahrul".into(),
                desa: region("35.26.15.2012", "Lombang Dajah"),
                kind: ProposalKind::BansosPkh,
                state: ProposalState::DinasVerification,
                step: StepKind::Verify,
                score: 42,
                decile: Some(1),
                since: "2026-11-20T03:00:00Z".parse().unwrap(),
                waiting_days: 3,
                window: WindowStatus::Closed {
                    opens_on: jiff::civil::date(2026, 12, 1),
                },
            }],
            quota: vec![QueueQuota {
                programme: ProposalKind::BansosPkh,
                desa: region("35.26.15.2012", "Lombang Dajah"),
                share: 1,
                placed: 1,
                waiting: vec![QueueWaiting {
                    proposal,
                    family,
                    head_name: "Sahrul".into(),
                    score: 42,
                }],
            }],
        },
    );
    check(
        "bulk_step",
        BulkStep {
            proposals: vec![proposal],
            step: tepat_domain::workflow::Step::Approve,
            device: Some("tablet-kec".into()),
        },
    );
    check(
        "bulk_step_result",
        BulkStepResult {
            outcomes: vec![
                (
                    proposal,
                    BulkOutcome::Done(ProposalState::DinasVerification),
                ),
                (
                    proposal,
                    BulkOutcome::Refused("Usulan tidak ditemukan.".into()),
                ),
            ],
        },
    );
    spread_messages(family);
}

fn spread_messages(family: FamilyId) {
    use tepat_protocol::spread::*;
    let at: jiff::Timestamp = "2026-11-23T03:00:00Z".parse().unwrap();
    let bounds = Bounds {
        south: -7.1,
        west: 112.9,
        north: -7.0,
        east: 113.0,
    };
    check(
        "spread_clusters",
        SpreadClusters {
            zoom: 12,
            colour: ColourBy::Decile,
            clusters: vec![SpreadCluster {
                lat: -7.05,
                lon: 112.95,
                count: 1,
                bounds,
                parts: vec![0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                family: Some(family),
            }],
            regions: vec![RegionMarker {
                code: "35.26.15.2012".into(),
                name: "Lombang Dajah".into(),
                lat: -7.05,
                lon: 112.95,
                bounds,
                families: 20,
                extreme: 3,
                loci: true,
            }],
            in_view: 1,
            matching: 20,
            unpinned: 2,
            as_of: at,
            scope: Some(bounds),
        },
    );
    let row = RegionRow {
        code: "35.26.15".into(),
        name: "Blega".into(),
        kecamatan: None,
        loci: true,
        families: 100,
        members: 380,
        pinned: 90,
        with_photo: 70,
        verified: 12,
        extreme: 9,
        receiving: 40,
        inclusion_errors: 3,
        exclusion_errors: 5,
        waiting: vec![
            Waiting {
                count: 2,
                oldest_days: 40,
            };
            6
        ],
        quota: QuotaUse {
            share: 10,
            used: 8,
            waiting_list: 1,
        },
        last_musdes: Some(jiff::civil::date(2026, 9, 1)),
        musdes_overdue: 1,
        recipients: 40,
        labelled: 25,
        sanggah_open: 2,
        sanggah_total: 5,
        usul_open: 1,
        usul_total: 3,
    };
    check(
        "region_table",
        RegionTable {
            level: TableLevel::Kecamatan,
            rows: vec![row.clone()],
            total: row,
            progress: vec![MonthProgress {
                month: "2026-11".into(),
                proposed: 4,
                finalised: 1,
                visits: 7,
            }],
            as_of: at,
        },
    );
    check(
        "spread_family_page",
        SpreadFamilyPage {
            lines: vec![SpreadFamilyLine {
                id: family,
                head_name: "Moh. Hasan".into(),
                head_nik: Some("352615••••••••01".into()),
                desa: "35.26.15.2012".into(),
                desa_name: "Lombang Dajah".into(),
                dusun: "Dajah".into(),
                rt: "001".into(),
                rw: "002".into(),
                members: 4,
                decile: Some(9),
                extreme: Some(false),
                programmes: vec!["pkh".into()],
                status: "none".into(),
                error: Some(TargetingError::Inclusion),
            }],
            page: 0,
            page_size: FAMILY_PAGE_SIZE,
            total: 1,
            nik_masked: true,
            as_of: at,
        },
    );
}

#[test]
fn every_fixture_on_disk_is_checked() {
    if std::env::var_os("TEPAT_BLESS").is_some() {
        // Blessing writes fixtures while this test counts them; count on the next plain run.
        return;
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/v1");
    let count = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(
        count, 58,
        "a fixture without a check, or a check without a fixture"
    );
}

#[test]
fn import_messages() {
    check(
        "import_request",
        ImportRequest {
            kind: ImportKind::DesaList,
            file: "ab".repeat(32),
            file_name: "loci.csv".into(),
            choices: vec![NameChoice {
                asked: "Banyoning Laok (Kec. Geger)".into(),
                chosen: code("35.26.06.2002"),
            }],
        },
    );
    check(
        "import_progress",
        ImportProgress {
            phase: ImportPhase::Checking,
            done: 1200,
            total: 10000,
        },
    );
    check(
        "import_report",
        ImportReport {
            kind: ImportKind::Families,
            file: "cd".repeat(32),
            rows: 3,
            families: 1,
            members: 2,
            lines: vec![ImportLine {
                desa: region("35.26.06.2002", "Banyoneng Laok"),
                count: 1,
            }],
            known: vec![KnownKk {
                row: 4,
                kk_masked: "352615••••••••07".into(),
                desa: region("35.26.15.2012", "Lombang Dajah"),
            }],
            problems: vec![ImportProblem {
                row: 5,
                column: "NIK".into(),
                message: "NIK harus 16 angka (tertulis 11 karakter).".into(),
            }],
            problems_total: 1,
            questions: vec![NameQuestion {
                asked: "BANYONING LAOK (Kec. GEGER)".into(),
                row: 2,
                uses: 2,
                likely: Some(code("35.26.06.2002")),
                candidates: vec![Candidate {
                    desa: region("35.26.06.2002", "Banyoneng Laok"),
                    kecamatan: "Geger".into(),
                }],
            }],
            ready: false,
            applied: Some(ImportResult {
                at: "2026-11-23T03:00:00Z".parse().unwrap(),
                by: "dinsos".into(),
                families: 1,
                members: 2,
                known: 1,
                desa: 1,
                repeated: true,
            }),
        },
    );
}

#[test]
fn labels() {
    use tepat_protocol::labels::{LabelCommand, LabelList, label_command};
    let on = jiff::civil::date(2026, 11, 20);
    let command = LabelCommand::Record { on, photo: [7; 32] };
    check("label_command", command.clone());
    assert_eq!(label_command(&command).path.0, "!label");
    check(
        "label_list",
        LabelList {
            labellings: vec![tepat_domain::cases::Labelling {
                family: FamilyId(uuid::Uuid::from_u128(9)),
                desa: code("35.26.15.2012"),
                on,
                photo: [7; 32],
                by: "op.lombangdajah".into(),
                recorded_at: "2026-11-20T03:00:00Z".parse().unwrap(),
            }],
        },
    );
}

#[test]
fn case_messages() {
    use tepat_domain::cases::{
        CaseCode, CaseDecision, CaseKind, CaseState, CaseSubject, CaseVisit, ObjectionReason,
        Outcome, Sanggah,
    };
    use tepat_domain::workflow::{DeactivationReason, ProposalKind, ProposalState};
    use tepat_protocol::cases::{
        CandidateFamily, CaseAction, CaseLine, CaseList, CaseProposal, CaseView,
    };
    let at: jiff::Timestamp = "2026-11-23T02:00:00Z".parse().unwrap();
    let id = uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0c01);
    let family = FamilyId(uuid::Uuid::from_u128(
        0x0193_0000_0000_7000_8000_0000_0000_0f01,
    ));
    let proposal = uuid::Uuid::from_u128(0x0193_0000_0000_7000_8000_0000_0000_0a01);
    let line = CaseLine {
        id,
        code: CaseCode::from_random(CaseKind::Sanggah, [11, 42, 7, 99, 3, 18, 27, 5]),
        kind: CaseKind::Sanggah,
        desa: code("35.26.15.2012"),
        desa_name: "Lombang Dajah".into(),
        filed_at: at,
        state: CaseState::Decided,
        named: "Matrawi".into(),
        dusun: "Dusun Timur".into(),
        reason: Some(ObjectionReason::OwnsCar),
        matches: 1,
        maybe_duplicate: false,
        has_photo: false,
        outcome: Some(Outcome::Confirmed),
    };
    let candidate = CandidateFamily {
        id: family,
        head_name: "Matrawi".into(),
        dusun: "Dusun Timur".into(),
        nik_masked: Some("352615••••••••01".into()),
        pkh: true,
        bpnt: false,
        decile: Some(2),
        proposals: vec![CaseProposal {
            id: proposal,
            kind: ProposalKind::Deactivation(DeactivationReason::NotEligible),
            state: ProposalState::Draft,
        }],
    };
    check(
        "case_list",
        CaseList {
            cases: vec![line.clone()],
            new: 2,
            visited: 1,
            decided: 1,
        },
    );
    check(
        "case_view",
        CaseView {
            line,
            subject: CaseSubject::Sanggah(Sanggah {
                named: "Matrawi".into(),
                dusun: "Dusun Timur".into(),
                reason: ObjectionReason::OwnsCar,
                detail: "Punya mobil pikap untuk berjualan.".into(),
            }),
            nik_masked: None,
            phone: Some("081234507100".into()),
            candidates: vec![candidate.clone()],
            family: Some(candidate),
            visit: Some(CaseVisit {
                on: jiff::civil::date(2026, 11, 22),
                by: "op.lombangdajah".into(),
                note: "Ada mobil pikap di halaman.".into(),
                photo: Some([7; 32]),
                recorded_at: at,
            }),
            decision: Some(CaseDecision {
                outcome: Outcome::Confirmed,
                note: "Mobil milik kepala keluarga.".into(),
                evidence: Some([8; 32]),
                proposal: Some(proposal),
                by: "op.lombangdajah".into(),
                at,
            }),
            may_visit: false,
            may_decide: false,
        },
    );
    check(
        "case_action_visit",
        CaseAction::Visit {
            on: jiff::civil::date(2026, 11, 22),
            note: "Ada mobil pikap di halaman.".into(),
            photo: Some([7; 32]),
        },
    );
    check(
        "case_action_link",
        CaseAction::Link {
            family: Some(family),
        },
    );
    check(
        "case_action_decide",
        CaseAction::Decide {
            outcome: Outcome::NotConfirmed,
            note: "Mobil milik anak di Surabaya.".into(),
            evidence: None,
            proposal: None,
        },
    );
}
