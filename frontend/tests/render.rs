#![cfg(not(target_arch = "wasm32"))]
//! Host render tests: the markup of the accessible form pattern (standards.md §4.3), rendered
//! with Yew's server renderer. Interaction (focus, clicks) is covered by the e2e suite.

use frontend::components::error_summary::{ErrorSummary, ErrorSummaryProps, SummaryItem};
use frontend::components::field_input::{FieldInput, FieldInputProps, control_id};
use frontend::components::summary_list::{SummaryList, SummaryListProps, SummaryRow};
use frontend::draft::RawValue;
use shared::{
    ChoiceDisplay, ChoiceOption, Field, FieldError, FieldErrorKind, FieldKind, Lang, LocalizedText,
};
use yew::{Callback, LocalServerRenderer};

fn field(key: &str, label: &str, kind: FieldKind, required: bool) -> Field {
    Field {
        key: key.parse().expect("a valid field key"),
        label: LocalizedText::new(label, label),
        hint: None,
        kind,
        required,
        rules: Vec::new(),
        autocomplete: None,
    }
}

async fn render_field(field: Field, value: Option<RawValue>, error: Option<String>) -> String {
    let props = FieldInputProps {
        field,
        lang: Lang::De,
        value,
        error,
        on_change: Callback::noop(),
    };
    LocalServerRenderer::<FieldInput>::with_props(props)
        .hydratable(false)
        .render()
        .await
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

#[tokio::test]
async fn summary_list_change_buttons_name_the_question() {
    let rows = vec![SummaryRow {
        key: "fundort".parse().unwrap(),
        label: "Fundort".into(),
        answer: "Rathaus".into(),
    }];
    let html = LocalServerRenderer::<SummaryList>::with_props(SummaryListProps {
        rows,
        lang: Lang::De,
        on_change: Callback::noop(),
    })
    .hydratable(false)
    .render()
    .await;
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
