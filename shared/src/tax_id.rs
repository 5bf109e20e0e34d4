//! The German tax identification number (Steuerliche Identifikationsnummer, § 139b AO):
//! 11 digits, the last a check digit by ISO 7064 MOD 11,10.

/// Why a text is not a tax identification number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TaxIdError {
    /// Not 11 digits (spaces are allowed between groups).
    #[error("not 11 digits")]
    Format,
    /// Starts with 0, or the digit distribution is impossible: in the first ten digits exactly
    /// one digit occurs twice or three times (three times not all in a row) and the others at
    /// most once.
    #[error("not a possible tax ID")]
    Structure,
    /// The check digit does not match: a typo.
    #[error("check digit does not match")]
    Checksum,
}

/// Normalises (removes spaces) and checks a tax ID; returns the 11 digits.
pub fn parse_tax_id(text: &str) -> Result<String, TaxIdError> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 11 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(TaxIdError::Format);
    }
    let values: Vec<u32> = digits.bytes().map(|b| u32::from(b - b'0')).collect();
    if values[0] == 0 || !plausible_distribution(&values[..10]) {
        return Err(TaxIdError::Structure);
    }
    if check_digit(&values[..10]) != values[10] {
        return Err(TaxIdError::Checksum);
    }
    Ok(digits)
}

fn plausible_distribution(first_ten: &[u32]) -> bool {
    let mut counts = [0_u8; 10];
    for &digit in first_ten {
        counts[digit as usize] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&digit| counts[digit] > 1).collect();
    match repeated.as_slice() {
        [digit] if counts[*digit] == 2 => true,
        [digit] if counts[*digit] == 3 => {
            let digit = *digit as u32;
            !first_ten
                .windows(3)
                .any(|window| window.iter().all(|&value| value == digit))
        }
        _ => false,
    }
}

/// ISO 7064 MOD 11,10 check digit over the first ten digits.
fn check_digit(first_ten: &[u32]) -> u32 {
    let mut product = 10;
    for &digit in first_ten {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = 11 - product;
    if check == 10 { 0 } else { check }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_a_valid_id_with_spaces() {
        assert_eq!(parse_tax_id("86 095 742 719").as_deref(), Ok("86095742719"));
    }

    #[test]
    fn rejects_typos_and_impossible_ids() {
        assert_eq!(parse_tax_id("86095742718"), Err(TaxIdError::Checksum));
        assert_eq!(parse_tax_id("8609574271"), Err(TaxIdError::Format));
        assert_eq!(parse_tax_id("8609574271a"), Err(TaxIdError::Format));
        assert_eq!(parse_tax_id("06095742719"), Err(TaxIdError::Structure));
        // All ten digits different: no digit repeats, impossible since 2016 and before.
        assert_eq!(parse_tax_id("12345678903"), Err(TaxIdError::Structure));
        // A digit three times in a row.
        assert_eq!(parse_tax_id("11123456780"), Err(TaxIdError::Structure));
    }

    #[test]
    fn every_single_digit_typo_in_the_check_digit_is_caught() {
        for wrong in (0..10).filter(|&digit| digit != 9) {
            assert_eq!(
                parse_tax_id(&format!("8609574271{wrong}")),
                Err(TaxIdError::Checksum)
            );
        }
    }
}
