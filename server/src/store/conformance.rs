//! The behaviour every [`Store`] must have, run against each implementation.

#![cfg(test)]

use super::{
    AuditAction, AuditEntry, Notification, NotificationKind, ProposalRecord, SessionRecord, Store,
    UserRecord,
};
use tepat_domain::family::Address;
use tepat_domain::{
    Family, FamilyId, Kk, Member, Nik, RegionCode, RegionLevel, Relation, Role, Sex,
};
use tepat_protocol::RegionRef;

fn code(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

fn region(c: &str, name: &str) -> RegionRef {
    let code = code(c);
    RegionRef {
        level: code.level(),
        code,
        name: name.into(),
    }
}

fn family(desa: &str, n: u128) -> Family {
    Family {
        id: FamilyId(uuid::Uuid::from_u128(n)),
        kk: Kk::parse("3526150101210007").unwrap(),
        desa: code(desa),
        address: Address::default(),
        location: None,
        members: vec![],
        demo: false,
        photos: Default::default(),
        events: vec![],
        instrument: Default::default(),
    }
}

/// Runs the suite. `open` gives a store; when `persistent`, a second `open` must see what the
/// first wrote (the first is dropped before).
pub(crate) fn run_conformance<S: Store>(open: &dyn Fn() -> S, persistent: bool) {
    {
        let store = open();
        // Meta.
        assert_eq!(store.meta("kabupaten").unwrap(), None);
        store.set_meta("kabupaten", "35.26").unwrap();
        assert_eq!(store.meta("kabupaten").unwrap().as_deref(), Some("35.26"));

        // Regions: children are direct children only, in code order.
        store
            .put_regions(&[
                region("35.26", "Kabupaten Bangkalan"),
                region("35.26.15", "Blega"),
                region("35.26.15.2012", "Lombang Dajah"),
                region("35.26.15.2004", "Alas Rajah"),
                region("35.26.16", "Modung"),
            ])
            .unwrap();
        let kec: Vec<_> = store.region_children(&code("35.26")).unwrap();
        assert_eq!(
            kec.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
            ["35.26.15", "35.26.16"]
        );
        let desa = store.region_children(&code("35.26.15")).unwrap();
        assert_eq!(desa.len(), 2);
        assert_eq!(desa[0].name, "Alas Rajah");
        assert_eq!(
            store.region(&code("35.26.15.2012")).unwrap().unwrap().level,
            RegionLevel::Desa
        );
        assert_eq!(store.region(&code("35.26.99")).unwrap(), None);

        // Users.
        let user = UserRecord {
            username: "op.lombangdajah".into(),
            display_name: "Operator".into(),
            role: Role::OperatorDesa,
            region: code("35.26.15.2012"),
            password_hash: "$argon2id$...".into(),
            disabled: false,
        };
        store.put_user(&user).unwrap();
        assert_eq!(store.user("op.lombangdajah").unwrap(), Some(user.clone()));
        assert_eq!(store.user("nobody").unwrap(), None);
        assert_eq!(store.users().unwrap().len(), 1);

        // Sessions.
        let token = [7u8; 32];
        let session = SessionRecord {
            username: user.username.clone(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            expires_at: jiff::Timestamp::UNIX_EPOCH,
        };
        store.put_session(&token, &session).unwrap();
        assert_eq!(store.session(&token).unwrap(), Some(session.clone()));
        store.delete_session(&token).unwrap();
        // Expired sessions are purged; live ones stay.
        let live = SessionRecord {
            expires_at: jiff::Timestamp::from_second(1_000).unwrap(),
            ..session.clone()
        };
        store.put_session(&[1u8; 32], &session).unwrap();
        store.put_session(&[2u8; 32], &live).unwrap();
        assert_eq!(
            store
                .purge_expired_sessions(jiff::Timestamp::from_second(10).unwrap())
                .unwrap(),
            1
        );
        assert_eq!(store.session(&[2u8; 32]).unwrap(), Some(live.clone()));
        let other = SessionRecord {
            username: "lain".into(),
            ..live.clone()
        };
        store.put_session(&[3u8; 32], &other).unwrap();
        assert_eq!(store.delete_sessions_of(&session.username).unwrap(), 1);
        assert_eq!(store.session(&[2u8; 32]).unwrap(), None);
        assert_eq!(store.session(&[3u8; 32]).unwrap(), Some(other));
        store.delete_session(&[3u8; 32]).unwrap();
        assert_eq!(store.session(&token).unwrap(), None);

        // Families by region: desa, kecamatan and kabupaten scans; a neighbour with a longer
        // code prefix must not leak in.
        store
            .put_families(&[
                family("35.26.15.2012", 1),
                family("35.26.15.2012", 2),
                family("35.26.15.2004", 3),
                family("35.26.16.2003", 4),
            ])
            .unwrap();
        assert_eq!(store.families_in(&code("35.26.15.2012")).unwrap().len(), 2);
        assert_eq!(store.families_in(&code("35.26.15")).unwrap().len(), 3);
        assert_eq!(store.families_in(&code("35.26")).unwrap().len(), 4);
        assert_eq!(store.family_count().unwrap(), 4);

        // A family that moves desa is found in the new one only.
        let mut moved = family("35.26.16.2003", 1);
        moved.address.dusun = "Baru".into();
        store.put_families(&[moved.clone()]).unwrap();
        assert_eq!(store.families_in(&code("35.26.15.2012")).unwrap().len(), 1);
        assert_eq!(store.families_in(&code("35.26.16")).unwrap().len(), 2);
        assert_eq!(store.family(moved.id).unwrap(), Some(moved));
        assert_eq!(store.family_count().unwrap(), 4);

        // A scan visits every family once.
        let mut seen = Vec::new();
        store.scan_families(&mut |f| seen.push(f.id)).unwrap();
        seen.sort();
        assert_eq!(seen.len(), 4);
        seen.dedup();
        assert_eq!(seen.len(), 4);

        // Every family written is noted as touched for the spread index, once.
        let mut touched = store.touched().take();
        touched.sort();
        let ids: Vec<FamilyId> = (1..=4)
            .map(|n| FamilyId(uuid::Uuid::from_u128(n)))
            .collect();
        assert_eq!(touched, ids);
        assert!(store.touched().take().is_empty());

        // Audit, newest first.
        for (i, action) in [AuditAction::Login, AuditAction::Logout]
            .into_iter()
            .enumerate()
        {
            store
                .append_audit(&AuditEntry::new(
                    jiff::Timestamp::from_second(i as i64).unwrap(),
                    "op.lombangdajah",
                    action,
                    "",
                ))
                .unwrap();
        }
        // Families by NIK; the index follows member changes. Saving records notifications and
        // the audit entry with the family.
        let nik = Nik::parse("3526152311850001").unwrap();
        let mut with_member = family("35.26.15.2004", 3);
        with_member.members.push(Member::new(
            nik.clone(),
            "Abdul",
            Sex::Male,
            "Bangkalan",
            jiff::civil::date(1985, 11, 23),
            Relation::KepalaKeluarga,
        ));
        let note = |desa: &str, n: u128| Notification {
            at: jiff::Timestamp::UNIX_EPOCH,
            desa: code(desa),
            kind: NotificationKind::NikGanda {
                nik: nik.clone(),
                family: FamilyId(uuid::Uuid::from_u128(n)),
                other: FamilyId(uuid::Uuid::from_u128(9)),
            },
            message: format!("catatan {n}"),
        };
        let saved = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "op",
            AuditAction::FamilySaved,
            "",
        );
        // Saving a family is committing the change that made it.
        let made = |n: u128| super::AcceptedChange {
            change: tepat_sync::Change {
                id: tepat_sync::ChangeId(uuid::Uuid::from_u128(0xC0DE_0000 + n)),
                device: tepat_sync::DeviceId(uuid::Uuid::from_u128(9)),
                user: "op".into(),
                stamp: tepat_sync::Hlc {
                    wall_ms: n as u64,
                    counter: 0,
                    device: tepat_sync::DeviceId(uuid::Uuid::from_u128(9)),
                },
                record: with_member.id.0,
                writes: vec![],
            },
            family: with_member.clone(),
            record: tepat_sync::Record::new(),
            desa: vec![with_member.desa.clone()],
        };
        store
            .commit_changes(
                &[made(1)],
                &[note("35.26.15.2004", 1), note("35.26.16.2003", 2)],
                std::slice::from_ref(&saved),
            )
            .unwrap();
        assert_eq!(store.families_with_nik(&nik).unwrap(), [with_member.id]);
        let key = tepat_domain::checks::person_key(&with_member.members[0]);
        assert_eq!(store.families_with_person(&key).unwrap(), [with_member.id]);
        store
            .commit_changes(
                &[made(2)],
                &[note("35.26.15.2004", 3)],
                std::slice::from_ref(&saved),
            )
            .unwrap();
        let blega = store.notifications_in(&code("35.26.15"), 10).unwrap();
        assert_eq!(
            blega.iter().map(|n| n.message.as_str()).collect::<Vec<_>>(),
            ["catatan 3", "catatan 1"]
        );
        assert_eq!(
            store
                .notifications_in(&code("35.26.16.2003"), 10)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(store.notifications_in(&code("35.26"), 2).unwrap().len(), 2);
        let mut without = with_member.clone();
        without.members.clear();
        store.put_families(&[without]).unwrap();
        assert!(store.families_with_nik(&nik).unwrap().is_empty());
        assert!(store.families_with_person(&key).unwrap().is_empty());
        assert_eq!(
            store.recent_audit(1).unwrap()[0].action,
            AuditAction::FamilySaved
        );
        assert!(store.recent_audit(0).unwrap().is_empty());

        // Proposals by region, and settings.
        let proposal = |desa: &str, n: u128| ProposalRecord {
            id: uuid::Uuid::from_u128(n),
            family: FamilyId(uuid::Uuid::from_u128(n)),
            desa: code(desa),
            kind: tepat_domain::workflow::ProposalKind::BansosPkh,
            state: tepat_domain::workflow::ProposalState::Draft,
            score: 10,
            created_at: jiff::Timestamp::UNIX_EPOCH,
            created_by: "op".into(),
            steps: vec![],
        };
        store
            .save_proposals(
                &[
                    proposal("35.26.15.2012", 1),
                    proposal("35.26.15.2004", 2),
                    proposal("35.26.16.2003", 3),
                ],
                &[],
                &[],
                None,
            )
            .unwrap();
        let mut moved_on = proposal("35.26.15.2012", 1);
        moved_on.state = tepat_domain::workflow::ProposalState::AwaitingMusdes;
        let command = tepat_sync::ChangeId(uuid::Uuid::from_u128(0xC0));
        assert_eq!(store.accepted_seq(command).unwrap(), None);
        // A step is saved with its audit entry and the notification it causes.
        let step = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "kec.blega",
            AuditAction::ProposalStep,
            "dikembalikan",
        )
        .family(moved_on.family)
        .proposal(moved_on.id)
        .change("Draf", "Menunggu musdes");
        let returned = Notification {
            at: jiff::Timestamp::UNIX_EPOCH,
            desa: code("35.26.15.2012"),
            kind: NotificationKind::ProposalReturned {
                family: moved_on.family,
                proposal: moved_on.id,
                by: "kec.blega".into(),
                reason: "Foto rumah belum ada".into(),
            },
            message: "dikembalikan".into(),
        };
        store
            .save_proposals(
                &[moved_on.clone()],
                std::slice::from_ref(&step),
                std::slice::from_ref(&returned),
                Some(command),
            )
            .unwrap();
        assert_eq!(
            store.notifications_in(&code("35.26.15.2012"), 1).unwrap(),
            [returned]
        );
        assert_eq!(store.recent_audit(1).unwrap()[0], step);
        assert_eq!(
            store.accepted_seq(command).unwrap(),
            Some(0),
            "a step sent through sync is remembered with the step"
        );
        assert_eq!(store.proposal(moved_on.id).unwrap(), Some(moved_on));
        assert_eq!(store.proposals_in(&code("35.26.15.2012")).unwrap().len(), 1);
        assert_eq!(store.proposals_in(&code("35.26.15")).unwrap().len(), 2);
        assert_eq!(store.proposals_in(&code("35.26")).unwrap().len(), 3);

        // Visits: saved with their command, answered in place, listed by region.
        let mut visit = tepat_domain::visit::Visit {
            id: uuid::Uuid::from_u128(77),
            desa: code("35.26.15.2012"),
            by: "tksk.blega".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            visit: tepat_domain::visit::NewVisit {
                family: FamilyId(uuid::Uuid::from_u128(1)),
                checks: vec![(
                    tepat_domain::visit::VisitItem::Pin,
                    tepat_domain::visit::Verdict::Disputed("Rumah di seberang jalan".into()),
                )],
                note: String::new(),
                photo: None,
            },
            resolution: None,
        };
        let recorded = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "tksk.blega",
            AuditAction::VisitRecorded,
            "",
        )
        .family(FamilyId(uuid::Uuid::from_u128(1)));
        let visit_command = tepat_sync::ChangeId(uuid::Uuid::from_u128(78));
        store
            .save_visit(&visit, &recorded, Some(visit_command))
            .unwrap();
        assert_eq!(store.accepted_seq(visit_command).unwrap(), Some(0));
        visit
            .answer(
                "op.lombangdajah",
                jiff::Timestamp::UNIX_EPOCH,
                "Titik sudah dipindah",
            )
            .unwrap();
        store.save_visit(&visit, &recorded, None).unwrap();
        assert_eq!(store.visit(visit.id).unwrap(), Some(visit.clone()));
        assert_eq!(store.visits_in(&code("35.26.15")).unwrap(), [visit.clone()]);
        assert!(store.visits_in(&code("35.26.15.2004")).unwrap().is_empty());
        assert_eq!(store.visit(uuid::Uuid::from_u128(79)).unwrap(), None);

        // Village meetings: saved with the proposals their closing moved, listed by region.
        let meeting = tepat_domain::meeting::Musdes {
            id: uuid::Uuid::from_u128(90),
            desa: code("35.26.15.2012"),
            schedule: tepat_domain::meeting::MusdesSchedule {
                date: jiff::civil::date(2026, 11, 20),
                time: jiff::civil::time(9, 0, 0, 0),
                place: "Balai Desa".into(),
                chair: "Ketua BPD".into(),
            },
            agenda: Vec::new(),
            evidence: Vec::new(),
            created_by: "op.lombangdajah".into(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            closed: None,
        };
        let moved = store.proposals_in(&code("35.26")).unwrap();
        let scheduled = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "op.musdes",
            AuditAction::MusdesScheduled,
            "",
        );
        store.save_musdes(&meeting, &moved, &[scheduled]).unwrap();
        assert_eq!(store.musdes(meeting.id).unwrap(), Some(meeting.clone()));
        assert_eq!(
            store.musdes_in(&code("35.26.15")).unwrap(),
            std::slice::from_ref(&meeting)
        );
        assert!(store.musdes_in(&code("35.26.15.2004")).unwrap().is_empty());
        assert_eq!(store.musdes(uuid::Uuid::from_u128(91)).unwrap(), None);

        assert_eq!(
            store.recent_audit(1).unwrap()[0].action,
            AuditAction::MusdesScheduled
        );

        assert_eq!(store.setting("quota/PKH").unwrap(), None);
        let changed = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "dinsos",
            AuditAction::SettingChanged,
            "",
        )
        .change("versi 1", "versi 2");
        store
            .put_setting("quota/PKH", &[1, 2, 3], &changed)
            .unwrap();
        assert_eq!(store.setting("quota/PKH").unwrap(), Some(vec![1, 2, 3]));
        assert_eq!(
            store.recent_audit(1).unwrap()[0].action,
            AuditAction::SettingChanged
        );
        // Scores per family and scheme version, oldest version first.
        let family_id = FamilyId(uuid::Uuid::from_u128(42));
        let scored = |version: u32, total: i64| tepat_protocol::RankedScore {
            result: tepat_domain::scoring::ScoreResult {
                scheme_version: version,
                total,
                lines: vec![],
                kepmensos: tepat_domain::instrument::kepmensos(&Default::default(), None, 5),
                per_capita_spending: None,
                extreme_poor: None,
                unanswered: vec![],
            },
            rank: Some(1),
            local_decile: Some(1),
            ranked_among: 1,
        };
        store
            .put_scores(
                2,
                &[(family_id, scored(2, 20))],
                Some(("policy/scoring", &[9])),
                None,
            )
            .unwrap();
        store
            .put_scores(1, &[(family_id, scored(1, 10))], None, None)
            .unwrap();
        store
            .put_scores(2, &[(family_id, scored(2, 25))], None, None)
            .unwrap();
        let versions: Vec<_> = store
            .scores_of(family_id)
            .unwrap()
            .into_iter()
            .map(|s| (s.result.scheme_version, s.result.total))
            .collect();
        assert_eq!(versions, [(1, 10), (2, 25)]);
        assert_eq!(store.setting("policy/scoring").unwrap(), Some(vec![9]));
        assert!(
            store
                .scores_of(FamilyId(uuid::Uuid::from_u128(43)))
                .unwrap()
                .is_empty()
        );
        // A scan under one version gives that version's score of each family only.
        let mut scanned = Vec::new();
        store
            .scan_scores(2, &mut |family, score| {
                scanned.push((family, score.result.total))
            })
            .unwrap();
        assert_eq!(scanned, [(family_id, 25)]);
        let mut none = 0;
        store.scan_scores(7, &mut |_, _| none += 1).unwrap();
        assert_eq!(none, 0);

        // The change log: sequence numbers in order, indexed per desa, ids remembered.
        let device = tepat_sync::DeviceId(uuid::Uuid::from_u128(5));
        let sync_change = |n: u128| tepat_sync::Change {
            id: tepat_sync::ChangeId(uuid::Uuid::from_u128(n)),
            device,
            user: "op".into(),
            stamp: tepat_sync::Hlc {
                wall_ms: n as u64,
                counter: 0,
                device,
            },
            record: uuid::Uuid::from_u128(100),
            writes: vec![],
        };
        let accepted = |n: u128, desa: &[&str]| super::AcceptedChange {
            change: sync_change(n),
            family: family("35.26.15.2012", 100),
            record: tepat_sync::Record::new(),
            desa: desa.iter().map(|d| code(d)).collect(),
        };
        let seqs = store
            .commit_changes(
                &[
                    accepted(1, &["35.26.15.2012"]),
                    accepted(2, &["35.26.15.2012", "35.26.15.2004"]),
                ],
                &[],
                &[],
            )
            .unwrap();
        assert_eq!(seqs.len(), 2);
        assert!(seqs[0] < seqs[1]);
        assert_eq!(
            store.accepted_seq(sync_change(2).id).unwrap(),
            Some(seqs[1])
        );
        assert_eq!(store.accepted_seq(sync_change(3).id).unwrap(), None);
        let lombang: Vec<u64> = store
            .changes_after(&code("35.26.15.2012"), 0, 10)
            .unwrap()
            .into_iter()
            .map(|c| c.0)
            .collect();
        assert_eq!(lombang, seqs);
        let count = |desa: &str, after| store.count_changes_after(&code(desa), after).unwrap();
        assert_eq!(count("35.26.15.2012", 0), 2);
        assert_eq!(count("35.26.15.2012", seqs[0]), 1);
        assert_eq!(count("35.26.15.2012", seqs[1]), 0);
        assert_eq!(count("35.26.16.2003", 0), 0);
        assert_eq!(
            store
                .changes_after(&code("35.26.15.2012"), seqs[0], 10)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .changes_after(&code("35.26.15.2012"), 0, 1)
                .unwrap()
                .len(),
            1
        );
        assert_eq!(
            store
                .changes_after(&code("35.26.15.2004"), 0, 10)
                .unwrap()
                .last()
                .unwrap()
                .1,
            sync_change(2)
        );
        assert!(
            store
                .changes_after(&code("35.26.16.2003"), 0, 10)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            store
                .sync_record(FamilyId(uuid::Uuid::from_u128(100)))
                .unwrap(),
            Some(tepat_sync::Record::new())
        );

        let recent = store.recent_audit(10).unwrap();
        assert_eq!(
            recent.iter().map(|e| e.action).collect::<Vec<_>>(),
            [
                AuditAction::SettingChanged,
                AuditAction::MusdesScheduled,
                AuditAction::VisitRecorded,
                AuditAction::VisitRecorded,
                AuditAction::ProposalStep,
                AuditAction::FamilySaved,
                AuditAction::FamilySaved,
                AuditAction::Logout,
                AuditAction::Login
            ]
        );

        // The trail is one hash chain, numbered from 1, whose head the store keeps; it verifies.
        let head = super::chain::verify_store(&store)
            .unwrap()
            .expect("an untouched trail verifies");
        assert_eq!(head.rows, 9);
        assert_eq!(store.audit_head().unwrap(), Some(head));
        let rows = store.audit_rows(0, 100).unwrap();
        assert_eq!(
            rows.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            (1..=9).collect::<Vec<_>>()
        );
        assert_eq!(store.audit_rows(6, 100).unwrap(), rows[6..]);
        assert_eq!(store.audit_rows(0, 3).unwrap(), rows[..3]);
        assert_eq!(super::chain::open(&rows[8].1), Some(changed.clone()));
        // What the store gives, altered by one byte, fails at that row.
        let mut verifier = super::chain::Verifier::new();
        for (n, bytes) in &rows {
            let mut bytes = bytes.clone();
            if *n == 5 {
                *bytes.last_mut().unwrap() ^= 0x20;
            }
            verifier.row(*n, &bytes);
        }
        assert_eq!(verifier.finish(Some(head)).unwrap_err().row, 5);

        // Read per family and per user through the index: newest first, paged with `before`.
        use super::AuditSubject;
        let of_family = store
            .audit_of(
                &AuditSubject::Family(FamilyId(uuid::Uuid::from_u128(1))),
                None,
                10,
            )
            .unwrap();
        assert_eq!(
            of_family
                .iter()
                .map(|(n, e)| (*n, e.action))
                .collect::<Vec<_>>(),
            [
                (7, AuditAction::VisitRecorded),
                (6, AuditAction::VisitRecorded),
                (5, AuditAction::ProposalStep)
            ]
        );
        assert_eq!(of_family[2].1, step);
        let of_user = |name: &str, before, limit| {
            store
                .audit_of(&AuditSubject::User(name.into()), before, limit)
                .unwrap()
                .into_iter()
                .map(|(n, e)| (n, e.action))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            of_user("op.lombangdajah", None, 10),
            [(2, AuditAction::Logout), (1, AuditAction::Login)]
        );
        assert_eq!(
            of_user("op.lombangdajah", None, 1),
            [(2, AuditAction::Logout)]
        );
        assert_eq!(
            of_user("op.lombangdajah", Some(2), 10),
            [(1, AuditAction::Login)]
        );
        assert_eq!(
            of_user("kec.blega", None, 10),
            [(5, AuditAction::ProposalStep)]
        );
        assert!(of_user("op", Some(3), 10).is_empty());
        assert!(
            of_user("op.lombangdaja", None, 10).is_empty(),
            "a prefix of a name is not the name"
        );
    }
    {
        // Photo looks: kept per photo, the latest wins.
        let store = open();
        store.put_photo_hash(&[1; 32], 0b1010).unwrap();
        store.put_photo_hash(&[2; 32], 7).unwrap();
        store.put_photo_hash(&[1; 32], 0b1011).unwrap();
        let mut looks = store.photo_hashes().unwrap();
        looks.sort();
        assert_eq!(looks, vec![([1; 32], 0b1011), ([2; 32], 7)]);
    }
    if persistent {
        let store = open();
        assert_eq!(
            store.photo_hashes().unwrap().len(),
            2,
            "photo looks survive a restart"
        );
        assert_eq!(store.meta("kabupaten").unwrap().as_deref(), Some("35.26"));
        assert_eq!(store.family_count().unwrap(), 5);
        assert_eq!(
            store.visits_in(&code("35.26")).unwrap().len(),
            1,
            "a visit survives a restart"
        );
        assert_eq!(
            store.musdes_in(&code("35.26")).unwrap().len(),
            1,
            "a village meeting survives a restart"
        );
        let kept = tepat_sync::ChangeId(uuid::Uuid::from_u128(2));
        assert!(
            store.accepted_seq(kept).unwrap().is_some(),
            "an accepted change survives a restart"
        );
        assert_eq!(store.users().unwrap().len(), 1);
        assert_eq!(store.recent_audit(1).unwrap().len(), 1);
        assert_eq!(
            super::chain::verify_store(&store).unwrap().unwrap().rows,
            9,
            "the trail and its head survive a restart"
        );
        // The next entry chains on from the stored rows.
        store
            .append_audit(&AuditEntry::new(
                jiff::Timestamp::UNIX_EPOCH,
                "cli",
                AuditAction::UserAdded,
                "ani",
            ))
            .unwrap();
        assert_eq!(
            super::chain::verify_store(&store).unwrap().unwrap().rows,
            10
        );
    }
    {
        // Several settings and their audit entries at once (on what the store holds now).
        let store = open();
        let changed = AuditEntry::new(
            jiff::Timestamp::UNIX_EPOCH,
            "dinsos",
            AuditAction::SettingChanged,
            "",
        );
        let before = store.audit_head().unwrap().map(|h| h.rows).unwrap_or(0);
        store
            .put_settings(
                &[
                    ("quota/PKH".to_owned(), vec![4]),
                    ("quota/BPNT".to_owned(), vec![5, 6]),
                ],
                &[changed.clone(), changed.clone()],
            )
            .unwrap();
        assert_eq!(store.setting("quota/PKH").unwrap(), Some(vec![4]));
        assert_eq!(store.setting("quota/BPNT").unwrap(), Some(vec![5, 6]));
        assert_eq!(
            store.audit_head().unwrap().map(|h| h.rows),
            Some(before + 2)
        );
    }
    cases_and_labellings(&open());
}

/// Citizens' cases and house labellings, on a store of their own.
fn cases_and_labellings<S: Store>(store: &S) {
    // Citizens' cases: by id, by code, by region; saving again replaces.
    use tepat_domain::cases::{Case, CaseCode, CaseKind, CaseSubject, Labelling, Sanggah};
    let mut case = Case {
        id: uuid::Uuid::from_u128(95),
        code: CaseCode::from_random(CaseKind::Sanggah, [5; 8]),
        desa: code("35.26.15.2012"),
        filed_at: jiff::Timestamp::UNIX_EPOCH,
        subject: CaseSubject::Sanggah(Sanggah {
            named: "Moh. Hasan".into(),
            dusun: "Dajah".into(),
            reason: tepat_domain::cases::ObjectionReason::Died,
            detail: "Meninggal bulan lalu.".into(),
        }),
        phone: None,
        matches: vec![],
        family: None,
        visit: None,
        decision: None,
    };
    let filed = AuditEntry::new(
        jiff::Timestamp::UNIX_EPOCH,
        "warga",
        AuditAction::CaseFiled,
        "",
    );
    store
        .save_case(
            &case,
            std::slice::from_ref(&filed),
            &[super::Notification {
                at: jiff::Timestamp::UNIX_EPOCH,
                desa: case.desa.clone(),
                kind: super::NotificationKind::CaseFiled {
                    case: case.id,
                    code: case.code.clone(),
                },
                message: "Sanggah baru".into(),
            }],
        )
        .unwrap();
    case.family = Some(FamilyId(uuid::Uuid::from_u128(1)));
    store.save_case(&case, &[], &[]).unwrap();
    assert_eq!(store.case(case.id).unwrap(), Some(case.clone()));
    assert_eq!(store.case_by_code(&case.code).unwrap(), Some(case.clone()));
    let unknown = CaseCode::from_random(CaseKind::Usul, [5; 8]);
    assert_eq!(store.case_by_code(&unknown).unwrap(), None);
    assert_eq!(
        store.cases_in(&code("35.26.15")).unwrap(),
        std::slice::from_ref(&case)
    );
    assert!(store.cases_in(&code("35.26.15.2004")).unwrap().is_empty());
    assert_eq!(
        store.recent_audit(1).unwrap()[0].action,
        AuditAction::CaseFiled
    );

    // House labellings: one per family, by region.
    let labelling = Labelling {
        family: FamilyId(uuid::Uuid::from_u128(1)),
        desa: code("35.26.15.2012"),
        on: jiff::civil::date(2026, 11, 20),
        photo: [7; 32],
        by: "op.lombangdajah".into(),
        recorded_at: jiff::Timestamp::UNIX_EPOCH,
    };
    let labelled = AuditEntry::new(
        jiff::Timestamp::UNIX_EPOCH,
        "op.lombangdajah",
        AuditAction::HouseLabelled,
        "",
    );
    let command = tepat_sync::ChangeId(uuid::Uuid::from_u128(96));
    store
        .save_labelling(&labelling, &labelled, Some(command))
        .unwrap();
    assert_eq!(store.accepted_seq(command).unwrap(), Some(0));
    assert_eq!(
        store.labelling(labelling.family).unwrap(),
        Some(labelling.clone())
    );
    assert_eq!(
        store.labelling(FamilyId(uuid::Uuid::from_u128(2))).unwrap(),
        None
    );
    assert_eq!(
        store.labellings_in(&code("35.26")).unwrap(),
        std::slice::from_ref(&labelling)
    );
    assert!(store.labellings_in(&code("35.26.16")).unwrap().is_empty());
}
