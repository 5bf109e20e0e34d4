//! Appointments (issue 7): citizens book with a proof of work and double opt-in, move and
//! cancel; staff check in, mark no-shows, book at the counter and close days; capacity holds
//! under 100 concurrent requests from two instances; holds expire; personal data is
//! anonymised; admins configure locations.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Method, Request, StatusCode, header};
use backend::booking::{JobReport, run_due};
use backend::mail::deliver_due;
use chrono::Duration;
use mail_parser::{MessageParser, MimeHeaders};
use serde_json::json;
use shared::api::ErrorCode;
use shared::api::booking::{
    ActivationSent, BookingOffer, BookingStatus, BookingView, CheckIn, Closure, ClosureResult,
    Concern, ContactDetails, DayView, HeldSlot, HoldRequest, Interval, LocationConfig, MoveRequest,
    PowChallenge, SlotList, SpecialDays, StaffBooking, StaffBookingRequest, TokenRequest,
};
use shared::api::editor::StaffRole;
use shared::api::paths;
use shared::{CalendarDate, Lang};
use tower::ServiceExt;

use backend::db::appointments;

use crate::helpers::{TestApp, TestResponse, on_both_engines};
use crate::smtp_sink::SmtpSink;

on_both_engines!(
    citizens_book_with_double_opt_in_then_move_and_cancel,
    a_hundred_concurrent_holds_on_two_instances_get_exactly_one_desk,
    holds_and_unconfirmed_bookings_expire_and_free_the_slot,
    the_proof_of_work_and_the_limits_guard_the_holds,
    staff_check_in_mark_no_shows_book_at_the_counter_and_close_days,
    reminders_go_out_once_and_personal_data_is_anonymised,
    admins_get_clear_problems_for_inconsistent_locations,
    people_see_and_erase_their_appointments_and_key_figures_count_them,
    racing_cancellations_expiries_and_activations_give_capacity_back_once,
);

const ADMIN: &str = "admin@example.org";
const PASSWORD: &str = "Admin-Passwort-2026";
const LOCATION: &str = "buergerbuero-test";
/// Wednesday after the test start (Monday 23 November 2026, 11:00 in Berlin).
const DAY: &str = "2026-11-25";

fn day() -> CalendarDate {
    DAY.parse().unwrap()
}

fn time(text: &str) -> shared::api::booking::TimeOfDay {
    text.parse().unwrap()
}

fn concerns() -> Vec<Concern> {
    vec![
        Concern {
            service: "personalausweis-beantragen".parse().unwrap(),
            count: 2,
        },
        Concern {
            service: "meldebescheinigung-beantragen".parse().unwrap(),
            count: 1,
        },
    ]
}

/// A location open Monday to Friday 08:00–12:00 with one online desk and `staff_desks`.
fn location(staff_desks: u16) -> LocationConfig {
    let morning = vec![Interval {
        from: time("08:00"),
        to: time("12:00"),
    }];
    serde_json::from_value(json!({
        "info": {
            "slug": LOCATION,
            "name": { "de": "Bürgerbüro Test", "en": "Citizens' Office Test" },
            "street": "Rathausplatz 1",
            "city": "12345 Musterstadt",
            "accessibility": { "de": "Stufenloser Zugang" },
            "directions": { "de": "Bus 1 bis Rathaus" }
        },
        "department": "buergerbuero",
        "services": [
            { "service": "personalausweis-beantragen", "minutes": 15, "max_count": 5 },
            { "service": "meldebescheinigung-beantragen", "minutes": 5, "max_count": 3 }
        ],
        "weekly": [morning, morning, morning, morning, morning, [], []],
        "desks_online": 1,
        "desks_staff": staff_desks,
        "step_minutes": 10,
        "min_notice_hours": 2,
        "max_days_ahead": 30,
        "cutoff_hours": 24,
        "reminder_hours": 24
    }))
    .unwrap()
}

/// The demo catalogue, an admin, and the test location; returns the admin's cookie.
async fn set_up(app: &TestApp, staff_desks: u16) -> String {
    let catalogue = backend::catalogue::parse(include_str!("../../demo/services.json")).unwrap();
    backend::catalogue::import(&app.db, &catalogue)
        .await
        .unwrap();
    app.create_account(ADMIN, "Ada Admin", PASSWORD, StaffRole::Admin)
        .await;
    let cookie = app.login(ADMIN, PASSWORD).await;
    let path = paths::admin_location(paths::ADMIN_LOCATION, &LOCATION.parse().unwrap());
    let response = app
        .send_json(Method::PUT, &path, &location(staff_desks), Some(&cookie))
        .await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    cookie
}

async fn app_with_mail(app: TestApp, sink: &SmtpSink) -> TestApp {
    let url = sink.url.clone();
    app.respawn_with(move |config| {
        config.smtp_url = Some(url);
        config.mail_from = "Stadt Musterstadt <buergerportal@musterstadt.example>".into();
        config.public_url = Some("https://buergerportal.musterstadt.example".into());
    })
    .await
}

async fn slots(app: &TestApp) -> SlotList {
    let path = paths::appointment_slots(
        &concerns(),
        Some(&LOCATION.parse().unwrap()),
        "2026-11-23".parse().unwrap(),
        14,
    );
    let response = app.get(&path, None).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

fn starts_on(list: &SlotList, date: CalendarDate) -> Vec<String> {
    list.days
        .iter()
        .filter(|day| day.date == date)
        .flat_map(|day| day.locations.iter())
        .flat_map(|location| location.starts.iter().map(ToString::to_string))
        .collect()
}

async fn challenge(router: &axum::Router) -> (String, u64) {
    let response = router
        .clone()
        .oneshot(
            Request::get(paths::APPOINTMENT_CHALLENGE)
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = http_body_util::BodyExt::collect(response.into_body())
        .await
        .unwrap()
        .to_bytes();
    let challenge: PowChallenge = serde_json::from_slice(&bytes).unwrap();
    let nonce = shared::pow::solve(&challenge.challenge, challenge.difficulty);
    (challenge.challenge, nonce)
}

fn hold_request(start: &str, challenge: &(String, u64)) -> HoldRequest {
    HoldRequest {
        concerns: concerns(),
        location: LOCATION.parse().unwrap(),
        date: day(),
        start: time(start),
        challenge: challenge.0.clone(),
        nonce: challenge.1,
    }
}

async fn hold(app: &TestApp, start: &str) -> TestResponse {
    let solved = challenge(&app.router).await;
    app.send_json(
        Method::POST,
        paths::APPOINTMENT_HOLDS,
        &hold_request(start, &solved),
        None,
    )
    .await
}

fn contact(hold_token: &str, email: &str) -> ContactDetails {
    ContactDetails {
        hold_token: hold_token.to_owned(),
        name: "Erika Mustermann".into(),
        email: email.into(),
        phone: Some("+49 30 1234567".into()),
        privacy_acknowledged: true,
        language: Lang::De,
    }
}

/// Holds `start` and gives the contact details; the hold token.
async fn request(app: &TestApp, start: &str, email: &str) -> String {
    let response = hold(app, start).await;
    assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    let held: HeldSlot = response.json();
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_REQUESTS,
            &contact(&held.hold_token, email),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.text());
    held.hold_token
}

/// The secret after `marker` in the plain text of the last message the sink received.
fn link_token(sink: &SmtpSink, marker: &str) -> (String, String) {
    let received = sink.received();
    let last = received.last().expect("a message");
    let message = MessageParser::default()
        .parse(last.data.as_bytes())
        .unwrap();
    let text = message.body_text(0).unwrap().into_owned();
    let token = text
        .split_once(marker)
        .map(|(_, rest)| {
            rest.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect::<String>()
        })
        .unwrap_or_else(|| panic!("no {marker} in {text}"));
    (
        token,
        String::from_utf8_lossy(last.data.as_bytes()).into_owned(),
    )
}

async fn post_token(app: &TestApp, path: &str, token: &str) -> TestResponse {
    app.send_json(
        Method::POST,
        path,
        &TokenRequest {
            token: token.to_owned(),
        },
        None,
    )
    .await
}

async fn citizens_book_with_double_opt_in_then_move_and_cancel(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    set_up(&app, 0).await;

    // The offer names the service with its location and duration.
    let offer: BookingOffer = app.get(paths::APPOINTMENTS, None).await.json();
    let passport = offer
        .services
        .iter()
        .find(|service| service.slug.as_str() == "personalausweis-beantragen")
        .expect("bookable");
    assert_eq!(passport.locations[0].minutes, 15);
    assert!(
        !passport.documents.is_empty(),
        "the checklist comes from the catalogue"
    );

    // 2 × 15 + 5 minutes from 08:00 in steps of 10 that end by 12:00; nothing today (the
    // two hours' notice reaches past closing time) and nothing at the weekend.
    let list = slots(&app).await;
    assert_eq!(list.days[0].locations[0].minutes, 35);
    let wednesday = starts_on(&list, day());
    assert_eq!(wednesday.first().map(String::as_str), Some("08:00"));
    assert_eq!(wednesday.last().map(String::as_str), Some("11:20"));
    assert!(starts_on(&list, "2026-11-23".parse().unwrap()).is_empty());
    assert!(starts_on(&list, "2026-11-28".parse().unwrap()).is_empty());

    // Hold 09:00; it is gone for others at once.
    let held: HeldSlot = {
        let response = hold(&app, "09:00").await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
        response.json()
    };
    assert_eq!(held.minutes, 35);
    assert!(!starts_on(&slots(&app).await, day()).contains(&"09:00".to_owned()));
    let taken = hold(&app, "09:00").await;
    assert_eq!(taken.status, StatusCode::CONFLICT);
    assert_eq!(taken.error().code, ErrorCode::SlotTaken);
    // 08:30 would run into 09:00 with 35 minutes; 09:40 is free again.
    assert_eq!(hold(&app, "08:30").await.status, StatusCode::CONFLICT);

    // Contact details: the activation link goes out; the booking does not count yet.
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_REQUESTS,
            &contact(&held.hold_token, "erika@example.org"),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::ACCEPTED, "{}", response.text());
    let sent: ActivationSent = response.json();
    assert_eq!(sent.valid_minutes, 30);
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let (activation, raw) = link_token(
        &sink,
        "https://buergerportal.musterstadt.example/termine/aktivieren#",
    );
    let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
    assert_eq!(message.subject(), Some("Bitte bestätigen Sie Ihren Termin"));
    let text = message.body_text(0).unwrap();
    assert!(text.contains("innerhalb von 30 Minuten"), "{text}");
    assert!(text.contains("Mittwoch, 25.11.2026, 09:00 Uhr"), "{text}");

    // Activation confirms; a second click shows the same booking.
    let response = post_token(&app, paths::APPOINTMENT_ACTIVATE, &activation).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    let booked: BookingView = response.json();
    assert_eq!(booked.status, BookingStatus::Confirmed);
    assert_eq!(booked.start.to_string(), "09:00");
    assert_eq!(booked.concerns.len(), 2);
    assert!(booked.changeable);
    assert!(booked.code_qr_svg.starts_with("data:image/svg+xml;base64,"));
    assert!(!booked.documents.is_empty());
    let office = booked.office.as_ref().expect("the office's contact");
    assert_eq!(office.name.de, "Bürgerbüro");
    assert!(!office.phone.is_empty() && office.email.contains('@'));
    let again: BookingView = post_token(&app, paths::APPOINTMENT_ACTIVATE, &activation)
        .await
        .json();
    assert_eq!(again.code, booked.code);
    // The confirmation page offers the calendar file with the activation token it has.
    let file = post_token(&app, paths::APPOINTMENT_CALENDAR, &activation).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.text().contains("DTSTART:20261125T080000Z"));

    // The confirmation carries the code, a calendar file and the manage link.
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let (manage, raw) = link_token(
        &sink,
        "https://buergerportal.musterstadt.example/termine/verwalten#",
    );
    let message = MessageParser::default().parse(raw.as_bytes()).unwrap();
    let text = message.body_text(0).unwrap();
    assert!(text.contains(&booked.code.grouped()), "{text}");
    let calendar = message
        .attachments()
        .find(|part| part.attachment_name() == Some("termin.ics"))
        .expect("the calendar file");
    let ics = String::from_utf8_lossy(calendar.contents()).into_owned();
    // 09:00 in Berlin is 08:00 UTC in November.
    assert!(ics.contains("DTSTART:20261125T080000Z"), "{ics}");
    assert!(ics.contains("DTEND:20261125T083500Z"), "{ics}");

    // The manage link shows it, gives the calendar file and moves it.
    let managed: BookingView = post_token(&app, paths::APPOINTMENT_MANAGE, &manage)
        .await
        .json();
    assert_eq!(managed.code, booked.code);
    let file = post_token(&app, paths::APPOINTMENT_CALENDAR, &manage).await;
    assert_eq!(file.status, StatusCode::OK);
    assert!(file.text().contains("BEGIN:VEVENT"));
    let moved = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_MOVE,
            &MoveRequest {
                token: manage.clone(),
                location: LOCATION.parse().unwrap(),
                date: day(),
                start: time("09:10"),
            },
            None,
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.text());
    let moved: BookingView = moved.json();
    assert_eq!(moved.start.to_string(), "09:10");
    let free = starts_on(&slots(&app).await, day());
    assert!(!free.contains(&"09:10".to_owned()));
    assert!(free.contains(&"08:00".to_owned()));
    assert!(
        !free.contains(&"09:00".to_owned()),
        "09:00 + 35 runs into 09:10"
    );
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    assert!(
        link_token(&sink, "/termine/verwalten#")
            .1
            .contains("verschoben")
    );

    // Cancel: the time is free again and the citizen is told.
    let cancelled: BookingView = post_token(&app, paths::APPOINTMENT_CANCEL, &manage)
        .await
        .json();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert!(starts_on(&slots(&app).await, day()).contains(&"09:10".to_owned()));
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let last = sink.received().pop().unwrap();
    let message = MessageParser::default()
        .parse(last.data.as_bytes())
        .unwrap();
    assert!(message.subject().unwrap().starts_with("Termin abgesagt"));
    // A second cancel changes nothing; an unknown token finds nothing.
    assert_eq!(
        post_token(&app, paths::APPOINTMENT_CANCEL, &manage)
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        post_token(&app, paths::APPOINTMENT_MANAGE, "not-a-token")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

async fn a_hundred_concurrent_holds_on_two_instances_get_exactly_one_desk(app: TestApp) {
    set_up(&app, 0).await;
    let second = app.second_instance().await;
    // One challenge serves all (they come from one address); the work is checked per request.
    let solved = challenge(&app.router).await;
    let body = serde_json::to_vec(&hold_request("10:00", &solved)).unwrap();
    let mut tasks = Vec::new();
    for index in 0..100 {
        let router = if index % 2 == 0 {
            app.router.clone()
        } else {
            second.clone()
        };
        let body = body.clone();
        tasks.push(tokio::spawn(async move {
            let response = router
                .oneshot(
                    Request::post(paths::APPOINTMENT_HOLDS)
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(Body::from(body))
                        .unwrap(),
                )
                .await
                .unwrap();
            let status = response.status();
            let bytes = http_body_util::BodyExt::collect(response.into_body())
                .await
                .unwrap()
                .to_bytes();
            (status, bytes)
        }));
    }
    let mut created = 0;
    let mut conflicts = 0;
    for task in tasks {
        let (status, bytes) = task.await.unwrap();
        match status {
            StatusCode::CREATED => created += 1,
            StatusCode::CONFLICT => {
                conflicts += 1;
                let error: shared::api::ErrorBody = serde_json::from_slice(&bytes).unwrap();
                assert_eq!(error.code, ErrorCode::SlotTaken);
                assert!(
                    error.message.contains("gerade vergeben"),
                    "{}",
                    error.message
                );
            }
            other => panic!("unexpected {other}: {}", String::from_utf8_lossy(&bytes)),
        }
    }
    assert_eq!((created, conflicts), (1, 99));
    // Nothing half-written: one booking row, and every unit of its 35 minutes counted once.
    assert_eq!(
        appointments::status_counts(&app.db).await.unwrap(),
        [("held".to_owned(), 1)]
    );
    let units = appointments::unit_loads(&app.db).await.unwrap();
    assert_eq!(units.len(), 7, "35 minutes are seven 5-minute units");
    assert!(units.iter().all(|unit| *unit == (1, 1)), "{units:?}");
}

async fn holds_and_unconfirmed_bookings_expire_and_free_the_slot(app: TestApp) {
    set_up(&app, 0).await;
    let response = hold(&app, "08:00").await;
    let held: HeldSlot = response.json();
    assert!(!starts_on(&slots(&app).await, day()).contains(&"08:00".to_owned()));

    // Ten minutes later the hold has run out: the slot is free, the contact step says so.
    app.clock.set(app.clock_now() + Duration::minutes(11));
    assert!(starts_on(&slots(&app).await, day()).contains(&"08:00".to_owned()));
    assert_eq!(
        run_due(&app.state).await.unwrap(),
        JobReport {
            expired: 1,
            reminded: 0,
            anonymised: 0
        }
    );
    let late = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_REQUESTS,
            &contact(&held.hold_token, "erika@example.org"),
            None,
        )
        .await;
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(late.error().code, ErrorCode::HoldExpired);

    // An unconfirmed booking holds the slot for the activation time, then frees it; a late
    // activation is refused rather than booking twice.
    request(&app, "08:00", "erika@example.org").await;
    assert!(!starts_on(&slots(&app).await, day()).contains(&"08:00".to_owned()));
    app.clock.set(app.clock_now() + Duration::minutes(31));
    assert_eq!(run_due(&app.state).await.unwrap().expired, 1);
    assert!(starts_on(&slots(&app).await, day()).contains(&"08:00".to_owned()));
    // The slot can be held again and its counter is back to one.
    assert_eq!(hold(&app, "08:00").await.status, StatusCode::CREATED);
    let loads = appointments::unit_loads(&app.db).await.unwrap();
    assert!(
        loads.iter().all(|load| *load == (0, 0) || *load == (1, 1)),
        "{loads:?}"
    );
    assert_eq!(loads.iter().filter(|load| **load == (1, 1)).count(), 7);
    // Giving a hold back frees it at once.
    let held: HeldSlot = hold(&app, "10:00").await.json();
    let released = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_RELEASE,
            &TokenRequest {
                token: held.hold_token,
            },
            None,
        )
        .await;
    assert_eq!(released.status, StatusCode::NO_CONTENT);
    assert!(starts_on(&slots(&app).await, day()).contains(&"10:00".to_owned()));
}

async fn the_proof_of_work_and_the_limits_guard_the_holds(app: TestApp) {
    let app = app
        .respawn_with(|config| {
            config.booking_holds_per_ip = 2;
            config.booking_limit_per_email = 1;
        })
        .await;
    set_up(&app, 0).await;
    // No work, or work for another challenge: refused before anything is held.
    let (challenge_text, nonce) = challenge(&app.router).await;
    let wrong = (0..)
        .find(|candidate| !shared::pow::meets(&challenge_text, *candidate, 4))
        .unwrap();
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_HOLDS,
            &hold_request("08:00", &(challenge_text.clone(), wrong)),
            None,
        )
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.error().code, ErrorCode::ProofOfWorkFailed);
    let forged = challenge_text.replacen(".4.", ".0.", 1);
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_HOLDS,
            &hold_request("08:00", &(forged, 0)),
            None,
        )
        .await;
    assert_eq!(response.error().code, ErrorCode::ProofOfWorkFailed);
    // A challenge runs out after five minutes.
    app.clock.set(app.clock_now() + Duration::minutes(6));
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_HOLDS,
            &hold_request("08:00", &(challenge_text, nonce)),
            None,
        )
        .await;
    assert_eq!(response.error().code, ErrorCode::ProofOfWorkFailed);

    // Times outside the hours, off the step grid or past the window are not bookable.
    for start in ["07:00", "11:50", "08:05"] {
        let response = hold(&app, start).await;
        assert_eq!(response.error().code, ErrorCode::InvalidBooking, "{start}");
    }

    // Per address: two holds at once, the third is refused.
    let from_address = |start: &str, solved: &(String, u64)| {
        let mut request = Request::post(paths::APPOINTMENT_HOLDS)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                serde_json::to_vec(&hold_request(start, solved)).unwrap(),
            ))
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((
                [198, 51, 100, 7],
                40000,
            ))));
        request
    };
    let solved = {
        let mut request = Request::get(paths::APPOINTMENT_CHALLENGE)
            .body(Body::empty())
            .unwrap();
        request
            .extensions_mut()
            .insert(ConnectInfo(std::net::SocketAddr::from((
                [198, 51, 100, 7],
                40000,
            ))));
        let challenge: PowChallenge = app.request(request).await.json();
        let nonce = shared::pow::solve(&challenge.challenge, challenge.difficulty);
        (challenge.challenge, nonce)
    };
    // The challenge belongs to its address: another connection cannot use it.
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_HOLDS,
            &hold_request("08:00", &solved),
            None,
        )
        .await;
    assert_eq!(response.error().code, ErrorCode::ProofOfWorkFailed);
    for start in ["08:00", "09:00"] {
        let response = app.request(from_address(start, &solved)).await;
        assert_eq!(response.status, StatusCode::CREATED, "{}", response.text());
    }
    let response = app.request(from_address("10:00", &solved)).await;
    assert_eq!(response.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.error().code, ErrorCode::BookingLimitReached);

    // Per e-mail address: one upcoming appointment (the limit here), the second is refused.
    request(&app, "10:30", "erika@example.org").await;
    let held: HeldSlot = hold(&app, "11:10").await.json();
    let response = app
        .send_json(
            Method::POST,
            paths::APPOINTMENT_REQUESTS,
            &contact(&held.hold_token, "Erika@Example.org "),
            None,
        )
        .await;
    assert_eq!(response.error().code, ErrorCode::BookingLimitReached);
    // Bad contact details are refused with their own code.
    let mut bad = contact(&held.hold_token, "not an address");
    let response = app
        .send_json(Method::POST, paths::APPOINTMENT_REQUESTS, &bad, None)
        .await;
    assert_eq!(response.error().code, ErrorCode::InvalidContact);
    bad.email = "anna@example.org".into();
    bad.privacy_acknowledged = false;
    let response = app
        .send_json(Method::POST, paths::APPOINTMENT_REQUESTS, &bad, None)
        .await;
    assert_eq!(response.error().code, ErrorCode::PrivacyNotAcknowledged);
}

/// Books `start` online through the activation link from the e-mail; the booking view.
async fn book_online(app: &TestApp, sink: &SmtpSink, start: &str, email: &str) -> BookingView {
    request(app, start, email).await;
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let (token, _) = link_token(sink, "/termine/aktivieren#");
    let response = post_token(app, paths::APPOINTMENT_ACTIVATE, &token).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    assert_eq!(
        deliver_due(&app.state).await.unwrap().sent,
        1,
        "the confirmation"
    );
    response.json()
}

async fn day_view(app: &TestApp, cookie: &str) -> DayView {
    let path = paths::staff_appointment_day(
        paths::STAFF_APPOINTMENT_DAY,
        &LOCATION.parse().unwrap(),
        day(),
    );
    let response = app.get(&path, Some(cookie)).await;
    assert_eq!(response.status, StatusCode::OK, "{}", response.text());
    response.json()
}

async fn staff_check_in_mark_no_shows_book_at_the_counter_and_close_days(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    let admin = set_up(&app, 1).await;
    let first = book_online(&app, &sink, "08:00", "erika@example.org").await;
    let second = book_online(&app, &sink, "09:00", "max@example.org").await;
    let third = book_online(&app, &sink, "11:00", "anna@example.org").await;
    let before = sink.received().len();

    // A case worker of the Bürgerbüro sees the day; one of another department does not.
    app.create_account(
        "sb@example.org",
        "Sam Sachbearbeitung",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    backend::auth::add_to_department(&app.db, "sb@example.org", "buergerbuero")
        .await
        .unwrap();
    app.create_account(
        "other@example.org",
        "Olga Andere",
        PASSWORD,
        StaffRole::Staff,
    )
    .await;
    backend::auth::add_to_department(&app.db, "other@example.org", "standesamt")
        .await
        .unwrap();
    let staff = app.login("sb@example.org", PASSWORD).await;
    let other = app.login("other@example.org", PASSWORD).await;
    let view = day_view(&app, &staff).await;
    assert_eq!(view.bookings.len(), 3);
    assert_eq!(view.bookings[0].name, "Erika Mustermann");
    let path = paths::staff_appointment_day(
        paths::STAFF_APPOINTMENT_DAY,
        &LOCATION.parse().unwrap(),
        day(),
    );
    assert_eq!(
        app.get(&path, Some(&other)).await.status,
        StatusCode::NOT_FOUND
    );
    let locations = app
        .get(paths::STAFF_APPOINTMENT_LOCATIONS, Some(&other))
        .await;
    assert_eq!(locations.text(), "[]");

    // The staff-only desk takes a counter booking at a time the online desk has taken.
    let counter = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENTS,
            &StaffBookingRequest {
                concerns: vec![Concern {
                    service: "meldebescheinigung-beantragen".parse().unwrap(),
                    count: 1,
                }],
                location: LOCATION.parse().unwrap(),
                date: day(),
                start: time("08:05"),
                name: "Karl Theke".into(),
                email: None,
                phone: None,
            },
            Some(&staff),
        )
        .await;
    assert_eq!(counter.status, StatusCode::CREATED, "{}", counter.text());
    let counter: StaffBooking = counter.json();
    assert!(counter.by_staff);

    // Check-in only on the day, by the code as typed.
    let typed = first.code.grouped().to_lowercase();
    let early = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENT_CHECK_IN,
            &CheckIn {
                code: typed.clone(),
            },
            Some(&staff),
        )
        .await;
    assert_eq!(early.error().code, ErrorCode::CheckInRefused);
    app.clock.set(app.clock_now() + Duration::days(2));
    let staff = app.login("sb@example.org", PASSWORD).await;
    let checked: StaffBooking = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENT_CHECK_IN,
            &CheckIn { code: typed },
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(checked.status, BookingStatus::CheckedIn);
    let unknown = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENT_CHECK_IN,
            &CheckIn {
                code: "ZZZZ-ZZZZ".into(),
            },
            Some(&staff),
        )
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let view = day_view(&app, &staff).await;
    let second_id = &view
        .bookings
        .iter()
        .find(|booking| booking.code == second.code)
        .unwrap()
        .id;
    let no_show: StaffBooking = app
        .send_json(
            Method::POST,
            &paths::staff_appointment_no_show(second_id),
            &json!({}),
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(no_show.status, BookingStatus::NoShow);

    // The day as CSV and iCalendar.
    let csv = app
        .get(
            &paths::staff_appointment_day(
                paths::STAFF_APPOINTMENT_DAY_CSV,
                &LOCATION.parse().unwrap(),
                day(),
            ),
            Some(&staff),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    let csv_text = csv.text();
    assert!(csv_text.contains("Erika Mustermann"), "{csv_text}");
    assert!(csv_text.contains("Erschienen"), "{csv_text}");
    assert!(csv_text.contains("Nicht erschienen"), "{csv_text}");
    let ics = app
        .get(
            &paths::staff_appointment_day(
                paths::STAFF_APPOINTMENT_DAY_ICS,
                &LOCATION.parse().unwrap(),
                day(),
            ),
            Some(&staff),
        )
        .await
        .text();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 3, "{ics}");

    // Closing 10:30–12:00 cancels the 11:00 booking and tells its citizen; the rest stays.
    let closed: ClosureResult = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENT_CLOSURES,
            &Closure {
                location: LOCATION.parse().unwrap(),
                date: day(),
                part: Some(Interval {
                    from: time("10:30"),
                    to: time("12:00"),
                }),
                reason: "Betriebsversammlung".into(),
            },
            Some(&staff),
        )
        .await
        .json();
    assert_eq!(closed.cancelled, 1);
    assert_eq!(
        closed.hours,
        vec![Interval {
            from: time("08:00"),
            to: time("10:30")
        }]
    );
    let view = day_view(&app, &staff).await;
    let cancelled = view
        .bookings
        .iter()
        .find(|booking| booking.code == third.code)
        .unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(view.note.as_deref(), Some("Betriebsversammlung"));
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let notice = sink.received().pop().unwrap();
    assert_eq!(notice.recipients, ["anna@example.org"]);
    assert!(notice.data.contains("Betriebsversammlung"));
    assert_eq!(sink.received().len(), before + 1);

    // Admins see the special day and can remove it again.
    let days_path = paths::admin_location(paths::ADMIN_LOCATION_DAYS, &LOCATION.parse().unwrap());
    // (Sessions end after eight hours: the clock moved two days.)
    assert_eq!(
        app.get(&days_path, Some(&admin)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let admin = app.login(ADMIN, PASSWORD).await;
    let days: SpecialDays = app.get(&days_path, Some(&admin)).await.json();
    assert_eq!(days.days.len(), 1);
    let cleared: SpecialDays = app
        .send_json(
            Method::PUT,
            &days_path,
            &SpecialDays { days: Vec::new() },
            Some(&admin),
        )
        .await
        .json();
    assert!(cleared.days.is_empty());

    // Every look at and change of the day is in the audit log, with the case worker's name.
    let audit = |action: &'static str| {
        let app = &app;
        let admin = admin.clone();
        async move {
            let page: shared::api::audit::AuditPage = app
                .get(
                    &format!("{}?action={action}", paths::ADMIN_AUDIT),
                    Some(&admin),
                )
                .await
                .json();
            page.entries
        }
    };
    let changed = audit("appointment_changed").await;
    let details: Vec<&str> = changed.iter().map(|entry| entry.details.as_str()).collect();
    assert_eq!(
        details,
        ["closed, 1 cancelled", "no_show", "checked_in", "booked"],
        "newest first"
    );
    assert!(changed[2].actor.contains("sb@example.org"));
    assert_eq!(changed[2].subject, first.code.grouped());
    assert!(!audit("appointments_viewed").await.is_empty());
    assert_eq!(audit("appointments_exported").await.len(), 2);
    assert_eq!(
        audit("location_changed").await.len(),
        2,
        "set-up and the cleared days"
    );
}

async fn reminders_go_out_once_and_personal_data_is_anonymised(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    set_up(&app, 0).await;
    let booked = book_online(&app, &sink, "09:00", "erika@example.org").await;
    let before = sink.received().len();
    // Not yet: 09:00 on Wednesday is more than 24 hours away on Monday.
    assert_eq!(run_due(&app.state).await.unwrap().reminded, 0);
    // Tuesday 09:30 Berlin: within 24 hours. Once.
    app.clock
        .set(app.clock_now() + Duration::hours(22) + Duration::minutes(30));
    assert_eq!(run_due(&app.state).await.unwrap().reminded, 1);
    assert_eq!(run_due(&app.state).await.unwrap().reminded, 0);
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let reminder = sink.received().pop().unwrap();
    let message = MessageParser::default()
        .parse(reminder.data.as_bytes())
        .unwrap();
    assert!(message.subject().unwrap().starts_with("Erinnerung"));
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains(&booked.code.grouped())
    );
    assert_eq!(sink.received().len(), before + 1);

    // 30 days after the appointment its personal data goes; the booking stays for statistics.
    app.clock.set(app.clock_now() + Duration::days(32));
    let report = run_due(&app.state).await.unwrap();
    assert_eq!(report.anonymised, 1);
    assert_eq!(run_due(&app.state).await.unwrap().anonymised, 0);
    let admin = app.login(ADMIN, PASSWORD).await;
    let view = day_view(&app, &admin).await;
    assert_eq!(view.bookings.len(), 1);
    assert_eq!(view.bookings[0].name, "");
    assert_eq!(view.bookings[0].email, None);
    assert_eq!(view.bookings[0].phone, None);
    assert_eq!(view.bookings[0].status, BookingStatus::Confirmed);
}

async fn admins_get_clear_problems_for_inconsistent_locations(app: TestApp) {
    let admin = set_up(&app, 0).await;
    let mut config = location(0);
    config.services[0].minutes = 7;
    config.step_minutes = 0;
    config.department = "gibt-es-nicht".into();
    config.weekly[0] = vec![Interval {
        from: time("12:00"),
        to: time("08:00"),
    }];
    let path = paths::admin_location(paths::ADMIN_LOCATION, &LOCATION.parse().unwrap());
    let response = app
        .send_json(Method::PUT, &path, &config, Some(&admin))
        .await;
    assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    let error = response.error();
    assert_eq!(error.code, ErrorCode::InvalidLocation);
    let places: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(
        places,
        [
            "department",
            "services[0].minutes",
            "weekly[0]",
            "step_minutes"
        ]
    );
    // Case workers cannot change locations.
    app.create_account("sb@example.org", "Sam", PASSWORD, StaffRole::Staff)
        .await;
    let staff = app.login("sb@example.org", PASSWORD).await;
    let response = app
        .send_json(Method::PUT, &path, &location(0), Some(&staff))
        .await;
    assert_eq!(response.status, StatusCode::FORBIDDEN);
    // The stored location is unchanged and listed.
    let listed: Vec<LocationConfig> = app.get(paths::ADMIN_LOCATIONS, Some(&admin)).await.json();
    assert_eq!(listed, vec![location(0)]);
}

async fn people_see_and_erase_their_appointments_and_key_figures_count_them(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    let admin = set_up(&app, 1).await;
    book_online(&app, &sink, "08:00", "erika@example.org").await;
    let second = book_online(&app, &sink, "10:00", "erika@example.org").await;
    book_online(&app, &sink, "11:00", "max@example.org").await;
    let counter = app
        .send_json(
            Method::POST,
            paths::STAFF_APPOINTMENTS,
            &StaffBookingRequest {
                concerns: concerns(),
                location: LOCATION.parse().unwrap(),
                date: day(),
                start: time("08:00"),
                name: "Karl Theke".into(),
                email: None,
                phone: Some("030 123".into()),
            },
            Some(&admin),
        )
        .await;
    assert_eq!(counter.status, StatusCode::CREATED, "{}", counter.text());
    // Max cancels his.
    let max_manage = {
        let received = sink.received();
        let confirmation = received
            .iter()
            .rev()
            .find(|mail| mail.recipients == ["max@example.org"])
            .unwrap();
        let message = MessageParser::default()
            .parse(confirmation.data.as_bytes())
            .unwrap();
        let text = message.body_text(0).unwrap().into_owned();
        text.split_once("/termine/verwalten#")
            .unwrap()
            .1
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    };
    let cancelled = post_token(&app, paths::APPOINTMENT_CANCEL, &max_manage).await;
    assert_eq!(cancelled.status, StatusCode::OK, "{}", cancelled.text());

    // Key figures: four booked, one of them cancelled, one by staff.
    let figures: shared::api::KeyFigures = app
        .get(
            &format!("{}?from=2026-11-01&to=2026-11-30", paths::STAFF_FIGURES),
            Some(&admin),
        )
        .await
        .json();
    assert_eq!(
        figures.appointments,
        vec![shared::api::AppointmentCount {
            month: "2026-11".into(),
            location: "Bürgerbüro Test".into(),
            booked: 3,
            online: 2,
            checked_in: 0,
            no_show: 0,
            cancelled: 1,
        }]
    );

    // Art. 15: the admin finds Erika's two appointments and gets them in the copy.
    let person = format!("{}?email=Erika@example.org", paths::ADMIN_PERSONS);
    let data: shared::api::PersonData = app.get(&person, Some(&admin)).await.json();
    assert_eq!(data.bookings.len(), 2);
    assert!(
        data.bookings
            .iter()
            .any(|booking| booking.code == second.code)
    );
    let export = app
        .get(
            &format!("{}?email=erika@example.org", paths::ADMIN_PERSON_EXPORT),
            Some(&admin),
        )
        .await;
    assert_eq!(export.status, StatusCode::OK);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(export.body.clone())).unwrap();
    let mut json = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("termine.json").unwrap(), &mut json).unwrap();
    assert!(json.contains(second.code.as_str()), "{json}");

    // Art. 17: erased; the upcoming appointments are cancelled and their time is free.
    let erased: shared::api::PersonData = app
        .send_json(
            Method::POST,
            paths::ADMIN_PERSON_ERASE,
            &shared::api::ErasePerson {
                email: "erika@example.org".into(),
            },
            Some(&admin),
        )
        .await
        .json();
    assert!(erased.bookings.is_empty());
    assert!(starts_on(&slots(&app).await, day()).contains(&"10:00".to_owned()));
    let view = day_view(&app, &admin).await;
    assert!(
        view.bookings
            .iter()
            .all(|booking| booking.email.as_deref() != Some("erika@example.org")),
        "{view:?}"
    );
}

/// Sends `count` copies of a JSON POST, alternating between two instances, all at once; the
/// statuses.
async fn fire(
    app: &TestApp,
    second: &axum::Router,
    path: &'static str,
    body: &impl serde::Serialize,
    count: usize,
) -> Vec<StatusCode> {
    let body = serde_json::to_vec(body).unwrap();
    let tasks: Vec<_> = (0..count)
        .map(|index| {
            let router = if index % 2 == 0 {
                app.router.clone()
            } else {
                second.clone()
            };
            let body = body.clone();
            tokio::spawn(async move {
                router
                    .oneshot(
                        Request::post(path)
                            .header(header::CONTENT_TYPE, "application/json")
                            .body(Body::from(body))
                            .unwrap(),
                    )
                    .await
                    .unwrap()
                    .status()
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    statuses
}

async fn racing_cancellations_expiries_and_activations_give_capacity_back_once(app: TestApp) {
    let sink = SmtpSink::start().await;
    let app = app_with_mail(app, &sink).await;
    set_up(&app, 0).await;
    let second = app.second_instance().await;
    let free_units = |loads: Vec<(i64, i64)>| loads.iter().all(|load| *load == (0, 0));

    // Twenty cancellations of one booking at once: all see it cancelled, the desk comes back
    // once (a counter below zero would let two bookings share the desk later).
    book_online(&app, &sink, "09:00", "erika@example.org").await;
    let manage = {
        let received = sink.received();
        let message = MessageParser::default()
            .parse(received.last().unwrap().data.as_bytes())
            .unwrap();
        let text = message.body_text(0).unwrap().into_owned();
        text.split_once("/termine/verwalten#")
            .unwrap()
            .1
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned()
    };
    let statuses = fire(
        &app,
        &second,
        paths::APPOINTMENT_CANCEL,
        &TokenRequest { token: manage },
        20,
    )
    .await;
    assert!(
        statuses.iter().all(|status| *status == StatusCode::OK),
        "{statuses:?}"
    );
    assert!(free_units(appointments::unit_loads(&app.db).await.unwrap()));
    assert_eq!(
        deliver_due(&app.state).await.unwrap().sent,
        1,
        "one cancellation notice"
    );

    // An unconfirmed booking whose link ran out: the expiry job on both instances and the late
    // activation race; the link is refused and the desk comes back once.
    request(&app, "10:00", "max@example.org").await;
    assert_eq!(deliver_due(&app.state).await.unwrap().sent, 1);
    let (activation, _) = link_token(&sink, "/termine/aktivieren#");
    app.clock.set(app.clock_now() + Duration::minutes(31));
    let second_state = app.second_instance_state().await;
    let late = TokenRequest { token: activation };
    let (first_run, second_run, activations) = tokio::join!(
        run_due(&app.state),
        run_due(&second_state),
        fire(&app, &second, paths::APPOINTMENT_ACTIVATE, &late, 10,),
    );
    assert_eq!(first_run.unwrap().expired + second_run.unwrap().expired, 1);
    assert!(
        activations.iter().all(|status| *status == StatusCode::GONE),
        "{activations:?}"
    );
    assert!(free_units(appointments::unit_loads(&app.db).await.unwrap()));
    assert_eq!(
        appointments::status_counts(&app.db).await.unwrap(),
        [("cancelled".to_owned(), 1), ("expired".to_owned(), 1)]
    );
    // The freed desk takes exactly one new booking.
    assert_eq!(hold(&app, "10:00").await.status, StatusCode::CREATED);
    assert_eq!(hold(&app, "10:00").await.status, StatusCode::CONFLICT);
}
