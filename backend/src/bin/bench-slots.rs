//! Runner of the free-slot benchmark (`scripts/bench-slots`, issue 7): one location open on
//! weekdays (mornings, two afternoons) with 4 desks and a 10-minute step, 5,000 bookings of
//! 10 to 60 minutes spread over 90 days, and the free starts of a 30-minute booking over those
//! 90 days, computed 200 times. Prints the median and the slowest run, then PASS or FAIL for
//! the bar (median under the given milliseconds, default 5).
//!
//! ```text
//! bench-slots [bar in ms (5)]
//! ```

#![allow(
    clippy::print_stdout,
    reason = "a command-line runner reports on stdout"
)]

use std::collections::HashMap;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use backend::slots::{Booked, Schedule, free_slots};
use shared::CalendarDate;

fn main() -> anyhow::Result<ExitCode> {
    let bar_ms: u64 = std::env::args()
        .nth(1)
        .map(|value| value.parse())
        .transpose()?
        .unwrap_or(5);
    let morning = vec![(8 * 60, 12 * 60)];
    let long_day = vec![(8 * 60, 12 * 60), (14 * 60, 18 * 60)];
    let schedule = Schedule {
        weekly: [
            morning.clone(),
            long_day.clone(),
            morning.clone(),
            long_day,
            morning,
            Vec::new(),
            Vec::new(),
        ],
        exceptions: HashMap::new(),
        desks: 4,
        total_desks: 5,
        step: 10,
    };
    let from = CalendarDate::from_ymd(2026, 12, 7).ok_or_else(|| anyhow::anyhow!("date"))?;
    // A fixed pseudo-random spread (a linear congruential generator), so runs compare.
    let mut seed: u64 = 0x2026_1201;
    let mut next = |modulo: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) % modulo
    };
    let bookings: Vec<Booked> = (0..5_000)
        .map(|_| Booked {
            date: from.add_days(i64::try_from(next(90)).unwrap_or_default()),
            start: 8 * 60 + u16::try_from(next(54)).unwrap_or_default() * 10,
            minutes: 10 + u16::try_from(next(6)).unwrap_or_default() * 10,
            online: next(10) > 0,
        })
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    let mut found = 0;
    for _ in 0..200 {
        let started = Instant::now();
        found = free_slots(&schedule, &bookings, from, 90, 30).len();
        times.push(started.elapsed());
    }
    times.sort();
    let median = times[times.len() / 2];
    let slowest = times[times.len() - 1];
    let passed = median <= Duration::from_millis(bar_ms);
    println!(
        "{} free starts of a 30-minute booking over 90 days with 5000 bookings ({found} free): median {:.3} ms, slowest {:.3} ms (bar {bar_ms} ms)",
        if passed { "PASS" } else { "FAIL" },
        median.as_secs_f64() * 1000.0,
        slowest.as_secs_f64() * 1000.0,
    );
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
