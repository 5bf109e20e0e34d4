//! `/mitarbeiter/termine?standort=&datum=`: a location's appointment day for staff. Check-in by
//! booking code (typed, or by a scanner that types the code and Enter), the day's hours and
//! bookings with "did not come", downloads, a booking at the counter, and closing the day or
//! part of it. The chosen location and day stay in the URL, so a reload keeps them.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use shared::api::ErrorCode;
use shared::api::booking::{
    BookingOffer, BookingStatus, CheckIn, Closure, Concern, DayView, StaffBooking,
    StaffBookingRequest,
};
use shared::id::LocationSlug;
use shared::{CalendarDate, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::simple_input::use_input_errors;
use crate::components::status_notice::status_notice;
use crate::i18n::appointments::AppointmentText as T;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::appointment_forms::{
    Kind, affected_by_closure, field, hours_text, on_click, parse_day, parse_time, select_field,
    setter,
};
use crate::pages::editor_home::failure_text;
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

/// The query of the page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DayQuery {
    #[serde(default)]
    pub standort: String,
    #[serde(default)]
    pub datum: String,
}

/// Check-in, the choice of location and day, and the day.
#[component]
pub fn AppointmentDayPage() -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let query = use_location()
        .and_then(|location| location.query::<DayQuery>().ok())
        .unwrap_or_default();
    // The bookable services come along once, for the counter booking form; without them the
    // day still works.
    let locations = use_staff_load(String::new(), |lang| async move {
        let locations = api::staff_appointment_locations(lang).await?;
        let offer = api::get_booking_offer(lang).await.unwrap_or(BookingOffer {
            services: Vec::new(),
            locations: Vec::new(),
            max_items: 0,
        });
        Ok((locations, Rc::new(offer)))
    });
    // Bumped after a check-in, so the day shows the new status.
    let generation = use_state(|| 0_u32);
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(&T::DayHeading.text(*lang), false, *lang));
    });
    let date = query
        .datum
        .parse::<CalendarDate>()
        .unwrap_or_else(|_| browser::today());
    let reload = {
        let generation = generation.clone();
        Callback::from(move |()| generation.set(*generation + 1))
    };
    let body = match &*locations {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready((list, offer)) => match list
            .iter()
            .find(|location| location.slug.as_str() == query.standort)
            .or_else(|| list.first())
        {
            None => html! { <p>{ T::NoLocations.text(lang) }</p> },
            Some(chosen) => {
                let go = move |standort: String, datum: CalendarDate| {
                    if let Some(navigator) = &navigator {
                        let query = DayQuery {
                            standort,
                            datum: datum.to_string(),
                        };
                        let _ = navigator.replace_with_query(&Route::AppointmentDay, &query);
                    }
                };
                let slug = chosen.slug.to_string();
                let on_location = {
                    let go = go.clone();
                    Callback::from(move |event: Event| go(browser::event_value(&event), date))
                };
                let on_date = {
                    let (go, slug) = (go.clone(), slug.clone());
                    Callback::from(move |event: Event| {
                        // While a year is typed digit by digit the input already holds dates
                        // like 0002-12-01; no office had appointments then.
                        match browser::event_value(&event).parse::<CalendarDate>() {
                            Ok(date) if date.year() >= 2000 => go(slug.clone(), date),
                            _ => {}
                        }
                    })
                };
                let step = |days: i64| {
                    let (go, slug) = (go.clone(), slug.clone());
                    Callback::from(move |_: MouseEvent| go(slug.clone(), date.add_days(days)))
                };
                html! {
                    <>
                        <div class="form day-choice">
                            <div class="field">
                                <label class="field-label" for="day-location">{ T::Location.text(lang) }</label>
                                <select class="select" id="day-location" onchange={on_location}>
                                    { for list.iter().map(|location| html! {
                                        <option value={location.slug.to_string()} selected={location.slug == chosen.slug}>
                                            { location.name.get(lang).to_owned() }
                                        </option>
                                    }) }
                                </select>
                            </div>
                            <div class="field">
                                <label class="field-label" for="day-date">{ T::Date.text(lang) }</label>
                                <input class="input input--short" type="date" id="day-date" value={date.to_string()} onchange={on_date} />
                            </div>
                            <div class="button-group">
                                <button type="button" class="button button--secondary" onclick={step(-1)}>{ T::PreviousDay.text(lang) }</button>
                                <button type="button" class="button button--secondary" onclick={step(1)}>{ T::NextDay.text(lang) }</button>
                            </div>
                        </div>
                        <DaySection key={format!("{slug}|{date}")} location={chosen.slug.clone()} {date} generation={*generation}
                            reload={reload.clone()} offer={offer.clone()} />
                    </>
                }
            }
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ T::DayHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <CheckInForm on_done={reload} />
            { body }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct CheckInFormProps {
    on_done: Callback<()>,
}

/// The booking code, typed or scanned, and "Einchecken". No autofocus (it would skip the
/// page's start for screen-reader users); a scanner types into the focused input and ends with
/// Enter, which submits.
#[component]
fn CheckInForm(props: &CheckInFormProps) -> Html {
    let lang = use_lang();
    let code = use_state(String::new);
    let notice = use_state(|| None::<Result<String, String>>);
    let oninput = {
        let code = code.clone();
        Callback::from(move |event: InputEvent| code.set(browser::event_value(&event)))
    };
    let onsubmit = {
        let (code, notice, on_done) = (code.clone(), notice.clone(), props.on_done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let typed = code.trim().to_owned();
            if typed.is_empty() {
                notice.set(Some(Err(T::EnterCode.text(lang))));
                return;
            }
            let (code, notice, on_done) = (code.clone(), notice.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::check_in(&CheckIn { code: typed }, lang).await {
                    Ok(booking) => {
                        notice.set(Some(Ok(format!(
                            "{} {}, {}, {}",
                            T::CheckedIn.text(lang),
                            booking.name,
                            booking.start,
                            concerns_text(&booking, lang)
                        ))));
                        // Ready for the next code.
                        code.set(String::new());
                        on_done.emit(());
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    html! {
        <form class="form check-in" aria-labelledby="check-in-heading" {onsubmit}>
            <h2 id="check-in-heading">{ T::CheckInHeading.text(lang) }</h2>
            <div class="field">
                <label class="field-label" for="check-in-code">{ T::BookingCode.text(lang) }</label>
                <div class="field-hint" id="check-in-code-hint">{ T::BookingCodeHint.text(lang) }</div>
                <div class="search-row">
                    <input class="input input--medium" id="check-in-code" value={(*code).clone()} {oninput}
                        autocomplete="off" autocapitalize="characters" spellcheck="false"
                        aria-describedby="check-in-code-hint" />
                    <button type="submit" class="button">{ T::CheckIn.text(lang) }</button>
                </div>
            </div>
            { status_notice(&notice) }
        </form>
    }
}

/// "2 × Personalausweis, 1 × Meldebescheinigung".
fn concerns_text(booking: &StaffBooking, lang: Lang) -> String {
    booking
        .concerns
        .iter()
        .map(|concern| format!("{} × {}", concern.count, concern.name.get(lang)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Properties, PartialEq)]
struct DaySectionProps {
    location: LocationSlug,
    offer: Rc<BookingOffer>,
    date: CalendarDate,
    generation: u32,
    reload: Callback<()>,
}

/// The day: hours, counts, downloads, the bookings, and the forms that change the day.
#[component]
fn DaySection(props: &DaySectionProps) -> Html {
    let lang = use_lang();
    let (location, date) = (props.location.clone(), props.date);
    let load = use_staff_load(
        format!("{location}|{date}|{}", props.generation),
        move |lang| {
            let location = location.clone();
            async move { api::appointment_day(&location, date, lang).await }
        },
    );
    let notice = use_state(|| None::<Result<String, String>>);
    let no_show = {
        let (notice, reload) = (notice.clone(), props.reload.clone());
        Callback::from(move |(id, label): (String, String)| {
            let (notice, reload) = (notice.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::mark_no_show(&id, lang).await {
                    Ok(_) => {
                        notice.set(Some(Ok(format!("{} {label}", T::NoShowDone.text(lang)))));
                        reload.emit(());
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
                // The button is gone with the new status; the result is where focus goes on.
                browser::focus_id("day-notice");
            });
        })
    };
    let day = match &*load {
        Load::Loading => return html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => {
            return html! { <div class="alert" role="alert">{ text.clone() }</div> };
        }
        Load::Ready(day) => day,
    };
    let [csv, ics] = api::appointment_day_downloads(&props.location, props.date);
    let hours = if day.hours.is_empty() {
        T::Closed.text(lang)
    } else {
        format!("{} {}", T::OpenFrom.text(lang), hours_text(&day.hours))
    };
    html! {
        <section aria-labelledby="day-heading">
            <h2 id="day-heading">
                { format!("{}, {} – {}", T::Weekday(day.date.weekday()).text(lang), day.date.to_german(), day.location.name.get(lang)) }
            </h2>
            <p data-testid="day-hours">
                { hours }
                if let Some(note) = &day.note {
                    { format!(" ({note})") }
                }
            </p>
            <ul class="inbox-counts" data-testid="day-counts">
                { for status_counts(day).into_iter().map(|(status, count)| html! {
                    <li>{ format!("{}: {count}", status.label(lang)) }</li>
                }) }
            </ul>
            <ul class="download-links">
                <li><a href={csv} download="">{ T::DownloadCsv.text(lang) }</a></li>
                <li><a href={ics} download="">{ T::DownloadIcs.text(lang) }</a></li>
            </ul>
            <div id="day-notice" tabindex="-1">{ status_notice(&notice) }</div>
            { bookings_table(day, &no_show, lang) }
            <details class="day-form">
                <summary>{ T::BookHeading.text(lang) }</summary>
                <StaffBookingForm location={props.location.clone()} date={props.date} offer={props.offer.clone()} on_booked={props.reload.clone()} />
            </details>
            <details class="day-form">
                <summary>{ T::CloseHeading.text(lang) }</summary>
                <ClosureForm location={props.location.clone()} date={props.date}
                    bookings={day.bookings.clone()} on_closed={props.reload.clone()} />
            </details>
        </section>
    }
}

/// The statuses that occur on the day with their counts, in the order of the day's life.
fn status_counts(day: &DayView) -> Vec<(BookingStatus, usize)> {
    [
        BookingStatus::Confirmed,
        BookingStatus::CheckedIn,
        BookingStatus::NoShow,
        BookingStatus::Cancelled,
    ]
    .into_iter()
    .map(|status| {
        let count = day.bookings.iter().filter(|b| b.status == status).count();
        (status, count)
    })
    .collect()
}

fn bookings_table(day: &DayView, no_show: &Callback<(String, String)>, lang: Lang) -> Html {
    if day.bookings.is_empty() {
        return html! { <p>{ T::NoBookings.text(lang) }</p> };
    }
    let caption = format!("{} {}", T::BookingsCaption.text(lang), day.date.to_german());
    html! {
        <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="day-caption">
            <table class="table" data-testid="day-bookings">
                <caption class="table-caption" id="day-caption">{ caption }</caption>
                <thead>
                    <tr>
                        { for [T::Time, T::Duration, T::BookingCode, T::Concerns, T::Name, T::Contact, T::Status, T::Action]
                            .map(|column| html! { <th scope="col">{ column.text(lang) }</th> }) }
                    </tr>
                </thead>
                <tbody>
                    { for day.bookings.iter().map(|booking| {
                        let who = if booking.name.is_empty() { booking.code.grouped() } else { booking.name.clone() };
                        let label = format!("{} {who}", booking.start);
                        let onclick = {
                            let (no_show, id, label) = (no_show.clone(), booking.id.clone(), label.clone());
                            Callback::from(move |_: MouseEvent| no_show.emit((id.clone(), label.clone())))
                        };
                        html! {
                            <tr key={booking.id.clone()}>
                                <th scope="row">{ booking.start.to_string() }</th>
                                <td class="numeric">{ format!("{} {}", booking.minutes, T::MinutesShort.text(lang)) }</td>
                                <td><code>{ booking.code.grouped() }</code></td>
                                <td>{ concerns_text(booking, lang) }</td>
                                <td>
                                    { booking.name.clone() }
                                    if booking.by_staff {
                                        { " " }<span class="badge">{ T::ByStaff.text(lang) }</span>
                                    }
                                </td>
                                <td>
                                    { booking.phone.clone().unwrap_or_default() }
                                    if booking.phone.is_some() && booking.email.is_some() { <br /> }
                                    { booking.email.clone().unwrap_or_default() }
                                </td>
                                <td>{ booking.status.label(lang) }</td>
                                <td>
                                    if booking.status == BookingStatus::Confirmed {
                                        <button type="button" class="button button--secondary button--small" {onclick}
                                            aria-label={format!("{}: {label}", T::NoShow.text(lang))}>
                                            { T::NoShow.text(lang) }
                                        </button>
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A concern row of the booking form as typed: service slug and count.
type ConcernRow = (String, String);

#[derive(Debug, Clone, PartialEq)]
struct BookingDraft {
    concerns: Vec<ConcernRow>,
    start: String,
    name: String,
    email: String,
    phone: String,
}

impl Default for BookingDraft {
    fn default() -> Self {
        Self {
            concerns: vec![(String::new(), "1".to_owned())],
            start: String::new(),
            name: String::new(),
            email: String::new(),
            phone: String::new(),
        }
    }
}

/// Checks the draft against what the location offers; the problems by control id.
fn booking_request(
    draft: &BookingDraft,
    offer: &BookingOffer,
    location: &LocationSlug,
    date: CalendarDate,
    lang: Lang,
) -> Result<StaffBookingRequest, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut concerns = Vec::new();
    for (row, (service, count)) in draft.concerns.iter().enumerate() {
        let Some(found) = offer.services.iter().find(|s| s.slug.as_str() == service) else {
            problems.push((
                format!("booking-service-{row}"),
                T::ChooseService.text(lang),
            ));
            continue;
        };
        match count.trim().parse::<u8>() {
            Ok(count) if (1..=found.max_count).contains(&count) => concerns.push(Concern {
                service: found.slug.clone(),
                count,
            }),
            _ => problems.push((
                format!("booking-count-{row}"),
                T::CountRange(found.max_count).text(lang),
            )),
        }
    }
    let start = match parse_time(&draft.start) {
        Ok(Some(start)) => Some(start),
        Ok(None) => {
            problems.push(("booking-start".to_owned(), T::EnterStart.text(lang)));
            None
        }
        Err(problem) => {
            problems.push(("booking-start".to_owned(), problem.text(lang)));
            None
        }
    };
    let name = draft.name.trim();
    if name.is_empty() {
        problems.push(("booking-name".to_owned(), T::EnterName.text(lang)));
    }
    let optional = |text: &str| Some(text.trim().to_owned()).filter(|text| !text.is_empty());
    match start {
        Some(start) if problems.is_empty() => Ok(StaffBookingRequest {
            concerns,
            location: location.clone(),
            date,
            start,
            name: name.to_owned(),
            email: optional(&draft.email),
            phone: optional(&draft.phone),
        }),
        _ => Err(problems),
    }
}

#[derive(Properties, PartialEq)]
struct StaffBookingFormProps {
    location: LocationSlug,
    offer: Rc<BookingOffer>,
    date: CalendarDate,
    on_booked: Callback<()>,
}

/// A booking at the counter or on the phone: concerns, start, name and contact.
#[component]
fn StaffBookingForm(props: &StaffBookingFormProps) -> Html {
    let lang = use_lang();
    let draft = use_state(BookingDraft::default);
    let errors = use_input_errors::<String>();
    let notice = use_state(|| None::<Result<String, String>>);
    let offer = &props.offer;
    let offered: Vec<_> = offer
        .services
        .iter()
        .filter(|service| {
            service
                .locations
                .iter()
                .any(|at| at.location == props.location)
        })
        .collect();
    let onsubmit = {
        let (draft, errors, notice, offer) =
            (draft.clone(), errors.clone(), notice.clone(), offer.clone());
        let (location, date, on_booked) =
            (props.location.clone(), props.date, props.on_booked.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = match booking_request(&draft, &offer, &location, date, lang) {
                Ok(request) => request,
                Err(problems) => return errors.fail(problems),
            };
            errors.clear();
            let (draft, errors, notice, on_booked) = (
                draft.clone(),
                errors.clone(),
                notice.clone(),
                on_booked.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::book_by_staff(&request, lang).await {
                    Ok(booking) => {
                        notice.set(Some(Ok(format!(
                            "{} {}, {} {}",
                            T::Booked.text(lang),
                            booking.start,
                            T::BookingCode.text(lang),
                            booking.code.grouped()
                        ))));
                        draft.set(BookingDraft::default());
                        on_booked.emit(());
                    }
                    // The time is what to change: the problem goes to its input.
                    Err(ClientError::Api(body))
                        if matches!(
                            body.code,
                            ErrorCode::SlotTaken | ErrorCode::InvalidBooking
                        ) =>
                    {
                        errors.fail(vec![("booking-start".to_owned(), body.message)]);
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let add = on_click(&draft, |draft| {
        draft.concerns.push((String::new(), "1".to_owned()));
    });
    let rows = draft.concerns.iter().enumerate().map(|(row, (service, count))| {
        let number = row + 1;
        let service_id = format!("booking-service-{row}");
        let remove = on_click(&draft, move |draft| {
            draft.concerns.remove(row);
        });
        html! {
            <fieldset class="group-item" key={row}>
                <legend class="group-item-legend">{ format!("{} {number}", T::Concern.text(lang)) }</legend>
                { select_field(&service_id, &format!("{} ({} {number})", T::Service.text(lang), T::Concern.text(lang)), html! {
                    <>
                        <option value="" selected={service.is_empty()}>{ T::ChooseService.text(lang) }</option>
                        { for offered.iter().map(|offered| html! {
                            <option value={offered.slug.to_string()} selected={offered.slug.as_str() == service}>
                                { offered.name.get(lang).to_owned() }
                            </option>
                        }) }
                    </>
                }, &errors, setter(&draft, move |draft, value| draft.concerns[row].0 = value), lang) }
                { field(&format!("booking-count-{row}"), &format!("{} ({} {number})", T::Count.text(lang), T::Concern.text(lang)),
                    Kind::Number, count, &errors, setter(&draft, move |draft, value| draft.concerns[row].1 = value), lang) }
                if draft.concerns.len() > 1 {
                    <button type="button" class="button button--secondary" onclick={remove}>
                        { format!("{} {number} {}", T::Concern.text(lang), T::Remove.text(lang)) }
                    </button>
                }
            </fieldset>
        }
    });
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <ErrorSummary items={errors.summary(String::clone)} {lang} />
            { for rows }
            <button type="button" class="button button--secondary" onclick={add}>{ T::AddConcern.text(lang) }</button>
            { field("booking-start", &T::Start.text(lang), Kind::Time, &draft.start, &errors,
                setter(&draft, |draft, value| draft.start = value), lang) }
            { field("booking-name", &T::Name.text(lang), Kind::Text, &draft.name, &errors,
                setter(&draft, |draft, value| draft.name = value), lang) }
            { field("booking-email", &T::EmailOptional.text(lang), Kind::Email, &draft.email, &errors,
                setter(&draft, |draft, value| draft.email = value), lang) }
            { field("booking-phone", &T::PhoneOptional.text(lang), Kind::Tel, &draft.phone, &errors,
                setter(&draft, |draft, value| draft.phone = value), lang) }
            <button type="submit" class="button">{ T::Book.text(lang) }</button>
            { status_notice(&notice) }
        </form>
    }
}

#[derive(Debug, Clone, Default, PartialEq)]
struct ClosureDraft {
    /// Only a part of the day, from–to.
    partly: bool,
    from: String,
    to: String,
    reason: String,
}

#[derive(Properties, PartialEq)]
struct ClosureFormProps {
    location: LocationSlug,
    date: CalendarDate,
    /// The loaded day's bookings, to say how many the closure cancels.
    bookings: Vec<StaffBooking>,
    on_closed: Callback<()>,
}

/// Close the whole day or part of it, with a reason and a confirm step that says how many
/// bookings will be cancelled.
#[component]
fn ClosureForm(props: &ClosureFormProps) -> Html {
    let lang = use_lang();
    let draft = use_state(ClosureDraft::default);
    let errors = use_input_errors::<String>();
    let notice = use_state(|| None::<Result<String, String>>);
    // The checked closure waiting for "Ja, schließen".
    let confirm = use_state(|| None::<Closure>);
    use_effect_with(confirm.is_some(), |shown| {
        if *shown {
            browser::focus_id("closure-confirm");
        }
    });
    let onsubmit = {
        let (draft, errors, confirm) = (draft.clone(), errors.clone(), confirm.clone());
        let (location, date) = (props.location.clone(), props.date);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let mut problems = Vec::new();
            let part = if draft.partly {
                match parse_day(&[(draft.from.clone(), draft.to.clone())]) {
                    Ok(parts) if parts.is_empty() => {
                        problems.push(("closure-from".to_owned(), T::EnterPart.text(lang)));
                        None
                    }
                    Ok(parts) => parts.first().copied(),
                    Err((_, side, problem)) => {
                        problems.push((format!("closure-{}", side.suffix()), problem.text(lang)));
                        None
                    }
                }
            } else {
                None
            };
            let reason = draft.reason.trim();
            if reason.is_empty() || reason.chars().count() > 500 {
                problems.push(("closure-reason".to_owned(), T::EnterReason.text(lang)));
            }
            if !problems.is_empty() {
                return errors.fail(problems);
            }
            errors.clear();
            confirm.set(Some(Closure {
                location: location.clone(),
                date,
                part,
                reason: reason.to_owned(),
            }));
        })
    };
    let close = {
        let (confirm, notice, on_closed) =
            (confirm.clone(), notice.clone(), props.on_closed.clone());
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(closure) = (*confirm).clone() else {
                return;
            };
            let (confirm, notice, on_closed, draft) = (
                confirm.clone(),
                notice.clone(),
                on_closed.clone(),
                draft.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::close_location(&closure, lang).await {
                    Ok(result) => {
                        notice.set(Some(Ok(T::Cancelled(result.cancelled).text(lang))));
                        draft.set(ClosureDraft::default());
                        on_closed.emit(());
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
                confirm.set(None);
                browser::focus_id("closure-notice");
            });
        })
    };
    let cancel = {
        let confirm = confirm.clone();
        Callback::from(move |_: MouseEvent| {
            confirm.set(None);
            browser::focus_id("closure-submit");
        })
    };
    let radio = |id: &'static str, partly: bool, label: T| {
        html! {
            <div class="radio">
                <input class="radio-input" type="radio" name="closure-extent" {id} checked={draft.partly == partly}
                    onchange={setter(&draft, move |draft, _| draft.partly = partly)} />
                <label class="radio-label" for={id}>{ label.text(lang) }</label>
            </div>
        }
    };
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <ErrorSummary items={errors.summary(String::clone)} {lang} />
            <fieldset class="fieldset">
                <legend class="fieldset-legend">{ T::CloseWhat.text(lang) }</legend>
                { radio("closure-whole", false, T::WholeDay) }
                { radio("closure-partly", true, T::PartOfDay) }
            </fieldset>
            if draft.partly {
                { field("closure-from", &T::ClosedFrom.text(lang), Kind::Time, &draft.from, &errors,
                    setter(&draft, |draft, value| draft.from = value), lang) }
                { field("closure-to", &T::ClosedTo.text(lang), Kind::Time, &draft.to, &errors,
                    setter(&draft, |draft, value| draft.to = value), lang) }
            }
            { field("closure-reason", &T::Reason.text(lang), Kind::TextArea, &draft.reason, &errors,
                setter(&draft, |draft, value| draft.reason = value), lang) }
            if let Some(closure) = &*confirm {
                <div class="closure-confirm" role="group" aria-labelledby="closure-confirm">
                    <p id="closure-confirm" tabindex="-1"><strong>
                        { T::ConfirmClosure(affected_by_closure(&props.bookings, closure.part)).text(lang) }
                    </strong></p>
                    <div class="button-group">
                        <button type="button" class="button button--warning" onclick={close}>{ T::ConfirmClose.text(lang) }</button>
                        <button type="button" class="button button--secondary" onclick={cancel}>{ T::Abort.text(lang) }</button>
                    </div>
                </div>
            } else {
                <button type="submit" class="button" id="closure-submit">{ T::Close.text(lang) }</button>
            }
            <div id="closure-notice" tabindex="-1">{ status_notice(&notice) }</div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use shared::LocalizedText;
    use shared::api::booking::{ConcernView, LocationInfo};
    use yew::LocalServerRenderer;

    use super::*;

    fn booking(id: &str, start: &str, status: BookingStatus, by_staff: bool) -> StaffBooking {
        StaffBooking {
            id: id.to_owned(),
            code: "K7M2QX9D".parse().expect("code"),
            location: "buergerbuero-mitte".parse().expect("slug"),
            date: CalendarDate::from_ymd(2026, 12, 1).expect("date"),
            start: start.parse().expect("time"),
            minutes: 20,
            status,
            concerns: vec![ConcernView {
                service: "personalausweis-beantragen".parse().expect("slug"),
                name: LocalizedText::de("Personalausweis beantragen"),
                count: 2,
            }],
            name: "Erika Mustermann".to_owned(),
            email: Some("erika@example.org".to_owned()),
            phone: None,
            by_staff,
        }
    }

    #[derive(Properties, PartialEq)]
    struct TableProps {
        day: DayView,
    }

    #[component]
    fn Table(props: &TableProps) -> Html {
        bookings_table(&props.day, &Callback::noop(), Lang::De)
    }

    #[tokio::test]
    async fn the_day_names_each_no_show_button_by_time_and_person() {
        let day = DayView {
            location: LocationInfo {
                slug: "buergerbuero-mitte".parse().expect("slug"),
                name: LocalizedText::de("Bürgerbüro Mitte"),
                street: String::new(),
                city: String::new(),
                accessibility: LocalizedText::default(),
                directions: LocalizedText::default(),
            },
            date: CalendarDate::from_ymd(2026, 12, 1).expect("date"),
            hours: Vec::new(),
            note: None,
            bookings: vec![
                booking("a", "09:00", BookingStatus::Confirmed, true),
                booking("b", "09:30", BookingStatus::CheckedIn, false),
            ],
        };
        assert_eq!(
            status_counts(&day)[..2],
            [(BookingStatus::Confirmed, 1), (BookingStatus::CheckedIn, 1)]
        );
        let html = LocalServerRenderer::<Table>::with_props(TableProps { day })
            .render()
            .await;
        assert!(html.contains(r#"aria-label="Nicht erschienen: 09:00 Erika Mustermann""#));
        // Only booked appointments can be marked; the checked-in one has no button.
        assert_eq!(html.matches("<button").count(), 1);
        assert!(html.contains("K7M2-QX9D") && html.contains("2 × Personalausweis beantragen"));
        assert!(html.contains("vor Ort gebucht") && html.contains(r#"<th scope="row">09:00</th>"#));
    }

    #[derive(Properties, PartialEq)]
    struct FormsProps {
        offer: Rc<BookingOffer>,
    }

    #[component]
    fn Forms(props: &FormsProps) -> Html {
        let location: LocationSlug = "buergerbuero-mitte".parse().expect("slug");
        let date = CalendarDate::from_ymd(2026, 12, 1).expect("date");
        html! {
            <>
                <CheckInForm on_done={Callback::noop()} />
                <StaffBookingForm location={location.clone()} {date} offer={props.offer.clone()} on_booked={Callback::noop()} />
                <ClosureForm {location} {date} bookings={Vec::new()} on_closed={Callback::noop()} />
            </>
        }
    }

    #[tokio::test]
    async fn every_control_of_the_day_forms_has_its_own_label() {
        let offer = Rc::new(BookingOffer {
            services: Vec::new(),
            locations: Vec::new(),
            max_items: 5,
        });
        let html = LocalServerRenderer::<Forms>::with_props(FormsProps { offer })
            .render()
            .await;
        let controls = crate::pages::appointment_forms::tests::labelled_controls(&html);
        // Code; service, count, start, name, e-mail, phone; two radios and the reason.
        assert_eq!(controls, 1 + 6 + 3);
        let code_label = html.split(r#"for="check-in-code""#).nth(1).expect("label");
        assert!(
            code_label
                .split_once('>')
                .is_some_and(|(_, text)| text.starts_with("Buchungscode</label>"))
        );
        assert!(!html.contains("autofocus"));
    }

    #[test]
    fn a_counter_booking_is_checked_against_the_offer() {
        let offer = BookingOffer {
            services: vec![shared::api::booking::BookableService {
                slug: "personalausweis-beantragen".parse().expect("slug"),
                name: LocalizedText::de("Personalausweis beantragen"),
                documents: Vec::new(),
                fees: Vec::new(),
                max_count: 3,
                locations: Vec::new(),
            }],
            locations: Vec::new(),
            max_items: 5,
        };
        let location: LocationSlug = "buergerbuero-mitte".parse().expect("slug");
        let date = CalendarDate::from_ymd(2026, 12, 1).expect("date");
        let mut draft = BookingDraft {
            concerns: vec![
                ("personalausweis-beantragen".to_owned(), "4".to_owned()),
                (String::new(), "1".to_owned()),
            ],
            start: "09:02".to_owned(),
            name: " ".to_owned(),
            email: String::new(),
            phone: String::new(),
        };
        let problems =
            booking_request(&draft, &offer, &location, date, Lang::De).expect_err("problems");
        let ids: Vec<&str> = problems.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "booking-count-0",
                "booking-service-1",
                "booking-start",
                "booking-name"
            ]
        );
        assert_eq!(
            problems[0].1,
            "Bitte geben Sie eine Anzahl von 1 bis 3 ein."
        );
        draft.concerns.truncate(1);
        draft.concerns[0].1 = "2".to_owned();
        draft.start = "09:05".to_owned();
        draft.name = " Erika Mustermann ".to_owned();
        draft.phone = " 0123 ".to_owned();
        let request = booking_request(&draft, &offer, &location, date, Lang::De).expect("valid");
        assert_eq!(request.concerns[0].count, 2);
        assert_eq!(request.name, "Erika Mustermann");
        assert_eq!(
            (request.email, request.phone),
            (None, Some("0123".to_owned()))
        );
    }
}
