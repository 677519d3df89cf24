//! Indonesian ways of writing dates and money, shared by every message the domain produces:
//! `23 Nov 2021`, `Rp 600.000`.

/// Month abbreviations as Indonesian users write them.
pub const MONTHS_ID: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des",
];

/// A date as the UI writes it: `23 Nov 2021`.
pub fn format_date_id(date: jiff::civil::Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS_ID[date.month() as usize - 1],
        date.year()
    )
}

/// Thousands separated by dots: `1.234.567`.
pub fn format_number_id(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Money in rupiah: `Rp 600.000`.
pub fn format_rupiah(amount: u64) -> String {
    format!("Rp {}", format_number_id(amount))
}

/// A message written to be composed (lower-case start, no full stop, as the domain's errors
/// are) as a sentence on its own: capital first letter, full stop.
pub fn sentence(message: &str) -> String {
    let mut chars = message.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut out: String = first.to_uppercase().chain(chars).collect();
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_numbers_money() {
        assert_eq!(
            format_date_id(jiff::civil::date(2021, 8, 23)),
            "23 Agu 2021"
        );
        assert_eq!(format_number_id(1_234_567), "1.234.567");
        assert_eq!(format_number_id(999), "999");
        assert_eq!(format_rupiah(600_000), "Rp 600.000");
    }
}
