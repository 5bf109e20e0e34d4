//! The service catalogue for citizens: search and browse services, read one service's page.

use axum::Json;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use shared::catalogue::{ServicePage, ServiceSummary, TopicSummary};
use shared::id::{ServiceSlug, TopicSlug};

use crate::app::AppState;
use crate::db;
use crate::error::{ApiError, request_lang};
use crate::search;

/// Longest search query considered; longer ones are cut (a query is a few words).
const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Deserialize)]
pub(crate) struct ServiceQuery {
    /// Search words.
    #[serde(default)]
    q: Option<String>,
    /// Only services of this topic.
    #[serde(default)]
    topic: Option<String>,
}

/// Services matching a search (best first) and/or of a topic; without either, all services A–Z.
pub(crate) async fn list_services(
    State(state): State<AppState>,
    Query(query): Query<ServiceQuery>,
    headers: axum::http::HeaderMap,
) -> Result<Json<Vec<ServiceSummary>>, ApiError> {
    let services = db::catalogue::fetch_services(&state.db).await?;
    let topic: Option<TopicSlug> = match query.topic.as_deref().filter(|t| !t.is_empty()) {
        // An unknown or malformed topic has no services.
        Some(text) => Some(text.parse().map_err(|_| ApiError::NOT_FOUND)?),
        None => None,
    };
    let text: String = query
        .q
        .unwrap_or_default()
        .chars()
        .take(MAX_QUERY_CHARS)
        .collect();
    let mut found: Vec<&shared::catalogue::Service> = if text.trim().is_empty() {
        let lang = request_lang(&headers);
        let mut all: Vec<_> = services.iter().collect();
        all.sort_by_cached_key(|service| search::sort_key(&service.name, lang));
        all
    } else {
        search::search(&services, &text)
    };
    if let Some(topic) = &topic {
        found.retain(|service| service.topics.contains(topic));
    }
    Ok(Json(found.into_iter().map(ServiceSummary::from).collect()))
}

/// One service with its department and topics.
pub(crate) async fn get_service(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<ServicePage>, ApiError> {
    let slug: ServiceSlug = slug.parse().map_err(|_| ApiError::NOT_FOUND)?;
    let (service, department) = db::catalogue::fetch_optional_service(&state.db, &slug)
        .await?
        .ok_or(ApiError::NOT_FOUND)?;
    let topics = db::catalogue::fetch_topics(&state.db)
        .await?
        .into_iter()
        .filter(|topic| service.topics.contains(&topic.slug))
        .collect();
    Ok(Json(ServicePage {
        service,
        department,
        topics,
    }))
}

/// Topics in display order with their number of services.
pub(crate) async fn list_topics(
    State(state): State<AppState>,
) -> Result<Json<Vec<TopicSummary>>, ApiError> {
    let topics = db::catalogue::fetch_topics(&state.db).await?;
    let services = db::catalogue::fetch_services(&state.db).await?;
    Ok(Json(
        topics
            .into_iter()
            .map(|topic| {
                let service_count = services
                    .iter()
                    .filter(|service| service.topics.contains(&topic.slug))
                    .count();
                TopicSummary {
                    topic,
                    service_count,
                }
            })
            .collect(),
    ))
}
