//! German-aware search over the service catalogue, in memory (a city has hundreds of services at
//! most, so ranking all of them per query takes well under a millisecond).
//!
//! Both query and services are folded the same way: lower case, `ä`/`ö`/`ü` → `ae`/`oe`/`ue`,
//! `ß` → `ss`, other accents dropped. So "Fuehrungszeugnis", "Führungszeugnis" and
//! "fuhrungszeugnis" (one edit away) all find the same service. A query word matches a word of a
//! service exactly, as its beginning ("pers" → "personalausweis"), inside a compound word
//! ("ausweis" → "personalausweis"), or with a typo (one edit up to 7 letters, two from 8).
//! Matches in the name count most, then keywords, summary, description and documents.

use shared::catalogue::Service;
use shared::{Lang, LocalizedText};

/// Query words considered; further ones are ignored.
const MAX_QUERY_WORDS: usize = 8;

/// Words that carry no meaning for finding a service.
const STOP_WORDS: [&str; 24] = [
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "und", "oder", "ich", "mein",
    "meine", "meinen", "fuer", "fur", "zu", "zum", "zur", "wie", "was", "the", "a",
];

/// Folds text for matching and splits it into words.
pub(crate) fn words(text: &str) -> Vec<String> {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => folded.push_str("ae"),
            'ö' => folded.push_str("oe"),
            'ü' => folded.push_str("ue"),
            'ß' => folded.push_str("ss"),
            'à' | 'á' | 'â' | 'ã' | 'å' => folded.push('a'),
            'è' | 'é' | 'ê' | 'ë' => folded.push('e'),
            'ì' | 'í' | 'î' | 'ï' => folded.push('i'),
            'ò' | 'ó' | 'ô' | 'õ' => folded.push('o'),
            'ù' | 'ú' | 'û' => folded.push('u'),
            'ç' => folded.push('c'),
            'ñ' => folded.push('n'),
            c if c.is_alphanumeric() => folded.push(c),
            _ => folded.push(' '),
        }
    }
    folded.split_whitespace().map(str::to_owned).collect()
}

/// The folded words of every text and number in a submission's answers, and its reference
/// number, each between spaces: what the staff inbox searches (`like '%word%'` per query
/// word, so parts of words match too).
pub(crate) fn answer_text(answers: &serde_json::Value, reference: &str) -> String {
    fn collect(value: &serde_json::Value, out: &mut Vec<String>) {
        match value {
            serde_json::Value::String(text) => out.extend(words(text)),
            serde_json::Value::Number(number) => out.push(number.to_string()),
            serde_json::Value::Array(items) => items.iter().for_each(|item| collect(item, out)),
            serde_json::Value::Object(map) => map.values().for_each(|item| collect(item, out)),
            serde_json::Value::Bool(_) | serde_json::Value::Null => {}
        }
    }
    let mut found = words(reference);
    collect(answers, &mut found);
    format!(" {} ", found.join(" "))
}

/// How well one query word matches one word of a service, 0 for not at all.
fn word_match(query: &str, word: &str) -> f64 {
    let length = query.chars().count();
    if word == query {
        return 1.0;
    }
    if word.starts_with(query) {
        return 0.8;
    }
    if length >= 4 && word.contains(query) {
        return 0.6;
    }
    let allowed = match length {
        0..=3 => return 0.0,
        4..=7 => 1,
        _ => 2,
    };
    // A typo in the word itself, or in the beginning of a longer word ("persnal" → "personal…"):
    // a missing or extra letter shifts where that beginning ends, so try one shorter and longer.
    let near_beginning = (length - 1..=length + 1).any(|take| {
        let prefix: String = word.chars().take(take).collect();
        strsim::damerau_levenshtein(query, &prefix) <= allowed
    });
    if near_beginning || strsim::damerau_levenshtein(query, word) <= allowed {
        0.5
    } else {
        0.0
    }
}

/// The words of one service, by weight.
struct Document {
    fields: Vec<(f64, Vec<String>)>,
}

fn localized_words(text: &LocalizedText) -> Vec<String> {
    let mut found = words(&text.de);
    if let Some(en) = &text.en {
        found.extend(words(en));
    }
    found
}

impl Document {
    fn new(service: &Service) -> Self {
        let documents: Vec<String> = service.documents.iter().flat_map(localized_words).collect();
        Self {
            fields: vec![
                (4.0, localized_words(&service.name)),
                (
                    3.0,
                    service.keywords.iter().flat_map(|k| words(k)).collect(),
                ),
                (1.5, localized_words(&service.summary)),
                (1.0, localized_words(&service.description)),
                (0.5, documents),
            ],
        }
    }

    /// The best weighted match of `query` in any field.
    fn score(&self, query: &str) -> f64 {
        self.fields
            .iter()
            .map(|(weight, words)| {
                weight
                    * words
                        .iter()
                        .map(|word| word_match(query, word))
                        .fold(0.0, f64::max)
            })
            .fold(0.0, f64::max)
    }
}

/// The services matching `query`, best first (ties keep catalogue order). Services that match
/// every query word come first; if none does, those matching some of them.
pub(crate) fn search<'a>(services: &'a [Service], query: &str) -> Vec<&'a Service> {
    let mut wanted: Vec<String> = Vec::new();
    for word in words(query) {
        if !STOP_WORDS.contains(&word.as_str()) && !wanted.contains(&word) {
            wanted.push(word);
        }
    }
    // A few words say what a citizen looks for; more only cost time (typo matching is quadratic).
    wanted.truncate(MAX_QUERY_WORDS);
    let query = wanted;
    if query.is_empty() {
        return Vec::new();
    }
    let scored: Vec<(usize, f64, usize)> = services
        .iter()
        .enumerate()
        .map(|(index, service)| {
            let document = Document::new(service);
            let scores: Vec<f64> = query.iter().map(|word| document.score(word)).collect();
            let matched = scores.iter().filter(|score| **score > 0.0).count();
            (index, scores.iter().sum(), matched)
        })
        .filter(|(_, _, matched)| *matched > 0)
        .collect();
    let all = scored.iter().any(|(_, _, matched)| *matched == query.len());
    let mut hits: Vec<(usize, f64)> = scored
        .into_iter()
        .filter(|(_, _, matched)| !all || *matched == query.len())
        .map(|(index, score, _)| (index, score))
        .collect();
    hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    hits.into_iter()
        .map(|(index, _)| &services[index])
        .collect()
}

/// Sort key for an A–Z list in `lang` (umlauts sort like their base letters, as in phone books).
pub(crate) fn sort_key(text: &LocalizedText, lang: Lang) -> String {
    words(text.get(lang)).join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_fold_german_spellings() {
        assert_eq!(words("Führungszeugnis"), ["fuehrungszeugnis"]);
        assert_eq!(words("Straßenverkehrsamt"), ["strassenverkehrsamt"]);
        assert_eq!(
            words("Hund an-/abmelden (Steuer)"),
            ["hund", "an", "abmelden", "steuer"]
        );
        assert_eq!(words("Café"), ["cafe"]);
    }

    #[test]
    fn matches_exact_prefix_compound_and_typos() {
        assert_eq!(word_match("ausweis", "ausweis"), 1.0);
        assert_eq!(word_match("pers", "personalausweis"), 0.8);
        assert_eq!(word_match("ausweis", "personalausweis"), 0.6);
        assert_eq!(word_match("fuhrungszeugnis", "fuehrungszeugnis"), 0.5);
        assert_eq!(word_match("persnal", "personalausweis"), 0.5);
        assert_eq!(word_match("hund", "mund"), 0.5);
        // Short words must match exactly or as a beginning: "ab" is no typo of "an".
        assert_eq!(word_match("ab", "an"), 0.0);
        assert_eq!(word_match("katze", "hund"), 0.0);
    }
}
