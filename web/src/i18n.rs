//! Every word the app shows, in Bahasa Indonesia and English, in one table. Components ask for a
//! [`Text`] and the current [`Lang`]; the match is exhaustive, so no text can lack a language.
//! The words follow `shared/design/ui.md`.

use serde::{Deserialize, Serialize};

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 code for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The other language (the switch shows its name).
    pub fn other(self) -> Lang {
        match self {
            Lang::Id => Lang::En,
            Lang::En => Lang::Id,
        }
    }

    /// Reads a stored code.
    pub fn from_code(code: &str) -> Lang {
        if code == "en" { Lang::En } else { Lang::Id }
    }
}

/// A piece of UI text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    AppTagline,
    Username,
    Password,
    LogIn,
    LoggingIn,
    LogOut,
    LoginTitle,
    LoginHint,
    SwitchLanguage,
    DemoBanner,
    Online,
    Offline,
    Loading,
    NavVillageMap,
    Families,
    SearchByName,
    NoFamiliesHere,
    NoFamiliesHint,
    NoSearchResults,
    Members,
    MembersCount,
    HeadOfFamily,
    KkNumber,
    Nik,
    Name,
    Relation,
    Sex,
    Male,
    Female,
    BirthPlaceDate,
    Address,
    HousePin,
    NoPin,
    Close,
    BasemapOffline,
    NetworkError,
    Retry,
    AllKecamatan,
    AllDesa,
    Region,
    Kecamatan,
    Desa,
    SessionExpired,
    PageNotFound,
    BackToMap,
    DemoRecord,
    NikGanda,
    DataChecks,
    NoFindings,
    ErrorLabel,
    WarningLabel,
    Score,
    Decile,
    ExtremePoor,
    Yes,
    No,
    Unknown,
    ScoreBreakdown,
    UnansweredQuestions,
    ScheduleToday,
    WindowOpenUntil,
    WindowClosedUntil,
    WindowAlways,
    UpdateReady,
    UpdateNow,
    OfflineLogin,
    /// Peta
    NavMap,
    /// Musdes
    NavMusdes,
    /// Musyawarah desa (Musdes)
    MusdesTitle,
    /// Halaman musdes perlu sambungan internet. Sambungkan lalu muat ulang.
    MusdesNeedsConnection,
    /// Musdes desa ini
    MusdesOverdueBanner,
    /// Musdes berikutnya
    MusdesNext,
    /// Jadwalkan musdes
    MusdesSchedule,
    /// Tanggal
    MusdesDate,
    /// Jam (WIB)
    MusdesTime,
    /// Tempat
    MusdesPlace,
    /// Pemimpin musdes
    MusdesChair,
    /// usulan menunggu musdes dan masuk agenda
    MusdesWaitingToAgenda,
    /// Musdes yang tercatat
    MusdesHistory,
    /// Belum ada musdes tercatat. Jadwalkan musdes begitu ada usulan yang diajukan ke musdes.
    MusdesNone,
    /// Musdes per desa
    MusdesDesaStanding,
    /// Musdes terakhir
    MusdesLastHeld,
    /// belum pernah
    MusdesNever,
    /// Menunggu musdes
    MusdesWaiting,
    /// tepat waktu
    MusdesOnTime,
    /// Terbuka
    MusdesOpen,
    /// Ditutup
    MusdesClosed,
    /// Agenda: usulan yang dibahas
    MusdesAgenda,
    /// Belum ada usulan dalam agenda. Ajukan usulan ke musdes dari data keluarga, lalu tekan Perbarui agenda.
    MusdesAgendaEmpty,
    /// Perbarui agenda
    MusdesRefreshAgenda,
    /// Disetujui
    MusdesAgreed,
    /// Tidak disetujui
    MusdesNotAgreed,
    /// Belum diputuskan
    MusdesUndecided,
    /// Catatan musdes
    MusdesNote,
    /// Simpan keputusan
    MusdesSaveDecision,
    /// Bukti musdes
    MusdesEvidence,
    /// Foto (JPEG/PNG) atau PDF, paling besar 10 MB. Foto diperkecil di tablet sebelum dikirim.
    MusdesEvidenceHint,
    /// Unggah
    MusdesUpload,
    /// Mengunggah…
    MusdesUploading,
    /// Hapus
    MusdesRemove,
    /// Belum ada
    MusdesMissingEvidence,
    /// Tutup musdes dan kirim hasil
    MusdesClose,
    /// Tutup musdes? Keputusan dicatat pada usulan dan usulan yang disetujui dikirim ke kecamatan. Hasil tidak bisa diubah lagi.
    MusdesCloseConfirm,
    /// Ditutup oleh
    MusdesClosedBy,
    /// Hasil pengiriman
    MusdesOutcome,
    /// Cetak berita acara
    MusdesPrintMinutes,
    /// Cetak daftar hadir
    MusdesPrintAttendance,
    /// Cetak / simpan PDF
    MusdesPrint,
    /// Kembali ke musdes
    MusdesBack,
    /// Semua musdes
    MusdesAllMeetings,
    /// Buka musdes
    MusdesOpenMeeting,
    /// diputuskan
    MusdesDecided,
    /// bukti belum ada
    MusdesDocsMissing,
    /// Skor
    MusdesScore,
    VisitsTitle,
    RecordVisit,
    VisitConfirm,
    VisitDispute,
    VisitDisputeNote,
    VisitNote,
    VisitPhoto,
    SaveVisit,
    VisitSaved,
    VisitWaits,
    VisitAnswered,
    VisitAllConfirmed,
    VisitNotSent,
    AnswerVisit,
    AnswerHint,
    SendAnswer,
    NoVisits,
    MemberLeaves,
    MemberStays,
    MemberDied,
    MemberMovedOut,
    LeaveDate,
    PinColours,
    ByStatus,
    ByDecile,
    /// Legend: a family without a proposal.
    NoProposal,
    /// The field user's to-do filters.
    NeedsTitle,
    /// Search placeholder for a field user (names, NIK, KK).
    SearchByNameNikKk,
    /// Shows every family again.
    ShowAll,
    /// The "yes" answer button.
    AnswerYes,
    /// The "no" answer button.
    AnswerNo,
    /// The instrument section title.
    InstrumentTitle,
    /// Marks an answered question.
    Answered,
    /// "None of these" in a multiple choice.
    NoneOfThese,
    /// The live score's label.
    ScoreSoFar,
    /// Spending per person per month.
    PerPerson,
    /// "questions answered" after "n of m".
    QuestionsAnswered,
    /// Instrument section: the house.
    SectionHouse,
    /// Instrument section: water, light, kitchen, toilet.
    SectionUtilities,
    /// Instrument section: food, clothes, shelter.
    SectionNeeds,
    /// Instrument section: assets, land, programmes.
    SectionAssets,
    /// All spending per month.
    SpendingTotal,
    /// Food spending per month.
    SpendingFood,
    /// Opens the camera for a house photo.
    TakePhoto,
    /// Takes the house photo again.
    RetakePhoto,
    /// The family checks wait for the form's own problems to be fixed.
    ChecksAfterFixes,
    /// Asks whether to take a GPS fix worse than the limit (`{accuracy}`, `{max}`).
    GpsInaccurateConfirm,
    /// The fix was not taken.
    GpsNotUsed,
    /// The list is empty because the first sync is still running.
    FirstSyncTitle,
    /// What to do meanwhile.
    FirstSyncHint,
    /// "of" in "1.000 of 3.000".
    Of,
    /// Proposals section title.
    Proposals,
    /// No proposals yet.
    NoProposals,
    /// Label of the new-proposal kind select.
    NewProposal,
    /// Button creating a proposal.
    CreateProposal,
    /// A proposal whose creation the server refused.
    ProposalNotMade,
    /// The creation waits to be sent.
    ProposalCreatedHere,
    /// History of a proposal.
    ProposalHistory,
    /// Label before a return's reason.
    ReturnedBecause,
    /// Label before a refused step's reason.
    StepRefusedByServer,
    /// Confirmation before withdrawing a proposal.
    WithdrawConfirm,
    ScheduleOf,
    ArchivedBanner,
    ArchivedCopy,
    OldPassword,
    RecoverArchive,
    OldPasswordWrong,
    WaitingToSync,
    Connected,
    PhotoProcessing,
    HousePhotos,
    PhotoFront,
    PhotoInside,
    PhotosPending,
    BackupTitle,
    BackupHint,
    BackupExport,
    BackupFile,
    BackupPassword,
    BackupImport,
    BackupSaved,
    BackupImported,
    EditFamily,
    MotherName,
    Member,
    BirthPlace,
    BirthDate,
    RemoveMember,
    RegisterFamily,
    SavedOnTablet,
    KkAndAddress,
    Street,
    AddMember,
    Cancel,
    SaveFamily,
    GpsUnavailable,
    GpsLocating,
    GpsFailed,
    PinByHand,
    UseGps,
    PinHint,
    UnlockTitle,
    UnlockHint,
    UnlockButton,
    Unlocking,
    WrongPassword,
    OtherUser,
    OfflineExpired,
    NoLocalCopy,
    SyncNow,
    Syncing,
    PendingChanges,
    RefusedChanges,
    SyncFailed,
    SyncNeedsLogin,
    Receiving,
    Sending,
    LogoutPendingWarning,
    ConflictsTitle,
    ConflictKept,
    ConflictLost,
    Restore,
    Dismiss,
    RefusedTitle,
    LocalOnly,
    MapDownloadTitle,
    MapDownloadHint,
    MapDownloadStart,
    MapDownloadCancel,
    MapDownloadEstimate,
    MapDownloadAlreadyStored,
    MapDownloadNoBasemap,
    MapDownloadNoPins,
    MapDownloadTooLarge,
    MapDownloadOsmLimit,
    MapDownloadOffline,
    MapDownloadProgress,
    MapDownloadComplete,
    MapDownloadIncomplete,
    MapDownloadCancelled,
    MapDownloadStorageFull,
    MapDownloadUnavailable,
    MapStorageUsage,
    MapStorageTiles,
    MapStoragePersisted,
    MapStorageNotPersisted,
    MapDownloadAllStored,
    MapDownloadNothingNew,
    NavNational,
    NationalTitle,
    NationalIntro,
    NationalEmpty,
    NationalEmptyHint,
    NationalWaiting,
    NationalRows,
    NationalDesa,
    NationalProposals,
    NationalMembers,
    NationalFullNik,
    NationalDownloadCsv,
    NationalDownloadXlsx,
    NationalMarkSent,
    NationalMarkHint,
    NationalMarkConfirm,
    NationalMarked,
    NationalResultTitle,
    NationalResultHint,
    NationalResultFile,
    NationalUpload,
    NationalUploading,
    NationalNoFile,
    NationalApplied,
    NationalNotApplied,
    NationalAccepted,
    NationalRejected,
    NationalAlready,
    NationalPending,
    NationalProblems,
    NationalRow,
    NationalReason,
    AuditTrail,
    AuditOfFamily,
    AuditOfUser,
    AuditPick,
    AuditUsername,
    AuditShow,
    AuditWhen,
    AuditWho,
    AuditRole,
    AuditDevice,
    AuditWhat,
    AuditDetail,
    AuditChange,
    AuditOlder,
    AuditEmpty,
    Notifications,
    NoNotifications,
    SeeFamily,
    NavQueue,
    NavRatification,
    QueueTitleKecamatan,
    QueueNeedsInternet,
    QueueWaitingCount,
    QueueEmpty,
    ProposalKindLabel,
    AllKinds,
    TheSelected,
    BulkConfirm,
    BulkResultTitle,
    OutcomeDone,
    OutcomeRefused,
    WaitingSince,
    Days,
    WindowLabel,
    SelectProposal,
    SelectAllShown,
    MusdesEvidenceNone,
    ReturnReason,
    ReturnReasonRequired,
    SendReturn,
    StepClosedOpens,
    QuotaTitle,
    Programme,
    QuotaShare,
    QuotaUsed,
    WaitingListLabel,
    QuotaNone,
    ViewOnMap,
    ReviewTitle,
    StepTaken,
    NavImport,
    ImportTitle,
    ImportIntro,
    ImportKindLabel,
    ImportKindFamilies,
    ImportKindPoor,
    ImportKindDesa,
    ImportHintFamilies,
    ImportHintPoor,
    ImportHintDesa,
    ImportFileLabel,
    ImportCheck,
    ImportNoFile,
    ImportUploading,
    ImportChecking,
    ImportApplying,
    ImportEmpty,
    ImportEmptyHint,
    ImportRowsRead,
    ImportFamiliesNew,
    ImportMembersNew,
    ImportDesaCount,
    ImportKnown,
    ImportProblemsTitle,
    ImportProblemsHint,
    ImportShownOf,
    ImportRow,
    ImportColumn,
    ImportProblem,
    ImportQuestionsTitle,
    ImportQuestionsHint,
    ImportChoose,
    ImportUses,
    ImportPerDesa,
    ImportCount,
    ImportReady,
    ImportApply,
    ImportApplyBlocked,
    ImportAppliedFamilies,
    ImportAppliedDesa,
    ImportRepeated,
    ImportAnother,
    ImportReportTitle,
    ImportResultTitle,
}

impl Text {
    /// The text in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            Text::AppTagline => (
                "Data kesejahteraan sosial yang tepat sasaran",
                "Social-welfare data that hits the target",
            ),
            Text::Username => ("Nama pengguna", "Username"),
            Text::Password => ("Kata sandi", "Password"),
            Text::LogIn => ("Masuk", "Log in"),
            Text::LoggingIn => ("Sedang masuk…", "Logging in…"),
            Text::LogOut => ("Keluar", "Log out"),
            Text::LoginTitle => ("Masuk ke Tepat", "Log in to Tepat"),
            Text::LoginHint => (
                "Gunakan akun dari Dinas Sosial kabupaten Anda.",
                "Use the account your kabupaten's Social Affairs office gave you.",
            ),
            Text::SwitchLanguage => ("English", "Bahasa Indonesia"),
            Text::DemoBanner => (
                "Data demo — bukan data warga sebenarnya",
                "Demo data — not real residents",
            ),
            Text::Online => ("Tersinkron", "Synced"),
            Text::Offline => ("Luring", "Offline"),
            Text::Loading => ("Memuat…", "Loading…"),
            Text::NavVillageMap => ("Peta desa", "Village map"),
            Text::Families => ("Keluarga", "Families"),
            Text::SearchByName => ("Cari nama kepala keluarga", "Search by head of family"),
            Text::NoFamiliesHere => (
                "Belum ada keluarga di wilayah ini.",
                "No families in this region yet.",
            ),
            Text::NoFamiliesHint => (
                "Daftarkan keluarga dari rumah ke rumah; setiap keluarga akan muncul di peta setelah titik rumahnya dipasang.",
                "Register families door to door; each appears on the map once its house pin is set.",
            ),
            Text::NoSearchResults => (
                "Tidak ada nama yang cocok. Periksa ejaan atau hapus pencarian.",
                "No matching name. Check the spelling or clear the search.",
            ),
            Text::Members => ("Anggota keluarga", "Members"),
            Text::MembersCount => ("anggota", "members"),
            Text::HeadOfFamily => ("Kepala keluarga", "Head of family"),
            Text::KkNumber => ("Nomor KK", "Family card (KK) number"),
            Text::Nik => ("NIK", "NIK"),
            Text::Name => ("Nama", "Name"),
            Text::Relation => ("Hubungan", "Relation"),
            Text::Sex => ("Jenis kelamin", "Sex"),
            Text::Male => ("Laki-laki", "Male"),
            Text::Female => ("Perempuan", "Female"),
            Text::BirthPlaceDate => ("Tempat, tanggal lahir", "Place and date of birth"),
            Text::Address => ("Alamat", "Address"),
            Text::HousePin => ("Titik rumah", "House pin"),
            Text::NoPin => ("Titik rumah belum dipasang", "House pin not set yet"),
            Text::Close => ("Tutup", "Close"),
            Text::BasemapOffline => (
                "Peta dasar tidak tersedia (luring) — titik rumah tetap ditampilkan",
                "Basemap unavailable (offline) — house pins still shown",
            ),
            Text::NetworkError => (
                "Tidak dapat menghubungi server. Periksa sinyal lalu coba lagi.",
                "Cannot reach the server. Check the signal and try again.",
            ),
            Text::Retry => ("Coba lagi", "Try again"),
            Text::AllKecamatan => ("Semua kecamatan", "All sub-districts"),
            Text::AllDesa => ("Semua desa", "All villages"),
            Text::Region => ("Wilayah", "Region"),
            Text::Kecamatan => ("Kecamatan", "Sub-district"),
            Text::Desa => ("Desa", "Village"),
            Text::SessionExpired => (
                "Sesi Anda berakhir. Silakan masuk lagi.",
                "Your session ended. Please log in again.",
            ),
            Text::PageNotFound => ("Halaman tidak ditemukan.", "Page not found."),
            Text::BackToMap => ("Kembali ke peta", "Back to the map"),
            Text::DemoRecord => ("demo", "demo"),
            Text::NikGanda => ("NIK ganda", "Duplicate NIK"),
            Text::DataChecks => ("Pemeriksaan data", "Data checks"),
            Text::NoFindings => (
                "Data lengkap: tidak ada temuan.",
                "Complete: nothing to fix.",
            ),
            Text::ErrorLabel => ("Wajib diperbaiki", "Must fix"),
            Text::WarningLabel => ("Perhatian", "Check"),
            Text::Score => ("Skor", "Score"),
            Text::Decile => ("Desil lokal", "Local decile"),
            Text::ExtremePoor => ("Miskin ekstrem", "Extreme poor"),
            Text::Yes => ("ya", "yes"),
            Text::No => ("tidak", "no"),
            Text::Unknown => ("belum diketahui", "not known yet"),
            Text::ScoreBreakdown => ("Rincian skor", "Score breakdown"),
            Text::UnansweredQuestions => ("pertanyaan belum dijawab", "questions not answered yet"),
            Text::ScheduleToday => ("Jadwal hari ini", "Today's schedule"),
            Text::WindowOpenUntil => ("buka s.d.", "open until"),
            Text::WindowClosedUntil => ("tutup, buka", "closed, opens"),
            Text::WindowAlways => ("buka setiap hari", "open every day"),
            Text::UpdateReady => (
                "Versi baru Tepat sudah siap.",
                "A new version of Tepat is ready.",
            ),
            Text::UpdateNow => ("Muat ulang", "Reload"),
            Text::Member => ("Anggota", "Member"),
            Text::BirthPlace => ("Tempat lahir", "Place of birth"),
            Text::BirthDate => ("Tanggal lahir", "Date of birth"),
            Text::RemoveMember => ("Hapus anggota ini", "Remove this member"),
            Text::RegisterFamily => ("Daftarkan keluarga", "Register a family"),
            Text::SavedOnTablet => (
                "tersimpan di tablet, dikirim saat ada sinyal",
                "saved on the tablet, sent when there is a signal",
            ),
            Text::KkAndAddress => ("Kartu Keluarga dan alamat", "Family card and address"),
            Text::Street => ("Jalan dan nomor rumah", "Street and house number"),
            Text::AddMember => ("+ Tambah anggota", "+ Add member"),
            Text::Cancel => ("Batal", "Cancel"),
            Text::SaveFamily => ("Simpan keluarga", "Save family"),
            Text::GpsUnavailable => (
                "Tablet ini tidak memberi lokasi GPS. Ketuk peta di titik rumah.",
                "This tablet gives no GPS position. Tap the map at the house.",
            ),
            Text::GpsLocating => (
                "Mencari lokasi GPS… berdirilah di depan rumah.",
                "Finding the GPS position… stand in front of the house.",
            ),
            Text::GpsFailed => (
                "Lokasi GPS tidak didapat (izin ditolak atau sinyal GPS lemah). Ketuk peta di titik rumah.",
                "No GPS position (permission denied or weak GPS signal). Tap the map at the house.",
            ),
            Text::PinByHand => ("ditandai di peta", "placed on the map"),
            Text::UseGps => ("Lokasi saya", "My location"),
            Text::PinHint => (
                "Ketuk peta di atap rumah untuk memasang titik; geser titiknya untuk membetulkan.",
                "Tap the map on the house's roof to place the pin; drag the pin to correct it.",
            ),
            Text::MotherName => ("Nama ibu kandung", "Mother's maiden name"),
            Text::EditFamily => ("Ubah data keluarga", "Correct family data"),
            Text::BackupTitle => ("Cadangan data tablet", "Tablet data backup"),
            Text::BackupHint => (
                "Jika tablet tidak bisa tersambung ke server, simpan perubahan yang belum terkirim ke berkas (terkunci dengan kata sandi Anda) dan impor di perangkat lain.",
                "If this tablet cannot reach the server, save the unsent changes to a file (locked with your password) and import it on another device.",
            ),
            Text::BackupExport => ("Simpan perubahan ke berkas", "Save changes to a file"),
            Text::BackupFile => ("Berkas cadangan", "Backup file"),
            Text::BackupPassword => (
                "Kata sandi pemilik cadangan",
                "Password of the backup's owner",
            ),
            Text::BackupImport => ("Impor cadangan", "Import backup"),
            Text::BackupSaved => (
                "perubahan disimpan ke berkas.",
                "changes saved to the file.",
            ),
            Text::BackupImported => (
                "perubahan baru dari cadangan siap dikirim.",
                "new changes from the backup are ready to send.",
            ),
            Text::PhotoProcessing => ("Memproses foto…", "Processing the photo…"),
            Text::HousePhotos => ("Foto rumah", "House photos"),
            Text::PhotoFront => ("Foto depan rumah", "Front of the house"),
            Text::PhotoInside => ("Foto dalam rumah", "Inside the house"),
            Text::PhotosPending => ("foto belum terkirim", "photos not sent yet"),
            Text::WaitingToSync => ("Menunggu sinkronisasi", "Waiting to sync"),
            Text::Connected => ("Daring", "Online"),
            Text::ArchivedCopy => (
                "Tablet ini menyimpan data lama yang dikunci dengan kata sandi Anda sebelumnya (kata sandi sudah diganti). Masukkan kata sandi lama agar perubahan yang belum terkirim di dalamnya ikut dikirim.",
                "This tablet holds older data locked with your previous password (the password was changed). Enter the old password so the unsent changes in it are sent too.",
            ),
            Text::OldPassword => ("Kata sandi lama", "Old password"),
            Text::RecoverArchive => ("Pulihkan data lama", "Recover old data"),
            Text::OldPasswordWrong => (
                "Kata sandi lama tidak cocok dengan data ini.",
                "The old password does not open this data.",
            ),
            Text::ArchivedBanner => (
                "Ada data lama di tablet ini yang terkunci dengan kata sandi sebelumnya:",
                "This tablet holds older data locked with your previous password:",
            ),
            Text::ScheduleOf => (
                "Jadwal terakhir diketahui, per",
                "Schedule last known, as of",
            ),
            Text::Proposals => ("Usulan", "Proposals"),
            Text::NoProposals => (
                "Belum ada usulan untuk keluarga ini.",
                "No proposals for this family yet.",
            ),
            Text::NewProposal => ("Usulan baru", "New proposal"),
            Text::CreateProposal => ("Buat usulan", "Create proposal"),
            Text::ProposalNotMade => ("Tidak dibuat", "Not created"),
            Text::ProposalCreatedHere => ("usulan dibuat", "proposal created"),
            Text::ProposalHistory => ("Riwayat", "History"),
            Text::ReturnedBecause => ("Dikembalikan:", "Returned:"),
            Text::StepRefusedByServer => ("Ditolak server:", "Refused by the server:"),
            Text::WithdrawConfirm => (
                "Batalkan usulan ini? Usulan yang dibatalkan tidak dapat dilanjutkan.",
                "Withdraw this proposal? A withdrawn proposal cannot go on.",
            ),
            Text::Of => ("dari", "of"),
            Text::FirstSyncTitle => (
                "Data wilayah Anda sedang diunduh ke tablet ini…",
                "Your region's data is being downloaded to this tablet…",
            ),
            Text::FirstSyncHint => (
                "Kemajuannya tampil di bagian atas. Biarkan aplikasi terbuka dan tablet tersambung sampai selesai; sesudahnya semua bisa dikerjakan tanpa sinyal.",
                "Progress is shown at the top. Keep the app open and the tablet connected until it finishes; afterwards everything works without a signal.",
            ),
            Text::GpsInaccurateConfirm => (
                "Akurasi GPS ±{accuracy} m, lebih buruk dari batas {max} m: titik bisa meleset dari rumahnya. Tetap pakai titik ini?",
                "GPS accuracy is ±{accuracy} m, worse than the {max} m limit: the pin may miss the house. Use this position anyway?",
            ),
            Text::GpsNotUsed => (
                "Titik GPS tidak dipakai. Tunggu sebentar di luar rumah lalu coba lagi, atau ketuk rumahnya di peta.",
                "The GPS position was not used. Wait a moment outside the house and try again, or tap the house on the map.",
            ),
            Text::ChecksAfterFixes => (
                "Pemeriksaan data keluarga berjalan setelah isian yang ditandai merah dibetulkan.",
                "The family's data checks run once the inputs marked in red are corrected.",
            ),
            Text::TakePhoto => ("Ambil foto", "Take photo"),
            Text::RetakePhoto => ("Ambil ulang", "Retake"),
            Text::InstrumentTitle => ("Instrumen kemiskinan", "Poverty instrument"),
            Text::Answered => ("terjawab", "answered"),
            Text::NoneOfThese => ("Tidak ada", "None"),
            Text::ScoreSoFar => ("Skor sementara", "Score so far"),
            Text::PerPerson => ("Pengeluaran per orang", "Spending per person"),
            Text::QuestionsAnswered => ("pertanyaan terjawab", "questions answered"),
            Text::SectionHouse => ("Rumah", "House"),
            Text::SectionUtilities => (
                "Air, penerangan, dapur dan jamban",
                "Water, lighting, kitchen and toilet",
            ),
            Text::SectionNeeds => (
                "Tempat berteduh, pangan dan sandang",
                "Shelter, food and clothing",
            ),
            Text::SectionAssets => ("Aset, lahan dan bantuan", "Assets, land and aid"),
            Text::SpendingTotal => ("Seluruh pengeluaran (Rp/bulan)", "All spending (Rp/month)"),
            Text::SpendingFood => ("Untuk makanan (Rp/bulan)", "On food (Rp/month)"),
            Text::AnswerYes => ("Ya", "Yes"),
            Text::AnswerNo => ("Tidak", "No"),
            Text::NeedsTitle => ("Perlu dikerjakan", "To do"),
            Text::SearchByNameNikKk => (
                "Cari nama, NIK atau nomor KK",
                "Search by name, NIK or KK number",
            ),
            Text::ShowAll => ("Tampilkan semua", "Show all"),
            Text::NoProposal => ("Tanpa usulan", "No proposal"),
            Text::PinColours => ("Warna titik", "Pin colours"),
            Text::ByStatus => ("Status usulan", "Proposal status"),
            Text::ByDecile => ("Desil", "Decile"),
            Text::MemberLeaves => ("Masih di KK ini?", "Still in this KK?"),
            Text::MemberStays => ("Masih tinggal di KK", "Still lives here"),
            Text::MemberDied => ("Meninggal", "Died"),
            Text::MemberMovedOut => ("Pindah keluar", "Moved out"),
            Text::LeaveDate => ("Tanggal meninggal/pindah", "Date died/moved"),
            Text::VisitsTitle => ("Kunjungan verifikasi", "Verification visits"),
            Text::RecordVisit => ("Catat kunjungan", "Record a visit"),
            Text::VisitConfirm => ("Sesuai", "As recorded"),
            Text::VisitDispute => ("Tidak sesuai", "Not as recorded"),
            Text::VisitDisputeNote => (
                "Apa yang Anda lihat? (wajib)",
                "What did you see? (required)",
            ),
            Text::VisitNote => ("Catatan umum (boleh kosong)", "General note (optional)"),
            Text::VisitPhoto => ("Foto kunjungan", "Visit photo"),
            Text::SaveVisit => ("Simpan kunjungan", "Save the visit"),
            Text::VisitSaved => (
                "Kunjungan tersimpan di tablet dan dikirim saat ada sinyal.",
                "Visit saved on the tablet; it is sent when there is a signal.",
            ),
            Text::VisitWaits => ("Menunggu jawaban desa", "Waiting for the desa"),
            Text::VisitAnswered => ("Sudah dijawab", "Answered"),
            Text::VisitAllConfirmed => ("Semua sesuai", "All as recorded"),
            Text::VisitNotSent => ("Belum terkirim", "Not sent yet"),
            Text::AnswerVisit => ("Jawaban desa", "The desa's answer"),
            Text::AnswerHint => (
                "Tulis apa yang sudah diperbaiki atau mengapa data tetap.",
                "Write what was corrected, or why the record stands.",
            ),
            Text::SendAnswer => ("Kirim jawaban", "Send the answer"),
            Text::NoVisits => (
                "Belum ada kunjungan verifikasi.",
                "No verification visit yet.",
            ),
            Text::NavMap => ("Peta", "Map"),
            Text::NavMusdes => ("Musdes", "Village meetings"),
            Text::MusdesTitle => ("Musyawarah desa (Musdes)", "Village meetings (musdes)"),
            Text::MusdesNeedsConnection => (
                "Halaman musdes perlu sambungan internet. Sambungkan lalu muat ulang.",
                "The village meeting pages need a connection. Connect, then reload.",
            ),
            Text::MusdesOverdueBanner => ("Musdes desa ini", "This desa's musdes is overdue:"),
            Text::MusdesNext => ("Musdes berikutnya", "Next village meeting"),
            Text::MusdesSchedule => ("Jadwalkan musdes", "Schedule a village meeting"),
            Text::MusdesDate => ("Tanggal", "Date"),
            Text::MusdesTime => ("Jam (WIB)", "Time (local)"),
            Text::MusdesPlace => ("Tempat", "Place"),
            Text::MusdesChair => ("Pemimpin musdes", "Chaired by"),
            Text::MusdesWaitingToAgenda => (
                "usulan menunggu musdes dan masuk agenda",
                "proposals wait for a musdes and go on the agenda",
            ),
            Text::MusdesHistory => ("Musdes yang tercatat", "Recorded meetings"),
            Text::MusdesNone => (
                "Belum ada musdes tercatat. Jadwalkan musdes begitu ada usulan yang diajukan ke musdes.",
                "No meeting recorded yet. Schedule one once proposals are put to the musdes.",
            ),
            Text::MusdesDesaStanding => ("Musdes per desa", "Meetings per desa"),
            Text::MusdesLastHeld => ("Musdes terakhir", "Last meeting"),
            Text::MusdesNever => ("belum pernah", "never"),
            Text::MusdesWaiting => ("Menunggu musdes", "Waiting for musdes"),
            Text::MusdesOnTime => ("tepat waktu", "on time"),
            Text::MusdesOpen => ("Terbuka", "Open"),
            Text::MusdesClosed => ("Ditutup", "Closed"),
            Text::MusdesAgenda => (
                "Agenda: usulan yang dibahas",
                "Agenda: the proposals deliberated",
            ),
            Text::MusdesAgendaEmpty => (
                "Belum ada usulan dalam agenda. Ajukan usulan ke musdes dari data keluarga, lalu tekan Perbarui agenda.",
                "No proposal on the agenda yet. Put proposals to the musdes from a family, then press Refresh agenda.",
            ),
            Text::MusdesRefreshAgenda => ("Perbarui agenda", "Refresh agenda"),
            Text::MusdesAgreed => ("Disetujui", "Agreed"),
            Text::MusdesNotAgreed => ("Tidak disetujui", "Not agreed"),
            Text::MusdesUndecided => ("Belum diputuskan", "Not decided yet"),
            Text::MusdesNote => ("Catatan musdes", "The meeting's note"),
            Text::MusdesSaveDecision => ("Simpan keputusan", "Save decision"),
            Text::MusdesEvidence => ("Bukti musdes", "Meeting evidence"),
            Text::MusdesEvidenceHint => (
                "Foto (JPEG/PNG) atau PDF, paling besar 10 MB. Foto diperkecil di tablet sebelum dikirim.",
                "Photo (JPEG/PNG) or PDF, at most 10 MB. Photos are shrunk on the tablet before sending.",
            ),
            Text::MusdesUpload => ("Unggah", "Upload"),
            Text::MusdesUploading => ("Mengunggah…", "Uploading…"),
            Text::MusdesRemove => ("Hapus", "Remove"),
            Text::MusdesMissingEvidence => ("Belum ada", "Missing"),
            Text::MusdesClose => (
                "Tutup musdes dan kirim hasil",
                "Close the meeting and send the results",
            ),
            Text::MusdesCloseConfirm => (
                "Tutup musdes? Keputusan dicatat pada usulan dan usulan yang disetujui dikirim ke kecamatan. Hasil tidak bisa diubah lagi.",
                "Close the meeting? The decisions go to the proposals and the agreed ones to the kecamatan. The results cannot be changed afterwards.",
            ),
            Text::MusdesClosedBy => ("Ditutup oleh", "Closed by"),
            Text::MusdesOutcome => ("Hasil pengiriman", "What happened next"),
            Text::MusdesPrintMinutes => ("Cetak berita acara", "Print the minutes"),
            Text::MusdesPrintAttendance => ("Cetak daftar hadir", "Print the attendance list"),
            Text::MusdesPrint => ("Cetak / simpan PDF", "Print / save as PDF"),
            Text::MusdesBack => ("Kembali ke musdes", "Back to the meeting"),
            Text::MusdesAllMeetings => ("Semua musdes", "All meetings"),
            Text::MusdesOpenMeeting => ("Buka musdes", "Open the meeting"),
            Text::MusdesDecided => ("diputuskan", "decided"),
            Text::MusdesDocsMissing => ("bukti belum ada", "evidence missing"),
            Text::MusdesScore => ("Skor", "Score"),
            Text::OfflineLogin => (
                "Anda sedang luring. Aplikasi tetap terbuka; masuk dan kirim data begitu sinyal kembali.",
                "You are offline. The app stays open; log in and send data once the signal is back.",
            ),
            Text::UnlockTitle => ("Buka data tablet", "Open this tablet's data"),
            Text::UnlockHint => (
                "Data di tablet ini terkunci. Masukkan kata sandi Anda untuk membukanya; tanpa sinyal pun bisa.",
                "The data on this tablet is locked. Enter your password to open it; this works without a signal too.",
            ),
            Text::UnlockButton => ("Buka", "Open"),
            Text::Unlocking => ("Membuka…", "Opening…"),
            Text::WrongPassword => ("Kata sandi salah.", "Wrong password."),
            Text::OtherUser => ("Masuk sebagai pengguna lain", "Log in as another user"),
            Text::OfflineExpired => (
                "Masa kerja luring di tablet ini sudah habis. Sambungkan ke internet lalu masuk lagi.",
                "The offline period on this tablet has ended. Connect to the internet and log in again.",
            ),
            Text::NoLocalCopy => (
                "Belum ada data pengguna ini di tablet. Masuk sekali saat ada sinyal.",
                "This user has no data on the tablet yet. Log in once with a signal.",
            ),
            Text::SyncNow => ("Sinkronkan", "Sync now"),
            Text::Syncing => ("Menyinkronkan…", "Syncing…"),
            Text::PendingChanges => ("perubahan belum terkirim", "changes not sent yet"),
            Text::RefusedChanges => ("perubahan ditolak server", "changes refused by the server"),
            Text::SyncFailed => (
                "Sinkronisasi gagal, dicoba lagi otomatis",
                "Sync failed, retrying automatically",
            ),
            Text::SyncNeedsLogin => (
                "Sesi server berakhir: masuk lagi untuk mengirim data",
                "The server session ended: log in again to send data",
            ),
            Text::Receiving => ("data diterima", "records received"),
            Text::Sending => ("perubahan terkirim", "changes sent"),
            Text::LogoutPendingWarning => (
                "Masih ada perubahan yang belum terkirim ke server. Jika keluar sekarang, data tetap tersimpan terkunci di tablet ini dan dikirim saat Anda masuk lagi. Keluar sekarang?",
                "Some changes have not reached the server yet. If you log out now, they stay locked on this tablet and are sent when you log in again. Log out now?",
            ),
            Text::ConflictsTitle => ("Konflik yang diselesaikan", "Resolved conflicts"),
            Text::ConflictKept => ("Dipakai", "In force"),
            Text::ConflictLost => ("Tersimpan di riwayat", "Kept in history"),
            Text::Restore => ("Pulihkan nilai ini", "Restore this value"),
            Text::Dismiss => ("Mengerti", "Got it"),
            Text::RefusedTitle => (
                "Perubahan yang ditolak server",
                "Changes the server refused",
            ),
            Text::LocalOnly => ("Belum terkirim", "Not sent yet"),
            Text::MapDownloadTitle => ("Peta desa tanpa sinyal", "Village map without signal"),
            Text::MapDownloadHint => (
                "Simpan peta dasar di sekitar titik rumah desa ini di tablet, agar peta tetap tampil saat tidak ada sinyal. Bagian peta yang pernah dilihat juga tersimpan dengan sendirinya.",
                "Keep the basemap around this desa's house pins on the tablet, so the map still shows without a signal. Parts of the map you have looked at are kept by themselves too.",
            ),
            Text::MapDownloadStart => ("Unduh peta desa", "Download village map"),
            Text::MapDownloadCancel => ("Batalkan unduhan", "Cancel download"),
            Text::MapDownloadEstimate => (
                "Perkiraan: ± {tiles} ubin, ± {size} (zoom {zooms}).",
                "Estimate: ± {tiles} tiles, ± {size} (zoom {zooms}).",
            ),
            Text::MapDownloadAlreadyStored => (
                "{tiles} ubin di antaranya sudah tersimpan di tablet ini dan tidak diunduh lagi.",
                "{tiles} of these tiles are already on this tablet and are not downloaded again.",
            ),
            Text::MapDownloadNoBasemap => (
                "Server ini tidak memakai peta dasar, jadi tidak ada peta yang perlu diunduh.",
                "This server uses no basemap, so there is no map to download.",
            ),
            Text::MapDownloadNoPins => (
                "Belum ada titik rumah di desa ini, jadi belum diketahui bagian peta mana yang perlu diunduh. Tandai titik rumah keluarga lebih dulu, lalu unduh peta di sekitarnya.",
                "No house is pinned in this desa yet, so it is not known which part of the map to download. Pin the families' houses first, then download the map around them.",
            ),
            Text::MapDownloadTooLarge => (
                "Wilayah titik rumah ini memerlukan ± {tiles} ubin, lebih dari batas {max} ubin untuk sekali unduh. Periksa apakah ada titik rumah yang jauh di luar desa.",
                "The area of these house pins needs ± {tiles} tiles, more than the limit of {max} tiles for one download. Check whether a house pin lies far outside the desa.",
            ),
            Text::MapDownloadOsmLimit => (
                "Server peta OpenStreetMap tidak mengizinkan unduhan besar; minta Dinas memakai server peta sendiri (--tile-url).",
                "OpenStreetMap's tile servers do not allow large downloads; ask the Dinas to use its own tile server (--tile-url).",
            ),
            Text::MapDownloadOffline => (
                "Sambungkan tablet ke internet untuk mengunduh peta desa.",
                "Connect the tablet to the internet to download the village map.",
            ),
            Text::MapDownloadProgress => (
                "Mengunduh peta: {done} dari {total} ubin ({percent}%)",
                "Downloading the map: {done} of {total} tiles ({percent}%)",
            ),
            Text::MapDownloadComplete => (
                "Peta desa tersimpan lengkap di tablet: {fetched} ubin baru diunduh ({size}) dan {skipped} ubin sudah ada sebelumnya.",
                "The village map is complete on the tablet: {fetched} tiles newly downloaded ({size}) and {skipped} tiles were already there.",
            ),
            Text::MapDownloadIncomplete => (
                "Peta desa belum lengkap: {failed} dari {total} ubin gagal diunduh. Tekan “Unduh peta desa” lagi saat sinyal lebih baik; ubin yang sudah tersimpan tidak diunduh ulang.",
                "The village map is not complete: {failed} of {total} tiles could not be downloaded. Press “Download village map” again when the signal is better; tiles already stored are not downloaded again.",
            ),
            Text::MapDownloadCancelled => (
                "Unduhan dibatalkan setelah {done} dari {total} ubin. Ubin yang sudah diunduh tetap tersimpan.",
                "Download cancelled after {done} of {total} tiles. The tiles already downloaded stay on the tablet.",
            ),
            Text::MapDownloadStorageFull => (
                "Penyimpanan tablet penuh setelah {done} dari {total} ubin. Kosongkan ruang di tablet, lalu unduh lagi.",
                "The tablet's storage is full after {done} of {total} tiles. Free some space on the tablet, then download again.",
            ),
            Text::MapDownloadUnavailable => (
                "Browser ini tidak bisa menyimpan peta. Buka Tepat lewat alamat https:// dengan Chrome yang terbaru.",
                "This browser cannot keep the map. Open Tepat at its https:// address in an up-to-date Chrome.",
            ),
            Text::MapStorageUsage => (
                "Tepat memakai {used} penyimpanan tablet ini (boleh sampai {quota}).",
                "Tepat uses {used} of this tablet's storage (it may use up to {quota}).",
            ),
            Text::MapStorageTiles => (
                "Ubin peta tersimpan: {tiles}.",
                "Map tiles stored: {tiles}.",
            ),
            Text::MapStoragePersisted => (
                "Browser tidak akan menghapus data ini dengan sendirinya.",
                "The browser will not delete this data by itself.",
            ),
            Text::MapStorageNotPersisted => (
                "Browser boleh menghapus peta tersimpan bila ruang tablet hampir penuh.",
                "The browser may delete the stored map when the tablet runs short of space.",
            ),
            Text::MapDownloadAllStored => (
                "Semua ubin ini sudah tersimpan di tablet ini.",
                "All these tiles are already on this tablet.",
            ),
            Text::MapDownloadNothingNew => (
                "Peta desa sudah lengkap di tablet: semua {tiles} ubin sudah tersimpan, tidak ada yang perlu diunduh.",
                "The village map is already complete on the tablet: all {tiles} tiles are stored, nothing needed downloading.",
            ),
            Text::NavNational => ("Kirim ke pusat", "Send to national"),
            Text::NationalTitle => ("Kirim ke pusat", "Submit to the national system"),
            Text::NationalIntro => (
                "Usulan yang sudah disahkan Bupati, siap diunggah ke sistem pusat (SIKS-NG). Unduh file, unggah ke SIKS-NG, lalu tandai sudah dikirim.",
                "Proposals ratified by the Bupati, ready to upload to the national system (SIKS-NG). Download the file, upload it to SIKS-NG, then mark it as sent.",
            ),
            Text::NationalEmpty => (
                "Belum ada usulan yang disahkan Bupati.",
                "No proposal has been ratified by the Bupati yet.",
            ),
            Text::NationalEmptyHint => (
                "Usulan muncul di sini setelah Bupati mengesahkannya. Sementara itu, hasil dari pusat untuk usulan yang sudah dikirim bisa diunggah di bawah.",
                "Proposals appear here once the Bupati ratifies them. Meanwhile, the national result for proposals already sent can be uploaded below.",
            ),
            Text::NationalWaiting => ("usulan menunggu dikirim", "proposals waiting to be sent"),
            Text::NationalRows => ("baris (anggota keluarga)", "rows (family members)"),
            Text::NationalDesa => ("Desa", "Village"),
            Text::NationalProposals => ("Usulan", "Proposals"),
            Text::NationalMembers => ("Anggota keluarga", "Members"),
            Text::NationalFullNik => (
                "File berisi NIK dan NOKK utuh untuk sistem pusat: simpan hanya di komputer dinas. Setiap unduhan dicatat.",
                "The file holds full NIK and KK numbers for the national system: keep it on the office computer only. Every download is recorded.",
            ),
            Text::NationalDownloadCsv => ("Unduh CSV", "Download CSV"),
            Text::NationalDownloadXlsx => ("Unduh XLSX", "Download XLSX"),
            Text::NationalMarkSent => ("Tandai sudah dikirim", "Mark as sent"),
            Text::NationalMarkHint => (
                "Unduh file dulu; tombol \"Tandai sudah dikirim\" aktif setelah itu.",
                "Download the file first; \"Mark as sent\" is enabled after that.",
            ),
            Text::NationalMarkConfirm => (
                "Tandai {n} usulan dalam file ini sudah dikirim ke pusat?",
                "Mark the {n} proposals in this file as sent to the national system?",
            ),
            Text::NationalMarked => (
                "usulan ditandai sudah dikirim ke pusat.",
                "proposals marked as sent to the national system.",
            ),
            Text::NationalResultTitle => ("Unggah hasil dari pusat", "Upload the national result"),
            Text::NationalResultHint => (
                "File CSV atau XLSX dengan kolom ID USULAN (atau NOKK), HASIL (DITERIMA/DITOLAK) dan ALASAN; file unduhan di atas yang kolom HASIL-nya diisi juga bisa. Bila ada baris yang tidak dipahami, tidak ada yang diterapkan.",
                "A CSV or XLSX file with the columns ID USULAN (or NOKK), HASIL (DITERIMA/DITOLAK) and ALASAN; the downloaded file with HASIL filled in works too. If any row is not understood, nothing is applied.",
            ),
            Text::NationalResultFile => ("File hasil", "Result file"),
            Text::NationalUpload => ("Unggah hasil", "Upload result"),
            Text::NationalUploading => (
                "Mengunggah dan memeriksa file…",
                "Uploading and checking the file…",
            ),
            Text::NationalNoFile => ("Pilih file hasil dulu.", "Choose the result file first."),
            Text::NationalApplied => (
                "Hasil pusat diterapkan.",
                "The national result was applied.",
            ),
            Text::NationalNotApplied => (
                "Tidak ada yang diterapkan: perbaiki baris berikut, lalu unggah lagi.",
                "Nothing was applied: fix the rows below, then upload again.",
            ),
            Text::NationalAccepted => ("diterima: masuk register", "accepted: now in the register"),
            Text::NationalRejected => (
                "ditolak: dikembalikan ke desa dengan alasan dari pusat",
                "rejected: returned to the village with the national reason",
            ),
            Text::NationalAlready => ("sudah diterapkan sebelumnya", "already applied earlier"),
            Text::NationalPending => ("baris tanpa HASIL dilewati", "rows without HASIL skipped"),
            Text::NationalProblems => ("Baris yang tidak dipahami", "Rows not understood"),
            Text::NationalRow => ("Baris", "Row"),
            Text::NationalReason => ("Alasan", "Reason"),
            Text::AuditTrail => ("Jejak audit", "Audit trail"),
            Text::AuditOfFamily => ("Jejak audit keluarga", "Audit trail of a family"),
            Text::AuditOfUser => ("Jejak audit pengguna", "Audit trail of a user"),
            Text::AuditPick => (
                "Tulis nama pengguna untuk melihat apa saja yang dilakukannya, atau buka jejak sebuah keluarga dari rinciannya di peta.",
                "Type a username to see what they did, or open a family's trail from its details on the map.",
            ),
            Text::AuditUsername => ("Nama pengguna", "Username"),
            Text::AuditShow => ("Tampilkan", "Show"),
            Text::AuditWhen => ("Waktu", "When"),
            Text::AuditWho => ("Pengguna", "Who"),
            Text::AuditRole => ("Peran", "Role"),
            Text::AuditDevice => ("Perangkat", "Device"),
            Text::AuditWhat => ("Tindakan", "Action"),
            Text::AuditDetail => ("Keterangan", "Detail"),
            Text::AuditChange => ("Sebelum → sesudah", "Before → after"),
            Text::AuditOlder => ("Muat catatan yang lebih lama", "Load older entries"),
            Text::AuditEmpty => ("Belum ada catatan.", "No entries yet."),
            Text::Notifications => ("Pemberitahuan", "Notifications"),
            Text::NoNotifications => ("Tidak ada pemberitahuan.", "No notifications."),
            Text::SeeFamily => ("Lihat keluarga", "See family"),
            Text::NavQueue => ("Antrean", "Queue"),
            Text::NavRatification => ("Pengesahan", "Ratification"),
            Text::QueueTitleKecamatan => ("Antrean verifikasi", "Verification queue"),
            Text::QueueNeedsInternet => (
                "Perlu sambungan internet: antrean persetujuan hanya dapat dibuka dan diputuskan saat tersambung ke server.",
                "Internet connection needed: the approval queue can only be opened and decided while connected to the server.",
            ),
            Text::QueueWaitingCount => ("usulan menunggu", "proposals waiting"),
            Text::QueueEmpty => (
                "Tidak ada usulan yang menunggu Anda.",
                "Nothing is waiting for you.",
            ),
            Text::ProposalKindLabel => ("Jenis usulan", "Proposal kind"),
            Text::AllKinds => ("Semua jenis", "All kinds"),
            Text::TheSelected => ("yang dipilih", "selected"),
            Text::BulkConfirm => (
                "Lanjutkan \"{step}\" untuk {n} usulan yang dipilih?",
                "Go ahead with \"{step}\" for the {n} selected proposals?",
            ),
            Text::BulkResultTitle => ("Hasil langkah massal", "Result of the bulk step"),
            Text::OutcomeDone => ("Selesai", "Done"),
            Text::OutcomeRefused => ("Ditolak", "Refused"),
            Text::WaitingSince => ("Menunggu sejak", "Waiting since"),
            Text::Days => ("hari", "days"),
            Text::WindowLabel => ("Jadwal", "Window"),
            Text::SelectProposal => ("Pilih usulan", "Select proposal"),
            Text::SelectAllShown => (
                "Pilih semua yang bisa diputuskan",
                "Select all that can be decided",
            ),
            Text::MusdesEvidenceNone => (
                "Belum ada bukti musdes yang tercatat untuk usulan ini.",
                "No musdes evidence is recorded for this proposal yet.",
            ),
            Text::ReturnReason => ("Alasan pengembalian", "Reason for returning"),
            Text::ReturnReasonRequired => (
                "Tuliskan alasan pengembalian agar desa tahu apa yang harus diperbaiki.",
                "Write why it is returned so the village knows what to fix.",
            ),
            Text::SendReturn => ("Kirim pengembalian", "Send it back"),
            Text::StepClosedOpens => (
                "Jadwal langkah ini tutup; dibuka lagi",
                "This step's window is closed; it opens again on",
            ),
            Text::QuotaTitle => ("Kuota & daftar tunggu", "Quota & waiting list"),
            Text::Programme => ("Program", "Programme"),
            Text::QuotaShare => ("Kuota", "Quota"),
            Text::QuotaUsed => ("Terpakai", "Used"),
            Text::WaitingListLabel => ("Daftar tunggu", "Waiting list"),
            Text::QuotaNone => (
                "Belum ada kuota bansos atau usulan bansos untuk desa di wilayah ini.",
                "No aid quota or aid proposals for the villages in this area yet.",
            ),
            Text::ViewOnMap => ("Lihat peta", "See the map"),
            Text::ReviewTitle => ("Pemeriksaan usulan", "Proposal review"),
            Text::StepTaken => ("Langkah tercatat", "Step recorded"),
            Text::NavImport => ("Impor data", "Import data"),
            Text::ImportTitle => ("Impor data", "Import data"),
            Text::ImportIntro => (
                "Unggah file CSV atau XLSX. Tepat memeriksa setiap baris dulu dan tidak mengubah apa pun sampai Anda menekan Terapkan; data diterapkan sekaligus, atau tidak sama sekali.",
                "Upload a CSV or XLSX file. Tepat checks every row first and changes nothing until you press Apply; the data is applied all at once, or not at all.",
            ),
            Text::ImportKindLabel => ("Jenis data", "Kind of data"),
            Text::ImportKindFamilies => ("Keluarga (Dukcapil/DTKS)", "Families (Dukcapil/DTKS)"),
            Text::ImportKindPoor => ("Penduduk miskin BPS", "BPS poor population"),
            Text::ImportKindDesa => ("Daftar desa lokus", "Priority village list"),
            Text::ImportHintFamilies => (
                "Satu baris per orang. Kolom format Dukcapil: NO_KK, NIK, NAMA_LGKP, JENIS_KLMIN, TMPT_LHR, TGL_LHR, STAT_HBKEL, ALAMAT, DUSUN, NO_RT, NO_RW, KEL_NAME, KEC_NAME, NAMA_LGKP_IBU; atau format DTKS (NOKK, NIK, NAMA, TANGGAL LAHIR, JENIS KELAMIN, HUB KELUARGA, DESA/KELURAHAN, BANSOS PKH, ...). KK yang sudah ada di register tidak ditimpa.",
                "One row per person. Dukcapil columns: NO_KK, NIK, NAMA_LGKP, JENIS_KLMIN, TMPT_LHR, TGL_LHR, STAT_HBKEL, ALAMAT, DUSUN, NO_RT, NO_RW, KEL_NAME, KEC_NAME, NAMA_LGKP_IBU; or the DTKS layout (NOKK, NIK, NAMA, TANGGAL LAHIR, JENIS KELAMIN, HUB KELUARGA, DESA/KELURAHAN, BANSOS PKH, ...). Family cards already in the register are not overwritten.",
            ),
            Text::ImportHintPoor => (
                "Kolom DESA (nama) atau KODE DESA, KECAMATAN bila ada, dan PENDUDUK MISKIN (jumlah jiwa). Angka ini membagi kuota PKH dan BPNT antar desa.",
                "Columns DESA (name) or KODE DESA, KECAMATAN if present, and PENDUDUK MISKIN (persons). These numbers split the PKH and BPNT quota between villages.",
            ),
            Text::ImportHintDesa => (
                "Satu nama desa per baris (boleh ditambah kecamatan setelah koma: \"Banyoneng Laok, Geger\"), atau satu kolom berjudul DESA. Daftar ini menggantikan daftar desa lokus.",
                "One village name per line (a kecamatan may follow a comma: \"Banyoneng Laok, Geger\"), or one column headed DESA. This list replaces the priority village list.",
            ),
            Text::ImportFileLabel => (
                "File (CSV atau XLSX, paling besar 20 MB)",
                "File (CSV or XLSX, at most 20 MB)",
            ),
            Text::ImportCheck => ("Periksa file", "Check file"),
            Text::ImportNoFile => ("Pilih file dulu.", "Choose a file first."),
            Text::ImportUploading => ("Mengunggah file…", "Uploading the file…"),
            Text::ImportChecking => ("Memeriksa setiap baris…", "Checking every row…"),
            Text::ImportApplying => ("Menerapkan…", "Applying…"),
            Text::ImportEmpty => ("Belum ada file yang diperiksa.", "No file checked yet."),
            Text::ImportEmptyHint => (
                "Pilih jenis data dan file, lalu tekan Periksa file. Laporannya menunjukkan setiap baris yang salah.",
                "Choose the kind of data and a file, then press Check file. The report shows every row with a problem.",
            ),
            Text::ImportRowsRead => ("baris dibaca", "rows read"),
            Text::ImportFamiliesNew => ("keluarga baru", "new families"),
            Text::ImportMembersNew => ("anggota", "members"),
            Text::ImportDesaCount => ("desa", "villages"),
            Text::ImportKnown => (
                "KK sudah ada di register: tidak ditimpa",
                "family cards already in the register: not overwritten",
            ),
            Text::ImportProblemsTitle => ("Baris yang salah", "Rows with problems"),
            Text::ImportProblemsHint => (
                "Perbaiki baris-baris ini di file, simpan, lalu periksa lagi. Tidak ada yang diterapkan.",
                "Fix these rows in the file, save it, and check again. Nothing was applied.",
            ),
            Text::ImportShownOf => (
                "Ditampilkan {shown} dari {total} masalah.",
                "Showing {shown} of {total} problems.",
            ),
            Text::ImportRow => ("Baris", "Row"),
            Text::ImportColumn => ("Kolom", "Column"),
            Text::ImportProblem => ("Masalah", "Problem"),
            Text::ImportQuestionsTitle => (
                "Nama desa yang perlu dipastikan",
                "Village names to confirm",
            ),
            Text::ImportQuestionsHint => (
                "Nama ini tidak persis sama dengan daftar resmi. Pilih desa yang dimaksud.",
                "These names do not match the official list exactly. Choose the village meant.",
            ),
            Text::ImportChoose => ("— pilih desa —", "— choose a village —"),
            Text::ImportUses => ("baris", "rows"),
            Text::ImportPerDesa => ("Per desa", "Per village"),
            Text::ImportCount => ("Jumlah", "Count"),
            Text::ImportReady => (
                "Semua baris benar dan siap diterapkan.",
                "Every row is correct and ready to apply.",
            ),
            Text::ImportApply => ("Terapkan", "Apply"),
            Text::ImportApplyBlocked => (
                "Terapkan bisa ditekan setelah tidak ada baris salah dan semua nama desa dipilih.",
                "Apply becomes available once no row has a problem and every village name is chosen.",
            ),
            Text::ImportAppliedFamilies => ("keluarga ditambahkan", "families added"),
            Text::ImportAppliedDesa => ("desa diperbarui", "villages updated"),
            Text::ImportRepeated => (
                "File ini sudah pernah diterapkan; tidak ada yang diterapkan dua kali.",
                "This file was applied before; nothing is applied twice.",
            ),
            Text::ImportAnother => ("Impor file lain", "Import another file"),
            Text::ImportReportTitle => ("Laporan pemeriksaan", "Check report"),
            Text::ImportResultTitle => ("Diterapkan", "Applied"),
        };
        match lang {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_round_trip_and_switch() {
        assert_eq!(Lang::from_code(Lang::En.code()), Lang::En);
        assert_eq!(Lang::from_code("xx"), Lang::Id);
        assert_eq!(Lang::Id.other(), Lang::En);
        assert_eq!(Text::LogIn.get(Lang::Id), "Masuk");
        assert_eq!(Text::LogIn.get(Lang::En), "Log in");
    }
}
