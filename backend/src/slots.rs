//! Free appointment slots (issue 7): which start times a location can offer for a booking of
//! a given duration, from its opening hours, exceptions (holidays, closures, special days),
//! the number of desks open to online booking and the bookings it has.
//!
//! A pure function over plain data, so the booking API, the staff day view and the benchmark
//! (`scripts/bench-slots`: one location, 90 days, 5,000 bookings, bar 5 ms) share it. Times are
//! minutes after midnight in the city's time zone; a day is cut into 5-minute units (the grid of
//! `slot_load`, which decides bookings under concurrency with the same rule), and a start is
//! free when every unit the booking covers has a free online desk: fewer online bookings than
//! online desks and fewer bookings in all than desks in all.

use std::collections::HashMap;

use shared::CalendarDate;

/// Opening hours of a location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// Per weekday (Monday first) the open intervals, `[start, end)` in minutes.
    pub weekly: [Vec<(u16, u16)>; 7],
    /// Days that differ from the week: closed (no intervals) or special hours.
    pub exceptions: HashMap<CalendarDate, Vec<(u16, u16)>>,
    /// Desks that serve online bookings at the same time.
    pub desks: u16,
    /// Desks in all (online and staff-only).
    pub total_desks: u16,
    /// Minutes between two possible starts.
    pub step: u16,
}

/// An existing booking: it takes one desk from `start` for `minutes`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Booked {
    pub date: CalendarDate,
    pub start: u16,
    pub minutes: u16,
    /// Booked online (it counts against the online desks too), not by staff.
    pub online: bool,
}

/// A free start time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub date: CalendarDate,
    pub start: u16,
}

const MINUTES_PER_DAY: u16 = 24 * 60;
/// The occupancy grid (`shared::api::booking::GRID_MINUTES`).
const UNIT: u16 = shared::api::booking::GRID_MINUTES;

impl Schedule {
    /// The open intervals of `date`.
    pub fn hours(&self, date: CalendarDate) -> &[(u16, u16)] {
        self.exceptions.get(&date).map_or_else(
            || {
                self.weekly
                    .get(date.weekday())
                    .map_or(&[][..], Vec::as_slice)
            },
            Vec::as_slice,
        )
    }
}

/// The free starts for a booking of `minutes` on the `days` days from `from`, in order.
pub fn free_slots(
    schedule: &Schedule,
    bookings: &[Booked],
    from: CalendarDate,
    days: u32,
    minutes: u16,
) -> Vec<Slot> {
    let step = schedule.step.max(UNIT);
    let units = usize::from(MINUTES_PER_DAY / UNIT);
    let mut by_day: HashMap<CalendarDate, Vec<&Booked>> = HashMap::new();
    for booking in bookings {
        by_day.entry(booking.date).or_default().push(booking);
    }
    let mut free = Vec::new();
    // Per unit: (online bookings, bookings in all).
    let mut occupied = vec![(0u16, 0u16); units];
    for offset in 0..days {
        let date = from.add_days(i64::from(offset));
        let hours = schedule.hours(date);
        if hours.is_empty() || schedule.desks == 0 || minutes == 0 {
            continue;
        }
        occupied.fill((0, 0));
        for booking in by_day.get(&date).into_iter().flatten() {
            let first = usize::from(booking.start / UNIT);
            let end = usize::from((booking.start + booking.minutes).div_ceil(UNIT)).min(units);
            for unit in occupied.iter_mut().take(end).skip(first) {
                unit.1 += 1;
                if booking.online {
                    unit.0 += 1;
                }
            }
        }
        for &(open, close) in hours {
            // Starts on the step grid, the whole booking inside the interval.
            let mut start = open.div_ceil(step) * step;
            while start + minutes <= close {
                let first = usize::from(start / UNIT);
                let end = usize::from((start + minutes).div_ceil(UNIT)).min(units);
                if occupied[first..end].iter().all(|(online, total)| {
                    *online < schedule.desks && *total < schedule.total_desks
                }) {
                    free.push(Slot { date, start });
                }
                start += step;
            }
        }
    }
    free
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(day: u8) -> CalendarDate {
        // 2026-12-07 is a Monday.
        CalendarDate::from_ymd(2026, 12, day).expect("date")
    }

    fn schedule(desks: u16) -> Schedule {
        let morning = vec![(8 * 60, 12 * 60)];
        Schedule {
            weekly: [
                morning.clone(),
                vec![(8 * 60, 12 * 60), (14 * 60, 18 * 60)],
                morning.clone(),
                morning.clone(),
                morning,
                Vec::new(),
                Vec::new(),
            ],
            exceptions: HashMap::new(),
            desks,
            total_desks: desks + 1,
            step: 10,
        }
    }

    #[test]
    fn a_day_offers_every_step_where_the_booking_fits() {
        let slots = free_slots(&schedule(1), &[], date(7), 1, 30);
        // 08:00 … 11:30 in steps of 10 minutes.
        assert_eq!(slots.len(), 22);
        assert_eq!(slots.first().map(|slot| slot.start), Some(8 * 60));
        assert_eq!(slots.last().map(|slot| slot.start), Some(11 * 60 + 30));
        // Tuesday has an afternoon too; the weekend is closed.
        assert_eq!(free_slots(&schedule(1), &[], date(8), 1, 30).len(), 44);
        assert!(free_slots(&schedule(1), &[], date(12), 2, 30).is_empty());
    }

    #[test]
    fn bookings_take_desks_for_their_whole_duration() {
        let booked = Booked {
            date: date(7),
            start: 9 * 60,
            minutes: 20,
            online: true,
        };
        let one_desk = free_slots(&schedule(1), &[booked], date(7), 1, 30);
        let starts: Vec<u16> = one_desk.iter().map(|slot| slot.start).collect();
        // 08:40 would run into 09:00; 09:00 and 09:10 are taken; 09:20 is free again.
        assert!(starts.contains(&(8 * 60 + 30)));
        for taken in [8 * 60 + 40, 8 * 60 + 50, 9 * 60, 9 * 60 + 10] {
            assert!(!starts.contains(&taken), "{taken}");
        }
        assert!(starts.contains(&(9 * 60 + 20)));
        // With two desks the same booking leaves every start free.
        assert_eq!(
            free_slots(&schedule(2), &[booked], date(7), 1, 30).len(),
            22
        );
    }

    #[test]
    fn staff_bookings_use_the_staff_desk_first() {
        let at_nine = |online| Booked {
            date: date(7),
            start: 9 * 60,
            minutes: 30,
            online,
        };
        let starts = |bookings: &[Booked]| -> Vec<u16> {
            free_slots(&schedule(1), bookings, date(7), 1, 30)
                .iter()
                .map(|slot| slot.start)
                .collect()
        };
        // One online desk and one staff-only desk: a staff booking leaves the online desk free.
        assert!(starts(&[at_nine(false)]).contains(&(9 * 60)));
        // An online booking takes the online desk.
        assert!(!starts(&[at_nine(true)]).contains(&(9 * 60)));
        // Two staff bookings fill both desks.
        assert!(!starts(&[at_nine(false), at_nine(false)]).contains(&(9 * 60)));
    }

    #[test]
    fn exceptions_close_days_or_change_their_hours() {
        let mut with_exceptions = schedule(1);
        with_exceptions.exceptions.insert(date(7), Vec::new());
        with_exceptions
            .exceptions
            .insert(date(12), vec![(10 * 60, 11 * 60)]);
        assert!(free_slots(&with_exceptions, &[], date(7), 1, 30).is_empty());
        let saturday = free_slots(&with_exceptions, &[], date(12), 1, 30);
        assert_eq!(saturday.len(), 4, "10:00, 10:10, 10:20, 10:30");
    }
}
