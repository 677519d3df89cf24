//! One village meeting (musyawarah desa) as an object: when and where it is held and who chairs
//! it, its agenda (the desa's proposals waiting for deliberation), the decision on each, the four
//! evidence documents, and closing. The rules for each change live here, so the server and the
//! tablet say the same thing; the server applies the decisions to the proposals when it closes.

use crate::musdes::{MusdesDocument, missing_evidence};
use crate::region::RegionCode;
use crate::text::format_date_id;
use jiff::civil::{Date, Time};
use serde::{Deserialize, Serialize};

/// The fewest characters of a place or a chair's name.
pub const MIN_NAME_CHARS: usize = 3;
/// The fewest characters of the note when the meeting did not agree.
pub const MIN_REJECTION_NOTE_CHARS: usize = 10;
/// How far ahead a musdes may be scheduled, in days.
pub const MAX_DAYS_AHEAD: i32 = 180;
/// The largest evidence file (a scanned page or a photo), in bytes.
pub const MAX_EVIDENCE_BYTES: u64 = 10 * 1024 * 1024;
/// The most files one meeting may hold.
pub const MAX_EVIDENCE_FILES: usize = 24;

/// When and where the meeting is held, and who chairs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct MusdesSchedule {
    /// The day.
    pub date: Date,
    /// The hour (local time of the kabupaten).
    pub time: Time,
    /// Where (e.g. "Balai Desa Lombang Dajah").
    pub place: String,
    /// Who chairs it (the BPD chair, usually).
    pub chair: String,
}

impl MusdesSchedule {
    /// Checks a schedule made on `today`: a place and a chair named, a date from today up to
    /// [`MAX_DAYS_AHEAD`] days ahead.
    pub fn validate(&self, today: Date) -> Result<(), MusdesError> {
        if self.place.trim().chars().count() < MIN_NAME_CHARS {
            return Err(MusdesError::PlaceRequired);
        }
        if self.chair.trim().chars().count() < MIN_NAME_CHARS {
            return Err(MusdesError::ChairRequired);
        }
        if self.date < today {
            return Err(MusdesError::DateInPast(format_date_id(today)));
        }
        if (self.date - today).get_days() > MAX_DAYS_AHEAD {
            return Err(MusdesError::TooFarAhead);
        }
        Ok(())
    }
}

/// What the meeting decided about one proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Decision {
    /// Agreed (disetujui) or not.
    pub accepted: bool,
    /// The meeting's note; required when not agreed.
    pub note: String,
}

impl Decision {
    /// Checks a decision: one not agreed says why.
    pub fn validate(&self) -> Result<(), MusdesError> {
        if !self.accepted && self.note.trim().chars().count() < MIN_REJECTION_NOTE_CHARS {
            return Err(MusdesError::RejectionNoteRequired);
        }
        Ok(())
    }
}

/// One proposal on the agenda.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct AgendaItem {
    /// The proposal.
    pub proposal: uuid::Uuid,
    /// The decision, once recorded.
    pub decision: Option<Decision>,
}

/// The kind of an evidence file, known from its first bytes, never from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub enum EvidenceMedia {
    /// A JPEG photo or scan.
    Jpeg,
    /// A PNG image.
    Png,
    /// A PDF document.
    Pdf,
}

impl EvidenceMedia {
    /// What the bytes are, if an accepted kind.
    pub fn sniff(bytes: &[u8]) -> Option<EvidenceMedia> {
        if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(EvidenceMedia::Jpeg)
        } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(EvidenceMedia::Png)
        } else if bytes.starts_with(b"%PDF-") {
            Some(EvidenceMedia::Pdf)
        } else {
            None
        }
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            EvidenceMedia::Jpeg => "image/jpeg",
            EvidenceMedia::Png => "image/png",
            EvidenceMedia::Pdf => "application/pdf",
        }
    }
}

/// One uploaded evidence file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// Which document it is (several photos of the meeting may be kept).
    pub document: MusdesDocument,
    /// The SHA-256 of its bytes (the blob's name).
    pub file: [u8; 32],
    /// The file name the operator chose (shown, never trusted).
    pub name: String,
    /// What it is.
    pub media: EvidenceMedia,
    /// Its size.
    pub bytes: u64,
    /// Who uploaded it.
    pub by: String,
    /// When.
    pub at: jiff::Timestamp,
}

/// Who closed the meeting, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Closing {
    /// When.
    pub at: jiff::Timestamp,
    /// Who (username).
    pub by: String,
}

/// A village meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(schemars::JsonSchema))]
pub struct Musdes {
    /// Identity.
    pub id: uuid::Uuid,
    /// The desa holding it.
    pub desa: RegionCode,
    /// When, where, chaired by whom.
    pub schedule: MusdesSchedule,
    /// The proposals deliberated, in the order they are read out.
    pub agenda: Vec<AgendaItem>,
    /// The evidence uploaded.
    pub evidence: Vec<Evidence>,
    /// Who scheduled it.
    pub created_by: String,
    /// When.
    pub created_at: jiff::Timestamp,
    /// Set once closed; nothing changes after.
    pub closed: Option<Closing>,
}

/// Why a change to a meeting is refused. Messages in Indonesian, saying what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MusdesError {
    /// No place.
    #[error("Tulis tempat musdes (paling sedikit {MIN_NAME_CHARS} huruf).")]
    PlaceRequired,
    /// No chair.
    #[error("Tulis nama pemimpin musdes (paling sedikit {MIN_NAME_CHARS} huruf).")]
    ChairRequired,
    /// Scheduled before today.
    #[error("Tanggal musdes sudah lewat: pilih tanggal mulai {0}.")]
    DateInPast(String),
    /// Scheduled too far ahead.
    #[error("Musdes hanya bisa dijadwalkan paling lama {MAX_DAYS_AHEAD} hari ke depan.")]
    TooFarAhead,
    /// Another meeting of the desa is still open.
    #[error("Desa ini masih punya musdes {0} yang belum ditutup: tutup atau lanjutkan musdes itu.")]
    AnotherOpen(String),
    /// The meeting is closed.
    #[error("Musdes ini sudah ditutup; hasilnya tidak bisa diubah lagi.")]
    Closed,
    /// A proposal not on the agenda.
    #[error("Usulan ini tidak ada dalam agenda musdes.")]
    NotOnAgenda,
    /// Not agreed without a reason.
    #[error(
        "Tulis alasan musdes tidak menyetujui usulan ini (paling sedikit {MIN_REJECTION_NOTE_CHARS} huruf)."
    )]
    RejectionNoteRequired,
    /// Results recorded before the meeting's day.
    #[error("Musdes dijadwalkan {0}: hasilnya dicatat pada hari itu atau sesudahnya.")]
    BeforeMeeting(String),
    /// Evidence missing.
    #[error("{0}")]
    EvidenceMissing(String),
    /// Proposals without a decision.
    #[error("Catat keputusan untuk {0} usulan yang belum diputuskan sebelum musdes ditutup.")]
    Undecided(usize),
    /// Too many files.
    #[error("Satu musdes paling banyak menyimpan {MAX_EVIDENCE_FILES} berkas bukti.")]
    TooManyFiles,
    /// The same file twice for one document.
    #[error("Berkas ini sudah diunggah untuk {0}.")]
    SameFileTwice(&'static str),
    /// A file that is not there.
    #[error("Berkas bukti itu tidak ada di musdes ini.")]
    NoSuchFile,
}

impl Musdes {
    /// Whether still open.
    pub fn is_open(&self) -> bool {
        self.closed.is_none()
    }

    fn must_be_open(&self) -> Result<(), MusdesError> {
        if self.is_open() {
            Ok(())
        } else {
            Err(MusdesError::Closed)
        }
    }

    /// Records (or changes) the decision on one proposal of the agenda, on or after the day.
    pub fn decide(
        &mut self,
        proposal: uuid::Uuid,
        decision: Decision,
        today: Date,
    ) -> Result<(), MusdesError> {
        self.must_be_open()?;
        if today < self.schedule.date {
            return Err(MusdesError::BeforeMeeting(format_date_id(
                self.schedule.date,
            )));
        }
        decision.validate()?;
        let item = self
            .agenda
            .iter_mut()
            .find(|i| i.proposal == proposal)
            .ok_or(MusdesError::NotOnAgenda)?;
        item.decision = Some(decision);
        Ok(())
    }

    /// Adds an evidence file.
    pub fn attach(&mut self, evidence: Evidence) -> Result<(), MusdesError> {
        self.must_be_open()?;
        if self.evidence.len() >= MAX_EVIDENCE_FILES {
            return Err(MusdesError::TooManyFiles);
        }
        if self
            .evidence
            .iter()
            .any(|e| e.document == evidence.document && e.file == evidence.file)
        {
            return Err(MusdesError::SameFileTwice(evidence.document.label_id()));
        }
        self.evidence.push(evidence);
        Ok(())
    }

    /// Removes an evidence file (uploaded by mistake).
    pub fn detach(&mut self, document: MusdesDocument, file: [u8; 32]) -> Result<(), MusdesError> {
        self.must_be_open()?;
        let before = self.evidence.len();
        self.evidence
            .retain(|e| !(e.document == document && e.file == file));
        if self.evidence.len() == before {
            return Err(MusdesError::NoSuchFile);
        }
        Ok(())
    }

    /// The documents with no file yet, in the form's order.
    pub fn missing_documents(&self) -> Vec<MusdesDocument> {
        MusdesDocument::ALL
            .into_iter()
            .filter(|d| !self.evidence.iter().any(|e| e.document == *d))
            .collect()
    }

    /// The proposals on the agenda without a decision.
    pub fn undecided(&self) -> usize {
        self.agenda.iter().filter(|i| i.decision.is_none()).count()
    }

    /// Closes the meeting on `today` for `by`, if it may be: on or after its day, the four
    /// evidence documents there (the refusal names the missing ones), every proposal decided.
    pub fn close(&mut self, closing: Closing, today: Date) -> Result<(), MusdesError> {
        self.must_be_open()?;
        if today < self.schedule.date {
            return Err(MusdesError::BeforeMeeting(format_date_id(
                self.schedule.date,
            )));
        }
        let present: Vec<MusdesDocument> = self.evidence.iter().map(|e| e.document).collect();
        if let Some(missing) = missing_evidence(&present) {
            return Err(MusdesError::EvidenceMissing(missing));
        }
        match self.undecided() {
            0 => {}
            n => return Err(MusdesError::Undecided(n)),
        }
        self.closed = Some(closing);
        Ok(())
    }

    /// Brings the agenda up to date before the meeting: adds the proposals now waiting for a
    /// musdes (`waiting`, oldest first) that are not on it, and drops the undecided ones that
    /// no longer wait (withdrawn meanwhile). Decided items stay.
    pub fn refresh_agenda(&mut self, waiting: &[uuid::Uuid]) -> Result<(), MusdesError> {
        self.must_be_open()?;
        self.agenda
            .retain(|i| i.decision.is_some() || waiting.contains(&i.proposal));
        for id in waiting {
            if !self.agenda.iter().any(|i| i.proposal == *id) {
                self.agenda.push(AgendaItem {
                    proposal: *id,
                    decision: None,
                });
            }
        }
        Ok(())
    }
}

/// The last day a musdes was held in each desa, from its closed meetings.
pub fn last_held<'a>(
    meetings: impl IntoIterator<Item = &'a Musdes>,
) -> std::collections::BTreeMap<RegionCode, Date> {
    let mut last = std::collections::BTreeMap::new();
    for m in meetings.into_iter().filter(|m| !m.is_open()) {
        let entry = last.entry(m.desa.clone()).or_insert(m.schedule.date);
        if m.schedule.date > *entry {
            *entry = m.schedule.date;
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::{date, time};

    fn schedule(on: Date) -> MusdesSchedule {
        MusdesSchedule {
            date: on,
            time: time(9, 0, 0, 0),
            place: "Balai Desa".into(),
            chair: "H. Ahmad (Ketua BPD)".into(),
        }
    }

    fn meeting(on: Date, agenda: &[u128]) -> Musdes {
        Musdes {
            id: uuid::Uuid::from_u128(1),
            desa: RegionCode::parse("35.26.15.2012").unwrap(),
            schedule: schedule(on),
            agenda: agenda
                .iter()
                .map(|n| AgendaItem {
                    proposal: uuid::Uuid::from_u128(*n),
                    decision: None,
                })
                .collect(),
            evidence: Vec::new(),
            created_by: "op".into(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            closed: None,
        }
    }

    fn file(document: MusdesDocument, n: u8) -> Evidence {
        Evidence {
            document,
            file: [n; 32],
            name: format!("bukti-{n}.jpg"),
            media: EvidenceMedia::Jpeg,
            bytes: 1000,
            by: "op".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
        }
    }

    fn closing() -> Closing {
        Closing {
            at: jiff::Timestamp::UNIX_EPOCH,
            by: "op".into(),
        }
    }

    #[test]
    fn a_schedule_names_place_and_chair_and_lies_ahead() {
        let today = date(2026, 11, 20);
        assert_eq!(schedule(today).validate(today), Ok(()));
        let mut s = schedule(today);
        s.place = " ".into();
        assert_eq!(s.validate(today), Err(MusdesError::PlaceRequired));
        let mut s = schedule(today);
        s.chair = "A".into();
        assert_eq!(s.validate(today), Err(MusdesError::ChairRequired));
        assert_eq!(
            schedule(date(2026, 11, 19))
                .validate(today)
                .unwrap_err()
                .to_string(),
            "Tanggal musdes sudah lewat: pilih tanggal mulai 20 Nov 2026."
        );
        assert_eq!(
            schedule(date(2027, 6, 1)).validate(today),
            Err(MusdesError::TooFarAhead)
        );
    }

    #[test]
    fn closing_names_the_missing_evidence_then_the_undecided() {
        let day = date(2026, 11, 20);
        let mut m = meeting(day, &[1, 2]);
        assert_eq!(
            m.close(closing(), date(2026, 11, 19))
                .unwrap_err()
                .to_string(),
            "Musdes dijadwalkan 20 Nov 2026: hasilnya dicatat pada hari itu atau sesudahnya."
        );
        m.attach(file(MusdesDocument::BeritaAcara, 1)).unwrap();
        m.attach(file(MusdesDocument::FotoRapat, 2)).unwrap();
        m.attach(file(MusdesDocument::FotoPengumuman, 3)).unwrap();
        assert_eq!(
            m.close(closing(), day).unwrap_err().to_string(),
            "Hasil musdes belum lengkap: unggah daftar hadir."
        );
        m.attach(file(MusdesDocument::DaftarHadir, 4)).unwrap();
        assert_eq!(m.close(closing(), day), Err(MusdesError::Undecided(2)));
        let yes = Decision {
            accepted: true,
            note: String::new(),
        };
        m.decide(uuid::Uuid::from_u128(1), yes.clone(), day)
            .unwrap();
        let vague_no = Decision {
            accepted: false,
            note: "tidak".into(),
        };
        assert_eq!(
            m.decide(uuid::Uuid::from_u128(2), vague_no, day),
            Err(MusdesError::RejectionNoteRequired)
        );
        let no = Decision {
            accepted: false,
            note: "Sudah menerima bantuan dari kabupaten lain".into(),
        };
        m.decide(uuid::Uuid::from_u128(2), no, day).unwrap();
        assert_eq!(
            m.decide(uuid::Uuid::from_u128(9), yes.clone(), day),
            Err(MusdesError::NotOnAgenda)
        );
        m.close(closing(), day).unwrap();
        assert_eq!(
            m.decide(uuid::Uuid::from_u128(1), yes, day),
            Err(MusdesError::Closed)
        );
        assert_eq!(
            m.attach(file(MusdesDocument::FotoRapat, 9)),
            Err(MusdesError::Closed)
        );
    }

    #[test]
    fn evidence_files_are_added_and_removed_once() {
        let mut m = meeting(date(2026, 11, 20), &[]);
        m.attach(file(MusdesDocument::FotoRapat, 1)).unwrap();
        m.attach(file(MusdesDocument::FotoRapat, 2)).unwrap();
        assert_eq!(
            m.attach(file(MusdesDocument::FotoRapat, 2)),
            Err(MusdesError::SameFileTwice("foto rapat"))
        );
        assert_eq!(m.missing_documents().len(), 3);
        m.detach(MusdesDocument::FotoRapat, [1; 32]).unwrap();
        assert_eq!(
            m.detach(MusdesDocument::FotoRapat, [1; 32]),
            Err(MusdesError::NoSuchFile)
        );
        m.detach(MusdesDocument::FotoRapat, [2; 32]).unwrap();
        assert_eq!(m.missing_documents(), MusdesDocument::ALL.to_vec());
    }

    #[test]
    fn the_agenda_follows_what_waits_and_keeps_what_was_decided() {
        let day = date(2026, 11, 20);
        let mut m = meeting(day, &[1, 2]);
        let id = uuid::Uuid::from_u128;
        m.decide(
            id(1),
            Decision {
                accepted: true,
                note: String::new(),
            },
            day,
        )
        .unwrap();
        // 1 decided (no longer "waiting" in the caller's eyes), 2 withdrawn, 3 new.
        m.refresh_agenda(&[id(3)]).unwrap();
        let agenda: Vec<uuid::Uuid> = m.agenda.iter().map(|i| i.proposal).collect();
        assert_eq!(agenda, vec![id(1), id(3)]);
    }

    #[test]
    fn files_are_known_by_their_bytes() {
        assert_eq!(
            EvidenceMedia::sniff(b"%PDF-1.7\n"),
            Some(EvidenceMedia::Pdf)
        );
        assert_eq!(
            EvidenceMedia::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(EvidenceMedia::Jpeg)
        );
        assert_eq!(
            EvidenceMedia::sniff(b"\x89PNG\r\n\x1a\n...."),
            Some(EvidenceMedia::Png)
        );
        assert_eq!(EvidenceMedia::sniff(b"MZ\x90\x00"), None);
    }

    #[test]
    fn the_last_meeting_held_counts_only_closed_ones() {
        let mut held = meeting(date(2026, 8, 1), &[]);
        held.closed = Some(closing());
        let mut later = meeting(date(2026, 10, 1), &[]);
        later.closed = Some(closing());
        let open = meeting(date(2026, 12, 1), &[]);
        let last = last_held([&held, &later, &open]);
        assert_eq!(
            last.get(&RegionCode::parse("35.26.15.2012").unwrap()),
            Some(&date(2026, 10, 1))
        );
    }
}
