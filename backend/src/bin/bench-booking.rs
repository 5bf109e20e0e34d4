//! Booking load benchmark (issue 7): concurrent clients book appointments against a real
//! server on loopback and the benchmark prints bookings per second and latencies, for SQLite
//! or, given a URL, PostgreSQL (`scripts/bench-booking` runs both).
//!
//! Each client keeps one HTTP/1.1 connection and repeats what a citizen's browser sends: a
//! proof-of-work challenge (solved at a low difficulty, so the clients' CPU does not hide the
//! server's), a hold on a free start picked at random, and the contact details. A hold that
//! loses a race (409) counts as a conflict and the client picks another start. Limits per
//! address are lifted: every client shares 127.0.0.1.
//!
//! Usage: `bench-booking <clients> <bookings> [postgres-url]`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use axum::body::Bytes;
use backend::app::{AppState, router};
use backend::clock::SystemClock;
use backend::config::Config;
use backend::db::{Db, PoolSizes};
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper_util::rt::TokioIo;
use serde::de::DeserializeOwned;
use shared::api::booking::{
    Concern, ContactDetails, HeldSlot, HoldRequest, PowChallenge, SlotList, TimeOfDay,
};
use shared::api::paths;
use shared::{CalendarDate, Lang};

const LOCATION: &str = "bench-buergerbuero";
const SERVICE: &str = "meldebescheinigung-beantragen";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let clients: usize = args.next().map(|v| v.parse()).transpose()?.unwrap_or(32);
    let bookings: usize = args.next().map(|v| v.parse()).transpose()?.unwrap_or(2000);
    let postgres = args.next();
    let dir = tempfile::tempdir()?;
    let (db, engine) = match &postgres {
        Some(url) => (
            Db::connect(
                url,
                PoolSizes {
                    max_connections: 16,
                },
            )
            .await?,
            "PostgreSQL",
        ),
        None => (
            Db::open_sqlite(&dir.path().join("bench.db"), PoolSizes::default()).await?,
            "SQLite",
        ),
    };
    db.migrate().await?;
    let catalogue = backend::catalogue::parse(include_str!("../../demo/services.json"))?;
    backend::catalogue::import(&db, &catalogue).await?;
    let mut config = Config::for_tests();
    config.data_dir = dir.path().join("data");
    config.booking_pow_difficulty = 8;
    config.booking_holds_per_ip = u32::MAX;
    config.booking_limit_per_email = u32::MAX;
    let state = AppState::new(db.clone(), config, Arc::new(SystemClock))?;
    backend::booking::bench_location(&state, LOCATION, SERVICE).await?;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let address = listener.local_addr()?;
    let app = router(state);
    tokio::spawn(async move {
        axum::serve(
            listener,
            app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });

    let concerns = vec![Concern {
        service: SERVICE.parse()?,
        count: 1,
    }];
    // The free starts of the next 60 days, as a citizen's calendar would show them.
    let mut setup = Client::connect(address).await?;
    let today = backend::clock::local_date(chrono::Utc::now(), chrono_tz::Europe::Berlin);
    let mut starts: Vec<(CalendarDate, TimeOfDay)> = Vec::new();
    for month in 0..2 {
        let from = today.add_days(month * 31);
        let list: SlotList = setup
            .get(&paths::appointment_slots(
                &concerns,
                Some(&LOCATION.parse()?),
                from,
                31,
            ))
            .await?;
        for day in list.days {
            for location in day.locations {
                starts.extend(location.starts.iter().map(|start| (day.date, *start)));
            }
        }
    }
    anyhow::ensure!(!starts.is_empty(), "no free starts to book");
    let starts = Arc::new(starts);
    let done = Arc::new(AtomicUsize::new(0));
    let conflicts = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for client_index in 0..clients {
        let starts = Arc::clone(&starts);
        let done = Arc::clone(&done);
        let conflicts = Arc::clone(&conflicts);
        let concerns = concerns.clone();
        tasks.push(tokio::spawn(async move {
            let mut client = Client::connect(address).await?;
            let mut holds = Vec::new();
            let mut whole = Vec::new();
            // A fixed pseudo-random walk per client, so runs compare.
            let mut seed = 0x2026_1201_u64 + client_index as u64;
            let mut count = 0;
            while done.fetch_add(1, Ordering::SeqCst) < bookings {
                loop {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    let (date, start) = starts[(seed >> 33) as usize % starts.len()];
                    let began = Instant::now();
                    let challenge: PowChallenge = client.get(paths::APPOINTMENT_CHALLENGE).await?;
                    let nonce = shared::pow::solve(&challenge.challenge, challenge.difficulty);
                    let hold_began = Instant::now();
                    let (status, body) = client
                        .post(
                            paths::APPOINTMENT_HOLDS,
                            &HoldRequest {
                                concerns: concerns.clone(),
                                location: LOCATION.parse()?,
                                date,
                                start,
                                challenge: challenge.challenge,
                                nonce,
                            },
                        )
                        .await?;
                    holds.push(hold_began.elapsed());
                    if status == 409 {
                        conflicts.fetch_add(1, Ordering::SeqCst);
                        continue;
                    }
                    anyhow::ensure!(
                        status == 201,
                        "hold: {status} {}",
                        String::from_utf8_lossy(&body)
                    );
                    let held: HeldSlot = serde_json::from_slice(&body)?;
                    count += 1;
                    let (status, body) = client
                        .post(
                            paths::APPOINTMENT_REQUESTS,
                            &ContactDetails {
                                hold_token: held.hold_token,
                                name: "Erika Mustermann".into(),
                                email: format!("client{client_index}-{count}@example.org"),
                                phone: None,
                                privacy_acknowledged: true,
                                language: Lang::De,
                            },
                        )
                        .await?;
                    anyhow::ensure!(
                        status == 202,
                        "request: {status} {}",
                        String::from_utf8_lossy(&body)
                    );
                    whole.push(began.elapsed());
                    break;
                }
            }
            anyhow::Ok((holds, whole))
        }));
    }
    let mut holds = Vec::new();
    let mut whole = Vec::new();
    for task in tasks {
        let (client_holds, client_whole) = task.await??;
        holds.extend(client_holds);
        whole.extend(client_whole);
    }
    let elapsed = started.elapsed();
    holds.sort();
    whole.sort();
    let percentile = |values: &[Duration], share: f64| -> Duration {
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss,
            reason = "a rank in a list of requests"
        )]
        let rank = ((share * values.len() as f64).ceil() as usize).clamp(1, values.len());
        values[rank - 1]
    };
    let booked = whole.len();
    #[allow(clippy::cast_precision_loss, reason = "a rate")]
    let rate = booked as f64 / elapsed.as_secs_f64();
    #[allow(clippy::print_stdout, reason = "the benchmark's report")]
    {
        println!(
            "booking load on {engine}: {clients} clients over loopback, {booked} bookings (hold + contact details) in {:.2} s",
            elapsed.as_secs_f64()
        );
        println!("  bookings per second: {rate:.0}");
        println!(
            "  hold latency: p50 {:.1} ms, p99 {:.1} ms; whole booking (challenge, work, hold, details): p50 {:.1} ms, p99 {:.1} ms",
            ms(percentile(&holds, 0.5)),
            ms(percentile(&holds, 0.99)),
            ms(percentile(&whole, 0.5)),
            ms(percentile(&whole, 0.99)),
        );
        println!(
            "  holds that lost a race (409, picked another start): {}",
            conflicts.load(Ordering::SeqCst)
        );
    }
    let loads = backend::db::appointments::unit_loads(&db).await?;
    anyhow::ensure!(
        loads.iter().all(|(online, _)| *online <= 20),
        "a unit holds more bookings than desks"
    );
    db.close().await;
    Ok(())
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// One keep-alive HTTP/1.1 connection.
struct Client {
    sender: hyper::client::conn::http1::SendRequest<Full<Bytes>>,
}

impl Client {
    async fn connect(address: std::net::SocketAddr) -> anyhow::Result<Self> {
        let stream = tokio::net::TcpStream::connect(address).await?;
        stream.set_nodelay(true)?;
        let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .context("HTTP handshake")?;
        tokio::spawn(connection);
        Ok(Self { sender })
    }

    async fn send(&mut self, request: Request<Full<Bytes>>) -> anyhow::Result<(u16, Bytes)> {
        self.sender.ready().await?;
        let response = self.sender.send_request(request).await?;
        let status = response.status().as_u16();
        let body = response.into_body().collect().await?.to_bytes();
        Ok((status, body))
    }

    async fn get<T: DeserializeOwned>(&mut self, path: &str) -> anyhow::Result<T> {
        let (status, body) = self
            .send(
                Request::get(path)
                    .header("host", "localhost")
                    .body(Full::new(Bytes::new()))?,
            )
            .await?;
        anyhow::ensure!(status == 200, "GET {path}: {status}");
        Ok(serde_json::from_slice(&body)?)
    }

    async fn post(
        &mut self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> anyhow::Result<(u16, Bytes)> {
        self.send(
            Request::post(path)
                .header("host", "localhost")
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(serde_json::to_vec(body)?)))?,
        )
        .await
    }
}
