//! The optional second factor of staff accounts: time-based one-time passwords (RFC 6238:
//! SHA-1, 6 digits, 30-second steps, one step of clock drift either way), as authenticator
//! apps generate them. A code is accepted once: the step it was made for is stored, and later
//! codes must be for a later step.

use base64::Engine as _;
use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};

/// The issuer shown in authenticator apps.
const ISSUER: &str = "Bürgerportal";
const STEP_SECONDS: u64 = 30;

fn totp(secret_base32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_base32.to_owned()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECONDS, bytes).ok()
}

/// A new random secret (160 bits, as RFC 4226 recommends), base32.
pub(crate) fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// The `otpauth://` URI authenticator apps read from the QR code.
pub(crate) fn provisioning_uri(secret_base32: &str, email: &str) -> String {
    let encode = |text: &str| {
        percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_base32}&issuer={}&algorithm=SHA1&digits=6&period={STEP_SECONDS}",
        encode(ISSUER),
        encode(email),
        encode(ISSUER)
    )
}

/// The URI as a QR code, an SVG data URI for an `<img>`.
pub(crate) fn qr_data_uri(uri: &str) -> anyhow::Result<String> {
    let code = qrcode::QrCode::with_error_correction_level(uri, qrcode::EcLevel::M)?;
    let svg = code
        .render::<qrcode::render::svg::Color<'_>>()
        .min_dimensions(200, 200)
        .build();
    Ok(format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    ))
}

/// The time step `code` was made for, if it is valid at `now_secs` and for a later step than
/// `last_step`.
pub(crate) fn verify(
    secret_base32: &str,
    code: &str,
    now_secs: u64,
    last_step: Option<i64>,
) -> Option<i64> {
    let totp = totp(secret_base32)?;
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let current = now_secs / STEP_SECONDS;
    [current.saturating_sub(1), current, current + 1]
        .into_iter()
        .filter(|step| {
            last_step.is_none_or(|last| i64::try_from(*step).is_ok_and(|step| step > last))
        })
        .find(|step| totp.generate(step * STEP_SECONDS) == code)
        .and_then(|step| i64::try_from(step).ok())
}

/// The code for `now_secs` (tests stand in for the authenticator app with it).
pub fn code_at(secret_base32: &str, now_secs: u64) -> Option<String> {
    Some(totp(secret_base32)?.generate(now_secs))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238, appendix B: the SHA-1 secret "12345678901234567890", 8 digits there; the
    /// last 6 digits are the 6-digit code.
    #[test]
    fn codes_follow_rfc_6238() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        assert_eq!(code_at(&secret, 59).as_deref(), Some("287082"));
        assert_eq!(code_at(&secret, 1_111_111_109).as_deref(), Some("081804"));
    }

    #[test]
    fn a_code_counts_once_and_only_near_its_time() {
        let secret = new_secret();
        let now = 1_700_000_000;
        let code = code_at(&secret, now).unwrap();
        let step = verify(&secret, &code, now, None).expect("valid now");
        assert_eq!(
            verify(&secret, &code, now + 30, None),
            Some(step),
            "one step of drift"
        );
        assert_eq!(verify(&secret, &code, now + 90, None), None, "too late");
        assert_eq!(
            verify(&secret, &code, now, Some(step)),
            None,
            "used already"
        );
        assert!(
            provisioning_uri(&secret, "a@b.example")
                .starts_with("otpauth://totp/B%C3%BCrgerportal:a%40b%2Eexample?secret=")
        );
    }
}
