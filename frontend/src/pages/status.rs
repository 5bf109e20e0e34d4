//! `/bearbeitungsstand`: a citizen enters reference number and access code and sees where the
//! application stands, with its history and the office's messages.

use shared::Lang;
use shared::api::{ErrorCode, StatusQuery, StatusView};
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::simple_input::{SimpleInput, use_input_errors};
use crate::draft::RawValue;
use crate::i18n::{Msg, document_title, use_lang};

const REFERENCE_ID: &str = "status-reference";
const CODE_ID: &str = "status-code";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Reference,
    Code,
}

fn missing_inputs(reference: &str, code: &str, lang: Lang) -> Vec<(Input, String)> {
    let mut errors = Vec::new();
    if reference.trim().is_empty() {
        errors.push((Input::Reference, Msg::EnterReference.text(lang)));
    }
    if code.trim().is_empty() {
        errors.push((Input::Code, Msg::EnterAccessCode.text(lang)));
    }
    errors
}

/// `2026-11-23T23:30:00Z` → `24.11.2026`: the day in the device's time zone, which for a
/// citizen of the city is the city's.
fn german_date(at: &str) -> String {
    browser::local_date(at)
        .or_else(|| at.get(..10)?.parse::<shared::CalendarDate>().ok())
        .map_or_else(|| at.to_owned(), shared::CalendarDate::to_german)
}

fn text_callback(state: &UseStateHandle<String>) -> Callback<(RawValue, bool)> {
    let state = state.clone();
    Callback::from(move |(value, _): (RawValue, bool)| {
        if let RawValue::Text(text) = value {
            state.set(text);
        }
    })
}

#[component]
pub fn StatusPage() -> Html {
    let lang = use_lang();
    let reference = use_state(String::new);
    let code = use_state(String::new);
    let errors = use_input_errors::<Input>();
    let alert = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let found = use_state(|| None::<StatusView>);

    {
        let has_errors = !errors.is_empty();
        use_effect_with((has_errors, lang), |(has_errors, lang)| {
            browser::set_title(&document_title(
                &Msg::StatusHeading.text(*lang),
                *has_errors,
                *lang,
            ));
        });
    }
    // After the result is rendered (not when it is set), take the citizen there.
    use_effect_with(found.is_some(), |shown| {
        if *shown {
            browser::focus_id("status-result");
        }
    });

    let onsubmit = {
        let (reference, code, errors, alert, busy, found) = (
            reference.clone(),
            code.clone(),
            errors.clone(),
            alert.clone(),
            busy.clone(),
            found.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            alert.set(None);
            found.set(None);
            let missing = missing_inputs(&reference, &code, lang);
            if !missing.is_empty() {
                errors.fail(missing);
                return;
            }
            errors.clear();
            busy.set(true);
            let query = StatusQuery {
                reference: reference.trim().to_owned(),
                access_code: code.trim().to_owned(),
            };
            let (errors, alert, busy, found) =
                (errors.clone(), alert.clone(), busy.clone(), found.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::get_status(&query, lang).await;
                busy.set(false);
                match result {
                    Ok(view) => found.set(Some(view)),
                    Err(ClientError::Api(body)) if body.code == ErrorCode::StatusNotFound => {
                        errors.fail(vec![(Input::Reference, body.message)]);
                    }
                    Err(ClientError::Api(body)) => alert.set(Some(body.message)),
                    Err(ClientError::Network(_)) => alert.set(Some(Msg::NetworkError.text(lang))),
                    Err(ClientError::Decode(_)) => {
                        alert.set(Some(ErrorCode::Internal.message(lang).to_owned()));
                    }
                }
            });
        })
    };

    let items = errors.summary(|input| match input {
        Input::Reference => REFERENCE_ID,
        Input::Code => CODE_ID,
    });
    let result = found.as_ref().map(|view| {
        html! {
            <section class="status-result" id="status-result" tabindex="-1" aria-labelledby="status-result-title">
                <h2 id="status-result-title">{ view.form_title.get(lang) }</h2>
                <div>
                    <p>{ format!("{}: {}", Msg::ReferenceInputLabel.text(lang), view.reference) }</p>
                    <p>
                        { format!("{}: ", Msg::CurrentStatus.text(lang)) }
                        <strong data-testid="current-status">{ Msg::StatusName(view.status).text(lang) }</strong>
                    </p>
                </div>
                <h3>{ Msg::StatusHistory.text(lang) }</h3>
                <ol class="timeline">
                    { for view.events.iter().map(|event| html! {
                        <li class="timeline-item">
                            <span class="timeline-date">{ german_date(&event.at) }</span>
                            { " " }
                            <strong>{ Msg::StatusName(event.status).text(lang) }</strong>
                            if let Some(message) = &event.message {
                                <p class="timeline-message">{ message.clone() }</p>
                            }
                        </li>
                    }) }
                </ol>
            </section>
        }
    });

    html! {
        <>
            <ErrorSummary {items} {lang} />
            <h1 tabindex="-1">{ Msg::StatusHeading.text(lang) }</h1>
            <p class="lead">{ Msg::StatusIntro.text(lang) }</p>
            if let Some(message) = &*alert {
                <div class="alert" role="alert">{ message.clone() }</div>
            }
            <form class="form form--narrow" novalidate=true {onsubmit}>
                <SimpleInput
                    id={REFERENCE_ID}
                    name="reference"
                    label={Msg::ReferenceInputLabel.text(lang)}
                    input_type="text"
                    autocomplete="off"
                    value={(*reference).clone()}
                    error={errors.message(&Input::Reference)}
                    {lang}
                    on_change={text_callback(&reference)}
                />
                <SimpleInput
                    id={CODE_ID}
                    name="access_code"
                    label={Msg::AccessCodeLabel.text(lang)}
                    input_type="text"
                    autocomplete="off"
                    value={(*code).clone()}
                    error={errors.message(&Input::Code)}
                    {lang}
                    on_change={text_callback(&code)}
                />
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled={busy.then_some("true")}>
                        { Msg::ShowStatus.text(lang) }
                    </button>
                </div>
            </form>
            { result.unwrap_or_default() }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_inputs_are_named_and_dates_read_german() {
        assert_eq!(missing_inputs("", " ", Lang::De).len(), 2);
        assert!(missing_inputs("BP-2026-000001", "ABCD", Lang::De).is_empty());
        // On the host there is no browser clock: the UTC day.
        assert_eq!(german_date("2026-11-23T10:00:00Z"), "23.11.2026");
    }
}
