//! One form field in the accessible pattern (standards.md §4.3): visible label, hint, inline
//! error with a hidden "Fehler:" prefix, and the control tied to both by `aria-describedby`.
//!
//! Ids: the control is `field-<key>` (date parts `field-<key>-day|month|year`, radios
//! `field-<key>-1…n`), the hint `<key>-hint`, the error `<key>-error`. [`control_id`] names
//! the element an error-summary link must focus.

use shared::{ChoiceDisplay, ChoiceOption, Field, FieldKind, Lang};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::date_input::DateInput;
use crate::draft::RawValue;
use crate::i18n::Msg;

/// The id of the element that receives focus for `field`: the control itself, the day input
/// of a date, or the first radio of a group.
pub fn control_id(field: &Field) -> String {
    let key = field.key.as_str();
    match &field.kind {
        FieldKind::Date => format!("field-{key}-day"),
        FieldKind::Choice {
            display: ChoiceDisplay::Radio,
            ..
        } => format!("field-{key}-1"),
        _ => format!("field-{key}"),
    }
}

/// The visible label; optional fields say so (KERN, GOV.UK: mark the minority).
pub fn label_text(field: &Field, lang: Lang) -> String {
    let label = field.label.get(lang);
    if field.required {
        label.to_owned()
    } else {
        format!("{label} {}", Msg::Optional.text(lang))
    }
}

/// Ids of the hint and error of a field, as far as they are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub hint_id: Option<String>,
    pub error_id: Option<String>,
}

impl Described {
    /// The ids for `field` with or without an error shown.
    pub fn new(field: &Field, has_error: bool) -> Self {
        let key = field.key.as_str();
        Self {
            hint_id: field.hint.as_ref().map(|_| format!("{key}-hint")),
            error_id: has_error.then(|| format!("{key}-error")),
        }
    }

    /// The `aria-describedby` value: hint first, then error (KERN order); `None` if neither.
    pub fn describedby(&self) -> Option<String> {
        let ids: Vec<&str> = [&self.hint_id, &self.error_id]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub field: Field,
    pub lang: Lang,
    /// What is in the control now; `None` if untouched.
    #[prop_or_default]
    pub value: Option<RawValue>,
    /// The inline error message, if the field is invalid.
    #[prop_or_default]
    pub error: Option<String>,
    /// Called with the new raw value and whether the change is finished (`change` event).
    pub on_change: Callback<(RawValue, bool)>,
}

/// One field with label, hint, error and control, chosen by the field's kind.
#[component]
pub fn FieldInput(props: &FieldInputProps) -> Html {
    let FieldInputProps {
        field,
        lang,
        value,
        error,
        on_change,
    } = props;
    let lang = *lang;
    let described = Described::new(field, error.is_some());
    let hint = hint_html(field, lang);
    let error_html = error_html(field, error.as_deref(), lang);
    let class = classes!("field", error.is_some().then_some("field--error"));
    let text = match value {
        Some(RawValue::Text(text)) => text.clone(),
        _ => String::new(),
    };

    match &field.kind {
        FieldKind::Date => {
            let (day, month, year) = match value {
                Some(RawValue::Date { day, month, year }) => {
                    (day.clone(), month.clone(), year.clone())
                }
                _ => Default::default(),
            };
            html! {
                <div {class}>
                    <DateInput
                        key_name={field.key.as_str().to_owned()}
                        legend={label_text(field, lang)}
                        {hint}
                        error={error_html}
                        describedby={described.describedby()}
                        invalid={error.is_some()}
                        required={field.required}
                        autocomplete={field.autocomplete.clone()}
                        {day} {month} {year}
                        {lang}
                        on_change={on_change.clone()}
                    />
                </div>
            }
        }
        FieldKind::Choice {
            options,
            display: ChoiceDisplay::Radio,
        } => {
            let radios = options.iter().enumerate().map(|(index, option)| {
                radio_html(
                    field,
                    index,
                    option,
                    &text,
                    &described,
                    error.is_some(),
                    lang,
                    on_change,
                )
            });
            html! {
                <div {class}>
                    <fieldset class="fieldset">
                        <legend class="fieldset-legend">{ label_text(field, lang) }</legend>
                        { hint }
                        { error_html }
                        <div class="radios">{ for radios }</div>
                    </fieldset>
                </div>
            }
        }
        FieldKind::Checkbox => {
            let id = control_id(field);
            let checked = matches!(value, Some(RawValue::Checked(true)));
            let onchange = on_change.reform(|event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                (RawValue::Checked(input.checked()), true)
            });
            html! {
                <div {class}>
                    { error_html }
                    <div class="checkbox">
                        <input
                            class="checkbox-input"
                            type="checkbox"
                            id={id.clone()}
                            name={field.key.as_str().to_owned()}
                            {checked}
                            aria-describedby={described.describedby()}
                            aria-invalid={error.is_some().then_some("true")}
                            aria-required={field.required.then_some("true")}
                            {onchange}
                        />
                        <label class="checkbox-label" for={id}>{ label_text(field, lang) }</label>
                    </div>
                    { hint }
                </div>
            }
        }
        FieldKind::Choice {
            options,
            display: ChoiceDisplay::Select,
        } => {
            let id = control_id(field);
            let onchange = on_change.reform(|event: Event| {
                let select: HtmlSelectElement = event.target_unchecked_into();
                (RawValue::Text(select.value()), true)
            });
            html! {
                <div {class}>
                    <label class="field-label" for={id.clone()}>{ label_text(field, lang) }</label>
                    { hint }
                    { error_html }
                    <select
                        class="select"
                        {id}
                        name={field.key.as_str().to_owned()}
                        autocomplete={field.autocomplete.clone()}
                        aria-describedby={described.describedby()}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-required={field.required.then_some("true")}
                        {onchange}
                    >
                        <option value="" selected={text.is_empty()}>{ Msg::PleaseSelect.text(lang) }</option>
                        { for options.iter().map(|option| html! {
                            <option value={option.value.clone()} selected={option.value == text}>
                                { option.label.get(lang) }
                            </option>
                        }) }
                    </select>
                </div>
            }
        }
        FieldKind::TextArea => {
            let id = control_id(field);
            let oninput = on_change.reform(|event: InputEvent| {
                let area: HtmlTextAreaElement = event.target_unchecked_into();
                (RawValue::Text(area.value()), false)
            });
            let onchange = on_change.reform(|event: Event| {
                let area: HtmlTextAreaElement = event.target_unchecked_into();
                (RawValue::Text(area.value()), true)
            });
            html! {
                <div {class}>
                    <label class="field-label" for={id.clone()}>{ label_text(field, lang) }</label>
                    { hint }
                    { error_html }
                    <textarea
                        class="textarea"
                        {id}
                        name={field.key.as_str().to_owned()}
                        rows="5"
                        value={text}
                        autocomplete={field.autocomplete.clone()}
                        aria-describedby={described.describedby()}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-required={field.required.then_some("true")}
                        {oninput}
                        {onchange}
                    />
                </div>
            }
        }
        FieldKind::Text | FieldKind::Email | FieldKind::Integer => {
            let id = control_id(field);
            let is_email = matches!(field.kind, FieldKind::Email);
            let oninput = on_change.reform(|event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                (RawValue::Text(input.value()), false)
            });
            let onchange = on_change.reform(|event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                (RawValue::Text(input.value()), true)
            });
            let width = matches!(field.kind, FieldKind::Integer).then_some("input--short");
            html! {
                <div {class}>
                    <label class="field-label" for={id.clone()}>{ label_text(field, lang) }</label>
                    { hint }
                    { error_html }
                    <input
                        class={classes!("input", width)}
                        type={if is_email { "email" } else { "text" }}
                        {id}
                        name={field.key.as_str().to_owned()}
                        value={text}
                        autocomplete={field.autocomplete.clone()}
                        inputmode={field.kind.input_mode()}
                        spellcheck={is_email.then_some("false")}
                        aria-describedby={described.describedby()}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-required={field.required.then_some("true")}
                        {oninput}
                        {onchange}
                    />
                </div>
            }
        }
    }
}

fn hint_html(field: &Field, lang: Lang) -> Html {
    match &field.hint {
        Some(hint) => html! {
            <div class="field-hint" id={format!("{}-hint", field.key)}>{ hint.get(lang) }</div>
        },
        None => Html::default(),
    }
}

/// The inline message; the hidden prefix makes "Fehler:" part of what screen readers announce.
fn error_html(field: &Field, error: Option<&str>, lang: Lang) -> Html {
    match error {
        Some(message) => html! {
            <p class="field-error" id={format!("{}-error", field.key)}>
                <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                { message.to_owned() }
            </p>
        },
        None => Html::default(),
    }
}

#[allow(clippy::too_many_arguments)]
fn radio_html(
    field: &Field,
    index: usize,
    option: &ChoiceOption,
    selected: &str,
    described: &Described,
    invalid: bool,
    lang: Lang,
    on_change: &Callback<(RawValue, bool)>,
) -> Html {
    let id = format!("field-{}-{}", field.key, index + 1);
    let value = option.value.clone();
    let onchange = on_change.reform(move |_: Event| (RawValue::Text(value.clone()), true));
    html! {
        <div class="radio">
            <input
                class="radio-input"
                type="radio"
                id={id.clone()}
                name={field.key.as_str().to_owned()}
                value={option.value.clone()}
                checked={option.value == selected}
                aria-describedby={described.describedby()}
                aria-invalid={invalid.then_some("true")}
                {onchange}
            />
            <label class="radio-label" for={id}>{ option.label.get(lang) }</label>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use shared::LocalizedText;

    use super::*;

    #[test]
    fn describedby_lists_only_rendered_ids_hint_first() {
        let mut field = Field {
            key: "fundort".parse().unwrap(),
            label: LocalizedText::de("Fundort"),
            hint: None,
            kind: FieldKind::Text,
            required: true,
            rules: Vec::new(),
            autocomplete: None,
        };
        assert_eq!(Described::new(&field, false).describedby(), None);
        assert_eq!(
            Described::new(&field, true).describedby().as_deref(),
            Some("fundort-error")
        );
        field.hint = Some(LocalizedText::de("Straße oder Gebäude"));
        assert_eq!(
            Described::new(&field, true).describedby().as_deref(),
            Some("fundort-hint fundort-error")
        );
        assert_eq!(control_id(&field), "field-fundort");
        field.kind = FieldKind::Date;
        assert_eq!(control_id(&field), "field-fundort-day");
    }
}
