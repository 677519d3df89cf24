//! Every API route of `tepat_protocol::routes::ALL`, and the residents' forms under `/publik`,
//! fed garbage by a user who may use the route: truncated, oversized, wrong-version and seeded
//! random postcard bodies; broken, deep, absurd JSON (each field of a sample in turn made a 10 kB
//! string or an absurd number); wrong content types; malformed ids and hashes in paths; bad
//! UTF-8, absurd numbers, inverted boxes and unknown codes in queries; garbage session cookies;
//! methods a route does not take. Every answer must be a 4xx (or, where said, any answer but a
//! 5xx) with the API's error body and an Indonesian message (the page for `/publik`), and after
//! each route's barrage `/healthz` and a normal request of the route still answer. A route added
//! to `routes::ALL` without a barrage here fails [`every_route_has_a_barrage`].

use crate::helpers::{TestApp, sha256_hex, spawn_app};
use serde::{Serialize, de::DeserializeOwned};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use tepat_protocol::routes as r;
use tepat_protocol::{ApiError, CONTENT_TYPE_POSTCARD};

const JSON: &str = "application/json";

/// What an answer must be.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Want {
    /// A 4xx with the error body.
    Refused,
    /// Exactly this status (a 4xx with the error body).
    Status(u16),
    /// Anything but a 5xx or a broken connection (an input the route may accept or clamp);
    /// a 4xx must still carry the error body.
    Handled,
}

/// One request.
#[derive(Debug, Clone)]
struct Req {
    method: &'static str,
    path: String,
    content_type: Option<&'static str>,
    body: Vec<u8>,
    /// A `Cookie` header replacing the session (the client is then not logged in).
    cookie: Option<String>,
    /// Ask for postcard answers (errors then come as a postcard `ApiError`).
    postcard: bool,
    /// Sent by this user instead of the route's (a normal request another desa makes).
    user: Option<&'static str>,
}

impl Req {
    fn new(method: &'static str, path: impl Into<String>) -> Req {
        Req {
            method,
            path: path.into(),
            content_type: None,
            body: Vec::new(),
            cookie: None,
            postcard: false,
            user: None,
        }
    }
    fn body(mut self, content_type: Option<&'static str>, body: impl Into<Vec<u8>>) -> Req {
        self.content_type = content_type;
        self.body = body.into();
        self
    }
    fn json(self, value: &Value) -> Req {
        self.body(Some(JSON), serde_json::to_vec(value).unwrap())
    }
}

/// One garbage request and what it must get.
struct Case {
    what: String,
    req: Req,
    want: Want,
}

fn case(what: impl Into<String>, req: Req, want: Want) -> Case {
    Case {
        what: what.into(),
        req,
        want,
    }
}

/// Deterministic pseudo-random bytes (xorshift64*), so a failure repeats.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn long(n: usize) -> String {
    "a".repeat(n)
}

/// A golden sample of protocol v1 (`crates/protocol/tests/golden/v1/<name>.hex`) as bytes.
fn golden(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/protocol/tests/golden/v1")
        .join(format!("{name}.hex"));
    let hex = std::fs::read_to_string(&path).unwrap();
    let hex = hex.trim();
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// A request body type with its golden sample: postcard bytes and the same value as JSON.
struct Sample {
    postcard: Vec<u8>,
    json: Value,
}

fn sample<T: Serialize + DeserializeOwned>(name: &str) -> Sample {
    let postcard = golden(name);
    let value: T = tepat_protocol::decode(&postcard).unwrap();
    Sample {
        postcard,
        json: serde_json::to_value(&value).unwrap(),
    }
}

/// Garbage for a route reading a `Body<T>` at `method path` whose limit is `limit` bytes.
fn body_garbage(
    method: &'static str,
    path: &str,
    sample: &Sample,
    limit: usize,
    seed: u64,
) -> Vec<Case> {
    let pc = Some(CONTENT_TYPE_POSTCARD);
    let at = || Req::new(method, path);
    let mut rng = Seeded(seed | 1);
    let mut cases = vec![
        case("empty postcard", at().body(pc, vec![]), Want::Status(400)),
        case("version only", at().body(pc, vec![1]), Want::Status(400)),
        case(
            "truncated postcard",
            at().body(pc, sample.postcard[..sample.postcard.len() / 2].to_vec()),
            Want::Status(400),
        ),
        case(
            "postcard with a trailing byte",
            at().body(pc, [sample.postcard.clone(), vec![0]].concat()),
            Want::Status(400),
        ),
        case(
            "version 2",
            at().body(pc, [&[2u8][..], &sample.postcard[1..]].concat()),
            Want::Status(400),
        ),
        case(
            "version 0",
            at().body(pc, [&[0u8][..], &sample.postcard[1..]].concat()),
            Want::Status(400),
        ),
        case(
            "version 65535",
            at().body(
                pc,
                [&[0xFF, 0xFF, 0x03][..], &sample.postcard[1..]].concat(),
            ),
            Want::Status(400),
        ),
        case(
            "an overlong varint",
            at().body(
                pc,
                [
                    1u8, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,
                ]
                .to_vec(),
            ),
            Want::Status(400),
        ),
        case(
            "oversized postcard",
            at().body(pc, rng.bytes(limit + 1)),
            Want::Status(413),
        ),
        case(
            "oversized JSON",
            at().body(Some(JSON), format!("\"{}\"", long(limit))),
            Want::Status(413),
        ),
        case("empty JSON", at().body(Some(JSON), ""), Want::Status(400)),
        case(
            "an open brace",
            at().body(Some(JSON), "{"),
            Want::Status(400),
        ),
        case("null", at().body(Some(JSON), "null"), Want::Status(400)),
        case(
            "a number",
            at().body(Some(JSON), "1e400"),
            Want::Status(400),
        ),
        case(
            "a 10 kB string",
            at().body(Some(JSON), format!("\"{}\"", long(10_240))),
            Want::Status(400),
        ),
        case(
            "JSON nested 5000 deep",
            at().body(Some(JSON), "[".repeat(5000)),
            Want::Status(400),
        ),
        case(
            "JSON with bad UTF-8",
            at().body(Some(JSON), b"{\"a\":\"\xFF\xFE\"}".to_vec()),
            Want::Status(400),
        ),
        case(
            "the postcard sample sent as JSON",
            at().body(Some(JSON), sample.postcard.clone()),
            Want::Status(400),
        ),
        case(
            "the JSON sample sent as postcard",
            at().body(pc, serde_json::to_vec(&sample.json).unwrap()),
            Want::Status(400),
        ),
        case(
            "no content type",
            at().body(None, serde_json::to_vec(&sample.json).unwrap()),
            Want::Status(400),
        ),
        case(
            "text/plain",
            at().body(
                Some("text/plain"),
                serde_json::to_vec(&sample.json).unwrap(),
            ),
            Want::Status(400),
        ),
        case(
            "application/xml",
            at().body(Some("application/xml"), "<a/>"),
            Want::Status(400),
        ),
        case(
            "multipart",
            at().body(Some("multipart/form-data; boundary=x"), "--x\r\n\r\n--x--"),
            Want::Status(400),
        ),
        case(
            "a form",
            at().body(Some("application/x-www-form-urlencoded"), "a=1&b=%FF"),
            Want::Status(400),
        ),
    ];
    let text = serde_json::to_string(&sample.json).unwrap();
    cases.push(case(
        "truncated JSON",
        at().body(Some(JSON), text[..text.len() / 2].to_owned()),
        Want::Status(400),
    ));
    for n in [1usize, 2, 7, 31, 64, 200, 1000] {
        // Random bodies behind a valid version byte, and wholly random ones.
        let mut body = vec![1u8];
        body.extend(rng.bytes(n));
        cases.push(case(
            format!("random postcard body of {n} bytes"),
            at().body(pc, body),
            Want::Refused,
        ));
        let mut raw = rng.bytes(n);
        if raw[0] == 1 {
            raw[0] = 0x80;
        }
        cases.push(case(
            format!("{n} random bytes as postcard"),
            at().body(pc, raw),
            Want::Refused,
        ));
        cases.push(case(
            format!("{n} random bytes as JSON"),
            at().body(Some(JSON), rng.bytes(n)),
            Want::Refused,
        ));
    }
    // Each leaf of the sample made absurd in turn: the route may take a long string or a big
    // number in some field, but never fails on one.
    for (n, variant) in absurd_leaves(&sample.json).into_iter().enumerate() {
        cases.push(case(
            format!("absurd field #{n}: {}", shorten(&variant)),
            at().body(Some(JSON), variant),
            Want::Handled,
        ));
    }
    cases
}

fn shorten(text: &str) -> String {
    text.chars().take(120).collect()
}

/// The sample's JSON text with one leaf at a time replaced: a string by 10 kB, a number by
/// -1, 1e12, 2^64 and 1e400, a boolean by a string; an array repeated 2000 times.
fn absurd_leaves(value: &Value) -> Vec<String> {
    const MARK: &str = "\u{1}ABSURD\u{1}";
    fn paths(value: &Value, here: &mut Vec<Value>, out: &mut Vec<Vec<Value>>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    here.push(Value::String(k.clone()));
                    paths(v, here, out);
                    here.pop();
                }
            }
            Value::Array(items) => {
                out.push(here.clone());
                for (i, v) in items.iter().enumerate().take(2) {
                    here.push(json!(i));
                    paths(v, here, out);
                    here.pop();
                }
            }
            _ => out.push(here.clone()),
        }
    }
    fn at<'a>(value: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(value, |v, step| match step {
            Value::String(k) => &mut v[k.as_str()],
            other => &mut v[other.as_u64().unwrap() as usize],
        })
    }
    let mut all = Vec::new();
    paths(value, &mut Vec::new(), &mut all);
    let mut out = Vec::new();
    let marked = serde_json::to_string(MARK).unwrap();
    for path in all {
        let leaf = at(&mut value.clone(), &path).clone();
        let replacements: Vec<String> = match &leaf {
            Value::String(_) => vec![serde_json::to_string(&long(10_240)).unwrap(), "\"\"".into()],
            Value::Number(_) => ["-1", "1000000000000", "18446744073709551616", "1e400"]
                .map(String::from)
                .to_vec(),
            Value::Bool(_) => vec!["\"ya\"".into()],
            Value::Array(items) => {
                let one = items.first().cloned().unwrap_or(Value::Null);
                vec![serde_json::to_string(&vec![one; 2000]).unwrap()]
            }
            _ => vec!["\"?\"".into()],
        };
        let mut copy = value.clone();
        *at(&mut copy, &path) = Value::String(MARK.into());
        let text = serde_json::to_string(&copy).unwrap();
        for replacement in replacements {
            out.push(text.replace(&marked, &replacement));
        }
    }
    out
}

/// Malformed values for a path parameter.
fn bad_segments() -> Vec<String> {
    vec![
        "not-a-uuid".into(),
        "%FF%FE".into(),
        long(10_240),
        "00000000-0000-0000-0000-00000000000g".into(),
        "%00".into(),
        "..%2F..%2Fetc%2Fpasswd".into(),
        "AB".repeat(32),
        "ab".repeat(31),
        "zz".repeat(32),
        "-1".into(),
        "%E2%80%AE".into(),
    ]
}

/// `template` with each of its parameters replaced in turn by garbage (the others by `good`).
fn path_garbage(method: &'static str, template: &str, good: &BTreeMap<&str, String>) -> Vec<Case> {
    let params: Vec<&str> = template
        .split('/')
        .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
        .collect();
    let mut cases = Vec::new();
    for param in &params {
        for bad in bad_segments() {
            let mut path = template.to_owned();
            for other in &params {
                let value = if other == param {
                    bad.clone()
                } else {
                    good[other].clone()
                };
                path = path.replace(&format!("{{{other}}}"), &value);
            }
            cases.push(case(
                format!("{{{param}}} = {}", shorten(&bad)),
                Req::new(method, path),
                Want::Refused,
            ));
        }
    }
    cases
}

/// Absurd values for each query parameter of a GET (`handled` ones may be taken as they are).
fn query_garbage(path: &str, params: &[(&str, bool)], extra: &[&str]) -> Vec<Case> {
    let join = if path.contains('?') { '&' } else { '?' };
    let mut cases = Vec::new();
    for (param, handled) in params {
        let want = if *handled {
            Want::Handled
        } else {
            Want::Refused
        };
        for value in [
            "%FF%FE".to_owned(),
            "9".repeat(10_240),
            "-1".into(),
            "1e999".into(),
            "NaN".into(),
            "99999999999999999999999".into(),
            "35.26.15.2012.9999".into(),
            "x%00y".into(),
        ] {
            cases.push(case(
                format!("?{param}={}", shorten(&value)),
                Req::new("GET", format!("{path}{join}{param}={value}")),
                want,
            ));
        }
        cases.push(case(
            format!("?{param} twice"),
            Req::new("GET", format!("{path}{join}{param}=1&{param}=2")),
            want,
        ));
    }
    for query in extra {
        cases.push(case(
            format!("?{query}"),
            Req::new("GET", format!("{path}{join}{query}")),
            Want::Refused,
        ));
    }
    cases
}

/// Garbage for a chunked upload (`?offset=&total=`, the chunk as the body) at `path` of hash
/// `{hash}` (the path holds `HASH`); `limit` is the route's body limit.
fn chunk_garbage(path: &str, accepted: &[u8], seed: u64) -> Vec<Case> {
    let mut rng = Seeded(seed | 1);
    let fresh = |rng: &mut Seeded| hex(&rng.bytes(32));
    let put = |hash: &str, query: &str, body: Vec<u8>| {
        Req::new("PUT", format!("{}{query}", path.replace("HASH", hash)))
            .body(Some("application/octet-stream"), body)
    };
    let junk = rng.bytes(100);
    let junk_hash = sha256_hex(&junk);
    let mut cases = vec![
        case(
            "no offset or total",
            put(&fresh(&mut rng), "", vec![1, 2, 3]),
            Want::Status(400),
        ),
        case(
            "offset only",
            put(&fresh(&mut rng), "?offset=0", vec![1, 2, 3]),
            Want::Status(400),
        ),
        case(
            "offset -1",
            put(&fresh(&mut rng), "?offset=-1&total=3", vec![1, 2, 3]),
            Want::Status(400),
        ),
        case(
            "total 10^12",
            put(
                &fresh(&mut rng),
                "?offset=0&total=1000000000000",
                vec![1, 2, 3],
            ),
            Want::Refused,
        ),
        case(
            "offset u64::MAX",
            put(
                &fresh(&mut rng),
                "?offset=18446744073709551615&total=3",
                vec![1, 2, 3],
            ),
            Want::Refused,
        ),
        case(
            "total u64::MAX",
            put(
                &fresh(&mut rng),
                "?offset=0&total=18446744073709551615",
                vec![1, 2, 3],
            ),
            Want::Refused,
        ),
        case(
            "offset past total",
            put(&fresh(&mut rng), "?offset=5&total=3", vec![1, 2, 3]),
            Want::Refused,
        ),
        case(
            "offset ahead of the upload",
            put(&fresh(&mut rng), "?offset=1&total=30", vec![1, 2, 3]),
            Want::Status(400),
        ),
        case(
            "chunk longer than total",
            put(&fresh(&mut rng), "?offset=0&total=2", vec![1, 2, 3]),
            Want::Refused,
        ),
        case(
            "total 0, empty",
            put(&fresh(&mut rng), "?offset=0&total=0", vec![]),
            Want::Status(400),
        ),
        case(
            "hash mismatch",
            put(&fresh(&mut rng), "?offset=0&total=3", vec![1, 2, 3]),
            Want::Status(400),
        ),
        case(
            "wrong kind of file",
            put(&junk_hash, "?offset=0&total=100", junk),
            Want::Status(400),
        ),
        case(
            "oversized chunk",
            put(
                &fresh(&mut rng),
                "?offset=0&total=3000000",
                rng.bytes(600 * 1024),
            ),
            Want::Status(413),
        ),
        case(
            "bad UTF-8 in the query",
            put(&fresh(&mut rng), "?offset=%FF&total=%FE", vec![1]),
            Want::Status(400),
        ),
    ];
    // The accepted kind with a 10 kB bogus query parameter beside it is still checked.
    cases.push(case(
        "absurd total with an accepted kind",
        put(
            &sha256_hex(accepted),
            "?offset=0&total=99999999999999999999999",
            accepted.to_vec(),
        ),
        Want::Status(400),
    ));
    cases
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Garbage session cookies and a method the route does not take.
fn door_garbage(method: &'static str, path: &str, logged_in: bool) -> Vec<Case> {
    let taken: BTreeSet<&str> = r::ALL
        .iter()
        .filter(|(_, p)| path_matches(p, path))
        .map(|(m, _)| *m)
        .collect();
    let other = ["DELETE", "PATCH", "PUT", "POST", "GET"]
        .into_iter()
        .find(|m| !taken.contains(m))
        .unwrap();
    let mut cases = vec![case(
        format!("method {other}"),
        Req::new(other, path),
        Want::Status(405),
    )];
    if logged_in {
        for cookie in [
            format!("{}=%FF%FE", r::SESSION_COOKIE),
            format!("{}={}", r::SESSION_COOKIE, long(10_240)),
            format!("{}={}", r::SESSION_COOKIE, "zz".repeat(32)),
            format!("{}=", r::SESSION_COOKIE),
        ] {
            let mut req = Req::new(method, path);
            req.cookie = Some(cookie.clone());
            cases.push(case(
                format!("cookie {}", shorten(&cookie)),
                req,
                Want::Status(401),
            ));
        }
    }
    cases
}

/// Whether the concrete `path` (without query) is an instance of `template`.
fn path_matches(template: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap();
    let (t, p): (Vec<&str>, Vec<&str>) = (template.split('/').collect(), path.split('/').collect());
    t.len() == p.len() && t.iter().zip(&p).all(|(t, p)| t.starts_with('{') || t == p)
}

/// Whether an error message reads as Indonesian: not one of axum's English lines, and at least
/// one common Indonesian word.
fn indonesian(message: &str) -> bool {
    const WORDS: &[&str] = &[
        "tidak",
        "bukan",
        "harus",
        "yang",
        "dan",
        "di",
        "ke",
        "atau",
        "dari",
        "untuk",
        "ini",
        "sudah",
        "belum",
        "hanya",
        "terlalu",
        "paling",
        "pakai",
        "pilih",
        "isi",
        "sesi",
        "peran",
        "ditolak",
        "ditemukan",
        "berbeda",
        "kali",
        "sah",
        "rusak",
        "dikenal",
        "kosong",
        "lewat",
        "metode",
        "berada",
        "periksa",
        "boleh",
        "anda",
    ];
    let lower = message.to_lowercase();
    !message.is_empty()
        && ![
            "Failed",
            "Invalid",
            "Expected",
            "Form requests",
            "Request body",
            "missing field",
        ]
        .iter()
        .any(|e| message.starts_with(e))
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| WORDS.contains(&w))
}

/// The demo data the barrages refer to.
struct World {
    lombang: tepat_domain::Family,
    lombang2: tepat_domain::Family,
    proposal: String,
    musdes: String,
    case_id: String,
    import_file: String,
}

/// A route's user, its garbage, and its normal request with the status it answers.
struct Barrage {
    user: &'static str,
    cases: Vec<Case>,
}

fn jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend(b"bad-input test photo");
    bytes
}

/// The barrage of each route of `routes::ALL`, by (method, template).
fn barrage(method: &'static str, template: &'static str, w: &World) -> Option<Barrage> {
    let fam_path = r::family_path(&w.lombang.id);
    let hash = "ab".repeat(32);
    let goods: BTreeMap<&str, String> = [
        ("id", String::new()),
        ("hash", hash.clone()),
        ("programme", "PKH".to_owned()),
    ]
    .into_iter()
    .collect();
    let with_id = |id: &str| {
        let mut g = goods.clone();
        g.insert("id", id.to_owned());
        g
    };
    let region_params = [("region", false)];
    let (user, mut cases): (&'static str, Vec<Case>) = match (method, template) {
        ("GET", r::HEALTHZ) | ("GET", r::CONFIG) => ("", Vec::new()),
        ("POST", r::LOGIN) => {
            let sample = sample::<tepat_protocol::LoginRequest>("login_request");
            let mut cases = body_garbage("POST", r::LOGIN, &sample, 64 * 1024, 1);
            // Absurd logins must not lock the shared address out: only the decoding ones.
            cases.retain(|c| c.want != Want::Handled);
            cases.push(case(
                "empty username",
                Req::new("POST", r::LOGIN).json(&json!({"username": "", "password": "x"})),
                Want::Status(400),
            ));
            ("", cases)
        }
        ("POST", r::LOGOUT) => ("op.alasraja", Vec::new()),
        ("GET", r::ME)
        | ("GET", r::WINDOWS)
        | ("GET", r::WINDOW_POLICY)
        | ("GET", r::LOCI_DESA) => ("op.lombangdajah", Vec::new()),
        ("GET", r::USERS) => ("admin", Vec::new()),
        ("GET", r::NATIONAL_BATCH) => ("dinsos", Vec::new()),
        ("GET", r::SCORING) => ("kec.blega", Vec::new()),
        ("GET", r::NOTIFICATIONS) => ("op.lombangdajah", Vec::new()),
        ("GET", r::REGIONS) => (
            "bupati",
            query_garbage(
                r::REGIONS,
                &[("parent", false)],
                &["parent=35.26.1x", "parent=35..26", "parent=99"],
            ),
        ),
        ("GET", r::FAMILIES) => (
            "dinsos",
            query_garbage(
                r::FAMILIES,
                &[("region", false), ("q", true)],
                &["region=35.27"],
            ),
        ),
        ("GET", r::FAMILY) => ("dinsos", path_garbage("GET", r::FAMILY, &goods)),
        ("PUT", r::FAMILY) => {
            let mut cases = path_garbage("PUT", r::FAMILY, &goods);
            for c in &mut cases {
                c.req = c
                    .req
                    .clone()
                    .json(&serde_json::to_value(&w.lombang).unwrap());
            }
            let sample = Sample {
                postcard: tepat_protocol::encode(&w.lombang),
                json: serde_json::to_value(&w.lombang).unwrap(),
            };
            cases.extend(body_garbage("PUT", &fam_path, &sample, 64 * 1024, 2));
            let mut far = sample.json.clone();
            far["location"]["lat"] = json!(999.0);
            cases.push(case(
                "latitude 999",
                Req::new("PUT", &fam_path).json(&far),
                Want::Status(400),
            ));
            let mut crowd = sample.json.clone();
            let member = crowd["members"][0].clone();
            crowd["members"] = Value::Array(vec![member; 100]);
            cases.push(case(
                "100 members",
                Req::new("PUT", &fam_path).json(&crowd),
                Want::Refused,
            ));
            let mut bad_kk = sample.json.clone();
            bad_kk["kk"] = json!("12");
            cases.push(case(
                "a KK of two digits",
                Req::new("PUT", &fam_path).json(&bad_kk),
                Want::Status(400),
            ));
            let mut other = sample.json.clone();
            other["id"] = json!(w.lombang2.id);
            cases.push(case(
                "another family's id in the body",
                Req::new("PUT", &fam_path).json(&other),
                Want::Refused,
            ));
            ("op.lombangdajah", cases)
        }
        ("GET", r::PROPOSALS) => (
            "kec.blega",
            query_garbage(r::PROPOSALS, &region_params, &[]),
        ),
        ("POST", r::PROPOSALS) => {
            let sample = sample::<tepat_protocol::NewProposal>("new_proposal");
            let mut cases = body_garbage("POST", r::PROPOSALS, &sample, 64 * 1024, 3);
            cases.push(case(
                "unknown kind",
                Req::new("POST", r::PROPOSALS)
                    .json(&json!({"family": w.lombang.id, "kind": "Everything"})),
                Want::Status(400),
            ));
            cases.push(case(
                "unknown family",
                Req::new("POST", r::PROPOSALS).json(
                    &json!({"family": "00000000-0000-0000-0000-000000000001", "kind": "NewFamily"}),
                ),
                Want::Refused,
            ));
            ("op.lombangdajah", cases)
        }
        ("GET", r::PROPOSAL) => ("bupati", path_garbage("GET", r::PROPOSAL, &goods)),
        ("POST", r::PROPOSAL_STEPS) => {
            let path = format!("{}/steps", w.proposal);
            let sample = sample::<tepat_protocol::TakeStep>("take_step");
            let mut cases = path_garbage("POST", r::PROPOSAL_STEPS, &goods);
            for c in &mut cases {
                c.req = c
                    .req
                    .clone()
                    .json(&json!({"step": "Withdraw", "device": null}));
            }
            cases.extend(body_garbage("POST", &path, &sample, 64 * 1024, 4));
            cases.push(case(
                "unknown step",
                Req::new("POST", &path).json(&json!({"step": "Teleport", "device": null})),
                Want::Status(400),
            ));
            ("kec.blega", cases)
        }
        ("GET", r::VISITS) => ("tksk.blega", query_garbage(r::VISITS, &region_params, &[])),
        ("GET", r::QUOTA) => ("op.lombangdajah", path_garbage("GET", r::QUOTA, &goods)),
        ("PUT", r::QUOTA) => {
            let path = r::QUOTA.replace("{programme}", "PKH");
            let sample = sample::<tepat_protocol::QuotaSettings>("quota_settings");
            let mut cases = path_garbage("PUT", r::QUOTA, &goods);
            for c in &mut cases {
                c.req = c.req.clone().json(&sample.json);
            }
            cases.extend(body_garbage("PUT", &path, &sample, 64 * 1024, 5));
            for (what, body) in [
                (
                    "quota u32::MAX, poor u32::MAX",
                    json!({"kabupaten_quota": u32::MAX, "poor_by_desa": [["35.26.15.2012", u32::MAX], ["35.26.15.2004", u32::MAX]]}),
                ),
                (
                    "quota -1",
                    json!({"kabupaten_quota": -1, "poor_by_desa": []}),
                ),
                (
                    "a desa outside",
                    json!({"kabupaten_quota": 10, "poor_by_desa": [["35.27.01.2001", 4]]}),
                ),
                (
                    "a kecamatan as desa",
                    json!({"kabupaten_quota": 10, "poor_by_desa": [["35.26.15", 4]]}),
                ),
                (
                    "a malformed code",
                    json!({"kabupaten_quota": 10, "poor_by_desa": [["x", 4]]}),
                ),
            ] {
                cases.push(case(
                    what,
                    Req::new("PUT", &path).json(&body),
                    Want::Handled,
                ));
            }
            ("dinsos", cases)
        }
        ("PUT", r::SCORING) => {
            let sample = sample::<tepat_domain::scoring::ScoringScheme>("scoring_scheme");
            let mut cases = body_garbage("PUT", r::SCORING, &sample, 64 * 1024, 6);
            let mut v0 = sample.json.clone();
            v0["version"] = json!(0);
            cases.push(case(
                "version 0",
                Req::new("PUT", r::SCORING).json(&v0),
                Want::Status(400),
            ));
            let mut vmax = sample.json.clone();
            vmax["version"] = json!(u32::MAX);
            cases.push(case(
                "version u32::MAX",
                Req::new("PUT", r::SCORING).json(&vmax),
                Want::Status(400),
            ));
            ("dinsos", cases)
        }
        ("GET", r::FAMILY_SCORE) => ("kadinsos", path_garbage("GET", r::FAMILY_SCORE, &goods)),
        ("PUT", r::WINDOW_POLICY) => {
            let sample = sample::<tepat_domain::windows::WindowPolicy>("window_policy");
            let mut cases = body_garbage("PUT", r::WINDOW_POLICY, &sample, 64 * 1024, 7);
            let mut vmax = sample.json.clone();
            vmax["version"] = json!(u32::MAX);
            cases.push(case(
                "version u32::MAX",
                Req::new("PUT", r::WINDOW_POLICY).json(&vmax),
                Want::Status(400),
            ));
            ("dinsos", cases)
        }
        ("POST", r::SYNC_PUSH) => {
            let sample = sample::<tepat_protocol::sync::PushRequest>("push_request");
            let mut cases = body_garbage("POST", r::SYNC_PUSH, &sample, 8 * 1024 * 1024, 8);
            let change = sample.json["changes"][0].clone();
            cases.push(case(
                "2000 changes",
                Req::new("POST", r::SYNC_PUSH).json(&json!({"changes": vec![change; 2000]})),
                Want::Status(400),
            ));
            ("op.lombangdajah", cases)
        }
        ("GET", r::SYNC_PULL) => (
            "op.lombangdajah",
            query_garbage(r::SYNC_PULL, &[("after", false)], &[]),
        ),
        ("GET", r::PHOTO) => ("op.lombangdajah", path_garbage("GET", r::PHOTO, &goods)),
        ("PUT", r::PHOTO) => {
            let mut cases = path_garbage("PUT", r::PHOTO, &goods);
            for c in &mut cases {
                c.req.path.push_str("?offset=0&total=3");
                c.req = c
                    .req
                    .clone()
                    .body(Some("application/octet-stream"), vec![1, 2, 3]);
            }
            cases.extend(chunk_garbage(
                &r::PHOTO.replace("{hash}", "HASH"),
                &jpeg(),
                9,
            ));
            ("op.lombangdajah", cases)
        }
        ("GET", r::PHOTO_STATUS) => (
            "op.lombangdajah",
            path_garbage("GET", r::PHOTO_STATUS, &goods),
        ),
        ("GET", r::MUSDES_LIST) => (
            "op.lombangdajah",
            query_garbage(r::MUSDES_LIST, &region_params, &[]),
        ),
        ("POST", r::MUSDES_LIST) => {
            let sample = sample::<tepat_protocol::musdes::NewMusdes>("new_musdes");
            let mut cases = body_garbage("POST", r::MUSDES_LIST, &sample, 64 * 1024, 10);
            let schedule = |date: &str, time: &str, place: &str| json!({"id": uuid::Uuid::now_v7(), "schedule": {"date": date, "time": time, "place": place, "chair": "Ketua BPD"}});
            for (what, body) in [
                (
                    "30 February",
                    schedule("2026-02-30", "09:00:00", "Balai Desa"),
                ),
                ("hour 25", schedule("2026-11-24", "25:00:00", "Balai Desa")),
                (
                    "year 99999",
                    schedule("99999-11-24", "09:00:00", "Balai Desa"),
                ),
                (
                    "a 10 kB place",
                    schedule("2026-11-24", "09:00:00", &long(10_240)),
                ),
                ("an empty place", schedule("2026-11-24", "09:00:00", "")),
                (
                    "a day long past",
                    schedule("1900-01-01", "09:00:00", "Balai Desa"),
                ),
            ] {
                cases.push(case(
                    what,
                    Req::new("POST", r::MUSDES_LIST).json(&body),
                    Want::Refused,
                ));
            }
            ("op.lombangdajah", cases)
        }
        ("GET", r::MUSDES) => ("op.lombangdajah", path_garbage("GET", r::MUSDES, &goods)),
        ("POST", r::MUSDES) => {
            let sample = sample::<tepat_protocol::musdes::MusdesAction>("musdes_action_attach");
            let mut cases = path_garbage("POST", r::MUSDES, &goods);
            for c in &mut cases {
                c.req = c.req.clone().json(&json!("RefreshAgenda"));
            }
            cases.extend(body_garbage("POST", &w.musdes, &sample, 64 * 1024, 11));
            cases.push(case(
                "unknown action",
                Req::new("POST", &w.musdes).json(&json!("Explode")),
                Want::Status(400),
            ));
            ("op.lombangdajah", cases)
        }
        ("GET", r::EVIDENCE) => ("op.lombangdajah", path_garbage("GET", r::EVIDENCE, &goods)),
        ("PUT", r::EVIDENCE) => (
            "op.lombangdajah",
            chunk_garbage(
                &r::EVIDENCE.replace("{hash}", "HASH"),
                b"%PDF-1.4 bad input",
                12,
            ),
        ),
        ("GET", r::EVIDENCE_STATUS) => (
            "op.lombangdajah",
            path_garbage("GET", r::EVIDENCE_STATUS, &goods),
        ),
        ("GET", r::PROPOSAL_MUSDES) => ("bupati", path_garbage("GET", r::PROPOSAL_MUSDES, &goods)),
        ("GET", r::NATIONAL_EXPORT) => (
            "dinsos",
            query_garbage(
                r::NATIONAL_EXPORT,
                &[("format", false), ("until", false)],
                &["format=pdf", "until=2026-13-45T99:00:00Z"],
            ),
        ),
        ("POST", r::NATIONAL_SENT) => {
            let sample = sample::<tepat_protocol::MarkSent>("mark_sent");
            let mut cases = body_garbage("POST", r::NATIONAL_SENT, &sample, 64 * 1024, 13);
            cases.push(case(
                "an unknown proposal",
                Req::new("POST", r::NATIONAL_SENT)
                    .json(&json!({"proposals": ["00000000-0000-0000-0000-000000000001"]})),
                Want::Refused,
            ));
            ("dinsos", cases)
        }
        ("POST", r::NATIONAL_RESULT) => {
            let at = || Req::new("POST", r::NATIONAL_RESULT);
            let csv = Some("text/csv");
            let mut rng = Seeded(14);
            let mut cases = vec![
                case("empty file", at().body(csv, vec![]), Want::Status(400)),
                case(
                    "not UTF-8",
                    at().body(csv, b"ID USULAN;HASIL;ALASAN\n\xFF\xFE;1;\n".to_vec()),
                    Want::Status(400),
                ),
                case(
                    "a broken XLSX",
                    at().body(csv, b"PK\x03\x04 not a zip at all".to_vec()),
                    Want::Status(400),
                ),
                case(
                    "no header",
                    at().body(csv, "1;2;3\n4;5;6\n"),
                    Want::Status(400),
                ),
                case(
                    "a 10 kB cell and an unknown id",
                    at().body(
                        csv,
                        format!("ID USULAN;HASIL;ALASAN\n{};DITOLAK;x\n", long(10_240)),
                    ),
                    // Answered with the report naming the row (nothing applied).
                    Want::Handled,
                ),
                case(
                    "oversized",
                    at().body(csv, rng.bytes(tepat_server::national::MAX_RESULT_BYTES + 1)),
                    Want::Status(413),
                ),
                case(
                    "an unclosed quote",
                    at().body(csv, "ID USULAN;HASIL;ALASAN\n\"abc;1;\n"),
                    Want::Refused,
                ),
            ];
            for n in [1usize, 16, 300, 5000] {
                cases.push(case(
                    format!("{n} random bytes"),
                    at().body(csv, rng.bytes(n)),
                    Want::Refused,
                ));
                let mut zip = b"PK\x03\x04".to_vec();
                zip.extend(rng.bytes(n));
                cases.push(case(
                    format!("{n} random bytes after a zip signature"),
                    at().body(csv, zip),
                    Want::Status(400),
                ));
            }
            ("dinsos", cases)
        }
        ("GET", r::AUDIT) => (
            "dinsos",
            query_garbage(
                &format!("{}?user=dinsos", r::AUDIT),
                &[("before", false), ("limit", false)],
                &[
                    "family=not-a-uuid",
                    "user=dinsos&family=00000000-0000-0000-0000-000000000001",
                    "user=%FF%FE",
                ],
            )
            .into_iter()
            // Two `user`s, the `limit` of 10^23 refused, but a huge in-range limit is clamped.
            .chain([case(
                "limit 10^12",
                Req::new(
                    "GET",
                    format!("{}?user=dinsos&limit=1000000000000", r::AUDIT),
                ),
                Want::Handled,
            )])
            .collect(),
        ),
        ("GET", r::QUEUE) => (
            "kec.blega",
            query_garbage(r::QUEUE, &[("desa", false), ("kind", false)], &["kind=XYZ"]),
        ),
        ("POST", r::QUEUE_STEPS) => {
            let sample = sample::<tepat_protocol::BulkStep>("bulk_step");
            let mut cases = body_garbage("POST", r::QUEUE_STEPS, &sample, 64 * 1024, 15);
            cases.push(case(
                "unknown step",
                Req::new("POST", r::QUEUE_STEPS)
                    .json(&json!({"proposals": [], "step": "Teleport", "device": null})),
                Want::Status(400),
            ));
            ("kec.blega", cases)
        }
        ("GET", r::SPREAD_CLUSTERS) => {
            let view = "west=112.9&south=-7.2&east=113.2&north=-6.9&zoom=11";
            let path = format!("{}?{view}", r::SPREAD_CLUSTERS);
            let mut cases = query_garbage(
                &path,
                &[
                    ("region", false),
                    ("status", false),
                    ("decile_max", false),
                    ("programme", false),
                    ("extreme", false),
                    ("error", false),
                    ("loci", false),
                    ("colour", false),
                ],
                &[],
            );
            for query in [
                "west=113.2&south=-7.2&east=112.9&north=-6.9&zoom=11",
                "west=112.9&south=-6.9&east=113.2&north=-7.2&zoom=11",
                "west=112.9&south=-7.2&east=113.2&north=-6.9&zoom=999",
                "west=112.9&south=-7.2&east=113.2&north=-6.9&zoom=21",
                "west=112.9&south=-7.2&east=113.2&north=-6.9&zoom=-1",
                "west=-180&south=-90&east=180&north=90&zoom=20",
                "west=NaN&south=-7.2&east=113.2&north=-6.9&zoom=11",
                "west=-inf&south=-7.2&east=inf&north=-6.9&zoom=11",
                "west=1e308&south=-7.2&east=1e309&north=-6.9&zoom=11",
                "west=112.9&south=-7.2&east=113.2&zoom=11",
                "",
            ] {
                cases.push(case(
                    format!("?{query}"),
                    Req::new("GET", format!("{}?{query}", r::SPREAD_CLUSTERS)),
                    Want::Refused,
                ));
            }
            ("dinsos", cases)
        }
        ("GET", r::SPREAD_REGIONS) => (
            "dinsos",
            query_garbage(
                &format!("{}?level=desa", r::SPREAD_REGIONS),
                &[("within", false), ("format", false)],
                &[
                    "level=planet",
                    "level=desa&format=geojson&within=35.26.15&level=kecamatan",
                ],
            ),
        ),
        ("GET", r::SPREAD_FAMILIES) => (
            "dinsos",
            query_garbage(
                &format!("{}?page=0", r::SPREAD_FAMILIES),
                &[("format", false), ("decile_max", false), ("region", false)],
                &["page=1000000000000", "page=-1", "page=x", "format=exe"],
            ),
        ),
        ("PUT", r::IMPORT_FILE) => {
            let mut cases =
                chunk_garbage(&r::IMPORT_FILE.replace("{hash}", "HASH"), b"NIK;NAMA\n", 16);
            // An import file is text or a zip: NUL bytes are refused; with a wrong hash the
            // route answers 404 (the hash names the upload).
            cases.retain(|c| c.what != "wrong kind of file");
            let nul = [b"NIK;\0\0\0".to_vec(), vec![0; 64]].concat();
            cases.push(case(
                "NUL bytes",
                Req::new(
                    "PUT",
                    format!(
                        "{}?offset=0&total={}",
                        r::import_file_path(&sha256_hex(&nul)),
                        nul.len()
                    ),
                )
                .body(Some("application/octet-stream"), nul),
                Want::Status(400),
            ));
            for c in path_garbage("PUT", r::IMPORT_FILE, &goods) {
                let mut c = c;
                c.req.path.push_str("?offset=0&total=3");
                c.req = c.req.clone().body(Some("text/csv"), vec![b'a'; 3]);
                cases.push(c);
            }
            ("dinsos", cases)
        }
        ("GET", r::IMPORT_FILE_STATUS) => {
            ("dinsos", path_garbage("GET", r::IMPORT_FILE_STATUS, &goods))
        }
        ("POST", r::IMPORT_CHECK) | ("POST", r::IMPORT_APPLY) => {
            let sample = sample::<tepat_protocol::ImportRequest>("import_request");
            let mut cases = body_garbage("POST", template, &sample, 64 * 1024, 17);
            for (what, body) in [
                (
                    "unknown kind",
                    json!({"kind": "Everything", "file": w.import_file, "file_name": "", "choices": []}),
                ),
                (
                    "a malformed hash",
                    json!({"kind": "Families", "file": "zz", "file_name": "", "choices": []}),
                ),
                (
                    "a file never uploaded",
                    json!({"kind": "Families", "file": "cd".repeat(32), "file_name": "", "choices": []}),
                ),
                (
                    "a choice of a malformed code",
                    json!({"kind": "Families", "file": w.import_file, "file_name": "", "choices": [["x", "35.26..1"]]}),
                ),
            ] {
                cases.push(case(
                    what,
                    Req::new("POST", template).json(&body),
                    Want::Refused,
                ));
            }
            ("dinsos", cases)
        }
        ("GET", r::IMPORT_PROGRESS) => ("dinsos", path_garbage("GET", r::IMPORT_PROGRESS, &goods)),
        ("GET", r::LABELS) => (
            "op.lombangdajah",
            query_garbage(r::LABELS, &region_params, &[]),
        ),
        ("GET", r::CASES) => (
            "op.lombangdajah",
            query_garbage(
                r::CASES,
                &[("region", false), ("state", false), ("kind", false)],
                &[],
            ),
        ),
        ("GET", r::CASE) => ("op.lombangdajah", path_garbage("GET", r::CASE, &goods)),
        ("POST", r::CASE) => {
            let path = r::CASE.replace("{id}", &w.case_id);
            let sample = sample::<tepat_protocol::cases::CaseAction>("case_action_visit");
            let mut cases = path_garbage("POST", r::CASE, &goods);
            for c in &mut cases {
                c.req = c.req.clone().json(&json!({"Link": {"family": null}}));
            }
            cases.extend(body_garbage("POST", &path, &sample, 64 * 1024, 18));
            ("op.lombangdajah", cases)
        }
        ("GET", r::CASE_FILE) | ("GET", r::CASE_FILE_STATUS) => (
            "op.lombangdajah",
            path_garbage("GET", template, &with_id(&w.case_id)),
        ),
        ("PUT", r::CASE_FILE) => {
            let path = r::CASE_FILE
                .replace("{id}", &w.case_id)
                .replace("{hash}", "HASH");
            let mut cases = chunk_garbage(&path, &jpeg(), 19);
            for c in path_garbage("PUT", r::CASE_FILE, &with_id(&w.case_id)) {
                let mut c = c;
                c.req.path.push_str("?offset=0&total=3");
                c.req = c
                    .req
                    .clone()
                    .body(Some("application/octet-stream"), vec![1, 2, 3]);
                cases.push(c);
            }
            ("op.lombangdajah", cases)
        }
        // No parameters, no body: the door cases (cookies, methods) only.
        ("GET", r::BACKUP) => ("admin", Vec::new()),
        ("GET", r::OPENAPI) => ("", Vec::new()),
        _ => return None,
    };
    let concrete = {
        let mut path = template.to_owned();
        for (k, v) in with_id(&w.case_id) {
            path = path.replace(&format!("{{{k}}}"), &v);
        }
        path
    };
    cases.extend(door_garbage(method, &concrete, !user.is_empty()));
    Some(Barrage { user, cases })
}

/// The normal request of a route after its barrage, and the status it answers.
async fn normal(app: &TestApp, method: &str, template: &str, w: &World) -> (Req, u16) {
    let fam = r::family_path(&w.lombang.id);
    let blank_hash = "ab".repeat(32);
    match (method, template) {
        ("GET", r::FAMILY) => (Req::new("GET", fam), 200),
        ("PUT", r::FAMILY) => (Req::new("PUT", fam).json(&serde_json::to_value(&w.lombang).unwrap()), 200),
        ("GET", r::FAMILY_SCORE) => (Req::new("GET", format!("{fam}/score")), 200),
        ("POST", r::LOGIN) => (
            Req::new("POST", r::LOGIN).json(&json!({"username": "kec.blega", "password": crate::helpers::PASSWORD})),
            200,
        ),
        ("POST", r::LOGOUT) => (Req::new("POST", r::LOGOUT), 204),
        ("POST", r::PROPOSALS) => (
            Req::new("POST", r::PROPOSALS).json(&json!({"family": w.lombang2.id, "kind": "NewFamily"})),
            200,
        ),
        ("GET", r::PROPOSAL) => (Req::new("GET", &w.proposal), 200),
        // Not the kecamatan's step on a draft: refused by the workflow, as it was before.
        ("POST", r::PROPOSAL_STEPS) => (
            Req::new("POST", format!("{}/steps", w.proposal)).json(&json!({"step": "Withdraw", "device": null})),
            409,
        ),
        ("GET", r::QUOTA) => (Req::new("GET", r::QUOTA.replace("{programme}", "PKH")), 200),
        ("PUT", r::QUOTA) => (
            Req::new("PUT", r::QUOTA.replace("{programme}", "PKH"))
                .json(&json!({"kabupaten_quota": 10, "poor_by_desa": [["35.26.15.2012", 40]]})),
            200,
        ),
        ("PUT", r::SCORING) | ("PUT", r::WINDOW_POLICY) => {
            let client = app.login("dinsos").await;
            let path = if template == r::SCORING { r::SCORING } else { r::WINDOW_POLICY };
            let mut current: Value = app.get_json(&client, path).await;
            current["version"] = json!(current["version"].as_u64().unwrap() + 1);
            (Req::new("PUT", path).json(&current), 200)
        }
        ("POST", r::SYNC_PUSH) => (Req::new("POST", r::SYNC_PUSH).json(&json!({"changes": []})), 200),
        ("GET", r::SYNC_PULL) => (Req::new("GET", format!("{}?after=0", r::SYNC_PULL)), 200),
        ("GET", r::PHOTO) | ("GET", r::EVIDENCE) => (Req::new("GET", template.replace("{hash}", &blank_hash)), 404),
        ("GET", r::PHOTO_STATUS) | ("GET", r::EVIDENCE_STATUS) | ("GET", r::IMPORT_FILE_STATUS) | ("GET", r::IMPORT_PROGRESS) => {
            (Req::new("GET", template.replace("{hash}", &blank_hash)), 200)
        }
        ("PUT", r::PHOTO) | ("PUT", r::EVIDENCE) | ("PUT", r::CASE_FILE) | ("PUT", r::IMPORT_FILE) => {
            let bytes = match template {
                r::EVIDENCE => b"%PDF-1.4 normal".to_vec(),
                r::IMPORT_FILE => b"NIK;NAMA\n1;x\n".to_vec(),
                _ => [jpeg(), b" normal".to_vec()].concat(),
            };
            let path = template.replace("{id}", &w.case_id).replace("{hash}", &sha256_hex(&bytes));
            let len = bytes.len();
            (Req::new("PUT", format!("{path}?offset=0&total={len}")).body(Some("application/octet-stream"), bytes), 200)
        }
        // Lombang Dajah has its meeting open: another desa schedules one.
        ("POST", r::MUSDES_LIST) => (
            Req {
                user: Some("op.alasraja"),
                ..Req::new("POST", r::MUSDES_LIST)
            }
            .json(&json!({
                "id": uuid::Uuid::now_v7(),
                "schedule": { "date": "2026-11-25", "time": "09:00:00", "place": "Balai Desa", "chair": "Ketua BPD" }
            })),
            200,
        ),
        ("GET", r::MUSDES) => (Req::new("GET", &w.musdes), 200),
        ("POST", r::MUSDES) => (Req::new("POST", &w.musdes).json(&json!("RefreshAgenda")), 200),
        ("GET", r::PROPOSAL_MUSDES) => (Req::new("GET", format!("{}/musdes", w.proposal)), 404),
        ("GET", r::NATIONAL_EXPORT) => (Req::new("GET", format!("{}?format=csv", r::NATIONAL_EXPORT)), 200),
        // Nothing to mark: refused with the reason, as before the barrage.
        ("POST", r::NATIONAL_SENT) => (Req::new("POST", r::NATIONAL_SENT).json(&json!({"proposals": []})), 400),
        ("POST", r::NATIONAL_RESULT) => (
            Req::new("POST", r::NATIONAL_RESULT).body(Some("text/csv"), "ID USULAN;HASIL;ALASAN\n"),
            200,
        ),
        ("GET", r::AUDIT) => (Req::new("GET", format!("{}?user=dinsos", r::AUDIT)), 200),
        ("POST", r::QUEUE_STEPS) => (
            Req::new("POST", r::QUEUE_STEPS).json(
                &json!({"proposals": [w.proposal.rsplit('/').next()], "step": "Approve", "device": null}),
            ),
            200,
        ),
        ("GET", r::SPREAD_CLUSTERS) => (
            Req::new("GET", format!("{}?west=112.9&south=-7.2&east=113.2&north=-6.9&zoom=11", r::SPREAD_CLUSTERS)),
            200,
        ),
        ("POST", r::IMPORT_CHECK) | ("POST", r::IMPORT_APPLY) => (
            Req::new("POST", template)
                .json(&json!({"kind": "Families", "file": w.import_file, "file_name": "a.csv", "choices": []})),
            200,
        ),
        ("GET", r::CASE) => (Req::new("GET", r::CASE.replace("{id}", &w.case_id)), 200),
        ("POST", r::CASE) => (
            Req::new("POST", r::CASE.replace("{id}", &w.case_id)).json(&json!({"Link": {"family": null}})),
            200,
        ),
        ("GET", r::CASE_FILE) => (
            Req::new("GET", r::case_file_path(&w.case_id.parse().unwrap(), &blank_hash)),
            404,
        ),
        ("GET", r::CASE_FILE_STATUS) => (
            Req::new(
                "GET",
                r::CASE_FILE_STATUS.replace("{id}", &w.case_id).replace("{hash}", &blank_hash),
            ),
            200,
        ),
        ("GET", path) => (Req::new("GET", path), 200),
        (method, path) => panic!("no normal request for {method} {path}"),
    }
}

/// Sends `req` with `client` (or a fresh one for a replaced cookie): the status and the
/// problem with its answer, if any.
async fn send(app: &TestApp, client: &reqwest::Client, req: &Req) -> Result<u16, String> {
    send_read(app, client, req).await.map(|(status, _)| status)
}

/// [`send`], with the error message of a 4xx.
async fn send_read(
    app: &TestApp,
    client: &reqwest::Client,
    req: &Req,
) -> Result<(u16, String), String> {
    let client = if req.cookie.is_some() {
        app.client()
    } else {
        client.clone()
    };
    let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
    let mut request = client.request(method, app.url(&req.path));
    if let Some(ct) = req.content_type {
        request = request.header("content-type", ct);
    }
    if let Some(cookie) = &req.cookie {
        request = request.header("cookie", cookie);
    }
    if req.postcard {
        request = request.header("accept", CONTENT_TYPE_POSTCARD);
    }
    if !req.body.is_empty() || req.content_type.is_some() {
        request = request.body(req.body.clone());
    }
    let response = request
        .send()
        .await
        .map_err(|e| format!("no answer: {e}"))?;
    let status = response.status().as_u16();
    if status < 400 {
        return Ok((status, String::new()));
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    let bytes = response
        .bytes()
        .await
        .map_err(|e| format!("{status}, body unread: {e}"))?;
    let error: ApiError = if content_type.starts_with(CONTENT_TYPE_POSTCARD) {
        tepat_protocol::decode(&bytes)
            .map_err(|e| format!("{status}, postcard error body unreadable: {e}"))?
    } else {
        serde_json::from_slice(&bytes).map_err(|_| {
            format!(
                "{status} without the error body ({content_type}): {}",
                shorten(&String::from_utf8_lossy(&bytes))
            )
        })?
    };
    if req.postcard != content_type.starts_with(CONTENT_TYPE_POSTCARD) {
        return Err(format!(
            "{status}: error body in {content_type}, postcard asked: {}",
            req.postcard
        ));
    }
    if !indonesian(&error.message) {
        return Err(format!(
            "{status} {:?}: message not Indonesian: {}",
            error.code, error.message
        ));
    }
    Ok((status, error.message))
}

/// The demo data a barrage needs: a draft proposal, a scheduled musdes, a case, an import file.
async fn world(app: &TestApp) -> World {
    let families: Vec<_> = tepat_server::demo::families()
        .into_iter()
        .filter(|f| f.desa.as_str() == "35.26.15.2012")
        .collect();
    let op = app.login("op.lombangdajah").await;
    let created: Value = op
        .post(app.url(r::PROPOSALS))
        .json(&json!({ "family": families[0].id, "kind": "NewFamily" }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let musdes: Value = op
        .post(app.url(r::MUSDES_LIST))
        .json(&json!({
            "id": uuid::Uuid::now_v7(),
            "schedule": { "date": "2026-11-24", "time": "09:00:00", "place": "Balai Desa", "chair": "Ketua BPD" }
        }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let musdes_id = musdes["id"]
        .as_str()
        .unwrap_or_else(|| panic!("musdes: {musdes}"));
    let file = "NO_KK;NIK;NAMA_LGKP;JENIS_KLMIN;TGL_LHR;STAT_HBKEL;KODE DESA\n\
                3526151234560001;3526152311850001;Moh Hasan;1;23-11-1985;1;35.26.15.2012\n"
        .as_bytes();
    let dinsos = app.login("dinsos").await;
    let hash = app.upload_import_file(&dinsos, file).await;
    World {
        lombang: families[0].clone(),
        lombang2: families[1].clone(),
        proposal: r::PROPOSAL.replace("{id}", created["id"].as_str().unwrap()),
        musdes: r::MUSDES.replace("{id}", musdes_id),
        case_id: tepat_server::demo_cases::demo_case(0).0.to_string(),
        import_file: hash,
    }
}

fn placeholder_world() -> World {
    let family = tepat_server::demo::families().remove(0);
    World {
        lombang: family.clone(),
        lombang2: family,
        proposal: r::PROPOSAL.replace("{id}", &uuid::Uuid::nil().to_string()),
        musdes: r::MUSDES.replace("{id}", &uuid::Uuid::nil().to_string()),
        case_id: uuid::Uuid::nil().to_string(),
        import_file: "ab".repeat(32),
    }
}

#[test]
fn every_route_has_a_barrage() {
    let w = placeholder_world();
    let missing: Vec<String> = r::ALL
        .iter()
        .filter(|(m, p)| barrage(m, p, &w).is_none())
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes without garbage cases in bad_input.rs: {missing:?}"
    );
    // A barrage of only the method and cookie cases is right for routes without inputs; every
    // route with a parameter, query or body has more.
    for (m, p) in r::ALL {
        let n = barrage(m, p, &w).unwrap().cases.len();
        assert!(n >= 1, "{m} {p} has no cases");
        if p.contains('{') || matches!(*m, "PUT" | "POST") && *p != r::LOGOUT {
            assert!(n > 6, "{m} {p} has only {n} cases");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_refuses_garbage_in_indonesian_and_keeps_serving() {
    let app = spawn_app().await;
    let w = world(&app).await;
    let mut clients: BTreeMap<&str, reqwest::Client> = BTreeMap::new();
    let mut failures = Vec::new();
    let mut sent = 0usize;
    for (method, template) in r::ALL {
        let barrage = barrage(method, template, &w).unwrap();
        let client = match barrage.user {
            "" => app.client(),
            user if *template == r::LOGOUT => app.login(user).await,
            user => match clients.get(user) {
                Some(client) => client.clone(),
                None => {
                    let client = app.login(user).await;
                    clients.insert(user, client.clone());
                    client
                }
            },
        };
        for (n, case) in barrage.cases.iter().enumerate() {
            let mut req = case.req.clone();
            // Every third refusal asks for postcard: the error must come as postcard too.
            req.postcard = n % 3 == 0 && case.want != Want::Handled;
            sent += 1;
            let outcome = send(&app, &client, &req).await;
            let ok = match (&outcome, case.want) {
                (Err(_), _) => false,
                (Ok(got), Want::Refused) => (400..500).contains(got),
                (Ok(got), Want::Status(want)) => *got == want,
                (Ok(got), Want::Handled) => *got < 500,
            };
            if !ok {
                failures.push(format!(
                    "{method} {template} as '{}', {}: {} (want {:?})",
                    barrage.user,
                    case.what,
                    match outcome {
                        Ok(status) => status.to_string(),
                        Err(problem) => problem,
                    },
                    case.want
                ));
            }
        }
        // Still serving: the health check and the route's normal request.
        let health = app.client().get(app.url(r::HEALTHZ)).send().await;
        if !health.is_ok_and(|h| h.status() == 200) {
            failures.push(format!(
                "/healthz failed after the barrage of {method} {template}"
            ));
        }
        let (req, want) = normal(&app, method, template, &w).await;
        let client = match req.user {
            Some(user) => app.login(user).await,
            None => client,
        };
        match send_read(&app, &client, &req).await {
            Ok((got, _)) if got == want => {}
            Ok((got, message)) => failures.push(format!(
                "{method} {template}: the normal request after the barrage got {got} {message}, want {want}"
            )),
            other => failures.push(format!(
                "{method} {template}: the normal request after the barrage got {other:?}, want {want}"
            )),
        }
    }
    assert!(sent > 1500, "only {sent} garbage requests were sent");
    assert!(
        failures.is_empty(),
        "{} of {sent} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The residents' pages fed garbage: every refusal a 4xx page in Indonesian (never axum's
/// English line), then the pages still answer.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_residents_forms_refuse_garbage_with_a_page() {
    let app = spawn_app().await;
    let form = Some("application/x-www-form-urlencoded");
    let multipart = Some("multipart/form-data; boundary=XyZ");
    let mut rng = Seeded(20);
    let mut cases = Vec::new();
    for path in ["/publik/cek", "/publik/sanggah"] {
        let post = || Req::new("POST", path);
        cases.extend([
            case("JSON", post().json(&json!({"nik": "1"})), Want::Status(415)),
            case(
                "no content type",
                post().body(None, "nik=1"),
                Want::Status(415),
            ),
            case(
                "a field twice",
                post().body(form, "nik=1&nik=2&nama=a&nama=b"),
                Want::Refused,
            ),
            case(
                "bad UTF-8",
                post().body(form, "nik=%FF%FE&nama=%C0&desa=%80"),
                Want::Refused,
            ),
            case(
                "10 kB fields",
                post().body(
                    form,
                    format!("nik={0}&nama={0}&desa={0}&alasan={0}", "9".repeat(10_240)),
                ),
                Want::Refused,
            ),
            case(
                "random bytes",
                post().body(form, rng.bytes(300)),
                Want::Refused,
            ),
            case(
                "3 MB",
                post().body(form, format!("nama={}", long(3 * 1024 * 1024))),
                Want::Status(413),
            ),
            case("method PUT", Req::new("PUT", path), Want::Status(405)),
        ]);
    }
    let usul = || Req::new("POST", "/publik/usul");
    let part = |name: &str, body: &[u8]| {
        [
            format!("--XyZ\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n")
                .into_bytes(),
            body.to_vec(),
            b"\r\n".to_vec(),
        ]
        .concat()
    };
    cases.extend([
        case(
            "a plain form",
            usul().body(form, "nama=a"),
            Want::Status(400),
        ),
        case(
            "no boundary",
            usul().body(Some("multipart/form-data"), "--x\r\n"),
            Want::Status(400),
        ),
        case(
            "a truncated multipart",
            usul().body(multipart, part("nama", b"Moh")),
            Want::Status(400),
        ),
        case(
            "bad UTF-8 in a field",
            usul().body(
                multipart,
                [part("nama", b"\xFF\xFE"), b"--XyZ--\r\n".to_vec()].concat(),
            ),
            Want::Refused,
        ),
        case(
            "a photo that is not one",
            usul().body(
                multipart,
                [
                    part("nama", b"Moh Hasan"),
                    part("foto", &rng.bytes(2000)),
                    b"--XyZ--\r\n".to_vec(),
                ]
                .concat(),
            ),
            Want::Refused,
        ),
        case(
            "random bytes",
            usul().body(multipart, rng.bytes(500)),
            Want::Status(400),
        ),
        case(
            "7 MB",
            usul().body(
                multipart,
                [
                    part("foto", &vec![0xFF; 7 * 1024 * 1024]),
                    b"--XyZ--\r\n".to_vec(),
                ]
                .concat(),
            ),
            Want::Status(413),
        ),
    ]);
    for path in [
        "/publik/kasus?kode=%FF%FE".to_owned(),
        format!("/publik/kasus?kode={}", long(10_240)),
        "/publik/kasus?kode=a&kode=b".to_owned(),
        "/publik/kasus/%FF%FE".to_owned(),
        format!("/publik/kasus/{}", long(10_240)),
        "/publik/musdes/%FF%FE".to_owned(),
        "/publik/musdes/35.26.15.2012/not-a-uuid".to_owned(),
        format!("/publik/musdes/{}/{}", long(5000), long(5000)),
        "/publik/musdes/99.99.99.9999".to_owned(),
    ] {
        cases.push(case(path.clone(), Req::new("GET", path), Want::Handled));
    }
    let mut failures = Vec::new();
    for case in &cases {
        // A fresh connection for each: after refusing an oversized body the server closes the
        // connection without reading the rest, and a pooled one could be reused half-closed.
        let client = app.client();
        let req = &case.req;
        let method = reqwest::Method::from_bytes(req.method.as_bytes()).unwrap();
        let mut request = client.request(method, app.url(&req.path));
        if let Some(ct) = req.content_type {
            request = request.header("content-type", ct);
        }
        let outcome = match request.body(req.body.clone()).send().await {
            Err(e) => Err(format!("no answer: {e}")),
            Ok(response) => {
                let status = response.status().as_u16();
                let html = response
                    .headers()
                    .get("content-type")
                    .is_some_and(|v| v.to_str().unwrap_or("").starts_with("text/html"));
                let text = response.text().await.unwrap_or_default();
                let sentence = text.split("<h1>").nth(1).unwrap_or("");
                if status >= 400 && !(html && indonesian(sentence)) {
                    Err(format!(
                        "{status} without an Indonesian page: {}",
                        shorten(&text)
                    ))
                } else {
                    Ok(status)
                }
            }
        };
        let ok = match (&outcome, case.want) {
            (Err(_), _) => false,
            (Ok(got), Want::Refused) => (400..500).contains(got),
            (Ok(got), Want::Status(want)) => *got == want,
            (Ok(got), Want::Handled) => *got < 500,
        };
        if !ok {
            failures.push(format!(
                "{} {}: {:?} (want {:?})",
                req.method, case.what, outcome, case.want
            ));
        }
    }
    for path in [
        "/publik",
        "/publik/cek",
        "/publik/usul",
        "/publik/sanggah",
        r::HEALTHZ,
    ] {
        let status = app
            .client()
            .get(app.url(path))
            .send()
            .await
            .unwrap()
            .status();
        if status != 200 {
            failures.push(format!("GET {path} after the garbage: {status}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
