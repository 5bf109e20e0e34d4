//! Fees paid by bank transfer: the details a citizen needs after sending, with a GiroCode
//! (EPC QR, `shared::epc`) that banking apps scan.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use qrcode::{EcLevel, QrCode};
use shared::api::PaymentDetails;
use shared::epc::{Remittance, Transfer, giro_code_payload};
use shared::{FormDefinition, Lang, ValidAnswers};

use crate::config::Config;

/// The demo account of Musterstadt (a well-known test IBAN), used with `--demo` when no account
/// is configured.
pub(crate) const DEMO_RECIPIENT: &str = "Stadtkasse Musterstadt";
pub(crate) const DEMO_IBAN: &str = "DE89 3704 0044 0532 0130 00";

/// Longest transfer text a GiroCode carries.
const MAX_REMITTANCE_CHARS: usize = 140;

/// A fee as it is due for one submission: stored with it, so later receipts show what was asked
/// even if the city's account changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PaymentDue {
    pub(crate) amount_cents: i64,
    /// Account holder.
    pub(crate) recipient: String,
    /// IBAN as configured.
    pub(crate) iban: String,
    /// What the fee is for (German: it is the city's bookkeeping text).
    pub(crate) purpose: String,
}

/// What the citizen must transfer for these answers, or `None` when the form has no fee, the
/// fee is zero, or the city configured no account.
pub(crate) fn due(
    config: &Config,
    definition: &FormDefinition,
    answers: &ValidAnswers,
) -> Option<PaymentDue> {
    let payment = definition.payment.as_ref()?;
    let amount_cents = answers
        .cents(&payment.amount_field)
        .filter(|cents| *cents > 0)?;
    let (Some(recipient), Some(iban)) = (&config.payment_recipient, &config.payment_iban) else {
        tracing::warn!(form = %definition.slug, "a form with a fee, but no BP_PAYMENT_RECIPIENT / BP_PAYMENT_IBAN");
        return None;
    };
    Some(PaymentDue {
        amount_cents,
        recipient: recipient.clone(),
        iban: iban.clone(),
        purpose: payment.purpose.get(Lang::De).to_owned(),
    })
}

/// The transfer text: reference number first, so the office matches the payment even when a
/// bank cuts the text short.
pub(crate) fn remittance(reference: &str, purpose: &str) -> String {
    format!("{reference} {purpose}")
        .chars()
        .take(MAX_REMITTANCE_CHARS)
        .collect()
}

/// The GiroCode of a fee: the EPC QR symbol with error correction M (EPC069-12).
pub(crate) fn giro_code(due: &PaymentDue, reference: &str) -> Option<QrCode> {
    let remittance = remittance(reference, &due.purpose);
    let payload = giro_code_payload(&Transfer {
        beneficiary: &due.recipient,
        iban: &due.iban,
        amount_cents: due.amount_cents,
        remittance: Remittance::Text(&remittance),
    })
    .map_err(|error| tracing::error!(%error, "cannot build the GiroCode"))
    .ok()?;
    QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|error| tracing::error!(%error, "cannot draw the GiroCode"))
        .ok()
}

/// The payment block of the confirmation page.
pub(crate) fn details(due: &PaymentDue, reference: &str) -> Option<PaymentDetails> {
    let code = giro_code(due, reference)?;
    Some(PaymentDetails {
        amount_cents: due.amount_cents,
        recipient: due.recipient.clone(),
        iban: grouped(&due.iban),
        remittance: remittance(reference, &due.purpose),
        girocode: svg_data_uri(&code),
    })
}

/// The symbol as an SVG `data:` URI, for an `<img>`.
pub(crate) fn svg_data_uri(code: &QrCode) -> String {
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .build();
    format!(
        "data:image/svg+xml;base64,{}",
        STANDARD.encode(svg.as_bytes())
    )
}

/// The symbol as a greyscale PNG (for e-mail, where clients do not show SVG): `scale` pixels per
/// module and the 4-module quiet zone the QR standard asks for.
pub(crate) fn png(code: &QrCode, scale: u32) -> Vec<u8> {
    const QUIET_ZONE: u32 = 4;
    let modules = u32::try_from(code.width()).unwrap_or(0);
    let side = (modules + 2 * QUIET_ZONE) * scale;
    let colors = code.to_colors();
    let mut pixels = Vec::with_capacity((side * side) as usize);
    for y in 0..side {
        for x in 0..side {
            let (mx, my) = (x / scale, y / scale);
            let dark = mx >= QUIET_ZONE
                && my >= QUIET_ZONE
                && mx < QUIET_ZONE + modules
                && my < QUIET_ZONE + modules
                && colors[((my - QUIET_ZONE) * modules + (mx - QUIET_ZONE)) as usize]
                    == qrcode::Color::Dark;
            pixels.push(if dark { 0 } else { 255 });
        }
    }
    let mut bytes = Vec::new();
    let mut encoder = ::png::Encoder::new(&mut bytes, side, side);
    encoder.set_color(::png::ColorType::Grayscale);
    encoder.set_depth(::png::BitDepth::Eight);
    // Writing into a Vec fails only on a bug; an empty image then shows as missing.
    let written = encoder
        .write_header()
        .and_then(|mut writer| writer.write_image_data(&pixels));
    if let Err(error) = written {
        tracing::error!(%error, "cannot encode the GiroCode as PNG");
        bytes.clear();
    }
    bytes
}

/// `DE89370400440532013000` → `DE89 3704 0044 0532 0130 00`, as people read it.
pub(crate) fn grouped(iban: &str) -> String {
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
    fn the_girocode_is_an_svg_image_and_a_png() {
        let due = PaymentDue {
            amount_cents: 21_600,
            recipient: DEMO_RECIPIENT.to_owned(),
            iban: "DE89370400440532013000".to_owned(),
            purpose: "Hundesteuer".to_owned(),
        };
        let code = giro_code(&due, "BP-2026-000001").expect("a GiroCode");
        assert!(png(&code, 4).starts_with(b"\x89PNG"));
        let uri = svg_data_uri(&code);
        let encoded = uri
            .strip_prefix("data:image/svg+xml;base64,")
            .unwrap_or_default();
        let svg = STANDARD.decode(encoded).unwrap_or_default();
        assert!(String::from_utf8_lossy(&svg).contains("<svg"));
    }
}
