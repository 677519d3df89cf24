//! The musdes papers to print (or save as PDF from the browser's print dialog): the berita
//! acara pre-filled with the meeting and its agenda (families, kind of proposal, masked NIK; the
//! decision when recorded, boxes to tick by hand when not), and the daftar hadir. Always in
//! Indonesian: they are official documents of the desa.

use crate::app::{AppContext, Route};
use crate::format;
use crate::i18n::{Lang, Text};
use crate::pages::musdes::{Loaded, fetch_into};
use crate::words;
use tepat_protocol::musdes::MusdesView;
use tepat_protocol::routes;
use yew::prelude::*;
use yew_router::prelude::*;

/// Props of [`MusdesPrintPage`].
#[derive(Properties, PartialEq)]
pub struct MusdesPrintProps {
    /// The meeting.
    pub id: uuid::Uuid,
    /// `berita-acara` or `daftar-hadir`.
    pub document: String,
}

/// Rows of the attendance list.
const ATTENDANCE_ROWS: usize = 30;

/// The printable page.
#[function_component(MusdesPrintPage)]
pub fn musdes_print_page(props: &MusdesPrintProps) -> Html {
    let app = use_context::<AppContext>().expect("app context");
    let lang = app.lang;
    let view = use_state(|| Loaded::<MusdesView>::Loading);
    {
        let view = view.clone();
        use_effect_with(props.id, move |id| {
            fetch_into(routes::musdes_path(id), view, lang);
        });
    }
    let kabupaten = app
        .config
        .as_ref()
        .map(|c| c.kabupaten.display_name())
        .unwrap_or_default();
    let paper = match &*view {
        Loaded::Loading => html! { <p class="muted">{ "…" }</p> },
        Loaded::Failed(message) => html! { <p class="banner warning">{ message }</p> },
        Loaded::Ready(meeting) if props.document == "daftar-hadir" => {
            attendance(meeting, &kabupaten)
        }
        Loaded::Ready(meeting) => minutes(meeting, &kabupaten),
    };
    let print = Callback::from(|_| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <div class="print-page">
            <nav class="print-tools no-print">
                <Link<Route> to={Route::Musdes { id: props.id.to_string() }} classes="button ghost">
                    { Text::MusdesBack.get(lang) }
                </Link<Route>>
                <button type="button" class="button primary" onclick={print} data-testid="print">
                    { Text::MusdesPrint.get(lang) }
                </button>
            </nav>
            <article class="paper" data-testid="paper">{ paper }</article>
        </div>
    }
}

fn letterhead(meeting: &MusdesView, kabupaten: &str) -> Html {
    let kecamatan = meeting
        .kecamatan
        .as_ref()
        .map(|k| k.name.to_uppercase())
        .unwrap_or_default();
    html! {
        <header class="letterhead">
            <p>{ format!("PEMERINTAH {}", kabupaten.to_uppercase()) }</p>
            <p>{ format!("KECAMATAN {kecamatan}") }</p>
            <p class="desa">{ format!("DESA {}", meeting.desa.name.to_uppercase()) }</p>
        </header>
    }
}

fn when(meeting: &MusdesView) -> String {
    let s = &meeting.schedule;
    format!(
        "hari {}, tanggal {}, pukul {} WIB",
        words::weekday(s.date, Lang::Id),
        format::date(s.date, Lang::Id),
        format::clock(s.time)
    )
}

fn minutes(meeting: &MusdesView, kabupaten: &str) -> Html {
    let s = &meeting.schedule;
    let decision = |item: &tepat_protocol::musdes::AgendaView| match &item.decision {
        Some(d) if d.accepted => html! { "Disetujui" },
        Some(_) => html! { "Tidak disetujui" },
        None => html! { <span class="tick-boxes">{ "☐ Setuju  ☐ Tidak" }</span> },
    };
    html! {
        <>
            { letterhead(meeting, kabupaten) }
            <h1>{ "BERITA ACARA" }</h1>
            <h2>{ "MUSYAWARAH DESA PEMUTAKHIRAN DATA KESEJAHTERAAN SOSIAL" }</h2>
            <p>
                { format!(
                    "Pada {}, bertempat di {}, telah dilaksanakan Musyawarah Desa {} yang dipimpin oleh {}, \
                     untuk membahas usulan pemutakhiran Data Terpadu Kesejahteraan Sosial (DTKS/DTSEN) desa sebagai berikut:",
                    when(meeting), s.place, meeting.desa.name, s.chair
                ) }
            </p>
            <table class="paper-table" data-testid="minutes-agenda">
                <thead>
                    <tr>
                        <th>{ "No" }</th>
                        <th>{ "Nama kepala keluarga" }</th>
                        <th>{ "NIK" }</th>
                        <th>{ "Alamat" }</th>
                        <th>{ "Jenis usulan" }</th>
                        <th>{ "Skor" }</th>
                        <th>{ "Keputusan" }</th>
                        <th>{ "Catatan" }</th>
                    </tr>
                </thead>
                <tbody>
                    if meeting.agenda.is_empty() {
                        <tr><td colspan="8">{ "Tidak ada usulan dalam agenda." }</td></tr>
                    }
                    { for meeting.agenda.iter().enumerate().map(|(i, item)| html! {
                        <tr>
                            <td>{ i + 1 }</td>
                            <td>{ &item.head_name }</td>
                            <td class="nik">{ &item.nik_masked }</td>
                            <td>{ &item.address }</td>
                            <td>{ words::kind(item.kind, Lang::Id) }</td>
                            <td class="number">{ item.score }</td>
                            <td>{ decision(item) }</td>
                            <td>{ item.decision.as_ref().map(|d| d.note.clone()).unwrap_or_default() }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <p>
                { "Usulan yang disetujui musyawarah diteruskan kepada Kecamatan untuk diperiksa dan selanjutnya \
                   kepada Dinas Sosial. Berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya." }
            </p>
            <p class="place-date">{ format!("{}, {}", meeting.desa.name, format::date(s.date, Lang::Id)) }</p>
            <div class="signatures">
                { signature("Pemimpin Musyawarah", &s.chair) }
                { signature("Notulis", "") }
                { signature("Kepala Desa", "") }
            </div>
        </>
    }
}

fn signature(role: &str, name: &str) -> Html {
    html! {
        <div class="signature">
            <p>{ role }</p>
            <div class="sign-space"></div>
            <p class="sign-name">{ if name.is_empty() { "(.................................)".to_owned() } else { format!("({name})") } }</p>
        </div>
    }
}

fn attendance(meeting: &MusdesView, kabupaten: &str) -> Html {
    html! {
        <>
            { letterhead(meeting, kabupaten) }
            <h1>{ "DAFTAR HADIR" }</h1>
            <h2>{ format!("MUSYAWARAH DESA {}", meeting.desa.name.to_uppercase()) }</h2>
            <p>{ format!("{}, di {}.", when(meeting), meeting.schedule.place) }</p>
            <p>{ format!("Agenda: pembahasan {} usulan pemutakhiran data kesejahteraan sosial.", meeting.agenda.len()) }</p>
            <table class="paper-table attendance" data-testid="attendance-rows">
                <thead>
                    <tr>
                        <th>{ "No" }</th>
                        <th>{ "Nama" }</th>
                        <th>{ "Jabatan / unsur" }</th>
                        <th>{ "Alamat" }</th>
                        <th colspan="2">{ "Tanda tangan" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for (1..=ATTENDANCE_ROWS).map(|n| html! {
                        <tr>
                            <td>{ n }</td>
                            <td></td>
                            <td></td>
                            <td></td>
                            <td class="sign-left">{ if n % 2 == 1 { format!("{n}.") } else { String::new() } }</td>
                            <td class="sign-right">{ if n % 2 == 0 { format!("{n}.") } else { String::new() } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <div class="signatures">
                { signature("Pemimpin Musyawarah", &meeting.schedule.chair) }
            </div>
        </>
    }
}
