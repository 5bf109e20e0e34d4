//! Pieces the appointment pages share: reading times and opening hours from time inputs (pure,
//! unit-tested on the host), the bookings a closure would cancel, and a labelled input with its
//! inline error.

use std::rc::Rc;

use shared::Lang;
use shared::api::booking::{BookingStatus, Interval, StaffBooking, TimeOfDay};
use yew::prelude::*;

use crate::browser;
use crate::components::simple_input::InputErrors;
use crate::i18n::Msg;
use crate::i18n::appointments::AppointmentText;

/// Intervals per day in the forms: a morning and an afternoon are enough for any office.
pub(crate) const INTERVALS_PER_DAY: usize = 2;

/// `(from, to)` as typed into two time inputs.
pub(crate) type TimeRow = (String, String);

/// What is wrong with a time or a pair of times.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TimeProblem {
    /// Not a time on the 5-minute grid.
    Invalid,
    /// Only one of the pair is given.
    Missing,
    /// The end is not after the start.
    EndNotAfterStart,
    /// It starts before the previous interval ends.
    Overlap,
}

impl TimeProblem {
    pub(crate) fn text(self, lang: Lang) -> String {
        match self {
            Self::Invalid => AppointmentText::TimeInvalid,
            Self::Missing => AppointmentText::TimeMissing,
            Self::EndNotAfterStart => AppointmentText::TimeEndNotAfterStart,
            Self::Overlap => AppointmentText::TimeOverlap,
        }
        .text(lang)
    }
}

/// Which input of a row a problem is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    From,
    To,
}

impl Side {
    pub(crate) fn suffix(self) -> &'static str {
        match self {
            Self::From => "from",
            Self::To => "to",
        }
    }
}

/// A time input's value: empty is `None`. Browsers give `HH:MM`, or `HH:MM:SS` when a step
/// below a minute was ever set; whole minutes are all the grid knows.
pub(crate) fn parse_time(text: &str) -> Result<Option<TimeOfDay>, TimeProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let minutes = text.strip_suffix(":00").filter(|_| text.len() == 8);
    minutes
        .unwrap_or(text)
        .parse()
        .map(Some)
        .map_err(|_| TimeProblem::Invalid)
}

/// The intervals of one day, from rows of time inputs in order; a row with both inputs empty
/// is left out (no rows at all: closed). The first problem comes with its row and input.
pub(crate) fn parse_day(rows: &[TimeRow]) -> Result<Vec<Interval>, (usize, Side, TimeProblem)> {
    let mut intervals: Vec<Interval> = Vec::new();
    for (row, (from, to)) in rows.iter().enumerate() {
        let from = parse_time(from).map_err(|problem| (row, Side::From, problem))?;
        let to = parse_time(to).map_err(|problem| (row, Side::To, problem))?;
        let (from, to) = match (from, to) {
            (None, None) => continue,
            (Some(from), Some(to)) => (from, to),
            (None, Some(_)) => return Err((row, Side::From, TimeProblem::Missing)),
            (Some(_), None) => return Err((row, Side::To, TimeProblem::Missing)),
        };
        if to <= from {
            return Err((row, Side::To, TimeProblem::EndNotAfterStart));
        }
        if intervals.last().is_some_and(|last| from < last.to) {
            return Err((row, Side::From, TimeProblem::Overlap));
        }
        intervals.push(Interval { from, to });
    }
    Ok(intervals)
}

/// A problem in a week's hours: weekday (Monday 0), row, input and what is wrong.
pub(crate) type WeekProblem = (usize, usize, Side, TimeProblem);

/// A week of opening hours from the form, Monday first; the problems by weekday, row and input.
pub(crate) fn parse_weekly(
    week: &[Vec<TimeRow>; 7],
) -> Result<[Vec<Interval>; 7], Vec<WeekProblem>> {
    let mut problems = Vec::new();
    let days = week.each_ref().map(|rows| parse_day(rows));
    for (day, parsed) in days.iter().enumerate() {
        if let Err((row, side, problem)) = parsed {
            problems.push((day, *row, *side, *problem));
        }
    }
    if problems.is_empty() {
        Ok(days.map(Result::unwrap_or_default))
    } else {
        Err(problems)
    }
}

/// Intervals as form rows, padded with empty rows to [`INTERVALS_PER_DAY`].
pub(crate) fn time_rows(intervals: &[Interval]) -> Vec<TimeRow> {
    let mut rows: Vec<TimeRow> = intervals
        .iter()
        .map(|interval| (interval.from.to_string(), interval.to.to_string()))
        .collect();
    while rows.len() < INTERVALS_PER_DAY {
        rows.push(TimeRow::default());
    }
    rows
}

/// Opening hours as people read them: `08:00–12:00, 14:00–18:00`.
pub(crate) fn hours_text(hours: &[Interval]) -> String {
    hours
        .iter()
        .map(|interval| format!("{}–{}", interval.from, interval.to))
        .collect::<Vec<_>>()
        .join(", ")
}

/// How many booked (confirmed) appointments a closure of `part` (`None`: the whole day) would
/// cancel: those that overlap it. Checked-in, missed and cancelled ones stay as they are.
pub(crate) fn affected_by_closure(bookings: &[StaffBooking], part: Option<Interval>) -> usize {
    bookings
        .iter()
        .filter(|booking| booking.status == BookingStatus::Confirmed)
        .filter(|booking| {
            part.is_none_or(|part| {
                let start = booking.start.minutes();
                let end = start + booking.minutes;
                start < part.to.minutes() && part.from.minutes() < end
            })
        })
        .count()
}

/// A change handler that puts the control's value into the state with `edit`.
pub(crate) fn setter<D: Clone + 'static>(
    state: &UseStateHandle<D>,
    edit: impl Fn(&mut D, String) + 'static,
) -> Callback<Event> {
    // One handler per draft type, not per control: the bundle stays small.
    setter_dyn(state.clone(), Rc::new(edit))
}

/// A button that changes the draft with `edit` (adds or removes a row).
pub(crate) fn on_click<D: Clone + 'static>(
    state: &UseStateHandle<D>,
    edit: impl Fn(&mut D) + 'static,
) -> Callback<MouseEvent> {
    let change = setter_dyn(state.clone(), Rc::new(move |draft: &mut D, _| edit(draft)));
    Callback::from(move |event: MouseEvent| change.emit(event.into()))
}

/// What a control's change does to the draft.
type Edit<D> = Rc<dyn Fn(&mut D, String)>;

fn setter_dyn<D: Clone + 'static>(state: UseStateHandle<D>, edit: Edit<D>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        let mut next = (*state).clone();
        edit(&mut next, browser::event_value(&event));
        state.set(next);
    })
}

/// What a labelled input is.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    Email,
    Tel,
    /// A whole number of at least 0.
    Number,
    /// On the 5-minute grid.
    Time,
    Date,
    TextArea,
}

/// A labelled input with its inline error (ids: `id`, `id-error`) from `errors`, which are
/// keyed by control id.
pub(crate) fn field(
    id: &str,
    label: &str,
    kind: Kind,
    value: &str,
    errors: &InputErrors<String>,
    onchange: Callback<Event>,
    lang: Lang,
) -> Html {
    let error = errors.message(&id.to_owned());
    let described = error.is_some().then(|| format!("{id}-error"));
    let invalid = error.is_some().then_some("true");
    let id = id.to_owned();
    let (input_type, step, inputmode, class) = match kind {
        Kind::Text | Kind::TextArea => ("text", None, None, "input"),
        Kind::Email => ("email", None, None, "input input--long"),
        Kind::Tel => ("tel", None, None, "input input--medium"),
        Kind::Number => ("number", None, Some("numeric"), "input input--width-5"),
        Kind::Time => ("time", Some("300"), None, "input input--short"),
        Kind::Date => ("date", None, None, "input input--short"),
    };
    let control = if kind == Kind::TextArea {
        html! {
            <textarea class="textarea" id={id.clone()} rows="3" value={value.to_owned()}
                aria-describedby={described} aria-invalid={invalid} {onchange} />
        }
    } else {
        html! {
            <input class={class} type={input_type} id={id.clone()} value={value.to_owned()}
                step={step} inputmode={inputmode} min={(kind == Kind::Number).then_some("0")}
                autocomplete="off" aria-describedby={described} aria-invalid={invalid} {onchange} />
        }
    };
    labelled(&id, label, error, control, lang)
}

/// A labelled select of `options` with its inline error, as [`field`].
pub(crate) fn select_field(
    id: &str,
    label: &str,
    options: Html,
    errors: &InputErrors<String>,
    onchange: Callback<Event>,
    lang: Lang,
) -> Html {
    let error = errors.message(&id.to_owned());
    let described = error.is_some().then(|| format!("{id}-error"));
    let invalid = error.is_some().then_some("true");
    let control = html! {
        <select class="select" id={id.to_owned()} aria-describedby={described} aria-invalid={invalid} {onchange}>
            { options }
        </select>
    };
    labelled(id, label, error, control, lang)
}

fn labelled(id: &str, label: &str, error: Option<String>, control: Html, lang: Lang) -> Html {
    html! {
        <div class={classes!("field", error.is_some().then_some("field--error"))}>
            <label class="field-label" for={id.to_owned()}>{ label.to_owned() }</label>
            if let Some(message) = error {
                <p class="field-error" id={format!("{id}-error")}>
                    <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                    { message }
                </p>
            }
            { control }
        </div>
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// How many controls (`input`, `select`, `textarea`) `html` has, after checking that each
    /// has an id found once on the page and exactly one `<label for>`.
    pub(crate) fn labelled_controls(html: &str) -> usize {
        let id_after = |text: &str| {
            text.split(" id=\"")
                .nth(1)
                .and_then(|rest| rest.split('"').next())
                .map(str::to_owned)
        };
        let mut controls = 0;
        for tag in ["<input", "<select", "<textarea"] {
            for part in html.split(tag).skip(1) {
                let id = id_after(part).expect("every control has an id");
                assert_eq!(html.matches(&format!(" id=\"{id}\"")).count(), 1, "{id}");
                assert_eq!(html.matches(&format!("for=\"{id}\"")).count(), 1, "{id}");
                controls += 1;
            }
        }
        controls
    }

    fn time(text: &str) -> TimeOfDay {
        text.parse().expect("time")
    }

    fn row(from: &str, to: &str) -> TimeRow {
        (from.to_owned(), to.to_owned())
    }

    #[test]
    fn times_come_from_time_inputs_with_or_without_seconds() {
        assert_eq!(parse_time(""), Ok(None));
        assert_eq!(parse_time("08:30"), Ok(Some(time("08:30"))));
        assert_eq!(parse_time("08:30:00"), Ok(Some(time("08:30"))));
        assert_eq!(parse_time("08:31"), Err(TimeProblem::Invalid));
        assert_eq!(parse_time("8 Uhr"), Err(TimeProblem::Invalid));
    }

    #[test]
    fn a_week_is_read_monday_first_with_empty_days_closed() {
        let mut week: [Vec<TimeRow>; 7] = Default::default();
        week[0] = vec![row("08:00", "12:00"), row("14:00", "18:00")];
        week[4] = vec![row("", ""), row("09:00", "12:30")];
        let parsed = parse_weekly(&week).expect("valid week");
        assert_eq!(
            parsed[0],
            vec![
                Interval {
                    from: time("08:00"),
                    to: time("12:00")
                },
                Interval {
                    from: time("14:00"),
                    to: time("18:00")
                }
            ]
        );
        assert_eq!(parsed[4].len(), 1);
        assert!(parsed[1].is_empty() && parsed[6].is_empty());
    }

    #[test]
    fn a_week_names_each_wrong_input() {
        let mut week: [Vec<TimeRow>; 7] = Default::default();
        week[0] = vec![row("08:00", "")];
        week[1] = vec![row("12:00", "08:00")];
        week[2] = vec![row("08:00", "13:00"), row("12:00", "16:00")];
        week[3] = vec![row("08:07", "12:00")];
        week[5] = vec![row("", "12:00")];
        assert_eq!(
            parse_weekly(&week),
            Err(vec![
                (0, 0, Side::To, TimeProblem::Missing),
                (1, 0, Side::To, TimeProblem::EndNotAfterStart),
                (2, 1, Side::From, TimeProblem::Overlap),
                (3, 0, Side::From, TimeProblem::Invalid),
                (5, 0, Side::From, TimeProblem::Missing),
            ])
        );
    }

    #[test]
    fn intervals_become_rows_padded_to_two() {
        let rows = time_rows(&[Interval {
            from: time("08:00"),
            to: time("12:00"),
        }]);
        assert_eq!(rows, vec![row("08:00", "12:00"), row("", "")]);
        assert_eq!(
            hours_text(&[
                Interval {
                    from: time("08:00"),
                    to: time("12:00")
                },
                Interval {
                    from: time("14:00"),
                    to: time("18:00")
                }
            ]),
            "08:00–12:00, 14:00–18:00"
        );
    }

    fn booking(start: &str, minutes: u16, status: BookingStatus) -> StaffBooking {
        StaffBooking {
            id: start.to_owned(),
            code: "K7M2QX9D".parse().expect("code"),
            location: "buergerbuero-mitte".parse().expect("slug"),
            date: shared::CalendarDate::from_ymd(2026, 12, 1).expect("date"),
            start: time(start),
            minutes,
            status,
            concerns: Vec::new(),
            name: "Erika Mustermann".to_owned(),
            email: None,
            phone: None,
            by_staff: false,
        }
    }

    #[test]
    fn a_closure_counts_the_booked_appointments_it_overlaps() {
        let day = [
            booking("08:00", 15, BookingStatus::Confirmed),
            booking("08:45", 30, BookingStatus::Confirmed),
            booking("09:00", 15, BookingStatus::CheckedIn),
            booking("10:00", 20, BookingStatus::Confirmed),
            booking("11:00", 10, BookingStatus::Cancelled),
            booking("12:00", 10, BookingStatus::Confirmed),
        ];
        assert_eq!(affected_by_closure(&day, None), 4);
        let part = Interval {
            from: time("09:00"),
            to: time("12:00"),
        };
        // 08:45–09:15 overlaps, 12:00 starts when the closure ends, 08:00–08:15 is before it.
        assert_eq!(affected_by_closure(&day, Some(part)), 2);
    }
}
