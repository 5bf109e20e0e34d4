//! The receipt of a submission (Eingangsbestätigung): what the citizen sent, with the reference
//! number and the fee. Built from the stored submission and the form version it was filled in,
//! so it shows exactly what the server accepted. `pdf` draws it; `mail` words the confirmation
//! e-mail from the same texts.

use chrono::TimeZone;
use chrono_tz::Tz;
use qrcode::QrCode;
use shared::{FieldKind, FormDefinition, Lang};

use crate::db::submissions::StoredReceipt;
use crate::export::{german_euros, render_cell};
use crate::payment;

/// A receipt, in the citizen's language.
#[derive(Clone)]
pub(crate) struct Receipt {
    pub(crate) lang: Lang,
    pub(crate) form_title: String,
    pub(crate) reference: String,
    /// Local date and time of receipt, e.g. `30.11.2026, 14:05 Uhr`.
    pub(crate) received_at: String,
    /// Shown only to whoever proved to know it (the PDF download asks for it).
    pub(crate) access_code: Option<String>,
    /// One per form page that has answers.
    pub(crate) sections: Vec<Section>,
    pub(crate) payment: Option<PaymentBlock>,
}

/// The answers of one page.
#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub(crate) heading: String,
    pub(crate) rows: Vec<Row>,
}

/// One answer, or the heading of a group item (`value` empty) whose answers follow nested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Row {
    pub(crate) label: String,
    pub(crate) value: String,
    pub(crate) nested: bool,
}

/// The fee to transfer.
#[derive(Clone)]
pub(crate) struct PaymentBlock {
    /// e.g. `216,00 €`.
    pub(crate) amount: String,
    pub(crate) recipient: String,
    /// In groups of four.
    pub(crate) iban: String,
    pub(crate) remittance: String,
    pub(crate) giro_code: Option<QrCode>,
}

/// The fixed texts of receipts and confirmation e-mails.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Texts {
    pub(crate) title: &'static str,
    pub(crate) reference: &'static str,
    pub(crate) received_at: &'static str,
    pub(crate) access_code: &'static str,
    pub(crate) fee: &'static str,
    pub(crate) amount: &'static str,
    pub(crate) recipient: &'static str,
    pub(crate) remittance: &'static str,
    pub(crate) giro_code: &'static str,
    pub(crate) keep: &'static str,
}

const GERMAN: Texts = Texts {
    title: "Eingangsbestätigung",
    reference: "Aktenzeichen",
    received_at: "Eingegangen am",
    access_code: "Zugangscode",
    fee: "Gebühr",
    amount: "Betrag",
    recipient: "Empfänger",
    remittance: "Verwendungszweck",
    giro_code: "GiroCode: Scannen Sie den Code mit Ihrer Banking-App, um die Überweisung auszufüllen.",
    keep: "Bewahren Sie diese Bestätigung auf. Mit Aktenzeichen und Zugangscode sehen Sie den \
           Bearbeitungsstand auf der Seite „Bearbeitungsstand“ des Bürgerportals.",
};

const ENGLISH: Texts = Texts {
    title: "Confirmation of receipt",
    reference: "Reference number",
    received_at: "Received on",
    access_code: "Access code",
    fee: "Fee",
    amount: "Amount",
    recipient: "Recipient",
    remittance: "Payment reference",
    giro_code: "GiroCode: scan the code with your banking app to fill in the transfer.",
    keep: "Keep this confirmation. With the reference number and the access code you can see \
           the processing status on the portal's page \"Processing status\".",
};

/// The fixed texts in `lang` (Leichte Sprache uses the German ones).
pub(crate) fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::En => &ENGLISH,
        Lang::De | Lang::EasyGerman => &GERMAN,
    }
}

impl Receipt {
    /// The receipt of `stored`, whose form version is `definition`.
    pub(crate) fn build(
        stored: &StoredReceipt,
        definition: &FormDefinition,
        time_zone: Tz,
        access_code: Option<&str>,
    ) -> Self {
        let lang = stored.language;
        let sections = definition
            .pages
            .iter()
            .map(|page| Section {
                heading: page.title.get(lang).to_owned(),
                rows: page
                    .fields
                    .iter()
                    .flat_map(|field| {
                        stored
                            .answers
                            .get(field.key.as_str())
                            .map(|value| rows_of(field, value, lang))
                            .unwrap_or_default()
                    })
                    .collect(),
            })
            .filter(|section| !section.rows.is_empty())
            .collect();
        let payment = stored.payment.as_ref().map(|due| PaymentBlock {
            amount: german_euros(due.amount_cents),
            recipient: due.recipient.clone(),
            iban: payment::grouped(&due.iban),
            remittance: payment::remittance(&stored.reference, &due.purpose),
            giro_code: payment::giro_code(due, &stored.reference),
        });
        Self {
            lang,
            form_title: definition.title.get(lang).to_owned(),
            reference: stored.reference.clone(),
            received_at: local_time(stored.received_at_ms, time_zone, lang),
            access_code: access_code.map(str::to_owned),
            sections,
            payment,
        }
    }

    /// The fixed texts in the receipt's language.
    pub(crate) fn texts(&self) -> &'static Texts {
        texts(self.lang)
    }
}

/// The rows of one top-level answer: a line, or for a repeatable group a heading per item with
/// its answers nested.
fn rows_of(field: &shared::Field, value: &serde_json::Value, lang: Lang) -> Vec<Row> {
    let label = field.label.get(lang).to_owned();
    match (&field.kind, value) {
        (FieldKind::Group { fields, .. }, serde_json::Value::Array(items)) => items
            .iter()
            .enumerate()
            .flat_map(|(index, item)| {
                let heading = Row {
                    label: format!("{label} {}", index + 1),
                    value: String::new(),
                    nested: false,
                };
                let children = fields.iter().filter_map(|child| {
                    let answer = item.get(child.key.as_str())?;
                    Some(Row {
                        label: child.label.get(lang).to_owned(),
                        value: render_cell(Some(&child.kind), answer, lang),
                        nested: true,
                    })
                });
                std::iter::once(heading).chain(children).collect::<Vec<_>>()
            })
            .collect(),
        (kind, value) => vec![Row {
            label,
            value: render_cell(Some(kind), value, lang),
            nested: false,
        }],
    }
}

/// `30.11.2026, 14:05 Uhr` in the city's time zone.
fn local_time(at_ms: i64, time_zone: Tz, lang: Lang) -> String {
    let Some(time) = time_zone.timestamp_millis_opt(at_ms).single() else {
        return String::new();
    };
    match lang {
        Lang::En => time.format("%d/%m/%Y, %H:%M").to_string(),
        Lang::De | Lang::EasyGerman => time.format("%d.%m.%Y, %H:%M Uhr").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::payment::PaymentDue;

    fn definition() -> FormDefinition {
        serde_json::from_value(json!({
            "slug": "hund-anmelden",
            "title": { "de": "Hund anmelden", "en": "Register a dog" },
            "pages": [
                { "title": { "de": "Halter" }, "fields": [
                    { "key": "name", "label": { "de": "Name" }, "type": "text" },
                    { "key": "leer", "label": { "de": "Nicht beantwortet" }, "type": "text" }
                ]},
                { "title": { "de": "Ohne Antworten" }, "fields": [
                    { "key": "nichts", "label": { "de": "Nichts" }, "type": "text" }
                ]},
                { "title": { "de": "Hunde" }, "fields": [
                    { "key": "hunde", "label": { "de": "Hund" }, "type": "group", "fields": [
                        { "key": "rufname", "label": { "de": "Rufname" }, "type": "text" },
                        { "key": "kampfhund", "label": { "de": "Listenhund" }, "type": "yes_no" }
                    ]}
                ]}
            ]
        }))
        .expect("a definition")
    }

    fn stored(language: Lang) -> StoredReceipt {
        StoredReceipt {
            reference: "BP-2026-000007".to_owned(),
            // 2026-11-30 13:05 UTC = 14:05 in Berlin.
            received_at_ms: 1_796_043_900_000,
            answers: serde_json::from_value(json!({
                "name": "Şükrü Łukasiewicz",
                "hunde": [{ "rufname": "Bello", "kampfhund": false }, { "rufname": "Luna" }]
            }))
            .expect("answers"),
            definition: String::new(),
            payment: Some(PaymentDue {
                amount_cents: 21_600,
                recipient: "Stadtkasse Musterstadt".to_owned(),
                iban: "DE89370400440532013000".to_owned(),
                purpose: "Hundesteuer".to_owned(),
            }),
            language,
        }
    }

    #[test]
    fn pages_with_answers_become_sections_and_group_items_nest() {
        let receipt = Receipt::build(
            &stored(Lang::De),
            &definition(),
            chrono_tz::Europe::Berlin,
            Some("ABCD-EFGH"),
        );
        let headings: Vec<&str> = receipt
            .sections
            .iter()
            .map(|section| section.heading.as_str())
            .collect();
        assert_eq!(headings, ["Halter", "Hunde"]);
        assert_eq!(
            receipt.sections[0].rows,
            [Row {
                label: "Name".to_owned(),
                value: "Şükrü Łukasiewicz".to_owned(),
                nested: false
            }]
        );
        let dogs: Vec<(&str, &str, bool)> = receipt.sections[1]
            .rows
            .iter()
            .map(|row| (row.label.as_str(), row.value.as_str(), row.nested))
            .collect();
        assert_eq!(
            dogs,
            [
                ("Hund 1", "", false),
                ("Rufname", "Bello", true),
                ("Listenhund", "Nein", true),
                ("Hund 2", "", false),
                ("Rufname", "Luna", true),
            ]
        );
        assert_eq!(receipt.received_at, "30.11.2026, 14:05 Uhr");
        let payment = receipt.payment.expect("a fee");
        assert_eq!(payment.amount, "216,00 €");
        assert_eq!(payment.iban, "DE89 3704 0044 0532 0130 00");
        assert_eq!(payment.remittance, "BP-2026-000007 Hundesteuer");
        assert!(payment.giro_code.is_some());
    }

    #[test]
    fn english_receipts_use_english_labels_and_texts() {
        let receipt = Receipt::build(
            &stored(Lang::En),
            &definition(),
            chrono_tz::Europe::Berlin,
            None,
        );
        assert_eq!(receipt.form_title, "Register a dog");
        assert_eq!(receipt.texts().title, "Confirmation of receipt");
        assert_eq!(receipt.received_at, "30/11/2026, 14:05");
    }
}
