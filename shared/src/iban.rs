//! IBAN (ISO 13616) and RF creditor reference (ISO 11649) checks, for the IBAN field kind and
//! for payments (GiroCode). Hand-written instead of `iban_validate` to keep the browser bundle
//! small; the country lengths are those of the SWIFT IBAN registry.

/// Why a text is not an IBAN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum IbanError {
    /// Characters other than letters, digits and spaces, or a malformed start.
    #[error("not of the form of an IBAN")]
    Format,
    /// A country that has no IBAN, or that this portal does not know.
    #[error("unknown IBAN country")]
    UnknownCountry,
    /// Too short or too long for its country.
    #[error("wrong length for the country")]
    Length,
    /// The mod-97 check fails: a typo.
    #[error("check digits do not match")]
    Checksum,
}

/// IBAN lengths by country code (SWIFT IBAN registry).
const LENGTHS: [(&str, usize); 78] = [
    ("AD", 24),
    ("AE", 23),
    ("AL", 28),
    ("AT", 20),
    ("AZ", 28),
    ("BA", 20),
    ("BE", 16),
    ("BG", 22),
    ("BH", 22),
    ("BR", 29),
    ("BY", 28),
    ("CH", 21),
    ("CR", 22),
    ("CY", 28),
    ("CZ", 24),
    ("DE", 22),
    ("DK", 18),
    ("DO", 28),
    ("EE", 20),
    ("EG", 29),
    ("ES", 24),
    ("FI", 18),
    ("FO", 18),
    ("FR", 27),
    ("GB", 22),
    ("GE", 22),
    ("GI", 23),
    ("GL", 18),
    ("GR", 27),
    ("GT", 28),
    ("HR", 21),
    ("HU", 28),
    ("IE", 22),
    ("IL", 23),
    ("IQ", 23),
    ("IS", 26),
    ("IT", 27),
    ("JO", 30),
    ("KW", 30),
    ("KZ", 20),
    ("LB", 28),
    ("LC", 32),
    ("LI", 21),
    ("LT", 20),
    ("LU", 20),
    ("LV", 21),
    ("MC", 27),
    ("MD", 24),
    ("ME", 22),
    ("MK", 19),
    ("MR", 27),
    ("MT", 31),
    ("MU", 30),
    ("NL", 18),
    ("NO", 15),
    ("PK", 24),
    ("PL", 28),
    ("PS", 29),
    ("PT", 25),
    ("QA", 29),
    ("RO", 24),
    ("RS", 22),
    ("SA", 24),
    ("SC", 31),
    ("SE", 24),
    ("SI", 19),
    ("SK", 24),
    ("SM", 27),
    ("ST", 25),
    ("SV", 28),
    ("TL", 23),
    ("TN", 24),
    ("TR", 26),
    ("UA", 29),
    ("VA", 22),
    ("VG", 24),
    ("XK", 20),
    ("LY", 25),
];

/// Normalises an IBAN as typed (spaces removed, upper case) and checks it; returns the
/// electronic form, e.g. `DE89370400440532013000`.
pub fn parse_iban(text: &str) -> Result<String, IbanError> {
    let iban: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let bytes = iban.as_bytes();
    if bytes.len() < 5
        || !bytes[..2].iter().all(u8::is_ascii_uppercase)
        || !bytes[2..4].iter().all(u8::is_ascii_digit)
        || !bytes.iter().all(u8::is_ascii_alphanumeric)
    {
        return Err(IbanError::Format);
    }
    let expected = LENGTHS
        .iter()
        .find(|(country, _)| country.as_bytes() == &bytes[..2])
        .ok_or(IbanError::UnknownCountry)?
        .1;
    if bytes.len() != expected {
        return Err(IbanError::Length);
    }
    if mod97(&iban[4..], &iban[..4]) != 1 {
        return Err(IbanError::Checksum);
    }
    Ok(iban)
}

/// The two check digits for a new IBAN of `country` with this `bban`.
pub fn iban_check_digits(country: &str, bban: &str) -> String {
    format!("{:02}", 98 - mod97(bban, &format!("{country}00")))
}

/// Whether `text` is a valid RF creditor reference (`RF` + 2 check digits + 1–21 letters or
/// digits).
pub fn is_rf_reference(text: &str) -> bool {
    let bytes = text.as_bytes();
    (5..=25).contains(&bytes.len())
        && text.starts_with("RF")
        && bytes[2..4].iter().all(u8::is_ascii_digit)
        && bytes[4..].iter().all(u8::is_ascii_alphanumeric)
        && mod97(&text[4..], &text[..4]) == 1
}

/// The RF creditor reference for `reference` (1–21 letters or digits), e.g. `20240815` →
/// `RF7320240815`.
pub fn rf_reference(reference: &str) -> Option<String> {
    let valid =
        (1..=21).contains(&reference.len()) && reference.bytes().all(|b| b.is_ascii_alphanumeric());
    valid.then(|| {
        format!(
            "RF{:02}{reference}",
            98 - mod97(&reference.to_ascii_uppercase(), "RF00")
        )
    })
}

/// `(head + tail)` with letters as numbers (A = 10 … Z = 35), mod 97, computed piecewise because
/// the number does not fit into 64 bits.
fn mod97(head: &str, tail: &str) -> u32 {
    head.chars()
        .chain(tail.chars())
        .fold(0, |remainder, character| match character.to_digit(36) {
            Some(value) if value >= 10 => (remainder * 100 + value) % 97,
            Some(value) => (remainder * 10 + value) % 97,
            None => remainder,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_of_the_standards_vectors() {
        assert_eq!(
            parse_iban("DE89 3704 0044 0532 0130 00").as_deref(),
            Ok("DE89370400440532013000")
        );
        for valid in [
            "DE89370400440532013000",
            "de89370400440532013000",
            "DE71110220330123456789",
            "DE33100205000001194700",
            "DE44500105175407324931",
            "FR1420041010050500013M02606",
            "BE72000000001616",
            "GB82WEST12345698765432",
        ] {
            assert!(parse_iban(valid).is_ok(), "{valid}");
        }
        assert_eq!(
            parse_iban("DE89370400440532013001"),
            Err(IbanError::Checksum)
        );
        assert_eq!(parse_iban("DE8937040044053201300"), Err(IbanError::Length));
        assert_eq!(
            parse_iban("XX89370400440532013000"),
            Err(IbanError::UnknownCountry)
        );
        assert_eq!(parse_iban("DE89-3704"), Err(IbanError::Format));
        assert_eq!(parse_iban(""), Err(IbanError::Format));
        assert_eq!(iban_check_digits("DE", "370400440532013000"), "89");
    }

    #[test]
    fn rf_references_of_the_standards_vectors() {
        assert!(is_rf_reference("RF18539007547034"));
        assert!(is_rf_reference("RF7320240815"));
        assert!(!is_rf_reference("RF7420240815"));
        assert_eq!(rf_reference("20240815").as_deref(), Some("RF7320240815"));
        assert_eq!(rf_reference(""), None);
        assert_eq!(rf_reference("BP-2026-1"), None);
    }
}
