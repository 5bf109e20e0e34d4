//! The service catalogue (Leistungskatalog): what a citizen can get done, what to bring, what it
//! costs, who is responsible, and whether it works online. The JSON layout of [`Catalogue`] is
//! the import format of a city's catalogue (`backend/demo/services.json`, `docs/editor-guide.md`).

use serde::{Deserialize, Serialize};

use crate::i18n::LocalizedText;
use crate::id::{FormSlug, ServiceSlug, TopicSlug};

/// A whole catalogue as a city maintains it: topics, departments and services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    /// Topics (Lebenslagen) to browse by, in display order.
    pub topics: Vec<Topic>,
    /// Departments (Ämter) that provide services.
    pub departments: Vec<Department>,
    /// The services.
    pub services: Vec<Service>,
}

/// A topic or life situation (Lebenslage), e.g. "Umzug und Wohnen".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Topic {
    /// URL name.
    pub slug: TopicSlug,
    /// Name.
    pub name: LocalizedText,
}

/// A department with its contact details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Stable key services refer to, e.g. `buergerbuero`.
    pub key: String,
    /// Name, e.g. "Bürgerbüro".
    pub name: LocalizedText,
    /// Street and house number.
    pub street: String,
    /// Postal code and city, e.g. "12345 Musterstadt".
    pub city: String,
    /// Telephone number as written for people.
    pub phone: String,
    /// E-mail address.
    pub email: String,
    /// Opening hours, one line each, e.g. "Mo–Fr 8–12 Uhr".
    pub opening_hours: Vec<LocalizedText>,
}

/// How far a service can be done online (the city's "digitisation status").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    /// Fully online: an online form, no visit.
    Online,
    /// Partly: an online form or booking, but a visit is still needed.
    Partly,
    /// Only in person.
    InPerson,
}

/// One fee of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    /// What the fee is for, e.g. "Personalausweis ab 24 Jahren".
    pub label: LocalizedText,
    /// The amount in euro cents; `None` when it varies (see `note`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount_cents: Option<i64>,
    /// A remark, e.g. "nach Aufwand".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<LocalizedText>,
}

/// A service (Leistung) with everything a citizen needs to know before applying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    /// URL name.
    pub slug: ServiceSlug,
    /// Name, e.g. "Personalausweis beantragen".
    pub name: LocalizedText,
    /// One or two sentences for lists and search results.
    pub summary: LocalizedText,
    /// The full description.
    pub description: LocalizedText,
    /// Who may apply.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub who_may_apply: Option<LocalizedText>,
    /// Documents to bring or upload.
    #[serde(default)]
    pub documents: Vec<LocalizedText>,
    /// Fees.
    #[serde(default)]
    pub fees: Vec<Fee>,
    /// How long processing takes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processing_time: Option<LocalizedText>,
    /// Deadlines, e.g. "innerhalb von zwei Wochen nach dem Einzug".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadlines: Option<LocalizedText>,
    /// Legal basis, e.g. "§ 17 Bundesmeldegesetz (BMG)".
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// The responsible department's key.
    pub department: String,
    /// Topics the service belongs to.
    #[serde(default)]
    pub topics: Vec<TopicSlug>,
    /// Other words people use for it ("Perso", "Ummeldung"), for the search.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The online form, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<FormSlug>,
    /// Whether an appointment at the department is needed.
    #[serde(default)]
    pub appointment_required: bool,
    /// How far it can be done online.
    pub availability: Availability,
}

/// A service in a list or search result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    /// URL name.
    pub slug: ServiceSlug,
    /// Name.
    pub name: LocalizedText,
    /// Short description.
    pub summary: LocalizedText,
    /// How far it can be done online.
    pub availability: Availability,
    /// The online form, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<FormSlug>,
}

impl From<&Service> for ServiceSummary {
    fn from(service: &Service) -> Self {
        Self {
            slug: service.slug.clone(),
            name: service.name.clone(),
            summary: service.summary.clone(),
            availability: service.availability,
            form: service.form.clone(),
        }
    }
}

/// A service page: the service with its department's details.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePage {
    /// The service.
    pub service: Service,
    /// The responsible department.
    pub department: Department,
    /// The topics it belongs to, with their names.
    pub topics: Vec<Topic>,
}

/// A topic with how many services it has. (A nested `topic` rather than `#[serde(flatten)]`:
/// flattening makes serde buffer through its `Content` type, which costs the bundle dearly.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSummary {
    /// The topic.
    pub topic: Topic,
    /// Number of services.
    pub service_count: usize,
}

impl Catalogue {
    /// Problems that make the catalogue unusable: duplicate slugs or keys, services naming an
    /// unknown department, topic or … Each names the place, e.g. `services[3].department`.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (index, topic) in self.topics.iter().enumerate() {
            if !seen.insert(("topic", topic.slug.as_str())) {
                problems.push(format!(
                    "topics[{index}].slug: '{}' is used twice",
                    topic.slug
                ));
            }
        }
        for (index, department) in self.departments.iter().enumerate() {
            if !seen.insert(("department", department.key.as_str())) {
                problems.push(format!(
                    "departments[{index}].key: '{}' is used twice",
                    department.key
                ));
            }
        }
        for (index, service) in self.services.iter().enumerate() {
            if !seen.insert(("service", service.slug.as_str())) {
                problems.push(format!(
                    "services[{index}].slug: '{}' is used twice",
                    service.slug
                ));
            }
            if !self.departments.iter().any(|d| d.key == service.department) {
                problems.push(format!(
                    "services[{index}].department: there is no department '{}'",
                    service.department
                ));
            }
            for (position, topic) in service.topics.iter().enumerate() {
                if !self.topics.iter().any(|t| &t.slug == topic) {
                    problems.push(format!(
                        "services[{index}].topics[{position}]: there is no topic '{topic}'"
                    ));
                }
            }
            if service.name.de.trim().is_empty() {
                problems.push(format!("services[{index}].name: the German name is empty"));
            }
        }
        problems
    }
}
