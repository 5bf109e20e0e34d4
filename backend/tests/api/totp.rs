//! The optional second factor: set up with a first code, then every sign-in needs a fresh code
//! of the authenticator app (each code once); turned off with a code; an admin's password reset
//! removes it.

use axum::http::{Method, StatusCode};
use chrono::Duration;
use shared::api::editor::{ResetPassword, StaffRole};
use shared::api::{ErrorCode, StaffLogin, StaffUser, TotpCode, TotpSetup, paths};

use crate::helpers::{TestApp, on_both_engines, test_start_time};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(a_second_factor_guards_the_sign_in);

fn code(secret: &str, app: &TestApp) -> String {
    let now = u64::try_from(app.clock_now().timestamp()).unwrap();
    backend::totp::code_at(secret, now).unwrap()
}

async fn sign_in(app: &TestApp, totp: Option<String>) -> crate::helpers::TestResponse {
    let login = StaffLogin {
        email: "fall@example.org".to_owned(),
        password: PASSWORD.to_owned(),
        totp,
    };
    app.send_json(Method::POST, paths::STAFF_SESSION, &login, None)
        .await
}

async fn a_second_factor_guards_the_sign_in(app: TestApp) {
    app.create_staff("fall@example.org", PASSWORD).await;
    let session = app.login("fall@example.org", PASSWORD).await;
    let setup: TotpSetup = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP,
            &serde_json::json!({}),
            Some(&session),
        )
        .await
        .json();
    assert!(
        setup
            .uri
            .starts_with("otpauth://totp/B%C3%BCrgerportal:fall%40example%2Eorg?secret=")
    );
    assert!(setup.qr.starts_with("data:image/svg+xml;base64,"));
    let confirm = |code: String| TotpCode { code };
    let wrong = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP_CONFIRM,
            &confirm("000000".to_owned()),
            Some(&session),
        )
        .await;
    assert_eq!(wrong.error().code, ErrorCode::InvalidTotp);
    let on = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP_CONFIRM,
            &confirm(code(&setup.secret, &app)),
            Some(&session),
        )
        .await;
    assert_eq!(on.status, StatusCode::NO_CONTENT, "{}", on.text());
    let me: StaffUser = app.get(paths::STAFF_ME, Some(&session)).await.json();
    assert!(me.totp);

    // A minute later: the password alone is not enough; a wrong code fails like a wrong password.
    app.clock.set(test_start_time() + Duration::seconds(60));
    assert_eq!(
        sign_in(&app, None).await.error().code,
        ErrorCode::TotpRequired
    );
    assert_eq!(
        sign_in(&app, Some("123456".to_owned())).await.error().code,
        ErrorCode::InvalidCredentials
    );
    let fresh = code(&setup.secret, &app);
    assert_eq!(
        sign_in(&app, Some(fresh.clone())).await.status,
        StatusCode::OK
    );
    assert_eq!(
        sign_in(&app, Some(fresh)).await.error().code,
        ErrorCode::InvalidCredentials,
        "each code once"
    );

    // Turned off with a (later) code: the password alone works again.
    app.clock.set(test_start_time() + Duration::seconds(120));
    let session = app
        .login_with_totp("fall@example.org", PASSWORD, &code(&setup.secret, &app))
        .await;
    app.clock.set(test_start_time() + Duration::seconds(150));
    let off = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP_DISABLE,
            &confirm(code(&setup.secret, &app)),
            Some(&session),
        )
        .await;
    assert_eq!(off.status, StatusCode::NO_CONTENT, "{}", off.text());
    assert_eq!(sign_in(&app, None).await.status, StatusCode::OK);

    // On again, then an admin's password reset removes it (a lost phone).
    let setup: TotpSetup = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP,
            &serde_json::json!({}),
            Some(&session),
        )
        .await
        .json();
    let on = app
        .send_json(
            Method::POST,
            paths::STAFF_TOTP_CONFIRM,
            &confirm(code(&setup.secret, &app)),
            Some(&session),
        )
        .await;
    assert_eq!(on.status, StatusCode::NO_CONTENT);
    app.create_account("admin@example.org", "Admin", PASSWORD, StaffRole::Admin)
        .await;
    let admin = app.login("admin@example.org", PASSWORD).await;
    let fritz = app
        .get(paths::ADMIN_USERS, Some(&admin))
        .await
        .json::<Vec<shared::api::editor::ManagedUser>>()
        .into_iter()
        .find(|user| user.email == "fall@example.org")
        .unwrap();
    let reset = ResetPassword {
        password: PASSWORD.to_owned(),
    };
    let response = app
        .send_json(
            Method::POST,
            &paths::admin_user(paths::ADMIN_USER_PASSWORD, &fritz.id),
            &reset,
            Some(&admin),
        )
        .await;
    assert_eq!(response.status, StatusCode::NO_CONTENT);
    assert_eq!(sign_in(&app, None).await.status, StatusCode::OK);
}
