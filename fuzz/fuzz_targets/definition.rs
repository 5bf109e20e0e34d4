//! Arbitrary bytes → a form definition (JSON) → `CompiledForm::new` → for what compiles,
//! `validate` a few answers derived from the definition. None of it may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value as Json, json};
use shared::{Answers, CalendarDate, CompiledForm, FieldKind, FormDefinition};

/// A plausible answer and a hostile one for a field of `kind`.
fn answers_for(kind: &FieldKind, seed: u8) -> [Json; 2] {
    let good = match kind {
        FieldKind::Text | FieldKind::TextArea => json!("Erika"),
        FieldKind::Email => json!("a@b.de"),
        FieldKind::Phone => json!("0351 123456"),
        FieldKind::Integer => json!(i64::from(seed) - 3),
        FieldKind::Decimal { .. } => json!("12,5"),
        FieldKind::Money => json!("1.234,50 €"),
        FieldKind::Date => json!("2026-02-28"),
        FieldKind::Time => json!("09:05"),
        FieldKind::PostalCode => json!("01067"),
        FieldKind::Iban => json!("DE89 3704 0044 0532 0130 00"),
        FieldKind::TaxId => json!("86 095 742 719"),
        FieldKind::Choice { options, .. } => options
            .first()
            .map_or(json!("x"), |option| json!(option.value)),
        FieldKind::MultipleChoice { options, .. } => {
            json!(
                options
                    .iter()
                    .map(|option| option.value.clone())
                    .collect::<Vec<_>>()
            )
        }
        FieldKind::YesNo | FieldKind::Checkbox => json!(seed.is_multiple_of(2)),
        FieldKind::File { .. } => {
            json!([{ "id": "0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90", "name": "a.pdf", "size": u64::from(seed), "media_type": "application/pdf" }])
        }
        FieldKind::Address { .. } => {
            json!({ "street": "Hauptstraße", "house_number": "1a", "postal_code": "01067", "city": "Dresden", "country": "DE" })
        }
        FieldKind::Group { fields, .. } => {
            let item: serde_json::Map<String, Json> = fields
                .iter()
                .map(|field| {
                    (
                        field.key.to_string(),
                        answers_for(&field.kind, seed)[0].clone(),
                    )
                })
                .collect();
            json!([item.clone(), item])
        }
        FieldKind::Computed { .. } | FieldKind::Content { .. } => json!("0"),
    };
    let hostile = match seed % 6 {
        0 => json!(""),
        1 => json!(-9_223_372_036_854_775_807_i64),
        2 => json!("99999999999999999999999999,999999"),
        3 => json!([[], {}, true]),
        4 => json!({ "street": 1 }),
        _ => json!("9999-12-31"),
    };
    [good, hostile]
}

fuzz_target!(|data: &[u8]| {
    let Ok(definition) = serde_json::from_slice::<FormDefinition>(data) else {
        return;
    };
    let seed = data.iter().fold(0_u8, |sum, byte| sum.wrapping_add(*byte));
    let fields: Vec<_> = definition
        .fields()
        .map(|field| (field.key.clone(), field.kind.clone()))
        .collect();
    let Ok(form) = CompiledForm::new(definition) else {
        return;
    };
    let today = CalendarDate::from_days_since_epoch(20_415);
    let mut good = Answers::new();
    let mut hostile = Answers::new();
    for (key, kind) in &fields {
        let [ok, bad] = answers_for(kind, seed);
        if let Ok(value) = serde_json::from_value(ok) {
            good.set(key.clone(), value);
        }
        if let Ok(value) = serde_json::from_value(bad) {
            hostile.set(key.clone(), value);
        }
    }
    for answers in [&Answers::new(), &good, &hostile] {
        let _ = form.validate(answers, today);
        let _ = form.state(answers, today);
        for page in 0..form.definition().pages.len().min(4) {
            let _ = form.validate_page(page, answers, today);
        }
    }
    // The ends of the supported calendar (years 1 and 9999).
    let _ = form.validate(&good, CalendarDate::from_days_since_epoch(2_932_896));
    let _ = form.validate(&good, CalendarDate::from_days_since_epoch(-719_162));
});
