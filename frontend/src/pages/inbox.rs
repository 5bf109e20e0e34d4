//! `/mitarbeiter/eingang`: the inbox of the account's departments. Filters (form, status,
//! assignee, days), a search in the answers, counts per status, 25 submissions a page; new
//! ones are marked until someone opens them.

use shared::Lang;
use shared::api::{ProcessingStatus, StaffFormSummary};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, InboxFilter};
use crate::browser;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::filter_form::{page_count, pagination, use_filter_form};
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

/// Filters, counts and the list.
#[component]
pub fn InboxPage() -> Html {
    let lang = use_lang();
    let form = use_filter_form::<InboxFilter>();
    let (draft, applied) = (form.draft.clone(), form.applied.clone());
    let forms = use_state(Vec::<StaffFormSummary>::new);
    // Submissions ticked for a ZIP bundle, in the order they were ticked.
    let selected = use_state(Vec::<String>::new);
    let toggle = {
        let selected = selected.clone();
        Callback::from(move |id: String| {
            let mut next = (*selected).clone();
            if let Some(at) = next.iter().position(|chosen| *chosen == id) {
                next.remove(at);
            } else {
                next.push(id);
            }
            selected.set(next);
        })
    };
    {
        let forms = forms.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = api::list_staff_forms(lang).await {
                    forms.set(found);
                }
            });
        });
    }
    let load = {
        let filter = (*applied).clone();
        use_staff_load(format!("{filter:?}"), move |lang| {
            let filter = filter.clone();
            async move { api::inbox(&filter, lang).await }
        })
    };
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::InboxHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let set = |edit: fn(&mut InboxFilter, String)| form.set(edit);
    let onsubmit = form.onsubmit();
    let to_page = |page: u32| form.to_page(page);
    let option = |value: &str, label: String, current: &str| {
        html! { <option value={value.to_owned()} selected={current == value}>{ label }</option> }
    };
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(page) => list(page, lang, &to_page, &selected, &toggle),
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::InboxHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <form class="form inbox-filter" role="search" aria-label={StaffText::InboxFilter.text(lang)} {onsubmit}>
                <div class="field">
                    <label class="field-label" for="inbox-q">{ StaffText::InboxSearch.text(lang) }</label>
                    <div class="field-hint" id="inbox-q-hint">{ StaffText::InboxSearchHint.text(lang) }</div>
                    <input class="input" type="search" id="inbox-q" aria-describedby="inbox-q-hint" value={draft.q.clone()}
                        onchange={set(|filter, value| filter.q = value)} />
                </div>
                <div class="field">
                    <label class="field-label" for="inbox-form">{ StaffText::InboxForm.text(lang) }</label>
                    <select class="select" id="inbox-form" onchange={set(|filter, value| filter.form = value)}>
                        { option("", StaffText::InboxAny.text(lang), &draft.form) }
                        { for forms.iter().map(|form| option(&form.id.to_string(), form.title.get(lang).to_owned(), &draft.form)) }
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="inbox-status">{ StaffText::InboxStatus.text(lang) }</label>
                    <select class="select" id="inbox-status" onchange={set(|filter, value| filter.status = value)}>
                        { option("", StaffText::InboxAny.text(lang), &draft.status) }
                        { for ProcessingStatus::ALL.into_iter().map(|status| option(status.name(), status.label(lang).to_owned(), &draft.status)) }
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="inbox-assigned">{ StaffText::InboxAssigned.text(lang) }</label>
                    <select class="select" id="inbox-assigned" onchange={set(|filter, value| filter.assigned = value)}>
                        { option("", StaffText::InboxAny.text(lang), &draft.assigned) }
                        { option("me", StaffText::InboxToMe.text(lang), &draft.assigned) }
                        { option("nobody", StaffText::InboxToNobody.text(lang), &draft.assigned) }
                    </select>
                </div>
                <div class="field">
                    <label class="field-label" for="inbox-from">{ StaffText::AuditFrom.text(lang) }</label>
                    <input class="input" type="date" id="inbox-from" value={draft.from.clone()} onchange={set(|filter, value| filter.from = value)} />
                </div>
                <div class="field">
                    <label class="field-label" for="inbox-to">{ StaffText::AuditTo.text(lang) }</label>
                    <input class="input" type="date" id="inbox-to" value={draft.to.clone()} onchange={set(|filter, value| filter.to = value)} />
                </div>
                <button type="submit" class="button">{ StaffText::AuditFilter.text(lang) }</button>
            </form>
            { body }
            if !selected.is_empty() {
                <p>
                    <a class="button" href={api::staff_bundle_url(&selected)} download="" data-testid="bundle-link">
                        { format!("{} ({})", StaffText::InboxBundle.text(lang), selected.len()) }
                    </a>
                </p>
            }
        </>
    }
}

fn list(
    page: &shared::api::InboxPage,
    lang: Lang,
    to_page: &dyn Fn(u32) -> Callback<MouseEvent>,
    selected: &[String],
    toggle: &Callback<String>,
) -> Html {
    let pages = page_count(page.total, page.per_page);
    let counts = html! {
        <ul class="inbox-counts" data-testid="inbox-counts">
            { for page.counts.iter().map(|count| html! {
                <li>{ format!("{}: {}", count.status.label(lang), count.count) }</li>
            }) }
        </ul>
    };
    if page.items.is_empty() {
        return html! { <p role="status">{ StaffText::InboxEmpty.text(lang) }</p> };
    }
    html! {
        <>
            { counts }
            <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="inbox-caption">
                <table class="table" data-testid="inbox">
                    <caption class="table-caption" id="inbox-caption">
                        { format!("{}: {} ({} {} / {pages})", StaffText::InboxCaption.text(lang), page.total, StaffText::AuditPage.text(lang), page.page) }
                    </caption>
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{ StaffText::InboxSelect.text(lang) }</span></th>
                            <th scope="col">{ StaffText::Reference.text(lang) }</th>
                            <th scope="col">{ StaffText::InboxForm.text(lang) }</th>
                            <th scope="col">{ StaffText::Received.text(lang) }</th>
                            <th scope="col">{ StaffText::InboxStatus.text(lang) }</th>
                            <th scope="col">{ StaffText::InboxAssignee.text(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for page.items.iter().map(|item| html! {
                            <tr class={classes!(item.unread.then_some("inbox-unread"))}>
                                <td>
                                    <input type="checkbox" class="inbox-select" id={format!("select-{}", item.id)}
                                        checked={selected.contains(&item.id)}
                                        aria-label={format!("{}: {}", StaffText::InboxSelect.text(lang), item.reference)}
                                        onchange={{
                                            let (toggle, id) = (toggle.clone(), item.id.clone());
                                            Callback::from(move |_: Event| toggle.emit(id.clone()))
                                        }} />
                                </td>
                                <td>
                                    <Link<Route> to={Route::StaffSubmission { id: item.id.clone() }}>{ item.reference.to_string() }</Link<Route>>
                                    if item.unread {
                                        { " " }<span class="badge">{ StaffText::InboxNew.text(lang) }</span>
                                    }
                                </td>
                                <td>{ item.form_title.get(lang).to_owned() }</td>
                                <td>{ browser::local_date_time(&item.received_at) }</td>
                                <td>{ item.status.label(lang) }</td>
                                <td>{ item.assignee.clone().unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            { pagination(page.page, pages, (StaffText::InboxNewer, StaffText::InboxOlder), to_page, lang) }
        </>
    }
}
