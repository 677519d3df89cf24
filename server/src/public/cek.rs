//! `GET/POST /publik/cek`: is this person's family in the register? A match needs a family of
//! the chosen desa with an active member holding the NIK whose name is exactly the one typed;
//! then the answer says only that the family is registered in that desa, its latest proposal
//! in words and the programmes it receives. Anything else gets one neutral answer, the same
//! page whatever the reason, held to the same time floor. Every check is audited with the NIK
//! masked and never the typed name.

use super::html::{desa_select, esc, input, page};
use super::{Client, Shared, audit, blocking, desa_of, kabupaten_tree, limiter, respond, too_many};
use crate::state::AppState;
use crate::store::{AuditAction, Store, StoreResult};
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use std::time::Duration;
use tepat_domain::cases::{MAX_NAME_CHARS, exact_name, tidy};
use tepat_domain::identity::Nik;
use tepat_domain::{Family, RegionCode};
use tepat_protocol::RegionRef;

/// Every POST answer takes at least this long from the request's arrival, so a match and a
/// miss cannot be told apart by time.
pub const FLOOR: Duration = Duration::from_millis(700);

/// The neutral answer: no match, whatever the reason.
pub const NEUTRAL: &str = "Data tidak ditemukan untuk NIK dan nama ini di desa yang dipilih. Periksa ejaan nama seperti di KK, atau hubungi operator desa.";

/// The form as typed.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct CekForm {
    /// NIK.
    #[serde(default)]
    pub nik: String,
    /// Full name.
    #[serde(default)]
    pub nama: String,
    /// Desa code.
    #[serde(default)]
    pub desa: String,
}

/// What a resident is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The family is registered.
    Found {
        /// The desa's name.
        desa: String,
        /// The latest proposal's kind and state, in words.
        proposal: Option<(String, String)>,
        /// Programmes received, in words.
        programmes: Vec<String>,
    },
    /// The neutral answer.
    NotFound,
}

#[derive(Default)]
struct Problems {
    nik: Option<String>,
    nama: Option<String>,
    desa: Option<String>,
}

impl Problems {
    fn any(&self) -> bool {
        self.nik.is_some() || self.nama.is_some() || self.desa.is_some()
    }
}

/// Whether `family` answers a check for `nik` and `name` in `desa`: the family is of that
/// desa and an active member holds the NIK under exactly that name.
pub fn is_match(family: &Family, desa: &RegionCode, nik: &Nik, name: &str) -> bool {
    family.desa == *desa
        && family
            .active_members()
            .any(|m| m.nik == *nik && exact_name(name, &m.name))
}

/// The answer for a check, from the store.
pub fn answer(store: &dyn Store, desa: &RegionRef, nik: &Nik, name: &str) -> StoreResult<Answer> {
    let mut found = None;
    for id in store.families_with_nik(nik)? {
        if let Some(family) = store.family(id)?
            && is_match(&family, &desa.code, nik, name)
        {
            found = Some(family);
            break;
        }
    }
    let Some(family) = found else {
        return Ok(Answer::NotFound);
    };
    let proposal = store
        .proposals_in(&desa.code)?
        .into_iter()
        .filter(|p| p.family == family.id)
        .max_by_key(|p| (p.created_at, p.id))
        .map(|p| (p.kind.label_id().to_owned(), p.state.label_id().to_owned()));
    let programmes = family
        .instrument
        .programmes
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|p| p.label_id().to_owned())
        .collect();
    Ok(Answer::Found {
        desa: desa.display_name(),
        proposal,
        programmes,
    })
}

/// The answer's box (no echo of what was typed).
pub fn render_answer(answer: &Answer) -> String {
    match answer {
        Answer::NotFound => format!(
            r#"<section class="card answer neutral" data-testid="cek-answer" aria-live="polite"><h2>Hasil pengecekan</h2><p data-testid="cek-neutral">{}</p></section>"#,
            esc(NEUTRAL)
        ),
        Answer::Found {
            desa,
            proposal,
            programmes,
        } => {
            let proposal = match proposal {
                Some((kind, state)) => format!("{} — {}", esc(kind), esc(state)),
                None => "Belum ada usulan untuk keluarga ini.".to_owned(),
            };
            let programmes = if programmes.is_empty() {
                "Belum tercatat menerima program bantuan.".to_owned()
            } else {
                esc(&programmes.join(", "))
            };
            format!(
                r#"<section class="card answer" data-testid="cek-answer" aria-live="polite"><h2>Hasil pengecekan</h2><p><span class="status-word" data-testid="cek-status">Terdaftar</span></p><p>Keluarga ini terdaftar dalam data kesejahteraan sosial {desa}.</p><dl><dt>Usulan terakhir</dt><dd data-testid="cek-proposal">{proposal}</dd><dt>Bantuan yang diterima</dt><dd data-testid="cek-programmes">{programmes}</dd></dl></section>"#,
                desa = esc(desa),
            )
        }
    }
}

fn render(
    tree: &[(RegionRef, Vec<RegionRef>)],
    form: &CekForm,
    problems: &Problems,
    answer: Option<&Answer>,
) -> String {
    let body = format!(
        r#"<h1>Cek status keluarga</h1>
<p class="lead">Masukkan NIK dan nama lengkap seperti tertulis di KK, lalu pilih desa tempat keluarga terdaftar. Jawaban hanya menyebut status keluarga tersebut.</p>
{answer}
<form class="card" method="post" action="/publik/cek" data-testid="cek-form" novalidate>
{nik}{nama}{desa}
<button type="submit" data-testid="cek-submit">Cek status</button>
</form>
<p class="privacy">Pengecekan dicatat tanpa menyimpan NIK lengkap. Paling banyak 20 pengecekan per menit dari satu perangkat.</p>"#,
        answer = answer.map(render_answer).unwrap_or_default(),
        nik = input(
            "nik",
            "NIK (16 angka)",
            &form.nik,
            problems.nik.as_deref(),
            None,
            r#"inputmode="numeric" autocomplete="off" maxlength="24" data-testid="cek-nik""#
        ),
        nama = input(
            "nama",
            "Nama lengkap",
            &form.nama,
            problems.nama.as_deref(),
            Some("Seperti tertulis di Kartu Keluarga."),
            r#"autocomplete="off" maxlength="120" data-testid="cek-nama""#
        ),
        desa = desa_select(tree, &form.desa, problems.desa.as_deref(), "Desa"),
    );
    page("Cek status", &body)
}

/// GET: the empty form.
pub async fn form(State(state): State<AppState>) -> Response {
    match kabupaten_tree(&state).await {
        Ok(tree) => respond(
            StatusCode::OK,
            render(&tree, &CekForm::default(), &Problems::default(), None),
        ),
        Err(page) => page,
    }
}

/// POST: one check.
pub async fn check(
    State(state): State<AppState>,
    axum::Extension(limits): Shared,
    Client(client): Client,
    Form(form): Form<CekForm>,
) -> Response {
    let start = tokio::time::Instant::now();
    let response = check_inner(&state, &limits, &client, form).await;
    tokio::time::sleep_until(start + FLOOR).await;
    response
}

async fn check_inner(
    state: &AppState,
    limits: &limiter::Limits,
    client: &str,
    form: CekForm,
) -> Response {
    let now = state.clock.now();
    let nik = Nik::parse(form.nik.trim());
    let masked = nik
        .as_ref()
        .map(|n| n.masked())
        .unwrap_or_else(|_| "(tidak sah)".into());
    let log = |outcome: &str| {
        format!(
            "cek status: NIK {masked}, desa {}: {outcome}",
            tidy(&form.desa).chars().take(20).collect::<String>()
        )
    };
    if limits
        .checks_by_address
        .hit(&format!("addr:{client}"), now)
        .is_err()
    {
        let entry = audit(
            now,
            AuditAction::PublicCheck,
            client,
            log("ditolak: batas (perangkat)"),
        );
        if let Err(page) = blocking(state, move |s| s.append_audit(&entry)).await {
            return page;
        }
        return too_many("Terlalu banyak pengecekan dari perangkat ini. Coba lagi dalam 1 menit.");
    }
    let tree = match kabupaten_tree(state).await {
        Ok(tree) => tree,
        Err(page) => return page,
    };
    let kabupaten = state.config.kabupaten.clone();
    let typed_desa = form.desa.clone();
    let desa = match blocking(state, move |s| desa_of(s, &kabupaten, &typed_desa)).await {
        Ok(desa) => desa,
        Err(page) => return page,
    };
    let name = tidy(&form.nama);
    let mut problems = Problems::default();
    if let Err(e) = &nik {
        problems.nik = Some(tepat_domain::text::sentence(&e.to_string()));
    }
    if name.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        problems.nama = Some("Isi nama lengkap seperti di KK.".into());
    } else if name.chars().count() > MAX_NAME_CHARS {
        problems.nama = Some(format!(
            "Nama terlalu panjang (paling banyak {MAX_NAME_CHARS} huruf)."
        ));
    }
    if desa.is_none() {
        problems.desa = Some("Pilih desa tempat keluarga terdaftar.".into());
    }
    let (Ok(nik), Some(desa), false) = (nik, desa, problems.any()) else {
        return respond(
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&tree, &form, &problems, None),
        );
    };
    if let Err(wait) = limits
        .checks_by_nik
        .hit(&format!("nik:{}", nik.as_str()), now)
    {
        let entry = audit(
            now,
            AuditAction::PublicCheck,
            client,
            log("ditolak: batas (NIK)"),
        );
        if let Err(page) = blocking(state, move |s| s.append_audit(&entry)).await {
            return page;
        }
        return too_many(&format!(
            "Terlalu banyak pengecekan untuk NIK ini. Coba lagi dalam {} menit.",
            limiter::minutes(wait)
        ));
    }
    let detail_found = log("cocok");
    let detail_missed = log("tidak cocok");
    let client_owned = client.to_owned();
    let result = blocking(state, move |s| {
        let answer = answer(s, &desa, &nik, &name)?;
        let detail = match answer {
            Answer::Found { .. } => detail_found,
            Answer::NotFound => detail_missed,
        };
        s.append_audit(&audit(now, AuditAction::PublicCheck, &client_owned, detail))?;
        Ok(answer)
    })
    .await;
    match result {
        Ok(answer) => respond(
            StatusCode::OK,
            render(&tree, &form, &Problems::default(), Some(&answer)),
        ),
        Err(page) => page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tepat_domain::family::MemberStatus;

    fn family() -> Family {
        crate::demo::families().remove(0)
    }

    #[test]
    fn only_an_active_member_of_the_chosen_desa_under_the_exact_name_matches() {
        let family = family();
        let head = family.head().unwrap().clone();
        let desa = family.desa.clone();
        assert!(is_match(&family, &desa, &head.nik, &head.name));
        assert!(
            is_match(&family, &desa, &head.nik, &head.name.to_uppercase()),
            "case and spacing are forgiven"
        );
        assert!(
            !is_match(&family, &desa, &head.nik, "Nama Lain Sekali"),
            "wrong name"
        );
        let other_desa = RegionCode::parse("35.26.15.2004").unwrap();
        assert_ne!(other_desa, desa);
        assert!(
            !is_match(&family, &other_desa, &head.nik, &head.name),
            "another desa"
        );
        let mut gone = family.clone();
        gone.members[0].status = MemberStatus::Died(jiff::civil::date(2025, 1, 1));
        assert!(
            !is_match(&gone, &desa, &head.nik, &head.name),
            "inactive member"
        );
        let unknown = Nik::parse("3526151201900099").unwrap();
        assert!(
            !is_match(&family, &desa, &unknown, &head.name),
            "unknown NIK"
        );
    }

    #[test]
    fn every_miss_gets_the_same_page_and_a_match_says_terdaftar() {
        let store = crate::store::MemoryStore::new();
        let family = family();
        store.put_families(std::slice::from_ref(&family)).unwrap();
        let head = family.head().unwrap().clone();
        let region = |code: &RegionCode| RegionRef {
            code: code.clone(),
            name: "Uji".into(),
            level: tepat_domain::RegionLevel::Desa,
        };
        let home = region(&family.desa);
        let other = region(&RegionCode::parse("35.26.15.2004").unwrap());
        let unknown = Nik::parse("3526151201900099").unwrap();
        let found = answer(&store, &home, &head.nik, &head.name).unwrap();
        assert!(matches!(found, Answer::Found { .. }));
        assert!(render_answer(&found).contains("Terdaftar"));
        let misses = [
            answer(&store, &home, &head.nik, "Nama Lain Sekali").unwrap(),
            answer(&store, &home, &unknown, &head.name).unwrap(),
            answer(&store, &other, &head.nik, &head.name).unwrap(),
        ];
        let tree = vec![];
        let form = CekForm {
            nik: head.nik.to_string(),
            nama: head.name.clone(),
            desa: family.desa.to_string(),
        };
        let pages: Vec<String> = misses
            .iter()
            .map(|a| render(&tree, &form, &Problems::default(), Some(a)))
            .collect();
        assert!(pages.iter().all(|p| *p == pages[0]), "one neutral page");
        assert!(pages[0].contains(&esc(NEUTRAL)));
        assert!(!pages[0].contains("Terdaftar"));
    }
}
