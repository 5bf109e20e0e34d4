//! The app's routes (German paths) and the page each one renders.

use shared::FormSlug;
use shared::id::{ServiceSlug, TopicSlug};
use yew::prelude::*;
use yew_router::prelude::*;

#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::appointment_day::AppointmentDayPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::audit_log::AuditLogPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::editor_home::EditorHomePage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::form_editor::FormEditorPage;
use crate::pages::form_fill::FormPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::inbox::InboxPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::key_figures::KeyFiguresPage;
use crate::pages::legal::{LegalPage, LegalTopic};
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::locations::{LocationEditorPage, LocationsPage, NEW};
use crate::pages::not_found::NotFoundPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::privacy_requests::PrivacyRequestsPage;
use crate::pages::services::{DigitalStatusPage, ServiceDetailPage, ServicesPage, TopicPage};
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::staff_home::StaffHomePage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::staff_login::StaffLoginPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::staff_submissions::{StaffSubmissionPage, StaffSubmissionsPage};
use crate::pages::start::StartPage;
use crate::pages::status::StatusPage;
#[cfg(not(feature = "citizen-bundle"))]
use crate::pages::users::{PasswordPage, UsersPage};

#[derive(Debug, Clone, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Start,
    #[at("/leistungen")]
    Services,
    #[at("/leistungen/:slug")]
    Service { slug: String },
    #[at("/themen/:slug")]
    Topic { slug: String },
    #[at("/bearbeitungsstand")]
    Status,
    #[at("/digitalisierung")]
    DigitalStatus,
    #[at("/formulare/:slug")]
    Form { slug: String },
    #[at("/mitarbeiter/anmelden")]
    StaffLogin,
    #[at("/mitarbeiter")]
    StaffHome,
    #[at("/mitarbeiter/formulare/:form_id")]
    StaffSubmissions { form_id: String },
    #[at("/mitarbeiter/antraege/:id")]
    StaffSubmission { id: String },
    #[at("/mitarbeiter/protokoll")]
    AuditLog,
    #[at("/mitarbeiter/eingang")]
    Inbox,
    #[at("/mitarbeiter/datenschutz")]
    PrivacyRequests,
    #[at("/mitarbeiter/kennzahlen")]
    KeyFigures,
    #[at("/mitarbeiter/benutzer")]
    Users,
    #[at("/mitarbeiter/passwort")]
    Password,
    #[at("/mitarbeiter/termine")]
    AppointmentDay,
    #[at("/mitarbeiter/standorte")]
    Locations,
    /// `neu`: a new location.
    #[at("/mitarbeiter/standorte/:slug")]
    LocationEditor { slug: String },
    #[at("/redaktion")]
    EditorHome,
    #[at("/redaktion/formulare/:id")]
    FormEditor { id: String },
    #[at("/impressum")]
    Imprint,
    #[at("/datenschutz")]
    Privacy,
    #[at("/barrierefreiheit")]
    Accessibility,
    #[not_found]
    #[at("/404")]
    NotFound,
}

/// The page for `route`; an unparsable slug is "not found", not an error page.
pub fn switch(route: Route) -> Html {
    match route {
        Route::Start => html! { <StartPage /> },
        Route::Services => html! { <ServicesPage /> },
        Route::Status => html! { <StatusPage /> },
        Route::DigitalStatus => html! { <DigitalStatusPage /> },
        Route::Service { slug } => match slug.parse::<ServiceSlug>() {
            Ok(slug) => html! { <ServiceDetailPage {slug} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        Route::Topic { slug } => match slug.parse::<TopicSlug>() {
            Ok(slug) => html! { <TopicPage {slug} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        Route::Form { slug } => match slug.parse::<FormSlug>() {
            Ok(slug) => html! { <FormPage {slug} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        Route::StaffLogin
        | Route::StaffHome
        | Route::StaffSubmissions { .. }
        | Route::StaffSubmission { .. }
        | Route::AuditLog
        | Route::Inbox
        | Route::PrivacyRequests
        | Route::KeyFigures
        | Route::Users
        | Route::Password
        | Route::AppointmentDay
        | Route::Locations
        | Route::LocationEditor { .. }
        | Route::EditorHome
        | Route::FormEditor { .. } => staff_page(route),
        Route::Imprint => html! { <LegalPage topic={LegalTopic::Imprint} /> },
        Route::Privacy => html! { <LegalPage topic={LegalTopic::Privacy} /> },
        Route::Accessibility => html! { <LegalPage topic={LegalTopic::Accessibility} /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

/// Staff and editor pages: part of the staff bundle only.
#[cfg(not(feature = "citizen-bundle"))]
fn staff_page(route: Route) -> Html {
    match route {
        Route::StaffLogin => html! { <StaffLoginPage /> },
        Route::StaffHome => html! { <StaffHomePage /> },
        Route::StaffSubmissions { form_id } => match form_id.parse::<shared::FormId>() {
            Ok(form_id) => html! { <StaffSubmissionsPage {form_id} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        Route::StaffSubmission { id } => html! { <StaffSubmissionPage {id} /> },
        Route::AuditLog => html! { <AuditLogPage /> },
        Route::Inbox => html! { <InboxPage /> },
        Route::PrivacyRequests => html! { <PrivacyRequestsPage /> },
        Route::KeyFigures => html! { <KeyFiguresPage /> },
        Route::Users => html! { <UsersPage /> },
        Route::Password => html! { <PasswordPage /> },
        Route::AppointmentDay => html! { <AppointmentDayPage /> },
        Route::Locations => html! { <LocationsPage /> },
        Route::LocationEditor { slug } if slug == NEW => {
            html! { <LocationEditorPage slug={None} /> }
        }
        Route::LocationEditor { slug } => match slug.parse::<shared::id::LocationSlug>() {
            Ok(slug) => html! { <LocationEditorPage slug={Some(slug)} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        Route::EditorHome => html! { <EditorHomePage /> },
        Route::FormEditor { id } => match id.parse::<shared::FormId>() {
            Ok(id) => html! { <FormEditorPage {id} /> },
            Err(_) => html! { <NotFoundPage /> },
        },
        _ => html! { <NotFoundPage /> },
    }
}

/// In the citizen bundle a staff page is a full page load, which the server answers with the
/// staff bundle (`staff.html`): citizens never download the staff and editor pages.
#[cfg(feature = "citizen-bundle")]
#[allow(
    clippy::needless_pass_by_value,
    reason = "the same signature as the staff bundle's staff_page"
)]
fn staff_page(route: Route) -> Html {
    crate::browser::load_page(&route.to_path());
    html! { <p role="status">{ crate::i18n::Msg::Loading.text(shared::Lang::De) }</p> }
}
