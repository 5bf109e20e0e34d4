//! The service catalogue: German-aware search, browsing by topic, service pages.

use axum::http::StatusCode;
use serde_json::json;
use shared::api::paths;
use shared::catalogue::{Availability, Catalogue, ServicePage, ServiceSummary, TopicSummary};

use crate::helpers::{TestApp, on_both_engines};

on_both_engines!(
    services_are_listed_a_to_z_without_a_query,
    search_finds_services_by_german_spellings_prefixes_and_typos,
    topics_filter_and_count_services,
    a_service_page_has_its_department_and_topics,
    a_new_catalogue_replaces_the_old_one,
);

fn service(slug: &str, name: &str, topics: &[&str], keywords: &[&str]) -> serde_json::Value {
    json!({
        "slug": slug, "name": { "de": name, "en": format!("{name} (en)") },
        "summary": { "de": format!("Kurz: {name}") },
        "description": { "de": format!("Beschreibung von {name}.") },
        "documents": [{ "de": "Gültiger Ausweis" }],
        "fees": [{ "label": { "de": "Gebühr" }, "amount_cents": 3700 }],
        "legal_basis": ["§ 1 Testgesetz"],
        "department": if slug == "fuehrungszeugnis-beantragen" { "ordnungsamt" } else { "buergerbuero" },
        "topics": topics, "keywords": keywords,
        "availability": if slug == "hund-anmelden" { "online" } else { "in_person" },
        "appointment_required": slug != "hund-anmelden"
    })
}

fn catalogue() -> Catalogue {
    serde_json::from_value(json!({
        "topics": [
            { "slug": "ausweise-dokumente", "name": { "de": "Ausweise und Dokumente" } },
            { "slug": "umzug-wohnen", "name": { "de": "Umzug und Wohnen" } },
            { "slug": "tiere", "name": { "de": "Tiere" } }
        ],
        "departments": [
            { "key": "buergerbuero", "name": { "de": "Bürgerbüro" }, "street": "Marktplatz 1",
              "city": "12345 Musterstadt", "phone": "0123 4567-100", "email": "buergerbuero@musterstadt.example",
              "opening_hours": [{ "de": "Mo–Fr 8–12 Uhr" }] },
            { "key": "ordnungsamt", "name": { "de": "Ordnungsamt" }, "street": "Rathausstraße 2",
              "city": "12345 Musterstadt", "phone": "0123 4567-200", "email": "ordnungsamt@musterstadt.example",
              "opening_hours": [] }
        ],
        "services": [
            service("personalausweis-beantragen", "Personalausweis beantragen", &["ausweise-dokumente"], &["Perso", "ID"]),
            service("reisepass-beantragen", "Reisepass beantragen", &["ausweise-dokumente"], &["Pass"]),
            service("wohnsitz-anmelden", "Wohnsitz anmelden", &["umzug-wohnen"], &["Ummeldung", "Umzug"]),
            service("fuehrungszeugnis-beantragen", "Führungszeugnis beantragen", &["ausweise-dokumente"], &[]),
            service("hund-anmelden", "Hund anmelden", &["tiere"], &["Hundesteuer"])
        ]
    }))
    .unwrap()
}

async fn imported(app: &TestApp) {
    backend::catalogue::import(&app.db, &catalogue())
        .await
        .unwrap();
}

async fn search(app: &TestApp, query: &str) -> Vec<String> {
    let response = app.get(&paths::services(query, None), None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response
        .json::<Vec<ServiceSummary>>()
        .into_iter()
        .map(|summary| summary.slug.to_string())
        .collect()
}

async fn services_are_listed_a_to_z_without_a_query(app: TestApp) {
    assert!(search(&app, "").await.is_empty(), "no catalogue yet");
    imported(&app).await;
    assert_eq!(
        search(&app, "").await,
        [
            // "Führungszeugnis" sorts as "Fuehrungszeugnis", between "F" and "H".
            "fuehrungszeugnis-beantragen",
            "hund-anmelden",
            "personalausweis-beantragen",
            "reisepass-beantragen",
            "wohnsitz-anmelden"
        ]
    );
    let all: Vec<ServiceSummary> = app.get(paths::SERVICES, None).await.json();
    let dog = all
        .iter()
        .find(|s| s.slug.as_str() == "hund-anmelden")
        .unwrap();
    assert_eq!(dog.availability, Availability::Online);
    assert_eq!(dog.summary.de, "Kurz: Hund anmelden");
}

async fn search_finds_services_by_german_spellings_prefixes_and_typos(app: TestApp) {
    imported(&app).await;
    let first = |hits: Vec<String>| hits.first().cloned().unwrap_or_default();
    // Keyword, prefix, compound word.
    assert_eq!(
        first(search(&app, "Perso").await),
        "personalausweis-beantragen"
    );
    assert_eq!(
        first(search(&app, "ausweis").await),
        "personalausweis-beantragen"
    );
    assert_eq!(first(search(&app, "Ummeldung").await), "wohnsitz-anmelden");
    // Umlaut, its transcription, and a typo without it.
    for query in [
        "Führungszeugnis",
        "Fuehrungszeugnis",
        "fuhrungszeugnis",
        "FÜHRUNGSZEUGNIS",
    ] {
        assert_eq!(
            first(search(&app, query).await),
            "fuehrungszeugnis-beantragen",
            "{query}"
        );
    }
    assert_eq!(
        first(search(&app, "Personalausweiss").await),
        "personalausweis-beantragen"
    );
    // Several words: services matching all of them first, stop words ignored.
    assert_eq!(
        search(&app, "ich will meinen Hund anmelden").await[0],
        "hund-anmelden"
    );
    assert!(search(&app, "Raumschiff").await.is_empty());
    // A very long query is cut, not refused.
    assert_eq!(search(&app, &"Hund ".repeat(500)).await[0], "hund-anmelden");
}

async fn topics_filter_and_count_services(app: TestApp) {
    imported(&app).await;
    let topics: Vec<TopicSummary> = app.get(paths::TOPICS, None).await.json();
    let counts: Vec<(&str, usize)> = topics
        .iter()
        .map(|t| (t.topic.slug.as_str(), t.service_count))
        .collect();
    assert_eq!(
        counts,
        [("ausweise-dokumente", 3), ("umzug-wohnen", 1), ("tiere", 1)]
    );
    let documents = "ausweise-dokumente".parse().unwrap();
    let response = app.get(&paths::services("", Some(&documents)), None).await;
    let slugs: Vec<String> = response
        .json::<Vec<ServiceSummary>>()
        .into_iter()
        .map(|s| s.slug.to_string())
        .collect();
    assert_eq!(
        slugs,
        [
            "fuehrungszeugnis-beantragen",
            "personalausweis-beantragen",
            "reisepass-beantragen"
        ]
    );
    let searched = app
        .get(&paths::services("pass", Some(&documents)), None)
        .await;
    assert_eq!(
        searched.json::<Vec<ServiceSummary>>()[0].slug.as_str(),
        "reisepass-beantragen"
    );
    let unknown = app.get("/api/services?topic=Kein%20Thema", None).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

async fn a_service_page_has_its_department_and_topics(app: TestApp) {
    imported(&app).await;
    let response = app
        .get(
            &paths::service(&"fuehrungszeugnis-beantragen".parse().unwrap()),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::OK);
    let page: ServicePage = response.json();
    assert_eq!(page.service.name.de, "Führungszeugnis beantragen");
    assert_eq!(page.department.name.de, "Ordnungsamt");
    assert_eq!(page.department.phone, "0123 4567-200");
    assert_eq!(page.topics.len(), 1);
    assert_eq!(page.topics[0].name.de, "Ausweise und Dokumente");
    assert_eq!(page.service.fees[0].amount_cents, Some(3700));

    for path in ["/api/services/gibt-es-nicht", "/api/services/Ung%C3%BCltig"] {
        let response = app.get(path, None).await;
        assert_eq!(response.status, StatusCode::NOT_FOUND, "{path}");
    }
}

async fn a_new_catalogue_replaces_the_old_one(app: TestApp) {
    imported(&app).await;
    let mut smaller = catalogue();
    smaller.services.truncate(1);
    smaller.topics.truncate(1);
    backend::catalogue::import(&app.db, &smaller).await.unwrap();
    assert_eq!(search(&app, "").await, ["personalausweis-beantragen"]);
    let topics: Vec<TopicSummary> = app.get(paths::TOPICS, None).await.json();
    assert_eq!(topics.len(), 1);
}
