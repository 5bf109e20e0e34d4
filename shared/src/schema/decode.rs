//! Reading fields, rules and date bounds from the JSON exchange format.
//!
//! `Field` and `Rule` flatten an internally tagged enum (`"type"`, `"rule"`) into their object,
//! and `DateBound` is untagged. serde derives those by buffering the input in its private
//! `Content` type and generating every variant's visitor once more for that buffer: about 60 KB
//! of the optimised citizen wasm (17 KB gzip). Here each object is read once into a
//! `serde_json` map and taken apart by functions that are not generic over the deserializer, so
//! they are compiled once. Serialisation stays derived; `tests/format.rs` reads back every
//! variant that `Serialize` writes, and the demo forms.
//!
//! As with the derived code, unknown keys are ignored, absent optional parameters take their
//! defaults, `null` reads as absent only where the value is an `Option`, and a key given twice
//! is an error. Two differences, both on input no editor writes: `type` and `rule` must be
//! names (the derive also took a variant's index), and a key given twice is refused even under a
//! key that is not read. Errors name where they are (`fields[1].rules[0].min: …`), because the
//! position serde_json appends is now the end of the field rather than the bad value.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};
use serde_json::{Map, Value};

use super::{Check, DateBound, Field, FieldKind, Rule};
use crate::date::CalendarDate;

type Object = Map<String, Value>;

/// The `type` names, for the error on an unknown one (`tests/format.rs` checks it is complete).
const KINDS: [&str; 21] = [
    "text",
    "text_area",
    "email",
    "phone",
    "integer",
    "decimal",
    "money",
    "date",
    "time",
    "postal_code",
    "iban",
    "tax_id",
    "choice",
    "multiple_choice",
    "yes_no",
    "checkbox",
    "file",
    "address",
    "group",
    "computed",
    "content",
];

/// The `rule` names, for the error on an unknown one (`tests/format.rs` checks it is complete).
const CHECKS: [&str; 9] = [
    "min_length",
    "max_length",
    "pattern",
    "min_value",
    "max_value",
    "date_not_in_future",
    "min_date",
    "max_date",
    "compare_field",
];

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer, field)
    }
}

impl<'de> Deserialize<'de> for FieldKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer, |value| {
            kind(&mut object(value, "a field kind")?)
        })
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer, rule)
    }
}

impl<'de> Deserialize<'de> for Check {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer, |value| check(&mut object(value, "a rule")?))
    }
}

impl<'de> Deserialize<'de> for DateBound {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read(deserializer, date_bound)
    }
}

/// Reads one JSON value and hands it to `interpret`. Only this shell is generic over the
/// deserializer; nested fields and rules are interpreted from the value, not read again.
fn read<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    interpret: fn(Value) -> Result<T, Problem>,
) -> Result<T, D::Error> {
    let Strict(value) = Strict::deserialize(deserializer)?;
    interpret(value).map_err(de::Error::custom)
}

fn field(value: Value) -> Result<Field, Problem> {
    let object = &mut object(value, "a field")?;
    Ok(Field {
        key: required(object, "key")?,
        label: required(object, "label")?,
        hint: or_default(object, "hint")?,
        kind: kind(object)?,
        required: or_default(object, "required")?,
        required_if: or_default(object, "required_if")?,
        visible_if: or_default(object, "visible_if")?,
        rules: list(object, "rules", rule)?.unwrap_or_default(),
        autocomplete: or_default(object, "autocomplete")?,
    })
}

/// The field kind named by `type`, with its parameters, taken out of a field's object.
fn kind(object: &mut Object) -> Result<FieldKind, Problem> {
    let name: String = required(object, "type")?;
    Ok(match name.as_str() {
        "text" => FieldKind::Text,
        "text_area" => FieldKind::TextArea,
        "email" => FieldKind::Email,
        "phone" => FieldKind::Phone,
        "integer" => FieldKind::Integer,
        "decimal" => FieldKind::Decimal {
            decimals: take(object, "decimals")?.unwrap_or(2),
        },
        "money" => FieldKind::Money,
        "date" => FieldKind::Date,
        "time" => FieldKind::Time,
        "postal_code" => FieldKind::PostalCode,
        "iban" => FieldKind::Iban,
        "tax_id" => FieldKind::TaxId,
        "choice" => FieldKind::Choice {
            options: required(object, "options")?,
            display: or_default(object, "display")?,
        },
        "multiple_choice" => FieldKind::MultipleChoice {
            options: required(object, "options")?,
            min_selections: or_default(object, "min_selections")?,
            max_selections: or_default(object, "max_selections")?,
        },
        "yes_no" => FieldKind::YesNo,
        "checkbox" => FieldKind::Checkbox,
        "file" => FieldKind::File {
            accept: or_default(object, "accept")?,
            max_size_bytes: required(object, "max_size_bytes")?,
            max_count: take(object, "max_count")?.unwrap_or(1),
        },
        "address" => FieldKind::Address {
            with_country: or_default(object, "with_country")?,
        },
        "group" => FieldKind::Group {
            fields: list(object, "fields", field)?.ok_or_else(|| Problem::missing("fields"))?,
            min_items: or_default(object, "min_items")?,
            max_items: take(object, "max_items")?.unwrap_or(20),
        },
        "computed" => FieldKind::Computed {
            expression: required(object, "expression")?,
            display: or_default(object, "display")?,
        },
        "content" => FieldKind::Content {
            text: required(object, "text")?,
            style: or_default(object, "style")?,
        },
        _ => return Err(Problem::unknown("field type", &name, &KINDS)),
    })
}

fn rule(value: Value) -> Result<Rule, Problem> {
    let object = &mut object(value, "a rule")?;
    Ok(Rule {
        check: check(object)?,
        message: or_default(object, "message")?,
    })
}

/// The check named by `rule`, with its parameters, taken out of a rule's object.
fn check(object: &mut Object) -> Result<Check, Problem> {
    let name: String = required(object, "rule")?;
    Ok(match name.as_str() {
        "min_length" => Check::MinLength {
            min: required(object, "min")?,
        },
        "max_length" => Check::MaxLength {
            max: required(object, "max")?,
        },
        "pattern" => Check::Pattern {
            pattern: required(object, "pattern")?,
        },
        "min_value" => Check::MinValue {
            min: required(object, "min")?,
        },
        "max_value" => Check::MaxValue {
            max: required(object, "max")?,
        },
        "date_not_in_future" => Check::DateNotInFuture,
        "min_date" => Check::MinDate {
            date: date_param(object)?,
        },
        "max_date" => Check::MaxDate {
            date: date_param(object)?,
        },
        "compare_field" => Check::CompareField {
            op: required(object, "op")?,
            field: required(object, "field")?,
        },
        _ => return Err(Problem::unknown("rule", &name, &CHECKS)),
    })
}

fn date_param(object: &mut Object) -> Result<DateBound, Problem> {
    let value = pluck(object, "date").ok_or_else(|| Problem::missing("date"))?;
    date_bound(value).map_err(|problem| problem.inside("date"))
}

/// A date text is an absolute bound, an object a relative one.
fn date_bound(value: Value) -> Result<DateBound, Problem> {
    match value {
        Value::String(_) => from::<CalendarDate>(value).map(DateBound::Absolute),
        Value::Object(_) => {
            let RelativeDate {
                years,
                months,
                days,
            } = from(value)?;
            Ok(DateBound::Relative {
                years,
                months,
                days,
            })
        }
        _ => Err(Problem::invalid(
            &value,
            "a date `YYYY-MM-DD` or an object of `years`, `months` and `days`",
        )),
    }
}

/// The wire form of [`DateBound::Relative`].
#[derive(Deserialize)]
struct RelativeDate {
    #[serde(default)]
    years: i32,
    #[serde(default)]
    months: i32,
    #[serde(default)]
    days: i32,
}

fn object(value: Value, expected: &str) -> Result<Object, Problem> {
    match value {
        Value::Object(object) => Ok(object),
        _ => Err(Problem::invalid(&value, expected)),
    }
}

fn from<T: DeserializeOwned>(value: Value) -> Result<T, Problem> {
    serde_json::from_value(value).map_err(|error| Problem::new(error.to_string()))
}

/// Takes `key` out of `object` as a `T`, if it is there.
fn take<T: DeserializeOwned>(object: &mut Object, key: &str) -> Result<Option<T>, Problem> {
    pluck(object, key)
        .map(|value| from(value).map_err(|problem| problem.inside(key)))
        .transpose()
}

/// The value under `key`, leaving `null` in its place: no key is read twice, and
/// `BTreeMap::remove` would bring its rebalancing code into the bundle.
fn pluck(object: &mut Object, key: &str) -> Option<Value> {
    object.get_mut(key).map(Value::take)
}

fn required<T: DeserializeOwned>(object: &mut Object, key: &str) -> Result<T, Problem> {
    take(object, key)?.ok_or_else(|| Problem::missing(key))
}

/// Takes `key` out of `object`, or `T`'s default when it is absent; `null` reads as `None`.
fn or_default<T: DeserializeOwned + Default>(object: &mut Object, key: &str) -> Result<T, Problem> {
    Ok(take(object, key)?.unwrap_or_default())
}

/// Takes the array under `key` out of `object`, reading each item with `item`.
fn list<T>(
    object: &mut Object,
    key: &str,
    item: fn(Value) -> Result<T, Problem>,
) -> Result<Option<Vec<T>>, Problem> {
    match pluck(object, key) {
        None => Ok(None),
        Some(Value::Array(items)) => items
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                item(value).map_err(|problem| problem.inside(&format!("{key}[{index}]")))
            })
            .collect::<Result<_, _>>()
            .map(Some),
        Some(value) => Err(Problem::invalid(&value, "a sequence").inside(key)),
    }
}

/// What is wrong in a field or rule object, and where (`fields[1].rules[0].min`).
#[derive(Debug)]
struct Problem {
    path: String,
    message: String,
}

impl Problem {
    fn new(message: String) -> Self {
        Self {
            path: String::new(),
            message,
        }
    }

    fn missing(key: &str) -> Self {
        Self::new(format!("missing field `{key}`"))
    }

    fn unknown(what: &str, name: &str, known: &[&str]) -> Self {
        Self::new(format!(
            "unknown {what} `{name}`, expected one of `{}`",
            known.join("`, `")
        ))
    }

    /// Worded as serde_json words a value of the wrong JSON type.
    fn invalid(value: &Value, expected: &str) -> Self {
        let unexpected = match value {
            Value::Null => Unexpected::Unit,
            Value::Bool(value) => Unexpected::Bool(*value),
            Value::Number(number) => match (number.as_u64(), number.as_i64()) {
                (Some(value), _) => Unexpected::Unsigned(value),
                (None, Some(value)) => Unexpected::Signed(value),
                (None, None) => Unexpected::Float(number.as_f64().unwrap_or_default()),
            },
            Value::String(text) => Unexpected::Str(text),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        };
        Self::new(<serde_json::Error as de::Error>::invalid_type(unexpected, &expected).to_string())
    }

    /// The same problem seen from the enclosing object, in which it is under `segment`.
    fn inside(mut self, segment: &str) -> Self {
        self.path = if self.path.is_empty() {
            segment.to_owned()
        } else {
            format!("{segment}.{}", self.path)
        };
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// A JSON value read like `serde_json::Value`, except that an object giving a key twice is an
/// error, as it is for a derived struct (which checks only the keys it reads); `Value` would let
/// the last one win silently. Costs about 0.7 KB gzip over `Value::deserialize`. JSON only: it
/// relies on `deserialize_any`.
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E>(self, value: String) -> Result<Value, E> {
        Ok(Value::String(value))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Object::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
            }
            let Strict(value) = map.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}
