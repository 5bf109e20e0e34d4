//! The WASM entry point of the benchmark, called by `bench/web/index.html`.

#![allow(
    unsafe_code,
    reason = "#[wasm_bindgen] exports expand to unsafe glue code"
)]

use wasm_bindgen::prelude::*;

/// Times `iterations` validations of the benchmark form with the page's clock `now`
/// (`performance.now`, milliseconds) and returns a JSON summary in microseconds, or
/// `{"error": ...}`.
#[wasm_bindgen]
pub fn run_bench(iterations: usize, now: &js_sys::Function) -> String {
    let mut clock = || {
        now.call0(&JsValue::NULL)
            .ok()
            .and_then(|value| value.as_f64())
            .unwrap_or(f64::NAN)
    };
    let summary = crate::time_validation(iterations, &mut clock)
        .and_then(|times| crate::summarize(&times).ok_or_else(|| "no runs".to_owned()));
    match summary {
        Ok(summary) => serde_json::json!({
            "runs": summary.runs, "min_us": summary.min, "median_us": summary.median,
            "p95_us": summary.p95, "mean_us": summary.mean,
        })
        .to_string(),
        Err(error) => serde_json::json!({ "error": error }).to_string(),
    }
}
