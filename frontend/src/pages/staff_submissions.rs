//! Staff: a form's submissions (`/mitarbeiter/formulare/:form_id`) and one submission
//! (`/mitarbeiter/antraege/:id`), its answers shown with the labels of the form version it was
//! filled in, and its files. Without a session they send the visitor to the sign-in page.

use shared::api::{ChangeStatus, ProcessingStatus, StaffSubmission, StaffSubmissionSummary};
use shared::{FormId, Lang};
use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::status_notice::status_notice;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::editor_home::failure_text;
use crate::route::Route;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Load<T> {
    Loading,
    Ready(T),
    Failed(String),
}

/// Loads with `fetch` whenever `deps` change; a 401 goes to the sign-in page.
#[hook]
pub(crate) fn use_staff_load<T, F, Fut>(deps: String, fetch: F) -> UseStateHandle<Load<T>>
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
    // Bumped after a status change, to load the submission again.
    let generation = use_state(|| 0u32);
    let load = use_staff_load(format!("{}#{}", props.id, *generation), move |lang| {
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
        Load::Ready(submission) => html! {
            <>
                { submission_html(&props.id, submission, lang) }
                <Assignment id={props.id.clone()} current={submission.assignee.as_ref().map(|assignee| assignee.id.clone())} />
                <StatusChange id={props.id.clone()} on_changed={{
                    let generation = generation.clone();
                    Callback::from(move |()| generation.set(*generation + 1))
                }} />
                <Notes id={props.id.clone()} notes={submission.notes.clone()}
                    on_added={Callback::from(move |()| generation.set(*generation + 1))} />
            </>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            { body }
        </>
    }
}

fn submission_html(id: &str, submission: &StaffSubmission, lang: Lang) -> Html {
    html! {
        <>
            <ul class="download-links">
                { for api::staff_submission_downloads(id).into_iter().map(|(format, url)| html! {
                    <li><a href={url} download="">{ format!("{format} {}", Msg::Download.text(lang)) }</a></li>
                }) }
            </ul>
            <p class="panel panel--secondary">
                <span>{ format!("{}: ", Msg::CurrentStatus.text(lang)) }</span>
                <strong data-testid="staff-status">{ submission.status.label(lang) }</strong>
            </p>
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
            <h2>{ Msg::StatusHistory.text(lang) }</h2>
            <ol class="status-history">
                { for submission.events.iter().map(|event| html! {
                    <li>
                        <strong>{ event.status.label(lang) }</strong>
                        { format!(" – {}", browser::local_date_time(&event.at)) }
                        if let Some(message) = &event.message {
                            <p>{ message.clone() }</p>
                        }
                    </li>
                }) }
            </ol>
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

#[derive(Properties, PartialEq)]
struct AssignmentProps {
    id: String,
    /// The account id of the person working on it.
    current: Option<String>,
}

/// Who works on the submission: a colleague of its department, or nobody; saved at once.
#[component]
fn Assignment(props: &AssignmentProps) -> Html {
    let lang = use_lang();
    let colleagues = use_state(Vec::<shared::api::Colleague>::new);
    let chosen = use_state(|| props.current.clone().unwrap_or_default());
    let notice = use_state(|| None::<Result<String, String>>);
    {
        let colleagues = colleagues.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = api::colleagues(lang).await {
                    colleagues.set(found);
                }
            });
        });
    }
    let onchange = {
        let (id, chosen, notice) = (props.id.clone(), chosen.clone(), notice.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<web_sys::HtmlSelectElement>() else {
                return;
            };
            let value = select.value();
            let (id, chosen, notice) = (id.clone(), chosen.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let assignee = (!value.is_empty()).then(|| value.clone());
                match api::assign(&id, assignee, lang).await {
                    Ok(()) => {
                        chosen.set(value);
                        notice.set(Some(Ok(StaffText::Assigned.text(lang))));
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    html! {
        <div class="field staff-assignment">
            <label class="field-label" for="assignee">{ StaffText::Assignee.text(lang) }</label>
            <select class="select" id="assignee" {onchange}>
                <option value="" selected={chosen.is_empty()}>{ StaffText::Nobody.text(lang) }</option>
                { for colleagues.iter().map(|colleague| html! {
                    <option value={colleague.id.clone()} selected={*chosen == colleague.id}>{ colleague.name.clone() }</option>
                }) }
            </select>
            { status_notice(&notice) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct StatusChangeProps {
    id: String,
    on_changed: Callback<()>,
}

/// Sets a new status with a message to the citizen (status page and e-mail).
#[component]
fn StatusChange(props: &StatusChangeProps) -> Html {
    let lang = use_lang();
    let status = use_state(|| ProcessingStatus::InProgress);
    let message = use_state(String::new);
    let outcome = use_state(|| None::<Result<(), String>>);
    let onsubmit = {
        let (status, message, outcome) = (status.clone(), message.clone(), outcome.clone());
        let (id, on_changed) = (props.id.clone(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let command = ChangeStatus {
                status: *status,
                message: Some((*message).clone()).filter(|text| !text.trim().is_empty()),
            };
            let (id, message, outcome, on_changed) = (
                id.clone(),
                message.clone(),
                outcome.clone(),
                on_changed.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::change_status(&id, &command, lang).await {
                    Ok(()) => {
                        message.set(String::new());
                        outcome.set(Some(Ok(())));
                        on_changed.emit(());
                    }
                    Err(error) => outcome.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let on_message = {
        let message = message.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                message.set(area.value());
            }
        })
    };
    html! {
        <form class="form" novalidate=true {onsubmit}>
            <h2>{ StaffText::ChangeStatus.text(lang) }</h2>
            if let Some(Err(text)) = &*outcome {
                <div class="alert" role="alert">{ text.clone() }</div>
            }
            if let Some(Ok(())) = &*outcome {
                <p class="notice" role="status">{ StaffText::StatusChanged.text(lang) }</p>
            }
            <fieldset class="fieldset">
                <legend class="fieldset-legend">{ StaffText::NewStatus.text(lang) }</legend>
                { for ProcessingStatus::ALL.into_iter().filter(|choice| *choice != ProcessingStatus::Received).map(|choice| {
                    let id = format!("status-{}", choice.name());
                    let onchange = {
                        let status = status.clone();
                        Callback::from(move |_: Event| status.set(choice))
                    };
                    html! {
                        <div class="checkbox">
                            <input class="checkbox-input" type="radio" name="status" id={id.clone()}
                                checked={*status == choice} {onchange} />
                            <label class="checkbox-label" for={id}>{ choice.label(lang) }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <div class="field">
                <label class="field-label" for="status-message">{ StaffText::MessageToCitizen.text(lang) }</label>
                <p class="field-hint" id="status-message-hint">{ StaffText::MessageHint.text(lang) }</p>
                <textarea class="textarea" id="status-message" rows="5" maxlength="2000"
                    aria-describedby="status-message-hint" value={(*message).clone()} oninput={on_message} />
            </div>
            <button type="submit" class="button">{ StaffText::SetStatus.text(lang) }</button>
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct NotesProps {
    id: String,
    notes: Vec<shared::api::StaffNote>,
    on_added: Callback<()>,
}

/// Internal notes: listed oldest first, and a new one (never shown to the citizen).
#[component]
fn Notes(props: &NotesProps) -> Html {
    let lang = use_lang();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (text, error) = (text.clone(), error.clone());
        let (id, on_added) = (props.id.clone(), props.on_added.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let command = shared::api::AddNote {
                text: (*text).clone(),
            };
            let (id, text, error, on_added) =
                (id.clone(), text.clone(), error.clone(), on_added.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::add_note(&id, &command, lang).await {
                    Ok(()) => {
                        text.set(String::new());
                        error.set(None);
                        on_added.emit(());
                    }
                    Err(failure) => error.set(Some(failure_text(failure, lang))),
                }
            });
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event
                .target()
                .and_then(|target| target.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                text.set(area.value());
            }
        })
    };
    html! {
        <section class="staff-notes" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{ StaffText::Notes.text(lang) }</h2>
            if props.notes.is_empty() {
                <p>{ StaffText::NoNotes.text(lang) }</p>
            } else {
                <ul class="staff-note-list" data-testid="notes">
                    { for props.notes.iter().map(|note| html! {
                        <li>
                            <p>{ note.text.clone() }</p>
                            <p class="field-hint">{ format!("{}{}", note.author.clone().map(|author| format!("{author}, ")).unwrap_or_default(), browser::local_date_time(&note.at)) }</p>
                        </li>
                    }) }
                </ul>
            }
            <form class="form" novalidate=true {onsubmit}>
                if let Some(message) = &*error {
                    <div class="alert" role="alert">{ message.clone() }</div>
                }
                <div class="field">
                    <label class="field-label" for="new-note">{ StaffText::NewNote.text(lang) }</label>
                    <p class="field-hint" id="new-note-hint">{ StaffText::NoteHint.text(lang) }</p>
                    <textarea class="textarea" id="new-note" rows="4" maxlength="4000"
                        aria-describedby="new-note-hint" value={(*text).clone()} {oninput} />
                </div>
                <button type="submit" class="button button--secondary">{ StaffText::SaveNote.text(lang) }</button>
            </form>
        </section>
    }
}
