//! Loading a city's service catalogue (the JSON exchange format of `shared::catalogue`).

use anyhow::Context;
use shared::catalogue::Catalogue;

use crate::db::{self, Db};

/// The demo catalogue of Musterstadt, seeded by `--demo`.
pub(crate) const DEMO_CATALOGUE: &str = include_str!("../demo/services.json");

/// Parses a catalogue and refuses it if it is inconsistent (naming every problem's place).
pub fn parse(json: &str) -> anyhow::Result<Catalogue> {
    let catalogue: Catalogue =
        serde_json::from_str(json).context("the catalogue is not valid catalogue JSON")?;
    let problems = catalogue.problems();
    anyhow::ensure!(
        problems.is_empty(),
        "the catalogue has problems:\n  {}",
        problems.join("\n  ")
    );
    Ok(catalogue)
}

/// Replaces the stored catalogue with `catalogue` in one transaction.
pub async fn import(db: &Db, catalogue: &Catalogue) -> anyhow::Result<()> {
    db::catalogue::replace(db, catalogue)
        .await
        .context("storing the catalogue failed")?;
    tracing::info!(
        services = catalogue.services.len(),
        topics = catalogue.topics.len(),
        departments = catalogue.departments.len(),
        "service catalogue imported"
    );
    Ok(())
}

/// Seeds the demo catalogue if no catalogue is stored yet.
pub(crate) async fn seed_demo(db: &Db) -> anyhow::Result<()> {
    if db::catalogue::is_empty(db).await? {
        import(db, &parse(DEMO_CATALOGUE).context("demo catalogue")?).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_catalogue_is_consistent_and_links_existing_forms() {
        let catalogue = parse(DEMO_CATALOGUE).unwrap();
        assert!(catalogue.services.len() >= 15);
        let forms = crate::demo::demo_forms().unwrap();
        for service in &catalogue.services {
            if let Some(form) = &service.form {
                assert!(
                    forms.iter().any(|f| &f.definition().slug == form),
                    "{} links the unknown form {form}",
                    service.slug
                );
            }
        }
    }

    #[test]
    fn inconsistent_catalogues_are_refused_with_the_place() {
        let json = r#"{ "topics": [], "departments": [], "services": [{
            "slug": "x", "name": { "de": "X" }, "summary": { "de": "x" },
            "description": { "de": "x" }, "department": "fehlt", "topics": ["keins"],
            "availability": "online" }] }"#;
        let error = format!("{:#}", parse(json).unwrap_err());
        assert!(
            error.contains("services[0].department: there is no department 'fehlt'"),
            "{error}"
        );
        assert!(
            error.contains("services[0].topics[0]: there is no topic 'keins'"),
            "{error}"
        );
    }
}
