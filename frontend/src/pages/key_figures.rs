//! `/mitarbeiter/kennzahlen`: key figures of the submissions the account may see (its
//! departments; admins all) for a period. Each figure is a chart drawn as SVG with a title and
//! description for screen readers, the same numbers as a table, and a CSV download.

use shared::Lang;
use shared::api::KeyFigures;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::browser;
use crate::i18n::appointments::AppointmentText;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

/// The period form and the figures.
#[component]
pub fn KeyFiguresPage() -> Html {
    let lang = use_lang();
    let period = use_state(|| (String::new(), String::new()));
    let applied = use_state(|| (String::new(), String::new()));
    let load = {
        let (from, to) = (*applied).clone();
        use_staff_load(format!("{from}..{to}"), move |lang| {
            let (from, to) = (from.clone(), to.clone());
            async move { api::key_figures(&from, &to, lang).await }
        })
    };
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::FiguresHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let date_input =
        |id: &str, label: StaffText, value: String, set: fn(&mut (String, String), String)| {
            let period = period.clone();
            let onchange = Callback::from(move |event: Event| {
                if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                    let mut next = (*period).clone();
                    set(&mut next, input.value());
                    period.set(next);
                }
            });
            html! {
                <div class="field">
                    <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                    <input class="input" type="date" id={id.to_owned()} {value} {onchange} />
                </div>
            }
        };
    let onsubmit = {
        let period = period.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            applied.set((*period).clone());
        })
    };
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(figures) => figures_html(figures, lang),
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::FiguresHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <form class="form audit-filter" {onsubmit}>
                { date_input("figures-from", StaffText::AuditFrom, period.0.clone(), |period, value| period.0 = value) }
                { date_input("figures-to", StaffText::AuditTo, period.1.clone(), |period, value| period.1 = value) }
                <button type="submit" class="button">{ StaffText::FiguresShow.text(lang) }</button>
            </form>
            { body }
        </>
    }
}

/// A CSV (`;`, UTF-8 with BOM, as the server's downloads) of `rows` under `header`.
fn csv(header: &[String], rows: &[Vec<String>]) -> Vec<u8> {
    let line = |cells: &[String]| {
        cells
            .iter()
            .map(|cell| format!("\"{}\"", cell.replace('"', "\"\"")))
            .collect::<Vec<_>>()
            .join(";")
    };
    let mut text = String::from("\u{feff}");
    text.push_str(&line(header));
    for row in rows {
        text.push_str("\r\n");
        text.push_str(&line(row));
    }
    text.push_str("\r\n");
    text.into_bytes()
}

/// One figure: heading, chart (if any), table and CSV download.
fn figure(
    id: &str,
    heading: &str,
    chart: Html,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    lang: Lang,
) -> Html {
    let table = html! {
        <div class="table-wrapper" tabindex="0" role="region" aria-label={format!("{heading}: {}", StaffText::FiguresTable.text(lang))}>
            <table class="table">
                <thead><tr>{ for header.iter().map(|cell| html! { <th scope="col">{ cell.clone() }</th> }) }</tr></thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>{ for row.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }</tr>
                    }) }
                </tbody>
            </table>
        </div>
    };
    let file_name = format!("kennzahlen-{id}.csv");
    let download = Callback::from(move |_: MouseEvent| {
        browser::save_file(&csv(&header, &rows), &file_name, "text/csv;charset=utf-8");
    });
    let heading_id = format!("{id}-heading");
    html! {
        <section class="figure" aria-labelledby={heading_id.clone()} data-testid={format!("figure-{id}")}>
            <h2 id={heading_id}>{ heading.to_owned() }</h2>
            { chart }
            { table }
            <button type="button" class="button button--secondary" onclick={download}>
                { format!("{} – {heading}", StaffText::FiguresCsv.text(lang)) }
            </button>
        </section>
    }
}

/// Horizontal bars, one per `(label, value)`, drawn as SVG with a title and a description that
/// states every value (the table below has them too).
fn bar_chart(id: &str, title: &str, bars: &[(String, u64)]) -> Html {
    const ROW: u64 = 28;
    const LABEL: u64 = 160;
    const WIDTH: u64 = 520;
    let max = bars
        .iter()
        .map(|(_, value)| *value)
        .max()
        .unwrap_or(0)
        .max(1);
    let height = ROW * bars.len().max(1) as u64 + 8;
    let description = bars
        .iter()
        .map(|(label, value)| format!("{label}: {value}"))
        .collect::<Vec<_>>()
        .join(", ");
    let (title_id, desc_id) = (format!("{id}-title"), format!("{id}-desc"));
    html! {
        <svg class="chart" role="img" viewBox={format!("0 0 {WIDTH} {height}")}
            aria-labelledby={format!("{title_id} {desc_id}")} preserveAspectRatio="xMinYMin meet">
            <title id={title_id}>{ title.to_owned() }</title>
            <desc id={desc_id}>{ description }</desc>
            { for bars.iter().enumerate().map(|(index, (label, value))| {
                let y = ROW * index as u64 + 4;
                let length = (WIDTH - LABEL - 60) * value / max;
                html! {
                    <g>
                        <text x="0" y={(y + 18).to_string()} class="chart-label">{ label.clone() }</text>
                        <rect x={LABEL.to_string()} y={y.to_string()} width={length.max(1).to_string()} height="20" class="chart-bar" />
                        <text x={(LABEL + length + 6).to_string()} y={(y + 16).to_string()} class="chart-value">{ value.to_string() }</text>
                    </g>
                }
            }) }
        </svg>
    }
}

fn figures_html(figures: &KeyFigures, lang: Lang) -> Html {
    let text = |key: StaffText| key.text(lang);
    // Per month, all forms together, for the chart; the table has every form.
    let mut months: Vec<(String, u64)> = Vec::new();
    for row in &figures.monthly {
        match months.last_mut() {
            Some((month, count)) if *month == row.month => *count += row.count,
            _ => months.push((row.month.clone(), row.count)),
        }
    }
    let days = |hours: f64| format!("{:.1}", hours / 24.0).replace('.', ",");
    let total_services = figures.online.online + figures.online.partly + figures.online.in_person;
    let share = |part: u64| {
        format!(
            "{} %",
            (part * 100).checked_div(total_services).unwrap_or_default()
        )
    };
    html! {
        <>
            <p data-testid="figures-period">{ format!("{} {} – {}", text(StaffText::FiguresPeriod), figures.from, figures.to) }</p>
            { figure(
                "monthly",
                &text(StaffText::FiguresMonthly),
                bar_chart("monthly-chart", &text(StaffText::FiguresMonthly), &months),
                vec![text(StaffText::FiguresMonth), text(StaffText::InboxForm), text(StaffText::FiguresDepartment), text(StaffText::FiguresCount)],
                figures.monthly.iter().map(|row| vec![row.month.clone(), row.form.clone(), row.department.clone().unwrap_or_default(), row.count.to_string()]).collect(),
                lang,
            ) }
            { figure(
                "processing",
                &text(StaffText::FiguresProcessing),
                Html::default(),
                vec![text(StaffText::InboxForm), text(StaffText::FiguresCompleted), text(StaffText::FiguresMedian), text(StaffText::FiguresP90)],
                figures.processing.iter().map(|row| vec![row.form.clone(), row.completed.to_string(), days(row.median_hours), days(row.p90_hours)]).collect(),
                lang,
            ) }
            { figure(
                "statuses",
                &text(StaffText::FiguresStatuses),
                bar_chart("statuses-chart", &text(StaffText::FiguresStatuses), &figures.statuses.iter().map(|count| (count.status.label(lang).to_owned(), count.count)).collect::<Vec<_>>()),
                vec![text(StaffText::InboxStatus), text(StaffText::FiguresCount)],
                figures.statuses.iter().map(|count| vec![count.status.label(lang).to_owned(), count.count.to_string()]).collect(),
                lang,
            ) }
            { figure(
                "online",
                &text(StaffText::FiguresOnline),
                Html::default(),
                vec![text(StaffText::FiguresAvailability), text(StaffText::FiguresServices), text(StaffText::FiguresShare)],
                vec![
                    vec![text(StaffText::FiguresFullyOnline), figures.online.online.to_string(), share(figures.online.online)],
                    vec![text(StaffText::FiguresPartlyOnline), figures.online.partly.to_string(), share(figures.online.partly)],
                    vec![text(StaffText::FiguresInPerson), figures.online.in_person.to_string(), share(figures.online.in_person)],
                ],
                lang,
            ) }
            { figure(
                "appointments",
                &AppointmentText::FiguresHeading.text(lang),
                Html::default(),
                vec![
                    text(StaffText::FiguresMonth),
                    AppointmentText::Location.text(lang),
                    AppointmentText::FiguresBooked.text(lang),
                    AppointmentText::FiguresOnline.text(lang),
                    AppointmentText::FiguresCheckedIn.text(lang),
                    AppointmentText::NoShow.text(lang),
                    AppointmentText::FiguresCancelled.text(lang),
                ],
                figures.appointments.iter().map(|row| vec![
                    row.month.clone(),
                    row.location.clone(),
                    row.booked.to_string(),
                    row.online.to_string(),
                    row.checked_in.to_string(),
                    row.no_show.to_string(),
                    row.cancelled.to_string(),
                ]).collect(),
                lang,
            ) }
        </>
    }
}
