//! Proof-of-work challenges, signed so that checking them needs no state (several instances,
//! no table of issued challenges): `v1.<expires ms>.<difficulty>.<client>.<random>.<mac>`, where
//! `client` is a hash of the client's address (a challenge solved on one connection does not
//! serve another) and `mac` an HMAC-SHA-256 with the key all instances share
//! (`server_secrets`). The work itself is [`shared::pow`].

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// How long a challenge may be used.
pub(crate) const VALID_MS: i64 = 5 * 60 * 1000;
/// The hardest difficulty the configuration may ask for (2^24 hashes is seconds on a phone).
pub(crate) const MAX_DIFFICULTY: u8 = 24;

/// A new challenge for `client` at `difficulty`.
pub(crate) fn issue(key: &[u8], client: &str, difficulty: u8, now_ms: i64) -> String {
    let mut random = [0_u8; 12];
    rand::rngs::OsRng.fill_bytes(&mut random);
    let body = format!(
        "v1.{}.{difficulty}.{}.{}",
        now_ms + VALID_MS,
        client_tag(client),
        URL_SAFE_NO_PAD.encode(random)
    );
    let mac = sign(key, &body);
    format!("{body}.{mac}")
}

/// Whether `nonce` is valid work on a challenge this server issued to `client` that has not run
/// out, at a difficulty of at least `min_difficulty`.
pub(crate) fn verify(
    key: &[u8],
    client: &str,
    challenge: &str,
    nonce: u64,
    min_difficulty: u8,
    now_ms: i64,
) -> bool {
    let Some((body, mac)) = challenge.rsplit_once('.') else {
        return false;
    };
    let Ok(mac) = URL_SAFE_NO_PAD.decode(mac) else {
        return false;
    };
    let mut expected = mac_of(key);
    expected.update(body.as_bytes());
    if expected.verify_slice(&mac).is_err() {
        return false;
    }
    let parts: Vec<&str> = body.split('.').collect();
    let [version, expires, difficulty, tag, _random] = parts.as_slice() else {
        return false;
    };
    let (Ok(expires), Ok(difficulty)) = (expires.parse::<i64>(), difficulty.parse::<u8>()) else {
        return false;
    };
    *version == "v1"
        && expires >= now_ms
        && difficulty >= min_difficulty
        && *tag == client_tag(client)
        && shared::pow::meets(challenge, nonce, difficulty)
}

fn client_tag(client: &str) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(client.as_bytes())[..9])
}

fn mac_of(key: &[u8]) -> Hmac<Sha256> {
    <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes keys of any length")
}

fn sign(key: &[u8], body: &str) -> String {
    let mut mac = mac_of(key);
    mac.update(body.as_bytes());
    URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"test key";
    const NOW: i64 = 1_800_000_000_000;

    #[test]
    fn solved_challenges_pass_once_signed_fresh_and_for_the_same_client() {
        let challenge = issue(KEY, "203.0.113.5", 8, NOW);
        let nonce = shared::pow::solve(&challenge, 8);
        assert!(verify(KEY, "203.0.113.5", &challenge, nonce, 8, NOW + 1000));
        // Another client, another key, too late, or a weaker challenge than required: refused.
        assert!(!verify(KEY, "203.0.113.6", &challenge, nonce, 8, NOW));
        assert!(!verify(
            b"other key",
            "203.0.113.5",
            &challenge,
            nonce,
            8,
            NOW
        ));
        assert!(!verify(
            KEY,
            "203.0.113.5",
            &challenge,
            nonce,
            8,
            NOW + VALID_MS + 1
        ));
        assert!(!verify(KEY, "203.0.113.5", &challenge, nonce, 9, NOW));
    }

    #[test]
    fn forged_or_unsolved_challenges_fail() {
        let challenge = issue(KEY, "client", 12, NOW);
        let nonce = shared::pow::solve(&challenge, 12);
        // A changed difficulty breaks the signature.
        let easier = challenge.replacen(".12.", ".0.", 1);
        assert!(!verify(KEY, "client", &easier, 0, 0, NOW));
        // Without work it fails (the smallest solution is not 0 unless it happens to be).
        if nonce > 0 {
            assert!(!verify(KEY, "client", &challenge, nonce - 1, 12, NOW));
        }
        assert!(!verify(KEY, "client", "garbage", 0, 0, NOW));
    }
}
