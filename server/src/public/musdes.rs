//! `GET /publik/musdes…`: the published results of village meetings. Per desa, the closed
//! meetings (newest first) with the proposals they agreed: the head of family's name, the dusun
//! and the kind of proposal, nothing else (no NIK, no KK, no score, no member list). Printed,
//! a page is the notice the village pins up; one meeting not yet closed is shown only to a
//! logged-in user whose scope holds the desa, marked as a draft to print and photograph as the
//! musdes' notice evidence.

use super::html::{esc, page};
use super::{blocking, desa_of, kabupaten_tree, message, respond};
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::state::AppState;
use crate::store::{Store, StoreResult};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tepat_domain::meeting::Musdes;
use tepat_domain::text::format_date_id;
use tepat_protocol::RegionRef;

/// One agreed proposal as the notice lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agreed {
    /// The head of family's name.
    pub name: String,
    /// The dusun.
    pub dusun: String,
    /// The kind of proposal, in words.
    pub kind: &'static str,
}

/// The proposals `musdes` agreed, in agenda order.
pub fn agreed(store: &dyn Store, musdes: &Musdes) -> StoreResult<Vec<Agreed>> {
    let mut out = Vec::new();
    for item in &musdes.agenda {
        if !item.decision.as_ref().is_some_and(|d| d.accepted) {
            continue;
        }
        let Some(proposal) = store.proposal(item.proposal)? else {
            continue;
        };
        let Some(family) = store.family(proposal.family)? else {
            continue;
        };
        out.push(Agreed {
            name: family.head_name().to_owned(),
            dusun: family.address.dusun.clone(),
            kind: proposal.kind.label_id(),
        });
    }
    Ok(out)
}

/// One meeting as the notice shows it.
pub fn render_one(desa: &RegionRef, musdes: &Musdes, agreed: &[Agreed], draft: bool) -> String {
    let rows: String = if agreed.is_empty() {
        r#"<p data-testid="musdes-none">Tidak ada usulan yang disepakati dalam musyawarah ini.</p>"#
            .to_owned()
    } else {
        let rows: String = agreed
            .iter()
            .enumerate()
            .map(|(i, a)| {
                format!(
                    r#"<tr data-testid="agreed-row"><td>{}</td><td data-testid="agreed-name">{}</td><td>{}</td><td>{}</td></tr>"#,
                    i + 1,
                    esc(&a.name),
                    esc(&a.dusun),
                    esc(a.kind)
                )
            })
            .collect();
        format!(
            r#"<table class="agreed"><thead><tr><th>No</th><th>Nama kepala keluarga</th><th>Dusun</th><th>Usulan</th></tr></thead><tbody>{rows}</tbody></table>"#
        )
    };
    let draft = if draft {
        r#"<p class="draft" data-testid="musdes-draft">DRAF — untuk dicetak dan difoto sebagai bukti foto pengumuman</p>"#
    } else {
        ""
    };
    let date = format_date_id(musdes.schedule.date);
    format!(
        r#"<article class="card musdes" data-testid="musdes-notice">{draft}
<h2 class="notice-title">PENGUMUMAN HASIL MUSYAWARAH DESA {name_upper}</h2>
<p>Musyawarah desa pada {date} pukul {time} di {place} menyepakati usulan keluarga berikut untuk data kesejahteraan sosial (DTSEN):</p>
{rows}
<p>Warga yang keberatan dapat menyampaikan sanggahan melalui kantor desa atau layanan warga Tepat (menu Sanggah penerima).</p>
<div class="sign print-only"><div><p>{desa_name}, {date}</p><p>Kepala Desa</p><div class="space"></div><p>(................................)</p></div></div>
</article>"#,
        name_upper = esc(&desa.name.to_uppercase()),
        date = esc(&date),
        time = esc(&musdes.schedule.time.strftime("%H:%M").to_string()),
        place = esc(&musdes.schedule.place),
        desa_name = esc(&desa.name),
    )
}

/// GET /publik/musdes: every desa by kecamatan.
pub async fn index(State(state): State<AppState>) -> Response {
    let tree = match kabupaten_tree(&state).await {
        Ok(tree) => tree,
        Err(page) => return page,
    };
    let mut body = String::from(
        r#"<h1>Hasil musyawarah desa</h1><p class="lead">Pilih desa untuk melihat usulan yang disepakati musyawarah desa (musdes).</p>"#,
    );
    for (kecamatan, desa) in &tree {
        body.push_str(&format!(
            r#"<section class="card"><h2>Kecamatan {}</h2><ul class="regions">"#,
            esc(&kecamatan.name)
        ));
        for d in desa {
            body.push_str(&format!(
                r#"<li><a href="/publik/musdes/{code}">{name}</a></li>"#,
                code = esc(&d.code.to_string()),
                name = esc(&d.name)
            ));
        }
        body.push_str("</ul></section>");
    }
    respond(StatusCode::OK, page("Hasil musdes", &body))
}

fn no_desa() -> Response {
    message(
        StatusCode::NOT_FOUND,
        "Desa tidak ditemukan",
        "Desa ini tidak ada di kabupaten ini. Pilih desa dari daftar hasil musdes.",
    )
}

/// GET /publik/musdes/{desa}: the desa's closed meetings, newest first.
pub async fn desa(State(state): State<AppState>, Path(typed): Path<String>) -> Response {
    let kabupaten = state.config.kabupaten.clone();
    let found = blocking(&state, move |s| {
        let Some(desa) = desa_of(s, &kabupaten, &typed)? else {
            return Ok(None);
        };
        let mut closed: Vec<Musdes> = s
            .musdes_in(&desa.code)?
            .into_iter()
            .filter(|m| m.closed.is_some())
            .collect();
        closed.sort_by(|a, b| {
            (b.schedule.date, b.schedule.time).cmp(&(a.schedule.date, a.schedule.time))
        });
        let mut meetings = Vec::new();
        for m in closed {
            let list = agreed(s, &m)?;
            meetings.push((m, list));
        }
        Ok(Some((desa, meetings)))
    })
    .await;
    let (desa, meetings) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return no_desa(),
        Err(page) => return page,
    };
    let mut body = format!(
        r#"<div class="no-print"><h1>Hasil musdes {}</h1><p class="lead">Usulan yang disepakati musyawarah desa. Halaman ini dapat dicetak sebagai pengumuman desa.</p></div>"#,
        esc(&desa.display_name())
    );
    if meetings.is_empty() {
        body.push_str(r#"<section class="card" data-testid="musdes-empty"><p>Belum ada musyawarah desa yang selesai di desa ini.</p></section>"#);
    }
    for (m, list) in &meetings {
        body.push_str(&render_one(&desa, m, list, false));
        body.push_str(&format!(
            r#"<p class="no-print"><a href="/publik/musdes/{}/{}">Buka pengumuman musdes {} saja (untuk dicetak)</a></p>"#,
            esc(&desa.code.to_string()),
            m.id,
            esc(&format_date_id(m.schedule.date))
        ));
    }
    body.push_str(r#"<p class="no-print"><a class="button secondary" href="/publik/musdes">Desa lain</a></p>"#);
    respond(
        StatusCode::OK,
        page(&format!("Hasil musdes {}", desa.display_name()), &body),
    )
}

/// GET /publik/musdes/{desa}/{id}: one meeting; before it closes only for a logged-in user
/// whose scope holds the desa, as a draft.
pub async fn one(
    State(state): State<AppState>,
    user: Result<CurrentUser, AppError>,
    Path((typed, id)): Path<(String, String)>,
) -> Response {
    let not_found = || {
        message(
            StatusCode::NOT_FOUND,
            "Musdes tidak ditemukan",
            "Hasil musyawarah ini tidak ada atau belum diumumkan.",
        )
    };
    let Ok(id) = uuid::Uuid::parse_str(id.trim()) else {
        return not_found();
    };
    let kabupaten = state.config.kabupaten.clone();
    let found = blocking(&state, move |s| {
        let Some(desa) = desa_of(s, &kabupaten, &typed)? else {
            return Ok(None);
        };
        let Some(m) = s.musdes(id)?.filter(|m| m.desa == desa.code) else {
            return Ok(None);
        };
        let list = agreed(s, &m)?;
        Ok(Some((desa, m, list)))
    })
    .await;
    let (desa, m, list) = match found {
        Ok(Some(found)) => found,
        Ok(None) => return not_found(),
        Err(page) => return page,
    };
    let draft = m.closed.is_none();
    if draft && !user.is_ok_and(|u| u.user.region.contains(&desa.code)) {
        return not_found();
    }
    let mut body = render_one(&desa, &m, &list, draft);
    body.push_str(&format!(
        r#"<p class="no-print"><a class="button secondary" href="/publik/musdes/{}">Semua hasil musdes desa ini</a></p>"#,
        esc(&desa.code.to_string())
    ));
    respond(
        StatusCode::OK,
        page(&format!("Hasil musdes {}", desa.display_name()), &body),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_lists_names_and_dusun_only_and_marks_a_draft() {
        let desa = RegionRef {
            code: tepat_domain::RegionCode::parse("35.26.15.2012").unwrap(),
            name: "Lombang Dajah".into(),
            level: tepat_domain::RegionLevel::Desa,
        };
        let musdes = Musdes {
            id: uuid::Uuid::nil(),
            desa: desa.code.clone(),
            schedule: tepat_domain::meeting::MusdesSchedule {
                date: jiff::civil::date(2026, 11, 20),
                time: jiff::civil::time(9, 30, 0, 0),
                place: "Balai <Desa>".into(),
                chair: "H. Ahmad".into(),
            },
            agenda: vec![],
            evidence: vec![],
            created_by: "op".into(),
            created_at: jiff::Timestamp::UNIX_EPOCH,
            closed: None,
        };
        let agreed = [Agreed {
            name: "Siti Aminah".into(),
            dusun: "Barat".into(),
            kind: "Usulan baru",
        }];
        let html = render_one(&desa, &musdes, &agreed, false);
        assert!(html.contains("PENGUMUMAN HASIL MUSYAWARAH DESA LOMBANG DAJAH"));
        assert!(
            html.contains("20 Nov 2026 pukul 09:30 di Balai &lt;Desa&gt;"),
            "{html}"
        );
        assert!(html.contains(">Siti Aminah<") && html.contains(">Barat<"));
        assert!(!html.contains("DRAF"));
        assert!(render_one(&desa, &musdes, &agreed, true).contains("DRAF — untuk dicetak"));
    }
}
