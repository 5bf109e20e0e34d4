//! Arbitrary text → `Expr::parse`; what parses is checked against a small fixed scope and
//! evaluated. None of it may panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shared::CalendarDate;
use shared::logic::{Decimal, Expr, Scope, Type, Value};

/// One field of each type, answered.
struct Fixed;

impl Scope for Fixed {
    fn field_type(&self, key: &str) -> Option<Type> {
        Some(match key {
            "ja" => Type::Bool,
            "anzahl" | "betrag" => Type::Number,
            "name" | "art" => Type::Text,
            "geburt" => Type::Date,
            "themen" => Type::List,
            _ => return None,
        })
    }

    fn value(&self, key: &str) -> Value {
        match key {
            "ja" => Value::Bool(true),
            "anzahl" => Value::Number(Decimal::from_int(i64::MAX)),
            "betrag" => Value::Number(Decimal::from_cents(-1)),
            "name" => Value::Text("Ärger ß".to_owned()),
            "art" => Value::Text(String::new()),
            "geburt" => CalendarDate::from_ymd(1, 1, 1).map_or(Value::Empty, Value::Date),
            "themen" => Value::List(vec!["a".to_owned(), String::new()]),
            _ => Value::Empty,
        }
    }
}

/// Nothing is answered.
struct Unanswered;

impl Scope for Unanswered {
    fn field_type(&self, key: &str) -> Option<Type> {
        Fixed.field_type(key)
    }

    fn value(&self, _key: &str) -> Value {
        Value::Empty
    }
}

fuzz_target!(|source: &str| {
    let Ok(expr) = Expr::parse(source) else {
        return;
    };
    let _ = expr.references();
    let checked = expr.check(&Fixed);
    for today in [
        CalendarDate::from_days_since_epoch(20_415),
        CalendarDate::from_days_since_epoch(-719_162),
        CalendarDate::from_days_since_epoch(2_932_896),
    ] {
        // Unchecked expressions are evaluated too: evaluation must be total on any tree.
        let _ = expr.evaluate(&Fixed, today);
        let _ = expr.evaluate(&Unanswered, today);
    }
    let _ = checked;
});
