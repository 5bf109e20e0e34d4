//! Staff: key figures (Kennzahlen) of the submissions an account may see: per month, form and
//! department; processing times (median, 90th percentile); statuses; and how far the city's
//! services are online.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Query, State};
use chrono::TimeZone;
use serde::Deserialize;
use shared::CalendarDate;
use shared::api::{
    ErrorCode, KeyFigures, MonthlyCount, OnlineShare, ProcessingStatus, ProcessingTime, StatusCount,
};
use shared::catalogue::Availability;

use crate::app::AppState;
use crate::clock::{local_date, start_of_day_ms};
use crate::db;
use crate::db::staff::Scope;
use crate::error::ApiError;
use crate::extract::CurrentStaff;

/// The period; by default the twelve months up to today.
#[derive(Debug, Deserialize)]
pub(crate) struct FiguresQuery {
    /// First day, `YYYY-MM-DD`.
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    to: Option<String>,
}

/// The value below which `share` of the sorted `values` lie (nearest rank).
fn percentile(sorted: &[f64], share: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    #[allow(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        clippy::cast_precision_loss,
        reason = "a rank within a list of submissions"
    )]
    let rank = ((share * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `GET /api/staff/figures`.
pub(crate) async fn key_figures(
    State(state): State<AppState>,
    CurrentStaff { account }: CurrentStaff,
    Query(query): Query<FiguresQuery>,
) -> Result<Json<KeyFigures>, ApiError> {
    let zone = state.config.time_zone;
    let today = local_date(state.clock.now(), zone);
    let day = |text: Option<&String>, default: CalendarDate| {
        text.map(|text| text.trim())
            .filter(|text| !text.is_empty())
            .map_or(Ok(default), |text| {
                text.parse::<CalendarDate>()
                    .map_err(|_| ApiError::Client(ErrorCode::MalformedRequest))
            })
    };
    let to = day(query.to.as_ref(), today)?;
    let from = day(query.from.as_ref(), today.add_months(-12).add_days(1))?;
    if from > to {
        return Err(ApiError::Client(ErrorCode::MalformedRequest));
    }
    let scope = Scope::of(&account);
    let facts = db::figures::fetch_facts(
        &state.db,
        &scope,
        start_of_day_ms(from, zone),
        start_of_day_ms(to.add_days(1), zone),
    )
    .await?;
    let forms = db::staff::fetch_forms_with_counts(&state.db, &scope).await?;
    let form_departments = db::figures::fetch_form_departments(&state.db, &scope).await?;
    let departments = db::catalogue::fetch_departments(&state.db).await?;
    let title = |form_id: &str| {
        forms
            .iter()
            .find(|form| form.form_id.to_string() == form_id)
            .map_or_else(|| form_id.to_owned(), |form| form.title.de.clone())
    };
    let department = |form_id: &str| {
        let key = form_departments
            .iter()
            .find(|(id, _)| id == form_id)
            .and_then(|(_, key)| key.clone())?;
        Some(
            departments
                .iter()
                .find(|department| department.key == key)
                .map_or(key, |department| department.name.de.clone()),
        )
    };

    let mut monthly: BTreeMap<(String, String), u64> = BTreeMap::new();
    let mut durations: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut statuses: BTreeMap<&str, u64> = BTreeMap::new();
    for (form_id, received_at_ms, status, finished_at_ms) in &facts {
        let month = zone
            .timestamp_millis_opt(*received_at_ms)
            .single()
            .map(|time| time.format("%Y-%m").to_string())
            .unwrap_or_default();
        *monthly.entry((month, form_id.clone())).or_default() += 1;
        *statuses.entry(status.as_str()).or_default() += 1;
        if let (Some(finished), "completed") = (finished_at_ms, status.as_str()) {
            #[allow(clippy::cast_precision_loss, reason = "milliseconds to hours")]
            let hours = (finished - received_at_ms) as f64 / 3_600_000.0;
            durations.entry(form_id.clone()).or_default().push(hours);
        }
    }
    let services = db::catalogue::fetch_services(&state.db).await?;
    let count = |availability: Availability| {
        services
            .iter()
            .filter(|service| service.availability == availability)
            .count() as u64
    };
    let appointments = crate::booking::figures(&state, &account, from, to).await?;
    Ok(Json(KeyFigures {
        appointments,
        from: from.to_string(),
        to: to.to_string(),
        monthly: monthly
            .into_iter()
            .map(|((month, form_id), count)| MonthlyCount {
                month,
                form: title(&form_id),
                department: department(&form_id),
                count,
            })
            .collect(),
        processing: durations
            .into_iter()
            .map(|(form_id, mut hours)| {
                hours.sort_by(f64::total_cmp);
                ProcessingTime {
                    form: title(&form_id),
                    completed: hours.len() as u64,
                    median_hours: percentile(&hours, 0.5),
                    p90_hours: percentile(&hours, 0.9),
                }
            })
            .collect(),
        statuses: ProcessingStatus::ALL
            .into_iter()
            .map(|status| StatusCount {
                status,
                count: statuses.get(status.name()).copied().unwrap_or_default(),
            })
            .collect(),
        online: OnlineShare {
            online: count(Availability::Online),
            partly: count(Availability::Partly),
            in_person: count(Availability::InPerson),
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let hours = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
        assert!((percentile(&hours, 0.5) - 5.0).abs() < f64::EPSILON);
        assert!((percentile(&hours, 0.9) - 9.0).abs() < f64::EPSILON);
        assert!((percentile(&[4.0], 0.9) - 4.0).abs() < f64::EPSILON);
        assert!(percentile(&[], 0.5).abs() < f64::EPSILON);
    }
}
