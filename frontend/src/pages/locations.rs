//! `/mitarbeiter/standorte` (admins): the appointment locations; `/mitarbeiter/standorte/:slug`
//! (`neu` for a new one): a location's configuration (what citizens see, services, weekly hours,
//! desks and booking rules) and its special days (holidays, closures, special hours).

use shared::api::ErrorCode;
use shared::api::booking::{
    LocationConfig, LocationInfo, LocationService, SpecialDay, SpecialDays,
};
use shared::api::editor::DepartmentOption;
use shared::catalogue::ServiceSummary;
use shared::id::LocationSlug;
use shared::{Lang, LocalizedText};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::simple_input::use_input_errors;
use crate::components::status_notice::status_notice;
use crate::i18n::appointments::{AppointmentText as T, interval_label};
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::appointment_forms::{
    Kind, Side, TimeRow, field, hours_text, on_click, parse_day, parse_weekly, select_field,
    setter, time_rows,
};
use crate::pages::editor_home::failure_text;
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

/// The list of locations with links to their editors.
#[component]
pub fn LocationsPage() -> Html {
    let lang = use_lang();
    let load = use_staff_load(String::new(), api::list_locations);
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &T::LocationsHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(list) if list.is_empty() => html! { <p>{ T::NoLocationsYet.text(lang) }</p> },
        Load::Ready(list) => html! {
            <ul data-testid="locations">
                { for list.iter().map(|config| html! {
                    <li key={config.info.slug.to_string()}>
                        <Link<Route> to={Route::LocationEditor { slug: config.info.slug.to_string() }}>
                            { config.info.name.get(lang).to_owned() }
                        </Link<Route>>
                        { format!(" – {}, {}", config.info.street, config.info.city) }
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ T::LocationsHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <p>
                <Link<Route> to={Route::LocationEditor { slug: NEW.to_owned() }} classes="button">
                    { T::NewLocation.text(lang) }
                </Link<Route>>
            </p>
            { body }
        </>
    }
}

/// The path segment of a new location.
pub const NEW: &str = "neu";

#[derive(Properties, PartialEq)]
pub struct LocationEditorPageProps {
    /// `None`: a new location.
    pub slug: Option<LocationSlug>,
}

/// The configuration form and, for a saved location, its special days.
#[component]
pub fn LocationEditorPage(props: &LocationEditorPageProps) -> Html {
    let lang = use_lang();
    let slug = props.slug.clone();
    // Everything the page needs, in one go: the form shows once its choices are there.
    let load = use_staff_load(
        slug.as_ref().map(ToString::to_string).unwrap_or_default(),
        move |lang| {
            let slug = slug.clone();
            async move {
                let (config, days) = match &slug {
                    Some(slug) => (
                        Some(api::get_location(slug, lang).await?),
                        Some(api::get_special_days(slug, lang).await?.days),
                    ),
                    None => (None, None),
                };
                Ok(Editing {
                    config,
                    days,
                    departments: api::list_departments(lang).await.unwrap_or_default(),
                    services: api::list_services("", None, lang).await.unwrap_or_default(),
                })
            }
        },
    );
    let heading = match (&props.slug, &*load) {
        (None, _) => T::NewLocation.text(lang),
        (
            Some(_),
            Load::Ready(Editing {
                config: Some(config),
                ..
            }),
        ) => {
            format!("{}: {}", T::Location.text(lang), config.info.name.get(lang))
        }
        (Some(slug), _) => format!("{}: {slug}", T::Location.text(lang)),
    };
    {
        let heading = heading.clone();
        use_effect_with((heading, lang), |(heading, lang)| {
            browser::set_title(&document_title(heading, false, *lang));
        });
    }
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(editing) => html! {
            <>
                <LocationForm initial={editing.config.clone()} departments={editing.departments.clone()} services={editing.services.clone()} />
                if let (Some(slug), Some(days)) = (&props.slug, &editing.days) {
                    <section aria-labelledby="special-days-heading">
                        <h2 id="special-days-heading">{ T::SpecialDaysHeading.text(lang) }</h2>
                        <p class="field-hint">{ T::SpecialDaysHint.text(lang) }</p>
                        <SpecialDaysForm slug={slug.clone()} initial={days.clone()} />
                    </section>
                }
            </>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            <p><Link<Route> to={Route::Locations}>{ T::BackToLocations.text(lang) }</Link<Route>></p>
            { body }
        </>
    }
}

/// What the editor page loads.
#[derive(Debug, Clone, PartialEq)]
struct Editing {
    /// `None`: a new location.
    config: Option<LocationConfig>,
    /// The special days of a saved location.
    days: Option<Vec<SpecialDay>>,
    departments: Vec<DepartmentOption>,
    services: Vec<ServiceSummary>,
}

/// The number inputs of a location, in form order: control id and label.
const NUMBERS: [(&str, T); 7] = [
    ("location-desks-online", T::DesksOnline),
    ("location-desks-staff", T::DesksStaff),
    ("location-step", T::StepMinutes),
    ("location-notice", T::MinNoticeHours),
    ("location-days-ahead", T::MaxDaysAhead),
    ("location-cutoff", T::CutoffHours),
    ("location-reminder", T::ReminderHours),
];

/// A service row as typed: slug, minutes, most items.
type ServiceRow = (String, String, String);

/// The configuration form as typed.
#[derive(Debug, Clone, PartialEq)]
struct LocationDraft {
    slug: String,
    /// Name, accessibility, directions: German and English each.
    texts: [(String, String); 3],
    /// Leichte Sprache of the same texts, kept as loaded (this form does not edit it).
    easy: [Option<String>; 3],
    street: String,
    city: String,
    department: String,
    services: Vec<ServiceRow>,
    weekly: [Vec<TimeRow>; 7],
    /// In the order of [`NUMBERS`].
    numbers: [String; 7],
}

impl LocationDraft {
    fn new() -> Self {
        Self {
            slug: String::new(),
            texts: Default::default(),
            easy: Default::default(),
            street: String::new(),
            city: String::new(),
            department: String::new(),
            services: vec![(String::new(), "15".to_owned(), "1".to_owned())],
            weekly: std::array::from_fn(|_| time_rows(&[])),
            numbers: ["1", "0", "15", "2", "60", "24", "24"].map(str::to_owned),
        }
    }

    fn from_config(config: &LocationConfig) -> Self {
        let info = &config.info;
        let text = |text: &LocalizedText| (text.de.clone(), text.en.clone().unwrap_or_default());
        Self {
            slug: info.slug.to_string(),
            texts: [&info.name, &info.accessibility, &info.directions].map(text),
            easy: [&info.name, &info.accessibility, &info.directions].map(|text| text.ls.clone()),
            street: info.street.clone(),
            city: info.city.clone(),
            department: config.department.clone(),
            services: config
                .services
                .iter()
                .map(|service| {
                    (
                        service.service.to_string(),
                        service.minutes.to_string(),
                        service.max_count.to_string(),
                    )
                })
                .collect(),
            weekly: config.weekly.each_ref().map(|day| time_rows(day)),
            numbers: [
                config.desks_online,
                config.desks_staff,
                config.step_minutes,
                config.min_notice_hours,
                config.max_days_ahead,
                config.cutoff_hours,
                config.reminder_hours,
            ]
            .map(|number| number.to_string()),
        }
    }

    /// The configuration, or the problems by control id in form order.
    fn to_config(&self, lang: Lang) -> Result<LocationConfig, Vec<(String, String)>> {
        let mut problems: Vec<(String, String)> = Vec::new();
        let mut problem = |id: &str, text: T| problems.push((id.to_owned(), text.text(lang)));
        let slug = self.slug.trim().parse::<LocationSlug>();
        if slug.is_err() {
            problem("location-slug", T::SlugInvalid);
        }
        if self.texts[0].0.trim().is_empty() {
            problem("location-name-de", T::EnterLocationName);
        }
        if self.street.trim().is_empty() {
            problem("location-street", T::EnterStreet);
        }
        if self.city.trim().is_empty() {
            problem("location-city", T::EnterCity);
        }
        if self.department.is_empty() {
            problem("location-department", T::ChooseDepartment);
        }
        let mut services = Vec::new();
        for (row, (service, minutes, max_count)) in self.services.iter().enumerate() {
            let service = service.parse();
            let minutes = minutes.trim().parse::<u16>().ok();
            let max_count = max_count.trim().parse::<u8>().ok();
            if service.is_err() {
                problem(&format!("service-{row}"), T::ChooseService);
            }
            if !minutes.is_some_and(|m| (5..=240).contains(&m) && m % 5 == 0) {
                problem(&format!("service-{row}-minutes"), T::MinutesRange);
            }
            if !max_count.is_some_and(|n| (1..=10).contains(&n)) {
                problem(&format!("service-{row}-max"), T::MaxCountRange);
            }
            if let (Ok(service), Some(minutes), Some(max_count)) = (service, minutes, max_count) {
                services.push(LocationService {
                    service,
                    minutes,
                    max_count,
                });
            }
        }
        let weekly = parse_weekly(&self.weekly).map_err(|found| {
            for (day, row, side, time) in found {
                problems.push((weekly_id(day, row, side), time.text(lang)));
            }
        });
        let mut numbers = [0_u16; 7];
        for (at, (id, _)) in NUMBERS.iter().enumerate() {
            match self.numbers[at].trim().parse::<u16>() {
                Ok(number) => numbers[at] = number,
                Err(_) => problems.push(((*id).to_owned(), T::EnterNumber.text(lang))),
            }
        }
        let (Ok(slug), Ok(weekly), true) = (slug, weekly, problems.is_empty()) else {
            return Err(problems);
        };
        let [name, accessibility, directions] = std::array::from_fn(|at| {
            let (de, en) = &self.texts[at];
            LocalizedText {
                de: de.trim().to_owned(),
                en: Some(en.trim().to_owned()).filter(|en| !en.is_empty()),
                ls: self.easy[at].clone(),
            }
        });
        let [
            desks_online,
            desks_staff,
            step_minutes,
            min_notice_hours,
            max_days_ahead,
            cutoff_hours,
            reminder_hours,
        ] = numbers;
        Ok(LocationConfig {
            info: LocationInfo {
                slug,
                name,
                street: self.street.trim().to_owned(),
                city: self.city.trim().to_owned(),
                accessibility,
                directions,
            },
            department: self.department.clone(),
            services,
            weekly,
            desks_online,
            desks_staff,
            step_minutes,
            min_notice_hours,
            max_days_ahead,
            cutoff_hours,
            reminder_hours,
        })
    }
}

fn weekly_id(day: usize, row: usize, side: Side) -> String {
    format!("weekly-{day}-{row}-{}", side.suffix())
}

#[derive(Properties, PartialEq)]
struct LocationFormProps {
    /// `None`: a new location.
    initial: Option<LocationConfig>,
    departments: Vec<DepartmentOption>,
    services: Vec<ServiceSummary>,
}

#[component]
fn LocationForm(props: &LocationFormProps) -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let draft = use_state(|| {
        props
            .initial
            .as_ref()
            .map_or_else(LocationDraft::new, LocationDraft::from_config)
    });
    let errors = use_input_errors::<String>();
    let notice = use_state(|| None::<Result<String, String>>);
    let is_new = props.initial.is_none();
    let onsubmit = {
        let (draft, errors, notice) = (draft.clone(), errors.clone(), notice.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let config = match draft.to_config(lang) {
                Ok(config) => config,
                Err(problems) => return errors.fail(problems),
            };
            errors.clear();
            let (errors, notice, navigator) = (errors.clone(), notice.clone(), navigator.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::save_location(&config, lang).await {
                    Ok(()) if is_new => {
                        notice.set(Some(Ok(T::LocationSaved.text(lang))));
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::LocationEditor {
                                slug: config.info.slug.to_string(),
                            });
                        }
                    }
                    Ok(()) => notice.set(Some(Ok(T::LocationSaved.text(lang)))),
                    Err(ClientError::Api(body)) if body.code == ErrorCode::InvalidLocation => {
                        let first = if is_new {
                            "location-slug"
                        } else {
                            "location-name-de"
                        };
                        errors.fail(vec![(first.to_owned(), body.message)]);
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let text_field =
        |id: &str, label: T, kind: Kind, value: &str, edit: fn(&mut LocationDraft, String)| {
            field(
                id,
                &label.text(lang),
                kind,
                value,
                &errors,
                setter(&draft, edit),
                lang,
            )
        };
    let localized = |at: usize, ids: [&str; 2], labels: [T; 2], kind: Kind| {
        html! {
            <>
                { field(ids[0], &labels[0].text(lang), kind, &draft.texts[at].0, &errors,
                    setter(&draft, move |draft, value| draft.texts[at].0 = value), lang) }
                { field(ids[1], &labels[1].text(lang), kind, &draft.texts[at].1, &errors,
                    setter(&draft, move |draft, value| draft.texts[at].1 = value), lang) }
            </>
        }
    };
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <ErrorSummary items={errors.summary(String::clone)} {lang} />
            <h2>{ T::WhatCitizensSee.text(lang) }</h2>
            if is_new {
                <div class="field-hint" id="location-slug-hint">{ T::SlugHint.text(lang) }</div>
                { text_field("location-slug", T::Slug, Kind::Text, &draft.slug, |draft, value| draft.slug = value) }
            }
            { localized(0, ["location-name-de", "location-name-en"], [T::NameDe, T::NameEn], Kind::Text) }
            { text_field("location-street", T::Street, Kind::Text, &draft.street, |draft, value| draft.street = value) }
            { text_field("location-city", T::City, Kind::Text, &draft.city, |draft, value| draft.city = value) }
            { select_field("location-department", &StaffText::UserDepartment.text(lang), html! {
                <>
                    <option value="" selected={draft.department.is_empty()}>{ StaffText::NoDepartmentChosen.text(lang) }</option>
                    { for props.departments.iter().map(|department| html! {
                        <option value={department.key.clone()} selected={draft.department == department.key}>{ department.name.clone() }</option>
                    }) }
                </>
            }, &errors, setter(&draft, |draft, value| draft.department = value), lang) }
            { localized(1, ["location-access-de", "location-access-en"], [T::AccessibilityDe, T::AccessibilityEn], Kind::TextArea) }
            { localized(2, ["location-directions-de", "location-directions-en"], [T::DirectionsDe, T::DirectionsEn], Kind::TextArea) }
            <h2>{ T::ServicesHeading.text(lang) }</h2>
            { services_rows(&draft, &props.services, &errors, lang) }
            <h2>{ T::WeeklyHeading.text(lang) }</h2>
            <p class="field-hint">{ T::WeeklyHint.text(lang) }</p>
            { for (0..7).map(|day| {
                let day_name = T::Weekday(day).text(lang);
                html! {
                    <fieldset class="group-item" key={day}>
                        <legend class="group-item-legend">{ day_name.clone() }</legend>
                        { for draft.weekly[day].iter().enumerate().map(|(row, (from, to))| html! {
                            <div class="search-row">
                                { field(&weekly_id(day, row, Side::From), &interval_label(&day_name, row + 1, false, lang), Kind::Time, from, &errors,
                                    setter(&draft, move |draft, value| draft.weekly[day][row].0 = value), lang) }
                                { field(&weekly_id(day, row, Side::To), &interval_label(&day_name, row + 1, true, lang), Kind::Time, to, &errors,
                                    setter(&draft, move |draft, value| draft.weekly[day][row].1 = value), lang) }
                            </div>
                        }) }
                    </fieldset>
                }
            }) }
            <h2>{ T::RulesHeading.text(lang) }</h2>
            { for NUMBERS.iter().enumerate().map(|(at, (id, label))| {
                field(id, &label.text(lang), Kind::Number, &draft.numbers[at], &errors,
                    setter(&draft, move |draft, value| draft.numbers[at] = value), lang)
            }) }
            <button type="submit" class="button">{ T::SaveLocation.text(lang) }</button>
            { status_notice(&notice) }
        </form>
    }
}

fn services_rows(
    draft: &UseStateHandle<LocationDraft>,
    catalogue: &[ServiceSummary],
    errors: &crate::components::simple_input::InputErrors<String>,
    lang: Lang,
) -> Html {
    let add = on_click(draft, |draft| {
        draft
            .services
            .push((String::new(), "15".to_owned(), "1".to_owned()));
    });
    html! {
        <>
            { for draft.services.iter().enumerate().map(|(row, (service, minutes, max_count))| {
                let number = row + 1;
                let id = format!("service-{row}");
                let remove = on_click(draft, move |draft| {
                    draft.services.remove(row);
                });
                // A service of the configuration that the catalogue no longer lists stays
                // choosable, so saving does not drop it unseen.
                let known = service.is_empty() || catalogue.iter().any(|s| s.slug.as_str() == service);
                html! {
                    <fieldset class="group-item" key={row}>
                        <legend class="group-item-legend">{ format!("{} {number}", T::Service.text(lang)) }</legend>
                        { select_field(&id, &format!("{} {number}", T::Service.text(lang)), html! {
                            <>
                                <option value="" selected={service.is_empty()}>{ T::ChooseService.text(lang) }</option>
                                if !known {
                                    <option value={service.clone()} selected=true>{ service.clone() }</option>
                                }
                                { for catalogue.iter().map(|entry| html! {
                                    <option value={entry.slug.to_string()} selected={entry.slug.as_str() == service}>
                                        { entry.name.get(lang).to_owned() }
                                    </option>
                                }) }
                            </>
                        }, errors, setter(draft, move |draft, value| draft.services[row].0 = value), lang) }
                        { field(&format!("{id}-minutes"), &format!("{} ({} {number})", T::MinutesPerItem.text(lang), T::Service.text(lang)),
                            Kind::Number, minutes, errors, setter(draft, move |draft, value| draft.services[row].1 = value), lang) }
                        { field(&format!("{id}-max"), &format!("{} ({} {number})", T::MaxCount.text(lang), T::Service.text(lang)),
                            Kind::Number, max_count, errors, setter(draft, move |draft, value| draft.services[row].2 = value), lang) }
                        <button type="button" class="button button--secondary" onclick={remove}>
                            { format!("{} {number} {}", T::Service.text(lang), T::Remove.text(lang)) }
                        </button>
                    </fieldset>
                }
            }) }
            <button type="button" class="button button--secondary" onclick={add}>{ T::AddService.text(lang) }</button>
        </>
    }
}

/// A special day as typed: date, rows of hours, note.
#[derive(Debug, Clone, PartialEq)]
struct SpecialRow {
    date: String,
    hours: Vec<TimeRow>,
    note: String,
}

impl SpecialRow {
    fn new() -> Self {
        Self {
            date: String::new(),
            hours: time_rows(&[]),
            note: String::new(),
        }
    }
}

fn special_id(row: usize, part: &str) -> String {
    format!("special-{row}-{part}")
}

/// The special days, or the problems by control id.
fn special_days(rows: &[SpecialRow], lang: Lang) -> Result<SpecialDays, Vec<(String, String)>> {
    let mut problems = Vec::new();
    let mut days = Vec::new();
    for (row, special) in rows.iter().enumerate() {
        let date = special.date.parse();
        if date.is_err() {
            problems.push((special_id(row, "date"), T::EnterDate.text(lang)));
        }
        let hours = parse_day(&special.hours).map_err(|(at, side, problem)| {
            problems.push((
                special_id(row, &format!("{at}-{}", side.suffix())),
                problem.text(lang),
            ));
        });
        if let (Ok(date), Ok(hours)) = (date, hours) {
            days.push(SpecialDay {
                date,
                hours,
                note: special.note.trim().to_owned(),
            });
        }
    }
    if problems.is_empty() {
        Ok(SpecialDays { days })
    } else {
        Err(problems)
    }
}

#[derive(Properties, PartialEq)]
struct SpecialDaysFormProps {
    slug: LocationSlug,
    initial: Vec<SpecialDay>,
}

#[component]
fn SpecialDaysForm(props: &SpecialDaysFormProps) -> Html {
    let lang = use_lang();
    let rows = use_state(|| {
        props
            .initial
            .iter()
            .map(|day| SpecialRow {
                date: day.date.to_string(),
                hours: time_rows(&day.hours),
                note: day.note.clone(),
            })
            .collect::<Vec<_>>()
    });
    let errors = use_input_errors::<String>();
    let notice = use_state(|| None::<Result<String, String>>);
    let onsubmit = {
        let (rows, errors, notice, slug) = (
            rows.clone(),
            errors.clone(),
            notice.clone(),
            props.slug.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let days = match special_days(&rows, lang) {
                Ok(days) => days,
                Err(problems) => return errors.fail(problems),
            };
            errors.clear();
            let (notice, slug) = (notice.clone(), slug.clone());
            wasm_bindgen_futures::spawn_local(async move {
                notice.set(Some(
                    match api::save_special_days(&slug, &days, lang).await {
                        Ok(()) => Ok(T::SpecialDaysSaved.text(lang)),
                        Err(error) => Err(failure_text(error, lang)),
                    },
                ));
            });
        })
    };
    let add = on_click(&rows, |rows| rows.push(SpecialRow::new()));
    html! {
        <form class="form" {onsubmit} novalidate=true>
            <ErrorSummary items={errors.summary(String::clone)} {lang} />
            if rows.is_empty() {
                <p>{ T::NoSpecialDays.text(lang) }</p>
            }
            { for rows.iter().enumerate().map(|(row, special)| {
                let number = row + 1;
                let name = format!("{} {number}", T::SpecialDay.text(lang));
                let remove = on_click(&rows, move |rows| {
                    rows.remove(row);
                });
                let summary = match special.date.parse::<shared::CalendarDate>() {
                    Ok(date) => {
                        let hours = parse_day(&special.hours).unwrap_or_default();
                        let hours = if hours.is_empty() { T::Closed.text(lang) } else { hours_text(&hours) };
                        format!("{name}: {}, {hours}", date.to_german())
                    }
                    Err(_) => name.clone(),
                };
                html! {
                    <fieldset class="group-item" key={row}>
                        <legend class="group-item-legend">{ summary }</legend>
                        { field(&special_id(row, "date"), &format!("{name}: {}", T::Date.text(lang)), Kind::Date, &special.date, &errors,
                            setter(&rows, move |rows: &mut Vec<SpecialRow>, value| rows[row].date = value), lang) }
                        { for special.hours.iter().enumerate().map(|(at, (from, to))| html! {
                            <div class="search-row">
                                { field(&special_id(row, &format!("{at}-from")), &interval_label(&name, at + 1, false, lang),
                                    Kind::Time, from, &errors, setter(&rows, move |rows: &mut Vec<SpecialRow>, value| rows[row].hours[at].0 = value), lang) }
                                { field(&special_id(row, &format!("{at}-to")), &interval_label(&name, at + 1, true, lang),
                                    Kind::Time, to, &errors, setter(&rows, move |rows: &mut Vec<SpecialRow>, value| rows[row].hours[at].1 = value), lang) }
                            </div>
                        }) }
                        { field(&special_id(row, "note"), &format!("{name}: {}", T::Note.text(lang)), Kind::Text, &special.note, &errors,
                            setter(&rows, move |rows: &mut Vec<SpecialRow>, value| rows[row].note = value), lang) }
                        <button type="button" class="button button--secondary" onclick={remove}>
                            { format!("{name} {}", T::Remove.text(lang)) }
                        </button>
                    </fieldset>
                }
            }) }
            <div class="button-group">
                <button type="button" class="button button--secondary" onclick={add}>{ T::AddSpecialDay.text(lang) }</button>
                <button type="submit" class="button">{ T::SaveSpecialDays.text(lang) }</button>
            </div>
            { status_notice(&notice) }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use shared::api::booking::Interval;

    use super::*;
    use crate::pages::appointment_forms::INTERVALS_PER_DAY;

    fn config() -> LocationConfig {
        let time = |text: &str| text.parse().expect("time");
        let morning = Interval {
            from: time("08:00"),
            to: time("12:00"),
        };
        LocationConfig {
            info: LocationInfo {
                slug: "buergerbuero-mitte".parse().expect("slug"),
                name: LocalizedText::new("Bürgerbüro Mitte", "Citizens' office centre"),
                street: "Marktplatz 1".to_owned(),
                city: "12345 Musterstadt".to_owned(),
                accessibility: LocalizedText::de("Stufenlos"),
                directions: LocalizedText::new("Bus 5", "Bus 5"),
            },
            department: "buergeramt".to_owned(),
            services: vec![LocationService {
                service: "personalausweis-beantragen".parse().expect("slug"),
                minutes: 20,
                max_count: 5,
            }],
            weekly: [
                vec![morning],
                vec![],
                vec![morning],
                vec![],
                vec![],
                vec![],
                vec![],
            ],
            desks_online: 3,
            desks_staff: 1,
            step_minutes: 10,
            min_notice_hours: 2,
            max_days_ahead: 90,
            cutoff_hours: 24,
            reminder_hours: 0,
        }
    }

    #[test]
    fn a_configuration_survives_the_form() {
        let config = config();
        let draft = LocationDraft::from_config(&config);
        assert_eq!(draft.weekly[0].len(), INTERVALS_PER_DAY);
        assert_eq!(draft.to_config(Lang::De), Ok(config));
    }

    #[test]
    fn the_form_names_each_wrong_input() {
        let mut draft = LocationDraft::from_config(&config());
        draft.slug = "Mitte!".to_owned();
        draft.services[0].1 = "7".to_owned();
        draft.weekly[2][0].1 = String::new();
        draft.numbers[1] = "-1".to_owned();
        let ids: Vec<String> = draft
            .to_config(Lang::En)
            .expect_err("problems")
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(
            ids,
            [
                "location-slug",
                "service-0-minutes",
                "weekly-2-0-to",
                "location-desks-staff"
            ]
        );
    }

    #[test]
    fn special_days_need_a_date_and_sound_hours() {
        let rows = [
            SpecialRow {
                date: "2026-12-24".to_owned(),
                hours: time_rows(&[]),
                note: " Heiligabend ".to_owned(),
            },
            SpecialRow {
                date: String::new(),
                hours: vec![("09:00".to_owned(), "08:00".to_owned())],
                note: String::new(),
            },
        ];
        assert_eq!(
            special_days(&rows, Lang::De).expect_err("problems")[1].0,
            "special-1-0-to"
        );
        let days = special_days(&rows[..1], Lang::De).expect("valid");
        assert_eq!(days.days[0].note, "Heiligabend");
        assert!(days.days[0].hours.is_empty());
    }

    /// Every control's id once, and one label for each: weekday inputs, service rows and
    /// numbers included.
    #[tokio::test]
    async fn every_control_of_the_form_has_its_own_label() {
        let html = yew::LocalServerRenderer::<LocationForm>::with_props(LocationFormProps {
            initial: Some(config()),
            departments: Vec::new(),
            services: Vec::new(),
        })
        .render()
        .await;
        let controls = crate::pages::appointment_forms::tests::labelled_controls(&html);
        // 2 names, street, city, department, 4 texts, 3 per service, 7 × 2 × 2 times, 7 numbers.
        assert_eq!(controls, 2 + 2 + 1 + 4 + 3 + 28 + 7);
        assert!(html.contains("Sonntag, 2. Zeitraum bis"));
    }
}
