//! Runner of the export benchmark (`scripts/bench-export`, see `backend::bench`):
//!
//! ```text
//! bench-export [submissions (10000)] [bar in seconds (5)] [memory bar in MiB (64)]
//! ```
//!
//! Seeds the submissions and prints one line per download format, then PASS or FAIL for the
//! bars: each download under the time bar and the peak memory growing by at most the memory
//! bar during the downloads.

#![allow(
    clippy::print_stdout,
    reason = "a command-line runner reports on stdout"
)]

use std::process::ExitCode;
use std::time::Duration;

#[tokio::main]
async fn main() -> anyhow::Result<ExitCode> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |index: usize, default: u64| -> anyhow::Result<u64> {
        args.get(index).map_or(Ok(default), |value| {
            value
                .parse()
                .map_err(|_| anyhow::anyhow!("not a number: {value}"))
        })
    };
    let count = usize::try_from(number(0, 10_000)?)?;
    let bar = Duration::from_secs(number(1, 5)?);
    let memory_bar_kib = number(2, 64)? * 1024;
    println!("seeding {count} submissions of the demo form \"Fundsache melden\" (SQLite) …");
    let report = backend::bench::export_benchmark(count).await?;
    println!(
        "peak memory after seeding: {:.1} MiB",
        report.seeded_peak_kib as f64 / 1024.0
    );
    let mut passed = true;
    for download in &report.downloads {
        let growth_kib = download.peak_kib.saturating_sub(download.before_kib);
        let ok = download.elapsed <= bar && growth_kib <= memory_bar_kib;
        passed &= ok;
        println!(
            "{} {:<5} {} submissions: {:>8.1} MiB in {:>6.3} s, peak memory {:.1} MiB (+{:.1} MiB)",
            if ok { "PASS" } else { "FAIL" },
            download.format,
            report.submissions,
            download.bytes as f64 / (1024.0 * 1024.0),
            download.elapsed.as_secs_f64(),
            download.peak_kib as f64 / 1024.0,
            growth_kib as f64 / 1024.0,
        );
    }
    println!(
        "{}: every download under {} s with at most {} MiB more peak memory",
        if passed { "PASS" } else { "FAIL" },
        bar.as_secs(),
        memory_bar_kib / 1024
    );
    Ok(if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
