//! `/formulare/:slug`: loads a form and leads the citizen through its pages, the
//! check-your-answers step and the confirmation.
//!
//! The steps live in a [`FormFlow`] reducer; this module renders the current step, performs
//! the side effects it asks for (focus, document title, submission) and nothing else.

use std::rc::Rc;

use crate::components::app_link::AppLink;
use shared::api::{ErrorCode, StatusQuery, SubmissionReceipt, SubmitAnswers};
use shared::{CalendarDate, FieldKey, FieldKind, FormDefinition, FormSlug, Lang};
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::error_summary::{ERROR_SUMMARY_ID, ErrorSummary, SummaryItem};
use crate::components::field_input::{FieldInput, ShownError, error_target, label_text};
use crate::components::file_upload::UploadContext;
use crate::components::summary_list::{SummaryList, SummaryRow};
use crate::draft::{RawValue, Restored, SavedDraft, display_answer, display_typed};
use crate::form_flow::{Action, FocusTarget, FormFlow, LoadedForm, Step};
use crate::i18n::{Msg, document_title, use_lang};
use crate::pages::not_found::NotFoundPage;
use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct FormPageProps {
    pub slug: FormSlug,
    /// The form delivered with the page (server-rendered first view): nothing to fetch.
    #[prop_or_default]
    pub first: Option<crate::form_app::FirstView>,
}

#[derive(Debug, Clone, PartialEq)]
enum Load {
    Loading,
    NotFound,
    Failed,
    Ready(Rc<LoadedForm>),
}

/// Loads the form for `slug` (compiling it once) and shows the flow.
#[component]
pub fn FormPage(props: &FormPageProps) -> Html {
    let lang = use_lang();
    let load = use_state(|| {
        props
            .first
            .as_ref()
            .map_or(Load::Loading, |first| Load::Ready(first.form.clone()))
    });
    {
        let load = load.clone();
        let delivered = props.first.is_some();
        // Form content carries both languages, so a language switch needs no new request.
        use_effect_with(props.slug.clone(), move |slug| {
            if delivered {
                return;
            }
            let slug = slug.clone();
            load.set(Load::Loading);
            wasm_bindgen_futures::spawn_local(async move {
                load.set(match api::get_form(&slug, lang).await {
                    Ok(form) => LoadedForm::new(form)
                        .map_or(Load::Failed, |form| Load::Ready(Rc::new(form))),
                    Err(ClientError::Api(body)) if body.code == ErrorCode::NotFound => {
                        Load::NotFound
                    }
                    Err(_) => Load::Failed,
                });
            });
        });
    }
    match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::NotFound => html! { <NotFoundPage /> },
        Load::Failed => html! {
            <>
                <h1 tabindex="-1">{ Msg::NotFoundHeading.text(lang) }</h1>
                <p class="alert" role="alert">{ Msg::LoadFailed.text(lang) }</p>
            </>
        },
        Load::Ready(form) => html! {
            <FormFlowView key={props.slug.to_string()} form={form.clone()} slug={props.slug.clone()} server_today={props.first.as_ref().and_then(|first| first.on_server)} />
        },
    }
}

/// The title of a step, as the document title shows it (without the site name).
pub(crate) fn step_title(definition: &FormDefinition, step: &Step, lang: Lang) -> String {
    let form_title = definition.title.get(lang);
    match step {
        Step::Page(index) => match definition.pages.get(*index) {
            Some(page) if definition.pages.len() > 1 => {
                format!("{} – {form_title}", page.title.get(lang))
            }
            _ => form_title.to_owned(),
        },
        Step::Check => Msg::CheckAnswersHeading.text(lang),
        Step::Done(_) => Msg::ConfirmationHeading.text(lang),
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct FormFlowViewProps {
    pub(crate) form: Rc<LoadedForm>,
    pub(crate) slug: FormSlug,
    /// The editor's preview: nothing is kept on the device and nothing is sent.
    #[prop_or_default]
    pub(crate) preview: bool,
    /// Rendering on the server, on this date of the city: a first-time visitor's view (no
    /// device storage to ask).
    #[prop_or_default]
    pub(crate) server_today: Option<CalendarDate>,
}

/// The citizen's way through a loaded form (also the form editor's preview).
#[component]
pub(crate) fn FormFlowView(props: &FormFlowViewProps) -> Html {
    let lang = use_lang();
    let slug = props.slug.to_string();
    let preview = props.preview;
    let flow = use_reducer({
        let (form, slug) = (props.form.clone(), slug.clone());
        let server_today = props.server_today;
        move || {
            if let Some(today) = server_today {
                return FormFlow::new(form, today);
            }
            // Answers typed on an earlier visit come back (the same version entirely, a newer
            // one where fields still match).
            let version = form.form.version;
            let saved = (!preview)
                .then(|| browser::load_draft(&slug))
                .flatten()
                .and_then(|json| serde_json::from_str::<SavedDraft>(&json).ok())
                .and_then(|saved| saved.restore(version, form.definition()));
            match saved {
                Some((draft, restored)) => {
                    FormFlow::with_draft(form, draft, Some(restored), browser::today())
                }
                None => FormFlow::new(form, browser::today()),
            }
        }
    });
    {
        // Keep the draft on the device as the citizen types; forget it once sent or discarded.
        let version = props.form.form.version;
        let done = matches!(flow.step, Step::Done(_));
        use_effect_with(
            (flow.draft.clone(), done, slug),
            move |(draft, done, slug)| {
                if preview {
                    return;
                }
                if *done || draft.is_empty() {
                    browser::remove_draft(slug);
                } else {
                    let saved = SavedDraft {
                        version,
                        draft: draft.clone(),
                    };
                    if let Ok(json) = serde_json::to_string(&saved) {
                        browser::save_draft(slug, &json);
                    }
                }
            },
        );
    }
    let definition = props.form.definition();
    let form_title = definition.title.get(lang).to_owned();

    {
        // Focus moves only when the flow asks for one, never on first render.
        use_effect_with(flow.focus.clone(), move |focus| {
            if let Some(focus) = focus {
                match &focus.target {
                    // The editor's preview has its own heading inside the editor page.
                    FocusTarget::Heading if preview => browser::focus_selector(".preview h1"),
                    FocusTarget::Heading => browser::focus_main_heading(),
                    FocusTarget::ErrorSummary => browser::focus_id(ERROR_SUMMARY_ID),
                    FocusTarget::Control(id) => browser::focus_id(id),
                }
            }
        });
    }
    {
        let page_title = step_title(definition, &flow.step, lang);
        let has_errors = !flow.errors.is_empty() || flow.privacy_missing;
        use_effect_with(
            (page_title, has_errors, lang),
            move |(page_title, has_errors, lang)| {
                // The preview must not retitle the editor's page.
                if !preview {
                    browser::set_title(&document_title(page_title, *has_errors, *lang));
                }
            },
        );
    }

    let upload_context = UploadContext {
        slug: props.slug.clone(),
        version: props.form.form.version,
        on_uploading: {
            let flow = flow.clone();
            Callback::from(move |(path, started)| {
                flow.dispatch(Action::Uploading { path, started });
            })
        },
    };
    match &flow.step {
        Step::Page(index) => html! {
            <ContextProvider<UploadContext> context={upload_context}>
                { page_step(&flow, *index, &form_title, lang) }
            </ContextProvider<UploadContext>>
        },
        Step::Check => check_step(&flow, &props.slug, preview, lang),
        Step::Done(receipt) => html! {
            <>
                <div class="panel">
                    <h1 class="panel-title" tabindex="-1">{ Msg::ConfirmationHeading.text(lang) }</h1>
                    <div class="panel-body">
                        { Msg::ReferenceLabel.text(lang) }
                        <br />
                        <strong class="reference" data-testid="reference-number">{ receipt.reference.to_string() }</strong>
                    </div>
                </div>
                <p>{ Msg::ReferenceHint.text(lang) }</p>
                <div class="panel panel--secondary">
                    <p class="panel-body">
                        { Msg::AccessCodeLabelConfirmation.text(lang) }
                        <br />
                        <strong class="reference" data-testid="access-code">{ receipt.access_code.clone() }</strong>
                    </p>
                </div>
                <p>{ Msg::AccessCodeHint.text(lang) }</p>
                <ReceiptDownload receipt={receipt.clone()} />
                if let Some(address) = &receipt.confirmation_email {
                    <p>{ Msg::ConfirmationMailTo.text(lang) }<br /><strong data-testid="confirmation-email">{ address.clone() }</strong></p>
                }
                if let Some(payment) = &receipt.payment {
                    { payment_html(payment, lang) }
                }
                <p><AppLink to={Route::Status}>{ Msg::StatusLink.text(lang) }</AppLink></p>
                <p><AppLink to={Route::Start}>{ Msg::BackToStart.text(lang) }</AppLink></p>
            </>
        },
    }
}

#[derive(Properties, PartialEq)]
struct ReceiptDownloadProps {
    receipt: SubmissionReceipt,
}

/// Downloads the PDF receipt (Eingangsbestätigung) of what was just sent.
#[function_component]
fn ReceiptDownload(props: &ReceiptDownloadProps) -> Html {
    let lang = use_lang();
    let busy = use_state(|| false);
    let failed = use_state(|| false);
    let onclick = {
        let (busy, failed) = (busy.clone(), failed.clone());
        let receipt = props.receipt.clone();
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            failed.set(false);
            let (busy, failed) = (busy.clone(), failed.clone());
            let query = StatusQuery {
                reference: receipt.reference.to_string(),
                access_code: receipt.access_code.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match api::download_receipt(&query, lang).await {
                    Ok(bytes) => browser::save_file(
                        &bytes,
                        &format!("Eingangsbestaetigung-{}.pdf", query.reference),
                        "application/pdf",
                    ),
                    Err(_) => false,
                };
                failed.set(!saved);
                busy.set(false);
            });
        })
    };
    html! {
        <div class="receipt-download">
            <button type="button" class="button button--secondary" {onclick} aria-disabled={(*busy).to_string()}>
                { if *busy { Msg::ReceiptPreparing.text(lang) } else { Msg::ReceiptDownload.text(lang) } }
            </button>
            if *failed {
                <p class="alert" role="alert">{ Msg::ReceiptFailed.text(lang) }</p>
            }
        </div>
    }
}

fn page_step(
    flow: &UseReducerHandle<FormFlow>,
    index: usize,
    form_title: &str,
    lang: Lang,
) -> Html {
    let definition = flow.form.definition();
    let Some(page) = definition.pages.get(index) else {
        return Html::default();
    };
    let items: Vec<SummaryItem> = flow
        .errors
        .iter()
        .filter_map(|error| {
            let root = error.field.root();
            let field = page
                .fields
                .iter()
                .find(|field| field.key.as_str() == root)?;
            Some(SummaryItem {
                target: error_target(
                    field,
                    root,
                    flow.draft.get(&field.key),
                    error.field.as_str(),
                ),
                message: error.message.get(lang).to_owned(),
            })
        })
        .collect();
    let on_focus = {
        let flow = flow.clone();
        Callback::from(move |id: String| flow.dispatch(Action::Focus { id }))
    };
    let fields = page
        .fields
        .iter()
        .filter(|field| !flow.is_hidden(field.key.as_str()))
        .map(|field| {
            let key = field.key.clone();
            let on_change = {
                let flow = flow.clone();
                Callback::from(move |(value, commit): (RawValue, bool)| {
                    flow.dispatch(Action::Edit {
                        key: key.clone(),
                        value,
                        commit,
                        today: browser::today(),
                    });
                })
            };
            let on_item_change = matches!(field.kind, FieldKind::Group { .. }).then(|| {
                let (flow, key) = (flow.clone(), field.key.clone());
                Callback::from(move |(index, child, value, commit)| {
                    flow.dispatch(Action::EditItem {
                        key: key.clone(),
                        index,
                        child,
                        value,
                        commit,
                        today: browser::today(),
                    });
                })
            });
            let mut error = None;
            let mut part_errors = Vec::new();
            for shown in flow
                .errors
                .iter()
                .filter(|error| error.field.root() == field.key.as_str())
            {
                let message = shown.message.get(lang).to_owned();
                if shown.field.as_str() == field.key.as_str() {
                    error = Some(message);
                } else {
                    part_errors.push(ShownError {
                        path: shown.field.as_str().to_owned(),
                        message,
                    });
                }
            }
            html! {
                <FieldInput
                    key={field.key.to_string()}
                    field={field.clone()}
                    {lang}
                    value={flow.draft.get(&field.key).cloned()}
                    {error}
                    {part_errors}
                    computed={flow.state.computed.get(&field.key).cloned()}
                    items={flow.state.items.get(&field.key).cloned().unwrap_or_default()}
                    {on_change}
                    {on_item_change}
                    group_uploading={flow.uploading.keys().any(|path| path.as_str().starts_with(&format!("{}[", field.key)))}
                    on_focus={on_focus.clone()}
                />
            }
        });
    let onsubmit = {
        let flow = flow.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            flow.dispatch(Action::Continue {
                today: browser::today(),
            });
        })
    };
    let back = {
        let flow = flow.clone();
        Callback::from(move |_: MouseEvent| flow.dispatch(Action::Back))
    };
    let (step, total) = flow.progress(index);
    let discard = {
        let flow = flow.clone();
        Callback::from(move |_: MouseEvent| {
            flow.dispatch(Action::DiscardDraft {
                today: browser::today(),
            });
        })
    };
    html! {
        <>
            <ErrorSummary {items} {lang} />
            <h1 tabindex="-1">{ form_title.to_owned() }</h1>
            <p class="step-progress">{ Msg::StepOf { step, total }.text(lang) }</p>
            if let Some(restored) = flow.restored {
                <div class="callout callout--info" role="note">
                    <p class="content-text">
                        { match restored {
                            Restored::Complete => Msg::DraftRestored,
                            Restored::Migrated => Msg::DraftMigrated,
                        }.text(lang) }
                    </p>
                    <button type="button" class="button button--secondary button--small" onclick={discard}>
                        { Msg::DiscardDraft.text(lang) }
                    </button>
                </div>
            }
            if index == 0 {
                if let Some(description) = &definition.description {
                    <p class="lead">{ description.get(lang) }</p>
                }
            }
            <form class="form" novalidate=true {onsubmit}>
                <h2>{ page.title.get(lang) }</h2>
                { for fields }
                <div class="button-group">
                    <button type="submit" class="button">{ Msg::Continue.text(lang) }</button>
                    if step > 1 {
                        <button type="button" class="button button--secondary" onclick={back}>
                            { Msg::Back.text(lang) }
                        </button>
                    }
                </div>
                if !flow.draft.is_empty() {
                    <p class="draft-status" data-testid="draft-status">{ Msg::DraftSaved.text(lang) }</p>
                }
            </form>
        </>
    }
}

/// Id of the privacy-notice tick box on the check page.
const PRIVACY_ID: &str = "privacy-acknowledged";

fn check_step(
    flow: &UseReducerHandle<FormFlow>,
    slug: &FormSlug,
    preview: bool,
    lang: Lang,
) -> Html {
    let definition = flow.form.definition();
    let on_change = {
        let flow = flow.clone();
        Callback::from(move |key: FieldKey| flow.dispatch(Action::ChangeAnswer { key }))
    };
    // Every shown page was validated on the way here, so this normally succeeds and the
    // summary shows the values as the server will store them (amounts, IBANs, times normalised).
    let valid = flow
        .form
        .compiled
        .validate(&flow.answers_to_submit(), browser::today())
        .ok();
    let sections = flow.visible_pages().filter_map(|index| {
        let page = definition.pages.get(index)?;
        let rows: Vec<SummaryRow> = page
            .fields
            .iter()
            .filter(|field| {
                !matches!(field.kind, FieldKind::Content { .. })
                    && !flow.is_hidden(field.key.as_str())
            })
            .map(|field| {
                let typed = match &field.kind {
                    FieldKind::Computed { .. } => flow.state.computed.get(&field.key),
                    _ => valid.as_ref().and_then(|valid| valid.get(&field.key)),
                };
                let answer = match (typed, &valid) {
                    (Some(value), _) => display_typed(field, value, lang),
                    (None, Some(_)) if !matches!(field.kind, FieldKind::Checkbox) => {
                        Msg::NotAnswered.text(lang)
                    }
                    (None, _) => display_answer(field, flow.draft.get(&field.key), lang),
                };
                SummaryRow {
                    key: field.key.clone(),
                    label: label_text(field, lang),
                    answer,
                    changeable: field.kind.takes_input(),
                }
            })
            .collect();
        Some(html! {
            <>
                <h2>{ page.title.get(lang) }</h2>
                <SummaryList {rows} {lang} on_change={on_change.clone()} />
            </>
        })
    });
    let onsubmit = {
        let flow = flow.clone();
        let slug = slug.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if flow.submitting {
                return;
            }
            if flow.form.definition().privacy_notice.is_some() && !flow.privacy_acknowledged {
                flow.dispatch(Action::PrivacyMissing);
                return;
            }
            if preview {
                flow.dispatch(Action::SubmitFailed {
                    message: Msg::PreviewNotSent.text(lang),
                });
                return;
            }
            flow.dispatch(Action::SubmitStarted);
            let command = SubmitAnswers {
                version: flow.form.form.version,
                answers: flow.answers_to_submit(),
                privacy_acknowledged: flow.privacy_acknowledged,
                language: lang,
            };
            let (flow, slug) = (flow.clone(), slug.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let action = match api::submit_answers(&slug, &command, lang).await {
                    Ok(receipt) => Action::Submitted { receipt },
                    Err(ClientError::Api(body))
                        if body.code == ErrorCode::ValidationFailed && !body.fields.is_empty() =>
                    {
                        Action::SubmitRejected {
                            errors: body.fields,
                        }
                    }
                    Err(ClientError::Api(body))
                        if body.code == ErrorCode::PrivacyNotAcknowledged =>
                    {
                        Action::PrivacyMissing
                    }
                    Err(ClientError::Api(body)) => Action::SubmitFailed {
                        message: body.message,
                    },
                    Err(ClientError::Network(_)) => Action::SubmitFailed {
                        message: Msg::NetworkError.text(lang),
                    },
                    Err(ClientError::Decode(_)) => Action::SubmitFailed {
                        message: ErrorCode::Internal.message(lang).to_owned(),
                    },
                };
                flow.dispatch(action);
            });
        })
    };
    let back = {
        let flow = flow.clone();
        Callback::from(move |_: MouseEvent| flow.dispatch(Action::Back))
    };
    let privacy_message = ErrorCode::PrivacyNotAcknowledged.message(lang).to_owned();
    let summary: Vec<SummaryItem> = if flow.privacy_missing {
        vec![SummaryItem {
            target: PRIVACY_ID.to_owned(),
            message: privacy_message.clone(),
        }]
    } else {
        Vec::new()
    };
    let privacy = definition.privacy_notice.as_ref().map(|notice| {
        let onchange = {
            let flow = flow.clone();
            Callback::from(move |event: Event| {
                let input: web_sys::HtmlInputElement = event.target_unchecked_into();
                flow.dispatch(Action::AcknowledgePrivacy {
                    checked: input.checked(),
                });
            })
        };
        let error_id = format!("{PRIVACY_ID}-error");
        html! {
            <section class="privacy-notice" aria-labelledby="privacy-heading">
                <h2 id="privacy-heading">{ Msg::PrivacyHeading.text(lang) }</h2>
                { for notice.get(lang).split("\n\n").map(|paragraph| html! { <p>{ paragraph.trim() }</p> }) }
                <div class={classes!("field", flow.privacy_missing.then_some("field--error"))}>
                    if flow.privacy_missing {
                        <p class="field-error" id={error_id.clone()}>
                            <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                            { privacy_message }
                        </p>
                    }
                    <div class="checkbox">
                        <input
                            class="checkbox-input"
                            type="checkbox"
                            id={PRIVACY_ID}
                            checked={flow.privacy_acknowledged}
                            aria-describedby={flow.privacy_missing.then_some(error_id)}
                            aria-invalid={flow.privacy_missing.then_some("true")}
                            {onchange}
                        />
                        <label class="checkbox-label" for={PRIVACY_ID}>{ Msg::PrivacyAcknowledge.text(lang) }</label>
                    </div>
                </div>
            </section>
        }
    });
    html! {
        <>
            <ErrorSummary items={summary} {lang} />
            <h1 tabindex="-1">{ Msg::CheckAnswersHeading.text(lang) }</h1>
            <p class="step-progress">{ definition.title.get(lang) }</p>
            { for sections }
            { privacy.unwrap_or_default() }
            if let Some(message) = &flow.submit_error {
                <div class="alert" role="alert">{ message.clone() }</div>
            }
            <form class="form" novalidate=true {onsubmit}>
                if flow.submitting {
                    <p role="status">{ Msg::Sending.text(lang) }</p>
                }
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled={flow.submitting.then_some("true")}>
                        { Msg::SendAnswers.text(lang) }
                    </button>
                    <button type="button" class="button button--secondary" onclick={back}>
                        { Msg::Back.text(lang) }
                    </button>
                </div>
            </form>
        </>
    }
}

/// How to pay the fee: the transfer details as a list, and the GiroCode as an image whose text
/// alternative says what it holds.
fn payment_html(payment: &shared::api::PaymentDetails, lang: Lang) -> Html {
    let amount = crate::draft::format_money(payment.amount_cents, lang);
    let alt = format!(
        "{}: {amount}, {}, {}",
        Msg::GiroCodeLabel.text(lang),
        payment.recipient,
        payment.iban
    );
    html! {
        <section class="payment" aria-labelledby="payment-heading">
            <h2 id="payment-heading">{ Msg::PaymentHeading.text(lang) }</h2>
            <p>{ Msg::PaymentIntro.text(lang) }</p>
            <dl class="summary-list">
                <div class="summary-row">
                    <dt class="summary-key">{ Msg::PaymentAmount.text(lang) }</dt>
                    <dd class="summary-value" data-testid="payment-amount">{ amount }</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{ Msg::PaymentRecipient.text(lang) }</dt>
                    <dd class="summary-value">{ payment.recipient.clone() }</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{ "IBAN" }</dt>
                    <dd class="summary-value">{ payment.iban.clone() }</dd>
                </div>
                <div class="summary-row">
                    <dt class="summary-key">{ Msg::PaymentRemittance.text(lang) }</dt>
                    <dd class="summary-value">{ payment.remittance.clone() }</dd>
                </div>
            </dl>
            <img class="girocode" src={payment.girocode.clone()} {alt} width="200" height="200" />
        </section>
    }
}
