//! Proof of work for appointment holds: before a slot is held the browser finds a `nonce` so
//! that SHA-256 of `challenge:nonce` starts with `difficulty` zero bits. A person does this once
//! per booking without noticing (tens of milliseconds in WASM); a script that wants to hold every
//! slot of a month pays for each one. The server issues the challenge signed and checks the work
//! without storing anything (`backend/src/pow.rs`); this module is the part both sides share.

use sha2::{Digest, Sha256};

/// Whether `nonce` solves `challenge` at `difficulty` (leading zero bits of the hash).
pub fn meets(challenge: &str, nonce: u64, difficulty: u8) -> bool {
    leading_zero_bits(&digest(challenge, nonce)) >= u32::from(difficulty)
}

/// The smallest nonce that solves `challenge` at `difficulty`. Expected work: 2^difficulty
/// hashes; the server caps the difficulty at 24, so this always ends.
pub fn solve(challenge: &str, difficulty: u8) -> u64 {
    let mut nonce = 0;
    while !meets(challenge, nonce, difficulty) {
        nonce += 1;
    }
    nonce
}

fn digest(challenge: &str, nonce: u64) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(challenge.as_bytes());
    hasher.update(b":");
    hasher.update(nonce.to_string().as_bytes());
    hasher.finalize().into()
}

fn leading_zero_bits(hash: &[u8]) -> u32 {
    let mut bits = 0;
    for byte in hash {
        if *byte == 0 {
            bits += 8;
        } else {
            return bits + byte.leading_zeros();
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_solution_meets_its_difficulty_and_no_smaller_nonce_does() {
        let challenge = "v1.test";
        let nonce = solve(challenge, 10);
        assert!(meets(challenge, nonce, 10));
        assert!((0..nonce).all(|smaller| !meets(challenge, smaller, 10)));
        // Another challenge needs its own work.
        assert!(!meets("v1.other", nonce, 10) || solve("v1.other", 10) == nonce);
    }

    #[test]
    fn leading_zero_bits_count_across_bytes() {
        assert_eq!(leading_zero_bits(&[0, 0, 0b0001_0000]), 19);
        assert_eq!(leading_zero_bits(&[0x80]), 0);
        assert_eq!(leading_zero_bits(&[0, 0]), 16);
    }

    #[test]
    fn difficulty_zero_accepts_any_nonce() {
        assert!(meets("anything", 12345, 0));
        assert_eq!(solve("anything", 0), 0);
    }
}
