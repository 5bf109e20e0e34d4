//! `/mitarbeiter/datenschutz` (admins): a person's data by e-mail address, a copy of it as ZIP
//! (Art. 15 DSGVO) and its erasure (Art. 17) after an explicit confirmation.

use shared::api::PersonData;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::browser;
use crate::i18n::appointments::AppointmentText;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::editor_home::failure_text;
use crate::route::Route;

#[derive(Debug, Clone, PartialEq)]
enum Found {
    Nothing,
    Loading,
    Ready { email: String, data: PersonData },
    Failed(String),
}

/// Search, results, copy and erasure.
#[component]
pub fn PrivacyRequestsPage() -> Html {
    let lang = use_lang();
    let email = use_state(String::new);
    let found = use_state(|| Found::Nothing);
    let confirmed = use_state(|| false);
    let notice = use_state(|| None::<String>);
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::PrivacyHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let search = move |email: String, found: UseStateHandle<Found>| {
        found.set(Found::Loading);
        wasm_bindgen_futures::spawn_local(async move {
            found.set(match api::find_person(&email, lang).await {
                Ok(data) => Found::Ready { email, data },
                Err(error) => Found::Failed(failure_text(error, lang)),
            });
        });
    };
    let onsubmit = {
        let (email, found, confirmed, notice) = (
            email.clone(),
            found.clone(),
            confirmed.clone(),
            notice.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            confirmed.set(false);
            notice.set(None);
            search(email.trim().to_owned(), found.clone());
        })
    };
    let erase = {
        let (found, confirmed, notice) = (found.clone(), confirmed.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let Found::Ready { email, .. } = (*found).clone() else {
                return;
            };
            let (found, confirmed, notice) = (found.clone(), confirmed.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::erase_person(&email, lang).await {
                    Ok(data) => {
                        notice.set(Some(StaffText::PrivacyErased.text(lang)));
                        confirmed.set(false);
                        found.set(Found::Ready { email, data });
                    }
                    Err(error) => found.set(Found::Failed(failure_text(error, lang))),
                }
            });
        })
    };
    let result = match &*found {
        Found::Nothing => Html::default(),
        Found::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Found::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Found::Ready { data, .. }
            if data.submissions.iter().all(|item| item.erased) && data.bookings.is_empty() =>
        {
            html! {
            <p role="status" data-testid="privacy-result">{ StaffText::PrivacyNone.text(lang) }</p>
            }
        }
        Found::Ready { email, data } => html! {
            <>
                if data.submissions.iter().any(|item| !item.erased) {
                <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="privacy-caption">
                    <table class="table" data-testid="privacy-result">
                        <caption class="table-caption" id="privacy-caption">{ StaffText::PrivacyCaption.text(lang) }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ StaffText::Reference.text(lang) }</th>
                                <th scope="col">{ StaffText::InboxForm.text(lang) }</th>
                                <th scope="col">{ StaffText::Received.text(lang) }</th>
                                <th scope="col">{ StaffText::InboxStatus.text(lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for data.submissions.iter().filter(|item| !item.erased).map(|item| html! {
                                <tr>
                                    <td><Link<Route> to={Route::StaffSubmission { id: item.id.clone() }}>{ item.reference.to_string() }</Link<Route>></td>
                                    <td>{ item.form_title.get(lang).to_owned() }</td>
                                    <td>{ browser::local_date_time(&item.received_at) }</td>
                                    <td>{ item.status.label(lang) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                }
                if !data.bookings.is_empty() {
                    <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="privacy-bookings-caption">
                        <table class="table" data-testid="privacy-bookings">
                            <caption class="table-caption" id="privacy-bookings-caption">
                                { AppointmentText::PrivacyBookingsCaption.text(lang) }
                            </caption>
                            <thead>
                                <tr>
                                    <th scope="col">{ AppointmentText::BookingCode.text(lang) }</th>
                                    <th scope="col">{ AppointmentText::Date.text(lang) }</th>
                                    <th scope="col">{ AppointmentText::Location.text(lang) }</th>
                                    <th scope="col">{ AppointmentText::Status.text(lang) }</th>
                                </tr>
                            </thead>
                            <tbody>
                                { for data.bookings.iter().map(|booking| html! {
                                    <tr>
                                        <td>{ booking.code.grouped() }</td>
                                        <td>{ format!("{} {}", booking.date.to_german(), booking.start) }</td>
                                        <td>{ booking.location.to_string() }</td>
                                        <td>{ booking.status.label(lang) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }
                <h2>{ StaffText::PrivacyCopyHeading.text(lang) }</h2>
                <p><a href={api::person_export_url(email)} download="">{ StaffText::PrivacyCopy.text(lang) }</a></p>
                <h2>{ StaffText::PrivacyEraseHeading.text(lang) }</h2>
                <div class="checkbox">
                    <input class="checkbox-input" type="checkbox" id="privacy-confirm" checked={*confirmed}
                        onchange={{
                            let confirmed = confirmed.clone();
                            Callback::from(move |_: Event| confirmed.set(!*confirmed))
                        }} />
                    <label class="checkbox-label" for="privacy-confirm">{ StaffText::PrivacyConfirm.text(lang) }</label>
                </div>
                <button type="button" class="button button--warning" disabled={!*confirmed} onclick={erase}>
                    { StaffText::PrivacyErase.text(lang) }
                </button>
            </>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::PrivacyHeading.text(lang) }</h1>
            <p>{ StaffText::PrivacyIntro.text(lang) }</p>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <form class="form" role="search" aria-label={StaffText::PrivacyHeading.text(lang)} {onsubmit}>
                <div class="field">
                    <label class="field-label" for="privacy-email">{ StaffText::PrivacyEmail.text(lang) }</label>
                    <input class="input" type="email" id="privacy-email" autocomplete="off" value={(*email).clone()}
                        oninput={{
                            let email = email.clone();
                            Callback::from(move |event: InputEvent| {
                                if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                                    email.set(input.value());
                                }
                            })
                        }} />
                </div>
                <button type="submit" class="button">{ StaffText::PrivacySearch.text(lang) }</button>
            </form>
            if let Some(text) = &*notice {
                <p class="panel panel--secondary" role="status">{ text.clone() }</p>
            }
            { result }
        </>
    }
}
