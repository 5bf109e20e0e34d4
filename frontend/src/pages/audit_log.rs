//! `/mitarbeiter/protokoll` (admins): the audit log, filtered by action, person, record and
//! days, newest first, 50 entries a page.

use shared::api::audit::{AuditAction, AuditPage};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, AuditFilter};
use crate::browser;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::filter_form::{page_count, pagination, use_filter_form};
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

/// The filter form and the entries.
#[component]
pub fn AuditLogPage() -> Html {
    let lang = use_lang();
    let form = use_filter_form::<AuditFilter>();
    let (draft, applied) = (form.draft.clone(), form.applied.clone());
    let load = {
        let filter = (*applied).clone();
        use_staff_load(format!("{filter:?}"), move |lang| {
            let filter = filter.clone();
            async move { api::audit_log(&filter, lang).await }
        })
    };
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::AuditHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let set = |edit: fn(&mut AuditFilter, String)| form.set(edit);
    let onsubmit = form.onsubmit();
    let to_page = |page: u32| form.to_page(page);
    let text_field = |id: &str,
                      label: StaffText,
                      value: &str,
                      kind: &str,
                      onchange: Callback<Event>| {
        html! {
            <div class="field">
                <label class="field-label" for={id.to_owned()}>{ label.text(lang) }</label>
                <input class="input" type={kind.to_owned()} id={id.to_owned()} value={value.to_owned()} {onchange} />
            </div>
        }
    };
    let body = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(page) => entries(page, lang, &to_page),
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::AuditHeading.text(lang) }</h1>
            <p>{ StaffText::AuditIntro.text(lang) }</p>
            <p><Link<Route> to={Route::StaffHome}>{ Msg::StaffHomeHeading.text(lang) }</Link<Route>></p>
            <form class="form audit-filter" {onsubmit}>
                <div class="field">
                    <label class="field-label" for="audit-action">{ StaffText::AuditActionLabel.text(lang) }</label>
                    <select class="select" id="audit-action" onchange={set(|filter, value| filter.action = value)}>
                        <option value="" selected={draft.action.is_empty()}>{ StaffText::AuditAnyAction.text(lang) }</option>
                        { for AuditAction::ALL.into_iter().map(|action| html! {
                            <option value={action.name()} selected={draft.action == action.name()}>{ StaffText::Action(action).text(lang) }</option>
                        }) }
                    </select>
                </div>
                { text_field("audit-actor", StaffText::AuditActor, &draft.actor, "text", set(|filter, value| filter.actor = value)) }
                { text_field("audit-subject", StaffText::AuditSubject, &draft.subject, "text", set(|filter, value| filter.subject = value)) }
                { text_field("audit-from", StaffText::AuditFrom, &draft.from, "date", set(|filter, value| filter.from = value)) }
                { text_field("audit-to", StaffText::AuditTo, &draft.to, "date", set(|filter, value| filter.to = value)) }
                <button type="submit" class="button">{ StaffText::AuditFilter.text(lang) }</button>
            </form>
            { body }
        </>
    }
}

fn entries(
    page: &AuditPage,
    lang: shared::Lang,
    to_page: &dyn Fn(u32) -> Callback<MouseEvent>,
) -> Html {
    let pages = page_count(page.total, page.per_page);
    let summary = format!(
        "{}: {} ({} {} / {pages})",
        StaffText::AuditCaption.text(lang),
        page.total,
        StaffText::AuditPage.text(lang),
        page.page
    );
    if page.entries.is_empty() {
        return html! { <p role="status">{ StaffText::AuditNone.text(lang) }</p> };
    }
    html! {
        <>
            <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="audit-caption">
                <table class="table" data-testid="audit-log">
                    <caption class="table-caption" id="audit-caption">{ summary }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ StaffText::AuditWhen.text(lang) }</th>
                            <th scope="col">{ StaffText::AuditActor.text(lang) }</th>
                            <th scope="col">{ StaffText::AuditActionLabel.text(lang) }</th>
                            <th scope="col">{ StaffText::AuditSubject.text(lang) }</th>
                            <th scope="col">{ StaffText::AuditDetails.text(lang) }</th>
                            <th scope="col">{ StaffText::AuditWhere.text(lang) }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for page.entries.iter().map(|entry| html! {
                            <tr>
                                <td>{ browser::local_date_time(&entry.at) }</td>
                                <td>{ entry.actor.clone() }</td>
                                <td>{ StaffText::Action(entry.action).text(lang) }</td>
                                <td>{ entry.subject.clone() }</td>
                                <td>{ entry.details.clone() }</td>
                                <td>{ entry.ip.clone().unwrap_or_default() }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            { pagination(page.page, pages, (StaffText::AuditNewer, StaffText::AuditOlder), to_page, lang) }
        </>
    }
}
