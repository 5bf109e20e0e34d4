//! Native runner of the benchmark (driven by `scripts/bench`).
//!
//! ```text
//! bench-native native <iterations>   # times CompiledForm::validate, prints key=value lines
//! bench-native formio <path>         # writes the equivalent form.io form and data as JSON
//! bench-native definition <path>     # writes our definition and answers as JSON
//! ```

#![allow(
    clippy::print_stdout,
    clippy::print_stderr,
    reason = "a command-line runner reports on stdout and stderr"
)]

use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["native", iterations] => iterations
            .parse()
            .map_err(|_| format!("not a number of iterations: {iterations}"))
            .and_then(native),
        ["formio", path] => write(path, &bench::formio_equivalent()),
        ["definition", path] => {
            let form = bench::bench_form();
            write(
                path,
                &json!({ "definition": form.definition, "answers": form.answers, "today": bench::TODAY }),
            )
        }
        _ => Err(
            "usage: bench-native native <iterations> | formio <path> | definition <path>".into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("bench-native: {error}");
            ExitCode::FAILURE
        }
    }
}

fn native(iterations: usize) -> Result<(), String> {
    let stats = bench::bench_form().stats;
    let origin = Instant::now();
    let times =
        bench::time_validation(iterations, &mut || origin.elapsed().as_secs_f64() * 1000.0)?;
    let summary = bench::summarize(&times).ok_or("no runs")?;
    println!("fields={}", stats.fields);
    println!("group_fields={}", stats.group_fields);
    println!(
        "rules={} (visible_if {}, required_if {}, computed {}, compare_field {})",
        stats.rules(),
        stats.visible_if,
        stats.required_if,
        stats.computed,
        stats.compare_field
    );
    println!("native_runs={}", summary.runs);
    println!("native_min_us={:.1}", summary.min);
    println!("native_median_us={:.1}", summary.median);
    println!("native_p95_us={:.1}", summary.p95);
    println!("native_mean_us={:.1}", summary.mean);
    Ok(())
}

fn write(path: &str, value: &serde_json::Value) -> Result<(), String> {
    let text = serde_json::to_string(value).map_err(|error| error.to_string())?;
    std::fs::write(path, text).map_err(|error| format!("{path}: {error}"))
}
