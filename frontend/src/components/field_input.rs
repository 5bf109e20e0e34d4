//! One form field in the accessible pattern (standards.md §4.3): visible label, hint, inline
//! error with a hidden "Fehler:" prefix, and the control tied to both by `aria-describedby`.
//!
//! Every field is rendered at a path (a [`shared::validation::FieldPath`] in text form: `key`,
//! `gruppe[0].kind`, …) and its ids derive from [`dom_id`] of that path, so a top-level field
//! keeps the plain ids: the control is `field-<key>` (date parts `field-<key>-day|month|year`,
//! radios and checkboxes `field-<key>-1…n`, address parts `field-<key>-street` …), the hint
//! `<key>-hint`, the error `<key>-error`. [`error_target`] names the element an error-summary
//! link must focus for any error path.

use std::collections::BTreeMap;

use shared::schema::ContentStyle;
use shared::validation::{FieldPath, ItemState};
use shared::{ChoiceDisplay, ChoiceOption, Field, FieldKey, FieldKind, Lang, TypedValue};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::browser;
use crate::components::date_input::DateInput;
use crate::components::file_upload::FileUpload;
use crate::draft::{GroupItem, RawValue, address_parts, display_typed, group_items};
use crate::i18n::Msg;

/// The id-safe form of a field path: `hunde[0].name` → `hunde-0-name`, `anschrift.street` →
/// `anschrift-street`; a plain key stays as it is.
pub fn dom_id(path: &str) -> String {
    path.replace(['[', '.'], "-").replace(']', "")
}

/// The id of the element that receives focus for a top-level `field`: the control itself, the
/// day input of a date, the first radio or checkbox of a group, the street of an address.
pub fn control_id(field: &Field) -> String {
    control_id_in(field, field.key.as_str(), None)
}

/// The focus target of `field` rendered at `path` with the raw `value`: for a repeatable group
/// the first control of its first item, or its "add" button when it has no items.
pub fn control_id_in(field: &Field, path: &str, value: Option<&RawValue>) -> String {
    let base = format!("field-{}", dom_id(path));
    match &field.kind {
        FieldKind::Date => format!("{base}-day"),
        FieldKind::Choice {
            display: ChoiceDisplay::Radio,
            ..
        }
        | FieldKind::YesNo
        | FieldKind::MultipleChoice { .. } => format!("{base}-1"),
        FieldKind::Address { .. } => format!("{base}-street"),
        FieldKind::Group { fields, .. } => {
            let items = group_items(field, value);
            match (items.first(), first_input(fields)) {
                (Some(item), Some(child)) => control_id_in(
                    child,
                    &format!("{path}[0].{}", child.key),
                    item.get(&child.key),
                ),
                _ => format!("{base}-add"),
            }
        }
        _ => base,
    }
}

/// The element an error at `error_path` should focus, for `field` rendered at `path` with the
/// raw `value`: an address part's input, a group item's child control, or the field's own.
pub fn error_target(
    field: &Field,
    path: &str,
    value: Option<&RawValue>,
    error_path: &str,
) -> String {
    let Some(rest) = error_path
        .strip_prefix(path)
        .filter(|rest| !rest.is_empty())
    else {
        return control_id_in(field, path, value);
    };
    match &field.kind {
        FieldKind::Address { .. } if rest.starts_with('.') => {
            format!("field-{}", dom_id(error_path))
        }
        FieldKind::Group { fields, .. } => {
            let child = rest
                .strip_prefix('[')
                .and_then(|rest| rest.split_once("]."))
                .and_then(|(index, rest)| {
                    let index: usize = index.parse().ok()?;
                    let key = rest.split(['.', '[']).next()?;
                    let child = fields.iter().find(|child| child.key.as_str() == key)?;
                    Some((index, child))
                });
            match child {
                Some((index, child)) => {
                    let items = group_items(field, value);
                    let child_value = items.get(index).and_then(|item| item.get(&child.key));
                    error_target(
                        child,
                        &format!("{path}[{index}].{}", child.key),
                        child_value,
                        error_path,
                    )
                }
                None => control_id_in(field, path, value),
            }
        }
        _ => control_id_in(field, path, value),
    }
}

fn first_input(fields: &[Field]) -> Option<&Field> {
    fields.iter().find(|child| child.kind.takes_input())
}

/// The visible label; optional fields say so (KERN, GOV.UK: mark the minority).
pub fn label_text(field: &Field, lang: Lang) -> String {
    let label = field.label.get(lang);
    if field.required || !field.kind.takes_input() {
        label.to_owned()
    } else {
        format!("{label} {}", Msg::Optional.text(lang))
    }
}

/// Whether a hint is rendered for `field`: its own, or one the kind always has (the time
/// example, the file limits).
fn has_hint(field: &Field) -> bool {
    field.hint.is_some() || matches!(field.kind, FieldKind::Time | FieldKind::File { .. })
}

/// Ids of the hint and error of a field, as far as they are rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    pub hint_id: Option<String>,
    pub error_id: Option<String>,
}

impl Described {
    /// The ids for `field` rendered with id base `id` (see [`dom_id`]), with or without an
    /// error shown.
    pub fn new(field: &Field, id: &str, has_error: bool) -> Self {
        Self {
            hint_id: has_hint(field).then(|| format!("{id}-hint")),
            error_id: has_error.then(|| format!("{id}-error")),
        }
    }

    /// The `aria-describedby` value: hint first, then error (KERN order); `None` if neither.
    pub fn describedby(&self) -> Option<String> {
        self.describedby_with(None)
    }

    /// As [`Self::describedby`], followed by one more id (a part's own error).
    pub fn describedby_with(&self, extra: Option<&str>) -> Option<String> {
        let ids: Vec<&str> = [self.hint_id.as_deref(), self.error_id.as_deref(), extra]
            .into_iter()
            .flatten()
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// An error shown below the field's own level: an address part or a group item's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownError {
    /// The error's path in text form, e.g. `anschrift.street` or `hunde[1].name`.
    pub path: String,
    /// The message in the current language.
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct FieldInputProps {
    pub field: Field,
    pub lang: Lang,
    /// Where the field is rendered (`FieldPath` text); the field key when not set.
    #[prop_or_default]
    pub path: Option<String>,
    /// What is in the control now; `None` if untouched.
    #[prop_or_default]
    pub value: Option<RawValue>,
    /// The inline error message of the field itself, if it is invalid.
    #[prop_or_default]
    pub error: Option<String>,
    /// Errors of its parts (address) or of its items' answers (group).
    #[prop_or_default]
    pub part_errors: Vec<ShownError>,
    /// The current value of a computed field.
    #[prop_or_default]
    pub computed: Option<TypedValue>,
    /// For a repeatable group: which children each item hides and their computed values.
    #[prop_or_default]
    pub items: Vec<ItemState>,
    /// Called with the new raw value and whether the change is finished (`change` event).
    pub on_change: Callback<(RawValue, bool)>,
    /// Asks the page to move focus to an element id after the next render (group items).
    #[prop_or_default]
    pub on_focus: Callback<String>,
    /// For a repeatable group: a change of one item's child `(index, child key, value,
    /// finished)`, applied by the page to the items as they are then (a finished upload must
    /// not undo what was typed meanwhile).
    #[prop_or_default]
    pub on_item_change: Option<Callback<(usize, FieldKey, RawValue, bool)>>,
    /// For a repeatable group: whether a file of one of its items is being uploaded.
    #[prop_or_default]
    pub group_uploading: bool,
}

/// What every kind's renderer needs.
struct Ctx<'a> {
    props: &'a FieldInputProps,
    field: &'a Field,
    lang: Lang,
    /// The field path in text form.
    path: String,
    /// [`dom_id`] of the path.
    id: String,
    described: Described,
    class: Classes,
}

impl Ctx<'_> {
    fn control_id(&self) -> String {
        format!("field-{}", self.id)
    }

    fn invalid(&self) -> Option<&'static str> {
        self.props.error.is_some().then_some("true")
    }

    fn aria_required(&self) -> Option<&'static str> {
        self.field.required.then_some("true")
    }

    fn text(&self) -> String {
        match &self.props.value {
            Some(RawValue::Text(text)) => text.clone(),
            _ => String::new(),
        }
    }

    fn hint(&self) -> Html {
        hint_html(self.field, &self.id, self.lang)
    }

    fn error(&self) -> Html {
        error_html(
            &format!("{}-error", self.id),
            self.props.error.as_deref(),
            self.lang,
        )
    }

    fn legend(&self) -> Html {
        html! { <legend class="fieldset-legend">{ label_text(self.field, self.lang) }</legend> }
    }
}

/// One field with label, hint, error and control, chosen by the field's kind.
#[component]
pub fn FieldInput(props: &FieldInputProps) -> Html {
    let field = &props.field;
    let path = props
        .path
        .clone()
        .unwrap_or_else(|| field.key.as_str().to_owned());
    let id = dom_id(&path);
    let own_error = props.error.is_some();
    let ctx = Ctx {
        props,
        field,
        lang: props.lang,
        described: Described::new(field, &id, own_error),
        class: classes!(
            "field",
            (own_error
                || !props.part_errors.is_empty() && !matches!(field.kind, FieldKind::Group { .. }))
            .then_some("field--error")
        ),
        path,
        id,
    };

    match &field.kind {
        FieldKind::Content { text, style } => content_html(&ctx, text.get(ctx.lang), *style),
        FieldKind::Computed { .. } => computed_html(&ctx),
        FieldKind::Date => date_html(&ctx),
        FieldKind::Choice {
            options,
            display: ChoiceDisplay::Radio,
        } => radios_html(&ctx, options),
        FieldKind::Choice {
            options,
            display: ChoiceDisplay::Select,
        } => select_html(&ctx, options),
        FieldKind::YesNo => yes_no_html(&ctx),
        FieldKind::MultipleChoice { options, .. } => checkboxes_html(&ctx, options),
        FieldKind::Checkbox => checkbox_html(&ctx),
        FieldKind::TextArea => text_area_html(&ctx),
        FieldKind::File {
            accept,
            max_size_bytes,
            max_count,
        } => file_html(&ctx, accept, *max_size_bytes, *max_count),
        FieldKind::Address { with_country } => address_html(&ctx, *with_country),
        FieldKind::Group {
            fields,
            min_items,
            max_items,
        } => group_html(&ctx, fields, *min_items, *max_items),
        FieldKind::Text
        | FieldKind::Email
        | FieldKind::Phone
        | FieldKind::Integer
        | FieldKind::Decimal { .. }
        | FieldKind::Money
        | FieldKind::Time
        | FieldKind::PostalCode
        | FieldKind::Iban
        | FieldKind::TaxId => text_input_html(&ctx),
    }
}

fn text_callbacks(
    on_change: &Callback<(RawValue, bool)>,
) -> (Callback<InputEvent>, Callback<Event>) {
    let oninput = on_change.reform(|event: InputEvent| {
        let input: HtmlInputElement = event.target_unchecked_into();
        (RawValue::Text(input.value()), false)
    });
    let onchange = on_change.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        (RawValue::Text(input.value()), true)
    });
    (oninput, onchange)
}

/// Single-line inputs: text, e-mail, telephone, numbers, money, time, postal code, IBAN, tax ID.
fn text_input_html(ctx: &Ctx<'_>) -> Html {
    let field = ctx.field;
    let kind = &field.kind;
    let id = ctx.control_id();
    let (oninput, onchange) = text_callbacks(&ctx.props.on_change);
    let input_type = match kind {
        FieldKind::Email => "email",
        FieldKind::Phone => "tel",
        _ => "text",
    };
    let width = match kind {
        FieldKind::Integer | FieldKind::Decimal { .. } | FieldKind::Money => Some("input--short"),
        FieldKind::PostalCode | FieldKind::Time => Some("input--width-5"),
        FieldKind::Phone | FieldKind::TaxId => Some("input--medium"),
        FieldKind::Iban => Some("input--long"),
        _ => None,
    };
    let no_spellcheck = matches!(kind, FieldKind::Email | FieldKind::Iban | FieldKind::TaxId);
    let is_money = matches!(kind, FieldKind::Money);
    // The "€" after the input is hidden from screen readers (GOV.UK prefix/suffix pattern), so
    // the unit goes into the accessible name unless the label already says it.
    let label = field.label.get(ctx.lang).to_lowercase();
    let unit = (is_money && !label.contains("euro") && !label.contains('€'))
        .then(|| format!(" ({})", Msg::InEuro.text(ctx.lang)));
    let input = html! {
        <input
            class={classes!("input", width)}
            type={input_type}
            id={id.clone()}
            name={ctx.id.clone()}
            value={ctx.text()}
            autocomplete={field.autocomplete().map(str::to_owned)}
            inputmode={kind.input_mode()}
            spellcheck={no_spellcheck.then_some("false")}
            autocapitalize={matches!(kind, FieldKind::Iban).then_some("characters")}
            aria-describedby={ctx.described.describedby()}
            aria-invalid={ctx.invalid()}
            aria-required={ctx.aria_required()}
            {oninput}
            {onchange}
        />
    };
    html! {
        <div class={ctx.class.clone()}>
            <label class="field-label" for={id}>
                { label_text(field, ctx.lang) }
                if let Some(unit) = unit {
                    <span class="visually-hidden">{ unit }</span>
                }
            </label>
            { ctx.hint() }
            { ctx.error() }
            if is_money {
                <div class="input-with-suffix">
                    { input }
                    <span class="input-suffix" aria-hidden="true">{ "€" }</span>
                </div>
            } else {
                { input }
            }
        </div>
    }
}

fn text_area_html(ctx: &Ctx<'_>) -> Html {
    let field = ctx.field;
    let id = ctx.control_id();
    let oninput = ctx.props.on_change.reform(|event: InputEvent| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        (RawValue::Text(area.value()), false)
    });
    let onchange = ctx.props.on_change.reform(|event: Event| {
        let area: HtmlTextAreaElement = event.target_unchecked_into();
        (RawValue::Text(area.value()), true)
    });
    html! {
        <div class={ctx.class.clone()}>
            <label class="field-label" for={id.clone()}>{ label_text(field, ctx.lang) }</label>
            { ctx.hint() }
            { ctx.error() }
            <textarea
                class="textarea"
                {id}
                name={ctx.id.clone()}
                rows="5"
                value={ctx.text()}
                autocomplete={field.autocomplete().map(str::to_owned)}
                aria-describedby={ctx.described.describedby()}
                aria-invalid={ctx.invalid()}
                aria-required={ctx.aria_required()}
                {oninput}
                {onchange}
            />
        </div>
    }
}

fn date_html(ctx: &Ctx<'_>) -> Html {
    let (day, month, year) = match &ctx.props.value {
        Some(RawValue::Date { day, month, year }) => (day.clone(), month.clone(), year.clone()),
        _ => Default::default(),
    };
    html! {
        <div class={ctx.class.clone()}>
            <DateInput
                key_name={ctx.id.clone()}
                legend={label_text(ctx.field, ctx.lang)}
                hint={ctx.hint()}
                error={ctx.error()}
                describedby={ctx.described.describedby()}
                invalid={ctx.props.error.is_some()}
                required={ctx.field.required}
                autocomplete={ctx.field.autocomplete().map(str::to_owned)}
                {day} {month} {year}
                lang={ctx.lang}
                on_change={ctx.props.on_change.clone()}
            />
        </div>
    }
}

/// One radio button; `checked` and the raw value it stands for are decided by the caller.
fn radio_html(
    ctx: &Ctx<'_>,
    index: usize,
    label: &str,
    value: &str,
    checked: bool,
    raw: RawValue,
) -> Html {
    let id = format!("field-{}-{}", ctx.id, index + 1);
    let onchange = ctx
        .props
        .on_change
        .reform(move |_: Event| (raw.clone(), true));
    html! {
        <div class="radio">
            <input
                class="radio-input"
                type="radio"
                id={id.clone()}
                name={ctx.id.clone()}
                value={value.to_owned()}
                {checked}
                aria-describedby={ctx.described.describedby()}
                aria-invalid={ctx.invalid()}
                {onchange}
            />
            <label class="radio-label" for={id}>{ label.to_owned() }</label>
        </div>
    }
}

fn radios_html(ctx: &Ctx<'_>, options: &[ChoiceOption]) -> Html {
    let selected = ctx.text();
    let radios = options.iter().enumerate().map(|(index, option)| {
        radio_html(
            ctx,
            index,
            option.label.get(ctx.lang),
            &option.value,
            option.value == selected,
            RawValue::Text(option.value.clone()),
        )
    });
    fieldset_html(
        ctx,
        html! {
            <div class="radios">{ for radios }</div>
        },
    )
}

/// Yes or no as two radios side by side; the answer is a boolean.
fn yes_no_html(ctx: &Ctx<'_>) -> Html {
    let current = match ctx.props.value {
        Some(RawValue::Checked(value)) => Some(value),
        _ => None,
    };
    fieldset_html(
        ctx,
        html! {
            <div class="radios radios--inline">
                { radio_html(ctx, 0, &Msg::Yes.text(ctx.lang), "ja", current == Some(true), RawValue::Checked(true)) }
                { radio_html(ctx, 1, &Msg::No.text(ctx.lang), "nein", current == Some(false), RawValue::Checked(false)) }
            </div>
        },
    )
}

/// Several answers as checkboxes in a fieldset; no `aria-required` on checkboxes (axe forbids
/// it there), the legend says "(optional)" instead.
fn checkboxes_html(ctx: &Ctx<'_>, options: &[ChoiceOption]) -> Html {
    let selected: Vec<String> = match &ctx.props.value {
        Some(RawValue::Choices(values)) => values.clone(),
        _ => Vec::new(),
    };
    let boxes = options.iter().enumerate().map(|(index, option)| {
        let id = format!("field-{}-{}", ctx.id, index + 1);
        let onchange = {
            let (options, selected, value) =
                (options.to_vec(), selected.clone(), option.value.clone());
            ctx.props.on_change.reform(move |event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                // The other boxes as they are on the page (see `browser::inputs_around`).
                let boxes = browser::inputs_around(&input, "fieldset");
                let ticked = |option: &ChoiceOption| {
                    if option.value == value {
                        return input.checked();
                    }
                    boxes
                        .iter()
                        .find(|other| other.value() == option.value)
                        .map_or_else(
                            || selected.contains(&option.value),
                            HtmlInputElement::checked,
                        )
                };
                // Keep the offered order, whatever order the boxes were ticked in.
                let values = options
                    .iter()
                    .filter(|option| ticked(option))
                    .map(|option| option.value.clone())
                    .collect();
                (RawValue::Choices(values), true)
            })
        };
        html! {
            <div class="checkbox">
                <input
                    class="checkbox-input"
                    type="checkbox"
                    id={id.clone()}
                    name={ctx.id.clone()}
                    value={option.value.clone()}
                    checked={selected.contains(&option.value)}
                    aria-describedby={ctx.described.describedby()}
                    aria-invalid={ctx.invalid()}
                    {onchange}
                />
                <label class="checkbox-label" for={id}>{ option.label.get(ctx.lang) }</label>
            </div>
        }
    });
    fieldset_html(
        ctx,
        html! {
            <div class="checkboxes">{ for boxes }</div>
        },
    )
}

fn checkbox_html(ctx: &Ctx<'_>) -> Html {
    let id = ctx.control_id();
    let checked = matches!(ctx.props.value, Some(RawValue::Checked(true)));
    let onchange = ctx.props.on_change.reform(|event: Event| {
        let input: HtmlInputElement = event.target_unchecked_into();
        (RawValue::Checked(input.checked()), true)
    });
    html! {
        <div class={ctx.class.clone()}>
            { ctx.error() }
            <div class="checkbox">
                <input
                    class="checkbox-input"
                    type="checkbox"
                    id={id.clone()}
                    name={ctx.id.clone()}
                    {checked}
                    aria-describedby={ctx.described.describedby()}
                    aria-invalid={ctx.invalid()}
                    aria-required={ctx.aria_required()}
                    {onchange}
                />
                <label class="checkbox-label" for={id}>{ label_text(ctx.field, ctx.lang) }</label>
            </div>
            { ctx.hint() }
        </div>
    }
}

fn select_html(ctx: &Ctx<'_>, options: &[ChoiceOption]) -> Html {
    let id = ctx.control_id();
    let text = ctx.text();
    let onchange = ctx.props.on_change.reform(|event: Event| {
        let select: HtmlSelectElement = event.target_unchecked_into();
        (RawValue::Text(select.value()), true)
    });
    html! {
        <div class={ctx.class.clone()}>
            <label class="field-label" for={id.clone()}>{ label_text(ctx.field, ctx.lang) }</label>
            { ctx.hint() }
            { ctx.error() }
            <select
                class="select"
                {id}
                name={ctx.id.clone()}
                autocomplete={ctx.field.autocomplete().map(str::to_owned)}
                aria-describedby={ctx.described.describedby()}
                aria-invalid={ctx.invalid()}
                aria-required={ctx.aria_required()}
                {onchange}
            >
                <option value="" selected={text.is_empty()}>{ Msg::PleaseSelect.text(ctx.lang) }</option>
                { for options.iter().map(|option| html! {
                    <option value={option.value.clone()} selected={option.value == text}>
                        { option.label.get(ctx.lang) }
                    </option>
                }) }
            </select>
        </div>
    }
}

/// A readable name for a media type: `application/pdf` → `PDF`, `image/*` → `Bilder`.
fn media_type_name(media_type: &str, lang: Lang) -> String {
    match media_type.split_once('/') {
        Some((family, "*")) => match (family, lang) {
            ("image", Lang::En) => "images".to_owned(),
            ("image", _) => "Bilder".to_owned(),
            (family, _) => format!("{family}/*"),
        },
        Some((_, subtype)) => {
            let subtype = subtype.rsplit(['.', '+']).next().unwrap_or(subtype);
            subtype.to_ascii_uppercase()
        }
        None => media_type.to_ascii_uppercase(),
    }
}

/// A file field: label, a hint with the allowed types and limits, and the [`FileUpload`] control
/// that uploads each chosen file at once.
fn file_html(ctx: &Ctx<'_>, accept: &[String], max_size_bytes: u64, max_count: usize) -> Html {
    let id = ctx.control_id();
    let lang = ctx.lang;
    let files = match &ctx.props.value {
        Some(RawValue::Files(files)) => files.clone(),
        _ => Vec::new(),
    };
    let types = (!accept.is_empty()).then(|| {
        let names: Vec<String> = accept
            .iter()
            .map(|media| media_type_name(media, lang))
            .collect();
        format!("{} {}.", Msg::AllowedFileTypes.text(lang), names.join(", "))
    });
    let limits = Msg::FileLimits {
        // Rounded down: "höchstens 10 MB" must hold for a limit of 10.4 MB.
        max_megabytes: max_size_bytes / 1_000_000,
        max_count,
    }
    .text(lang);
    html! {
        <div class={ctx.class.clone()}>
            <label class="field-label" for={id.clone()}>{ label_text(ctx.field, lang) }</label>
            <div class="field-hint" id={format!("{}-hint", ctx.id)}>
                if let Some(hint) = &ctx.field.hint {
                    <span class="field-hint-line">{ hint.get(lang) }</span>
                }
                if let Some(types) = types {
                    <span class="field-hint-line">{ types }</span>
                }
                <span class="field-hint-line">{ limits }</span>
                <span class="field-hint-line">{ Msg::ChooseFiles.text(lang) }</span>
            </div>
            { ctx.error() }
            <FileUpload
                field={ctx.field.clone()}
                {lang}
                path={FieldPath::from(ctx.path.as_str())}
                {id}
                describedby={ctx.described.describedby()}
                invalid={ctx.invalid()}
                files={files}
                on_change={ctx.props.on_change.clone()}
            />
        </div>
    }
}

/// An address as a fieldset of labelled inputs with their autocomplete tokens; each part can
/// carry its own error (`<path>.street` …).
fn address_html(ctx: &Ctx<'_>, with_country: bool) -> Html {
    let parts: BTreeMap<String, String> = match &ctx.props.value {
        Some(RawValue::Parts(parts)) => parts.clone(),
        _ => BTreeMap::new(),
    };
    let inputs = address_parts(with_country, ctx.lang)
        .into_iter()
        .map(|(part, label, token)| {
            let part_id = format!("{}-{part}", ctx.id);
            let id = format!("field-{part_id}");
            let part_path = format!("{}.{part}", ctx.path);
            let error = ctx
                .props
                .part_errors
                .iter()
                .find(|error| error.path == part_path)
                .map(|error| error.message.clone());
            let error_id = format!("{part_id}-error");
            let with_part = {
                let (base, part) = (parts.clone(), part.to_owned());
                let prefix = format!("field-{}-", ctx.id);
                move |input: &HtmlInputElement| {
                    let mut parts = base.clone();
                    // The other parts as they are on the page (see `browser::inputs_around`).
                    for other in browser::inputs_around(input, ".address") {
                        if let Some(other_part) = other.id().strip_prefix(&prefix) {
                            parts.insert(other_part.to_owned(), other.value());
                        }
                    }
                    parts.insert(part.clone(), input.value());
                    RawValue::Parts(parts)
                }
            };
            let oninput = {
                let with_part = with_part.clone();
                ctx.props.on_change.reform(move |event: InputEvent| {
                    let input: HtmlInputElement = event.target_unchecked_into();
                    (with_part(&input), false)
                })
            };
            let onchange = ctx.props.on_change.reform(move |event: Event| {
                let input: HtmlInputElement = event.target_unchecked_into();
                (with_part(&input), true)
            });
            let optional = part == "country";
            let width = match part {
                "house_number" | "postal_code" => Some("input--width-5"),
                _ => None,
            };
            let numeric = part == "postal_code" && !with_country;
            html! {
                <div class="address-part">
                    <label class="address-label" for={id.clone()}>
                        { label }
                        if optional {
                            { format!(" {}", Msg::Optional.text(ctx.lang)) }
                        }
                    </label>
                    { error_html(&error_id, error.as_deref(), ctx.lang) }
                    <input
                        class={classes!("input", width)}
                        type="text"
                        {id}
                        name={part_id.clone()}
                        value={parts.get(part).cloned().unwrap_or_default()}
                        autocomplete={token}
                        inputmode={numeric.then_some("numeric")}
                        aria-describedby={ctx.described.describedby_with(error.is_some().then_some(error_id.as_str()))}
                        aria-invalid={(ctx.props.error.is_some() || error.is_some()).then_some("true")}
                        aria-required={(ctx.field.required && !optional).then_some("true")}
                        {oninput}
                        {onchange}
                    />
                </div>
            }
        });
    fieldset_html(
        ctx,
        html! {
            <div class="address">{ for inputs }</div>
        },
    )
}

/// A repeatable group: a fieldset per item ("Hund 1", "Hund 2" …) with the child fields and a
/// remove button, and an add button while fewer than `max_items` items exist.
fn group_html(ctx: &Ctx<'_>, fields: &[Field], min_items: usize, max_items: usize) -> Html {
    let lang = ctx.lang;
    let label = ctx.field.label.get(lang).to_owned();
    let items = group_items(ctx.field, ctx.props.value.as_ref());
    let add_id = format!("field-{}-add", ctx.id);
    let on_change = &ctx.props.on_change;
    let on_focus = &ctx.props.on_focus;
    let rendered = items.iter().enumerate().map(|(index, item)| {
        let item_path = format!("{}[{index}]", ctx.path);
        let state = ctx.props.items.get(index);
        let children = fields.iter().filter(|child| {
            // A child hidden by its condition in this item is not shown (its answer is dropped).
            !state.is_some_and(|state| state.hidden.contains(&child.key))
        });
        let children = children.map(|child| {
            let child_path = format!("{item_path}.{}", child.key);
            let error = ctx
                .props
                .part_errors
                .iter()
                .find(|error| error.path == child_path)
                .map(|error| error.message.clone());
            let part_errors: Vec<ShownError> = ctx
                .props
                .part_errors
                .iter()
                .filter(|error| {
                    error
                        .path
                        .strip_prefix(&child_path)
                        .is_some_and(|rest| rest.starts_with(['.', '[']))
                })
                .cloned()
                .collect();
            let child_change = match &ctx.props.on_item_change {
                Some(on_item_change) => {
                    let key = child.key.clone();
                    on_item_change.reform(move |(value, commit): (RawValue, bool)| {
                        (index, key.clone(), value, commit)
                    })
                }
                None => {
                    let (items, key) = (items.clone(), child.key.clone());
                    on_change.reform(move |(value, commit): (RawValue, bool)| {
                        let mut items = items.clone();
                        if let Some(item) = items.get_mut(index) {
                            item.insert(key.clone(), value);
                        }
                        (RawValue::Items(items), commit)
                    })
                }
            };
            html! {
                <FieldInput
                    key={child.key.to_string()}
                    field={child.clone()}
                    {lang}
                    path={child_path}
                    value={item.get(&child.key).cloned()}
                    {error}
                    {part_errors}
                    computed={state.and_then(|state| state.computed.get(&child.key)).cloned()}
                    on_change={child_change}
                    on_focus={on_focus.clone()}
                />
            }
        });
        let number = index + 1;
        // While a file of the group is on its way, items keep their places: removing one would
        // move the finished file to the wrong item.
        let remove = (items.len() > min_items && !ctx.props.group_uploading).then(|| {
            let onclick = {
                let (items, on_change, on_focus, add_id) = (
                    items.clone(),
                    on_change.clone(),
                    on_focus.clone(),
                    add_id.clone(),
                );
                Callback::from(move |_: MouseEvent| {
                    let mut items = items.clone();
                    items.remove(index);
                    on_change.emit((RawValue::Items(items), true));
                    // The button is gone; "add" is always there after a removal.
                    on_focus.emit(add_id.clone());
                })
            };
            html! {
                <button type="button" class="button button--secondary" {onclick}>
                    { Msg::RemoveEntry.text(lang) }
                    <span class="visually-hidden">{ format!(" {label} {number}") }</span>
                </button>
            }
        });
        html! {
            <fieldset class="group-item" key={index.to_string()}>
                <legend class="group-item-legend">{ format!("{label} {number}") }</legend>
                { for children }
                { remove.unwrap_or_default() }
            </fieldset>
        }
    });
    let add = (items.len() < max_items).then(|| {
        let onclick = {
            let (items, on_change, on_focus) = (items.clone(), on_change.clone(), on_focus.clone());
            let (path, fields, add_id) = (ctx.path.clone(), fields.to_vec(), add_id.clone());
            Callback::from(move |_: MouseEvent| {
                let mut items = items.clone();
                items.push(GroupItem::new());
                let index = items.len() - 1;
                on_change.emit((RawValue::Items(items), true));
                // Continue in the new item.
                let target = first_input(&fields).map_or_else(
                    || add_id.clone(),
                    |child| control_id_in(child, &format!("{path}[{index}].{}", child.key), None),
                );
                on_focus.emit(target);
            })
        };
        html! {
            <button type="button" class="button button--secondary" id={add_id.clone()} {onclick}>
                { Msg::AddEntry.text(lang) }
                <span class="visually-hidden">{ format!(" ({label})") }</span>
            </button>
        }
    });
    fieldset_html(
        ctx,
        html! {
            <>
                { for rendered }
                { add.unwrap_or_default() }
            </>
        },
    )
}

/// A computed value, read-only in an `<output>` (announced politely when it changes).
fn computed_html(ctx: &Ctx<'_>) -> Html {
    let id = ctx.control_id();
    let value = ctx
        .props
        .computed
        .as_ref()
        .map(|value| display_typed(ctx.field, value, ctx.lang));
    html! {
        <div class={ctx.class.clone()}>
            <label class="field-label" for={id.clone()}>{ ctx.field.label.get(ctx.lang) }</label>
            { ctx.hint() }
            <output
                class={classes!("computed", value.is_none().then_some("computed--empty"))}
                {id}
                aria-describedby={ctx.described.describedby()}
            >
                { value.unwrap_or_else(|| Msg::NotYetCalculated.text(ctx.lang)) }
            </output>
        </div>
    }
}

/// Static content: a sub-heading, a paragraph, or an info or warning box whose role and a
/// hidden "Hinweis:"/"Warnung:" prefix tell screen-reader users what kind of box it is.
fn content_html(ctx: &Ctx<'_>, text: &str, style: ContentStyle) -> Html {
    let heading = ctx.field.label.get(ctx.lang).trim().to_owned();
    let text = text.to_owned();
    match style {
        ContentStyle::Heading => {
            let (title, body) = if heading.is_empty() {
                (text, String::new())
            } else {
                (heading, text)
            };
            html! {
                <div class="content">
                    <h3 class="content-heading">{ title }</h3>
                    if !body.trim().is_empty() {
                        <p class="content-text">{ body }</p>
                    }
                </div>
            }
        }
        ContentStyle::Paragraph => html! {
            <div class="content">
                if !heading.is_empty() {
                    <h3 class="content-heading">{ heading }</h3>
                }
                <p class="content-text">{ text }</p>
            </div>
        },
        ContentStyle::Info | ContentStyle::Warning => {
            let (class, prefix) = if style == ContentStyle::Info {
                ("callout--info", Msg::InfoPrefix)
            } else {
                ("callout--warning", Msg::WarningPrefix)
            };
            let prefix = html! {
                <span class="visually-hidden">{ format!("{} ", prefix.text(ctx.lang)) }</span>
            };
            html! {
                <div class={classes!("callout", class)} role="note">
                    if heading.is_empty() {
                        <p class="content-text">{ prefix }{ text }</p>
                    } else {
                        <h3 class="callout-title">{ prefix }{ heading }</h3>
                        <p class="content-text">{ text }</p>
                    }
                </div>
            }
        }
    }
}

/// A question made of several controls: a fieldset whose legend is the label, with hint and error
/// before `body`.
fn fieldset_html(ctx: &Ctx<'_>, body: Html) -> Html {
    html! {
        <div class={ctx.class.clone()}>
            <fieldset class="fieldset">
                { ctx.legend() }
                { ctx.hint() }
                { ctx.error() }
                { body }
            </fieldset>
        </div>
    }
}

fn hint_html(field: &Field, id: &str, lang: Lang) -> Html {
    let text = match (&field.hint, &field.kind) {
        (Some(hint), _) => hint.get(lang).to_owned(),
        (None, FieldKind::Time) => Msg::TimeHint.text(lang),
        (None, _) => return Html::default(),
    };
    html! {
        <div class="field-hint" id={format!("{id}-hint")}>{ text }</div>
    }
}

/// The inline message; the hidden prefix makes "Fehler:" part of what screen readers announce.
fn error_html(id: &str, error: Option<&str>, lang: Lang) -> Html {
    match error {
        Some(message) => html! {
            <p class="field-error" id={id.to_owned()}>
                <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                { message.to_owned() }
            </p>
        },
        None => Html::default(),
    }
}

#[cfg(test)]
mod tests {
    use shared::LocalizedText;

    use super::*;

    fn field(key: &str, kind: FieldKind) -> Field {
        Field {
            key: key.parse().unwrap(),
            label: LocalizedText::de(key),
            hint: None,
            kind,
            required: true,
            required_if: None,
            visible_if: None,
            rules: Vec::new(),
            autocomplete: None,
        }
    }

    #[test]
    fn describedby_lists_only_rendered_ids_hint_first() {
        let mut field = field("fundort", FieldKind::Text);
        assert_eq!(Described::new(&field, "fundort", false).describedby(), None);
        assert_eq!(
            Described::new(&field, "fundort", true)
                .describedby()
                .as_deref(),
            Some("fundort-error")
        );
        field.hint = Some(LocalizedText::de("Straße oder Gebäude"));
        assert_eq!(
            Described::new(&field, "fundort", true)
                .describedby()
                .as_deref(),
            Some("fundort-hint fundort-error")
        );
        assert_eq!(control_id(&field), "field-fundort");
        field.kind = FieldKind::Date;
        assert_eq!(control_id(&field), "field-fundort-day");
    }

    #[test]
    fn paths_become_ids_and_errors_find_their_controls() {
        assert_eq!(dom_id("hunde[1].name"), "hunde-1-name");
        assert_eq!(dom_id("anschrift.street"), "anschrift-street");
        let address = field(
            "anschrift",
            FieldKind::Address {
                with_country: false,
            },
        );
        assert_eq!(control_id(&address), "field-anschrift-street");
        assert_eq!(
            error_target(&address, "anschrift", None, "anschrift.city"),
            "field-anschrift-city"
        );
        let group = field(
            "hunde",
            FieldKind::Group {
                fields: vec![
                    field(
                        "hinweis",
                        FieldKind::Content {
                            text: LocalizedText::de("Text"),
                            style: ContentStyle::Info,
                        },
                    ),
                    field("name", FieldKind::Text),
                    field("geboren", FieldKind::Date),
                ],
                min_items: 1,
                max_items: 3,
            },
        );
        assert_eq!(control_id(&group), "field-hunde-0-name");
        assert_eq!(
            error_target(&group, "hunde", None, "hunde[1].geboren"),
            "field-hunde-1-geboren-day"
        );
        assert_eq!(
            error_target(&group, "hunde", Some(&RawValue::Items(Vec::new())), "hunde"),
            "field-hunde-add"
        );
    }
}
