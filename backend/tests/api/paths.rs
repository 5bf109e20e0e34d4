//! The client's path builders in `shared::api::paths` produce paths their templates route.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get;
use shared::FormId;
use shared::api::paths;
use tower::ServiceExt;

async fn routes(template: &str, path: &str) -> bool {
    let router: Router = Router::new().route(template, get(|| async { "matched" }));
    let response = router
        .oneshot(Request::get(path).body(Body::empty()).unwrap())
        .await
        .unwrap();
    response.status() == StatusCode::OK
}

#[tokio::test]
async fn every_builder_hits_its_template() {
    let slug = "fundsache-melden".parse().unwrap();
    let form_id: FormId = "6f1c2f4e-8b7a-4c55-9d3e-2a1b0c9d8e7f".parse().unwrap();
    let pairs = [
        (paths::FORM, paths::form(&slug)),
        (paths::FORM_SUBMISSIONS, paths::form_submissions(&slug)),
        (paths::STAFF_FORM_CSV, paths::staff_form_csv(form_id)),
        (
            paths::FORM_VERSION_SCHEMA,
            paths::form_version_schema(&slug, 3),
        ),
        (
            paths::STAFF_UPLOAD,
            paths::staff_upload("0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90".parse().unwrap()),
        ),
    ];
    for (template, path) in pairs {
        assert!(
            routes(template, &path).await,
            "{path} does not match {template}"
        );
        assert!(!routes(template, &format!("{path}/extra")).await);
    }
    let location = "buergerbuero-mitte".parse().unwrap();
    let day = "2026-12-07".parse().unwrap();
    let booking_pairs = [
        (
            paths::STAFF_APPOINTMENT_NO_SHOW,
            paths::staff_appointment_no_show("b1"),
        ),
        (
            paths::ADMIN_LOCATION,
            paths::admin_location(paths::ADMIN_LOCATION, &location),
        ),
        (
            paths::ADMIN_LOCATION_DAYS,
            paths::admin_location(paths::ADMIN_LOCATION_DAYS, &location),
        ),
    ];
    for (template, path) in booking_pairs {
        assert!(
            routes(template, &path).await,
            "{path} does not match {template}"
        );
    }
    for template in [
        paths::STAFF_APPOINTMENT_DAY,
        paths::STAFF_APPOINTMENT_DAY_CSV,
        paths::STAFF_APPOINTMENT_DAY_ICS,
    ] {
        let path = paths::staff_appointment_day(template, &location, day);
        assert!(routes(template, &path).await, "{path}");
        assert!(path.ends_with("?location=buergerbuero-mitte&date=2026-12-07"));
    }
    let concerns = shared::api::booking::parse_concerns("personalausweis-beantragen:2").unwrap();
    let slots = paths::appointment_slots(&concerns, Some(&location), day, 31);
    assert!(routes(paths::APPOINTMENT_SLOTS, &slots).await, "{slots}");
    assert!(slots.ends_with(
        "?concerns=personalausweis-beantragen:2&from=2026-12-07&days=31&location=buergerbuero-mitte"
    ));
    let upload = paths::form_uploads(&slug, 2, "hunde.impfpass");
    assert!(routes(paths::FORM_UPLOADS, &upload).await, "{upload}");
    assert!(upload.ends_with("?version=2&field=hunde.impfpass"));
}
