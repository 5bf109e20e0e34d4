//! `/mitarbeiter/anmelden`: e-mail and password sign-in for staff, using the same error
//! summary and inline errors as citizen forms.

use shared::Lang;
use shared::api::{ErrorCode, StaffLogin};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api::{self, ClientError};
use crate::browser;
use crate::components::error_summary::ErrorSummary;
use crate::components::simple_input::{SimpleInput, use_input_errors};
use crate::draft::RawValue;
use crate::i18n::{Msg, document_title, use_lang};
use crate::route::Route;

/// Control ids of the two inputs.
const EMAIL_ID: &str = "staff-email";
const PASSWORD_ID: &str = "staff-password";
const CODE_ID: &str = "staff-totp";

/// Which input an error belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Input {
    Email,
    Password,
    /// The code of the authenticator app (accounts with a second factor).
    Code,
}

/// The messages for empty inputs, in form order.
fn missing_inputs(email: &str, password: &str, lang: Lang) -> Vec<(Input, String)> {
    let mut errors = Vec::new();
    if email.trim().is_empty() {
        errors.push((Input::Email, Msg::EnterEmail.text(lang)));
    }
    if password.is_empty() {
        errors.push((Input::Password, Msg::EnterPassword.text(lang)));
    }
    errors
}

/// The sign-in form.
#[component]
pub fn StaffLoginPage() -> Html {
    let lang = use_lang();
    let navigator = use_navigator();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let errors = use_input_errors::<Input>();
    let alert = use_state(|| None::<String>);
    let busy = use_state(|| false);
    // Asked for after the server answered that the account has a second factor.
    let needs_code = use_state(|| false);
    let code = use_state(String::new);

    {
        let has_errors = !errors.is_empty();
        use_effect_with((has_errors, lang), |(has_errors, lang)| {
            browser::set_title(&document_title(
                &Msg::StaffLoginHeading.text(*lang),
                *has_errors,
                *lang,
            ));
        });
    }
    let onsubmit = {
        let (email, password, errors, alert, busy) = (
            email.clone(),
            password.clone(),
            errors.clone(),
            alert.clone(),
            busy.clone(),
        );
        let (needs_code, code) = (needs_code.clone(), code.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            alert.set(None);
            let missing = missing_inputs(&email, &password, lang);
            if !missing.is_empty() {
                errors.fail(missing);
                return;
            }
            errors.clear();
            busy.set(true);
            let command = StaffLogin {
                totp: needs_code.then(|| code.trim().to_owned()),
                email: email.trim().to_owned(),
                password: (*password).clone(),
            };
            let (errors, alert, busy, navigator, needs_code) = (
                errors.clone(),
                alert.clone(),
                busy.clone(),
                navigator.clone(),
                needs_code.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::login(&command, lang).await;
                busy.set(false);
                match result {
                    Ok(_) => {
                        if let Some(navigator) = navigator {
                            navigator.push(&Route::StaffHome);
                        }
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::TotpRequired => {
                        needs_code.set(true);
                        errors.fail(vec![(Input::Code, body.message)]);
                    }
                    Err(ClientError::Api(body))
                        if matches!(
                            body.code,
                            ErrorCode::InvalidCredentials | ErrorCode::Unauthenticated
                        ) =>
                    {
                        errors.fail(vec![(Input::Email, body.message)]);
                    }
                    Err(ClientError::Api(body)) => alert.set(Some(body.message)),
                    Err(ClientError::Network(_)) => alert.set(Some(Msg::NetworkError.text(lang))),
                    Err(ClientError::Decode(_)) => {
                        alert.set(Some(ErrorCode::Internal.message(lang).to_owned()));
                    }
                }
            });
        })
    };

    let items = errors.summary(|input| match input {
        Input::Email => EMAIL_ID,
        Input::Password => PASSWORD_ID,
        Input::Code => CODE_ID,
    });
    let on_code = {
        let code = code.clone();
        Callback::from(move |(value, _): (RawValue, bool)| {
            if let RawValue::Text(text) = value {
                code.set(text);
            }
        })
    };
    let on_email = {
        let email = email.clone();
        Callback::from(move |(value, _): (RawValue, bool)| {
            if let RawValue::Text(text) = value {
                email.set(text);
            }
        })
    };
    let on_password = {
        let password = password.clone();
        Callback::from(move |(value, _): (RawValue, bool)| {
            if let RawValue::Text(text) = value {
                password.set(text);
            }
        })
    };

    html! {
        <>
            <ErrorSummary {items} {lang} />
            <h1 tabindex="-1">{ Msg::StaffLoginHeading.text(lang) }</h1>
            if let Some(message) = &*alert {
                <div class="alert" role="alert">{ message.clone() }</div>
            }
            <form class="form form--narrow" novalidate=true {onsubmit}>
                <SimpleInput
                    id={EMAIL_ID}
                    name="email"
                    label={Msg::Email.text(lang)}
                    input_type="email"
                    autocomplete="username"
                    value={(*email).clone()}
                    error={errors.message(&Input::Email)}
                    {lang}
                    on_change={on_email}
                />
                <SimpleInput
                    id={PASSWORD_ID}
                    name="password"
                    label={Msg::Password.text(lang)}
                    input_type="password"
                    autocomplete="current-password"
                    value={(*password).clone()}
                    error={errors.message(&Input::Password)}
                    {lang}
                    on_change={on_password}
                />
                if *needs_code {
                    <SimpleInput
                        id={CODE_ID}
                        name="totp"
                        label={Msg::TotpCode.text(lang)}
                        input_type="text"
                        autocomplete="one-time-code"
                        value={(*code).clone()}
                        error={errors.message(&Input::Code)}
                        {lang}
                        on_change={on_code}
                    />
                }
                <div class="button-group">
                    <button type="submit" class="button" aria-disabled={busy.then_some("true")}>
                        { Msg::SignIn.text(lang) }
                    </button>
                </div>
            </form>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_inputs_are_named_in_form_order() {
        let errors = missing_inputs(" ", "", Lang::De);
        assert_eq!(
            errors,
            vec![
                (Input::Email, "Geben Sie Ihre E-Mail-Adresse ein".to_owned()),
                (Input::Password, "Geben Sie Ihr Passwort ein".to_owned()),
            ]
        );
        assert!(missing_inputs("a@b.de", "x", Lang::En).is_empty());
    }
}
