//! The start page: services first (search and topics), then the online forms.

use shared::api::FormSummary;
use shared::catalogue::TopicSummary;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::browser;
use crate::i18n::{Msg, SITE_NAME, booking, use_lang};
use crate::pages::services::{SearchForm, TopicList};
use crate::route::Route;

/// Loading state of a list fetched on mount.
#[derive(Debug, Clone, PartialEq)]
enum Forms {
    Loading,
    Loaded(Vec<FormSummary>),
    Failed,
}

/// `/`: heading, introduction and the list of published forms.
#[component]
pub fn StartPage() -> Html {
    let lang = use_lang();
    let forms = use_state(|| Forms::Loading);
    let topics = use_state(Vec::<TopicSummary>::new);
    {
        let (forms, topics) = (forms.clone(), topics.clone());
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            browser::set_title(SITE_NAME);
            wasm_bindgen_futures::spawn_local(async move {
                forms.set(match api::list_forms(lang).await {
                    Ok(list) => Forms::Loaded(list),
                    Err(_) => Forms::Failed,
                });
                // Without topics the page still works: search and forms remain.
                if let Ok(list) = api::list_topics(lang).await {
                    topics.set(list);
                }
            });
        });
    }
    let list = match &*forms {
        Forms::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Forms::Failed => html! { <p class="alert" role="alert">{ Msg::LoadFailed.text(lang) }</p> },
        Forms::Loaded(list) if list.is_empty() => html! { <p>{ Msg::NoForms.text(lang) }</p> },
        Forms::Loaded(list) => html! {
            <ul class="service-list">
                { for list.iter().map(|form| html! {
                    <li class="service-item">
                        <Link<Route> classes="service-link" to={Route::Form { slug: form.slug.to_string() }}>
                            { form.title.get(lang) }
                        </Link<Route>>
                        if let Some(description) = &form.description {
                            <p class="service-description">{ description.get(lang) }</p>
                        }
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ SITE_NAME }</h1>
            <p class="lead">{ Msg::StartIntro.text(lang) }</p>
            <SearchForm />
            if !topics.is_empty() {
                <h2>{ Msg::TopicsHeading.text(lang) }</h2>
                <TopicList topics={(*topics).clone()} />
                <p>
                    <Link<Route> to={Route::Services}>{ Msg::AllServicesLink.text(lang) }</Link<Route>>
                </p>
            }
            <h2>{ Msg::FormsHeading.text(lang) }</h2>
            { list }
            <p><Link<Route> to={Route::Status}>{ Msg::StatusLink.text(lang) }</Link<Route>></p>
            // A full page load: the booking is another bundle (`booking.html`).
            <p><a href="/termine">{ booking::start_link(lang) }</a></p>
        </>
    }
}
