//! A date as three inputs (day, month, year) in a fieldset whose legend is the question
//! (standards.md §4.3 item 6): numeric keyboards, no auto-tabbing, `bday-*` autocomplete for
//! birth dates.

use shared::Lang;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::browser;
use crate::draft::RawValue;
use crate::i18n::Msg;

#[derive(Properties, PartialEq)]
pub struct DateInputProps {
    /// The field key; the inputs are `field-<key>-day|month|year`.
    pub key_name: String,
    pub legend: String,
    #[prop_or_default]
    pub hint: Html,
    #[prop_or_default]
    pub error: Html,
    #[prop_or_default]
    pub describedby: Option<String>,
    #[prop_or_default]
    pub invalid: bool,
    #[prop_or_default]
    pub required: bool,
    /// The field's autocomplete token; only `bday` maps onto the parts.
    #[prop_or_default]
    pub autocomplete: Option<String>,
    pub day: String,
    pub month: String,
    pub year: String,
    pub lang: Lang,
    pub on_change: Callback<(RawValue, bool)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Day,
    Month,
    Year,
}

/// Day, month and year inputs under one legend.
#[component]
pub fn DateInput(props: &DateInputProps) -> Html {
    let part_html = |part: Part| {
        let (suffix, label, value, width) = match part {
            Part::Day => ("day", Msg::Day, &props.day, "input--width-2"),
            Part::Month => ("month", Msg::Month, &props.month, "input--width-2"),
            Part::Year => ("year", Msg::Year, &props.year, "input--width-4"),
        };
        let id = format!("field-{}-{suffix}", props.key_name);
        let autocomplete =
            (props.autocomplete.as_deref() == Some("bday")).then(|| format!("bday-{suffix}"));
        // The other parts as they are on the page (see `browser::inputs_around`); from the
        // last render where there is no page to read.
        let with_part = {
            let (day, month, year) = (props.day.clone(), props.month.clone(), props.year.clone());
            move |input: &HtmlInputElement| {
                if let [day, month, year] = browser::inputs_around(input, ".date-input").as_slice()
                {
                    return RawValue::Date {
                        day: day.value(),
                        month: month.value(),
                        year: year.value(),
                    };
                }
                let text = input.value();
                match part {
                    Part::Day => RawValue::Date {
                        day: text,
                        month: month.clone(),
                        year: year.clone(),
                    },
                    Part::Month => RawValue::Date {
                        day: day.clone(),
                        month: text,
                        year: year.clone(),
                    },
                    Part::Year => RawValue::Date {
                        day: day.clone(),
                        month: month.clone(),
                        year: text,
                    },
                }
            }
        };
        let oninput = {
            let with_part = with_part.clone();
            props.on_change.reform(move |event: InputEvent| {
                let input: HtmlInputElement = event.target_unchecked_into();
                (with_part(&input), false)
            })
        };
        let onchange = props.on_change.reform(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            (with_part(&input), true)
        });
        html! {
            <div class="date-input-item">
                <label class="date-input-label" for={id.clone()}>{ label.text(props.lang) }</label>
                <input
                    class={classes!("input", width)}
                    type="text"
                    {id}
                    name={format!("{}-{suffix}", props.key_name)}
                    inputmode="numeric"
                    value={value.clone()}
                    {autocomplete}
                    aria-describedby={props.describedby.clone()}
                    aria-invalid={props.invalid.then_some("true")}
                    aria-required={props.required.then_some("true")}
                    {oninput}
                    {onchange}
                />
            </div>
        }
    };
    html! {
        <fieldset class="fieldset">
            <legend class="fieldset-legend">{ props.legend.clone() }</legend>
            { props.hint.clone() }
            { props.error.clone() }
            <div class="date-input">
                { part_html(Part::Day) }
                { part_html(Part::Month) }
                { part_html(Part::Year) }
            </div>
        </fieldset>
    }
}
