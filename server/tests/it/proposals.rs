//! Proposals over HTTP: the approval chain step by step, and the server refusing a step by the
//! wrong role, outside its window, or past the desa's quota (which puts it on the waiting list
//! and promotes it when a place frees).

use crate::helpers::{TestApp, spawn_app};
use crate::musdes::hold_musdes;
use serde_json::{Value, json};
use tepat_protocol::routes as r;

fn family_ids(desa: &str) -> Vec<String> {
    tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == desa)
        .map(|f| f.id.to_string())
        .collect()
}

async fn create(app: &TestApp, client: &reqwest::Client, family: &str, kind: Value) -> Value {
    let response = client
        .post(app.url(r::PROPOSALS))
        .json(&json!({ "family": family, "kind": kind }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn step(app: &TestApp, client: &reqwest::Client, id: &str, step: Value) -> (u16, Value) {
    let path = r::PROPOSAL_STEPS.replace("{id}", id);
    let response = client
        .post(app.url(&path))
        .json(&json!({ "step": step, "device": "tablet-uji" }))
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

fn at(text: &str) -> jiff::Timestamp {
    text.parse().unwrap()
}

#[tokio::test]
async fn a_proposal_climbs_the_chain_and_every_step_is_recorded() {
    let app = spawn_app().await;
    let desa = app.login("op.lombangdajah").await;
    let family = &family_ids("35.26.15.2012")[0];
    let proposal = create(&app, &desa, family, json!("NewFamily")).await;
    assert_eq!(proposal["state"], "Draft");
    assert_eq!(
        proposal["allowed_steps"],
        json!(["SubmitToMusdes", "Withdraw"])
    );
    let id = proposal["id"].as_str().unwrap().to_owned();

    let kec = app.login("kec.blega").await;
    let dinsos = app.login("dinsos").await;
    let kadinsos = app.login("kadinsos").await;
    // Ratification is only on H-1 of the month's end (29 Nov 2026 in WIB), six days later:
    // the Bupati logs in that day (sessions last 12 hours).
    let bupati = app.client();
    let dinsos_later = app.client();
    let (status, view) = step(&app, &desa, &id, json!("SubmitToMusdes")).await;
    assert_eq!(
        (status, view["state"].as_str()),
        (200, Some("AwaitingMusdes"))
    );
    // The musdes records the decision and sends it up when it closes.
    let closed = hold_musdes(&app, &desa, &[]).await;
    assert_eq!(closed["agenda"][0]["state"], "KecamatanCheck");
    let path: [(&reqwest::Client, Value, &str); 6] = [
        (&kec, json!("Approve"), "DinasVerification"),
        (&dinsos, json!("Verify"), "KepalaDinasSignOff"),
        (&kadinsos, json!("SignOff"), "BupatiRatification"),
        (&bupati, json!("Ratify"), "Ratified"),
        (&dinsos, json!("SendToNational"), "SentToNational"),
        (&dinsos, json!("ConfirmFinal"), "Final"),
    ];
    for (client, body, expected) in path {
        if expected == "Ratified" {
            app.clock.set(at("2026-11-29T03:00:00Z"));
            for (client, username) in [(&bupati, "bupati"), (&dinsos_later, "dinsos")] {
                let login = json!({ "username": username, "password": crate::helpers::PASSWORD });
                client
                    .post(app.url(r::LOGIN))
                    .json(&login)
                    .send()
                    .await
                    .unwrap();
            }
        }
        let client = if expected == "SentToNational" || expected == "Final" {
            &dinsos_later
        } else {
            client
        };
        let (status, view) = step(&app, client, &id, body.clone()).await;
        assert_eq!(status, 200, "{body}: {view}");
        assert_eq!(view["state"], expected);
    }
    let detail: Value = app
        .get_json(&dinsos_later, &r::PROPOSAL.replace("{id}", &id))
        .await;
    let steps = detail["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 9);
    assert_eq!(steps[6]["by"], "bupati");
    assert_eq!(steps[6]["role"], "Bupati");
    assert_eq!(steps[6]["device"], "tablet-uji");
    assert_eq!(steps[6]["at"], "2026-11-29T03:00:00Z");
    assert_eq!(detail["allowed_steps"], json!([]));
}

#[tokio::test]
async fn wrong_role_wrong_state_and_missing_reason_are_refused_with_reasons() {
    let app = spawn_app().await;
    let desa = app.login("op.lombangdajah").await;
    let id = create(
        &app,
        &desa,
        &family_ids("35.26.15.2012")[1],
        json!("Correction"),
    )
    .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(step(&app, &desa, &id, json!("SubmitToMusdes")).await.0, 200);
    hold_musdes(&app, &desa, &[]).await;
    // The Bupati cannot do the kecamatan's check.
    let (status, body) = step(&app, &app.login("bupati").await, &id, json!("Approve")).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("StepRefused")));
    assert_eq!(
        body["message"],
        "Langkah \"Setujui\" hanya boleh dilakukan oleh Pengelola data kecamatan."
    );
    // Nor ratify what the kecamatan has not checked: the state is checked before the window.
    let (status, body) = step(&app, &app.login("bupati").await, &id, json!("Ratify")).await;
    assert_eq!(status, 409);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Usulan berstatus \"Pemeriksaan kecamatan\" tidak dapat di-\"Sahkan\""),
        "{body}"
    );
    // Returning needs a reason.
    let kec = app.login("kec.blega").await;
    let (status, body) = step(&app, &kec, &id, json!({ "Return": { "reason": " " } })).await;
    assert_eq!(status, 409);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("Tuliskan alasan")
    );
    // Another desa's operator may not even look.
    let (status, body) = step(
        &app,
        &app.login("op.alasraja").await,
        &id,
        json!("Withdraw"),
    )
    .await;
    assert_eq!((status, body["code"].as_str()), (403, Some("OutOfScope")));
    // With a reason the kecamatan returns it, and the desa sees why.
    let (status, body) = step(
        &app,
        &kec,
        &id,
        json!({ "Return": { "reason": "Foto rumah belum ada" } }),
    )
    .await;
    assert_eq!((status, body["state"].as_str()), (200, Some("Returned")));
    let view: Value = app.get_json(&desa, &r::PROPOSAL.replace("{id}", &id)).await;
    assert_eq!(
        view["steps"][3]["step"]["Return"]["reason"],
        "Foto rumah belum ada"
    );
    assert_eq!(view["allowed_steps"], json!(["Revise", "Withdraw"]));
}

#[tokio::test]
async fn steps_outside_their_window_are_refused_with_the_next_opening() {
    let app = spawn_app().await;
    let desa = app.login("op.lombangdajah").await;
    let families = family_ids("35.26.15.2012");
    // 10 Nov 2026: bansos proposals open only from the 15th.
    app.clock.set(at("2026-11-10T03:00:00Z"));
    let pkh = create(&app, &desa, &families[2], json!("BansosPkh")).await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        step(&app, &desa, &pkh, json!("SubmitToMusdes")).await.0,
        200
    );
    // The musdes agrees; closing cannot send it up yet, and says so.
    let closed = hold_musdes(&app, &desa, &[]).await;
    assert_eq!(closed["agenda"][0]["state"], "ReadyToSend");
    assert!(
        closed["outcome"][0]
            .as_str()
            .unwrap()
            .ends_with("belum dikirim. Usulan bansos hanya dibuka tanggal 15 sampai H-6 akhir bulan. Dibuka lagi 15 Nov 2026."),
        "{closed}"
    );
    let (status, body) = step(&app, &desa, &pkh, json!("SendUp")).await;
    assert_eq!(status, 409);
    assert_eq!(
        body["message"],
        "Usulan bansos hanya dibuka tanggal 15 sampai H-6 akhir bulan. Dibuka lagi 15 Nov 2026."
    );
    let windows: Value = app.get_json(&desa, r::WINDOWS).await;
    assert_eq!(windows["today"], "2026-11-10");
    assert_eq!(
        windows["windows"][2]["status"],
        json!({ "Closed": { "opens_on": "2026-11-15" } })
    );
    assert_eq!(
        windows["windows"][3]["status"],
        json!({ "Open": { "until": "2026-11-11" } })
    );
    // A refused step changed nothing.
    let view: Value = app
        .get_json(&desa, &r::PROPOSAL.replace("{id}", &pkh))
        .await;
    assert_eq!(view["state"], "ReadyToSend");
    assert_eq!(view["steps"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn past_its_quota_a_desa_waits_poorest_first_and_a_freed_place_promotes() {
    let app = spawn_app().await;
    // The Dinas gives PKH one place for Lombang Dajah.
    let dinsos = app.login("dinsos").await;
    let settings = json!({ "kabupaten_quota": 1, "poor_by_desa": [["35.26.15.2012", 120]] });
    let response = dinsos
        .put(app.url(&r::QUOTA.replace("{programme}", "PKH")))
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let desa = app.login("op.lombangdajah").await;
    let families = family_ids("35.26.15.2012");
    let mut ids = Vec::new();
    for family in &families[..3] {
        let id = create(&app, &desa, family, json!("BansosPkh")).await["id"]
            .as_str()
            .unwrap()
            .to_owned();
        assert_eq!(step(&app, &desa, &id, json!("SubmitToMusdes")).await.0, 200);
        ids.push(id);
    }
    // One musdes agrees to all three; closing sends them up in agenda order (oldest first).
    let closed = hold_musdes(&app, &desa, &[]).await;
    let outcome: Vec<&str> = closed["outcome"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o.as_str().unwrap())
        .collect();
    assert!(
        outcome[1].ends_with("kuota desa penuh, masuk daftar tunggu."),
        "{outcome:?}"
    );
    let view_of = |id: String| {
        let app = &app;
        let desa = desa.clone();
        async move { app.get_json(&desa, &r::PROPOSAL.replace("{id}", &id)).await }
    };
    let first = view_of(ids[0].clone()).await;
    assert_eq!(first["state"], "KecamatanCheck");
    let second = view_of(ids[1].clone()).await;
    let third = view_of(ids[2].clone()).await;
    assert_eq!(
        (second["state"].as_str(), third["state"].as_str()),
        (Some("WaitingList"), Some("WaitingList"))
    );
    // The poorer family (higher score) is first in line.
    let (poorer, richer) = if second["score"].as_i64() >= third["score"].as_i64() {
        (&second, &third)
    } else {
        (&third, &second)
    };
    let position = |id: &Value| {
        let app = &app;
        let desa = desa.clone();
        let id = id.as_str().unwrap().to_owned();
        async move {
            let view: Value = app.get_json(&desa, &r::PROPOSAL.replace("{id}", &id)).await;
            (
                view["state"].as_str().unwrap().to_owned(),
                view["waiting_position"].clone(),
            )
        }
    };
    assert_eq!(
        position(&poorer["id"]).await,
        ("WaitingList".into(), json!(1))
    );
    assert_eq!(
        position(&richer["id"]).await,
        ("WaitingList".into(), json!(2))
    );
    let quota: Value = app
        .get_json(&dinsos, &r::QUOTA.replace("{programme}", "PKH"))
        .await;
    assert_eq!(quota["desa"][0]["share"], 1);
    assert_eq!(quota["desa"][0]["placed"], 1);
    assert_eq!(quota["desa"][0]["waiting"], 2);

    // The kecamatan returns the first: its place goes to the poorer waiting family.
    let kec = app.login("kec.blega").await;
    let (status, _) = step(
        &app,
        &kec,
        &ids[0],
        json!({ "Return": { "reason": "Data ganda" } }),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        position(&poorer["id"]).await,
        ("KecamatanCheck".into(), Value::Null)
    );
    assert_eq!(
        position(&richer["id"]).await,
        ("WaitingList".into(), json!(1))
    );
    let view: Value = app
        .get_json(
            &desa,
            &r::PROPOSAL.replace("{id}", poorer["id"].as_str().unwrap()),
        )
        .await;
    let last = view["steps"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        (last["step"].as_str(), last["by"].as_str()),
        (Some("PromoteFromWaitingList"), Some("sistem"))
    );
}

#[tokio::test]
async fn quota_settings_are_the_dinas_own_and_checked() {
    let app = spawn_app().await;
    let path = r::QUOTA.replace("{programme}", "PKH");
    let bad = [
        (
            json!({ "kabupaten_quota": 5, "poor_by_desa": [["35.27.01.2001", 3]] }),
            "bukan desa di kabupaten ini",
        ),
        (
            json!({ "kabupaten_quota": 5, "poor_by_desa": [["35.26.15", 3]] }),
            "bukan desa di kabupaten ini",
        ),
        (
            json!({ "kabupaten_quota": 5, "poor_by_desa": [["35.26.15.2012", 3], ["35.26.15.2012", 4]] }),
            "dua kali",
        ),
    ];
    let dinsos = app.login("dinsos").await;
    for (body, expected) in bad {
        let response = dinsos.put(app.url(&path)).json(&body).send().await.unwrap();
        assert_eq!(response.status(), 400);
        let answer: Value = response.json().await.unwrap();
        assert!(
            answer["message"].as_str().unwrap().contains(expected),
            "{answer}"
        );
    }
    let unknown = dinsos
        .get(app.url(&r::QUOTA.replace("{programme}", "BLT")))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 400);
    let bupati = app.login("bupati").await;
    let body = json!({ "kabupaten_quota": 5, "poor_by_desa": [] });
    let response = bupati.put(app.url(&path)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 403);
}

#[tokio::test]
async fn the_dinas_changes_a_window_and_the_server_follows_it() {
    let app = spawn_app().await;
    // 10 Nov: bansos closed under the 2024 policy. The Dinas opens bansos from the 1st.
    app.clock.set(at("2026-11-10T03:00:00Z"));
    let dinsos = app.login("dinsos").await;
    let mut policy: Value = app.get_json(&dinsos, r::WINDOW_POLICY).await;
    policy["version"] = json!(2);
    policy["bansos_proposal"]["Days"]["from"] = json!({ "DayOfMonth": 1 });
    let response = dinsos
        .put(app.url(r::WINDOW_POLICY))
        .json(&policy)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let windows: Value = app.get_json(&dinsos, r::WINDOWS).await;
    assert_eq!(
        windows["windows"][2]["status"],
        json!({ "Open": { "until": "2026-11-24" } })
    );
    // The same version twice is refused, and so is a day that does not exist.
    let again = dinsos
        .put(app.url(r::WINDOW_POLICY))
        .json(&policy)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 400);
    policy["version"] = json!(3);
    policy["pbi_jk_proposal"]["Days"]["to"] = json!({ "DayOfMonth": 40 });
    let body: Value = dinsos
        .put(app.url(r::WINDOW_POLICY))
        .json(&policy)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .starts_with("Kebijakan jadwal tidak sah"),
        "{body}"
    );
}

#[tokio::test]
async fn the_family_list_colours_a_family_by_its_most_urgent_proposal_and_gives_its_decile() {
    let app = spawn_app().await;
    let desa = app.login("op.lombangdajah").await;
    let families = family_ids("35.26.15.2012");
    let (first, second) = (&families[0], &families[1]);
    create(&app, &desa, first, json!("NewFamily")).await;
    let sent = create(&app, &desa, second, json!("NewFamily")).await;
    let id = sent["id"].as_str().unwrap();
    let (status, _) = step(&app, &desa, id, json!("SubmitToMusdes")).await;
    assert_eq!(status, 200);

    let kec = app.login("kec.blega").await;
    let list: Value = app
        .get_json(&kec, &format!("{}?region=35.26.15.2012", r::FAMILIES))
        .await;
    let rows = list["families"].as_array().unwrap();
    let row = |id: &str| rows.iter().find(|f| f["id"] == id).unwrap().clone();
    assert_eq!(row(first)["status"], "Draft");
    assert_eq!(row(second)["status"], "WaitingForMusdes");
    let others: Vec<&Value> = rows
        .iter()
        .filter(|f| f["id"] != first.as_str() && f["id"] != second.as_str())
        .collect();
    assert!(others.iter().all(|f| f["status"].is_null()));
    // Every demo family is ranked in the kabupaten: deciles 1..=10, the poorest tenth present.
    let deciles: Vec<u64> = rows
        .iter()
        .map(|f| f["local_decile"].as_u64().expect("ranked"))
        .collect();
    assert!(deciles.iter().all(|d| (1..=10).contains(d)));
    assert!(deciles.iter().min() < deciles.iter().max());
}
