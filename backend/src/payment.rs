//! Fees paid by bank transfer: the details a citizen needs after sending, with a GiroCode
//! (EPC QR, `shared::epc`) that banking apps scan.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qrcode::{EcLevel, QrCode};
use shared::api::PaymentDetails;
use shared::epc::{Remittance, Transfer, giro_code_payload};
use shared::{FormDefinition, Lang, Reference, ValidAnswers};

use crate::config::Config;

/// The demo account of Musterstadt (a well-known test IBAN), used with `--demo` when no account
/// is configured.
pub(crate) const DEMO_RECIPIENT: &str = "Stadtkasse Musterstadt";
pub(crate) const DEMO_IBAN: &str = "DE89 3704 0044 0532 0130 00";

/// Longest transfer text a GiroCode carries.
const MAX_REMITTANCE_CHARS: usize = 140;

/// What the citizen must transfer for this submission, or `None` when the form has no fee, the
/// fee is zero, or the city configured no account.
pub(crate) fn details(
    config: &Config,
    definition: &FormDefinition,
    answers: &ValidAnswers,
    reference: &Reference,
) -> Option<PaymentDetails> {
    let payment = definition.payment.as_ref()?;
    let amount_cents = answers
        .cents(&payment.amount_field)
        .filter(|cents| *cents > 0)?;
    let (Some(recipient), Some(iban)) = (&config.payment_recipient, &config.payment_iban) else {
        tracing::warn!(form = %definition.slug, "a form with a fee, but no BP_PAYMENT_RECIPIENT / BP_PAYMENT_IBAN");
        return None;
    };
    let remittance: String = format!("{reference} {}", payment.purpose.get(Lang::De))
        .chars()
        .take(MAX_REMITTANCE_CHARS)
        .collect();
    let payload = giro_code_payload(&Transfer {
        beneficiary: recipient,
        iban,
        amount_cents,
        remittance: Remittance::Text(&remittance),
    })
    .map_err(|error| tracing::error!(%error, "cannot build the GiroCode"))
    .ok()?;
    let girocode = qr_data_uri(&payload)?;
    Some(PaymentDetails {
        amount_cents,
        recipient: recipient.clone(),
        iban: grouped(iban),
        remittance,
        girocode,
    })
}

/// The payload as a QR symbol with error correction M (EPC069-12), as an SVG `data:` URI.
fn qr_data_uri(payload: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|error| tracing::error!(%error, "cannot draw the GiroCode"))
        .ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    Some(format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg.as_bytes())
    ))
}

/// `DE89370400440532013000` → `DE89 3704 0044 0532 0130 00`, as people read it.
fn grouped(iban: &str) -> String {
    let compact: Vec<char> = iban.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .chunks(4)
        .map(|chunk| chunk.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_are_grouped_by_four() {
        assert_eq!(
            grouped("DE89370400440532013000"),
            "DE89 3704 0044 0532 0130 00"
        );
        assert_eq!(grouped(DEMO_IBAN), DEMO_IBAN);
    }

    #[test]
    fn the_girocode_is_an_svg_image() {
        let uri = qr_data_uri(
            "BCD\n002\n1\nSCT\n\nStadtkasse Musterstadt\nDE89370400440532013000\nEUR216.00",
        )
        .unwrap_or_default();
        let encoded = uri
            .strip_prefix("data:image/svg+xml;base64,")
            .unwrap_or_default();
        let svg = STANDARD.decode(encoded).unwrap_or_default();
        assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    }
}
