//! The service catalogue for citizens: the search box, search results and the A–Z list, a
//! topic's services, and a service's page (what to bring, what it costs, who is responsible,
//! and the way to apply).

use serde::{Deserialize, Serialize};
use shared::catalogue::{Availability, Fee, ServicePage, ServiceSummary, TopicSummary};
use shared::id::{ServiceSlug, TopicSlug};
use shared::{Lang, LocalizedText};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::browser;
use crate::draft::format_money;
use crate::i18n::{Msg, SITE_NAME, booking, use_lang};
use crate::pages::not_found::NotFoundPage;
use crate::route::Route;

/// The query string of the search page: `/leistungen?suche=…`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub suche: String,
}

/// Something fetched when a page opens.
#[derive(Debug, Clone, PartialEq)]
enum Load<T> {
    Loading,
    Loaded(T),
    NotFound,
    Failed,
}

fn status_html<T>(load: &Load<T>, lang: Lang) -> Option<Html> {
    match load {
        Load::Loading => Some(html! { <p role="status">{ Msg::Loading.text(lang) }</p> }),
        Load::Failed => {
            Some(html! { <p class="alert" role="alert">{ Msg::LoadFailed.text(lang) }</p> })
        }
        Load::NotFound => Some(html! { <NotFoundPage /> }),
        Load::Loaded(_) => None,
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SearchFormProps {
    /// What is in the box when the page opens.
    #[prop_or_default]
    pub initial: String,
}

/// The search box (a `search` landmark); sends the citizen to the results page.
#[component]
pub fn SearchForm(props: &SearchFormProps) -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let input = use_node_ref();
    let onsubmit = {
        let input = input.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let Some(element) = input.cast::<web_sys::HtmlInputElement>() else {
                return;
            };
            let query = SearchQuery {
                suche: element.value().trim().to_owned(),
            };
            if let Some(navigator) = &navigator {
                let _ = navigator.push_with_query(&Route::Services, &query);
            }
        })
    };
    html! {
        <form class="search" role="search" {onsubmit}>
            <label class="field-label" for="service-search">{ Msg::SearchLabel.text(lang) }</label>
            <div class="field-hint" id="service-search-hint">{ Msg::SearchHint.text(lang) }</div>
            <div class="search-row">
                <input
                    class="input search-input"
                    type="search"
                    id="service-search"
                    name="suche"
                    autocomplete="off"
                    aria-describedby="service-search-hint"
                    value={props.initial.clone()}
                    ref={input}
                />
                <button type="submit" class="button">{ Msg::SearchButton.text(lang) }</button>
            </div>
        </form>
    }
}

fn availability_text(availability: Availability, lang: Lang) -> String {
    match availability {
        Availability::Online => Msg::AvailabilityOnline,
        Availability::Partly => Msg::AvailabilityPartly,
        Availability::InPerson => Msg::AvailabilityInPerson,
    }
    .text(lang)
}

fn availability_badge(availability: Availability, lang: Lang) -> Html {
    let class = match availability {
        Availability::Online => "badge badge--online",
        Availability::Partly => "badge badge--partly",
        Availability::InPerson => "badge badge--in-person",
    };
    html! { <span class={class}>{ availability_text(availability, lang) }</span> }
}

/// Services as a list of links with their summary and how far they work online.
pub fn service_list(services: &[ServiceSummary], lang: Lang) -> Html {
    html! {
        <ul class="service-list">
            { for services.iter().map(|service| html! {
                <li class="service-item" key={service.slug.to_string()}>
                    <Link<Route> classes="service-link" to={Route::Service { slug: service.slug.to_string() }}>
                        { service.name.get(lang) }
                    </Link<Route>>
                    <p class="service-description">{ service.summary.get(lang) }</p>
                    { availability_badge(service.availability, lang) }
                </li>
            }) }
        </ul>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TopicListProps {
    pub topics: Vec<TopicSummary>,
}

/// Topics as links with their number of services.
#[component]
pub fn TopicList(props: &TopicListProps) -> Html {
    let lang = use_lang();
    html! {
        <ul class="topic-list">
            { for props.topics.iter().filter(|t| t.service_count > 0).map(|topic| html! {
                <li class="topic-item" key={topic.topic.slug.to_string()}>
                    <Link<Route> classes="topic-link" to={Route::Topic { slug: topic.topic.slug.to_string() }}>
                        { topic.topic.name.get(lang) }
                    </Link<Route>>
                    <span class="topic-count">{ Msg::ServiceCount(topic.service_count).text(lang) }</span>
                </li>
            }) }
        </ul>
    }
}

/// `/leistungen?suche=…`: search results, or all services A–Z without a query.
#[component]
pub fn ServicesPage() -> Html {
    let lang = use_lang();
    let location = use_location();
    let query = location
        .and_then(|location| location.query::<SearchQuery>().ok())
        .unwrap_or_default()
        .suche;
    let results = use_state(|| Load::<Vec<ServiceSummary>>::Loading);
    // Numbers the searches, so a slow answer to an older one cannot replace a newer one's.
    let generation = use_mut_ref(|| 0_u32);
    {
        let results = results.clone();
        use_effect_with((query.clone(), lang), move |(query, lang)| {
            let current = {
                let mut counter = generation.borrow_mut();
                *counter += 1;
                *counter
            };
            let (query, lang) = (query.clone(), *lang);
            let heading = if query.is_empty() {
                Msg::AllServicesHeading.text(lang)
            } else {
                format!("{}: {query}", Msg::SearchResultsHeading.text(lang))
            };
            browser::set_title(&format!("{heading} – {SITE_NAME}"));
            results.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match api::list_services(&query, None, lang).await {
                    Ok(list) => Load::Loaded(list),
                    Err(_) => Load::Failed,
                };
                if *generation.borrow() == current {
                    results.set(loaded);
                }
            });
        });
    }
    let heading = if query.is_empty() {
        Msg::AllServicesHeading.text(lang)
    } else {
        Msg::SearchResultsHeading.text(lang)
    };
    let body = status_html(&results, lang).unwrap_or_else(|| match &*results {
        Load::Loaded(list) if list.is_empty() => html! {
            <>
                <p role="status">{ Msg::ResultCount(0).text(lang) }</p>
                <p>{ Msg::NoResults.text(lang) }</p>
            </>
        },
        Load::Loaded(list) => html! {
            <>
                <p role="status">{ Msg::ResultCount(list.len()).text(lang) }</p>
                { service_list(list, lang) }
            </>
        },
        _ => Html::default(),
    });
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            <SearchForm initial={query.clone()} key={query} />
            { body }
        </>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct TopicPageProps {
    pub slug: TopicSlug,
}

/// `/themen/{slug}`: the services of one topic.
#[component]
pub fn TopicPage(props: &TopicPageProps) -> Html {
    let lang = use_lang();
    let state = use_state(|| Load::<(LocalizedText, Vec<ServiceSummary>)>::Loading);
    {
        let state = state.clone();
        use_effect_with((props.slug.clone(), lang), move |(slug, lang)| {
            let (slug, lang) = (slug.clone(), *lang);
            state.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                let topics = api::list_topics(lang).await;
                let services = api::list_services("", Some(&slug), lang).await;
                state.set(match (topics, services) {
                    (Ok(topics), Ok(services)) => {
                        match topics.into_iter().find(|t| t.topic.slug == slug) {
                            Some(topic) => {
                                browser::set_title(&format!(
                                    "{} – {SITE_NAME}",
                                    topic.topic.name.get(lang)
                                ));
                                Load::Loaded((topic.topic.name, services))
                            }
                            None => Load::NotFound,
                        }
                    }
                    _ => Load::Failed,
                });
            });
        });
    }
    if let Some(status) = status_html(&state, lang) {
        return status;
    }
    let Load::Loaded((name, services)) = &*state else {
        return Html::default();
    };
    html! {
        <>
            <h1 tabindex="-1">{ name.get(lang) }</h1>
            <p>{ Msg::ServiceCount(services.len()).text(lang) }</p>
            { service_list(services, lang) }
            <p><Link<Route> to={Route::Services}>{ Msg::AllServicesLink.text(lang) }</Link<Route>></p>
        </>
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ServiceDetailProps {
    pub slug: ServiceSlug,
}

fn fee_text(fee: &Fee, lang: Lang) -> String {
    let amount = match fee.amount_cents {
        Some(0) => Msg::Free.text(lang),
        Some(cents) => format_money(cents, lang),
        None => String::new(),
    };
    match &fee.note {
        Some(note) if amount.is_empty() => note.get(lang).to_owned(),
        Some(note) => format!("{amount} ({})", note.get(lang)),
        None => amount,
    }
}

fn section(heading: Msg, lang: Lang, body: Html) -> Html {
    html! {
        <section class="service-section">
            <h2>{ heading.text(lang) }</h2>
            { body }
        </section>
    }
}

fn text_section(heading: Msg, text: Option<&LocalizedText>, lang: Lang) -> Html {
    match text {
        Some(text) => section(heading, lang, html! { <p>{ text.get(lang) }</p> }),
        None => Html::default(),
    }
}

/// `/leistungen/{slug}`: everything about one service, and the way to apply.
#[component]
pub fn ServiceDetailPage(props: &ServiceDetailProps) -> Html {
    let lang = use_lang();
    let state = use_state(|| Load::<ServicePage>::Loading);
    {
        let state = state.clone();
        use_effect_with((props.slug.clone(), lang), move |(slug, lang)| {
            let (slug, lang) = (slug.clone(), *lang);
            state.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match api::get_service(&slug, lang).await {
                    Ok(page) => {
                        browser::set_title(&format!(
                            "{} – {SITE_NAME}",
                            page.service.name.get(lang)
                        ));
                        Load::Loaded(page)
                    }
                    Err(api::ClientError::Api(body))
                        if body.code == shared::api::ErrorCode::NotFound =>
                    {
                        Load::NotFound
                    }
                    Err(_) => Load::Failed,
                });
            });
        });
    }
    if let Some(status) = status_html(&state, lang) {
        return status;
    }
    let Load::Loaded(page) = &*state else {
        return Html::default();
    };
    let service = &page.service;
    let department = &page.department;
    let documents = (!service.documents.is_empty()).then(|| {
        section(
            Msg::DocumentsHeading,
            lang,
            html! {
                <ul class="bullets">
                    { for service.documents.iter().map(|document| html! { <li>{ document.get(lang) }</li> }) }
                </ul>
            },
        )
    });
    let fees = (!service.fees.is_empty()).then(|| {
        section(
            Msg::FeesHeading,
            lang,
            html! {
                <dl class="fees">
                    { for service.fees.iter().map(|fee| html! {
                        <div class="fees-row">
                            <dt>{ fee.label.get(lang) }</dt>
                            <dd>{ fee_text(fee, lang) }</dd>
                        </div>
                    }) }
                </dl>
            },
        )
    });
    let legal = (!service.legal_basis.is_empty()).then(|| {
        section(
            Msg::LegalBasisHeading,
            lang,
            html! {
                <ul class="bullets">
                    { for service.legal_basis.iter().map(|law| html! { <li>{ law }</li> }) }
                </ul>
            },
        )
    });
    let phone_href = format!(
        "tel:{}",
        department
            .phone
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '+')
            .collect::<String>()
    );
    html! {
        <>
            <h1 tabindex="-1">{ service.name.get(lang) }</h1>
            <p class="lead">{ service.summary.get(lang) }</p>
            <p>{ availability_badge(service.availability, lang) }</p>
            if let Some(form) = &service.form {
                <p>
                    <Link<Route> classes="button button--start" to={Route::Form { slug: form.to_string() }}>
                        { Msg::ApplyOnline.text(lang) }
                    </Link<Route>>
                </p>
            }
            if service.appointment_required {
                <div class="callout callout--info" role="note">
                    <p class="content-text">{ Msg::AppointmentNeeded.text(lang) }</p>
                    // A full page load: the booking is another bundle (`booking.html`).
                    <p><a href={format!("/termine?leistung={}", service.slug)}>{ booking::book_link(lang) }</a></p>
                </div>
            }
            { text_section(Msg::DescriptionHeading, Some(&service.description), lang) }
            { text_section(Msg::WhoMayApplyHeading, service.who_may_apply.as_ref(), lang) }
            { documents.unwrap_or_default() }
            { fees.unwrap_or_default() }
            { text_section(Msg::ProcessingTimeHeading, service.processing_time.as_ref(), lang) }
            { text_section(Msg::DeadlinesHeading, service.deadlines.as_ref(), lang) }
            { legal.unwrap_or_default() }
            <section class="service-section contact">
                <h2>{ Msg::ResponsibleHeading.text(lang) }</h2>
                <address>
                    <strong>{ department.name.get(lang) }</strong><br />
                    { &department.street }<br />
                    { &department.city }<br />
                    { format!("{}: ", Msg::PhoneLabel.text(lang)) }
                    <a href={phone_href}>{ &department.phone }</a><br />
                    { format!("{}: ", Msg::EmailLabel.text(lang)) }
                    <a href={format!("mailto:{}", department.email)}>{ &department.email }</a>
                </address>
                if !department.opening_hours.is_empty() {
                    <h3>{ Msg::OpeningHours.text(lang) }</h3>
                    <ul class="bullets">
                        { for department.opening_hours.iter().map(|line| html! { <li>{ line.get(lang) }</li> }) }
                    </ul>
                }
            </section>
            if !page.topics.is_empty() {
                <p>
                    { for page.topics.iter().map(|topic| html! {
                        <Link<Route> classes="topic-chip" to={Route::Topic { slug: topic.slug.to_string() }}>
                            { topic.name.get(lang) }
                        </Link<Route>>
                    }) }
                </p>
            }
        </>
    }
}

/// `/digitalisierung`: every service and whether it can be done fully online, partly, or only
/// in person (the city's digitisation status), with the totals.
#[component]
pub fn DigitalStatusPage() -> Html {
    let lang = use_lang();
    let services = use_state(|| Load::<Vec<ServiceSummary>>::Loading);
    {
        let services = services.clone();
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            browser::set_title(&format!(
                "{} – {SITE_NAME}",
                Msg::DigitalStatusHeading.text(lang)
            ));
            wasm_bindgen_futures::spawn_local(async move {
                services.set(match api::list_services("", None, lang).await {
                    Ok(list) => Load::Loaded(list),
                    Err(_) => Load::Failed,
                });
            });
        });
    }
    let body = status_html(&services, lang).unwrap_or_else(|| {
        let Load::Loaded(list) = &*services else {
            return Html::default();
        };
        let count = |wanted: Availability| {
            list.iter()
                .filter(|service| service.availability == wanted)
                .count()
        };
        html! {
            <>
                <ul class="digital-totals" data-testid="digital-totals">
                    { for [Availability::Online, Availability::Partly, Availability::InPerson].into_iter().map(|availability| html! {
                        <li>{ format!("{}: {} / {}", availability_text(availability, lang), count(availability), list.len()) }</li>
                    }) }
                </ul>
                <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="digital-caption">
                    <table class="table">
                        <caption class="table-caption" id="digital-caption">{ Msg::DigitalStatusCaption.text(lang) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ Msg::ColumnServiceName.text(lang) }</th>
                                <th scope="col">{ Msg::ColumnAvailability.text(lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for list.iter().map(|service| html! {
                                <tr key={service.slug.to_string()}>
                                    <th scope="row">
                                        <Link<Route> to={Route::Service { slug: service.slug.to_string() }}>{ service.name.get(lang) }</Link<Route>>
                                    </th>
                                    <td>{ availability_text(service.availability, lang) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </>
        }
    });
    html! {
        <>
            <h1 tabindex="-1">{ Msg::DigitalStatusHeading.text(lang) }</h1>
            <p class="lead">{ Msg::DigitalStatusIntro.text(lang) }</p>
            { body }
        </>
    }
}
