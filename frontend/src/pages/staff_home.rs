//! `/mitarbeiter`: the staff overview of received submissions per form, with CSV downloads
//! and sign-out. Without a session it sends the visitor to the sign-in page.

use shared::api::{ErrorCode, StaffFormSummary, StaffUser};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::i18n::appointments::AppointmentText;
use crate::i18n::{EditorText, Msg, StaffText, document_title, use_lang};
use crate::route::Route;

#[derive(Debug, Clone, PartialEq)]
enum Overview {
    Loading,
    Ready {
        user: StaffUser,
        forms: Vec<StaffFormSummary>,
    },
    Failed(String),
}

/// The overview table.
#[component]
pub fn StaffHomePage() -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let overview = use_state(|| Overview::Loading);

    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &Msg::StaffHomeHeading.text(*lang),
            false,
            *lang,
        ));
    });
    {
        let (overview, navigator) = (overview.clone(), navigator.clone());
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = async {
                    let user = api::current_staff(lang).await?;
                    let forms = api::list_staff_forms(lang).await?;
                    Ok::<_, ClientError>((user, forms))
                }
                .await;
                match loaded {
                    Ok((user, forms)) => overview.set(Overview::Ready { user, forms }),
                    Err(ClientError::Api(body)) if body.code.status() == 401 => {
                        if let Some(navigator) = navigator {
                            navigator.replace(&Route::StaffLogin);
                        }
                    }
                    Err(ClientError::Api(body)) => overview.set(Overview::Failed(body.message)),
                    Err(ClientError::Network(_)) => {
                        overview.set(Overview::Failed(Msg::NetworkError.text(lang)));
                    }
                    Err(ClientError::Decode(_)) => {
                        overview.set(Overview::Failed(
                            ErrorCode::Internal.message(lang).to_owned(),
                        ));
                    }
                }
            });
        });
    }

    let sign_out = {
        Callback::from(move |_: MouseEvent| {
            let navigator = navigator.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Even if the request fails the visitor wants to leave; the login page shows
                // whether a session is still active when they come back.
                let _ = api::logout(lang).await;
                if let Some(navigator) = navigator {
                    navigator.push(&Route::StaffLogin);
                }
            });
        })
    };

    let body = match &*overview {
        Overview::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Overview::Failed(message) => {
            html! { <div class="alert" role="alert">{ message.clone() }</div> }
        }
        Overview::Ready { user, forms } => html! {
            <>
                <div class="staff-bar">
                    <p class="staff-user">{ format!("{} {}", Msg::SignedInAs.text(lang), user.name) }</p>
                    <p class="staff-departments" data-testid="staff-departments">
                        { if user.role == shared::api::editor::StaffRole::Admin {
                            EditorText::AllDepartments.text(lang)
                        } else if user.departments.is_empty() {
                            EditorText::NoDepartments.text(lang)
                        } else {
                            format!("{} {}", EditorText::YourDepartments.text(lang), user.departments.join(", "))
                        } }
                    </p>
                    <Link<Route> to={Route::Inbox}>{ StaffText::InboxHeading.text(lang) }</Link<Route>>
                    <Link<Route> to={Route::AppointmentDay}>{ AppointmentText::DayHeading.text(lang) }</Link<Route>>
                    <Link<Route> to={Route::KeyFigures}>{ StaffText::FiguresHeading.text(lang) }</Link<Route>>
                    <Link<Route> to={Route::Password}>{ StaffText::PasswordHeading.text(lang) }</Link<Route>>
                    if user.role.may_edit_forms() {
                        <Link<Route> to={Route::EditorHome}>{ EditorText::DirectoryHeading.text(lang) }</Link<Route>>
                    }
                    if user.role == shared::api::editor::StaffRole::Admin {
                        <Link<Route> to={Route::AuditLog}>{ StaffText::AuditHeading.text(lang) }</Link<Route>>
                        <Link<Route> to={Route::PrivacyRequests}>{ StaffText::PrivacyHeading.text(lang) }</Link<Route>>
                        <Link<Route> to={Route::Users}>{ StaffText::UsersHeading.text(lang) }</Link<Route>>
                        <Link<Route> to={Route::Locations}>{ AppointmentText::LocationsHeading.text(lang) }</Link<Route>>
                    }
                    <button type="button" class="button button--secondary" onclick={sign_out}>
                        { Msg::SignOut.text(lang) }
                    </button>
                </div>
                <div class="table-wrapper" tabindex="0" role="region" aria-labelledby="staff-forms-caption">
                    <table class="table">
                        <caption class="table-caption" id="staff-forms-caption">
                            { Msg::StaffFormsCaption.text(lang) }
                        </caption>
                        <thead>
                            <tr>
                                <th scope="col">{ Msg::ColumnForm.text(lang) }</th>
                                <th scope="col" class="numeric">{ Msg::ColumnVersion.text(lang) }</th>
                                <th scope="col" class="numeric">{ Msg::ColumnCount.text(lang) }</th>
                                <th scope="col">{ Msg::ColumnExport.text(lang) }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for forms.iter().map(|form| {
                                let title = form.title.get(lang).to_owned();
                                html! {
                                    <tr>
                                        <th scope="row">
                                            <Link<Route> to={Route::StaffSubmissions { form_id: form.id.to_string() }}>{ title.clone() }</Link<Route>>
                                        </th>
                                        <td class="numeric">{ form.version }</td>
                                        <td class="numeric">{ form.submission_count }</td>
                                        <td>
                                            <ul class="download-links">
                                                { for api::staff_form_downloads(form.id).into_iter().map(|(format, url)| html! {
                                                    <li>
                                                        <a href={url} download="">
                                                            { format!("{format} {}", Msg::Download.text(lang)) }
                                                            <span class="visually-hidden">{ format!(" – {title}") }</span>
                                                        </a>
                                                    </li>
                                                }) }
                                            </ul>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ Msg::StaffHomeHeading.text(lang) }</h1>
            { body }
        </>
    }
}
