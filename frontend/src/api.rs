//! The typed HTTP client: the only module that builds URLs and sends requests.
//!
//! Paths are same-origin and relative, taken from `shared::api::paths`, so the bundle never
//! embeds a server address. Every error response is decoded once, here, into [`ErrorBody`].

use std::fmt;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::api::{
    ErrorBody, Form, FormSummary, StaffFormSummary, StaffLogin, StaffUser, SubmissionReceipt,
    SubmitAnswers, paths,
};
use shared::{FormId, FormSlug, Lang};

/// Why a request did not produce the expected value.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientError {
    /// No response: offline, server down, request blocked.
    Network(String),
    /// The server answered with an error body.
    Api(ErrorBody),
    /// The response was not what the contract promises.
    Decode(String),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Network(cause) => write!(f, "network error: {cause}"),
            Self::Api(body) => write!(f, "{:?}: {}", body.code, body.message),
            Self::Decode(cause) => write!(f, "unexpected response: {cause}"),
        }
    }
}

/// Published forms for the start page.
pub async fn list_forms(lang: Lang) -> Result<Vec<FormSummary>, ClientError> {
    json(send(with_lang(Request::get(paths::FORMS), lang)).await?).await
}

/// The latest published version of a form.
pub async fn get_form(slug: &FormSlug, lang: Lang) -> Result<Form, ClientError> {
    json(send(with_lang(Request::get(&paths::form(slug)), lang)).await?).await
}

/// Submits answers; a 422 comes back as [`ClientError::Api`] with `fields`.
pub async fn submit_answers(
    slug: &FormSlug,
    command: &SubmitAnswers,
    lang: Lang,
) -> Result<SubmissionReceipt, ClientError> {
    let request = with_lang(Request::post(&paths::form_submissions(slug)), lang)
        .json(command)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    json(check(request.send().await).await?).await
}

/// Logs a staff member in; the session cookie is set by the response.
pub async fn login(command: &StaffLogin, lang: Lang) -> Result<StaffUser, ClientError> {
    let request = with_lang(Request::post(paths::STAFF_SESSION), lang)
        .json(command)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    json(check(request.send().await).await?).await
}

/// Ends the staff session.
pub async fn logout(lang: Lang) -> Result<(), ClientError> {
    send(with_lang(Request::delete(paths::STAFF_SESSION), lang))
        .await
        .map(drop)
}

/// The logged-in staff member; a 401 means "not logged in".
pub async fn current_staff(lang: Lang) -> Result<StaffUser, ClientError> {
    json(send(with_lang(Request::get(paths::STAFF_ME), lang)).await?).await
}

/// Forms with their submission counts, for staff.
pub async fn list_staff_forms(lang: Lang) -> Result<Vec<StaffFormSummary>, ClientError> {
    json(send(with_lang(Request::get(paths::STAFF_FORMS), lang)).await?).await
}

/// Where the browser downloads a form's submissions as CSV (a plain link, so the session
/// cookie goes along and the browser handles the file).
pub fn staff_form_csv_url(form_id: FormId) -> String {
    paths::staff_form_csv(form_id)
}

fn with_lang(builder: RequestBuilder, lang: Lang) -> RequestBuilder {
    builder
        .header("Accept-Language", lang.tag())
        .header("Accept", "application/json")
}

async fn send(builder: RequestBuilder) -> Result<Response, ClientError> {
    check(builder.send().await).await
}

/// Turns transport failures and non-2xx responses into [`ClientError`], decoding the
/// server's [`ErrorBody`].
async fn check(result: Result<Response, gloo_net::Error>) -> Result<Response, ClientError> {
    let response = result.map_err(|error| ClientError::Network(error.to_string()))?;
    if response.ok() {
        return Ok(response);
    }
    let status = response.status();
    match response.json::<ErrorBody>().await {
        Ok(body) => Err(ClientError::Api(body)),
        Err(error) => Err(ClientError::Decode(format!(
            "status {status} without an error body: {error}"
        ))),
    }
}

async fn json<T: DeserializeOwned>(response: Response) -> Result<T, ClientError> {
    response
        .json::<T>()
        .await
        .map_err(|error| ClientError::Decode(error.to_string()))
}
