//! Choosing a day and a time: an accessible month calendar (a table of day buttons whose names
//! say the full date and how many times are free) or the same days as a plain list, then the
//! free times of the chosen day as buttons, grouped by location. Used to book and to move.

use shared::api::ErrorCode;
use shared::api::booking::{Concern, DayStarts, LocationInfo, SlotList, TimeOfDay};
use shared::id::LocationSlug;
use shared::{CalendarDate, Lang};
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::i18n::Msg;
use crate::i18n::booking::{BookingText, long_date, month_title, weekday_name};

/// The first day of `date`'s month.
pub fn month_start(date: CalendarDate) -> CalendarDate {
    CalendarDate::from_ymd(date.year(), date.month(), 1).unwrap_or(date)
}

/// The last day of the month that starts on `first`.
pub fn month_end(first: CalendarDate) -> CalendarDate {
    first.add_months(1).add_days(-1)
}

/// The weeks of the month that starts on `first`, Monday first; days of other months are
/// `None`.
pub fn month_weeks(first: CalendarDate) -> Vec<[Option<CalendarDate>; 7]> {
    let last = month_end(first);
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    let mut day = first;
    loop {
        week[day.weekday()] = Some(day);
        if day.weekday() == 6 || day == last {
            weeks.push(week);
            week = [None; 7];
        }
        if day == last {
            return weeks;
        }
        day = day.add_days(1);
    }
}

/// The days to ask for when the month starting on `first` is shown: from its first day that
/// can be booked (not before `today` or the known first bookable day) to its end.
pub fn month_request(
    first: CalendarDate,
    today: CalendarDate,
    first_day: Option<CalendarDate>,
) -> (CalendarDate, u16) {
    let from = first.max(today).max(first_day.unwrap_or(first));
    let days = month_end(first).days_since_epoch() - from.days_since_epoch() + 1;
    (from, u16::try_from(days.max(1)).unwrap_or(1))
}

/// How many starts a day has over all its locations.
pub fn free_count(day: &DayStarts) -> usize {
    day.locations
        .iter()
        .map(|location| location.starts.len())
        .sum()
}

/// A chosen start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenStart {
    pub location: LocationSlug,
    pub date: CalendarDate,
    pub start: TimeOfDay,
    pub minutes: u16,
}

#[derive(Properties, PartialEq)]
pub struct SlotPickerProps {
    pub concerns: Vec<Concern>,
    /// `None`: any location that offers all concerns.
    pub location: Option<LocationSlug>,
    /// To name the locations of the times.
    pub locations: Vec<LocationInfo>,
    /// A choice is being processed: time buttons do nothing.
    pub busy: bool,
    /// Changed by the page to load the times again (after `slot_taken`).
    pub reload: u32,
    pub on_choose: Callback<ChosenStart>,
}

#[derive(Debug, Clone, PartialEq)]
enum Slots {
    Loading,
    Loaded(SlotList),
    Failed(String),
}

/// The calendar or list of days and the chosen day's times; loads the free starts itself.
#[component]
pub fn SlotPicker(props: &SlotPickerProps) -> Html {
    let lang = crate::i18n::use_lang();
    let month = use_state(|| None::<CalendarDate>);
    let slots = use_state(|| Slots::Loading);
    let bounds = use_state(|| None::<(CalendarDate, CalendarDate)>);
    let as_list = use_state(|| false);
    let day = use_state(|| None::<CalendarDate>);
    // Start at the first month with a free time rather than at an empty one.
    let advanced = use_mut_ref(|| false);

    {
        let (month, slots, bounds, day) =
            (month.clone(), slots.clone(), bounds.clone(), day.clone());
        let deps = (
            *month,
            props.reload,
            props.concerns.clone(),
            props.location.clone(),
            lang,
        );
        use_effect_with(deps, move |(shown, _, concerns, location, lang)| {
            let today = browser::today();
            let first = shown.unwrap_or_else(|| month_start(today));
            let (from, days) = month_request(first, today, bounds.map(|(first_day, _)| first_day));
            let (concerns, location, lang) = (concerns.clone(), location.clone(), *lang);
            slots.set(Slots::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                match api::get_slots(&concerns, location.as_ref(), from, days, lang).await {
                    Ok(list) => {
                        bounds.set(Some((list.first_day, list.last_day)));
                        if let Some(chosen) = *day
                            && !list.days.iter().any(|listed| listed.date == chosen)
                        {
                            day.set(None);
                        }
                        let empty = list.days.is_empty();
                        let more = month_end(first) < list.last_day;
                        let first_load = !*advanced.borrow();
                        *advanced.borrow_mut() = true;
                        if empty && more && first_load {
                            month.set(Some(first.add_months(1)));
                        } else {
                            slots.set(Slots::Loaded(list));
                        }
                    }
                    Err(error) => slots.set(Slots::Failed(error_message(&error, lang))),
                }
            });
        });
    }
    // Take the citizen to the times once a day is chosen.
    use_effect_with(*day, |day| {
        if day.is_some() {
            browser::focus_id("times-heading");
        }
    });

    let today = browser::today();
    let first = month.unwrap_or_else(|| month_start(today));
    let (first_day, last_day) = bounds.unwrap_or((today, month_end(first)));
    let can_go_back = first > month_start(first_day.max(today));
    let can_go_on = month_end(first) < last_day;
    let go = |months: i64| {
        let (month, day) = (month.clone(), day.clone());
        Callback::from(move |_: MouseEvent| {
            day.set(None);
            month.set(Some(first.add_months(months)));
        })
    };
    let toggle = {
        let as_list = as_list.clone();
        Callback::from(move |_: MouseEvent| as_list.set(!*as_list))
    };
    let title = month_title(first, lang);
    let nav = html! {
        <div class="month-nav">
            <button type="button" class="button button--secondary button--small"
                disabled={!can_go_back} onclick={go(-1)}>
                { BookingText::PreviousMonth.text(lang) }
            </button>
            <h2 id="month-title" class="month-title" aria-live="polite">{ title }</h2>
            <button type="button" class="button button--secondary button--small"
                disabled={!can_go_on} onclick={go(1)}>
                { BookingText::NextMonth.text(lang) }
            </button>
        </div>
    };
    let list = match &*slots {
        Slots::Loaded(list) => Some(list),
        _ => None,
    };
    let status = match &*slots {
        Slots::Loading => BookingText::LoadingTimes.text(lang),
        Slots::Failed(message) => message.clone(),
        Slots::Loaded(list) if list.days.is_empty() && !can_go_on => {
            BookingText::NoFreeDaysAtAll.text(lang)
        }
        Slots::Loaded(list) if list.days.is_empty() => BookingText::NoFreeDaysInMonth.text(lang),
        Slots::Loaded(_) if day.is_none() => BookingText::ChooseDayFirst.text(lang),
        Slots::Loaded(_) => String::new(),
    };
    let choose_day = |date: CalendarDate| {
        let day = day.clone();
        Callback::from(move |_: MouseEvent| day.set(Some(date)))
    };
    let days_view = if *as_list {
        let items = list.into_iter().flat_map(|list| &list.days).map(|listed| {
            let label = format!(
                "{} ({})",
                long_date(listed.date, lang),
                BookingText::FreeTimes(free_count(listed)).text(lang)
            );
            html! {
                <li>
                    <button type="button" class="link-button"
                        aria-pressed={if *day == Some(listed.date) { "true" } else { "false" }}
                        onclick={choose_day(listed.date)}>
                        { label }
                    </button>
                </li>
            }
        });
        html! { <ul class="day-list" aria-labelledby="month-title">{ for items }</ul> }
    } else {
        let head = (0..7).map(|index| {
            let name = weekday_name(index, lang);
            html! {
                <th scope="col" abbr={name}>
                    <span aria-hidden="true">{ name.chars().take(2).collect::<String>() }</span>
                    <span class="visually-hidden">{ name }</span>
                </th>
            }
        });
        let rows = month_weeks(first).into_iter().map(|week| {
            let cells = week.into_iter().map(|date| {
                let Some(date) = date else {
                    return html! { <td></td> };
                };
                let free = list
                    .and_then(|list| list.days.iter().find(|listed| listed.date == date))
                    .map_or(0, free_count);
                let label = format!(
                    "{}: {}",
                    long_date(date, lang),
                    BookingText::FreeTimes(free).text(lang)
                );
                let chosen = *day == Some(date);
                html! {
                    <td>
                        <button type="button"
                            class={classes!("day", (free > 0).then_some("day--free"), chosen.then_some("day--chosen"))}
                            aria-label={label}
                            aria-pressed={if chosen { "true" } else { "false" }}
                            disabled={free == 0}
                            onclick={choose_day(date)}>
                            { date.day() }
                        </button>
                    </td>
                }
            });
            html! { <tr>{ for cells }</tr> }
        });
        html! {
            <table class="month" aria-labelledby="month-title">
                <thead><tr>{ for head }</tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        }
    };
    let times = day.and_then(|chosen| {
        let listed = list?.days.iter().find(|listed| listed.date == chosen)?;
        let named = props.location.is_none() || listed.locations.len() > 1;
        let groups = listed.locations.iter().map(|at| {
            let name = props
                .locations
                .iter()
                .find(|info| info.slug == at.location)
                .map_or_else(|| at.location.to_string(), |info| info.name.get(lang).to_owned());
            let buttons = at.starts.iter().map(|start| {
                let chosen = ChosenStart {
                    location: at.location.clone(),
                    date: chosen,
                    start: *start,
                    minutes: at.minutes,
                };
                let (on_choose, busy) = (props.on_choose.clone(), props.busy);
                let onclick = Callback::from(move |_: MouseEvent| {
                    if !busy {
                        on_choose.emit(chosen.clone());
                    }
                });
                html! {
                    <li>
                        <button type="button" class="button button--secondary time-button"
                            aria-disabled={busy.then_some("true")} {onclick}>
                            { start.to_string() }
                        </button>
                    </li>
                }
            });
            html! {
                <div class="time-group">
                    if named {
                        <h3>{ name }</h3>
                    }
                    <p class="field-hint">{ BookingText::Duration { minutes: at.minutes }.text(lang) }</p>
                    <ul class="time-list">{ for buttons }</ul>
                </div>
            }
        });
        Some(html! {
            <section class="times" aria-labelledby="times-heading">
                <h2 id="times-heading" tabindex="-1">
                    { BookingText::TimesOn(long_date(chosen, lang)).text(lang) }
                </h2>
                { for groups }
            </section>
        })
    });
    let toggle_text = if *as_list {
        BookingText::ShowCalendar
    } else {
        BookingText::ShowList
    };
    html! {
        <div class="slot-picker">
            <p>
                <button type="button" class="link-button" onclick={toggle}>{ toggle_text.text(lang) }</button>
            </p>
            { nav }
            { days_view }
            <p role="status" class="field-hint">{ status }</p>
            { times.unwrap_or_default() }
        </div>
    }
}

/// The message of a failed request, in `lang`.
pub fn error_message(error: &ClientError, lang: Lang) -> String {
    match error {
        ClientError::Api(body) => body.message.clone(),
        ClientError::Network(_) => Msg::NetworkError.text(lang),
        ClientError::Decode(_) => ErrorCode::Internal.message(lang).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> CalendarDate {
        text.parse().expect("a date")
    }

    #[test]
    fn a_month_grid_starts_on_monday_and_holds_every_day_once() {
        // December 2026 starts on a Tuesday and ends on a Thursday.
        let weeks = month_weeks(date("2026-12-01"));
        assert_eq!(weeks.len(), 5);
        assert_eq!(weeks[0][0], None);
        assert_eq!(weeks[0][1], Some(date("2026-12-01")));
        assert_eq!(weeks[4][3], Some(date("2026-12-31")));
        assert_eq!(weeks[4][4], None);
        let days: usize = weeks.iter().map(|week| week.iter().flatten().count()).sum();
        assert_eq!(days, 31);
        // February 2027 starts on a Monday: four full weeks.
        assert_eq!(month_weeks(date("2027-02-01")).len(), 4);
    }

    #[test]
    fn the_request_starts_at_the_first_bookable_day_of_the_month() {
        let first = date("2026-12-01");
        assert_eq!(month_request(first, date("2026-11-20"), None), (first, 31));
        assert_eq!(
            month_request(first, date("2026-12-10"), Some(date("2026-12-12"))),
            (date("2026-12-12"), 20)
        );
        assert_eq!(month_end(date("2028-02-01")), date("2028-02-29"));
        assert_eq!(month_start(date("2026-12-24")), first);
    }
}
