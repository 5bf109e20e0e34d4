//! The pure part of choosing concerns: the counts as typed, the deep link, the checklist of
//! documents and fees, and the locations (with their durations) that offer every concern.

use std::collections::BTreeMap;

use shared::api::booking::{BookableService, BookingOffer, Concern, LocationInfo};
use shared::catalogue::Fee;
use shared::id::{LocationSlug, ServiceSlug};
use shared::{Lang, LocalizedText};

use crate::i18n::booking::BookingText;

/// What a link into the booking preselects: `?leistung=<service>&standort=<location>`. Only
/// slugs are read, so no personal data can travel in the address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeepLink {
    pub service: Option<ServiceSlug>,
    pub location: Option<LocationSlug>,
}

/// Reads `location.search` (with or without the leading `?`); unknown keys and values that
/// are no slugs are ignored.
pub fn parse_deep_link(search: &str) -> DeepLink {
    let mut link = DeepLink::default();
    for pair in search.trim_start_matches('?').split('&') {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        match key {
            "leistung" => link.service = value.parse().ok().or(link.service),
            "standort" => link.location = value.parse().ok().or(link.location),
            _ => {}
        }
    }
    link
}

/// The counts as typed, by service; a missing entry is 0.
pub type RawCounts = BTreeMap<ServiceSlug, String>;

/// The starting counts: one of the linked service, if it can be booked.
pub fn initial_counts(offer: &BookingOffer, link: &DeepLink) -> RawCounts {
    let mut counts = RawCounts::new();
    if let Some(service) = &link.service
        && offer
            .services
            .iter()
            .any(|offered| offered.slug == *service)
    {
        counts.insert(service.clone(), "1".to_owned());
    }
    counts
}

/// A problem with the chosen counts; `None` as the service means the choice as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountError {
    pub service: Option<ServiceSlug>,
    pub message: String,
}

/// The concerns in the offer's order, or what is wrong with the counts.
pub fn parse_counts(
    offer: &BookingOffer,
    raw: &RawCounts,
    lang: Lang,
) -> Result<Vec<Concern>, Vec<CountError>> {
    let mut concerns = Vec::new();
    let mut errors = Vec::new();
    for service in &offer.services {
        let text = raw.get(&service.slug).map_or("", |text| text.trim());
        if text.is_empty() {
            continue;
        }
        match text.parse::<u8>() {
            Ok(0) => {}
            Ok(count) if count <= service.max_count => concerns.push(Concern {
                service: service.slug.clone(),
                count,
            }),
            _ => errors.push(CountError {
                service: Some(service.slug.clone()),
                message: BookingText::CountOutOfRange {
                    max: service.max_count,
                }
                .text(lang),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let total: u32 = concerns
        .iter()
        .map(|concern| u32::from(concern.count))
        .sum();
    if total == 0 {
        return Err(vec![CountError {
            service: None,
            message: BookingText::ChooseConcern.text(lang),
        }]);
    }
    if total > u32::from(offer.max_items) {
        return Err(vec![CountError {
            service: None,
            message: BookingText::TooManyItems {
                max: offer.max_items,
            }
            .text(lang),
        }]);
    }
    Ok(concerns)
}

/// The offer's service of a concern.
pub fn service_of<'a>(offer: &'a BookingOffer, concern: &Concern) -> Option<&'a BookableService> {
    offer
        .services
        .iter()
        .find(|service| service.slug == concern.service)
}

/// A fee of the checklist: one fee of a service, times the count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeeLine {
    pub service: LocalizedText,
    pub fee: Fee,
    pub count: u8,
}

impl FeeLine {
    /// The amount for all items; `None` when the fee varies.
    pub fn total_cents(&self) -> Option<i64> {
        self.fee
            .amount_cents
            .map(|cents| cents * i64::from(self.count))
    }
}

/// What to bring and what it costs, over all concerns.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checklist {
    /// Each document once, in the order of first mention.
    pub documents: Vec<LocalizedText>,
    pub fees: Vec<FeeLine>,
    /// The sum of the fees with a known amount.
    pub known_total_cents: i64,
    /// Some fee has no fixed amount (the total is then a lower bound).
    pub some_vary: bool,
}

/// Combines the documents (de-duplicated by their German text, which is what the catalogue
/// shares between services) and the fees of `concerns`.
pub fn checklist(offer: &BookingOffer, concerns: &[Concern]) -> Checklist {
    let mut list = Checklist::default();
    for concern in concerns {
        let Some(service) = service_of(offer, concern) else {
            continue;
        };
        for document in &service.documents {
            let known = list
                .documents
                .iter()
                .any(|listed| listed.de.trim() == document.de.trim());
            if !known {
                list.documents.push(document.clone());
            }
        }
        for fee in &service.fees {
            let line = FeeLine {
                service: service.name.clone(),
                fee: fee.clone(),
                count: concern.count,
            };
            match line.total_cents() {
                Some(cents) => list.known_total_cents += cents,
                None => list.some_vary = true,
            }
            list.fees.push(line);
        }
    }
    list
}

/// Minutes the concerns take at `location`; `None` when it does not offer all of them.
pub fn minutes_at(
    offer: &BookingOffer,
    concerns: &[Concern],
    location: &LocationSlug,
) -> Option<u16> {
    concerns.iter().try_fold(0_u16, |sum, concern| {
        let minutes = service_of(offer, concern)?
            .locations
            .iter()
            .find(|at| at.location == *location)?
            .minutes;
        Some(sum.saturating_add(minutes.saturating_mul(u16::from(concern.count))))
    })
}

/// The locations that offer every concern, with the minutes the concerns take there.
pub fn locations_for<'a>(
    offer: &'a BookingOffer,
    concerns: &[Concern],
) -> Vec<(&'a LocationInfo, u16)> {
    offer
        .locations
        .iter()
        .filter_map(|location| Some((location, minutes_at(offer, concerns, &location.slug)?)))
        .collect()
}

/// `HH:MM` of `minutes` after midnight, wrapping at 24 hours (a hold that ends after midnight).
pub fn clock_text(minutes: u32) -> String {
    let minutes = minutes % (24 * 60);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// `s` percent-encoded as a `data:` URL, so an SVG from the server shows in an `<img>` (where
/// it cannot run scripts, unlike inline SVG).
pub fn svg_data_url(svg: &str) -> String {
    let mut url = String::from("data:image/svg+xml;charset=utf-8,");
    for byte in svg.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~=:/;,'()".contains(&byte) {
            url.push(char::from(byte));
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use shared::api::booking::ServiceAtLocation;

    use super::*;

    fn slug<T: std::str::FromStr>(text: &str) -> T
    where
        T::Err: std::fmt::Debug,
    {
        text.parse().expect("a slug")
    }

    fn fee(label: &str, cents: Option<i64>) -> Fee {
        Fee {
            label: LocalizedText::de(label),
            amount_cents: cents,
            note: None,
        }
    }

    fn location(name: &str) -> LocationInfo {
        LocationInfo {
            slug: slug(name),
            name: LocalizedText::de(name),
            street: "Markt 1".into(),
            city: "12345 Musterstadt".into(),
            accessibility: LocalizedText::de("stufenlos"),
            directions: LocalizedText::de("Bus 1"),
        }
    }

    /// Identity card (2 per booking, 15 minutes in Mitte, 20 in Nord) and a registration
    /// certificate (only in Mitte), sharing the identity card as a document.
    fn offer() -> BookingOffer {
        BookingOffer {
            services: vec![
                BookableService {
                    slug: slug("personalausweis-beantragen"),
                    name: LocalizedText::de("Personalausweis beantragen"),
                    documents: vec![
                        LocalizedText::de("Bisheriger Ausweis"),
                        LocalizedText::de("Biometrisches Passfoto"),
                    ],
                    fees: vec![fee("Personalausweis", Some(3700))],
                    max_count: 2,
                    locations: vec![
                        ServiceAtLocation {
                            location: slug("buergerbuero-mitte"),
                            minutes: 15,
                        },
                        ServiceAtLocation {
                            location: slug("buergerbuero-nord"),
                            minutes: 20,
                        },
                    ],
                },
                BookableService {
                    slug: slug("meldebescheinigung-beantragen"),
                    name: LocalizedText::de("Meldebescheinigung beantragen"),
                    documents: vec![LocalizedText::de("Bisheriger Ausweis ")],
                    fees: vec![fee("Meldebescheinigung", Some(500)), fee("Auslagen", None)],
                    max_count: 3,
                    locations: vec![ServiceAtLocation {
                        location: slug("buergerbuero-mitte"),
                        minutes: 10,
                    }],
                },
            ],
            locations: vec![
                location("buergerbuero-mitte"),
                location("buergerbuero-nord"),
            ],
            max_items: 4,
        }
    }

    fn raw(pairs: &[(&str, &str)]) -> RawCounts {
        pairs
            .iter()
            .map(|(service, count)| (slug(service), (*count).to_owned()))
            .collect()
    }

    #[test]
    fn deep_links_read_slugs_only() {
        let link =
            parse_deep_link("?leistung=personalausweis-beantragen&standort=buergerbuero-nord");
        assert_eq!(link.service, Some(slug("personalausweis-beantragen")));
        assert_eq!(link.location, Some(slug("buergerbuero-nord")));
        let odd = parse_deep_link("leistung=Max%20Mustermann&x=1&standort");
        assert_eq!(odd, DeepLink::default());
        assert_eq!(parse_deep_link(""), DeepLink::default());
    }

    #[test]
    fn a_deep_link_preselects_one_bookable_service() {
        let counts = initial_counts(
            &offer(),
            &parse_deep_link("?leistung=personalausweis-beantragen"),
        );
        assert_eq!(counts, raw(&[("personalausweis-beantragen", "1")]));
        let unknown = initial_counts(&offer(), &parse_deep_link("?leistung=hundesteuer"));
        assert!(unknown.is_empty());
    }

    #[test]
    fn counts_are_parsed_within_their_limits() {
        let offer = offer();
        let concerns = parse_counts(
            &offer,
            &raw(&[
                ("meldebescheinigung-beantragen", " 1 "),
                ("personalausweis-beantragen", "2"),
            ]),
            Lang::De,
        )
        .expect("valid counts");
        // In the offer's order, not the typed one.
        assert_eq!(
            concerns[0].service,
            slug::<ServiceSlug>("personalausweis-beantragen")
        );
        assert_eq!(concerns[1].count, 1);

        let over = parse_counts(
            &offer,
            &raw(&[("personalausweis-beantragen", "3")]),
            Lang::De,
        )
        .expect_err("over max_count");
        assert_eq!(over[0].service, Some(slug("personalausweis-beantragen")));
        assert_eq!(over[0].message, "Geben Sie eine Zahl von 0 bis 2 ein");
        let words = parse_counts(
            &offer,
            &raw(&[("personalausweis-beantragen", "zwei")]),
            Lang::En,
        )
        .expect_err("not a number");
        assert_eq!(words[0].message, "Enter a number from 0 to 2");

        let none = parse_counts(
            &offer,
            &raw(&[("personalausweis-beantragen", "0")]),
            Lang::De,
        )
        .expect_err("nothing chosen");
        assert_eq!(none[0].service, None);
        let too_many = parse_counts(
            &offer,
            &raw(&[
                ("personalausweis-beantragen", "2"),
                ("meldebescheinigung-beantragen", "3"),
            ]),
            Lang::De,
        )
        .expect_err("over max_items");
        assert_eq!(
            too_many[0].message,
            "Wählen Sie höchstens 4 Anliegen für einen Termin"
        );
    }

    #[test]
    fn the_checklist_lists_each_document_once_and_multiplies_fees() {
        let offer = offer();
        let concerns = vec![
            Concern {
                service: slug("personalausweis-beantragen"),
                count: 2,
            },
            Concern {
                service: slug("meldebescheinigung-beantragen"),
                count: 1,
            },
        ];
        let list = checklist(&offer, &concerns);
        let documents: Vec<&str> = list.documents.iter().map(|text| text.de.as_str()).collect();
        assert_eq!(documents, ["Bisheriger Ausweis", "Biometrisches Passfoto"]);
        assert_eq!(list.fees.len(), 3);
        assert_eq!(list.fees[0].total_cents(), Some(7400));
        assert_eq!(list.fees[2].total_cents(), None);
        assert_eq!(list.known_total_cents, 7900);
        assert!(list.some_vary);
    }

    #[test]
    fn only_locations_offering_every_concern_are_offered_with_their_duration() {
        let offer = offer();
        let passports = vec![Concern {
            service: slug("personalausweis-beantragen"),
            count: 2,
        }];
        let durations: Vec<(&str, u16)> = locations_for(&offer, &passports)
            .into_iter()
            .map(|(location, minutes)| (location.slug.as_str(), minutes))
            .collect();
        assert_eq!(
            durations,
            [("buergerbuero-mitte", 30), ("buergerbuero-nord", 40)]
        );
        let mut both = passports;
        both.push(Concern {
            service: slug("meldebescheinigung-beantragen"),
            count: 1,
        });
        let durations: Vec<u16> = locations_for(&offer, &both)
            .into_iter()
            .map(|(_, minutes)| minutes)
            .collect();
        assert_eq!(durations, [40]);
    }

    #[test]
    fn clock_times_and_svg_urls_are_formatted() {
        assert_eq!(clock_text(9 * 60 + 5), "09:05");
        assert_eq!(clock_text(24 * 60 + 10), "00:10");
        assert_eq!(
            svg_data_url("<svg a=\"1\">#</svg>"),
            "data:image/svg+xml;charset=utf-8,%3Csvg%20a=%221%22%3E%23%3C/svg%3E"
        );
    }
}
