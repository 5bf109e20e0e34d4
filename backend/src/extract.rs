//! Request extractors whose rejections are [`ApiError`]s, so every failure has the one error
//! shape.

use std::net::IpAddr;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use shared::api::ErrorCode;
use shared::api::editor::StaffRole;

use crate::app::AppState;
use crate::auth;
use crate::db;
use crate::error::ApiError;

/// A JSON body; malformed JSON is 400, a wrong content type 415, an oversized body 413.
pub(crate) struct ApiJson<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(request, state).await {
            Ok(axum::Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(ApiError::Client(json_rejection_code(&rejection))),
        }
    }
}

fn json_rejection_code(rejection: &JsonRejection) -> ErrorCode {
    match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge,
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType,
        _ => ErrorCode::MalformedRequest,
    }
}

/// The logged-in staff member; rejects with 401 when there is no valid session.
#[derive(Debug, Clone)]
pub(crate) struct CurrentStaff {
    pub(crate) account: db::staff::StaffAccount,
}

impl FromRequestParts<AppState> for CurrentStaff {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = auth::session_token(&parts.headers, state.config.secure_cookies)
            .ok_or(ApiError::Client(ErrorCode::Unauthenticated))?;
        let now_ms = state.clock.now().timestamp_millis();
        db::staff::fetch_optional_by_session(&state.db, &auth::token_hash(&token), now_ms)
            .await?
            .map(|account| Self { account })
            .ok_or(ApiError::Client(ErrorCode::Unauthenticated))
    }
}

/// The client's IP address, when the server runs with connect info (not in router tests): the
/// socket's peer, or, when that peer is one of `BP_TRUSTED_PROXIES`, the nearest address in
/// `X-Forwarded-For` that is not a trusted proxy. Limits per address rely on it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub(crate) Option<IpAddr>);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|axum::extract::ConnectInfo(address)| address.ip());
        let forwarded = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok());
        Ok(Self(peer.map(|peer| {
            client_address(peer, forwarded, &state.config.trusted_proxies)
        })))
    }
}

/// The client behind a chain of proxies. Only hops added by trusted proxies are believed: walking
/// `X-Forwarded-For` from the right, the first address that is not a trusted proxy is the
/// client (anything further left was written by the client itself and may be forged).
fn client_address<'a>(
    peer: IpAddr,
    forwarded: impl Iterator<Item = &'a str>,
    trusted: &[IpAddr],
) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<IpAddr> = forwarded
        .flat_map(|value| value.split(','))
        .filter_map(|hop| hop.trim().parse().ok())
        .collect();
    hops.into_iter()
        .rev()
        .find(|hop| !trusted.contains(hop))
        .unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap_or_else(|_| IpAddr::from([0, 0, 0, 0]))
    }

    #[test]
    fn forwarded_addresses_count_only_behind_trusted_proxies() {
        let proxy = ip("10.0.0.2");
        let trusted = [proxy, ip("10.0.0.3")];
        // Direct client: its own address, whatever it claims.
        assert_eq!(
            client_address(ip("203.0.113.9"), ["1.2.3.4"].into_iter(), &trusted),
            ip("203.0.113.9")
        );
        // Behind two trusted proxies; the leftmost entry was forged by the client.
        assert_eq!(
            client_address(
                proxy,
                ["6.6.6.6, 198.51.100.7", "10.0.0.3"].into_iter(),
                &trusted
            ),
            ip("198.51.100.7")
        );
        // A trusted proxy without the header: the proxy itself.
        assert_eq!(client_address(proxy, std::iter::empty(), &trusted), proxy);
    }
}

impl CurrentStaff {
    /// The signed-in account if its role is `allowed`: 401 without a session, 403 otherwise.
    async fn with_role(
        parts: &mut Parts,
        state: &AppState,
        allowed: impl Fn(StaffRole) -> bool,
    ) -> Result<db::staff::StaffAccount, ApiError> {
        let Self { account } = Self::from_request_parts(parts, state).await?;
        if allowed(account.role) {
            Ok(account)
        } else {
            Err(ApiError::Client(ErrorCode::Forbidden))
        }
    }
}

/// A logged-in editor or admin: 401 without a session, 403 for other roles.
#[derive(Debug, Clone)]
pub(crate) struct CurrentEditor {
    pub(crate) account: db::staff::StaffAccount,
}

impl FromRequestParts<AppState> for CurrentEditor {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let account = CurrentStaff::with_role(parts, state, StaffRole::may_edit_forms).await?;
        Ok(Self { account })
    }
}

/// The signed-in account, if it is an administrator (others get 403).
pub(crate) struct CurrentAdmin {
    pub(crate) account: db::staff::StaffAccount,
}

impl FromRequestParts<AppState> for CurrentAdmin {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let account =
            CurrentStaff::with_role(parts, state, |role| role == StaffRole::Admin).await?;
        Ok(Self { account })
    }
}
