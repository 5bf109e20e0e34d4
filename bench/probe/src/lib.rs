//! A minimal WASM module for measuring what the form engine adds to the bundle (`scripts/bench`
//! builds it with and without the `engine` feature and compares the gzip sizes).

#![allow(
    unsafe_code,
    reason = "#[wasm_bindgen] exports expand to unsafe glue code"
)]

use wasm_bindgen::prelude::*;

/// Validates `answers` (JSON) against `definition` (JSON) on `today` (`YYYY-MM-DD`) and returns
/// the valid answers or the errors as JSON.
#[cfg(feature = "engine")]
#[wasm_bindgen]
pub fn validate(definition: &str, answers: &str, today: &str) -> String {
    use shared::{Answers, CalendarDate, CompiledForm, FormDefinition};
    let outcome = (|| -> Result<String, String> {
        let definition: FormDefinition =
            serde_json::from_str(definition).map_err(|error| error.to_string())?;
        let answers: Answers = serde_json::from_str(answers).map_err(|error| error.to_string())?;
        let today: CalendarDate = today.parse().map_err(|_| "bad date".to_owned())?;
        let form = CompiledForm::new(definition)
            .map_err(|errors| serde_json::to_string(&errors).unwrap_or_default())?;
        match form.validate(&answers, today) {
            Ok(valid) => serde_json::to_string(&valid).map_err(|error| error.to_string()),
            Err(errors) => serde_json::to_string(&errors).map_err(|error| error.to_string()),
        }
    })();
    outcome.unwrap_or_else(|error| error)
}

/// The baseline: the same export without the engine.
#[cfg(not(feature = "engine"))]
#[wasm_bindgen]
pub fn validate(definition: &str, answers: &str, today: &str) -> String {
    format!("{}", definition.len() + answers.len() + today.len())
}
