//! Pieces for small forms that are not generated from a form definition (sign-in, status
//! look-up): a required single-line input and the errors state with its error summary.

use shared::Lang;
use yew::prelude::*;

use crate::browser;
use crate::components::error_summary::{ERROR_SUMMARY_ID, SummaryItem};
use crate::draft::RawValue;
use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct SimpleInputProps {
    pub id: AttrValue,
    pub name: AttrValue,
    pub label: String,
    pub input_type: AttrValue,
    pub autocomplete: AttrValue,
    pub value: String,
    pub error: Option<String>,
    pub lang: Lang,
    pub on_change: Callback<(RawValue, bool)>,
}

/// A required single-line input outside a form definition (sign-in, status look-up), in the same
/// markup and id scheme as form fields (`<name>-error`).
#[component]
pub fn SimpleInput(props: &SimpleInputProps) -> Html {
    let error_id = format!("{}-error", props.name);
    let oninput = props.on_change.reform(|event: InputEvent| {
        let input: web_sys::HtmlInputElement = event.target_unchecked_into();
        (RawValue::Text(input.value()), false)
    });
    let class = classes!("field", props.error.is_some().then_some("field--error"));
    html! {
        <div {class}>
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            if let Some(message) = &props.error {
                <p class="field-error" id={error_id.clone()}>
                    <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(props.lang)) }</span>
                    { message.clone() }
                </p>
            }
            <input
                class="input"
                type={props.input_type.clone()}
                id={props.id.clone()}
                name={props.name.clone()}
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone()}
                spellcheck="false"
                aria-describedby={props.error.is_some().then_some(error_id)}
                aria-invalid={props.error.is_some().then_some("true")}
                aria-required="true"
                {oninput}
            />
        </div>
    }
}

/// The errors of a small hand-written form (sign-in, status look-up), by input and in form
/// order. Every failed attempt moves focus to the error summary, also when the messages are the
/// same as before.
pub struct InputErrors<I: 'static> {
    errors: UseStateHandle<Vec<(I, String)>>,
    attempts: UseStateHandle<u32>,
}

impl<I> Clone for InputErrors<I> {
    fn clone(&self) -> Self {
        Self {
            errors: self.errors.clone(),
            attempts: self.attempts.clone(),
        }
    }
}

/// State for [`InputErrors`]; place an `ErrorSummary` with [`InputErrors::summary`] on the page.
#[hook]
pub fn use_input_errors<I: Clone + PartialEq + 'static>() -> InputErrors<I> {
    let errors = use_state(Vec::new);
    let attempts = use_state(|| 0_u32);
    use_effect_with(*attempts, |attempts| {
        if *attempts > 0 {
            browser::focus_id(ERROR_SUMMARY_ID);
        }
    });
    InputErrors { errors, attempts }
}

impl<I: Clone + PartialEq + 'static> InputErrors<I> {
    /// Shows `errors` and moves focus to the summary.
    pub fn fail(&self, errors: Vec<(I, String)>) {
        self.errors.set(errors);
        self.attempts.set(*self.attempts + 1);
    }

    /// Removes all errors.
    pub fn clear(&self) {
        self.errors.set(Vec::new());
    }

    /// Whether no error is shown.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The message at `input`, if any.
    pub fn message(&self, input: &I) -> Option<String> {
        self.errors
            .iter()
            .find(|(at, _)| at == input)
            .map(|(_, message)| message.clone())
    }

    /// The error summary's links; `id_of` names each input's control.
    pub fn summary<T: Into<String>>(&self, id_of: impl Fn(&I) -> T) -> Vec<SummaryItem> {
        self.errors
            .iter()
            .map(|(input, message)| SummaryItem {
                target: id_of(input).into(),
                message: message.clone(),
            })
            .collect()
    }
}
