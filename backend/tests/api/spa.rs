//! Serving the built single-page app: files, client-side route fallback, security headers.

use axum::http::{StatusCode, header};

use crate::helpers::{Engine, TestApp, on_both_engines};

const INDEX_HTML: &str = r#"<!doctype html><html lang="de"><head><title>Bürgerportal</title>
<script type="module">import init from '/frontend.js';init();</script></head><body></body></html>"#;

async fn app_with_dist() -> TestApp {
    let dist = tempfile::tempdir().unwrap().keep();
    std::fs::write(dist.join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(
        dist.join("frontend.js"),
        "export default function init() {}",
    )
    .unwrap();
    TestApp::spawn_with(Engine::Sqlite, |config| config.dist_dir = dist).await
}

#[tokio::test]
async fn client_side_routes_fall_back_to_index_html() {
    let app = app_with_dist().await;
    for path in ["/", "/formulare/fundsache-melden", "/mitarbeiter/anmelden"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, StatusCode::OK, "{path}");
        assert!(
            response.text().contains("<title>Bürgerportal</title>"),
            "{path}"
        );
    }
    let script = app.get("/frontend.js", None).await;
    assert_eq!(script.status, StatusCode::OK);
    assert!(
        script
            .headers
            .get(header::CONTENT_TYPE)
            .unwrap()
            .to_str()
            .unwrap()
            .contains("javascript")
    );
}

#[tokio::test]
async fn form_and_staff_pages_get_their_own_bundles_when_there_are_any() {
    let dist = tempfile::tempdir().unwrap();
    let page = |title: &str| INDEX_HTML.replace("<title>Bürgerportal</title>", title);
    std::fs::write(dist.path().join("index.html"), INDEX_HTML).unwrap();
    std::fs::write(
        dist.path().join("form.html"),
        page("<title>Formular</title>"),
    )
    .unwrap();
    std::fs::write(
        dist.path().join("staff.html"),
        page("<title>Mitarbeitende</title>"),
    )
    .unwrap();
    let path = dist.path().to_owned();
    let app = TestApp::spawn_with(Engine::Sqlite, |config| config.dist_dir = path).await;
    let form = app.get("/formulare/fundsache-melden", None).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.text().contains("<title>Formular</title>"));
    for staff_path in [
        "/mitarbeiter",
        "/mitarbeiter/anmelden",
        "/redaktion",
        "/redaktion/formulare/0b4c9a8e-5f0e-4a53-9a43-3b1c2d9e8f00",
    ] {
        let staff = app.get(staff_path, None).await;
        assert_eq!(staff.status, StatusCode::OK, "{staff_path}");
        assert!(
            staff.text().contains("<title>Mitarbeitende</title>"),
            "{staff_path}"
        );
    }
    for citizen_path in ["/", "/leistungen", "/bearbeitungsstand"] {
        let start = app.get(citizen_path, None).await;
        assert!(
            start.text().contains("<title>Bürgerportal</title>"),
            "{citizen_path}"
        );
    }
}

#[tokio::test]
async fn api_paths_never_fall_back_to_the_spa() {
    let app = app_with_dist().await;
    let response = app.get("/api/unbekannt", None).await;
    assert_eq!(response.status, StatusCode::NOT_FOUND);
    assert_eq!(response.error().code, shared::api::ErrorCode::NotFound);
}

#[tokio::test]
async fn pages_carry_a_strict_content_security_policy() {
    let app = app_with_dist().await;
    let response = app.get("/", None).await;
    let csp = response
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    assert_eq!(
        response
            .headers
            .get(header::X_CONTENT_TYPE_OPTIONS)
            .unwrap(),
        "nosniff"
    );
    let api = app.get(shared::api::paths::FORMS, None).await;
    assert_eq!(api.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

#[tokio::test]
async fn assets_are_compressed_and_cached_by_content_hash() {
    let app = app_with_dist().await;
    let request = axum::http::Request::builder()
        .uri("/frontend-0123456789abcdef_bg.wasm")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(axum::body::Body::empty())
        .unwrap();

    let wasm = app.request(request).await;

    assert_eq!(wasm.status, StatusCode::OK);
    assert_eq!(wasm.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
    assert!(
        wasm.body.len() < 4096,
        "compressed: {} bytes",
        wasm.body.len()
    );
    assert_eq!(
        wasm.headers.get(header::CACHE_CONTROL).unwrap(),
        "public, max-age=31536000, immutable"
    );
    let index = app.get("/formulare/fundsache-melden", None).await;
    assert_eq!(
        index.headers.get(header::CACHE_CONTROL).unwrap(),
        "no-cache"
    );
}

/// `form.html` as Trunk writes it (shortened): its loader fetches the bundle at page start.
const TRUNK_FORM_HTML: &str = r#"<!doctype html>
<html lang="de">
  <head>
    <title>Bürgerportal Musterstadt</title>
<script type="module">
import init, * as bindings from '/form-abc.js';
const wasm = await init({ module_or_path: '/form-abc_bg.wasm' });
</script>
  <link rel="modulepreload" href="/form-abc.js"><link rel="preload" href="/form-abc_bg.wasm" as="fetch"></head>
  <body>
    <noscript><p class="noscript">JavaScript</p></noscript>
  </body>
</html>"#;

on_both_engines!(form_pages_arrive_with_their_first_step_rendered);

async fn form_pages_arrive_with_their_first_step_rendered(app: TestApp) {
    use base64::Engine as _;
    use sha2::Digest as _;

    let app = app
        .respawn_with(|config| {
            std::fs::create_dir_all(&config.dist_dir).unwrap();
            std::fs::write(config.dist_dir.join("index.html"), INDEX_HTML).unwrap();
            std::fs::write(config.dist_dir.join("form.html"), TRUNK_FORM_HTML).unwrap();
        })
        .await;
    app.publish(crate::helpers::lost_property_form()).await;

    let response = app.get("/formulare/fundsache-test", None).await;
    assert_eq!(response.status, StatusCode::OK);
    let page = response.text();
    assert!(
        page.contains("<title>Fund – Fundsache melden – Bürgerportal Musterstadt</title>"),
        "{page}"
    );
    // The first step, ready for input, and the form for the bundle to take over with.
    assert!(page.contains("<h1 tabindex=\"-1\">Fundsache melden</h1>"));
    assert!(page.contains("<label for=\"field-gegenstand\""));
    assert!(page.contains("Schritt 1 von 2"));
    let data_start = page
        .find("<script type=\"application/json\" id=\"bp-first-view\">")
        .unwrap();
    let data = &page[data_start..];
    let data = &data[data.find('>').unwrap() + 1..data.find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(data).unwrap();
    assert_eq!(data["slug"], "fundsache-test");
    assert_eq!(data["form"]["version"], 1);
    // Nothing fetches the bundle at page start; the deferred loader may run under the CSP.
    assert!(!page.contains("modulepreload") && !page.contains("<script type=\"module\">"));
    let loader_start = page.find("<script>").unwrap() + "<script>".len();
    let loader =
        &page[loader_start..loader_start + page[loader_start..].find("</script>").unwrap()];
    assert!(loader.contains("import('/form-abc.js')"), "{loader}");
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(loader));
    let csp = response
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap();
    assert!(
        csp.to_str().unwrap().contains(&format!("'sha256-{hash}'")),
        "{csp:?}"
    );

    // No such form: Trunk's page, whose bundle says so.
    let unknown = app.get("/formulare/gibt-es-nicht", None).await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(unknown.text().contains("<script type=\"module\">"));
    assert!(!unknown.text().contains("bp-first-view"));
}
