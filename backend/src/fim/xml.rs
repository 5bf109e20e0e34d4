//! A small element tree over quick-xml: FIM files are small (under a few MB) and their element
//! order varies in practice, so the importer reads a tree and looks children up by local name
//! instead of following the XSD sequence.

use quick_xml::XmlVersion;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

/// Most nested elements accepted: far beyond real schemas, and a guard against hostile input.
const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
const MAX_ELEMENTS: usize = 200_000;

/// An element: its local name (prefix dropped), attributes, children and text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attributes: Vec<(String, String)>,
    pub(crate) children: Vec<Element>,
    pub(crate) text: String,
}

impl Element {
    /// The first child named `name`.
    pub(crate) fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|child| child.name == name)
    }

    /// All children named `name`, in document order.
    pub(crate) fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |child| child.name == name)
    }

    /// The trimmed text of the first child named `name`, if it is not empty.
    pub(crate) fn text_of(&self, name: &str) -> Option<String> {
        self.child(name)
            .map(|child| child.text.trim().to_owned())
            .filter(|text| !text.is_empty())
    }

    /// The value of attribute `name` (local name).
    pub(crate) fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// A coded value: the text of the unqualified `<code>` child (FIM's code types), or the
    /// element's own text for files that write the code directly.
    pub(crate) fn code(&self) -> Option<String> {
        self.text_of("code").or_else(|| {
            let text = self.text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        })
    }
}

/// A parsed document: the root element and the namespace its name is bound to.
#[derive(Debug)]
pub(crate) struct Document {
    pub(crate) root: Element,
    pub(crate) namespace: Option<String>,
}

/// Parses `xml` into a tree; the message says what is wrong and where.
pub(crate) fn parse(xml: &str) -> Result<Document, String> {
    let mut reader = NsReader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<(Element, Option<String>)> = None;
    let mut namespace: Option<String> = None;
    let mut count = 0usize;
    loop {
        let position = reader.buffer_position();
        let (resolved, event) = reader
            .read_resolved_event()
            .map_err(|error| format!("at byte {position}: {error}"))?;
        let bound = match resolved {
            ResolveResult::Bound(ns) => Some(<str as ToOwned>::to_owned(ns.as_ref())),
            _ => None,
        };
        match event {
            Event::Start(start) => {
                count += 1;
                if stack.len() >= MAX_DEPTH || count > MAX_ELEMENTS {
                    return Err("the document is nested too deeply or is too large".to_owned());
                }
                if stack.is_empty() {
                    namespace = bound;
                }
                stack.push(element(&start)?);
            }
            Event::Empty(start) => {
                count += 1;
                if count > MAX_ELEMENTS {
                    return Err("the document is too large".to_owned());
                }
                let element = element(&start)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => {
                        root = Some((element, bound));
                    }
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else {
                    return Err(format!("at byte {position}: unexpected end tag"));
                };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => root = Some((done, namespace.take())),
                }
            }
            Event::Text(text) => {
                if let Some(current) = stack.last_mut() {
                    current
                        .text
                        .push_str(&text.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::CData(data) => {
                if let Some(current) = stack.last_mut() {
                    current
                        .text
                        .push_str(&data.xml_content(XmlVersion::Implicit1_0));
                }
            }
            Event::GeneralRef(reference) => {
                let Some(current) = stack.last_mut() else {
                    continue;
                };
                if let Some(character) = reference
                    .resolve_char_ref()
                    .map_err(|error| format!("at byte {position}: {error}"))?
                {
                    current.text.push(character);
                } else if let Some(replacement) = resolve_predefined_entity(&reference) {
                    current.text.push_str(replacement);
                } else {
                    return Err(format!(
                        "at byte {position}: unknown entity &{};",
                        &*reference
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err("the document ends inside an element".to_owned());
    }
    let (root, namespace) = root.ok_or_else(|| "the document has no element".to_owned())?;
    Ok(Document { root, namespace })
}

fn element(start: &BytesStart<'_>) -> Result<Element, String> {
    let name: String = <str as ToOwned>::to_owned(start.local_name().as_ref());
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|error| format!("<{name}>: {error}"))?;
        let key: String = <str as ToOwned>::to_owned(attribute.key.local_name().as_ref());
        let value = attribute
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|error| format!("<{name}> {key}: {error}"))?
            .into_owned();
        attributes.push((key, value));
    }
    Ok(Element {
        name,
        attributes,
        ..Element::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_prefix_and_entities_resolve() {
        let document = parse(
            r#"<?xml version="1.0"?>
            <x:root xmlns:x="urn:test"><x:a n="1 &amp; 2">Tom &amp; Jerry &#228;</x:a><x:b/></x:root>"#,
        )
        .expect("parses");
        assert_eq!(document.namespace.as_deref(), Some("urn:test"));
        assert_eq!(document.root.name, "root");
        let a = document.root.child("a").expect("a");
        assert_eq!(a.text, "Tom & Jerry ä");
        assert_eq!(a.attribute("n"), Some("1 & 2"));
        assert!(document.root.child("b").is_some());
    }

    #[test]
    fn broken_documents_are_refused_with_a_place() {
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("").is_err());
        assert!(parse("<a>&unknown;</a>").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(parse(&deep).is_err());
    }
}
