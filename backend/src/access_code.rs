//! Access codes: the secret that, with the reference number, shows a citizen the processing
//! status of an application.
//!
//! Twelve characters from an alphabet without look-alikes (no 0/O, 1/I/L), written in groups of
//! four: `7KQM-3XPD-W9RT`, about 59 bits, so guessing is hopeless with the rate limit of the
//! status endpoint. Only a SHA-256 of reference and code is stored; a database leak does not
//! reveal codes without a brute force of 2^59 per application.

use rand::Rng;
use sha2::{Digest, Sha256};

const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const LENGTH: usize = 12;

/// A new random access code, grouped for reading aloud and typing.
pub(crate) fn new_access_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let mut code = String::with_capacity(LENGTH + 2);
    for index in 0..LENGTH {
        if index > 0 && index % 4 == 0 {
            code.push('-');
        }
        code.push(char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]));
    }
    code
}

/// The code as typed, without spaces and dashes, in upper case.
fn normalize(code: &str) -> String {
    code.chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

/// What is stored for `code` of the application `reference` (reference as stored).
pub(crate) fn code_hash(reference: &str, code: &str) -> String {
    let digest = Sha256::new()
        .chain_update(reference.as_bytes())
        .chain_update(b"\n")
        .chain_update(normalize(code).as_bytes())
        .finalize();
    format!("{digest:x}")
}

/// A reference number as typed, in stored form: spaces removed, upper case.
pub(crate) fn normalize_reference(reference: &str) -> String {
    reference
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Compares two hashes in time independent of where they differ.
pub(crate) fn same_hash(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0_u8, |difference, (x, y)| difference | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_grouped_from_the_unambiguous_alphabet() {
        let code = new_access_code();
        assert_eq!(code.len(), 14);
        let groups: Vec<&str> = code.split('-').collect();
        assert_eq!(groups.len(), 3);
        assert!(
            code.bytes().all(|b| b == b'-' || ALPHABET.contains(&b)),
            "{code}"
        );
        assert_ne!(new_access_code(), code);
    }

    #[test]
    fn typing_variations_give_the_same_hash() {
        let stored = code_hash("BP-2026-000001", "7KQM-3XPD-W9RT");
        assert!(same_hash(
            &code_hash("BP-2026-000001", " 7kqm 3xpd w9rt "),
            &stored
        ));
        assert!(!same_hash(
            &code_hash("BP-2026-000002", "7KQM-3XPD-W9RT"),
            &stored
        ));
        assert!(!same_hash(
            &code_hash("BP-2026-000001", "7KQM-3XPD-W9RS"),
            &stored
        ));
        assert_eq!(normalize_reference(" bp-2026-000001 "), "BP-2026-000001");
    }
}
