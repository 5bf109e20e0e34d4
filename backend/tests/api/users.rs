//! User administration: admins create accounts with roles and departments, change and disable
//! them and set new passwords; everyone changes their own password. Disabling and new
//! passwords end sessions; all of it is in the audit log.

use axum::http::{Method, StatusCode};
use shared::api::audit::{AuditAction, AuditPage};
use shared::api::editor::{
    ChangePassword, ManagedUser, NewUser, ResetPassword, StaffRole, UpdateUser,
};
use shared::api::{ErrorCode, StaffUser, paths};

use crate::helpers::{TestApp, on_both_engines};

const PASSWORD: &str = "Ein-langes-Passwort-1";

on_both_engines!(admins_manage_accounts_and_people_change_their_passwords);

async fn admins_manage_accounts_and_people_change_their_passwords(app: TestApp) {
    let catalogue: shared::catalogue::Catalogue = serde_json::from_value(serde_json::json!({
        "topics": [{ "slug": "sonstiges", "name": { "de": "Sonstiges" } }],
        "departments": [{ "key": "ordnungsamt", "name": { "de": "Ordnungsamt" },
            "street": "Marktplatz 1", "city": "12345 Musterstadt", "phone": "0123 4567-100",
            "email": "ordnungsamt@musterstadt.example", "opening_hours": [] }],
        "services": []
    }))
    .unwrap();
    backend::catalogue::import(&app.db, &catalogue)
        .await
        .unwrap();
    app.create_account("admin@example.org", "Ada Admin", PASSWORD, StaffRole::Admin)
        .await;
    let admin = app.login("admin@example.org", PASSWORD).await;
    let new_user = |email: &str, password: &str, departments: &[&str]| NewUser {
        email: email.to_owned(),
        name: "Fritz Fall".to_owned(),
        role: StaffRole::Staff,
        departments: departments.iter().map(|key| (*key).to_owned()).collect(),
        password: password.to_owned(),
    };
    for (user, code) in [
        (
            new_user("fritz@example.org", "kurz", &["ordnungsamt"]),
            ErrorCode::WeakPassword,
        ),
        (
            new_user("kein-at", PASSWORD, &["ordnungsamt"]),
            ErrorCode::InvalidUser,
        ),
        (
            new_user("fritz@example.org", PASSWORD, &["gibt-es-nicht"]),
            ErrorCode::InvalidUser,
        ),
    ] {
        let response = app
            .send_json(Method::POST, paths::ADMIN_USERS, &user, Some(&admin))
            .await;
        assert_eq!(response.error().code, code);
    }
    let created = app
        .send_json(
            Method::POST,
            paths::ADMIN_USERS,
            &new_user("Fritz@Example.org", PASSWORD, &["ordnungsamt"]),
            Some(&admin),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
    let users: Vec<ManagedUser> = created.json();
    let fritz = users
        .iter()
        .find(|user| user.email == "fritz@example.org")
        .unwrap()
        .clone();
    assert_eq!(fritz.departments, ["ordnungsamt"]);
    assert!(!fritz.disabled);
    let again = app
        .send_json(
            Method::POST,
            paths::ADMIN_USERS,
            &new_user("fritz@example.org", PASSWORD, &[]),
            Some(&admin),
        )
        .await;
    assert_eq!(again.error().code, ErrorCode::EmailTaken);

    // Fritz signs in and changes his password; a wrong current one is refused.
    let fritz_session = app.login("fritz@example.org", PASSWORD).await;
    let me: StaffUser = app.get(paths::STAFF_ME, Some(&fritz_session)).await.json();
    assert_eq!(me.departments, ["Ordnungsamt"]);
    let change = |current: &str, new: &str| ChangePassword {
        current: current.to_owned(),
        new: new.to_owned(),
    };
    let wrong = app
        .send_json(
            Method::POST,
            paths::STAFF_PASSWORD,
            &change("falsch-falsch-falsch", "Ganz-neues-Passwort-2"),
            Some(&fritz_session),
        )
        .await;
    assert_eq!(wrong.error().code, ErrorCode::InvalidCredentials);
    let weak = app
        .send_json(
            Method::POST,
            paths::STAFF_PASSWORD,
            &change(PASSWORD, "kurz"),
            Some(&fritz_session),
        )
        .await;
    assert_eq!(weak.error().code, ErrorCode::WeakPassword);
    let second_session = app.login("fritz@example.org", PASSWORD).await;
    let changed = app
        .send_json(
            Method::POST,
            paths::STAFF_PASSWORD,
            &change(PASSWORD, "Ganz-neues-Passwort-2"),
            Some(&fritz_session),
        )
        .await;
    assert_eq!(changed.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&fritz_session)).await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&second_session)).await.status,
        StatusCode::UNAUTHORIZED,
        "others end"
    );
    assert_eq!(
        app.try_login("fritz@example.org", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
    let fritz_session = app
        .login("fritz@example.org", "Ganz-neues-Passwort-2")
        .await;

    // The admin resets it: Fritz's sessions end, the new one works.
    let reset = ResetPassword {
        password: "Vom-Admin-gesetzt-3".to_owned(),
    };
    let path = paths::admin_user(paths::ADMIN_USER_PASSWORD, &fritz.id);
    assert_eq!(
        app.send_json(Method::POST, &path, &reset, Some(&admin))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&fritz_session)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let fritz_session = app.login("fritz@example.org", "Vom-Admin-gesetzt-3").await;

    // Disabled: the session ends and signing in fails like a wrong password.
    let update = |disabled: bool, role: StaffRole| UpdateUser {
        name: "Fritz Fall".to_owned(),
        role,
        departments: vec!["ordnungsamt".to_owned()],
        disabled,
    };
    let path = paths::admin_user(paths::ADMIN_USER, &fritz.id);
    assert_eq!(
        app.send_json(
            Method::PUT,
            &path,
            &update(true, StaffRole::Staff),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(paths::STAFF_ME, Some(&fritz_session)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.try_login("fritz@example.org", "Vom-Admin-gesetzt-3")
            .await
            .error()
            .code,
        ErrorCode::InvalidCredentials
    );
    let users: Vec<ManagedUser> = app.get(paths::ADMIN_USERS, Some(&admin)).await.json();
    assert!(
        users
            .iter()
            .find(|user| user.id == fritz.id)
            .unwrap()
            .disabled
    );
    // Enabled again, as an editor.
    assert_eq!(
        app.send_json(
            Method::PUT,
            &path,
            &update(false, StaffRole::Editor),
            Some(&admin)
        )
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    let session = app.login("fritz@example.org", "Vom-Admin-gesetzt-3").await;
    let me: StaffUser = app.get(paths::STAFF_ME, Some(&session)).await.json();
    assert_eq!(me.role, StaffRole::Editor);

    // Admins cannot lock themselves out; others cannot manage accounts at all.
    let me_admin = app
        .get(paths::ADMIN_USERS, Some(&admin))
        .await
        .json::<Vec<ManagedUser>>()
        .into_iter()
        .find(|user| user.email == "admin@example.org")
        .unwrap();
    let own = paths::admin_user(paths::ADMIN_USER, &me_admin.id);
    let demote = UpdateUser {
        name: "Ada".to_owned(),
        role: StaffRole::Staff,
        departments: vec![],
        disabled: false,
    };
    assert_eq!(
        app.send_json(Method::PUT, &own, &demote, Some(&admin))
            .await
            .error()
            .code,
        ErrorCode::InvalidUser
    );
    assert_eq!(
        app.get(paths::ADMIN_USERS, Some(&session))
            .await
            .error()
            .code,
        ErrorCode::Forbidden
    );

    let log: AuditPage = app.get(paths::ADMIN_AUDIT, Some(&admin)).await.json();
    let actions: Vec<AuditAction> = log.entries.iter().map(|entry| entry.action).collect();
    for action in [
        AuditAction::UserCreated,
        AuditAction::UserChanged,
        AuditAction::PasswordReset,
        AuditAction::PasswordChanged,
    ] {
        assert!(actions.contains(&action), "{action:?} in {actions:?}");
    }
    assert!(
        !serde_json::to_string(&log).unwrap().contains("Passwort-"),
        "no passwords in the log"
    );
}
