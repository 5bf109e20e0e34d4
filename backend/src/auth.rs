//! Staff authentication: password hashing (argon2id), session tokens and the session cookie.

use argon2::Argon2;
use argon2::password_hash::{
    PasswordHash, PasswordHasher, PasswordVerifier, SaltString, rand_core::OsRng,
};
use axum::http::{HeaderMap, header};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared::api::editor::StaffRole;

use crate::db::{self, Db};

/// How long a staff session lasts: one working day.
pub(crate) const SESSION_LIFETIME_MS: i64 = 8 * 60 * 60 * 1000;

const COOKIE_NAME: &str = "bp_session";
/// With HTTPS the `__Host-` prefix makes the browser refuse the cookie unless it is Secure,
/// host-only and path `/` (RFC 6265bis).
const SECURE_COOKIE_NAME: &str = "__Host-bp_session";

/// Creates a staff account with an argon2id hash of `password`, unless an account with that
/// e-mail address exists; returns whether it was created. Used by demo seeding and tests.
pub async fn create_staff_account(
    db: &Db,
    email: &str,
    name: &str,
    password: &str,
    role: StaffRole,
    now_ms: i64,
) -> anyhow::Result<bool> {
    let password = password.to_owned();
    // argon2 takes tens of milliseconds of CPU: keep it off the async workers.
    let password_hash = tokio::task::spawn_blocking(move || hash_password(&password)).await??;
    let account = db::staff::NewStaffAccount {
        email,
        name,
        password_hash: &password_hash,
        role,
    };
    Ok(db::staff::insert_if_absent(db, &account, now_ms).await?)
}

/// Makes the account with `email` a member of `department_key`, so it sees the submissions of
/// that department's forms; false if there is no such account.
pub async fn add_to_department(db: &Db, email: &str, department_key: &str) -> anyhow::Result<bool> {
    let Some(account) = db::staff::fetch_optional_by_email(db, email).await? else {
        return Ok(false);
    };
    db::staff::insert_department_membership(db, &account.id, department_key).await?;
    Ok(true)
}

/// Hashes a password with argon2id and a random salt (PHC string format).
pub(crate) fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| anyhow::anyhow!("cannot hash password: {error}"))
}

/// Whether `password` matches the stored PHC hash. A malformed hash never matches.
pub(crate) fn verify_password(password: &str, stored_hash: &str) -> bool {
    PasswordHash::new(stored_hash).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A hash to verify against when the account does not exist, so that the response time does
/// not reveal which e-mail addresses have accounts.
pub(crate) fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| hash_password("not-a-real-password").unwrap_or_default());
    &DUMMY
}

/// A new random session token (256 bits, URL-safe).
pub(crate) fn new_session_token() -> String {
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database stores instead of the token.
pub(crate) fn token_hash(token: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(token.as_bytes()))
}

/// The `Set-Cookie` value that starts a session.
pub(crate) fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = SESSION_LIFETIME_MS / 1000;
    if secure {
        format!(
            "{SECURE_COOKIE_NAME}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict; Secure"
        )
    } else {
        format!("{COOKIE_NAME}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict")
    }
}

/// The `Set-Cookie` value that ends a session.
pub(crate) fn expired_session_cookie(secure: bool) -> String {
    if secure {
        format!("{SECURE_COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict; Secure")
    } else {
        format!("{COOKIE_NAME}=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict")
    }
}

/// The session token from the request's cookies, if any.
pub(crate) fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = if secure {
        SECURE_COOKIE_NAME
    } else {
        COOKIE_NAME
    };
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, value)| *key == name && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_hash_verifies_only_the_same_password() {
        let hash = hash_password("Korrekt-Pferd-Batterie").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("Korrekt-Pferd-Batterie", &hash));
        assert!(!verify_password("korrekt-pferd-batterie", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn session_token_is_read_from_the_right_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            "other=1; bp_session=abc; x=y".parse().unwrap(),
        );
        assert_eq!(session_token(&headers, false).as_deref(), Some("abc"));
        assert_eq!(session_token(&headers, true), None);
        assert_ne!(new_session_token(), new_session_token());
        assert_eq!(token_hash("abc"), token_hash("abc"));
    }
}
