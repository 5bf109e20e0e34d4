//! A required single-line input for pages that are not generated from a form definition.

use shared::Lang;
use yew::prelude::*;

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
