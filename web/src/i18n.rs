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
            Text::OfflineLogin => (
                "Anda sedang luring. Aplikasi tetap terbuka; masuk dan kirim data begitu sinyal kembali.",
                "You are offline. The app stays open; log in and send data once the signal is back.",
            ),
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
