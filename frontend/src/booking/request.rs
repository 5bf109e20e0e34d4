//! `/termine`: the way to an appointment, one step at a time: concerns, what to bring,
//! location, day and time (the slot is held after a proof of work), contact details; then the
//! activation link goes out by e-mail.

use std::rc::Rc;

use shared::api::ErrorCode;
use shared::api::booking::{
    ActivationSent, BookingOffer, Concern, ContactDetails, HeldSlot, HoldRequest, LocationInfo,
};
use shared::id::{LocationSlug, ServiceSlug};
use shared::{Lang, LocalizedText};
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::booking::calendar::{ChosenStart, SlotPicker, error_message};
use crate::booking::concerns::{
    Checklist, FeeLine, RawCounts, checklist, clock_text, initial_counts, locations_for,
    parse_counts, parse_deep_link,
};
use crate::browser;
use crate::components::error_summary::{ErrorSummary, SummaryItem};
use crate::draft::format_money;
use crate::i18n::booking::{BookingText, long_date};
use crate::i18n::{Msg, document_title, use_lang};

/// The steps with a number ("Schritt 2 von 5"); `Sent` ends the way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Concerns,
    Checklist,
    Location,
    Time,
    Contact,
    Sent,
}

impl Step {
    /// The step's number, counted from one, and the heading.
    fn number(self) -> Option<usize> {
        match self {
            Self::Concerns => Some(1),
            Self::Checklist => Some(2),
            Self::Location => Some(3),
            Self::Time => Some(4),
            Self::Contact => Some(5),
            Self::Sent => None,
        }
    }

    fn heading(self) -> BookingText {
        match self {
            Self::Concerns => BookingText::ConcernsHeading,
            Self::Checklist => BookingText::ChecklistHeading,
            Self::Location => BookingText::LocationHeading,
            Self::Time => BookingText::TimeHeading,
            Self::Contact => BookingText::ContactHeading,
            Self::Sent => BookingText::SentHeading,
        }
    }
}

const STEPS: usize = 5;
const ANY_LOCATION_ID: &str = "location-any";
const NAME_ID: &str = "contact-name";
const EMAIL_ID: &str = "contact-email";
const PHONE_ID: &str = "contact-phone";
const PRIVACY_ID: &str = "contact-privacy";

/// Id of a service's count input.
pub fn count_id(service: &ServiceSlug) -> String {
    format!("count-{service}")
}

fn location_id(location: &LocationSlug) -> String {
    format!("location-{location}")
}

/// Where the appointment may be: one location or any that offers all concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Any,
    At(LocationSlug),
}

/// A slot held for the citizen, with the device's clock time it ends.
#[derive(Debug, Clone, PartialEq)]
struct Held {
    slot: HeldSlot,
    until: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Contact {
    name: String,
    email: String,
    phone: String,
    privacy: bool,
}

/// Which contact inputs are wrong, in page order.
fn contact_errors(contact: &Contact, lang: Lang) -> Vec<SummaryItem> {
    let mut errors = Vec::new();
    let mut fail = |target: &str, text: BookingText| {
        errors.push(SummaryItem {
            target: target.to_owned(),
            message: text.text(lang),
        });
    };
    let name = contact.name.trim();
    if name.is_empty() {
        fail(NAME_ID, BookingText::EnterName);
    } else if name.chars().count() > 200 {
        fail(NAME_ID, BookingText::NameTooLong);
    }
    // The server's rules (shared::validation), so what passes here passes there.
    let email = contact.email.trim();
    if email.len() > 254 || !shared::validation::is_email(email) {
        fail(EMAIL_ID, BookingText::EnterEmail);
    }
    let phone = contact.phone.trim();
    if !phone.is_empty() && !shared::validation::is_phone(phone) {
        fail(PHONE_ID, BookingText::PhoneInvalid);
    }
    if !contact.privacy {
        fail(PRIVACY_ID, BookingText::ConfirmPrivacy);
    }
    errors
}

#[derive(Debug, Clone, PartialEq)]
enum Offer {
    Loading,
    Loaded(Rc<BookingOffer>),
    Failed(String),
}

/// The whole `/termine` page.
#[component]
pub fn RequestPage() -> Html {
    let lang = use_lang();
    let offer = use_state(|| Offer::Loading);
    let link = use_memo((), |()| parse_deep_link(&browser::location_search()));
    let step = use_state(|| Step::Concerns);
    let counts = use_state(RawCounts::new);
    let place = use_state(|| None::<Place>);
    let held = use_state(|| None::<Held>);
    let contact = use_state(Contact::default);
    let sent = use_state(|| None::<(ActivationSent, String)>);
    let errors = use_state(Vec::<SummaryItem>::new);
    let attempts = use_state(|| 0_u32);
    let alert = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let reload = use_state(|| 0_u32);
    let progress = use_state(String::new);

    {
        let (offer, counts, place, link) = (offer.clone(), counts.clone(), place.clone(), link);
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_booking_offer(lang).await {
                    Ok(loaded) => {
                        if counts.is_empty() {
                            counts.set(initial_counts(&loaded, &link));
                        }
                        if place.is_none()
                            && let Some(location) = &link.location
                            && loaded.locations.iter().any(|info| info.slug == *location)
                        {
                            place.set(Some(Place::At(location.clone())));
                        }
                        offer.set(Offer::Loaded(Rc::new(loaded)));
                    }
                    Err(error) => offer.set(Offer::Failed(error_message(&error, lang))),
                }
            });
        });
    }
    {
        let has_errors = !errors.is_empty();
        use_effect_with((*step, has_errors, lang), |(step, has_errors, lang)| {
            let page = format!(
                "{} – {}",
                step.heading().text(*lang),
                BookingText::PageTitle.text(*lang)
            );
            browser::set_title(&document_title(&page, *has_errors, *lang));
        });
    }
    // A new step's heading takes focus (not on the first render), so screen readers announce it.
    {
        let first = use_mut_ref(|| true);
        use_effect_with(*step, move |_| {
            if std::mem::replace(&mut *first.borrow_mut(), false) {
                return;
            }
            browser::focus_main_heading();
        });
    }
    use_effect_with(*attempts, |attempts| {
        if *attempts > 0 {
            browser::focus_id(crate::components::error_summary::ERROR_SUMMARY_ID);
        }
    });

    let offer = match &*offer {
        Offer::Loading => {
            return html! {
                <>
                    <h1 tabindex="-1">{ BookingText::PageTitle.text(lang) }</h1>
                    <p role="status">{ Msg::Loading.text(lang) }</p>
                </>
            };
        }
        Offer::Failed(message) => {
            return html! {
                <>
                    <h1 tabindex="-1">{ BookingText::PageTitle.text(lang) }</h1>
                    <p class="alert" role="alert">{ message.clone() }</p>
                </>
            };
        }
        Offer::Loaded(offer) => offer.clone(),
    };
    let concerns = parse_counts(&offer, &counts, lang).unwrap_or_default();

    let fail = {
        let (errors, attempts) = (errors.clone(), attempts);
        move |items: Vec<SummaryItem>| {
            errors.set(items);
            attempts.set(*attempts + 1);
        }
    };
    let go_to = {
        let (step, errors, alert) = (step.clone(), errors.clone(), alert.clone());
        move |next: Step| {
            errors.set(Vec::new());
            alert.set(None);
            step.set(next);
        }
    };
    let back = {
        let (go_to, held) = (go_to.clone(), held.clone());
        let current = *step;
        Callback::from(move |_: MouseEvent| {
            let previous = match current {
                Step::Concerns | Step::Checklist => Step::Concerns,
                Step::Location => Step::Checklist,
                Step::Time => Step::Location,
                Step::Contact | Step::Sent => Step::Time,
            };
            // Going back from the contact details gives the held slot back at once, so others
            // can book it, rather than leaving it blocked until the hold runs out.
            if current == Step::Contact
                && let Some(current_hold) = (*held).clone()
            {
                held.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = api::release_hold(&current_hold.slot.hold_token, lang).await;
                });
            }
            go_to(previous);
        })
    };
    let onsubmit = {
        let (offer, counts, place, contact, held, step) = (
            offer.clone(),
            counts.clone(),
            place.clone(),
            contact.clone(),
            held.clone(),
            step.clone(),
        );
        let (go_to, fail, busy, alert, sent, progress) = (
            go_to.clone(),
            fail,
            busy.clone(),
            alert.clone(),
            sent.clone(),
            progress.clone(),
        );
        let reload = reload.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            match *step {
                Step::Concerns => match parse_counts(&offer, &counts, lang) {
                    Ok(_) => go_to(Step::Checklist),
                    Err(problems) => fail(
                        problems
                            .into_iter()
                            .map(|problem| SummaryItem {
                                target: problem.service.as_ref().map_or_else(
                                    || {
                                        offer
                                            .services
                                            .first()
                                            .map(|service| count_id(&service.slug))
                                            .unwrap_or_default()
                                    },
                                    count_id,
                                ),
                                message: problem.message,
                            })
                            .collect(),
                    ),
                },
                Step::Checklist => go_to(Step::Location),
                Step::Location => {
                    let concerns = parse_counts(&offer, &counts, lang).unwrap_or_default();
                    let eligible = locations_for(&offer, &concerns);
                    let valid = match &*place {
                        Some(Place::Any) => !eligible.is_empty(),
                        Some(Place::At(slug)) => {
                            eligible.iter().any(|(info, _)| info.slug == *slug)
                        }
                        None => false,
                    };
                    if valid {
                        go_to(Step::Time);
                    } else {
                        let target = eligible.first().map_or_else(
                            || ANY_LOCATION_ID.to_owned(),
                            |(info, _)| location_id(&info.slug),
                        );
                        fail(vec![SummaryItem {
                            target,
                            message: BookingText::ChooseLocation.text(lang),
                        }]);
                    }
                }
                Step::Time | Step::Sent => {}
                Step::Contact => {
                    if *busy {
                        return;
                    }
                    let problems = contact_errors(&contact, lang);
                    if !problems.is_empty() {
                        fail(problems);
                        return;
                    }
                    let Some(current_hold) = (*held).clone() else {
                        go_to(Step::Time);
                        return;
                    };
                    let phone = contact.phone.trim();
                    let details = ContactDetails {
                        hold_token: current_hold.slot.hold_token,
                        name: contact.name.trim().to_owned(),
                        email: contact.email.trim().to_owned(),
                        phone: (!phone.is_empty()).then(|| phone.to_owned()),
                        privacy_acknowledged: contact.privacy,
                        language: lang,
                    };
                    busy.set(true);
                    alert.set(None);
                    progress.set(BookingText::SendingRequest.text(lang));
                    let (go_to, fail, busy, alert, sent, held, reload, progress) = (
                        go_to.clone(),
                        fail.clone(),
                        busy.clone(),
                        alert.clone(),
                        sent.clone(),
                        held.clone(),
                        reload.clone(),
                        progress.clone(),
                    );
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = api::request_booking(&details, lang).await;
                        busy.set(false);
                        progress.set(String::new());
                        match result {
                            Ok(activation) => {
                                sent.set(Some((activation, details.email)));
                                held.set(None);
                                go_to(Step::Sent);
                            }
                            Err(ClientError::Api(body))
                                if body.code == ErrorCode::InvalidContact =>
                            {
                                fail(vec![SummaryItem {
                                    target: if details.name.is_empty() {
                                        NAME_ID
                                    } else {
                                        EMAIL_ID
                                    }
                                    .to_owned(),
                                    message: body.message,
                                }]);
                            }
                            Err(ClientError::Api(body)) if body.code == ErrorCode::HoldExpired => {
                                held.set(None);
                                reload.set(*reload + 1);
                                go_to(Step::Time);
                                alert.set(Some(body.message));
                            }
                            Err(error) => alert.set(Some(error_message(&error, lang))),
                        }
                    });
                }
            }
        })
    };
    let on_choose = {
        let (offer_for_hold, counts, busy, alert, held, progress, reload, go_to) = (
            offer.clone(),
            counts.clone(),
            busy.clone(),
            alert.clone(),
            held.clone(),
            progress.clone(),
            reload.clone(),
            go_to,
        );
        Callback::from(move |chosen: ChosenStart| {
            if *busy {
                return;
            }
            let concerns = parse_counts(&offer_for_hold, &counts, lang).unwrap_or_default();
            busy.set(true);
            alert.set(None);
            progress.set(BookingText::Holding.text(lang));
            let (busy, alert, held, progress, reload, go_to) = (
                busy.clone(),
                alert.clone(),
                held.clone(),
                progress.clone(),
                reload.clone(),
                go_to.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = hold(concerns, &chosen, lang).await;
                busy.set(false);
                progress.set(String::new());
                match result {
                    Ok(slot) => {
                        let until = clock_text(browser::local_minutes_in(slot.expires_in_seconds));
                        held.set(Some(Held { slot, until }));
                        go_to(Step::Contact);
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::SlotTaken => {
                        alert.set(Some(body.message));
                        reload.set(*reload + 1);
                    }
                    Err(error) => alert.set(Some(error_message(&error, lang))),
                }
            });
        })
    };

    let body = match *step {
        Step::Concerns => {
            let on_change = {
                let counts = counts.clone();
                Callback::from(move |(service, text): (ServiceSlug, String)| {
                    let mut next = (*counts).clone();
                    next.insert(service, text);
                    counts.set(next);
                })
            };
            html! {
                <ConcernsFields offer={offer} counts={(*counts).clone()}
                    errors={(*errors).clone()} {on_change} />
            }
        }
        Step::Checklist => checklist_step(&offer, &checklist(&offer, &concerns), lang),
        Step::Location => location_step(&offer, &concerns, &place, &errors, lang),
        Step::Time => html! {
            <SlotPicker
                {concerns}
                location={match &*place { Some(Place::At(slug)) => Some(slug.clone()), _ => None }}
                locations={offer.locations.clone()}
                busy={*busy}
                reload={*reload}
                {on_choose}
            />
        },
        Step::Contact => contact_step(&offer, held.as_ref(), &contact, &errors, lang),
        Step::Sent => {
            let Some((activation, email)) = &*sent else {
                return Html::default();
            };
            return html! {
                <>
                    <h1 tabindex="-1">{ BookingText::SentHeading.text(lang) }</h1>
                    <div class="callout" role="status">
                        <p>{ BookingText::SentText { email: email.clone(), minutes: activation.valid_minutes }.text(lang) }</p>
                        <p><strong>{ BookingText::SentOnlyAfterClick.text(lang) }</strong></p>
                    </div>
                </>
            };
        }
    };
    let number = step.number().unwrap_or(STEPS);
    let submit_text = if *step == Step::Contact {
        BookingText::SubmitRequest.text(lang)
    } else {
        Msg::Continue.text(lang)
    };
    html! {
        <>
            <ErrorSummary items={(*errors).clone()} {lang} />
            <h1 tabindex="-1">{ step.heading().text(lang) }</h1>
            <p class="step-progress">{ Msg::StepOf { step: number, total: STEPS }.text(lang) }</p>
            if let Some(message) = &*alert {
                <div class="alert" role="alert">{ message.clone() }</div>
            }
            <form class="form" novalidate=true {onsubmit}>
                { body }
                <p role="status" class="field-hint">{ (*progress).clone() }</p>
                <div class="button-group">
                    if *step != Step::Time {
                        <button type="submit" class="button" aria-disabled={busy.then_some("true")}>
                            { submit_text }
                        </button>
                    }
                    if *step == Step::Concerns {
                        <a href="/">{ Msg::BackToStart.text(lang) }</a>
                    } else {
                        <button type="button" class="button button--secondary" onclick={back}>
                            { Msg::Back.text(lang) }
                        </button>
                    }
                </div>
            </form>
        </>
    }
}

/// Fetches a challenge, does the proof of work and holds the slot.
async fn hold(
    concerns: Vec<Concern>,
    chosen: &ChosenStart,
    lang: Lang,
) -> Result<HeldSlot, ClientError> {
    let challenge = api::get_challenge(lang).await?;
    // Blocks the page for the few milliseconds the work takes; a worker would cost more
    // bundle than it saves.
    let nonce = shared::pow::solve(&challenge.challenge, challenge.difficulty);
    api::hold_slot(
        &HoldRequest {
            concerns,
            location: chosen.location.clone(),
            date: chosen.date,
            start: chosen.start,
            challenge: challenge.challenge,
            nonce,
        },
        lang,
    )
    .await
}

fn error_for<'a>(errors: &'a [SummaryItem], id: &str) -> Option<&'a str> {
    errors
        .iter()
        .find(|item| item.target == id)
        .map(|item| item.message.as_str())
}

fn inline_error(message: Option<&str>, id: &str, lang: Lang) -> Html {
    match message {
        Some(message) => html! {
            <p class="field-error" id={format!("{id}-error")}>
                <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                { message.to_owned() }
            </p>
        },
        None => Html::default(),
    }
}

#[derive(Properties, PartialEq)]
pub struct ConcernsFieldsProps {
    pub offer: Rc<BookingOffer>,
    pub counts: RawCounts,
    pub errors: Vec<SummaryItem>,
    pub on_change: Callback<(ServiceSlug, String)>,
}

/// The concerns step: a count input per service, labelled with the service's name.
#[component]
pub fn ConcernsFields(props: &ConcernsFieldsProps) -> Html {
    let lang = use_lang();
    let inputs = props.offer.services.iter().map(|service| {
        let id = count_id(&service.slug);
        let error = error_for(&props.errors, &id);
        let hint_id = format!("{id}-hint");
        let described = match error {
            Some(_) => format!("{hint_id} {id}-error"),
            None => hint_id.clone(),
        };
        let value = props.counts.get(&service.slug).cloned().unwrap_or_default();
        let oninput = {
            let (on_change, slug) = (props.on_change.clone(), service.slug.clone());
            Callback::from(move |event: InputEvent| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                on_change.emit((slug.clone(), input.value()));
            })
        };
        html! {
            <div class={classes!("field", "count-field", error.is_some().then_some("field--error"))}>
                <label class="field-label" for={id.clone()}>{ service.name.get(lang).to_owned() }</label>
                <p class="field-hint" id={hint_id}>{ BookingText::CountHint { max: service.max_count }.text(lang) }</p>
                { inline_error(error, &id, lang) }
                <input class="input input--count" type="number" inputmode="numeric"
                    id={id.clone()} name={id} min="0" max={service.max_count.to_string()}
                    value={if value.is_empty() { "0".to_owned() } else { value }}
                    aria-describedby={described}
                    aria-invalid={error.is_some().then_some("true")}
                    {oninput} />
            </div>
        }
    });
    html! {
        <fieldset class="fieldset">
            <legend class="fieldset-legend">{ BookingText::ConcernsLegend.text(lang) }</legend>
            <p class="field-hint">{ BookingText::ConcernsHint { max_items: props.offer.max_items }.text(lang) }</p>
            { for inputs }
        </fieldset>
    }
}

fn fee_amount(cents: Option<i64>, note: Option<&LocalizedText>, lang: Lang) -> String {
    let amount = match cents {
        Some(0) => Msg::Free.text(lang),
        Some(cents) => format_money(cents, lang),
        None => String::new(),
    };
    match note {
        Some(note) if amount.is_empty() => note.get(lang).to_owned(),
        Some(note) => format!("{amount} ({})", note.get(lang)),
        None => amount,
    }
}

/// "2 × Personalausweis (Personalausweis beantragen): 37,00 €"; a fee the server already
/// combined (no service) is only its label and amount.
fn fee_line_text(line: &FeeLine, each: &str, lang: Lang) -> String {
    let label = line.fee.label.get(lang);
    let service = line.service.get(lang);
    if service.is_empty() {
        format!("{label}: {each}")
    } else {
        format!("{} × {label} ({service}): {each}", line.count)
    }
}

/// Documents and fees of the chosen concerns (also on the confirmation).
pub fn checklist_view(list: &Checklist, lang: Lang) -> Html {
    let documents = if list.documents.is_empty() {
        html! { <p>{ BookingText::NoDocuments.text(lang) }</p> }
    } else {
        html! {
            <ul class="checklist">
                { for list.documents.iter().map(|document| html! { <li>{ document.get(lang).to_owned() }</li> }) }
            </ul>
        }
    };
    let fees = if list.fees.is_empty() {
        html! { <p>{ BookingText::NoFees.text(lang) }</p> }
    } else {
        let rows = list.fees.iter().map(|line| {
            let each = fee_amount(line.fee.amount_cents, line.fee.note.as_ref(), lang);
            let total = line
                .total_cents()
                .map(|cents| format_money(cents, lang))
                .unwrap_or_default();
            html! {
                <li>
                    { fee_line_text(line, &each, lang) }
                    if line.count > 1 && !total.is_empty() {
                        { format!(" = {total}") }
                    }
                </li>
            }
        });
        html! {
            <>
                <ul class="checklist">{ for rows }</ul>
                <p><strong>{ format!("{}: {}", BookingText::FeesTotal.text(lang), format_money(list.known_total_cents, lang)) }</strong></p>
                if list.some_vary {
                    <p>{ BookingText::FeesVary.text(lang) }</p>
                }
            </>
        }
    };
    html! {
        <>
            <h2>{ BookingText::DocumentsHeading.text(lang) }</h2>
            { documents }
            <h2>{ BookingText::FeesHeading.text(lang) }</h2>
            { fees }
        </>
    }
}

fn checklist_step(_offer: &BookingOffer, list: &Checklist, lang: Lang) -> Html {
    html! {
        <>
            <p>{ BookingText::ChecklistIntro.text(lang) }</p>
            { checklist_view(list, lang) }
        </>
    }
}

/// A location's address, accessibility and directions.
pub fn location_details(info: &LocationInfo, lang: Lang, id: Option<String>) -> Html {
    html! {
        <div class="location-details" {id}>
            <p class="location-address">{ &info.street }<br />{ &info.city }</p>
            if !info.accessibility.de.is_empty() {
                <p>{ format!("{}: {}", BookingText::Accessibility.text(lang), info.accessibility.get(lang)) }</p>
            }
            if !info.directions.de.is_empty() {
                <p>{ format!("{}: {}", BookingText::Directions.text(lang), info.directions.get(lang)) }</p>
            }
        </div>
    }
}

fn location_step(
    offer: &BookingOffer,
    concerns: &[Concern],
    place: &UseStateHandle<Option<Place>>,
    errors: &[SummaryItem],
    lang: Lang,
) -> Html {
    let eligible = locations_for(offer, concerns);
    if eligible.is_empty() {
        return html! { <p class="alert" role="alert">{ BookingText::NoCommonLocation.text(lang) }</p> };
    }
    let error = errors.first().map(|item| item.message.as_str());
    let radio = |id: String, chosen: Place, label: String, details: Html| {
        let checked = place.as_ref() == Some(&chosen);
        let onchange = {
            let place = place.clone();
            Callback::from(move |_: Event| place.set(Some(chosen.clone())))
        };
        let details_id = format!("{id}-details");
        html! {
            <div class="radio radio--with-details">
                <input class="radio-input" type="radio" name="location" id={id.clone()}
                    {checked} {onchange} aria-describedby={details_id.clone()} />
                <div>
                    <label class="radio-label" for={id}>{ label }</label>
                    <div id={details_id}>{ details }</div>
                </div>
            </div>
        }
    };
    let radios = eligible.iter().map(|(info, minutes)| {
        radio(
            location_id(&info.slug),
            Place::At(info.slug.clone()),
            info.name.get(lang).to_owned(),
            html! {
                <>
                    <p class="field-hint">{ BookingText::Duration { minutes: *minutes }.text(lang) }</p>
                    { location_details(info, lang, None) }
                </>
            },
        )
    });
    let any = radio(
        ANY_LOCATION_ID.to_owned(),
        Place::Any,
        BookingText::AnyLocation.text(lang),
        html! { <p class="field-hint">{ BookingText::AnyLocationHint.text(lang) }</p> },
    );
    html! {
        <div class={classes!("field", error.is_some().then_some("field--error"))}>
            <fieldset class="fieldset" aria-describedby={error.is_some().then_some("location-error")}>
                <legend class="fieldset-legend">{ BookingText::LocationLegend.text(lang) }</legend>
                { inline_error(error, "location", lang) }
                <div class="radios">
                    { for radios }
                    { any }
                </div>
            </fieldset>
        </div>
    }
}

fn contact_step(
    offer: &BookingOffer,
    held: Option<&Held>,
    contact: &UseStateHandle<Contact>,
    errors: &[SummaryItem],
    lang: Lang,
) -> Html {
    let summary = held.map(|held| {
        let slot = &held.slot;
        let location = offer
            .locations
            .iter()
            .find(|info| info.slug == slot.location)
            .map_or_else(|| slot.location.to_string(), |info| info.name.get(lang).to_owned());
        html! {
            <div class="callout">
                <h2 class="callout-title">{ BookingText::YourAppointment.text(lang) }</h2>
                <p>
                    { long_date(slot.date, lang) }{ ", " }
                    { BookingText::Clock(slot.start.to_string()).text(lang) }<br />
                    { location }<br />
                    { BookingText::Duration { minutes: slot.minutes }.text(lang) }
                </p>
                <p role="status"><strong>{ BookingText::HeldUntil(held.until.clone()).text(lang) }</strong></p>
            </div>
        }
    });
    let text_input = |id: &'static str,
                      label: BookingText,
                      kind: &'static str,
                      autocomplete: &'static str,
                      required: bool,
                      value: String,
                      set: fn(&mut Contact, String)| {
        let error = error_for(errors, id);
        let oninput = {
            let contact = contact.clone();
            Callback::from(move |event: InputEvent| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                let mut next = (*contact).clone();
                set(&mut next, input.value());
                contact.set(next);
            })
        };
        html! {
            <div class={classes!("field", error.is_some().then_some("field--error"))}>
                <label class="field-label" for={id}>{ label.text(lang) }</label>
                { inline_error(error, id, lang) }
                <input class="input" type={kind} id={id} name={id} {value} autocomplete={autocomplete}
                    spellcheck="false"
                    aria-required={required.then_some("true")}
                    aria-invalid={error.is_some().then_some("true")}
                    aria-describedby={error.is_some().then(|| format!("{id}-error"))}
                    {oninput} />
            </div>
        }
    };
    let privacy_error = error_for(errors, PRIVACY_ID);
    let on_privacy = {
        let contact = contact.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            let mut next = (*contact).clone();
            next.privacy = input.checked();
            contact.set(next);
        })
    };
    html! {
        <>
            { summary.unwrap_or_default() }
            { text_input(NAME_ID, BookingText::Name, "text", "name", true, contact.name.clone(), |c, v| c.name = v) }
            { text_input(EMAIL_ID, BookingText::Email, "email", "email", true, contact.email.clone(), |c, v| c.email = v) }
            { text_input(PHONE_ID, BookingText::Phone, "tel", "tel", false, contact.phone.clone(), |c, v| c.phone = v) }
            <div class={classes!("field", privacy_error.is_some().then_some("field--error"))}>
                <p><a href="/datenschutz" target="_blank" rel="noopener">{ BookingText::PrivacyLink.text(lang) }</a></p>
                { inline_error(privacy_error, PRIVACY_ID, lang) }
                <div class="checkbox">
                    <input class="checkbox-input" type="checkbox" id={PRIVACY_ID} checked={contact.privacy}
                        aria-invalid={privacy_error.is_some().then_some("true")}
                        aria-describedby={privacy_error.is_some().then(|| format!("{PRIVACY_ID}-error"))}
                        onchange={on_privacy} />
                    <label class="checkbox-label" for={PRIVACY_ID}>{ BookingText::PrivacyAcknowledge.text(lang) }</label>
                </div>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_details_are_checked_before_sending() {
        let empty = contact_errors(&Contact::default(), Lang::De);
        let targets: Vec<&str> = empty.iter().map(|item| item.target.as_str()).collect();
        assert_eq!(targets, [NAME_ID, EMAIL_ID, PRIVACY_ID]);
        let fine = Contact {
            name: "Erika Mustermann".into(),
            email: "erika@example.de".into(),
            phone: String::new(),
            privacy: true,
        };
        assert!(contact_errors(&fine, Lang::De).is_empty());
        let odd = Contact {
            email: "erika @example.de".into(),
            phone: "0".repeat(41),
            ..fine
        };
        let targets: Vec<String> = contact_errors(&odd, Lang::En)
            .into_iter()
            .map(|item| item.target)
            .collect();
        assert_eq!(targets, [EMAIL_ID, PHONE_ID]);
    }
}
