//! HTML for the public pages, written by hand: [`esc`] escapes every interpolated value (the
//! only way a value reaches the page), [`page`] wraps a body in the shared frame, and the
//! field helpers draw a labelled input with its error beside it and the typed value kept.

use tepat_protocol::RegionRef;

/// Escapes text for HTML content and double-quoted attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: `title` (plain text, escaped here) and `body` (HTML, already escaped).
pub fn page(title: &str, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{title} · Layanan Warga Tepat</title>
<link rel="stylesheet" href="/publik/gaya.css">
</head>
<body>
<header class="bar"><a class="brand" href="/publik">Tepat · <span>Layanan Warga</span></a></header>
<main>
{body}
</main>
<footer class="foot"><p>Layanan warga Dinas Sosial. Tidak perlu akun. Data pribadi tidak ditampilkan.</p><p><a href="/publik">Beranda layanan warga</a></p></footer>
</body>
</html>
"#,
        title = esc(title)
    )
}

/// An error sentence beside a field (nothing when there is none).
pub fn error_beside(field: &str, error: Option<&str>) -> String {
    match error {
        Some(message) => format!(
            r#"<p class="field-error" id="{field}-error" data-testid="error-{field}">{}</p>"#,
            esc(message)
        ),
        None => String::new(),
    }
}

fn described(field: &str, error: Option<&str>) -> String {
    if error.is_some() {
        format!(r#" aria-invalid="true" aria-describedby="{field}-error""#)
    } else {
        String::new()
    }
}

/// A labelled one-line input. `extra` holds further attributes (already safe).
pub fn input(
    field: &str,
    label: &str,
    value: &str,
    error: Option<&str>,
    hint: Option<&str>,
    extra: &str,
) -> String {
    let hint = hint
        .map(|h| format!(r#"<span class="hint">{}</span>"#, esc(h)))
        .unwrap_or_default();
    format!(
        r#"<div class="field"><label for="{field}">{label}</label>{hint}<input id="{field}" name="{field}" value="{value}" {extra}{described}>{error}</div>"#,
        label = esc(label),
        value = esc(value),
        described = described(field, error),
        error = error_beside(field, error),
    )
}

/// A labelled text area.
pub fn textarea(field: &str, label: &str, value: &str, error: Option<&str>, extra: &str) -> String {
    format!(
        r#"<div class="field"><label for="{field}">{label}</label><textarea id="{field}" name="{field}" rows="4" {extra}{described}>{value}</textarea>{error}</div>"#,
        label = esc(label),
        value = esc(value),
        described = described(field, error),
        error = error_beside(field, error),
    )
}

/// The kabupaten's desa as one `<select>`, an `<optgroup>` per kecamatan.
pub fn desa_select(
    tree: &[(RegionRef, Vec<RegionRef>)],
    selected: &str,
    error: Option<&str>,
    label: &str,
) -> String {
    let mut options = String::from(r#"<option value="">— Pilih desa —</option>"#);
    for (kecamatan, desa) in tree {
        options.push_str(&format!(
            r#"<optgroup label="Kec. {}">"#,
            esc(&kecamatan.name)
        ));
        for d in desa {
            let code = d.code.to_string();
            let chosen = if code == selected { " selected" } else { "" };
            options.push_str(&format!(
                r#"<option value="{}"{chosen}>{}</option>"#,
                esc(&code),
                esc(&d.name)
            ));
        }
        options.push_str("</optgroup>");
    }
    format!(
        r#"<div class="field"><label for="desa">{label}</label><select id="desa" name="desa" required{described}>{options}</select>{error}</div>"#,
        label = esc(label),
        described = described("desa", error),
        error = error_beside("desa", error),
    )
}

/// A form's problems: the field's name and the sentence shown beside it.
pub type Problems = Vec<(&'static str, String)>;

/// The problem of one field, if it has one.
pub fn problem<'a>(problems: &'a Problems, field: &str) -> Option<&'a str> {
    problems
        .iter()
        .find(|(f, _)| *f == field)
        .map(|(_, m)| m.as_str())
}

/// The line above a form that has problems (nothing when it has none).
pub fn problems_summary(problems: &Problems) -> String {
    if problems.is_empty() {
        String::new()
    } else {
        r#"<p class="form-problems" role="alert" data-testid="form-problems">Periksa isian yang ditandai di bawah.</p>"#.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_markup_character_is_escaped() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("Siti Aminah"), "Siti Aminah");
    }

    #[test]
    fn a_typed_value_is_kept_escaped_and_its_error_sits_beside_it() {
        let html = input(
            "nama",
            "Nama",
            "\"><b>x",
            Some("Isi nama <lengkap>."),
            None,
            "",
        );
        assert!(html.contains(r#"value="&quot;&gt;&lt;b&gt;x""#), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("Isi nama &lt;lengkap&gt;."), "{html}");
        assert!(html.contains(r#"aria-describedby="nama-error""#), "{html}");
    }
}
