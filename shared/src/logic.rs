//! A small, safe expression language for form logic: visibility, requirement, computed values
//! and page skipping.
//!
//! Expressions are parsed into a tree, type-checked against the fields they reference, and
//! evaluated by a total interpreter: no `eval`, no loops, no side effects, bounded size and
//! depth, and no panics on any input (a fuzz target holds it to that). Unanswered fields
//! evaluate to [`Value::Empty`], which comparisons treat as "not equal to anything" and
//! arithmetic propagates.
//!
//! ```text
//! kategorie = "dokumente" and not empty(wert)
//! anzahl * 12.50
//! years_between(geburtsdatum, today()) >= 18
//! ```

use std::collections::BTreeSet;
use std::fmt;

use crate::date::CalendarDate;

/// Longest expression source accepted, in bytes.
pub const MAX_EXPRESSION_LEN: usize = 2_000;
/// Deepest nesting of sub-expressions accepted; a chain `a + b + c` counts one level per
/// operator, because it is a tree of that depth. Bounds recursion in every later pass.
pub const MAX_DEPTH: usize = 64;

/// The type of an expression or field value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Type {
    /// `true` or `false`.
    Bool,
    /// A decimal number (whole numbers, amounts of money).
    Number,
    /// Text.
    Text,
    /// A calendar date.
    Date,
    /// A list of texts (the values chosen in a multiple choice).
    List,
}

impl fmt::Display for Type {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Bool => "ja/nein",
            Self::Number => "Zahl",
            Self::Text => "Text",
            Self::Date => "Datum",
            Self::List => "Liste",
        })
    }
}

/// A decimal number with six fractional digits, exact for money and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Decimal(i128);

const SCALE: i128 = 1_000_000;

impl Decimal {
    /// The whole number `value`.
    pub fn from_int(value: i64) -> Self {
        Self(i128::from(value) * SCALE)
    }

    /// An amount given in cents.
    pub fn from_cents(cents: i64) -> Self {
        Self(i128::from(cents) * (SCALE / 100))
    }

    /// The value in cents, rounded half away from zero.
    pub fn to_cents(self) -> Option<i64> {
        let unit = SCALE / 100;
        let rounded = if self.0 >= 0 {
            (self.0 + unit / 2) / unit
        } else {
            (self.0 - unit / 2) / unit
        };
        i64::try_from(rounded).ok()
    }

    /// Parses `12`, `-3`, `12.5` or `0.125` (a point, at most six fractional digits).
    pub fn parse(text: &str) -> Option<Self> {
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |part: &str| part.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty()
            || whole.len() > 24
            || fraction.len() > 6
            || !all_digits(whole)
            || !all_digits(fraction)
        {
            return None;
        }
        if digits.ends_with('.') {
            return None;
        }
        let whole: i128 = whole.parse().ok()?;
        let fraction_value: i128 = if fraction.is_empty() {
            0
        } else {
            fraction.parse().ok()?
        };
        let fraction_scaled = fraction_value * 10_i128.pow(6 - fraction.len() as u32);
        let value = whole.checked_mul(SCALE)?.checked_add(fraction_scaled)?;
        Some(Self(if negative { -value } else { value }))
    }

    fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(other.0).map(Self)
    }

    fn checked_sub(self, other: Self) -> Option<Self> {
        self.0.checked_sub(other.0).map(Self)
    }

    fn checked_mul(self, other: Self) -> Option<Self> {
        self.0
            .checked_mul(other.0)
            .map(|product| Self(product / SCALE))
    }

    fn checked_div(self, other: Self) -> Option<Self> {
        if other.0 == 0 {
            return None;
        }
        self.0
            .checked_mul(SCALE)
            .map(|scaled| Self(scaled / other.0))
    }

    fn round(self, digits: u32) -> Self {
        let digits = digits.min(6);
        let unit = 10_i128.pow(6 - digits);
        let rounded = if self.0 >= 0 {
            (self.0 + unit / 2) / unit
        } else {
            (self.0 - unit / 2) / unit
        };
        Self(rounded * unit)
    }
}

/// In JSON a decimal is written as a string (`"12.5"`) so no digit is lost; a JSON number is
/// accepted too.
impl serde::Serialize for Decimal {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Decimal {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::Number(number) => number.to_string(),
            serde_json::Value::String(text) => text,
            _ => return Err(serde::de::Error::custom("expected a decimal number")),
        };
        Self::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("'{text}' is not a decimal number")))
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let magnitude = self.0.unsigned_abs();
        let whole = magnitude / SCALE as u128;
        let fraction = magnitude % SCALE as u128;
        if fraction == 0 {
            write!(f, "{sign}{whole}")
        } else {
            let fraction = format!("{fraction:06}");
            write!(f, "{sign}{whole}.{}", fraction.trim_end_matches('0'))
        }
    }
}

/// A value during evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An unanswered field, or an operation on one (or a division by zero, an overflow).
    Empty,
    /// Yes or no.
    Bool(bool),
    /// A number.
    Number(Decimal),
    /// Text.
    Text(String),
    /// A date.
    Date(CalendarDate),
    /// Chosen values of a multiple choice.
    List(Vec<String>),
}

impl Value {
    /// Whether the value counts as "true" in a condition: only `Bool(true)` does.
    pub fn is_true(&self) -> bool {
        matches!(self, Self::Bool(true))
    }
}

/// Where an expression finds its fields.
pub trait Scope {
    /// The type of field `key`, or `None` if the form has no such field (for checking).
    fn field_type(&self, key: &str) -> Option<Type>;
    /// The current value of field `key` (for evaluation); unanswered is [`Value::Empty`].
    fn value(&self, key: &str) -> Value;
}

/// A mistake in an expression: where (byte offset into the source) and what.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bei {position}: {message}")]
pub struct ExpressionError {
    /// Byte offset into the source where the problem starts.
    pub position: usize,
    /// What is wrong, in German (for editors).
    pub message: String,
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    node: Node,
    position: usize,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Literal(Value),
    Field(String),
    Not(Box<Expr>),
    Negate(Box<Expr>),
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    Call(Function, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BinaryOp {
    Or,
    And,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Add,
    Subtract,
    Multiply,
    Divide,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Function {
    Empty,
    Today,
    Date,
    YearsBetween,
    DaysBetween,
    Len,
    Count,
    Contains,
    If,
    Round,
    Min,
    Max,
}

impl Function {
    fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "empty" => Self::Empty,
            "today" => Self::Today,
            "date" => Self::Date,
            "years_between" => Self::YearsBetween,
            "days_between" => Self::DaysBetween,
            "len" => Self::Len,
            "count" => Self::Count,
            "contains" => Self::Contains,
            "if" => Self::If,
            "round" => Self::Round,
            "min" => Self::Min,
            "max" => Self::Max,
            _ => return None,
        })
    }

    fn arity(self) -> usize {
        match self {
            Self::Today => 0,
            Self::Empty | Self::Date | Self::Len | Self::Count => 1,
            Self::YearsBetween
            | Self::DaysBetween
            | Self::Contains
            | Self::Round
            | Self::Min
            | Self::Max => 2,
            Self::If => 3,
        }
    }
}

impl Expr {
    /// Parses `source`.
    pub fn parse(source: &str) -> Result<Self, ExpressionError> {
        if source.len() > MAX_EXPRESSION_LEN {
            return Err(ExpressionError {
                position: MAX_EXPRESSION_LEN,
                message: format!("Der Ausdruck ist länger als {MAX_EXPRESSION_LEN} Zeichen"),
            });
        }
        let tokens = tokenize(source)?;
        let mut parser = Parser {
            tokens,
            next: 0,
            depth: 0,
            end: source.len(),
        };
        let expr = parser.expression()?;
        match parser.peek() {
            None => Ok(expr),
            Some(token) => Err(ExpressionError {
                position: token.position,
                message: "Unerwarteter Text nach dem Ausdruck".into(),
            }),
        }
    }

    /// The field keys the expression reads.
    pub fn references(&self) -> BTreeSet<&str> {
        let mut keys = BTreeSet::new();
        self.collect_references(&mut keys);
        keys
    }

    fn collect_references<'a>(&'a self, keys: &mut BTreeSet<&'a str>) {
        match &self.node {
            Node::Literal(_) => {}
            Node::Field(key) => {
                keys.insert(key);
            }
            Node::Not(inner) | Node::Negate(inner) => inner.collect_references(keys),
            Node::Binary(_, left, right) => {
                left.collect_references(keys);
                right.collect_references(keys);
            }
            Node::Call(_, arguments) => arguments
                .iter()
                .for_each(|argument| argument.collect_references(keys)),
        }
    }

    /// Checks the expression against the fields of `scope` and returns its type.
    pub fn check(&self, scope: &dyn Scope) -> Result<Type, ExpressionError> {
        let error = |message: String| ExpressionError {
            position: self.position,
            message,
        };
        match &self.node {
            Node::Literal(value) => Ok(match value {
                Value::Bool(_) | Value::Empty => Type::Bool,
                Value::Number(_) => Type::Number,
                Value::Text(_) => Type::Text,
                Value::Date(_) => Type::Date,
                Value::List(_) => Type::List,
            }),
            Node::Field(key) => scope
                .field_type(key)
                .ok_or_else(|| error(format!("Es gibt kein Feld „{key}“"))),
            Node::Not(inner) => expect(inner, scope, Type::Bool).map(|()| Type::Bool),
            Node::Negate(inner) => expect(inner, scope, Type::Number).map(|()| Type::Number),
            Node::Binary(op, left, right) => {
                let left_type = left.check(scope)?;
                let right_type = right.check(scope)?;
                let mismatch = || {
                    error(format!(
                        "„{}“ verbindet nicht {left_type} und {right_type}",
                        op_symbol(*op)
                    ))
                };
                match op {
                    BinaryOp::Or | BinaryOp::And => {
                        if left_type == Type::Bool && right_type == Type::Bool {
                            Ok(Type::Bool)
                        } else {
                            Err(mismatch())
                        }
                    }
                    BinaryOp::Equal | BinaryOp::NotEqual => {
                        if left_type == right_type {
                            Ok(Type::Bool)
                        } else {
                            Err(mismatch())
                        }
                    }
                    BinaryOp::Less
                    | BinaryOp::LessOrEqual
                    | BinaryOp::Greater
                    | BinaryOp::GreaterOrEqual => {
                        let ordered = matches!(left_type, Type::Number | Type::Date | Type::Text);
                        if left_type == right_type && ordered {
                            Ok(Type::Bool)
                        } else {
                            Err(mismatch())
                        }
                    }
                    BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide => {
                        if left_type == Type::Number && right_type == Type::Number {
                            Ok(Type::Number)
                        } else if *op == BinaryOp::Add
                            && left_type == Type::Text
                            && right_type == Type::Text
                        {
                            Ok(Type::Text)
                        } else {
                            Err(mismatch())
                        }
                    }
                }
            }
            Node::Call(function, arguments) => self.check_call(*function, arguments, scope),
        }
    }

    fn check_call(
        &self,
        function: Function,
        arguments: &[Expr],
        scope: &dyn Scope,
    ) -> Result<Type, ExpressionError> {
        let types = arguments
            .iter()
            .map(|argument| argument.check(scope))
            .collect::<Result<Vec<_>, _>>()?;
        let wrong = |expected: &str| ExpressionError {
            position: self.position,
            message: format!("{} erwartet {expected}", function_name(function)),
        };
        match (function, types.as_slice()) {
            (Function::Empty, [_]) => Ok(Type::Bool),
            (Function::Today, []) => Ok(Type::Date),
            (Function::Date, [Type::Text]) => match &arguments[0].node {
                Node::Literal(Value::Text(text)) if text.parse::<CalendarDate>().is_ok() => {
                    Ok(Type::Date)
                }
                _ => Err(wrong("ein Datum wie \"2026-03-27\"")),
            },
            (Function::YearsBetween | Function::DaysBetween, [Type::Date, Type::Date]) => {
                Ok(Type::Number)
            }
            (Function::Len, [Type::Text]) | (Function::Count, [Type::List]) => Ok(Type::Number),
            (Function::Contains, [Type::List | Type::Text, Type::Text]) => Ok(Type::Bool),
            (Function::If, [Type::Bool, then, otherwise]) if then == otherwise => Ok(*then),
            (Function::Round, [Type::Number, Type::Number]) => Ok(Type::Number),
            (Function::Min | Function::Max, [Type::Number, Type::Number]) => Ok(Type::Number),
            (Function::YearsBetween | Function::DaysBetween, _) => Err(wrong("zwei Daten")),
            (Function::Len, _) => Err(wrong("einen Text")),
            (Function::Count, _) => Err(wrong("eine Liste")),
            (Function::Contains, _) => Err(wrong("eine Liste oder einen Text und einen Text")),
            (Function::If, _) => Err(wrong("eine Bedingung und zwei Werte derselben Art")),
            (Function::Round | Function::Min | Function::Max, _) => Err(wrong("zwei Zahlen")),
            (Function::Empty | Function::Today | Function::Date, _) => Err(wrong("andere Angaben")),
        }
    }

    /// Evaluates the expression. `today` is the current date (city time zone on the server,
    /// device date in the browser). Never panics; impossible operations give [`Value::Empty`].
    pub fn evaluate(&self, scope: &dyn Scope, today: CalendarDate) -> Value {
        match &self.node {
            Node::Literal(value) => value.clone(),
            Node::Field(key) => scope.value(key),
            Node::Not(inner) => match inner.evaluate(scope, today) {
                Value::Bool(value) => Value::Bool(!value),
                _ => Value::Bool(true),
            },
            Node::Negate(inner) => match inner.evaluate(scope, today) {
                Value::Number(number) => Decimal(0)
                    .checked_sub(number)
                    .map_or(Value::Empty, Value::Number),
                _ => Value::Empty,
            },
            Node::Binary(op, left, right) => evaluate_binary(*op, left, right, scope, today),
            Node::Call(function, arguments) => evaluate_call(*function, arguments, scope, today),
        }
    }
}

fn expect(expr: &Expr, scope: &dyn Scope, expected: Type) -> Result<(), ExpressionError> {
    let found = expr.check(scope)?;
    if found == expected {
        Ok(())
    } else {
        Err(ExpressionError {
            position: expr.position,
            message: format!("erwartet wurde {expected}, gefunden {found}"),
        })
    }
}

fn evaluate_binary(
    op: BinaryOp,
    left: &Expr,
    right: &Expr,
    scope: &dyn Scope,
    today: CalendarDate,
) -> Value {
    // `and` / `or` short-circuit; an unanswered yes/no counts as "no".
    match op {
        BinaryOp::And => {
            return Value::Bool(
                left.evaluate(scope, today).is_true() && right.evaluate(scope, today).is_true(),
            );
        }
        BinaryOp::Or => {
            return Value::Bool(
                left.evaluate(scope, today).is_true() || right.evaluate(scope, today).is_true(),
            );
        }
        _ => {}
    }
    let left = left.evaluate(scope, today);
    let right = right.evaluate(scope, today);
    let compare = |ordering_ok: fn(std::cmp::Ordering) -> bool| -> Value {
        let ordering = match (&left, &right) {
            (Value::Number(a), Value::Number(b)) => Some(a.cmp(b)),
            (Value::Date(a), Value::Date(b)) => Some(a.cmp(b)),
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            _ => None,
        };
        Value::Bool(ordering.is_some_and(ordering_ok))
    };
    match op {
        // An unanswered value equals only another unanswered value.
        BinaryOp::Equal => Value::Bool(left == right),
        BinaryOp::NotEqual => Value::Bool(left != right),
        BinaryOp::Less => compare(std::cmp::Ordering::is_lt),
        BinaryOp::LessOrEqual => compare(std::cmp::Ordering::is_le),
        BinaryOp::Greater => compare(std::cmp::Ordering::is_gt),
        BinaryOp::GreaterOrEqual => compare(std::cmp::Ordering::is_ge),
        BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply | BinaryOp::Divide => {
            match (left, right) {
                (Value::Number(a), Value::Number(b)) => {
                    let result = match op {
                        BinaryOp::Add => a.checked_add(b),
                        BinaryOp::Subtract => a.checked_sub(b),
                        BinaryOp::Multiply => a.checked_mul(b),
                        _ => a.checked_div(b),
                    };
                    result.map_or(Value::Empty, Value::Number)
                }
                (Value::Text(a), Value::Text(b)) if op == BinaryOp::Add => Value::Text(a + &b),
                _ => Value::Empty,
            }
        }
        BinaryOp::And | BinaryOp::Or => Value::Empty,
    }
}

fn evaluate_call(
    function: Function,
    arguments: &[Expr],
    scope: &dyn Scope,
    today: CalendarDate,
) -> Value {
    let argument = |index: usize| {
        arguments
            .get(index)
            .map_or(Value::Empty, |expr| expr.evaluate(scope, today))
    };
    match function {
        Function::Empty => Value::Bool(match argument(0) {
            Value::Empty => true,
            Value::Text(text) => text.trim().is_empty(),
            Value::List(items) => items.is_empty(),
            _ => false,
        }),
        Function::Today => Value::Date(today),
        Function::Date => match argument(0) {
            Value::Text(text) => text.parse().map_or(Value::Empty, Value::Date),
            _ => Value::Empty,
        },
        Function::YearsBetween => match (argument(0), argument(1)) {
            (Value::Date(from), Value::Date(to)) => {
                Value::Number(Decimal::from_int(full_years_between(from, to)))
            }
            _ => Value::Empty,
        },
        Function::DaysBetween => match (argument(0), argument(1)) {
            (Value::Date(from), Value::Date(to)) => Value::Number(Decimal::from_int(
                to.days_since_epoch() - from.days_since_epoch(),
            )),
            _ => Value::Empty,
        },
        Function::Len => match argument(0) {
            Value::Text(text) => Value::Number(Decimal::from_int(text.chars().count() as i64)),
            _ => Value::Empty,
        },
        Function::Count => match argument(0) {
            Value::List(items) => Value::Number(Decimal::from_int(items.len() as i64)),
            Value::Empty => Value::Number(Decimal::from_int(0)),
            _ => Value::Empty,
        },
        Function::Contains => match (argument(0), argument(1)) {
            (Value::List(items), Value::Text(item)) => Value::Bool(items.contains(&item)),
            (Value::Text(text), Value::Text(part)) => Value::Bool(text.contains(&part)),
            _ => Value::Bool(false),
        },
        Function::If => {
            if argument(0).is_true() {
                argument(1)
            } else {
                argument(2)
            }
        }
        Function::Round => match (argument(0), argument(1)) {
            (Value::Number(number), Value::Number(digits)) => {
                let digits = u32::try_from(digits.0 / SCALE).unwrap_or(0);
                Value::Number(number.round(digits))
            }
            _ => Value::Empty,
        },
        Function::Min | Function::Max => match (argument(0), argument(1)) {
            (Value::Number(a), Value::Number(b)) => Value::Number(if function == Function::Min {
                a.min(b)
            } else {
                a.max(b)
            }),
            _ => Value::Empty,
        },
    }
}

/// Whole years from `from` to `to` (a birthday on 29 February counts from 1 March in common
/// years); negative when `to` is before `from`.
fn full_years_between(from: CalendarDate, to: CalendarDate) -> i64 {
    if to < from {
        return -full_years_between(to, from);
    }
    let mut years = i64::from(to.year() - from.year());
    if (to.month(), to.day()) < (from.month(), from.day()) {
        years -= 1;
    }
    years
}

fn op_symbol(op: BinaryOp) -> &'static str {
    match op {
        BinaryOp::Or => "or",
        BinaryOp::And => "and",
        BinaryOp::Equal => "=",
        BinaryOp::NotEqual => "!=",
        BinaryOp::Less => "<",
        BinaryOp::LessOrEqual => "<=",
        BinaryOp::Greater => ">",
        BinaryOp::GreaterOrEqual => ">=",
        BinaryOp::Add => "+",
        BinaryOp::Subtract => "-",
        BinaryOp::Multiply => "*",
        BinaryOp::Divide => "/",
    }
}

fn function_name(function: Function) -> &'static str {
    match function {
        Function::Empty => "empty()",
        Function::Today => "today()",
        Function::Date => "date()",
        Function::YearsBetween => "years_between()",
        Function::DaysBetween => "days_between()",
        Function::Len => "len()",
        Function::Count => "count()",
        Function::Contains => "contains()",
        Function::If => "if()",
        Function::Round => "round()",
        Function::Min => "min()",
        Function::Max => "max()",
    }
}

#[derive(Debug, Clone, PartialEq)]
enum TokenKind {
    Number(Decimal),
    Text(String),
    Ident(String),
    Symbol(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
struct Token {
    kind: TokenKind,
    position: usize,
}

const SYMBOLS: [&str; 14] = [
    "<=", ">=", "!=", "==", "=", "<", ">", "+", "-", "*", "/", "(", ")", ",",
];

fn tokenize(source: &str) -> Result<Vec<Token>, ExpressionError> {
    let mut tokens = Vec::new();
    let bytes = source.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let start = index;
        if byte.is_ascii_whitespace() {
            index += 1;
        } else if byte.is_ascii_digit() {
            while index < bytes.len() && (bytes[index].is_ascii_digit() || bytes[index] == b'.') {
                index += 1;
            }
            let text = &source[start..index];
            let number = Decimal::parse(text).ok_or_else(|| ExpressionError {
                position: start,
                message: format!("„{text}“ ist keine Zahl"),
            })?;
            tokens.push(Token {
                kind: TokenKind::Number(number),
                position: start,
            });
        } else if byte == b'"' {
            index += 1;
            let mut text = String::new();
            loop {
                let Some(character) = source[index..].chars().next() else {
                    return Err(ExpressionError {
                        position: start,
                        message: "Dem Text fehlt das schließende Anführungszeichen".into(),
                    });
                };
                index += character.len_utf8();
                match character {
                    '"' => break,
                    '\\' => {
                        let Some(escaped) = source[index..].chars().next() else {
                            return Err(ExpressionError {
                                position: start,
                                message: "Dem Text fehlt das schließende Anführungszeichen".into(),
                            });
                        };
                        index += escaped.len_utf8();
                        text.push(escaped);
                    }
                    other => text.push(other),
                }
            }
            tokens.push(Token {
                kind: TokenKind::Text(text),
                position: start,
            });
        } else if byte.is_ascii_alphabetic() || byte == b'_' {
            while index < bytes.len()
                && (bytes[index].is_ascii_alphanumeric() || bytes[index] == b'_')
            {
                index += 1;
            }
            tokens.push(Token {
                kind: TokenKind::Ident(source[start..index].to_owned()),
                position: start,
            });
        } else if let Some(symbol) = SYMBOLS
            .iter()
            .find(|symbol| source[index..].starts_with(**symbol))
        {
            index += symbol.len();
            tokens.push(Token {
                kind: TokenKind::Symbol(symbol),
                position: start,
            });
        } else {
            let character = source[index..].chars().next().unwrap_or('?');
            return Err(ExpressionError {
                position: start,
                message: format!("Unerwartetes Zeichen „{character}“"),
            });
        }
    }
    Ok(tokens)
}

struct Parser {
    tokens: Vec<Token>,
    next: usize,
    depth: usize,
    end: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next)
    }

    fn position(&self) -> usize {
        self.peek().map_or(self.end, |token| token.position)
    }

    fn eat_symbol(&mut self, symbol: &str) -> bool {
        if matches!(self.peek(), Some(Token { kind: TokenKind::Symbol(found), .. }) if *found == symbol)
        {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if matches!(self.peek(), Some(Token { kind: TokenKind::Ident(found), .. }) if found == word)
        {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn nested<T>(
        &mut self,
        parse: impl FnOnce(&mut Self) -> Result<T, ExpressionError>,
    ) -> Result<T, ExpressionError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(ExpressionError {
                position: self.position(),
                message: format!("Tiefer als {MAX_DEPTH} Ebenen verschachtelt"),
            });
        }
        let result = parse(self);
        self.depth -= 1;
        result
    }

    fn expression(&mut self) -> Result<Expr, ExpressionError> {
        self.nested(Self::or)
    }

    fn binary_chain(
        &mut self,
        operand: fn(&mut Self) -> Result<Expr, ExpressionError>,
        operators: &[(&'static str, BinaryOp)],
    ) -> Result<Expr, ExpressionError> {
        let depth_before = self.depth;
        let mut left = operand(self)?;
        let result = loop {
            let position = self.position();
            let Some(op) = operators.iter().find_map(|(text, op)| {
                let is_word = text.bytes().all(|byte| byte.is_ascii_alphabetic());
                let found = if is_word {
                    self.eat_word(text)
                } else {
                    self.eat_symbol(text)
                };
                found.then_some(*op)
            }) else {
                break Ok(left);
            };
            // Each operator deepens the (left-leaning) tree by one level.
            self.depth += 1;
            let right = match self.nested(operand) {
                Ok(right) => right,
                Err(error) => break Err(error),
            };
            left = Expr {
                node: Node::Binary(op, Box::new(left), Box::new(right)),
                position,
            };
        };
        self.depth = depth_before;
        result
    }

    fn or(&mut self) -> Result<Expr, ExpressionError> {
        self.binary_chain(Self::and, &[("or", BinaryOp::Or)])
    }

    fn and(&mut self) -> Result<Expr, ExpressionError> {
        self.binary_chain(Self::not, &[("and", BinaryOp::And)])
    }

    fn not(&mut self) -> Result<Expr, ExpressionError> {
        let position = self.position();
        if self.eat_word("not") {
            let inner = self.nested(Self::not)?;
            return Ok(Expr {
                node: Node::Not(Box::new(inner)),
                position,
            });
        }
        self.comparison()
    }

    fn comparison(&mut self) -> Result<Expr, ExpressionError> {
        let left = self.additive()?;
        let position = self.position();
        let operators = [
            ("<=", BinaryOp::LessOrEqual),
            (">=", BinaryOp::GreaterOrEqual),
            ("!=", BinaryOp::NotEqual),
            ("==", BinaryOp::Equal),
            ("=", BinaryOp::Equal),
            ("<", BinaryOp::Less),
            (">", BinaryOp::Greater),
        ];
        let Some(op) = operators
            .iter()
            .find_map(|(text, op)| self.eat_symbol(text).then_some(*op))
        else {
            return Ok(left);
        };
        let right = self.nested(Self::additive)?;
        Ok(Expr {
            node: Node::Binary(op, Box::new(left), Box::new(right)),
            position,
        })
    }

    fn additive(&mut self) -> Result<Expr, ExpressionError> {
        self.binary_chain(
            Self::multiplicative,
            &[("+", BinaryOp::Add), ("-", BinaryOp::Subtract)],
        )
    }

    fn multiplicative(&mut self) -> Result<Expr, ExpressionError> {
        self.binary_chain(
            Self::unary,
            &[("*", BinaryOp::Multiply), ("/", BinaryOp::Divide)],
        )
    }

    fn unary(&mut self) -> Result<Expr, ExpressionError> {
        let position = self.position();
        if self.eat_symbol("-") {
            let inner = self.nested(Self::unary)?;
            return Ok(Expr {
                node: Node::Negate(Box::new(inner)),
                position,
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, ExpressionError> {
        let position = self.position();
        let Some(token) = self.peek().cloned() else {
            return Err(ExpressionError {
                position,
                message: "Der Ausdruck endet zu früh".into(),
            });
        };
        self.next += 1;
        let node = match token.kind {
            TokenKind::Number(number) => Node::Literal(Value::Number(number)),
            TokenKind::Text(text) => Node::Literal(Value::Text(text)),
            TokenKind::Symbol("(") => {
                let inner = self.expression()?;
                if !self.eat_symbol(")") {
                    return Err(ExpressionError {
                        position: self.position(),
                        message: "„)“ fehlt".into(),
                    });
                }
                return Ok(inner);
            }
            TokenKind::Symbol(symbol) => {
                return Err(ExpressionError {
                    position,
                    message: format!("Unerwartet: „{symbol}“"),
                });
            }
            TokenKind::Ident(word) => match word.as_str() {
                "true" => Node::Literal(Value::Bool(true)),
                "false" => Node::Literal(Value::Bool(false)),
                "and" | "or" | "not" => {
                    return Err(ExpressionError {
                        position,
                        message: format!("Unerwartet: „{word}“"),
                    });
                }
                _ if self.eat_symbol("(") => {
                    let function = Function::from_name(&word).ok_or_else(|| ExpressionError {
                        position,
                        message: format!("Es gibt keine Funktion „{word}“"),
                    })?;
                    let mut arguments = Vec::new();
                    if !self.eat_symbol(")") {
                        loop {
                            arguments.push(self.expression()?);
                            if self.eat_symbol(")") {
                                break;
                            }
                            if !self.eat_symbol(",") {
                                return Err(ExpressionError {
                                    position: self.position(),
                                    message: "„,“ oder „)“ fehlt".into(),
                                });
                            }
                        }
                    }
                    if arguments.len() != function.arity() {
                        return Err(ExpressionError {
                            position,
                            message: format!(
                                "{} braucht {} Angabe(n), nicht {}",
                                function_name(function),
                                function.arity(),
                                arguments.len()
                            ),
                        });
                    }
                    Node::Call(function, arguments)
                }
                _ => Node::Field(word),
            },
        };
        Ok(Expr { node, position })
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    struct Fields(HashMap<&'static str, (Type, Value)>);

    impl Scope for Fields {
        fn field_type(&self, key: &str) -> Option<Type> {
            self.0.get(key).map(|(kind, _)| *kind)
        }

        fn value(&self, key: &str) -> Value {
            self.0
                .get(key)
                .map_or(Value::Empty, |(_, value)| value.clone())
        }
    }

    fn fields() -> Fields {
        let date = |text: &str| Value::Date(text.parse().unwrap());
        Fields(HashMap::from([
            (
                "anzahl",
                (Type::Number, Value::Number(Decimal::from_int(3))),
            ),
            ("kategorie", (Type::Text, Value::Text("dokumente".into()))),
            ("wert", (Type::Number, Value::Empty)),
            ("geburtsdatum", (Type::Date, date("2008-11-24"))),
            ("volljaehrig", (Type::Bool, Value::Bool(true))),
            (
                "personen",
                (
                    Type::List,
                    Value::List(vec!["kind".into(), "partner".into()]),
                ),
            ),
        ]))
    }

    fn today() -> CalendarDate {
        "2026-11-23".parse().unwrap()
    }

    fn eval(source: &str) -> Value {
        let expr = Expr::parse(source).unwrap_or_else(|error| panic!("{source}: {error}"));
        expr.check(&fields())
            .unwrap_or_else(|error| panic!("{source}: {error}"));
        expr.evaluate(&fields(), today())
    }

    fn number(text: &str) -> Value {
        Value::Number(Decimal::parse(text).unwrap())
    }

    #[test]
    fn arithmetic_is_exact_decimal_with_precedence() {
        assert_eq!(eval("anzahl * 12.50"), number("37.5"));
        assert_eq!(eval("1 + 2 * 3"), number("7"));
        assert_eq!(eval("(1 + 2) * 3"), number("9"));
        assert_eq!(eval("0.1 + 0.2"), number("0.3"));
        assert_eq!(eval("10 / 4"), number("2.5"));
        assert_eq!(eval("-anzahl + 1"), number("-2"));
        assert_eq!(eval("round(10 / 3, 2)"), number("3.33"));
        assert_eq!(eval("min(anzahl, 2) + max(anzahl, 2)"), number("5"));
        assert_eq!(Decimal::parse("37.5").unwrap().to_cents(), Some(3750));
        assert_eq!(Decimal::parse("12.345").unwrap().to_string(), "12.345");
    }

    #[test]
    fn unanswered_values_propagate_and_compare_unequal() {
        assert_eq!(eval("wert * 2"), Value::Empty);
        assert_eq!(eval("wert > 0"), Value::Bool(false));
        assert_eq!(eval("wert < 0"), Value::Bool(false));
        assert_eq!(eval("empty(wert)"), Value::Bool(true));
        assert_eq!(eval("not empty(anzahl)"), Value::Bool(true));
        assert_eq!(eval("1 / 0"), Value::Empty);
    }

    #[test]
    fn conditions_combine_with_and_or_not() {
        assert_eq!(
            eval("kategorie = \"dokumente\" and anzahl >= 3"),
            Value::Bool(true)
        );
        assert_eq!(
            eval("kategorie != \"dokumente\" or volljaehrig"),
            Value::Bool(true)
        );
        assert_eq!(eval("not volljaehrig"), Value::Bool(false));
        assert_eq!(
            eval("contains(personen, \"kind\") and count(personen) = 2"),
            Value::Bool(true)
        );
        assert_eq!(eval("if(volljaehrig, 30, 15)"), number("30"));
        assert_eq!(eval("len(\"Straße\")"), number("6"));
    }

    #[test]
    fn dates_compare_and_count_full_years() {
        // Born 2008-11-24: one day short of 18 on 2026-11-23.
        assert_eq!(eval("years_between(geburtsdatum, today())"), number("17"));
        assert_eq!(
            eval("years_between(geburtsdatum, today()) >= 18"),
            Value::Bool(false)
        );
        assert_eq!(
            eval("years_between(date(\"2008-11-23\"), today())"),
            number("18")
        );
        assert_eq!(
            eval("days_between(date(\"2026-11-01\"), today())"),
            number("22")
        );
        assert_eq!(eval("geburtsdatum < today()"), Value::Bool(true));
    }

    #[test]
    fn references_list_every_field_read() {
        let expr = Expr::parse("anzahl * 2 > wert and contains(personen, kategorie)").unwrap();
        assert_eq!(
            expr.references().into_iter().collect::<Vec<_>>(),
            ["anzahl", "kategorie", "personen", "wert"]
        );
    }

    #[test]
    fn type_errors_name_the_position() {
        let check = |source: &str| Expr::parse(source).unwrap().check(&fields()).unwrap_err();
        assert_eq!(check("anzahl + kategorie").position, 7);
        assert!(
            check("anzahl + kategorie")
                .message
                .contains("Zahl und Text")
        );
        assert_eq!(
            check("unbekannt = 1").message,
            "Es gibt kein Feld „unbekannt“"
        );
        assert!(
            check("not anzahl")
                .message
                .contains("erwartet wurde ja/nein")
        );
        assert!(
            check("years_between(anzahl, today())")
                .message
                .contains("zwei Daten")
        );
        assert!(check("date(kategorie)").message.contains("ein Datum wie"));
        assert!(
            check("if(volljaehrig, 1, \"a\")")
                .message
                .contains("derselben Art")
        );
    }

    #[test]
    fn syntax_errors_name_the_position() {
        let parse = |source: &str| Expr::parse(source).unwrap_err();
        assert_eq!(parse("anzahl +").position, 8);
        assert_eq!(parse("(anzahl").message, "„)“ fehlt");
        assert_eq!(parse("anzahl $ 2").position, 7);
        assert_eq!(
            parse("\"offen").message,
            "Dem Text fehlt das schließende Anführungszeichen"
        );
        assert_eq!(parse("foo(1)").message, "Es gibt keine Funktion „foo“");
        assert!(parse("round(1)").message.contains("braucht 2 Angabe(n)"));
        assert!(parse("1.2.3").message.contains("keine Zahl"));
        assert!(parse("1 2").message.contains("Unerwarteter Text"));
        assert!(parse(&"(".repeat(100)).message.contains("verschachtelt"));
        assert!(parse(&"-".repeat(100)).message.contains("verschachtelt"));
        assert!(parse(&"1+".repeat(1_001)).message.contains("länger als"));
    }

    #[test]
    fn chains_are_bounded_like_nesting() {
        let source = vec!["1"; 50].join(" + ");
        assert_eq!(eval(&source), number("50"));
        let too_long = vec!["1"; 100].join(" + ");
        assert!(
            Expr::parse(&too_long)
                .unwrap_err()
                .message
                .contains("verschachtelt")
        );
    }
}
