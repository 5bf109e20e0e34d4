//! Browser-facing protections: security headers with a strict Content-Security-Policy, and a
//! cross-site request check on state-changing API calls (CSRF).

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};
use shared::api::ErrorCode;

use crate::error::ApiError;

/// Builds the Content-Security-Policy for the SPA. Scripts may come only from our origin, plus
/// the inline loader Trunk writes into `index.html`, allowed by its hash rather than by
/// `'unsafe-inline'`; `'wasm-unsafe-eval'` permits compiling the WASM module, nothing else.
pub(crate) fn content_security_policy(pages: &[String]) -> String {
    let mut scripts: Vec<&str> = pages.iter().flat_map(|page| inline_scripts(page)).collect();
    scripts.sort_unstable();
    scripts.dedup();
    let hashes: String = scripts
        .iter()
        .map(|script| {
            format!(
                " 'sha256-{}'",
                STANDARD.encode(Sha256::digest(script.as_bytes()))
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// The contents of every inline `<script>` element (those without `src`).
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after_tag = &rest[start..];
        let Some(tag_end) = after_tag.find('>') else {
            break;
        };
        let tag = &after_tag[..tag_end];
        let body_and_rest = &after_tag[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            scripts.push(&body_and_rest[..close]);
        }
        rest = &body_and_rest[close..];
    }
    scripts
}

/// Adds security headers to every response; API responses are never cached.
pub(crate) async fn security_headers(csp: HeaderValue, request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static("camera=(self), geolocation=(), microphone=()"),
    );
    if is_api {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// Refuses state-changing requests that a browser marks as cross-site. `SameSite=Strict`
/// already keeps the session cookie off them; this also protects the citizen endpoints, which
/// need no cookie.
pub(crate) async fn reject_cross_site(request: Request, next: Next) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    if !safe && is_cross_site(request.headers()) {
        return ApiError::Client(ErrorCode::CrossSiteRequest).into_response();
    }
    next.run(request).await
}

fn is_cross_site(headers: &HeaderMap) -> bool {
    if let Some(site) = headers
        .get("sec-fetch-site")
        .and_then(|value| value.to_str().ok())
    {
        return !matches!(site, "same-origin" | "none");
    }
    // Older browsers send no Fetch Metadata; compare Origin with Host instead. Non-browser
    // clients send neither and are not at risk of CSRF.
    let origin = headers
        .get(header::ORIGIN)
        .and_then(|value| value.to_str().ok());
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    match (origin, host) {
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            origin_host != host
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csp_allows_exactly_the_inline_loader_by_hash() {
        let html = r#"<head><script type="module">import init from '/app.js';init();</script>
            <script src="/other.js"></script></head>"#;
        let csp = content_security_policy(&[html.to_owned()]);
        let expected = STANDARD.encode(Sha256::digest(b"import init from '/app.js';init();"));
        assert!(csp.contains(&format!("'sha256-{expected}'")), "{csp}");
        assert_eq!(csp.matches("'sha256-").count(), 1);
        assert!(!csp.contains("unsafe-inline"));
    }

    #[test]
    fn csp_allows_the_loaders_of_both_bundles_once_each() {
        let index = r#"<script type="module">import init from '/frontend.js';init();</script>"#;
        let form = r#"<script type="module">import init from '/form.js';init();</script>"#;
        let csp = content_security_policy(&[index.to_owned(), form.to_owned(), form.to_owned()]);
        assert_eq!(csp.matches("'sha256-").count(), 2, "{csp}");
    }

    #[test]
    fn cross_site_detection_uses_fetch_metadata_then_origin() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&headers(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&headers(&[(
            "sec-fetch-site",
            "same-origin"
        )])));
        assert!(is_cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "portal.example")
        ])));
        assert!(!is_cross_site(&headers(&[
            ("origin", "https://portal.example"),
            ("host", "portal.example")
        ])));
        assert!(!is_cross_site(&headers(&[("host", "portal.example")])));
    }
}
