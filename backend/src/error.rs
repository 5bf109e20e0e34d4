//! The error type of the HTTP boundary.
//!
//! Every error a client can receive becomes `shared::api::ErrorBody` with a stable code. The
//! body is rendered by [`localize_errors`] once the request's language is known; internal errors
//! are logged here, once, and leave the server as an opaque 500.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use shared::api::editor::DefinitionProblem;
use shared::api::{ErrorBody, ErrorCode};
use shared::{FieldError, Lang};

/// An error answered to an API client.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    /// 400, 401, 403, 404, 413, 415 or 429: a client error with its code.
    #[error("client error {0:?}")]
    Client(ErrorCode),
    /// 429 with `Retry-After` seconds.
    #[error("rate limited for {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// 422: the answers failed validation.
    #[error("validation failed")]
    Invalid(Vec<FieldError>),
    /// 422: a form definition has problems.
    #[error("definition invalid")]
    DefinitionInvalid(Vec<DefinitionProblem>),
    /// 422: a location's configuration or special days have problems.
    #[error("location invalid")]
    InvalidLocation(Vec<DefinitionProblem>),
    /// 500: a database error; logged, never shown.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    /// 500: any other internal error; logged, never shown.
    #[error("internal error: {0:#}")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub(crate) const NOT_FOUND: Self = Self::Client(ErrorCode::NotFound);
}

/// What [`localize_errors`] needs to render an error body; travels in response extensions.
#[derive(Debug, Clone)]
struct PendingErrorBody {
    code: ErrorCode,
    fields: Vec<FieldError>,
    problems: Vec<DefinitionProblem>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (code, fields) = match self {
            Self::Client(code) => (code, Vec::new()),
            Self::InvalidLocation(problems) => {
                let mut response = pending(ErrorCode::InvalidLocation, Vec::new());
                if let Some(body) = response.extensions_mut().get_mut::<PendingErrorBody>() {
                    body.problems = problems;
                }
                return response;
            }
            Self::DefinitionInvalid(problems) => {
                let mut response = pending(ErrorCode::DefinitionInvalid, Vec::new());
                if let Some(body) = response.extensions_mut().get_mut::<PendingErrorBody>() {
                    body.problems = problems;
                }
                return response;
            }
            Self::RateLimited { retry_after_secs } => {
                let mut response = pending(ErrorCode::RateLimited, Vec::new());
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
                return response;
            }
            Self::Invalid(fields) => (ErrorCode::ValidationFailed, fields),
            Self::Database(error) => {
                tracing::error!(error = %error, "database error");
                (ErrorCode::Internal, Vec::new())
            }
            Self::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "internal error");
                (ErrorCode::Internal, Vec::new())
            }
        };
        pending(code, fields)
    }
}

fn pending(code: ErrorCode, fields: Vec<FieldError>) -> Response {
    let status = StatusCode::from_u16(code.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = status.into_response();
    response.extensions_mut().insert(PendingErrorBody {
        code,
        fields,
        problems: Vec::new(),
    });
    response
}

/// Middleware: renders pending error bodies in the language the request asked for
/// (`Accept-Language`, German by default).
pub(crate) async fn localize_errors(request: Request, next: Next) -> Response {
    let lang = request_lang(request.headers());
    let response = next.run(request).await;
    let Some(pending) = response.extensions().get::<PendingErrorBody>().cloned() else {
        return response;
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = ErrorBody {
        code: pending.code,
        message: pending.code.message(lang).to_owned(),
        fields: pending.fields,
        problems: pending.problems,
    };
    (parts, Json(body)).into_response()
}

/// The language of a request, from `Accept-Language`.
pub(crate) fn request_lang(headers: &axum::http::HeaderMap) -> Lang {
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map_or(Lang::De, Lang::from_accept_language)
}

/// Fallback for unknown `/api` paths: a JSON 404 rather than the SPA's index page.
pub(crate) async fn api_not_found() -> ApiError {
    ApiError::NOT_FOUND
}
