//! `TestApp`: the router over a fresh database per test, with typed request methods.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use backend::app::{AppState, router};
use backend::clock::ManualClock;
use backend::config::Config;
use backend::db::{Db, PoolSizes};
use chrono::{DateTime, TimeZone, Utc};
use http_body_util::BodyExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::editor::StaffRole;
use shared::api::{ErrorBody, paths};
use shared::{CompiledForm, FormDefinition, FormId, FormSlug};
use tower::ServiceExt;

/// Generates `<name>::sqlite` and `<name>::postgres` tests from one `async fn <name>(TestApp)`.
macro_rules! on_both_engines {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            use crate::helpers::{Engine, TestApp};

            #[tokio::test]
            async fn sqlite() {
                super::$name(TestApp::spawn(Engine::Sqlite).await).await;
            }

            #[tokio::test]
            async fn postgres() {
                super::$name(TestApp::spawn(Engine::Postgres).await).await;
            }
        }
    )+};
}
pub(crate) use on_both_engines;

/// The department of the forms that [`TestApp::publish`] publishes and of the case workers
/// that [`TestApp::create_staff`] creates.
pub(crate) const TEST_DEPARTMENT: &str = "testamt";

/// Which database a test runs on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Engine {
    Sqlite,
    Postgres,
}

/// The environment variable naming the throw-away PostgreSQL server's admin URL.
const POSTGRES_URL_VAR: &str = "BP_TEST_POSTGRES_URL";

pub(crate) struct TestApp {
    pub(crate) router: Router,
    pub(crate) state: AppState,
    pub(crate) db: Db,
    pub(crate) clock: Arc<ManualClock>,
    engine: Engine,
    /// Where the database is, so a second instance can open it.
    database_url: String,
    /// Keeps the SQLite file (and any dist directory) alive for the test.
    _dir: tempfile::TempDir,
}

/// 10:00 UTC on 23 November 2026, a Monday.
pub(crate) fn test_start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

impl TestApp {
    pub(crate) async fn spawn(engine: Engine) -> Self {
        Self::spawn_with(engine, |_| {}).await
    }

    /// Like [`TestApp::spawn`], letting the test adjust the configuration (its temp dir is
    /// passed in for files such as a built SPA).
    pub(crate) async fn spawn_with(engine: Engine, configure: impl FnOnce(&mut Config)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let sizes = PoolSizes { max_connections: 4 };
        let database_url = match engine {
            Engine::Sqlite => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
            Engine::Postgres => fresh_postgres_database().await,
        };
        let db = Db::connect(&database_url, sizes).await.unwrap();
        db.migrate().await.unwrap();
        let mut config = Config::for_tests();
        config.dist_dir = dir.path().join("dist");
        config.data_dir = dir.path().join("data");
        configure(&mut config);
        let clock = Arc::new(ManualClock::new(test_start_time()));
        let state = AppState::new(db.clone(), config, clock.clone()).unwrap();
        let router = router(state.clone());
        Self {
            router,
            state,
            db,
            clock,
            engine,
            database_url,
            _dir: dir,
        }
    }

    /// Another server instance on the same database (its own pools, the same clock), as a city
    /// runs several behind a load balancer.
    pub(crate) async fn second_instance(&self) -> Router {
        router(self.second_instance_state().await)
    }

    /// The state of another instance (for running its background jobs).
    pub(crate) async fn second_instance_state(&self) -> AppState {
        let db = Db::connect(&self.database_url, PoolSizes { max_connections: 4 })
            .await
            .unwrap();
        let config = self.state.config().clone();
        AppState::new(db, config, self.clock.clone()).unwrap()
    }

    /// A fresh app on the same engine with an adjusted configuration (for tests that need one
    /// setting changed; `on_both_engines!` passes the default app).
    pub(crate) async fn respawn_with(self, configure: impl FnOnce(&mut Config)) -> Self {
        Self::spawn_with(self.engine, configure).await
    }

    /// Publishes `definition` as a new form of [`TEST_DEPARTMENT`] and returns its id.
    pub(crate) async fn publish(&self, definition: FormDefinition) -> FormId {
        self.publish_for(definition, Some(TEST_DEPARTMENT)).await
    }

    /// Publishes `definition` as a new form of `department` and returns its id.
    pub(crate) async fn publish_for(
        &self,
        definition: FormDefinition,
        department: Option<&str>,
    ) -> FormId {
        let compiled = CompiledForm::new(definition).expect("test form must be valid");
        let id = backend::db::forms::publish_new_form(
            &self.db,
            &compiled,
            test_start_time().timestamp_millis(),
        )
        .await
        .unwrap();
        assert!(
            backend::db::forms::set_department(&self.db, id, department)
                .await
                .unwrap()
        );
        id
    }

    /// The data directory (uploaded files are under `uploads/`).
    pub(crate) fn data_dir(&self) -> std::path::PathBuf {
        self._dir.path().join("data")
    }

    pub(crate) async fn request(&self, request: Request<Body>) -> TestResponse {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .unwrap()
            .to_bytes()
            .to_vec();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    pub(crate) async fn get(&self, path: &str, cookie: Option<&str>) -> TestResponse {
        let mut builder = Request::builder().method(Method::GET).uri(path);
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        self.request(builder.body(Body::empty()).unwrap()).await
    }

    pub(crate) async fn send_json(
        &self,
        method: Method,
        path: &str,
        body: &impl Serialize,
        cookie: Option<&str>,
    ) -> TestResponse {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(cookie) = cookie {
            builder = builder.header(header::COOKIE, cookie);
        }
        self.request(
            builder
                .body(Body::from(serde_json::to_vec(body).unwrap()))
                .unwrap(),
        )
        .await
    }

    pub(crate) async fn submit(
        &self,
        slug: &FormSlug,
        command: &shared::api::SubmitAnswers,
    ) -> TestResponse {
        self.send_json(Method::POST, &paths::form_submissions(slug), command, None)
            .await
    }

    /// Logs in and returns the `Cookie` header value for later requests.
    pub(crate) async fn login(&self, email: &str, password: &str) -> String {
        let response = self.try_login(email, password).await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        let set_cookie = response
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap();
        set_cookie.split(';').next().unwrap().to_owned()
    }

    /// The clock's time.
    pub(crate) fn clock_now(&self) -> chrono::DateTime<Utc> {
        backend::clock::Clock::now(self.clock.as_ref())
    }

    /// Logs in with a code of the authenticator app and returns the `Cookie` header value.
    pub(crate) async fn login_with_totp(&self, email: &str, password: &str, code: &str) -> String {
        let login = shared::api::StaffLogin {
            totp: Some(code.to_owned()),
            email: email.to_owned(),
            password: password.to_owned(),
        };
        let response = self
            .send_json(Method::POST, paths::STAFF_SESSION, &login, None)
            .await;
        assert_eq!(response.status, StatusCode::OK, "{}", response.text());
        let set_cookie = response
            .headers
            .get(header::SET_COOKIE)
            .unwrap()
            .to_str()
            .unwrap();
        set_cookie.split(';').next().unwrap().to_owned()
    }

    pub(crate) async fn try_login(&self, email: &str, password: &str) -> TestResponse {
        let login = shared::api::StaffLogin {
            totp: None,
            email: email.to_owned(),
            password: password.to_owned(),
        };
        self.send_json(Method::POST, paths::STAFF_SESSION, &login, None)
            .await
    }

    /// Creates a staff account (case worker of [`TEST_DEPARTMENT`]) directly in the database.
    pub(crate) async fn create_staff(&self, email: &str, password: &str) {
        self.create_account(email, "Test Person", password, StaffRole::Staff)
            .await;
        assert!(
            backend::auth::add_to_department(&self.db, email, TEST_DEPARTMENT)
                .await
                .unwrap()
        );
    }

    /// Creates an account with `role` directly in the database.
    pub(crate) async fn create_account(
        &self,
        email: &str,
        name: &str,
        password: &str,
        role: StaffRole,
    ) {
        backend::auth::create_staff_account(&self.db, email, name, password, role, 0)
            .await
            .unwrap();
    }

    /// A logged-in editor's cookie.
    pub(crate) async fn editor_cookie(&self) -> String {
        self.create_account(
            "redaktion@example.org",
            "Erika Redaktion",
            "Redaktion-Passwort-1",
            StaffRole::Editor,
        )
        .await;
        self.login("redaktion@example.org", "Redaktion-Passwort-1")
            .await
    }
}

pub(crate) struct TestResponse {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl TestResponse {
    pub(crate) fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|error| panic!("{error}: {}", self.text()))
    }

    pub(crate) fn error(&self) -> ErrorBody {
        assert_eq!(
            self.headers
                .get(header::CONTENT_TYPE)
                .map(|value| value.to_str().unwrap()),
            Some("application/json"),
            "error bodies are JSON"
        );
        self.json()
    }

    pub(crate) fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Creates an empty database on the throw-away server and returns its URL.
async fn fresh_postgres_database() -> String {
    use sqlx::{Connection, Executor};
    #[allow(clippy::disallowed_methods, reason = "tests read the server URL the test command exported")]
    let admin_url = std::env::var(POSTGRES_URL_VAR).unwrap_or_else(|_| {
        panic!("{POSTGRES_URL_VAR} is not set: run the tests through scripts/test, which starts a throw-away PostgreSQL server")
    });
    sqlx::any::install_default_drivers();
    let name = format!("test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::AnyConnection::connect(&admin_url).await.unwrap();
    admin
        .execute(format!("create database {name}").as_str())
        .await
        .unwrap();
    admin.close().await.unwrap();
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

/// A small form exercising every field kind and rule of the walking skeleton.
pub(crate) fn lost_property_form() -> FormDefinition {
    serde_json::from_value(serde_json::json!({
        "slug": "fundsache-test",
        "title": { "de": "Fundsache melden", "en": "Report found property" },
        "pages": [
            { "title": { "de": "Fund" }, "fields": [
                { "key": "gegenstand", "label": { "de": "Was haben Sie gefunden?", "en": "What did you find?" },
                  "type": "text", "required": true, "rules": [{ "rule": "max_length", "max": 20 }] },
                { "key": "funddatum", "label": { "de": "Funddatum" }, "type": "date", "required": true,
                  "rules": [{ "rule": "date_not_in_future" }] },
                { "key": "kategorie", "label": { "de": "Art" }, "type": "choice", "required": true,
                  "options": [ { "value": "schluessel", "label": { "de": "Schlüssel" } },
                               { "value": "sonstiges", "label": { "de": "Sonstiges" } } ] },
                { "key": "wert", "label": { "de": "Wert in Euro" }, "type": "integer",
                  "rules": [{ "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": 1000 }] }
            ]},
            { "title": { "de": "Kontakt" }, "fields": [
                { "key": "email", "label": { "de": "E-Mail-Adresse" }, "type": "email", "required": true },
                { "key": "bemerkung", "label": { "de": "Bemerkung" }, "type": "text_area" },
                { "key": "datenschutz", "label": { "de": "Einverstanden" }, "type": "checkbox", "required": true }
            ]}
        ]
    }))
    .unwrap()
}

/// Version 1 of [`lost_property_form`] with [`valid_answers`].
pub(crate) fn valid_command() -> shared::api::SubmitAnswers {
    shared::api::SubmitAnswers {
        version: 1,
        answers: valid_answers(),
        privacy_acknowledged: false,
        language: shared::Lang::De,
    }
}

/// Answers that satisfy [`lost_property_form`] on [`test_start_time`].
pub(crate) fn valid_answers() -> shared::Answers {
    serde_json::from_value(serde_json::json!({
        "gegenstand": "Schlüsselbund",
        "funddatum": "2026-11-22",
        "kategorie": "schluessel",
        "wert": 25,
        "email": "finderin@example.org",
        "bemerkung": "Am Brunnen; Marktplatz",
        "datenschutz": true
    }))
    .unwrap()
}
