#![cfg(not(target_arch = "wasm32"))]
//! Host render tests: the markup of the accessible form pattern (standards.md §4.3), rendered
//! with Yew's server renderer. Interaction (focus, clicks) is covered by the e2e suite.

use std::collections::BTreeMap;

use frontend::components::error_summary::{ErrorSummary, ErrorSummaryProps, SummaryItem};
use frontend::components::field_input::{
    FieldInput, FieldInputProps, ShownError, control_id, error_target,
};
use frontend::components::summary_list::{SummaryList, SummaryListProps, SummaryRow};
use frontend::draft::{Draft, GroupItem, RawValue};
use shared::logic::Decimal;
use shared::schema::{ComputedDisplay, ContentStyle, Expression};
use shared::{
    CalendarDate, ChoiceDisplay, ChoiceOption, CompiledForm, Field, FieldError, FieldErrorKind,
    FieldKind, FormDefinition, Lang, LocalizedText, Page, TypedValue,
};
use yew::{Callback, LocalServerRenderer};

fn field(key: &str, label: &str, kind: FieldKind, required: bool) -> Field {
    Field {
        key: key.parse().expect("a valid field key"),
        label: LocalizedText::new(label, label),
        hint: None,
        kind,
        required,
        required_if: None,
        visible_if: None,
        rules: Vec::new(),
        autocomplete: None,
    }
}

fn props(field: Field, value: Option<RawValue>, error: Option<String>) -> FieldInputProps {
    FieldInputProps {
        field,
        lang: Lang::De,
        path: None,
        value,
        error,
        part_errors: Vec::new(),
        computed: None,
        items: Vec::new(),
        on_change: Callback::noop(),
        on_focus: Callback::noop(),
        on_item_change: None,
        group_uploading: false,
    }
}

async fn render_props(props: FieldInputProps) -> String {
    LocalServerRenderer::<FieldInput>::with_props(props)
        .hydratable(false)
        .render()
        .await
}

async fn render_field(field: Field, value: Option<RawValue>, error: Option<String>) -> String {
    render_props(props(field, value, error)).await
}

/// The text of the `<label for="<id>">`.
fn label_for(html: &str, id: &str) -> String {
    let at = html
        .find(&format!("for=\"{id}\""))
        .unwrap_or_else(|| panic!("no label for {id} in {html}"));
    let start = html[..at].rfind("<label").expect("a <label> before for=");
    let open_end = at + html[at..].find('>').expect("the end of the label tag") + 1;
    let close = open_end + html[open_end..].find("</label>").expect("</label>");
    assert!(html[start..open_end].starts_with("<label"), "{html}");
    html[open_end..close].to_owned()
}

/// The opening tag of the first element with `id="<id>"`.
fn tag_with_id<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element with id {id} in {html}"));
    let start = html[..at].rfind('<').expect("the start of the tag");
    let end = at + html[at..].find('>').expect("the end of the tag");
    &html[start..=end]
}

#[tokio::test]
async fn required_text_field_with_hint_and_error_is_fully_described() {
    let mut fundort = field("fundort", "Fundort", FieldKind::Text, true);
    fundort.hint = Some(LocalizedText::de("Straße oder Gebäude"));
    fundort.autocomplete = Some("street-address".into());
    let message = FieldError::new(&fundort, FieldErrorKind::Required)
        .message
        .de;
    let html = render_field(
        fundort,
        Some(RawValue::Text("Rat".into())),
        Some(message.clone()),
    )
    .await;

    assert_eq!(label_for(&html, "field-fundort"), "Fundort");
    assert!(!html.contains("Fundort:"), "no colon after labels");
    let input = tag_with_id(&html, "field-fundort");
    assert!(input.starts_with("<input"), "{input}");
    assert!(
        input.contains(r#"aria-describedby="fundort-hint fundort-error""#),
        "{input}"
    );
    assert!(input.contains(r#"aria-invalid="true""#), "{input}");
    assert!(input.contains(r#"aria-required="true""#), "{input}");
    assert!(
        input.contains(r#"autocomplete="street-address""#),
        "{input}"
    );
    assert!(
        input.contains(r#"value="Rat""#),
        "entered values stay: {input}"
    );
    assert!(
        !input.contains(" required"),
        "never the required attribute: {input}"
    );
    assert!(html.contains(r#"id="fundort-hint""#));
    let error = tag_with_id(&html, "fundort-error");
    assert!(error.starts_with("<p"), "{error}");
    assert!(
        html.contains(&format!(
            r#"<span class="visually-hidden">Fehler: </span>{message}</p>"#
        )),
        "{html}"
    );
}

#[tokio::test]
async fn optional_email_field_is_marked_optional_and_not_invalid() {
    let mut email = field("email", "E-Mail-Adresse", FieldKind::Email, false);
    email.autocomplete = Some("email".into());
    let html = render_field(email, None, None).await;

    assert_eq!(label_for(&html, "field-email"), "E-Mail-Adresse (optional)");
    let input = tag_with_id(&html, "field-email");
    assert!(input.contains(r#"type="email""#), "{input}");
    assert!(input.contains(r#"inputmode="email""#), "{input}");
    assert!(input.contains(r#"spellcheck="false""#), "{input}");
    assert!(input.contains(r#"autocomplete="email""#), "{input}");
    assert!(!input.contains("aria-invalid"), "{input}");
    assert!(!input.contains("aria-required"), "{input}");
    assert!(
        !input.contains("aria-describedby"),
        "no hint, no error, no ids: {input}"
    );
    assert!(!html.contains("email-error"));
}

#[tokio::test]
async fn integer_field_is_a_numeric_text_input() {
    let html = render_field(
        field("anzahl", "Anzahl", FieldKind::Integer, true),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-anzahl");
    assert!(input.contains(r#"type="text""#), "{input}");
    assert!(input.contains(r#"inputmode="numeric""#), "{input}");
}

#[tokio::test]
async fn date_field_is_a_fieldset_of_three_labelled_numeric_inputs() {
    let mut datum = field("funddatum", "Funddatum", FieldKind::Date, true);
    datum.hint = Some(LocalizedText::de("Zum Beispiel 27 3 2026"));
    let message = FieldError::new(&datum, FieldErrorKind::InvalidDate)
        .message
        .de;
    let value = RawValue::Date {
        day: "31".into(),
        month: "2".into(),
        year: "2026".into(),
    };
    let html = render_field(datum.clone(), Some(value), Some(message)).await;

    assert!(html.contains(">Funddatum</legend>"), "{html}");
    assert_eq!(control_id(&datum), "field-funddatum-day");
    for (part, label, value) in [
        ("day", "Tag", "31"),
        ("month", "Monat", "2"),
        ("year", "Jahr", "2026"),
    ] {
        assert_eq!(label_for(&html, &format!("field-funddatum-{part}")), label);
        let input = tag_with_id(&html, &format!("field-funddatum-{part}"));
        assert!(input.contains(r#"inputmode="numeric""#), "{input}");
        assert!(input.contains(&format!(r#"value="{value}""#)), "{input}");
        assert!(
            input.contains(r#"aria-describedby="funddatum-hint funddatum-error""#),
            "{input}"
        );
        assert!(input.contains(r#"aria-invalid="true""#), "{input}");
    }
}

#[tokio::test]
async fn radio_choice_is_a_fieldset_whose_first_radio_is_the_error_target() {
    let options = vec![
        ChoiceOption {
            value: "rad".into(),
            label: LocalizedText::de("Fahrrad"),
        },
        ChoiceOption {
            value: "tasche".into(),
            label: LocalizedText::de("Tasche"),
        },
    ];
    let art = field(
        "art",
        "Art der Fundsache",
        FieldKind::Choice {
            options,
            display: ChoiceDisplay::Radio,
        },
        true,
    );
    let html = render_field(art.clone(), Some(RawValue::Text("tasche".into())), None).await;

    assert!(html.contains(">Art der Fundsache</legend>"), "{html}");
    assert_eq!(control_id(&art), "field-art-1");
    assert!(tag_with_id(&html, "field-art-1").contains(r#"type="radio""#));
    assert_eq!(label_for(&html, "field-art-1"), "Fahrrad");
    assert_eq!(label_for(&html, "field-art-2"), "Tasche");
    assert!(
        tag_with_id(&html, "field-art-2").contains("checked"),
        "the chosen option stays checked"
    );
}

#[tokio::test]
async fn select_choice_starts_with_an_empty_please_select_option() {
    let options = vec![ChoiceOption {
        value: "a".into(),
        label: LocalizedText::de("Alpha"),
    }];
    let html = render_field(
        field(
            "wahl",
            "Auswahl",
            FieldKind::Choice {
                options,
                display: ChoiceDisplay::Select,
            },
            false,
        ),
        None,
        None,
    )
    .await;
    assert!(
        tag_with_id(&html, "field-wahl").starts_with("<select"),
        "{html}"
    );
    assert!(
        html.contains(r#"<option value="" selected="selected">Bitte auswählen</option>"#),
        "{html}"
    );
}

#[tokio::test]
async fn checkbox_has_its_label_after_the_box() {
    let html = render_field(
        field("zustimmung", "Ich stimme zu", FieldKind::Checkbox, true),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-zustimmung");
    assert!(input.contains(r#"type="checkbox""#), "{input}");
    assert!(input.contains(r#"aria-required="true""#), "{input}");
    assert_eq!(label_for(&html, "field-zustimmung"), "Ich stimme zu");
}

#[tokio::test]
async fn error_summary_links_target_controls_with_the_inline_message() {
    let fundort = field("fundort", "Fundort", FieldKind::Text, true);
    let datum = field("funddatum", "Funddatum", FieldKind::Date, true);
    let errors = [
        (
            fundort.clone(),
            FieldError::new(&fundort, FieldErrorKind::Required),
        ),
        (
            datum.clone(),
            FieldError::new(&datum, FieldErrorKind::InvalidDate),
        ),
    ];
    let items = errors
        .iter()
        .map(|(field, error)| SummaryItem {
            target: control_id(field),
            message: error.message.get(Lang::De).to_owned(),
        })
        .collect();
    let html = LocalServerRenderer::<ErrorSummary>::with_props(ErrorSummaryProps {
        items,
        lang: Lang::De,
    })
    .hydratable(false)
    .render()
    .await;

    let container = tag_with_id(&html, "error-summary");
    assert!(container.contains(r#"tabindex="-1""#), "{container}");
    assert!(
        container.contains(r#"data-testid="error-summary""#),
        "{container}"
    );
    assert!(html.contains(">Es gibt ein Problem</h2>"), "{html}");
    for (field, error) in &errors {
        let link = format!(
            r##"<a href="#{}">{}</a>"##,
            control_id(field),
            error.message.de
        );
        assert!(html.contains(&link), "{link} in {html}");

        // The same text appears in the field's inline error.
        let inline = render_field(field.clone(), None, Some(error.message.de.clone())).await;
        assert!(
            inline.contains(&format!("</span>{}</p>", error.message.de)),
            "{inline}"
        );
    }
    assert!(
        html.contains(r##"href="#field-funddatum-day""##),
        "date errors point at the day input"
    );
}

#[tokio::test]
async fn empty_error_summary_renders_nothing() {
    let html = LocalServerRenderer::<ErrorSummary>::with_props(ErrorSummaryProps {
        items: Vec::new(),
        lang: Lang::De,
    })
    .hydratable(false)
    .render()
    .await;
    assert_eq!(html, "");
}

async fn render_summary(rows: Vec<SummaryRow>) -> String {
    LocalServerRenderer::<SummaryList>::with_props(SummaryListProps {
        rows,
        lang: Lang::De,
        on_change: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await
}

#[tokio::test]
async fn summary_list_change_buttons_name_the_question() {
    let rows = vec![SummaryRow {
        key: "fundort".parse().unwrap(),
        label: "Fundort".into(),
        answer: "Rathaus".into(),
        changeable: true,
    }];
    let html = render_summary(rows).await;
    assert!(
        html.contains(r#"<dt class="summary-key">Fundort</dt>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<dd class="summary-value">Rathaus</dd>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"Ändern<span class="visually-hidden"> Fundort</span></button>"#),
        "{html}"
    );
}

fn option(value: &str, label: &str) -> ChoiceOption {
    ChoiceOption {
        value: value.into(),
        label: LocalizedText::new(label, label),
    }
}

fn dog_group(min_items: usize, max_items: usize) -> Field {
    let mut born = field("geboren", "Wurfdatum", FieldKind::Date, false);
    born.hint = Some(LocalizedText::de("Zum Beispiel 27 3 2020"));
    field(
        "hunde",
        "Hund",
        FieldKind::Group {
            fields: vec![
                field("name", "Name des Hundes", FieldKind::Text, true),
                born,
            ],
            min_items,
            max_items,
        },
        true,
    )
}

fn item(name: &str) -> GroupItem {
    [(
        "name".parse().expect("a key"),
        RawValue::Text(name.to_owned()),
    )]
    .into()
}

/// The number of times `needle` occurs in `html`.
fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[tokio::test]
async fn address_is_a_fieldset_of_labelled_parts_with_autocomplete_tokens() {
    let address = field(
        "anschrift",
        "Anschrift",
        FieldKind::Address { with_country: true },
        true,
    );
    let parts: BTreeMap<String, String> = [("street", "Markt"), ("postal_code", "123")]
        .into_iter()
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .collect();
    let mut props = props(address, Some(RawValue::Parts(parts)), None);
    props.part_errors = vec![ShownError {
        path: "anschrift.postal_code".into(),
        message: "Geben Sie eine Postleitzahl mit 5 Ziffern an".into(),
    }];
    let html = render_props(props).await;

    assert!(html.contains(">Anschrift</legend>"), "{html}");
    for (part, label, token) in [
        ("street", "Straße", "address-line1"),
        ("house_number", "Hausnummer", "address-line2"),
        ("postal_code", "Postleitzahl", "postal-code"),
        ("city", "Ort", "address-level2"),
        ("country", "Land (optional)", "country-name"),
    ] {
        let id = format!("field-anschrift-{part}");
        assert_eq!(label_for(&html, &id), label);
        let input = tag_with_id(&html, &id);
        assert!(
            input.contains(&format!(r#"autocomplete="{token}""#)),
            "{input}"
        );
        assert_eq!(
            input.contains(r#"aria-required="true""#),
            part != "country",
            "the country is optional: {input}"
        );
    }
    assert!(tag_with_id(&html, "field-anschrift-street").contains(r#"value="Markt""#));
    let postal = tag_with_id(&html, "field-anschrift-postal_code");
    assert!(postal.contains(r#"aria-invalid="true""#), "{postal}");
    assert!(
        postal.contains(r#"aria-describedby="anschrift-postal_code-error""#),
        "{postal}"
    );
    assert!(
        !tag_with_id(&html, "field-anschrift-city").contains("aria-invalid"),
        "only the wrong part is marked"
    );
    assert!(tag_with_id(&html, "anschrift-postal_code-error").starts_with("<p"));
    assert_eq!(
        control_id(&field(
            "a",
            "A",
            FieldKind::Address {
                with_country: false
            },
            true
        )),
        "field-a-street"
    );
}

#[tokio::test]
async fn group_items_are_numbered_fieldsets_with_add_and_remove_buttons() {
    let group = dog_group(1, 3);
    let value = RawValue::Items(vec![item("Bello"), item("")]);
    let mut props = props(group.clone(), Some(value), None);
    props.part_errors = vec![ShownError {
        path: "hunde[1].name".into(),
        message: "Füllen Sie „Name des Hundes“ aus".into(),
    }];
    let html = render_props(props).await;

    assert!(html.contains(">Hund</legend>"), "{html}");
    assert!(
        html.contains(r#"<legend class="group-item-legend">Hund 1</legend>"#),
        "{html}"
    );
    assert!(
        html.contains(r#"<legend class="group-item-legend">Hund 2</legend>"#),
        "{html}"
    );
    assert_eq!(label_for(&html, "field-hunde-0-name"), "Name des Hundes");
    assert_eq!(label_for(&html, "field-hunde-1-name"), "Name des Hundes");
    assert!(tag_with_id(&html, "field-hunde-0-name").contains(r#"value="Bello""#));
    let wrong = tag_with_id(&html, "field-hunde-1-name");
    assert!(wrong.contains(r#"aria-invalid="true""#), "{wrong}");
    assert!(
        wrong.contains(r#"aria-describedby="hunde-1-name-error""#),
        "{wrong}"
    );
    assert!(!tag_with_id(&html, "field-hunde-0-name").contains("aria-invalid"));
    // Composite children keep their pattern, with per-item ids.
    assert!(html.contains(r#"id="field-hunde-1-geboren-day""#), "{html}");
    assert!(html.contains(r#"id="hunde-1-geboren-hint""#), "{html}");
    // One remove button per item, named with the item; one add button.
    for number in [1, 2] {
        assert!(
            html.contains(&format!(
                r#"Eintrag entfernen<span class="visually-hidden"> Hund {number}</span></button>"#
            )),
            "{html}"
        );
    }
    let add = tag_with_id(&html, "field-hunde-add");
    assert!(
        add.starts_with("<button") && add.contains(r#"type="button""#),
        "{add}"
    );
    assert!(html.contains("Eintrag hinzufügen<span"), "{html}");

    // At the limits: no remove below min_items, no add at max_items.
    let full = RawValue::Items(vec![item("A"), item("B"), item("C")]);
    let html = render_field(dog_group(3, 3), Some(full), None).await;
    assert_eq!(count(&html, "Eintrag entfernen"), 0, "{html}");
    assert_eq!(count(&html, "Eintrag hinzufügen"), 0, "{html}");

    // Untouched: it starts with min_items items (one for a required group).
    let html = render_field(dog_group(2, 3), None, None).await;
    assert_eq!(count(&html, r#"class="group-item""#), 2, "{html}");
    let html = render_field(dog_group(0, 3), None, None).await;
    assert_eq!(count(&html, r#"class="group-item""#), 1, "{html}");
}

#[tokio::test]
async fn multiple_choice_is_a_fieldset_of_checkboxes_without_aria_required() {
    let mut nachweise = field(
        "nachweise",
        "Nachweise",
        FieldKind::MultipleChoice {
            options: vec![option("a", "Haftpflicht"), option("b", "Impfpass")],
            min_selections: None,
            max_selections: None,
        },
        true,
    );
    nachweise.hint = Some(LocalizedText::de("Wählen Sie alle zutreffenden aus."));
    let html = render_field(
        nachweise.clone(),
        Some(RawValue::Choices(vec!["b".into()])),
        Some("Wählen Sie mindestens eine Antwort aus".into()),
    )
    .await;
    assert!(html.contains(">Nachweise</legend>"), "{html}");
    assert_eq!(control_id(&nachweise), "field-nachweise-1");
    assert_eq!(label_for(&html, "field-nachweise-1"), "Haftpflicht");
    assert_eq!(label_for(&html, "field-nachweise-2"), "Impfpass");
    let first = tag_with_id(&html, "field-nachweise-1");
    assert!(first.contains(r#"type="checkbox""#), "{first}");
    assert!(!first.contains("checked"), "{first}");
    assert!(!first.contains("aria-required"), "{first}");
    assert!(
        first.contains(r#"aria-describedby="nachweise-hint nachweise-error""#),
        "{first}"
    );
    assert!(tag_with_id(&html, "field-nachweise-2").contains("checked"));
}

#[tokio::test]
async fn yes_no_is_a_fieldset_of_two_radios() {
    let html = render_field(
        field("lastschrift", "Lastschrift?", FieldKind::YesNo, true),
        Some(RawValue::Checked(false)),
        None,
    )
    .await;
    assert!(html.contains(">Lastschrift?</legend>"), "{html}");
    assert_eq!(label_for(&html, "field-lastschrift-1"), "Ja");
    assert_eq!(label_for(&html, "field-lastschrift-2"), "Nein");
    let yes = tag_with_id(&html, "field-lastschrift-1");
    assert!(
        yes.contains(r#"type="radio""#) && !yes.contains("checked"),
        "{yes}"
    );
    assert!(!yes.contains("aria-required"), "{yes}");
    assert!(tag_with_id(&html, "field-lastschrift-2").contains("checked"));
}

#[tokio::test]
async fn special_text_inputs_get_their_types_keyboards_and_hints() {
    let html = render_field(
        field("telefon", "Telefon", FieldKind::Phone, false),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-telefon");
    assert!(input.contains(r#"type="tel""#), "{input}");
    assert!(input.contains(r#"autocomplete="tel""#), "{input}");
    assert!(input.contains(r#"inputmode="tel""#), "{input}");

    let html = render_field(field("iban", "IBAN", FieldKind::Iban, true), None, None).await;
    let input = tag_with_id(&html, "field-iban");
    assert!(
        !input.contains("autocomplete"),
        "no token exists for IBANs: {input}"
    );
    assert!(input.contains(r#"spellcheck="false""#), "{input}");
    assert!(input.contains(r#"autocapitalize="characters""#), "{input}");

    let html = render_field(
        field("betrag", "Betrag", FieldKind::Money, true),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-betrag");
    assert!(input.contains(r#"inputmode="decimal""#), "{input}");
    assert!(
        html.contains(r#"<span aria-hidden="true" class="input-suffix">€</span>"#),
        "{html}"
    );
    assert_eq!(
        label_for(&html, "field-betrag"),
        r#"Betrag<span class="visually-hidden"> (in Euro)</span>"#
    );

    let html = render_field(
        field("ab", "Erreichbar ab", FieldKind::Time, true),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-ab");
    assert!(input.contains(r#"type="text""#), "{input}");
    assert!(input.contains(r#"aria-describedby="ab-hint""#), "{input}");
    assert!(html.contains(">Zum Beispiel: 14:30</div>"), "{html}");

    let html = render_field(
        field("plz", "Postleitzahl", FieldKind::PostalCode, true),
        None,
        None,
    )
    .await;
    let input = tag_with_id(&html, "field-plz");
    assert!(input.contains(r#"autocomplete="postal-code""#), "{input}");
    assert!(input.contains(r#"inputmode="numeric""#), "{input}");
}

#[tokio::test]
async fn file_input_lists_types_and_size_in_its_hint() {
    let html = render_field(
        field(
            "nachweis",
            "Nachweis",
            FieldKind::File {
                accept: vec!["application/pdf".into(), "image/jpeg".into()],
                max_size_bytes: 5_000_000,
                max_count: 1,
            },
            false,
        ),
        None,
        None,
    )
    .await;
    assert_eq!(label_for(&html, "field-nachweis"), "Nachweis (optional)");
    let input = tag_with_id(&html, "field-nachweis");
    assert!(input.contains(r#"type="file""#), "{input}");
    assert!(
        input.contains(r#"accept="application/pdf,image/jpeg""#),
        "{input}"
    );
    assert!(
        input.contains(r#"aria-describedby="nachweis-hint""#),
        "{input}"
    );
    assert!(!input.contains("multiple"), "{input}");
    assert!(html.contains("Erlaubte Dateiformate: PDF, JPEG."), "{html}");
    assert!(html.contains("höchstens 5 MB"), "{html}");
}

#[tokio::test]
async fn computed_value_is_a_labelled_output_in_german_money_format() {
    let mut steuer = field(
        "steuer",
        "Hundesteuer pro Jahr",
        FieldKind::Computed {
            expression: Expression("96".into()),
            display: ComputedDisplay::Money,
        },
        false,
    );
    steuer.hint = Some(LocalizedText::de("96 Euro für den ersten Hund."));
    let mut props = props(steuer.clone(), None, None);
    props.computed = Some(TypedValue::Decimal(Decimal::parse("37.5").unwrap()));
    let html = render_props(props).await;
    assert_eq!(
        label_for(&html, "field-steuer"),
        "Hundesteuer pro Jahr",
        "no (optional) on computed values"
    );
    let output = tag_with_id(&html, "field-steuer");
    assert!(output.starts_with("<output"), "{output}");
    assert!(
        output.contains(r#"aria-describedby="steuer-hint""#),
        "{output}"
    );
    assert!(html.contains(">37,50\u{a0}€</output>"), "{html}");

    let html = render_field(steuer, None, None).await;
    assert!(html.contains("computed--empty"), "{html}");
}

#[tokio::test]
async fn content_renders_headings_paragraphs_and_boxes_with_a_hidden_prefix() {
    let content = |label: &str, style| {
        field(
            "hinweis",
            label,
            FieldKind::Content {
                text: LocalizedText::de("Halten Sie die Chipnummer bereit."),
                style,
            },
            false,
        )
    };
    let html = render_field(
        content("Bevor Sie beginnen", ContentStyle::Info),
        None,
        None,
    )
    .await;
    assert!(html.contains(r#"role="note""#), "{html}");
    assert!(html.contains("callout--info"), "{html}");
    assert!(
        html.contains(r#"<h3 class="callout-title"><span class="visually-hidden">Hinweis: </span>Bevor Sie beginnen</h3>"#),
        "{html}"
    );
    assert!(
        html.contains(">Halten Sie die Chipnummer bereit.</p>"),
        "{html}"
    );
    assert!(
        !html.contains("<input") && !html.contains("<label"),
        "{html}"
    );

    let html = render_field(content("", ContentStyle::Warning), None, None).await;
    assert!(
        html.contains(r#"<span class="visually-hidden">Warnung: </span>Halten Sie"#),
        "{html}"
    );
    assert!(!html.contains("<h3"), "no empty heading: {html}");

    let html = render_field(content("Ablauf", ContentStyle::Heading), None, None).await;
    assert!(
        html.contains(r#"<h3 class="content-heading">Ablauf</h3>"#),
        "{html}"
    );

    let html = render_field(content("", ContentStyle::Paragraph), None, None).await;
    assert!(!html.contains("<h3"), "{html}");
    assert!(html.contains(r#"<p class="content-text">"#), "{html}");
}

#[tokio::test]
async fn error_summary_links_reach_address_parts_and_group_item_children() {
    let address = field(
        "anschrift",
        "Anschrift",
        FieldKind::Address {
            with_country: false,
        },
        true,
    );
    let definition = FormDefinition {
        slug: "test".parse().unwrap(),
        title: LocalizedText::de("Test"),
        description: None,
        pages: vec![Page {
            title: LocalizedText::de("Seite"),
            visible_if: None,
            fields: vec![address, dog_group(1, 3)],
        }],
        payment: None,
        privacy_notice: None,
        one_question_per_page: false,
        confirmation_email_field: None,
    };
    let compiled = CompiledForm::new(definition.clone()).expect("a valid definition");
    let mut draft = Draft::default();
    draft.set(
        "hunde".parse().unwrap(),
        RawValue::Items(vec![item("Bello"), item("")]),
    );
    let today = CalendarDate::from_ymd(2026, 3, 1).unwrap();
    let errors = compiled
        .validate(&draft.answers(&definition), today)
        .expect_err("two problems");
    let paths: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
    assert_eq!(paths, ["anschrift.street", "hunde[1].name"]);

    let items = errors
        .iter()
        .map(|error| {
            let root = error.field.root();
            let field = definition
                .fields()
                .find(|field| field.key.as_str() == root)
                .unwrap();
            SummaryItem {
                target: error_target(field, root, draft.get(&field.key), error.field.as_str()),
                message: error.message.get(Lang::De).to_owned(),
            }
        })
        .collect();
    let html = LocalServerRenderer::<ErrorSummary>::with_props(ErrorSummaryProps {
        items,
        lang: Lang::De,
    })
    .hydratable(false)
    .render()
    .await;
    assert!(
        html.contains(r##"href="#field-anschrift-street""##),
        "{html}"
    );
    assert!(html.contains(r##"href="#field-hunde-1-name""##), "{html}");
}

#[tokio::test]
async fn computed_rows_in_the_summary_have_no_change_button() {
    let rows = vec![SummaryRow {
        key: "steuer".parse().unwrap(),
        label: "Steuer".into(),
        answer: "96,00 €".into(),
        changeable: false,
    }];
    let html = render_summary(rows).await;
    assert!(!html.contains("Ändern"), "{html}");
}

#[tokio::test]
async fn group_items_follow_the_engine_state_of_each_item() {
    let definition: FormDefinition = serde_json::from_value(serde_json::json!({
        "slug": "t", "title": { "de": "T" }, "pages": [{ "title": { "de": "S" }, "fields": [
            { "key": "personen", "label": { "de": "Person" }, "type": "group", "max_items": 3, "fields": [
                { "key": "geboren", "label": { "de": "Geburtsdatum" }, "type": "date" },
                { "key": "schule", "label": { "de": "Schule" }, "type": "text",
                  "visible_if": "years_between(geboren, today()) < 18" },
                { "key": "tage", "label": { "de": "Tage" }, "type": "integer" },
                { "key": "kosten", "label": { "de": "Kosten" }, "type": "computed",
                  "expression": "tage * 2.50", "display": "money" }
            ]}
        ]}]
    }))
    .expect("a valid definition");
    let form = CompiledForm::new(definition).expect("compiles");
    let person = |year: &str, days: &str| -> GroupItem {
        [
            (
                "geboren".parse().expect("a key"),
                RawValue::Date {
                    day: "5".into(),
                    month: "5".into(),
                    year: year.into(),
                },
            ),
            ("tage".parse().expect("a key"), RawValue::Text(days.into())),
        ]
        .into()
    };
    let value = RawValue::Items(vec![person("1990", "2"), person("2015", "1")]);
    let group = form.definition().pages[0].fields[0].clone();
    let key = group.key.clone();
    // As the app does: raw values → typed answers → engine state.
    let mut draft = Draft::default();
    draft.set(key.clone(), value.clone());
    let today: CalendarDate = "2026-11-23".parse().expect("a date");
    let state = form.state(&draft.answers(form.definition()), today);
    let mut props = props(group, Some(value), None);
    props.items = state.items[&key].clone();
    let html = render_props(props).await;

    assert!(
        !html.contains(r#"id="field-personen-0-schule""#),
        "the adult's item hides the school field: {html}"
    );
    assert!(
        html.contains(r#"id="field-personen-1-schule""#),
        "the child's item shows it: {html}"
    );
    let first = tag_with_id(&html, "field-personen-0-kosten");
    assert!(first.starts_with("<output"), "{first}");
    assert!(
        html.contains("5,00"),
        "2 × 2,50 € in the first item: {html}"
    );
    assert!(
        html.contains("2,50"),
        "1 × 2,50 € in the second item: {html}"
    );
}

#[tokio::test]
async fn file_field_lists_uploaded_files_with_remove_buttons() {
    let kind = |max_count| FieldKind::File {
        accept: vec!["application/pdf".into(), "image/*".into()],
        max_size_bytes: 5_000_000,
        max_count,
    };
    let file: shared::validation::FileRef = serde_json::from_value(serde_json::json!({
        "id": "0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90", "name": "Impfpass.pdf",
        "size": 3_400_000, "media_type": "application/pdf"
    }))
    .expect("a file reference");
    let value = Some(RawValue::Files(vec![file]));

    let html = render_field(
        field("nachweis", "Nachweis", kind(2), true),
        value.clone(),
        None,
    )
    .await;
    assert_eq!(label_for(&html, "field-nachweis"), "Nachweis");
    let input = tag_with_id(&html, "field-nachweis");
    assert!(input.contains(r#"type="file""#), "{input}");
    assert!(
        input.contains(r#"accept="application/pdf,image/*""#),
        "{input}"
    );
    assert!(!input.contains("disabled"), "{input}");
    assert!(html.contains("Impfpass.pdf"), "{html}");
    assert!(html.contains("(3,4 MB)"), "{html}");
    assert!(
        html.contains(r#"Entfernen<span class="visually-hidden"> Impfpass.pdf</span>"#),
        "{html}"
    );
    assert!(html.contains(r#"role="status""#), "{html}");

    // Full: the input is off and says why.
    let html = render_field(field("nachweis", "Nachweis", kind(1), true), value, None).await;
    let input = tag_with_id(&html, "field-nachweis");
    assert!(input.contains("disabled"), "{input}");
    assert!(input.contains("field-nachweis-full"), "{input}");
    assert!(tag_with_id(&html, "field-nachweis-full").starts_with("<p"));
}

#[tokio::test]
async fn group_items_cannot_be_removed_while_a_file_of_the_group_uploads() {
    let value = || Some(RawValue::Items(vec![item("Bello"), item("Luna")]));
    let idle = render_props(props(dog_group(0, 3), value(), None)).await;
    assert_eq!(count(&idle, "Eintrag entfernen"), 2, "{idle}");
    let mut uploading = props(dog_group(0, 3), value(), None);
    uploading.group_uploading = true;
    let busy = render_props(uploading).await;
    assert_eq!(count(&busy, "Eintrag entfernen"), 0, "{busy}");
}

/// A booking offer of two services at one location, for the booking pages.
fn booking_offer() -> shared::api::booking::BookingOffer {
    use shared::api::booking::{BookableService, BookingOffer, LocationInfo, ServiceAtLocation};
    let service = |slug: &str, name: &str, max_count: u8| BookableService {
        slug: slug.parse().expect("a service slug"),
        name: LocalizedText::new(name, name),
        documents: Vec::new(),
        fees: Vec::new(),
        max_count,
        locations: vec![ServiceAtLocation {
            location: "buergerbuero-mitte".parse().expect("a location slug"),
            minutes: 15,
        }],
    };
    BookingOffer {
        services: vec![
            service(
                "personalausweis-beantragen",
                "Personalausweis beantragen",
                5,
            ),
            service("wohnsitz-anmelden", "Wohnsitz anmelden", 1),
        ],
        locations: vec![LocationInfo {
            slug: "buergerbuero-mitte".parse().expect("a location slug"),
            name: LocalizedText::new("Bürgerbüro Mitte", "Citizens' Office Centre"),
            street: "Markt 1".into(),
            city: "12345 Musterstadt".into(),
            accessibility: LocalizedText::default(),
            directions: LocalizedText::default(),
        }],
        max_items: 5,
    }
}

#[tokio::test]
async fn booking_concerns_are_labelled_count_inputs_in_a_fieldset_with_errors() {
    use frontend::booking::request::{ConcernsFields, ConcernsFieldsProps, count_id};
    let offer = booking_offer();
    let first = count_id(&offer.services[0].slug);
    let props = ConcernsFieldsProps {
        counts: [(offer.services[0].slug.clone(), "1".to_owned())]
            .into_iter()
            .collect(),
        errors: vec![SummaryItem {
            target: first.clone(),
            message: "Geben Sie eine Zahl von 0 bis 5 ein".into(),
        }],
        offer: std::rc::Rc::new(offer),
        on_change: Callback::noop(),
    };
    let html = LocalServerRenderer::<ConcernsFields>::with_props(props)
        .hydratable(false)
        .render()
        .await;
    assert!(html.contains("<fieldset"), "{html}");
    assert!(
        html.contains(
            "<legend class=\"fieldset-legend\">Wofür brauchen Sie einen Termin?</legend>"
        )
    );
    assert_eq!(label_for(&html, &first), "Personalausweis beantragen");
    assert_eq!(
        label_for(&html, "count-wohnsitz-anmelden"),
        "Wohnsitz anmelden"
    );
    let input = tag_with_id(&html, &first);
    assert!(input.contains("type=\"number\""), "{input}");
    assert!(input.contains("max=\"5\""), "{input}");
    assert!(input.contains("value=\"1\""), "{input}");
    assert!(input.contains("aria-invalid=\"true\""), "{input}");
    assert!(
        input.contains(&format!("aria-describedby=\"{first}-hint {first}-error\"")),
        "{input}"
    );
    let other = tag_with_id(&html, "count-wohnsitz-anmelden");
    assert!(
        other.contains("value=\"0\"") && !other.contains("aria-invalid"),
        "{other}"
    );
}
