//! The benchmark form of issue 3: 500 top-level fields (plus the fields of four repeatable
//! groups) with 100 logic rules, built in code so that the native runner (`src/main.rs`), the
//! WASM page (`src/wasm.rs`) and the form.io peer comparison (`node/formio.cjs`) all validate
//! the same form with the same answers.
//!
//! The form has 10 pages of 5 blocks; every block has 10 fields: a name (length and pattern
//! rules), an e-mail, a confirmation or end date (`compare_field`) or free text, a whole number,
//! an amount, a decimal (`required_if` in 30 blocks), a birth date with a relative bound, a
//! choice, a rotating kind (postal code, IBAN, multiple choice, yes/no, consent checkbox, address
//! or group) and a field shown only under a condition (`visible_if`, 40 blocks) or a computed
//! fee (10 blocks). So: 40 `visible_if` + 30 `required_if` + 10 `computed` + 20
//! `compare_field` = 100 logic rules. 14 of the 40 conditional fields are hidden by the answers,
//! whose (smuggled) values must be dropped.
//!
//! [`formio_equivalent`] renders the same form as form.io JSON (panels, json-logic conditions,
//! `logic` actions for "required if", `validate.json` for comparisons, json-logic
//! `calculateValue`) with the same answers as submission data.

use serde_json::{Map, Value as Json, json};
use shared::{Answers, CalendarDate, CompiledForm, FormDefinition};

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The date all runs validate against, so relative date bounds give the same result each day.
pub const TODAY: &str = "2026-11-23";
/// Blocks of 10 fields.
const BLOCKS: usize = 50;
/// Blocks per page.
const BLOCKS_PER_PAGE: usize = 5;

/// The fixed "today" of the benchmark.
pub fn today() -> CalendarDate {
    TODAY.parse().expect("TODAY is a valid date")
}

/// Counts of what the benchmark form contains, for the report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Top-level fields.
    pub fields: usize,
    /// Fields inside groups (one item's worth).
    pub group_fields: usize,
    /// Fields with `visible_if`.
    pub visible_if: usize,
    /// Fields with `required_if`.
    pub required_if: usize,
    /// Computed fields.
    pub computed: usize,
    /// `compare_field` rules.
    pub compare_field: usize,
}

impl Stats {
    /// All logic rules.
    pub fn rules(&self) -> usize {
        self.visible_if + self.required_if + self.computed + self.compare_field
    }
}

/// The benchmark form in both formats, with its answers.
#[derive(Debug, Clone)]
pub struct BenchForm {
    /// Our definition, as JSON (the documented exchange format).
    pub definition: Json,
    /// Our answers, as JSON.
    pub answers: Json,
    /// The form.io form (`{ "components": [...] }`).
    pub formio_form: Json,
    /// The form.io submission data.
    pub formio_data: Json,
    /// What the form contains.
    pub stats: Stats,
}

/// The benchmark form: definition and realistic valid answers.
pub fn big_form() -> (FormDefinition, Answers) {
    let form = bench_form();
    let definition =
        serde_json::from_value(form.definition).expect("the benchmark definition deserialises");
    let answers = serde_json::from_value(form.answers).expect("the benchmark answers deserialise");
    (definition, answers)
}

/// The benchmark form in the form.io format: `{ "form": ..., "data": ... }`.
pub fn formio_equivalent() -> Json {
    let form = bench_form();
    json!({ "form": form.formio_form, "data": form.formio_data })
}

/// Compiles the benchmark form, checks that its answers are valid, and times `iterations` full
/// validations with the clock `now` (milliseconds). Returns the per-run times in microseconds.
pub fn time_validation(
    iterations: usize,
    now: &mut dyn FnMut() -> f64,
) -> Result<Vec<f64>, String> {
    let (definition, answers) = big_form();
    let compiled = CompiledForm::new(definition)
        .map_err(|errors| format!("the benchmark form does not compile: {errors:?}"))?;
    let today = today();
    match compiled.validate(&answers, today) {
        Ok(valid) => {
            // Hidden fields' answers must be gone, the others kept.
            if valid.iter().count() < 300 {
                return Err(format!(
                    "only {} answers survived validation",
                    valid.iter().count()
                ));
            }
        }
        Err(errors) => {
            return Err(format!(
                "the benchmark answers are not valid: {:?}",
                &errors[..errors.len().min(5)]
            ));
        }
    }
    // Warm-up.
    for _ in 0..iterations.min(20) {
        std::hint::black_box(compiled.validate(std::hint::black_box(&answers), today)).ok();
    }
    let mut times = Vec::with_capacity(iterations);
    for _ in 0..iterations {
        let start = now();
        let outcome = compiled.validate(std::hint::black_box(&answers), today);
        let end = now();
        std::hint::black_box(outcome).ok();
        times.push((end - start) * 1000.0);
    }
    Ok(times)
}

/// Summary of a series of timings (microseconds).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Number of runs.
    pub runs: usize,
    /// Fastest run.
    pub min: f64,
    /// Median.
    pub median: f64,
    /// 95th percentile (nearest rank).
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

/// Summarises timings; `None` for an empty series.
pub fn summarize(times: &[f64]) -> Option<Summary> {
    if times.is_empty() {
        return None;
    }
    let mut sorted = times.to_vec();
    sorted.sort_by(f64::total_cmp);
    let rank = |fraction: f64| {
        // Nearest-rank percentile.
        let index = (fraction * sorted.len() as f64).ceil() as usize;
        sorted[index.clamp(1, sorted.len()) - 1]
    };
    Some(Summary {
        runs: sorted.len(),
        min: sorted[0],
        median: rank(0.5),
        p95: rank(0.95),
        mean: sorted.iter().sum::<f64>() / sorted.len() as f64,
    })
}

/// Builds both renderings field by field.
struct Builder {
    pages: Vec<Json>,
    fields: Vec<Json>,
    panels: Vec<Json>,
    components: Vec<Json>,
    answers: Map<String, Json>,
    data: Map<String, Json>,
    stats: Stats,
}

/// One field in both formats, with its answer in both formats.
struct Spec {
    ours: Json,
    formio: Json,
    answer: Option<(Json, Json)>,
}

fn label(text: &str) -> Json {
    json!({ "de": text, "en": text })
}

fn options(values: &[&str]) -> (Json, Json) {
    let ours: Vec<Json> = values
        .iter()
        .map(|value| json!({ "value": value, "label": label(&value.to_uppercase()) }))
        .collect();
    let formio: Vec<Json> = values
        .iter()
        .map(|value| json!({ "value": value, "label": value.to_uppercase() }))
        .collect();
    (Json::Array(ours), Json::Array(formio))
}

fn var(key: &str) -> Json {
    json!({ "var": format!("data.{key}") })
}

/// A form.io input component.
fn component(kind: &str, key: &str, validate: Json) -> Json {
    let mut component = json!({ "type": kind, "key": key, "label": key, "input": true,
        "tableView": true });
    component["validate"] = validate;
    component
}

impl Builder {
    fn add(&mut self, spec: Spec) {
        let key = spec.ours["key"]
            .as_str()
            .expect("every field has a key")
            .to_owned();
        self.stats.fields += 1;
        if spec.ours.get("visible_if").is_some() {
            self.stats.visible_if += 1;
        }
        if spec.ours.get("required_if").is_some() {
            self.stats.required_if += 1;
        }
        if spec.ours["type"] == "computed" {
            self.stats.computed += 1;
        }
        if let Some(Json::Array(rules)) = spec.ours.get("rules") {
            self.stats.compare_field += rules
                .iter()
                .filter(|rule| rule["rule"] == "compare_field")
                .count();
        }
        if let Some(Json::Array(children)) = spec.ours.get("fields") {
            self.stats.group_fields += children.len();
        }
        if let Some((ours, formio)) = spec.answer {
            self.answers.insert(key.clone(), ours);
            self.data.insert(key, formio);
        }
        self.fields.push(spec.ours);
        self.components.push(spec.formio);
    }

    fn end_page(&mut self, index: usize) {
        let title = format!("Seite {}", index + 1);
        self.pages
            .push(json!({ "title": label(&title), "fields": std::mem::take(&mut self.fields) }));
        self.panels.push(json!({
            "type": "panel", "key": format!("seite{}", index + 1), "title": title, "input": false,
            "components": std::mem::take(&mut self.components),
        }));
    }
}

/// A birth date for block `i`, at least 18 years before [`TODAY`].
fn birth_date(i: usize) -> String {
    format!("19{:02}-{:02}-{:02}", 60 + i % 30, 1 + i % 12, 1 + i % 28)
}

/// [`TODAY`] moved back by `years`, as form.io needs an absolute bound (its relative bounds are
/// JavaScript evaluated at run time; the absolute date is the cheaper, equivalent setting).
fn years_before_today(years: i64) -> String {
    today().add_months(-12 * years).to_string()
}

#[allow(
    clippy::too_many_lines,
    reason = "one block of the form, field by field, reads best in one place"
)]
fn block(builder: &mut Builder, i: usize) {
    let k = |name: &str| format!("b{i:02}_{name}");
    let choice_answer = if i.is_multiple_of(2) { "b" } else { "a" };
    let count = i % 7;

    // 0: name with length and pattern rules.
    let pattern = "[A-Za-zÄÖÜäöüß .'-]+";
    builder.add(Spec {
        ours: json!({ "key": k("name"), "label": label("Name"), "type": "text", "required": true,
            "rules": [{ "rule": "min_length", "min": 2 }, { "rule": "max_length", "max": 100 },
                      { "rule": "pattern", "pattern": pattern }] }),
        formio: component(
            "textfield",
            &k("name"),
            json!({ "required": true, "minLength": 2, "maxLength": 100, "pattern": pattern }),
        ),
        answer: Some((json!("Erika Mustermann"), json!("Erika Mustermann"))),
    });

    // 1: e-mail.
    let email = format!("erika.{i}@example.de");
    builder.add(Spec {
        ours: json!({ "key": k("email"), "label": label("E-Mail"), "type": "email", "required": true }),
        formio: component("email", &k("email"), json!({ "required": true })),
        answer: Some((json!(email), json!(email))),
    });

    // 2: comparison with another field (20 blocks), or free text.
    let spec = match i % 5 {
        0 => Spec {
            ours: json!({ "key": k("email2"), "label": label("E-Mail wiederholen"), "type": "email",
                "required": true, "rules": [{ "rule": "compare_field", "op": "eq", "field": k("email") }] }),
            formio: component(
                "email",
                &k("email2"),
                json!({ "required": true, "json": { "if": [
                    { "==": [var(&k("email2")), var(&k("email"))] }, true, "E-Mail-Adressen verschieden" ] } }),
            ),
            answer: Some((json!(email), json!(email))),
        },
        1 => Spec {
            ours: json!({ "key": k("bis"), "label": label("Gültig bis"), "type": "date",
                "rules": [{ "rule": "compare_field", "op": "ge", "field": k("geburt") }] }),
            formio: json!({ "type": "datetime", "key": k("bis"), "label": k("bis"), "input": true,
                "enableTime": false, "format": "yyyy-MM-dd", "widget": { "type": "calendar" },
                "validate": { "json": { "if": [
                    { ">=": [var(&k("bis")), var(&k("geburt"))] }, true, "Ende vor Beginn" ] } } }),
            answer: Some((json!("2030-12-31"), json!("2030-12-31"))),
        },
        _ => Spec {
            ours: json!({ "key": k("notiz"), "label": label("Notiz"), "type": "text",
                "rules": [{ "rule": "max_length", "max": 200 }] }),
            formio: component("textfield", &k("notiz"), json!({ "maxLength": 200 })),
            answer: Some((json!("Hauptstraße 1, 2. OG"), json!("Hauptstraße 1, 2. OG"))),
        },
    };
    builder.add(spec);

    // 3: whole number.
    builder.add(Spec {
        ours: json!({ "key": k("anzahl"), "label": label("Anzahl"), "type": "integer", "required": true,
            "rules": [{ "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": 20 }] }),
        formio: component(
            "number",
            &k("anzahl"),
            json!({ "required": true, "min": 0, "max": 20 }),
        ),
        answer: Some((json!(count), json!(count))),
    });

    // 4: amount of money.
    builder.add(Spec {
        ours: json!({ "key": k("betrag"), "label": label("Betrag"), "type": "money",
            "rules": [{ "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": 10000 }] }),
        formio: json!({ "type": "currency", "currency": "EUR", "key": k("betrag"), "label": k("betrag"),
            "input": true, "delimiter": true, "validate": { "min": 0, "max": 10000 } }),
        answer: Some((json!("1.234,50"), json!(1234.5))),
    });

    // 5: decimal, required if the count is at least 3 (30 blocks).
    let mut ours = json!({ "key": k("anteil"), "label": label("Anteil"), "type": "decimal", "decimals": 2,
        "rules": [{ "rule": "min_value", "min": 0 }, { "rule": "max_value", "max": 100 }] });
    let mut formio = component("number", &k("anteil"), json!({ "min": 0, "max": 100 }));
    if i < 30 {
        ours["required_if"] = json!(format!("{} >= 3", k("anzahl")));
        formio["logic"] = json!([{ "name": "pflicht",
            "trigger": { "type": "json", "json": { ">=": [var(&k("anzahl")), 3] } },
            "actions": [{ "name": "pflicht", "type": "property",
                "property": { "label": "Required", "value": "validate.required", "type": "boolean" },
                "state": true }] }]);
    }
    builder.add(Spec {
        ours,
        formio,
        answer: Some((json!("12,5"), json!(12.5))),
    });

    // 6: birth date: at least 18 years ago, not before 1900.
    builder.add(Spec {
        ours: json!({ "key": k("geburt"), "label": label("Geburtsdatum"), "type": "date", "required": true,
            "rules": [{ "rule": "max_date", "date": { "years": -18 } }, { "rule": "min_date", "date": "1900-01-01" }] }),
        formio: json!({ "type": "datetime", "key": k("geburt"), "label": k("geburt"), "input": true,
            "enableTime": false, "format": "yyyy-MM-dd",
            "widget": { "type": "calendar", "minDate": "1900-01-01", "maxDate": years_before_today(18) },
            "validate": { "required": true } }),
        answer: Some((json!(birth_date(i)), json!(birth_date(i)))),
    });

    // 7: choice.
    let (ours_options, formio_options) = options(&["a", "b", "c"]);
    builder.add(Spec {
        ours: json!({ "key": k("art"), "label": label("Art"), "type": "choice", "required": true,
            "options": ours_options }),
        formio: json!({ "type": "radio", "key": k("art"), "label": k("art"), "input": true,
            "values": formio_options, "validate": { "required": true, "onlyAvailableItems": true } }),
        answer: Some((json!(choice_answer), json!(choice_answer))),
    });

    // 8: a rotating kind.
    builder.add(rotating(i, &k));

    // 9: shown under a condition (40 blocks) or a computed fee (10 blocks).
    if i < 40 {
        let (expression, logic) = match i % 4 {
            0 => (
                format!("{} = \"b\"", k("art")),
                json!({ "==": [var(&k("art")), "b"] }),
            ),
            1 => (
                format!("{} >= 2", k("anzahl")),
                json!({ ">=": [var(&k("anzahl")), 2] }),
            ),
            2 => (
                format!("{} = \"b\" and {} >= 1", k("art"), k("anzahl")),
                json!({ "and": [{ "==": [var(&k("art")), "b"] }, { ">=": [var(&k("anzahl")), 1] }] }),
            ),
            _ => (
                format!("{} != \"a\"", k("art")),
                json!({ "!=": [var(&k("art")), "a"] }),
            ),
        };
        let mut formio = component(
            "textfield",
            &k("details"),
            json!({ "required": true, "maxLength": 500 }),
        );
        formio["conditional"] = json!({ "json": logic });
        formio["clearOnHide"] = json!(true);
        builder.add(Spec {
            ours: json!({ "key": k("details"), "label": label("Details"), "type": "text", "required": true,
                "visible_if": expression, "rules": [{ "rule": "max_length", "max": 500 }] }),
            formio,
            answer: Some((
                json!("Weitere Angaben zum Antrag"),
                json!("Weitere Angaben zum Antrag"),
            )),
        });
    } else {
        builder.add(Spec {
            ours: json!({ "key": k("gebuehr"), "label": label("Gebühr"), "type": "computed",
                "expression": format!("{} * 12.50 + {}", k("anzahl"), k("betrag")), "display": "money" }),
            formio: json!({ "type": "currency", "currency": "EUR", "key": k("gebuehr"), "label": k("gebuehr"),
                "input": true, "disabled": true,
                "calculateValue": { "+": [{ "*": [var(&k("anzahl")), 12.5] }, var(&k("betrag"))] } }),
            // The client's claim is ignored by both engines: the value is recomputed.
            answer: Some((json!("0"), json!(0))),
        });
    }
}

fn rotating(i: usize, k: &dyn Fn(&str) -> String) -> Spec {
    match i % 6 {
        0 => Spec {
            ours: json!({ "key": k("plz"), "label": label("Postleitzahl"), "type": "postal_code", "required": true }),
            formio: component(
                "textfield",
                &k("plz"),
                json!({ "required": true, "pattern": "[0-9]{5}" }),
            ),
            answer: Some((json!("01067"), json!("01067"))),
        },
        1 => Spec {
            ours: json!({ "key": k("iban"), "label": label("IBAN"), "type": "iban", "required": true }),
            formio: component(
                "textfield",
                &k("iban"),
                json!({ "required": true, "pattern": "[A-Z]{2}[0-9]{2}( ?[A-Z0-9]){11,30}" }),
            ),
            answer: Some((
                json!("DE89 3704 0044 0532 0130 00"),
                json!("DE89 3704 0044 0532 0130 00"),
            )),
        },
        2 => {
            let (ours_options, formio_options) = options(&["x", "y", "z"]);
            Spec {
                ours: json!({ "key": k("themen"), "label": label("Themen"), "type": "multiple_choice",
                    "required": true, "min_selections": 1, "max_selections": 2, "options": ours_options }),
                formio: json!({ "type": "selectboxes", "key": k("themen"), "label": k("themen"), "input": true,
                    "values": formio_options,
                    "validate": { "required": true, "minSelectedCount": 1, "maxSelectedCount": 2,
                                  "onlyAvailableItems": true } }),
                answer: Some((
                    json!(["x", "z"]),
                    json!({ "x": true, "y": false, "z": true }),
                )),
            }
        }
        3 => Spec {
            ours: json!({ "key": k("janein"), "label": label("Ja oder nein"), "type": "yes_no", "required": true }),
            formio: json!({ "type": "radio", "key": k("janein"), "label": k("janein"), "input": true,
                "values": [{ "value": "ja", "label": "Ja" }, { "value": "nein", "label": "Nein" }],
                "validate": { "required": true, "onlyAvailableItems": true } }),
            answer: Some((json!(true), json!("ja"))),
        },
        4 => Spec {
            ours: json!({ "key": k("zustimmung"), "label": label("Ich stimme zu"), "type": "checkbox", "required": true }),
            formio: component("checkbox", &k("zustimmung"), json!({ "required": true })),
            answer: Some((json!(true), json!(true))),
        },
        _ if i % 12 == 5 => address(k),
        _ => group(k),
    }
}

fn address(k: &dyn Fn(&str) -> String) -> Spec {
    let part = |key: &str, validate: Json| component("textfield", key, validate);
    let answer = json!({ "street": "Hauptstraße", "house_number": "1a", "postal_code": "01067",
        "city": "Dresden" });
    Spec {
        ours: json!({ "key": k("anschrift"), "label": label("Anschrift"), "type": "address", "required": true }),
        formio: json!({ "type": "container", "key": k("anschrift"), "label": k("anschrift"), "input": true,
            "tree": true, "validate": { "required": true }, "components": [
                part("street", json!({ "required": true, "maxLength": 1000 })),
                part("house_number", json!({ "required": true, "maxLength": 1000 })),
                part("postal_code", json!({ "required": true, "pattern": "[0-9]{5}" })),
                part("city", json!({ "required": true, "maxLength": 1000 })),
            ] }),
        answer: Some((answer.clone(), answer)),
    }
}

fn group(k: &dyn Fn(&str) -> String) -> Spec {
    let (ours_options, formio_options) = options(&["kind", "partner", "sonstige"]);
    let items = json!([
        { "vorname": "Anna", "geburtsdatum": "2015-05-05", "beziehung": "kind" },
        { "vorname": "Ben", "geburtsdatum": "1985-01-31", "beziehung": "partner" }
    ]);
    Spec {
        ours: json!({ "key": k("personen"), "label": label("Weitere Personen"), "type": "group",
            "min_items": 1, "max_items": 5, "fields": [
                { "key": "vorname", "label": label("Vorname"), "type": "text", "required": true,
                  "rules": [{ "rule": "min_length", "min": 2 }] },
                { "key": "geburtsdatum", "label": label("Geburtsdatum"), "type": "date",
                  "rules": [{ "rule": "date_not_in_future" }] },
                { "key": "beziehung", "label": label("Beziehung"), "type": "choice", "required": true,
                  "options": ours_options }
            ] }),
        formio: json!({ "type": "datagrid", "key": k("personen"), "label": k("personen"), "input": true,
            "tree": true, "validate": { "minLength": 1, "maxLength": 5 }, "components": [
                component("textfield", "vorname", json!({ "required": true, "minLength": 2 })),
                { "type": "datetime", "key": "geburtsdatum", "label": "geburtsdatum", "input": true,
                  "enableTime": false, "format": "yyyy-MM-dd",
                  "widget": { "type": "calendar", "maxDate": TODAY } },
                { "type": "radio", "key": "beziehung", "label": "beziehung", "input": true,
                  "values": formio_options, "validate": { "required": true, "onlyAvailableItems": true } }
            ] }),
        answer: Some((items.clone(), items)),
    }
}

/// The benchmark form in both formats.
pub fn bench_form() -> BenchForm {
    let mut builder = Builder {
        pages: Vec::new(),
        fields: Vec::new(),
        panels: Vec::new(),
        components: Vec::new(),
        answers: Map::new(),
        data: Map::new(),
        stats: Stats::default(),
    };
    for i in 0..BLOCKS {
        block(&mut builder, i);
        if (i + 1).is_multiple_of(BLOCKS_PER_PAGE) {
            builder.end_page(i / BLOCKS_PER_PAGE);
        }
    }
    BenchForm {
        definition: json!({ "slug": "benchmark", "title": label("Benchmark-Formular"),
            "pages": builder.pages }),
        answers: Json::Object(builder.answers),
        formio_form: json!({ "display": "form", "components": builder.panels }),
        formio_data: Json::Object(builder.data),
        stats: builder.stats,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_has_500_fields_and_100_rules_and_valid_answers() {
        let form = bench_form();
        assert_eq!(form.stats.fields, 500);
        assert_eq!(form.stats.rules(), 100);
        let times = time_validation(3, &mut || 0.0).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(times.len(), 3);
    }
}
