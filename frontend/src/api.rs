//! The typed HTTP client: the only module that builds URLs and sends requests.
//!
//! Paths are same-origin and relative, taken from `shared::api::paths`, so the bundle never
//! embeds a server address. Every error response is decoded once, here, into [`ErrorBody`].

use std::fmt;

use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use shared::CalendarDate;
use shared::api::audit::AuditPage;
use shared::api::booking::{
    ActivationSent, BookingOffer, BookingView, Concern, ContactDetails, HeldSlot, HoldRequest,
    MoveRequest, PowChallenge, SlotList, TokenRequest,
};
use shared::api::editor::{
    DepartmentOption, DraftSaved, EditorForm, EditorFormSummary, FimImportRequest, FormCreated,
    NewForm, PublishDraft, Published, SaveDraft, SetDepartment, VersionDiff,
};
use shared::api::{
    AddNote, AssignSubmission, ChangeStatus, Colleague, ErrorBody, Form, FormSummary, InboxPage,
    StaffFormSummary, StaffLogin, StaffSubmission, StaffSubmissionSummary, StaffUser, StatusQuery,
    StatusView, SubmissionReceipt, SubmitAnswers, UPLOAD_NAME_HEADER, paths,
};
use shared::catalogue::{ServicePage, ServiceSummary, TopicSummary};
use shared::id::LocationSlug;
use shared::id::{ServiceSlug, TopicSlug};
use shared::validation::FileRef;
use shared::{FormId, FormSlug, Lang};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

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

/// Services matching `query` (best first) within `topic`; all A–Z without a query.
pub async fn list_services(
    query: &str,
    topic: Option<&TopicSlug>,
    lang: Lang,
) -> Result<Vec<ServiceSummary>, ClientError> {
    json(
        send(with_lang(
            Request::get(&paths::services(query, topic)),
            lang,
        ))
        .await?,
    )
    .await
}

/// One service page.
pub async fn get_service(slug: &ServiceSlug, lang: Lang) -> Result<ServicePage, ClientError> {
    json(send(with_lang(Request::get(&paths::service(slug)), lang)).await?).await
}

/// Topics with their service counts.
pub async fn list_topics(lang: Lang) -> Result<Vec<TopicSummary>, ClientError> {
    json(send(with_lang(Request::get(paths::TOPICS), lang)).await?).await
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

/// Uploads one file for the file field `field` (`key` or `group.key`) of version `version`,
/// reporting `(bytes sent, bytes total)` as it goes. `XMLHttpRequest`, because `fetch` cannot
/// report upload progress. The browser streams the file from disk.
pub async fn upload_file(
    slug: &FormSlug,
    version: u32,
    field: &str,
    file: &web_sys::File,
    lang: Lang,
    on_progress: impl Fn(f64, f64) + 'static,
) -> Result<FileRef, ClientError> {
    let network = |error: wasm_bindgen::JsValue| ClientError::Network(format!("{error:?}"));
    let request = web_sys::XmlHttpRequest::new().map_err(network)?;
    request
        .open("POST", &paths::form_uploads(slug, version, field))
        .map_err(network)?;
    // Some phones give no type for a photo; the server then refuses it with a clear code.
    let media_type = match file.type_() {
        media_type if media_type.is_empty() => "application/octet-stream".to_owned(),
        media_type => media_type,
    };
    let name = String::from(js_sys::encode_uri_component(&file.name()));
    for (header, value) in [
        ("Content-Type", media_type.as_str()),
        (UPLOAD_NAME_HEADER, name.as_str()),
        ("Accept-Language", lang.tag()),
        ("Accept", "application/json"),
    ] {
        request.set_request_header(header, value).map_err(network)?;
    }
    let progress =
        Closure::<dyn Fn(web_sys::ProgressEvent)>::new(move |event: web_sys::ProgressEvent| {
            if event.length_computable() {
                on_progress(event.loaded(), event.total());
            }
        });
    request
        .upload()
        .map_err(network)?
        .set_onprogress(Some(progress.as_ref().unchecked_ref()));
    // Settles when the request ends: `load` for any HTTP answer, `error`/`abort` for none.
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onload(Some(&resolve));
        request.set_onerror(Some(&reject));
        request.set_onabort(Some(&reject));
    });
    request.send_with_opt_blob(Some(file)).map_err(network)?;
    let settled = wasm_bindgen_futures::JsFuture::from(done).await;
    // The progress callback must live until the request has ended.
    drop(progress);
    if settled.is_err() {
        return Err(ClientError::Network(
            "the upload was interrupted".to_owned(),
        ));
    }
    let status = request.status().map_err(network)?;
    let body = request
        .response_text()
        .map_err(network)?
        .unwrap_or_default();
    if (200..300).contains(&status) {
        serde_json::from_str(&body).map_err(|error| ClientError::Decode(error.to_string()))
    } else {
        match serde_json::from_str::<ErrorBody>(&body) {
            Ok(error) => Err(ClientError::Api(error)),
            Err(error) => Err(ClientError::Decode(format!(
                "status {status} without an error body: {error}"
            ))),
        }
    }
}

/// The processing status of an application; a wrong reference or code is
/// [`ErrorCode::StatusNotFound`](shared::api::ErrorCode::StatusNotFound).
pub async fn get_status(query: &StatusQuery, lang: Lang) -> Result<StatusView, ClientError> {
    let request = with_lang(Request::post(paths::STATUS), lang)
        .json(query)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    json(check(request.send().await).await?).await
}

/// The PDF receipt of a submission (same credentials and errors as [`get_status`]).
pub async fn download_receipt(query: &StatusQuery, lang: Lang) -> Result<Vec<u8>, ClientError> {
    let request = with_lang(Request::post(paths::STATUS_RECEIPT), lang)
        .json(query)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await)
        .await?
        .binary()
        .await
        .map_err(|error| ClientError::Network(error.to_string()))
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

/// Sends `body` as JSON with `method` and decodes the answer.
async fn send_json<B: serde::Serialize, T: DeserializeOwned>(
    builder: RequestBuilder,
    body: &B,
    lang: Lang,
) -> Result<T, ClientError> {
    let request = with_lang(builder, lang)
        .json(body)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    json(check(request.send().await).await?).await
}

/// Editors: the departments a form can belong to.
pub async fn list_departments(lang: Lang) -> Result<Vec<DepartmentOption>, ClientError> {
    json(send(with_lang(Request::get(paths::EDITOR_DEPARTMENTS), lang)).await?).await
}

/// Editors: sets the department whose case workers see the form's submissions.
pub async fn set_department(
    id: FormId,
    department: Option<String>,
    lang: Lang,
) -> Result<(), ClientError> {
    let request = with_lang(
        Request::put(&paths::editor_form(paths::EDITOR_FORM_DEPARTMENT, id)),
        lang,
    )
    .json(&SetDepartment { department })
    .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Editors: how many days the form's finished submissions are kept (`None`: until erased).
pub async fn set_retention(id: FormId, days: Option<u32>, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(
        Request::put(&paths::editor_form(paths::EDITOR_FORM_RETENTION, id)),
        lang,
    )
    .json(&shared::api::SetRetention { days })
    .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Staff: the key figures of a period (empty dates: the last twelve months).
pub async fn key_figures(
    from: &str,
    to: &str,
    lang: Lang,
) -> Result<shared::api::KeyFigures, ClientError> {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    let path = format!(
        "{}?from={}&to={}",
        paths::STAFF_FIGURES,
        encode(from),
        encode(to)
    );
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Admins: every account.
pub async fn list_users(lang: Lang) -> Result<Vec<shared::api::editor::ManagedUser>, ClientError> {
    json(send(with_lang(Request::get(paths::ADMIN_USERS), lang)).await?).await
}

/// Admins: creates an account; answers every account.
pub async fn create_user(
    user: &shared::api::editor::NewUser,
    lang: Lang,
) -> Result<Vec<shared::api::editor::ManagedUser>, ClientError> {
    send_json(Request::post(paths::ADMIN_USERS), user, lang).await
}

/// Admins: changes an account.
pub async fn update_user(
    id: &str,
    user: &shared::api::editor::UpdateUser,
    lang: Lang,
) -> Result<(), ClientError> {
    let request = with_lang(
        Request::put(&paths::admin_user(paths::ADMIN_USER, id)),
        lang,
    )
    .json(user)
    .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Admins: sets a new password for an account.
pub async fn reset_password(id: &str, password: &str, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(
        Request::post(&paths::admin_user(paths::ADMIN_USER_PASSWORD, id)),
        lang,
    )
    .json(&shared::api::editor::ResetPassword {
        password: password.to_owned(),
    })
    .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Staff: starts setting up a second factor.
pub async fn start_totp(lang: Lang) -> Result<shared::api::TotpSetup, ClientError> {
    send_json(
        Request::post(paths::STAFF_TOTP),
        &serde_json::json!({}),
        lang,
    )
    .await
}

/// Staff: turns the second factor on (`confirm`) or off with a code of the app.
pub async fn totp_code(path: &str, code: &str, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(Request::post(path), lang)
        .json(&shared::api::TotpCode {
            code: code.to_owned(),
        })
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Where the second factor is turned on with its first code, and off with a current one.
pub const TOTP_CONFIRM: &str = paths::STAFF_TOTP_CONFIRM;
/// See [`TOTP_CONFIRM`].
pub const TOTP_DISABLE: &str = paths::STAFF_TOTP_DISABLE;

/// Staff: changes one's own password.
pub async fn change_password(current: &str, new: &str, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(Request::post(paths::STAFF_PASSWORD), lang)
        .json(&shared::api::editor::ChangePassword {
            current: current.to_owned(),
            new: new.to_owned(),
        })
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Admins: a person's submissions.
pub async fn find_person(email: &str, lang: Lang) -> Result<shared::api::PersonData, ClientError> {
    let path = format!(
        "{}?email={}",
        paths::ADMIN_PERSONS,
        String::from(js_sys::encode_uri_component(email))
    );
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Admins: where a copy of a person's data downloads (Art. 15).
pub fn person_export_url(email: &str) -> String {
    format!(
        "{}?email={}",
        paths::ADMIN_PERSON_EXPORT,
        String::from(js_sys::encode_uri_component(email))
    )
}

/// Admins: erases a person's data (Art. 17); answers what is left to find.
pub async fn erase_person(email: &str, lang: Lang) -> Result<shared::api::PersonData, ClientError> {
    send_json(
        Request::post(paths::ADMIN_PERSON_ERASE),
        &shared::api::ErasePerson {
            email: email.to_owned(),
        },
        lang,
    )
    .await
}

/// Editors: every form with its status.
pub async fn list_editor_forms(lang: Lang) -> Result<Vec<EditorFormSummary>, ClientError> {
    json(send(with_lang(Request::get(paths::EDITOR_FORMS), lang)).await?).await
}

/// Editors: creates a form from a definition (new, or imported JSON).
pub async fn create_form(command: &NewForm, lang: Lang) -> Result<FormCreated, ClientError> {
    send_json(Request::post(paths::EDITOR_FORMS), command, lang).await
}

/// Editors: imports a FIM schema.
pub async fn import_fim(
    command: &FimImportRequest,
    lang: Lang,
) -> Result<FormCreated, ClientError> {
    send_json(Request::post(paths::EDITOR_FIM_IMPORT), command, lang).await
}

/// Editors: a form's draft and history.
pub async fn get_editor_form(id: FormId, lang: Lang) -> Result<EditorForm, ClientError> {
    let path = paths::editor_form(paths::EDITOR_FORM, id);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Editors: saves the draft; a stale revision is [`ErrorCode::DraftConflict`](shared::api::ErrorCode::DraftConflict).
pub async fn save_draft(
    id: FormId,
    command: &SaveDraft,
    lang: Lang,
) -> Result<DraftSaved, ClientError> {
    send_json(
        Request::put(&paths::editor_form(paths::EDITOR_FORM_DRAFT, id)),
        command,
        lang,
    )
    .await
}

/// Editors: publishes the draft as the next version.
pub async fn publish_draft(
    id: FormId,
    command: &PublishDraft,
    lang: Lang,
) -> Result<Published, ClientError> {
    send_json(
        Request::post(&paths::editor_form(paths::EDITOR_FORM_PUBLISH, id)),
        command,
        lang,
    )
    .await
}

/// Editors: the definition of one published version.
pub async fn get_form_version(
    id: FormId,
    version: u32,
    lang: Lang,
) -> Result<shared::FormDefinition, ClientError> {
    let path = paths::editor_form(paths::EDITOR_FORM_VERSION, id)
        .replace("{version}", &version.to_string());
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Editors: the changes between version `from` and `to` (the draft without `to`).
pub async fn get_diff(
    id: FormId,
    from: u32,
    to: Option<u32>,
    lang: Lang,
) -> Result<VersionDiff, ClientError> {
    let mut path = format!(
        "{}?from={from}",
        paths::editor_form(paths::EDITOR_FORM_DIFF, id)
    );
    if let Some(to) = to {
        path.push_str(&format!("&to={to}"));
    }
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Editors: archives a form or restores it.
pub async fn set_archived(id: FormId, archived: bool, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(
        Request::post(&paths::editor_form(paths::EDITOR_FORM_ARCHIVE, id)),
        lang,
    )
    .json(&serde_json::json!({ "archived": archived }))
    .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Editors: copies a form into a new draft.
pub async fn duplicate_form(id: FormId, lang: Lang) -> Result<FormCreated, ClientError> {
    send_json(
        Request::post(&paths::editor_form(paths::EDITOR_FORM_DUPLICATE, id)),
        &serde_json::json!({}),
        lang,
    )
    .await
}

/// Where the browser downloads a form's draft as JSON (a plain link with the session cookie).
pub fn editor_export_url(id: FormId) -> String {
    paths::editor_form(paths::EDITOR_FORM_EXPORT, id)
}

/// Staff: a form's submissions, newest first.
pub async fn list_staff_submissions(
    form_id: FormId,
    lang: Lang,
) -> Result<Vec<StaffSubmissionSummary>, ClientError> {
    let path = paths::staff_form_submissions(form_id);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// What the inbox is filtered by; empty texts mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct InboxFilter {
    /// A form id.
    pub form: String,
    /// A status name.
    pub status: String,
    /// `me`, `nobody` or an account id.
    pub assigned: String,
    /// Words to find.
    pub q: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub to: String,
    pub page: u32,
}

/// Staff: one page of the inbox.
pub async fn inbox(filter: &InboxFilter, lang: Lang) -> Result<InboxPage, ClientError> {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    let path = format!(
        "{}?form={}&status={}&assigned={}&q={}&from={}&to={}&page={}",
        paths::STAFF_INBOX,
        encode(&filter.form),
        encode(&filter.status),
        encode(&filter.assigned),
        encode(&filter.q),
        encode(&filter.from),
        encode(&filter.to),
        filter.page.max(1)
    );
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Staff: the people a submission can be assigned to.
pub async fn colleagues(lang: Lang) -> Result<Vec<Colleague>, ClientError> {
    json(send(with_lang(Request::get(paths::STAFF_COLLEAGUES), lang)).await?).await
}

/// Staff: assigns a submission to a person (an account id) or to nobody.
pub async fn assign(id: &str, assignee: Option<String>, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(Request::put(&paths::staff_submission_assignee(id)), lang)
        .json(&AssignSubmission { assignee })
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// What the audit log is filtered by; empty texts mean "any".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub action: String,
    pub actor: String,
    pub subject: String,
    /// `YYYY-MM-DD`.
    pub from: String,
    /// `YYYY-MM-DD`.
    pub to: String,
    pub page: u32,
}

/// Admins: one page of the audit log.
pub async fn audit_log(filter: &AuditFilter, lang: Lang) -> Result<AuditPage, ClientError> {
    let encode = |text: &str| String::from(js_sys::encode_uri_component(text));
    let path = format!(
        "{}?action={}&actor={}&subject={}&from={}&to={}&page={}",
        paths::ADMIN_AUDIT,
        encode(&filter.action),
        encode(&filter.actor),
        encode(&filter.subject),
        encode(&filter.from),
        encode(&filter.to),
        filter.page.max(1)
    );
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Staff: one submission rendered with its version's fields.
pub async fn get_staff_submission(id: &str, lang: Lang) -> Result<StaffSubmission, ClientError> {
    json(send(with_lang(Request::get(&paths::staff_submission(id)), lang)).await?).await
}

/// Staff: sets a submission's status with an optional message to the citizen.
pub async fn change_status(
    id: &str,
    command: &ChangeStatus,
    lang: Lang,
) -> Result<(), ClientError> {
    let request = with_lang(Request::post(&paths::staff_submission_status(id)), lang)
        .json(command)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Staff: adds an internal note to a submission.
pub async fn add_note(id: &str, command: &AddNote, lang: Lang) -> Result<(), ClientError> {
    let request = with_lang(Request::post(&paths::staff_submission_notes(id)), lang)
        .json(command)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Where staff download an uploaded file (a plain link with the session cookie).
pub fn staff_upload_url(id: shared::UploadId) -> String {
    paths::staff_upload(id)
}

/// The downloads of a form's submissions (plain links, so the session cookie goes along and
/// the browser handles the file): CSV, Excel, JSON.
pub fn staff_form_downloads(form_id: FormId) -> [(&'static str, String); 3] {
    [
        (
            "CSV",
            paths::staff_form_download(paths::STAFF_FORM_CSV, form_id),
        ),
        (
            "Excel",
            paths::staff_form_download(paths::STAFF_FORM_XLSX, form_id),
        ),
        (
            "JSON",
            paths::staff_form_download(paths::STAFF_FORM_JSON, form_id),
        ),
    ]
}

/// The downloads of one submission: PDF, and a ZIP with PDF, data and attachments.
pub fn staff_submission_downloads(id: &str) -> [(&'static str, String); 2] {
    [
        (
            "PDF",
            paths::staff_submission_download(paths::STAFF_SUBMISSION_PDF, id),
        ),
        (
            "ZIP",
            paths::staff_submission_download(paths::STAFF_SUBMISSION_ZIP, id),
        ),
    ]
}

/// The ZIP bundle of several submissions.
pub fn staff_bundle_url(ids: &[String]) -> String {
    format!("{}?ids={}", paths::STAFF_BUNDLE, ids.join(","))
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

// Appointments (citizens)

/// What can be booked: services, locations and the most items per booking.
pub async fn get_booking_offer(lang: Lang) -> Result<BookingOffer, ClientError> {
    json(send(with_lang(Request::get(paths::APPOINTMENTS), lang)).await?).await
}

/// Free starts for `concerns` from `from` on for `days` days, at `location` or (without one)
/// at every location that offers all concerns.
pub async fn get_slots(
    concerns: &[Concern],
    location: Option<&LocationSlug>,
    from: CalendarDate,
    days: u16,
    lang: Lang,
) -> Result<SlotList, ClientError> {
    let path = paths::appointment_slots(concerns, location, from, days);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// A proof-of-work challenge for the next hold.
pub async fn get_challenge(lang: Lang) -> Result<PowChallenge, ClientError> {
    json(send(with_lang(Request::get(paths::APPOINTMENT_CHALLENGE), lang)).await?).await
}

/// Holds a slot; someone faster is [`ErrorCode::SlotTaken`](shared::api::ErrorCode::SlotTaken).
pub async fn hold_slot(request: &HoldRequest, lang: Lang) -> Result<HeldSlot, ClientError> {
    send_json(Request::post(paths::APPOINTMENT_HOLDS), request, lang).await
}

/// Gives a held slot back.
pub async fn release_hold(hold_token: &str, lang: Lang) -> Result<(), ClientError> {
    post_token(paths::APPOINTMENT_RELEASE, hold_token, lang)
        .await
        .map(drop)
}

/// Sends the contact details for a held slot; the activation link goes out by e-mail.
pub async fn request_booking(
    details: &ContactDetails,
    lang: Lang,
) -> Result<ActivationSent, ClientError> {
    send_json(Request::post(paths::APPOINTMENT_REQUESTS), details, lang).await
}

/// Activates a booking with the token of the e-mailed link (again: the same booking).
pub async fn activate_booking(token: &str, lang: Lang) -> Result<BookingView, ClientError> {
    json(post_token(paths::APPOINTMENT_ACTIVATE, token, lang).await?).await
}

/// A booking by its manage token.
pub async fn manage_booking(token: &str, lang: Lang) -> Result<BookingView, ClientError> {
    json(post_token(paths::APPOINTMENT_MANAGE, token, lang).await?).await
}

/// Cancels a booking by its manage token.
pub async fn cancel_booking(token: &str, lang: Lang) -> Result<BookingView, ClientError> {
    json(post_token(paths::APPOINTMENT_CANCEL, token, lang).await?).await
}

/// Moves a booking to another start.
pub async fn move_booking(request: &MoveRequest, lang: Lang) -> Result<BookingView, ClientError> {
    send_json(Request::post(paths::APPOINTMENT_MOVE), request, lang).await
}

/// The booking as an iCalendar file (`text/calendar`), to hand to the browser as a download.
pub async fn booking_calendar(token: &str, lang: Lang) -> Result<Vec<u8>, ClientError> {
    post_token(paths::APPOINTMENT_CALENDAR, token, lang)
        .await?
        .binary()
        .await
        .map_err(|error| ClientError::Network(error.to_string()))
}

/// Tokens travel in the body, never in the URL (where logs and referrers would keep them).
async fn post_token(path: &str, token: &str, lang: Lang) -> Result<Response, ClientError> {
    let request = with_lang(Request::post(path), lang)
        .json(&TokenRequest {
            token: token.to_owned(),
        })
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await
}

// Appointments (staff and admins)

/// Staff: the locations whose days the account may see (admins: all).
pub async fn staff_appointment_locations(
    lang: Lang,
) -> Result<Vec<shared::api::booking::LocationInfo>, ClientError> {
    let path = paths::STAFF_APPOINTMENT_LOCATIONS;
    json(send(with_lang(Request::get(path), lang)).await?).await
}

/// Staff: a location's day with its hours and bookings.
pub async fn appointment_day(
    location: &shared::id::LocationSlug,
    date: shared::CalendarDate,
    lang: Lang,
) -> Result<shared::api::booking::DayView, ClientError> {
    let path = paths::staff_appointment_day(paths::STAFF_APPOINTMENT_DAY, location, date);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Staff: the downloads of a day (plain links, so the session cookie goes along): CSV and
/// iCalendar.
pub fn appointment_day_downloads(
    location: &shared::id::LocationSlug,
    date: shared::CalendarDate,
) -> [String; 2] {
    [
        paths::STAFF_APPOINTMENT_DAY_CSV,
        paths::STAFF_APPOINTMENT_DAY_ICS,
    ]
    .map(|template| paths::staff_appointment_day(template, location, date))
}

/// Staff: checks a citizen in by the booking code as typed or scanned.
pub async fn check_in(
    command: &shared::api::booking::CheckIn,
    lang: Lang,
) -> Result<shared::api::booking::StaffBooking, ClientError> {
    send_json(
        Request::post(paths::STAFF_APPOINTMENT_CHECK_IN),
        command,
        lang,
    )
    .await
}

/// Staff: marks a booking as not come (an empty JSON body, as every state-changing request).
pub async fn mark_no_show(
    booking_id: &str,
    lang: Lang,
) -> Result<shared::api::booking::StaffBooking, ClientError> {
    let path = paths::staff_appointment_no_show(booking_id);
    send_json(Request::post(&path), &serde_json::json!({}), lang).await
}

/// Staff: books an appointment at the counter or on the phone; a 409 is `slot_taken`.
pub async fn book_by_staff(
    command: &shared::api::booking::StaffBookingRequest,
    lang: Lang,
) -> Result<shared::api::booking::StaffBooking, ClientError> {
    send_json(Request::post(paths::STAFF_APPOINTMENTS), command, lang).await
}

/// Staff: closes a location for a day or part of it, cancelling the bookings in that time.
pub async fn close_location(
    command: &shared::api::booking::Closure,
    lang: Lang,
) -> Result<shared::api::booking::ClosureResult, ClientError> {
    send_json(
        Request::post(paths::STAFF_APPOINTMENT_CLOSURES),
        command,
        lang,
    )
    .await
}

/// Admins: every location's configuration.
pub async fn list_locations(
    lang: Lang,
) -> Result<Vec<shared::api::booking::LocationConfig>, ClientError> {
    json(send(with_lang(Request::get(paths::ADMIN_LOCATIONS), lang)).await?).await
}

/// Admins: one location's configuration.
pub async fn get_location(
    slug: &shared::id::LocationSlug,
    lang: Lang,
) -> Result<shared::api::booking::LocationConfig, ClientError> {
    let path = paths::admin_location(paths::ADMIN_LOCATION, slug);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Admins: creates or changes a location; a 422 is `invalid_location` with the problem in the
/// message.
pub async fn save_location(
    config: &shared::api::booking::LocationConfig,
    lang: Lang,
) -> Result<(), ClientError> {
    let path = paths::admin_location(paths::ADMIN_LOCATION, &config.info.slug);
    let request = with_lang(Request::put(&path), lang)
        .json(config)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}

/// Admins: a location's special days.
pub async fn get_special_days(
    slug: &shared::id::LocationSlug,
    lang: Lang,
) -> Result<shared::api::booking::SpecialDays, ClientError> {
    let path = paths::admin_location(paths::ADMIN_LOCATION_DAYS, slug);
    json(send(with_lang(Request::get(&path), lang)).await?).await
}

/// Admins: replaces a location's special days from today on.
pub async fn save_special_days(
    slug: &shared::id::LocationSlug,
    days: &shared::api::booking::SpecialDays,
    lang: Lang,
) -> Result<(), ClientError> {
    let path = paths::admin_location(paths::ADMIN_LOCATION_DAYS, slug);
    let request = with_lang(Request::put(&path), lang)
        .json(days)
        .map_err(|error| ClientError::Decode(error.to_string()))?;
    check(request.send().await).await.map(drop)
}
