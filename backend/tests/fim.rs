//! FIM XDatenfelder import: self-written 2.0 and 3.0.0 Stammdatenschemata (tests/fixtures/fim)
//! become draft forms, with a report of what could not be mapped.

#![allow(
    clippy::unwrap_used,
    reason = "a failed set-up step should fail the test loudly"
)]

use backend::fim::{FimError, FimImport, FimVersion, NoteCode, import};
use shared::schema::{Check, ChoiceDisplay};
use shared::{CompiledForm, Field, FieldKind};

const V2: &str = include_str!("fixtures/fim/hundesteuer-xdf2.xml");
const V2_BREEDS: &str = include_str!("fixtures/fim/hunderasse-genericode.xml");
const V3: &str = include_str!("fixtures/fim/bewohnerparken-xdf3.xml");

fn field<'a>(imported: &'a FimImport, key: &str) -> &'a Field {
    imported
        .definition
        .fields()
        .chain(
            imported
                .definition
                .fields()
                .flat_map(|field| match &field.kind {
                    FieldKind::Group { fields, .. } => fields.iter().collect::<Vec<_>>(),
                    _ => Vec::new(),
                }),
        )
        .find(|field| field.key.as_str() == key)
        .unwrap_or_else(|| panic!("no field {key}"))
}

fn codes(imported: &FimImport) -> Vec<(&str, &str)> {
    imported
        .notes
        .iter()
        .map(|note| (note.element.as_str(), note.code.as_str()))
        .collect()
}

fn checks(field: &Field) -> Vec<&Check> {
    field.rules.iter().map(|rule| &rule.check).collect()
}

#[test]
fn a_v2_schema_with_its_code_list_becomes_a_publishable_draft() {
    let imported = import(V2, &[V2_BREEDS]).unwrap();
    assert_eq!(imported.version, FimVersion::V2);
    assert_eq!(imported.schema_id, "S99000001");
    assert_eq!(imported.schema_version.as_deref(), Some("1.0"));
    let definition = &imported.definition;
    assert_eq!(
        definition.title.de,
        "Anmeldung eines Hundes zur Hundesteuer"
    );
    assert_eq!(
        definition.slug.as_str(),
        "anmeldung-eines-hundes-zur-hundesteuer"
    );
    let pages: Vec<&str> = definition
        .pages
        .iter()
        .map(|page| page.title.de.as_str())
        .collect();
    assert_eq!(
        pages,
        ["Angaben zur Halterin oder zum Halter", "Hund", "Angaben"]
    );

    let name = field(&imported, "f99000001");
    assert!(name.required);
    assert_eq!(
        name.hint.as_ref().map(|hint| hint.de.as_str()),
        Some("Wie im Personalausweis")
    );
    assert_eq!(
        checks(name),
        [&Check::MinLength { min: 1 }, &Check::MaxLength { max: 120 }]
    );
    let birth = field(&imported, "f99000002");
    assert!(!birth.required);
    assert!(matches!(birth.kind, FieldKind::Date));
    assert!(matches!(checks(birth)[..], [Check::MinDate { .. }]));

    let dogs = field(&imported, "g99000002");
    let FieldKind::Group {
        fields,
        min_items,
        max_items,
    } = &dogs.kind
    else {
        panic!("dogs are a repeatable group");
    };
    assert_eq!((*min_items, *max_items), (1, 20));
    assert_eq!(fields.len(), 3);
    let breed = field(&imported, "f99000004");
    let FieldKind::Choice { options, display } = &breed.kind else {
        panic!("breed is a choice");
    };
    assert_eq!(*display, ChoiceDisplay::Radio);
    let labels: Vec<&str> = options
        .iter()
        .map(|option| option.label.de.as_str())
        .collect();
    assert_eq!(
        labels,
        ["Labrador Retriever", "Dackel", "Mischling & andere"]
    );
    assert_eq!(options[0].value, "01");
    let proof = field(&imported, "f99000005");
    assert!(matches!(proof.kind, FieldKind::File { max_count: 3, .. }));
    let count = field(&imported, "f99000006");
    assert!(matches!(count.kind, FieldKind::Integer));
    assert_eq!(checks(count).len(), 2);

    assert_eq!(
        codes(&imported),
        [
            ("F99000003 1.0", "precision_invalid"),
            ("R99000001", "rule_not_imported"),
        ]
    );
    assert!(imported.notes[1].message.contains("Sachkundenachweis"));
    assert!(imported.notes.iter().all(|note| !note.blocking));
    CompiledForm::new(imported.definition).unwrap();
}

#[test]
fn a_missing_code_list_blocks_publishing_until_the_editor_adds_options() {
    let imported = import(V2, &[]).unwrap();
    let missing: Vec<_> = imported.notes.iter().filter(|note| note.blocking).collect();
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0].code, NoteCode::CodeListMissing);
    assert_eq!(missing[0].element, "F99000004 1.0");
    assert!(
        missing[0]
            .message
            .contains("urn:de:test:codeliste:hunderasse_2026-01-01")
    );
    assert!(matches!(
        &field(&imported, "f99000004").kind,
        FieldKind::Choice { options, .. } if options.is_empty()
    ));
}

#[test]
fn a_v3_schema_maps_every_kind_and_reports_what_it_cannot() {
    let imported = import(V3, &[]).unwrap();
    assert_eq!(imported.version, FimVersion::V3);
    assert_eq!(imported.schema_id, "S99000000001");
    let definition = &imported.definition;
    assert_eq!(definition.title.de, "Bewohnerparkausweis beantragen");
    let pages: Vec<&str> = definition
        .pages
        .iter()
        .map(|page| page.title.de.as_str())
        .collect();
    assert_eq!(
        pages,
        [
            "Antragstellende Person",
            "Wie erreichen wir Sie?",
            "Termin und Gebühr",
            "Fahrzeug"
        ]
    );

    let name = field(&imported, "f99000000001");
    assert_eq!(
        checks(name),
        [&Check::MinLength { min: 1 }, &Check::MaxLength { max: 55 }]
    );
    let postcode = field(&imported, "f99000000002");
    assert_eq!(
        checks(postcode),
        [&Check::Pattern {
            pattern: "[0-9]{5}".into()
        }]
    );
    assert!(checks(field(&imported, "f99000000003")).is_empty());
    assert!(matches!(
        field(&imported, "text_f99000000004").kind,
        FieldKind::Content { .. }
    ));
    // A choice group: both branches optional.
    assert!(!field(&imported, "f99000000005").required);
    assert!(!field(&imported, "f99000000006").required);
    assert!(matches!(
        field(&imported, "f99000000007").kind,
        FieldKind::Time
    ));
    assert!(matches!(
        field(&imported, "f99000000008").kind,
        FieldKind::Text
    ));
    let fee = field(&imported, "f99000000009");
    assert!(matches!(fee.kind, FieldKind::Money));
    assert_eq!(checks(fee).len(), 2);
    let FieldKind::Choice { options, .. } = &field(&imported, "f99000000010").kind else {
        panic!("a choice");
    };
    assert_eq!(options.len(), 2);
    assert_eq!(options[1].label.de, "Verlängerung");
    let consent = field(&imported, "f99000000011");
    assert!(matches!(consent.kind, FieldKind::Checkbox));
    assert!(!consent.required);
    assert!(
        definition
            .fields()
            .all(|field| field.key.as_str() != "f99000000012")
    );
    assert!(matches!(
        field(&imported, "text_f99000000013").kind,
        FieldKind::Content { .. }
    ));
    let vehicles = field(&imported, "g99000000004");
    assert!(matches!(
        vehicles.kind,
        FieldKind::Group {
            min_items: 1,
            max_items: 3,
            ..
        }
    ));
    let papers = field(&imported, "f99000000016");
    let FieldKind::File {
        accept,
        max_size_bytes,
        max_count,
    } = &papers.kind
    else {
        panic!("a file field");
    };
    assert_eq!(accept, &["application/pdf", "image/jpeg"]);
    assert_eq!((*max_size_bytes, *max_count), (5_000_000, 10));

    let mut found = codes(&imported);
    found.sort_unstable();
    assert_eq!(
        found,
        [
            ("F99000000003 1.0.0", "pattern_invalid"),
            ("F99000000003 1.0.0", "prefill_required"),
            ("F99000000008 1.0.0", "datetime_as_text"),
            ("F99000000012 1.0.0", "hidden_skipped"),
            ("F99000000013 1.0.0", "locked_as_text"),
            ("F99000000014 1.0.0", "object_skipped"),
            ("G99000000002 1.0.0", "choice_group"),
            ("G99000000005 1.0.0", "nested_repeat"),
            ("R99000000001", "rule_not_imported"),
        ]
    );
    assert!(imported.notes.iter().all(|note| !note.blocking));
    CompiledForm::new(imported.definition).unwrap();
}

#[test]
fn other_documents_are_refused_with_a_clear_reason() {
    assert_eq!(
        import(
            r#"<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>"#,
            &[]
        )
        .unwrap_err(),
        FimError::UnknownNamespace("http://www.w3.org/1999/xhtml".into())
    );
    assert_eq!(
        import("<plain/>", &[]).unwrap_err(),
        FimError::UnknownNamespace(String::new())
    );
    assert!(matches!(
        import("{\"json\": true}", &[]),
        Err(FimError::Xml(_))
    ));
    let field_message =
        r#"<x:xdatenfelder.datenfeld.0104 xmlns:x="urn:xoev-de:fim:standard:xdatenfelder_3.0.0"/>"#;
    assert_eq!(
        import(field_message, &[]).unwrap_err(),
        FimError::NotASchema("xdatenfelder.datenfeld.0104".into())
    );
    assert!(matches!(
        import(V2, &["<nope/>"]),
        Err(FimError::CodeList(1, _))
    ));
}
