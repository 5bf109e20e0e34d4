//! Staff: a form's submissions (`/mitarbeiter/formulare/:form_id`) and one submission
//! (`/mitarbeiter/antraege/:id`), its answers shown with the labels of the form version it was
//! filled in, and its files. Without a session they send the visitor to the sign-in page.

use shared::api::{StaffSubmission, StaffSubmissionSummary};
use shared::{FormId, Lang};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::editor_home::failure_text;
use crate::route::Route;

#[derive(Debug, Clone, PartialEq)]
enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// Loads with `fetch`; a 401 goes to the sign-in page.
#[hook]
fn use_staff_load<T, F, Fut>(deps: String, fetch: F) -> UseStateHandle<Load<T>>
where
    T: Clone + PartialEq + 'static,
    F: Fn(Lang) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<T, ClientError>> + 'static,
{
    let lang = use_lang();
    let navigator = use_navigator();
    let load = use_state(|| Load::Loading);
    {
        let load = load.clone();
        use_effect_with(deps, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match fetch(lang).await {
                    Ok(value) => load.set(Load::Ready(value)),
                    Err(ClientError::Api(body)) if body.code.status() == 401 => {
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::StaffLogin);
                        }
                    }
                    Err(error) => load.set(Load::Failed(failure_text(error, lang))),
                }
            });
        });
    }
    load
}

#[derive(Properties, PartialEq)]
pub struct StaffSubmissionsPageProps {
    pub form_id: FormId,
}

/// A form's submissions, newest first.
#[component]
pub fn StaffSubmissionsPage(props: &StaffSubmissionsPageProps) -> Html {
    let lang = use_lang();
    let form_id = props.form_id;
    let load = use_staff_load(form_id.to_string(), move |lang| {
        api::list_staff_submissions(form_id, lang)
    });
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::SubmissionsHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(list) if list.is_empty() => {
            html! { <p>{ StaffText::NoSubmissions.text(lang) }</p> }
        }
        Load::Ready(list) => submissions_table(list, lang),
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::SubmissionsHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            { body }
        </>
    }
}

fn submissions_table(list: &[StaffSubmissionSummary], lang: Lang) -> Html {
    html! {
        <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="submissions-caption">
            <table class="table">
                <caption class="table-caption" id="submissions-caption">{ StaffText::SubmissionsCaption.text(lang) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ StaffText::Reference.text(lang) }</th>
                        <th scope="col">{ StaffText::Received.text(lang) }</th>
                        <th scope="col" class="numeric">{ Msg::ColumnVersion.text(lang) }</th>
                    </tr>
                </thead>
                <tbody>
                    { for list.iter().map(|submission| html! {
                        <tr key={submission.id.clone()}>
                            <th scope="row">
                                <Link<Route> to={Route::StaffSubmission { id: submission.id.clone() }}>
                                    { submission.reference.to_string() }
                                </Link<Route>>
                            </th>
                            <td>{ browser::local_date_time(&submission.received_at) }</td>
                            <td class="numeric">{ submission.version }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct StaffSubmissionPageProps {
    pub id: String,
}

/// One submission with its answers and files.
#[component]
pub fn StaffSubmissionPage(props: &StaffSubmissionPageProps) -> Html {
    let lang = use_lang();
    let id = props.id.clone();
    let load = use_staff_load(props.id.clone(), move |lang| {
        let id = id.clone();
        async move { api::get_staff_submission(&id, lang).await }
    });
    let heading = match &*load {
        Load::Ready(submission) => format!(
            "{} {}",
            StaffText::Submission.text(lang),
            submission.reference
        ),
        _ => StaffText::Submission.text(lang),
    };
    use_effect_with((heading.clone(), lang), |(heading, lang)| {
        browser::set_title(&document_title(heading, false, *lang));
    });
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(submission) => submission_html(submission, lang),
    };
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            { body }
        </>
    }
}

fn submission_html(submission: &StaffSubmission, lang: Lang) -> Html {
    html! {
        <>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt class="summary-key">{ Msg::ColumnForm.text(lang) }</dt>
                    <dd class="summary-value">{ format!("{} ({} {})", submission.form_title, Msg::ColumnVersion.text(lang), submission.version) }</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{ StaffText::Received.text(lang) }</dt>
                    <dd class="summary-value">{ browser::local_date_time(&submission.received_at) }</dd>
                </div>
            </dl>
            { for submission.sections.iter().map(|section| html! {
                <>
                    <h2>{ section.heading.clone() }</h2>
                    <dl class="summary-list" data-testid="answers">
                        { for section.rows.iter().map(|row| html! {
                            <div class={classes!("summary-row", row.nested.then_some("summary-row--nested"))}>
                                <dt class="summary-key">{ row.label.clone() }</dt>
                                <dd class="summary-value">{ row.value.clone() }</dd>
                            </div>
                        }) }
                    </dl>
                </>
            }) }
            if !submission.files.is_empty() {
                <h2>{ StaffText::Files.text(lang) }</h2>
                <ul>
                    { for submission.files.iter().map(|file| html! {
                        <li>
                            <a href={api::staff_upload_url(file.id)} download="">{ file.name.clone() }</a>
                            { format!(" ({} KB)", file.size.div_ceil(1024)) }
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}
