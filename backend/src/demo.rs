//! German demo content for `--demo`: realistic forms and a staff account, so a fresh
//! installation shows the whole path. Seeding is idempotent: what exists is left alone.

use anyhow::Context;
use shared::api::editor::StaffRole;
use shared::{CompiledForm, FormDefinition};

use crate::auth;
use crate::clock::Clock;
use crate::db::{self, Db};

/// E-mail address of the demo staff account.
pub(crate) const DEMO_STAFF_EMAIL: &str = "sachbearbeitung@musterstadt.example";
/// The demo form editor's e-mail address (same password as the demo case worker).
pub(crate) const DEMO_EDITOR_EMAIL: &str = "redaktion@musterstadt.example";
/// The demo admin's e-mail address (same password); admins see every department.
pub(crate) const DEMO_ADMIN_EMAIL: &str = "admin@musterstadt.example";
/// A case worker of the lost property office only (same password), to show that departments
/// see only their own submissions.
pub(crate) const DEMO_FUNDBUERO_EMAIL: &str = "fundbuero@musterstadt.example";

/// Demo accounts and the departments whose submissions they see.
const DEMO_ACCOUNTS: [(&str, &str, StaffRole, &[&str]); 4] = [
    (
        DEMO_STAFF_EMAIL,
        "Sachbearbeitung Demo",
        StaffRole::Staff,
        &["ordnungsamt", "steueramt", "umweltamt"],
    ),
    (
        DEMO_FUNDBUERO_EMAIL,
        "Fundbüro Demo",
        StaffRole::Staff,
        &["ordnungsamt"],
    ),
    (DEMO_EDITOR_EMAIL, "Redaktion Demo", StaffRole::Editor, &[]),
    (DEMO_ADMIN_EMAIL, "Verwaltung Demo", StaffRole::Admin, &[]),
];

/// The demo forms, in the documented JSON exchange format.
const DEMO_FORMS: [(&str, &str); 3] = [
    (
        "fundsache-melden",
        include_str!("../demo/fundsache-melden.json"),
    ),
    (
        "sperrmuell-anmelden",
        include_str!("../demo/sperrmuell-anmelden.json"),
    ),
    ("hund-anmelden", include_str!("../demo/hund-anmelden.json")),
];

/// Creates the demo forms and the demo staff account if they do not exist yet.
pub(crate) async fn seed(db: &Db, staff_password: &str, clock: &dyn Clock) -> anyhow::Result<()> {
    let now_ms = clock.now().timestamp_millis();
    for form in demo_forms()? {
        if db::forms::slug_exists(db, &form.definition().slug).await? {
            continue;
        }
        db::forms::publish_new_form(db, &form, now_ms).await?;
        tracing::info!(slug = %form.definition().slug, "demo form published");
    }
    for (email, name, role, departments) in DEMO_ACCOUNTS {
        if auth::create_staff_account(db, email, name, staff_password, role, now_ms).await? {
            tracing::info!(
                email,
                "demo account created (password from --demo-password)"
            );
        }
        // Also for accounts from before departments existed.
        if let Some(account) = db::staff::fetch_optional_by_email(db, email).await? {
            for department in departments {
                db::staff::insert_department_membership(db, &account.id, department).await?;
            }
        }
    }
    Ok(())
}

/// The demo appointment locations (`LocationConfig` in the admin API's format).
const DEMO_LOCATIONS: &str = include_str!("../demo/locations.json");

/// Creates the demo appointment locations that do not exist yet (after the catalogue, whose
/// services and departments they name; they are checked like an admin's).
pub(crate) async fn seed_locations(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let locations: Vec<shared::api::booking::LocationConfig> =
        serde_json::from_str(DEMO_LOCATIONS).context("demo locations")?;
    let services = db::catalogue::fetch_services(db).await?;
    let departments = db::catalogue::fetch_departments(db).await?;
    for location in locations {
        if db::appointments::fetch_optional_location(db, &location.info.slug)
            .await?
            .is_some()
        {
            continue;
        }
        let problems = crate::booking::problems(&location, &services, &departments);
        anyhow::ensure!(
            problems.is_empty(),
            "demo location {} is invalid: {problems:?}",
            location.info.slug
        );
        db::appointments::upsert_location(db, &location, clock.now().timestamp_millis()).await?;
        tracing::info!(slug = %location.info.slug, "demo location created");
    }
    Ok(())
}

/// Gives the demo forms the departments of the catalogue services that offer them (after both
/// are seeded; a form that has a department keeps it).
pub(crate) async fn assign_departments(db: &Db) -> anyhow::Result<()> {
    let assigned = db::editor::assign_departments_from_catalogue(db).await?;
    if assigned > 0 {
        tracing::info!(assigned, "demo forms assigned to their departments");
    }
    Ok(())
}

/// The demo forms, checked by the same definition check as any published form.
pub(crate) fn demo_forms() -> anyhow::Result<Vec<CompiledForm>> {
    DEMO_FORMS
        .iter()
        .map(|(name, json)| {
            let definition: FormDefinition =
                serde_json::from_str(json).with_context(|| format!("demo form {name}"))?;
            CompiledForm::new(definition)
                .map_err(|errors| anyhow::anyhow!("demo form {name} is invalid: {errors:?}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_forms_pass_the_definition_check() {
        let forms = demo_forms().unwrap();
        assert_eq!(forms.len(), DEMO_FORMS.len());
        for (form, (slug, _)) in forms.iter().zip(DEMO_FORMS) {
            assert_eq!(form.definition().slug.as_str(), slug);
        }
    }
}
