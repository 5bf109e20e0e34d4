//! Request extractors whose rejections are [`ApiError`]s, so every failure has the one error
//! shape.

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;
use shared::api::ErrorCode;

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

/// The client's IP address as the socket saw it, when the server runs with connect info (not
/// in router tests). Behind a reverse proxy this is the proxy's address.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ClientIp(pub(crate) Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let info = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>();
        Ok(Self(
            info.map(|axum::extract::ConnectInfo(address)| address.ip()),
        ))
    }
}
