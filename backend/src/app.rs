//! Application state, THE route table, and the server loop.

use std::sync::Arc;

use anyhow::Context;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, header};
use axum::middleware;
use axum::routing::{get, post, put};
use shared::api::paths;
use tokio::sync::Notify;
use tower_http::compression::CompressionLayer;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::trace::TraceLayer;

use crate::clock::{Clock, SystemClock};
use crate::compiled_forms::CompiledForms;
use crate::config::Config;
use crate::db::{Db, PoolSizes};
use crate::error;
use crate::mail::Mailer;
use crate::routes::{
    admin, appointments, catalogue, editor, figures, forms, health, inbox, staff, status, uploads,
};
use crate::security;
use crate::throttle::Throttle;
use crate::uploads::FileStore;
use crate::{demo, telemetry};

/// Largest JSON body the API accepts. A form's answers are text; files have their own upload
/// endpoint and limit (`Config::max_upload_bytes`).
pub const MAX_JSON_BODY_BYTES: usize = 64 * 1024;

/// Files one address may upload per hour (a family registering several dogs with two documents
/// each stays well below; a script filling the disk does not).
pub const UPLOADS_PER_HOUR: usize = 60;

/// Everything a handler may need.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) db: Db,
    pub(crate) config: Arc<Config>,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) compiled_forms: CompiledForms,
    pub(crate) login_throttle: Throttle,
    /// Wrong access codes, per reference number and per address.
    pub(crate) status_throttle: Throttle,
    /// Uploads per address.
    pub(crate) upload_throttle: Throttle,
    pub(crate) files: FileStore,
    /// `None` when no SMTP server is configured: then no mail is queued.
    pub(crate) mail: Option<Mailer>,
    /// Wakes the outbox worker when a message was queued.
    pub(crate) outbox_wakeup: Arc<Notify>,
    /// The proof-of-work key all instances share, read from the database once.
    pub(crate) pow_key: Arc<tokio::sync::OnceCell<String>>,
}

impl AppState {
    /// The configuration the state was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// State over an open, migrated database; fails when the mail settings are invalid.
    pub fn new(db: Db, config: Config, clock: Arc<dyn Clock>) -> anyhow::Result<Self> {
        let mail = config
            .smtp_url
            .as_deref()
            .map(|url| Mailer::new(url, &config.mail_from, config.public_url.as_deref()))
            .transpose()?;
        Ok(Self {
            mail,
            outbox_wakeup: Arc::new(Notify::new()),
            pow_key: Arc::default(),
            files: FileStore::new(&config.data_dir),
            db,
            config: Arc::new(config),
            clock,
            compiled_forms: CompiledForms::default(),
            login_throttle: Throttle::default(),
            status_throttle: Throttle::default(),
            upload_throttle: Throttle::new(UPLOADS_PER_HOUR, 60 * 60 * 1000),
        })
    }
}

/// Citizen form pages: answered with the form bundle (`form.html`).
const FORM_PAGE_ROUTE: &str = "/formulare/{slug}";
/// Staff and editor pages: answered with the staff bundle (`staff.html`), so the citizen bundle
/// (`index.html`) carries none of their code.
const STAFF_PAGE_ROUTES: [&str; 4] = [
    "/mitarbeiter",
    "/mitarbeiter/{*rest}",
    "/redaktion",
    "/redaktion/{*rest}",
];
/// Appointment booking pages: answered with the booking bundle (`booking.html`).
const BOOKING_PAGE_ROUTES: [&str; 2] = ["/termine", "/termine/{*rest}"];

/// The whole HTTP surface: `/api` plus the single-page app from `config.dist_dir`.
pub fn router(state: AppState) -> Router {
    let config = Arc::clone(&state.config);
    let api = Router::new()
        .route(paths::HEALTH, get(health::get_health))
        .route(paths::SERVICES, get(catalogue::list_services))
        .route(paths::SERVICE, get(catalogue::get_service))
        .route(paths::TOPICS, get(catalogue::list_topics))
        .route(paths::FORMS, get(forms::list_forms))
        .route(paths::FORM, get(forms::get_form))
        .route(paths::FORM_SUBMISSIONS, post(forms::create_submission))
        .route(paths::FORM_VERSION_SCHEMA, get(forms::get_version_schema))
        .route(
            paths::FORM_DEFINITION_SCHEMA,
            get(forms::get_definition_schema),
        )
        .route(paths::STATUS, post(status::get_status))
        .route(paths::STATUS_RECEIPT, post(status::get_receipt))
        // Streams to disk with the field's own limit, so the JSON body limit does not apply.
        .route(
            paths::FORM_UPLOADS,
            post(uploads::create_upload).layer(DefaultBodyLimit::disable()),
        )
        .route(paths::STAFF_UPLOAD, get(uploads::download_upload))
        .route(
            paths::STAFF_SESSION,
            post(staff::create_session).delete(staff::delete_session),
        )
        .route(paths::STAFF_ME, get(staff::get_me))
        .route(paths::STAFF_FORMS, get(staff::list_forms))
        .route(paths::STAFF_FORM_CSV, get(staff::download_submissions_csv))
        .route(
            paths::STAFF_FORM_XLSX,
            get(staff::download_submissions_xlsx),
        )
        .route(
            paths::STAFF_FORM_JSON,
            get(staff::download_submissions_json),
        )
        .route(
            paths::STAFF_SUBMISSION_PDF,
            get(staff::download_submission_pdf),
        )
        .route(
            paths::STAFF_SUBMISSION_ZIP,
            get(staff::download_submission_zip),
        )
        .route(paths::STAFF_BUNDLE, get(staff::download_bundle))
        .route(paths::STAFF_FORM_SUBMISSIONS, get(staff::list_submissions))
        .route(paths::STAFF_SUBMISSION, get(staff::get_submission))
        .route(paths::STAFF_SUBMISSION_STATUS, post(staff::change_status))
        .route(paths::STAFF_SUBMISSION_NOTES, post(staff::add_note))
        .route(
            paths::EDITOR_FORMS,
            get(editor::list_forms)
                .post(editor::create_form)
                .layer(DefaultBodyLimit::max(editor::MAX_DEFINITION_BYTES)),
        )
        .route(
            paths::EDITOR_FIM_IMPORT,
            post(editor::import_fim).layer(DefaultBodyLimit::max(editor::MAX_FIM_IMPORT_BYTES)),
        )
        .route(paths::EDITOR_FORM, get(editor::get_form))
        .route(
            paths::EDITOR_FORM_DRAFT,
            put(editor::save_draft).layer(DefaultBodyLimit::max(editor::MAX_DEFINITION_BYTES)),
        )
        .route(paths::EDITOR_FORM_PUBLISH, post(editor::publish))
        .route(paths::EDITOR_FORM_VERSION, get(editor::get_version))
        .route(paths::EDITOR_FORM_DIFF, get(editor::get_diff))
        .route(paths::EDITOR_FORM_DUPLICATE, post(editor::duplicate))
        .route(paths::EDITOR_FORM_ARCHIVE, post(editor::archive))
        .route(paths::EDITOR_FORM_EXPORT, get(editor::export))
        .route(paths::EDITOR_FORM_DEPARTMENT, put(editor::set_department))
        .route(paths::EDITOR_DEPARTMENTS, get(editor::list_departments))
        .route(paths::ADMIN_AUDIT, get(admin::list_audit))
        .route(
            paths::ADMIN_USERS,
            get(admin::list_users).post(admin::create_user),
        )
        .route(paths::ADMIN_USER, put(admin::update_user))
        .route(paths::ADMIN_USER_PASSWORD, post(admin::reset_password))
        .route(paths::STAFF_PASSWORD, post(staff::change_password))
        .route(paths::STAFF_TOTP, post(staff::start_totp))
        .route(paths::STAFF_TOTP_CONFIRM, post(staff::confirm_totp))
        .route(paths::STAFF_TOTP_DISABLE, post(staff::disable_totp))
        .route(paths::ADMIN_PERSONS, get(crate::privacy::find_person))
        .route(
            paths::ADMIN_PERSON_EXPORT,
            get(crate::privacy::export_person),
        )
        .route(
            paths::ADMIN_PERSON_ERASE,
            post(crate::privacy::erase_person),
        )
        .route(paths::EDITOR_FORM_RETENTION, put(editor::set_retention))
        .route(paths::STAFF_INBOX, get(inbox::list_inbox))
        .route(paths::STAFF_FIGURES, get(figures::key_figures))
        .route(paths::STAFF_COLLEAGUES, get(inbox::list_colleagues))
        .route(paths::STAFF_SUBMISSION_ASSIGNEE, put(inbox::assign))
        .route(paths::APPOINTMENTS, get(appointments::get_offer))
        .route(paths::APPOINTMENT_SLOTS, get(appointments::get_slots))
        .route(
            paths::APPOINTMENT_CHALLENGE,
            get(appointments::get_challenge),
        )
        .route(paths::APPOINTMENT_HOLDS, post(appointments::create_hold))
        .route(paths::APPOINTMENT_RELEASE, post(appointments::release_hold))
        .route(
            paths::APPOINTMENT_REQUESTS,
            post(appointments::create_request),
        )
        .route(paths::APPOINTMENT_ACTIVATE, post(appointments::activate))
        .route(paths::APPOINTMENT_MANAGE, post(appointments::manage))
        .route(paths::APPOINTMENT_CANCEL, post(appointments::cancel))
        .route(paths::APPOINTMENT_MOVE, post(appointments::move_booking))
        .route(paths::APPOINTMENT_CALENDAR, post(appointments::calendar))
        .route(
            paths::STAFF_APPOINTMENT_LOCATIONS,
            get(appointments::staff_locations),
        )
        .route(paths::STAFF_APPOINTMENTS, post(appointments::staff_book))
        .route(paths::STAFF_APPOINTMENT_DAY, get(appointments::day))
        .route(paths::STAFF_APPOINTMENT_DAY_CSV, get(appointments::day_csv))
        .route(paths::STAFF_APPOINTMENT_DAY_ICS, get(appointments::day_ics))
        .route(
            paths::STAFF_APPOINTMENT_CHECK_IN,
            post(appointments::check_in),
        )
        .route(
            paths::STAFF_APPOINTMENT_NO_SHOW,
            post(appointments::no_show),
        )
        .route(paths::STAFF_APPOINTMENT_CLOSURES, post(appointments::close))
        .route(paths::ADMIN_LOCATIONS, get(appointments::list_locations))
        .route(
            paths::ADMIN_LOCATION,
            get(appointments::get_location).put(appointments::put_location),
        )
        .route(
            paths::ADMIN_LOCATION_DAYS,
            get(appointments::get_days).put(appointments::put_days),
        )
        .route("/api/{*rest}", axum::routing::any(error::api_not_found))
        .layer(DefaultBodyLimit::max(MAX_JSON_BODY_BYTES))
        .layer(middleware::from_fn(security::reject_cross_site))
        .layer(middleware::from_fn(error::localize_errors))
        .with_state(state.clone());

    let index = config.dist_dir.join("index.html");
    // The form bundle (`frontend/form.html`, only the citizen form flow) is served for the first
    // visit of a form page; without it (an older dist) `index.html` serves those paths too.
    let form_page = config.dist_dir.join("form.html");
    let staff_page = config.dist_dir.join("staff.html");
    let booking_page = config.dist_dir.join("booking.html");
    let mut pages: Vec<String> = [&index, &form_page, &staff_page, &booking_page]
        .into_iter()
        .filter_map(|page| std::fs::read_to_string(page).ok())
        .collect();
    // Form pages arrive with their first step rendered here (src/ssr.rs) and load the bundle
    // on the first interaction.
    let form_template = std::fs::read_to_string(&form_page)
        .ok()
        .and_then(|html| crate::ssr::FormPageTemplate::from_trunk_page(&html))
        .map(Arc::new);
    if let Some(template) = &form_template {
        pages.push(template.skeleton());
    }
    let csp = HeaderValue::from_str(&security::content_security_policy(&pages))
        .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    // Client-side routes (e.g. /leistungen/…) fall back to index.html with status 200.
    let spa = ServeDir::new(&config.dist_dir).fallback(ServeFile::new(&index));
    // Without a bundle of their own (an older dist), the full app serves those pages too.
    let bundle =
        |page: std::path::PathBuf| ServeFile::new(if page.exists() { page } else { index.clone() });
    let form_spa = bundle(form_page);
    let staff_spa = bundle(staff_page);
    let booking_spa = bundle(booking_page);

    let form_route = match form_template {
        Some(template) => Router::new()
            .route(FORM_PAGE_ROUTE, get(crate::ssr::form_page))
            .with_state((state, template)),
        None => Router::new().route_service(FORM_PAGE_ROUTE, form_spa),
    };
    let mut pages = Router::new().merge(api).merge(form_route);
    for route in STAFF_PAGE_ROUTES {
        pages = pages.route_service(route, staff_spa.clone());
    }
    for route in BOOKING_PAGE_ROUTES {
        pages = pages.route_service(route, booking_spa.clone());
    }
    pages
        .fallback_service(spa)
        .layer(middleware::from_fn(move |request, next| {
            security::security_headers(csp.clone(), request, next)
        }))
        .layer(middleware::from_fn(cache_static_files))
        // The WASM bundle shrinks to about 40 % with gzip or brotli: that is what a citizen on a
        // phone downloads.
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
}

/// Trunk puts a content hash into every asset's file name, so those can be cached for a year;
/// `index.html` must be revalidated so a new release is picked up at once.
async fn cache_static_files(
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if path.starts_with("/api/") || !response.status().is_success() {
        return response;
    }
    let value = if is_hashed_asset(&path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Whether the file name carries a Trunk content hash (`name-<16 hex digits>[_bg].ext`).
fn is_hashed_asset(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let stem = file.split('.').next().unwrap_or_default();
    // wasm-bindgen appends `_bg` to the module's name after the hash.
    let hash = stem
        .rsplit_once('-')
        .map(|(_, rest)| rest.split('_').next().unwrap_or_default());
    hash.is_some_and(|hash| hash.len() >= 16 && hash.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// Opens the configured database, migrates it, seeds demo content if asked, and serves until
/// SIGINT or SIGTERM, finishing requests in flight.
pub async fn serve(mut config: Config) -> anyhow::Result<()> {
    telemetry::init();
    if config.demo && config.payment_recipient.is_none() && config.payment_iban.is_none() {
        config.payment_recipient = Some(crate::payment::DEMO_RECIPIENT.to_owned());
        config.payment_iban = Some(crate::payment::DEMO_IBAN.to_owned());
    }
    if let Some(iban) = &config.payment_iban {
        anyhow::ensure!(
            shared::iban::parse_iban(iban).is_ok(),
            "BP_PAYMENT_IBAN is not a valid IBAN"
        );
    }
    let db = match &config.database_url {
        Some(url) => Db::connect(url, PoolSizes::default()).await?,
        None => {
            tokio::fs::create_dir_all(&config.data_dir)
                .await
                .with_context(|| {
                    format!("cannot create data directory {}", config.data_dir.display())
                })?;
            Db::open_sqlite(
                &config.data_dir.join("buergerportal.db"),
                PoolSizes::default(),
            )
            .await?
        }
    };
    db.migrate().await?;
    tracing::info!(engine = ?db.engine(), "database ready");
    // Submissions stored before the inbox search existed get their search text now.
    let filled = crate::db::inbox::fill_missing_search_texts(&db).await?;
    if filled > 0 {
        tracing::info!(filled, "search texts of earlier submissions filled");
    }

    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    if let (Some(email), Some(password)) = (&config.create_admin, &config.admin_password) {
        anyhow::ensure!(
            password.chars().count() >= 12,
            "BP_ADMIN_PASSWORD must have at least 12 characters"
        );
        let now_ms = clock.now().timestamp_millis();
        let role = shared::api::editor::StaffRole::Admin;
        if crate::auth::create_staff_account(&db, email, "Administration", password, role, now_ms)
            .await?
        {
            tracing::info!(email, "administrator account created");
        }
    }
    if config.demo {
        demo::seed(&db, &config.demo_password, clock.as_ref())
            .await
            .context("seeding demo content failed")?;
    }
    if config.demo {
        crate::catalogue::seed_demo(&db)
            .await
            .context("seeding the demo catalogue failed")?;
        demo::assign_departments(&db)
            .await
            .context("assigning the demo departments failed")?;
        demo::seed_locations(&db, clock.as_ref())
            .await
            .context("seeding the demo appointment locations failed")?;
    }
    if let Some(path) = &config.catalogue {
        let json = tokio::fs::read_to_string(path)
            .await
            .with_context(|| format!("cannot read the catalogue {}", path.display()))?;
        let catalogue = crate::catalogue::parse(&json)
            .with_context(|| format!("catalogue {}", path.display()))?;
        crate::catalogue::import(&db, &catalogue).await?;
    }
    if !config.dist_dir.join("index.html").exists() {
        tracing::warn!(dist_dir = %config.dist_dir.display(), "no built frontend found; only /api is served");
    }

    let address = std::net::SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    tracing::info!("Bürgerportal listening on http://{address}");
    let state = AppState::new(db.clone(), config, clock)?;
    tokio::spawn(purge_abandoned_uploads(state.clone()));
    tokio::spawn(crate::privacy::retention_job(state.clone()));
    tokio::spawn(crate::booking::run_jobs(state.clone()));
    if state.mail.is_some() {
        tokio::spawn(crate::mail::run_outbox(state.clone()));
    } else {
        tracing::info!("no BP_SMTP_URL: confirmation e-mails are off");
    }
    let app = router(state);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// Hourly: deletes uploads that no submission took within a day.
async fn purge_abandoned_uploads(state: AppState) {
    let mut interval = tokio::time::interval(crate::uploads::PURGE_INTERVAL);
    loop {
        interval.tick().await;
        let now_ms = state.clock.now().timestamp_millis();
        if let Err(error) = crate::uploads::purge_abandoned(&state.db, &state.files, now_ms).await {
            tracing::error!(
                error = format!("{error:#}"),
                "purging abandoned uploads failed"
            );
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_content_hashed_assets_are_cached_long() {
        assert!(is_hashed_asset("/frontend-3f2a9c0d1e4b5a67_bg.wasm"));
        assert!(is_hashed_asset("/frontend-3f2a9c0d1e4b5a67.js"));
        assert!(is_hashed_asset("/style-0123456789abcdef.css"));
        assert!(!is_hashed_asset("/index.html"));
        assert!(!is_hashed_asset("/formulare/fundsache-melden"));
    }
}
