//! The GiroCode (EPC QR code, EPC069-12) payload for a SEPA credit transfer. Pure text
//! building; the QR symbol (error correction level M) is drawn elsewhere.
//!
//! Bürgerportal writes version `002`, character set `1` (UTF-8), LF separators, no BIC, and the
//! amount as `EUR` with exactly two decimals.

use crate::iban::{is_rf_reference, parse_iban};

/// The largest payload a GiroCode may carry, in encoded bytes (EPC069-12).
pub const MAX_PAYLOAD_BYTES: usize = 331;

/// What a transfer for a fee needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transfer<'a> {
    /// Recipient, 1–70 characters (e.g. "Stadtkasse Musterstadt").
    pub beneficiary: &'a str,
    /// The recipient's IBAN (spaces allowed).
    pub iban: &'a str,
    /// Amount in euro cents, 1 to 99,999,999,999.
    pub amount_cents: i64,
    /// Either a structured RF creditor reference or a free text, never both.
    pub remittance: Remittance<'a>,
}

/// The payment reference of a transfer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remittance<'a> {
    /// An ISO 11649 RF creditor reference (line 10).
    Structured(&'a str),
    /// Free text up to 140 characters (line 11).
    Text(&'a str),
}

/// Why a payload cannot be built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EpcError {
    /// The beneficiary name is empty or longer than 70 characters.
    #[error("beneficiary name must have 1 to 70 characters")]
    Beneficiary,
    /// The IBAN is not valid.
    #[error("invalid IBAN")]
    Iban,
    /// The amount is outside 0.01 to 999,999,999.99 EUR.
    #[error("amount out of range")]
    Amount,
    /// The reference is not a valid RF creditor reference (or longer than 35).
    #[error("invalid structured reference")]
    Reference,
    /// The text is longer than 140 characters.
    #[error("remittance text longer than 140 characters")]
    Text,
    /// The whole payload is larger than 331 bytes.
    #[error("payload larger than 331 bytes")]
    TooLarge,
}

/// The exact payload text of the GiroCode for `transfer`.
pub fn giro_code_payload(transfer: &Transfer<'_>) -> Result<String, EpcError> {
    let name_length = transfer.beneficiary.chars().count();
    if transfer.beneficiary.trim().is_empty()
        || name_length > 70
        || transfer.beneficiary.contains('\n')
    {
        return Err(EpcError::Beneficiary);
    }
    let iban = parse_iban(transfer.iban).map_err(|_| EpcError::Iban)?;
    if !(1..=99_999_999_999).contains(&transfer.amount_cents) {
        return Err(EpcError::Amount);
    }
    let amount = format!(
        "EUR{}.{:02}",
        transfer.amount_cents / 100,
        transfer.amount_cents % 100
    );
    let mut lines = vec![
        "BCD",
        "002",
        "1",
        "SCT",
        "",
        transfer.beneficiary,
        &iban,
        &amount,
        "",
    ];
    match transfer.remittance {
        Remittance::Structured(reference) => {
            if reference.len() > 35 || !is_rf_reference(reference) {
                return Err(EpcError::Reference);
            }
            lines.push(reference);
        }
        Remittance::Text(text) => {
            if text.chars().count() > 140 || text.contains('\n') {
                return Err(EpcError::Text);
            }
            lines.extend(["", text]);
        }
    }
    // EPC069-12: no separator after the last populated element.
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    let payload = lines.join("\n");
    if payload.len() > MAX_PAYLOAD_BYTES {
        return Err(EpcError::TooLarge);
    }
    Ok(payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee<'a>(amount_cents: i64, remittance: Remittance<'a>) -> Transfer<'a> {
        Transfer {
            beneficiary: "Stadtkasse Musterstadt",
            iban: "DE89 3704 0044 0532 0130 00",
            amount_cents,
            remittance,
        }
    }

    #[test]
    fn vector_c_with_text_matches_byte_for_byte() {
        let payload = giro_code_payload(&fee(
            2500,
            Remittance::Text("Gebühr Bewohnerparkausweis AZ 2024-0815"),
        ))
        .unwrap();
        assert_eq!(
            payload,
            "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR25.00\n\n\nGebühr Bewohnerparkausweis AZ 2024-0815"
        );
        assert_eq!(payload.len(), 112);
    }

    #[test]
    fn vector_d_with_structured_reference_matches_byte_for_byte() {
        let payload =
            giro_code_payload(&fee(2500, Remittance::Structured("RF7320240815"))).unwrap();
        assert_eq!(
            payload,
            "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR25.00\n\nRF7320240815"
        );
        assert_eq!(payload.len(), 83);
        assert!(!payload.ends_with('\n'));
    }

    #[test]
    fn amounts_are_bounded_and_written_with_two_decimals() {
        assert!(
            giro_code_payload(&fee(1, Remittance::Text("x")))
                .unwrap()
                .contains("\nEUR0.01\n")
        );
        assert!(
            giro_code_payload(&fee(99_999_999_999, Remittance::Text("x")))
                .unwrap()
                .contains("\nEUR999999999.99\n")
        );
        assert_eq!(
            giro_code_payload(&fee(0, Remittance::Text("x"))),
            Err(EpcError::Amount)
        );
        assert_eq!(
            giro_code_payload(&fee(100_000_000_000, Remittance::Text("x"))),
            Err(EpcError::Amount)
        );
    }

    #[test]
    fn field_limits_are_enforced() {
        assert_eq!(
            giro_code_payload(&fee(100, Remittance::Text(&"a".repeat(141)))),
            Err(EpcError::Text)
        );
        assert!(giro_code_payload(&fee(100, Remittance::Text(&"a".repeat(140)))).is_ok());
        assert_eq!(
            giro_code_payload(&fee(100, Remittance::Structured("RF7420240815"))),
            Err(EpcError::Reference)
        );
        let long_name = "a".repeat(71);
        assert_eq!(
            giro_code_payload(&Transfer {
                beneficiary: &long_name,
                ..fee(100, Remittance::Text("x"))
            }),
            Err(EpcError::Beneficiary)
        );
        assert_eq!(
            giro_code_payload(&Transfer {
                iban: "DE89370400440532013001",
                ..fee(100, Remittance::Text("x"))
            }),
            Err(EpcError::Iban)
        );
        // 70 two-byte characters and 140 two-byte characters exceed 331 bytes in total.
        let name = "ä".repeat(70);
        let text = "ö".repeat(140);
        assert_eq!(
            giro_code_payload(&Transfer {
                beneficiary: &name,
                ..fee(100, Remittance::Text(&text))
            }),
            Err(EpcError::TooLarge)
        );
    }
}
