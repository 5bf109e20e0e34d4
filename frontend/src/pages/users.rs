//! `/mitarbeiter/benutzer` (admins): the staff accounts with role and departments; create an
//! account, change or disable one, set a new password. `/mitarbeiter/passwort`: change one's
//! own password.

use shared::api::editor::{DepartmentOption, ManagedUser, NewUser, StaffRole, UpdateUser};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::api;
use crate::browser;
use crate::components::status_notice::status_notice;
use crate::i18n::{Msg, StaffText, document_title, use_lang};
use crate::pages::editor_home::failure_text;
use crate::pages::staff_submissions::{Load, use_staff_load};
use crate::route::Route;

const ROLES: [StaffRole; 3] = [StaffRole::Staff, StaffRole::Editor, StaffRole::Admin];

fn role_text(role: StaffRole) -> StaffText {
    match role {
        StaffRole::Staff => StaffText::RoleStaff,
        StaffRole::Editor => StaffText::RoleEditor,
        StaffRole::Admin => StaffText::RoleAdmin,
    }
}

/// The accounts and the form for a new one.
#[component]
pub fn UsersPage() -> Html {
    let lang = use_lang();
    let generation = use_state(|| 0u32);
    let load = use_staff_load(generation.to_string(), api::list_users);
    let departments = use_state(Vec::<DepartmentOption>::new);
    {
        let departments = departments.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(found) = api::list_departments(lang).await {
                    departments.set(found);
                }
            });
        });
    }
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::UsersHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let reload = Callback::from(move |()| generation.set(*generation + 1));
    let list = match &*load {
        Load::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Load::Failed(text) => html! { <div class="alert" role="alert">{ text.clone() }</div> },
        Load::Ready(users) => html! {
            <ul class="user-list" data-testid="users">
                { for users.iter().map(|user| html! {
                    <li key={user.id.clone()}>
                        <UserEditor user={user.clone()} departments={(*departments).clone()} on_saved={reload.clone()} />
                    </li>
                }) }
            </ul>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::UsersHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <NewUserForm departments={(*departments).clone()} on_saved={reload} />
            <h2>{ StaffText::UsersList.text(lang) }</h2>
            { list }
        </>
    }
}

#[derive(Properties, PartialEq)]
struct NewUserFormProps {
    departments: Vec<DepartmentOption>,
    on_saved: Callback<()>,
}

#[component]
fn NewUserForm(props: &NewUserFormProps) -> Html {
    let lang = use_lang();
    let user = use_state(|| NewUser {
        email: String::new(),
        name: String::new(),
        role: StaffRole::Staff,
        departments: Vec::new(),
        password: String::new(),
    });
    let notice = use_state(|| None::<Result<String, String>>);
    let set = |edit: fn(&mut NewUser, String)| {
        let user = user.clone();
        Callback::from(move |event: Event| {
            let mut next = (*user).clone();
            edit(&mut next, browser::event_value(&event));
            user.set(next);
        })
    };
    let onsubmit = {
        let (user, notice, on_saved) = (user.clone(), notice.clone(), props.on_saved.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (user, notice, on_saved) = (user.clone(), notice.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::create_user(&user, lang).await {
                    Ok(_) => {
                        notice.set(Some(Ok(StaffText::UserCreated.text(lang))));
                        on_saved.emit(());
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    html! {
        <form class="form" aria-labelledby="new-user-heading" {onsubmit}>
            <h2 id="new-user-heading">{ StaffText::NewUser.text(lang) }</h2>
            <div class="field">
                <label class="field-label" for="new-user-name">{ StaffText::UserName.text(lang) }</label>
                <input class="input" id="new-user-name" autocomplete="off" onchange={set(|user, value| user.name = value)} />
            </div>
            <div class="field">
                <label class="field-label" for="new-user-email">{ StaffText::UserEmail.text(lang) }</label>
                <input class="input" type="email" id="new-user-email" autocomplete="off" onchange={set(|user, value| user.email = value)} />
            </div>
            <div class="field">
                <label class="field-label" for="new-user-role">{ StaffText::UserRole.text(lang) }</label>
                <select class="select" id="new-user-role" onchange={set(|user, value| {
                    user.role = StaffRole::from_name(&value).unwrap_or_default();
                })}>
                    { for ROLES.into_iter().map(|role| html! {
                        <option value={role.name()} selected={user.role == role}>{ role_text(role).text(lang) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="new-user-department">{ StaffText::UserDepartment.text(lang) }</label>
                <select class="select" id="new-user-department" onchange={set(|user, value| {
                    user.departments = (!value.is_empty()).then_some(value).into_iter().collect();
                })}>
                    <option value="">{ StaffText::NoDepartmentChosen.text(lang) }</option>
                    { for props.departments.iter().map(|department| html! {
                        <option value={department.key.clone()}>{ department.name.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for="new-user-password">{ StaffText::FirstPassword.text(lang) }</label>
                <div class="field-hint" id="new-user-password-hint">{ StaffText::PasswordHint.text(lang) }</div>
                <input class="input" type="password" id="new-user-password" autocomplete="new-password"
                    aria-describedby="new-user-password-hint" onchange={set(|user, value| user.password = value)} />
            </div>
            <button type="submit" class="button">{ StaffText::CreateUser.text(lang) }</button>
            { status_notice(&notice) }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct UserEditorProps {
    user: ManagedUser,
    departments: Vec<DepartmentOption>,
    on_saved: Callback<()>,
}

/// One account: role, department, disabled, and a new password.
#[component]
fn UserEditor(props: &UserEditorProps) -> Html {
    let lang = use_lang();
    let user = use_state(|| props.user.clone());
    let password = use_state(String::new);
    let notice = use_state(|| None::<Result<String, String>>);
    let id = props.user.id.clone();
    let save = {
        let (user, notice, on_saved, id) = (
            user.clone(),
            notice.clone(),
            props.on_saved.clone(),
            id.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let update = UpdateUser {
                name: user.name.clone(),
                role: user.role,
                departments: user.departments.clone(),
                disabled: user.disabled,
            };
            let (notice, on_saved, id) = (notice.clone(), on_saved.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::update_user(&id, &update, lang).await {
                    Ok(()) => {
                        notice.set(Some(Ok(StaffText::UserSaved.text(lang))));
                        on_saved.emit(());
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let reset = {
        let (password, notice, id) = (password.clone(), notice.clone(), id.clone());
        Callback::from(move |_: MouseEvent| {
            let (new, notice, id) = ((*password).clone(), notice.clone(), id.clone());
            wasm_bindgen_futures::spawn_local(async move {
                notice.set(Some(match api::reset_password(&id, &new, lang).await {
                    Ok(()) => Ok(StaffText::PasswordSet.text(lang)),
                    Err(error) => Err(failure_text(error, lang)),
                }));
            });
        })
    };
    let field = |suffix: &str| format!("user-{id}-{suffix}");
    let edit = |change: fn(&mut ManagedUser, &Event)| {
        let user = user.clone();
        Callback::from(move |event: Event| {
            let mut next = (*user).clone();
            change(&mut next, &event);
            user.set(next);
        })
    };
    html! {
        <fieldset class="fieldset user-editor">
            <legend class="fieldset-legend">{ format!("{} <{}>", props.user.name, props.user.email) }</legend>
            <div class="field">
                <label class="field-label" for={field("role")}>{ StaffText::UserRole.text(lang) }</label>
                <select class="select" id={field("role")} onchange={edit(|user, event| {
                    user.role = StaffRole::from_name(&browser::event_value(event)).unwrap_or_default();
                })}>
                    { for ROLES.into_iter().map(|role| html! {
                        <option value={role.name()} selected={user.role == role}>{ role_text(role).text(lang) }</option>
                    }) }
                </select>
            </div>
            <div class="field">
                <label class="field-label" for={field("department")}>{ StaffText::UserDepartment.text(lang) }</label>
                <select class="select" id={field("department")} onchange={edit(|user, event| {
                    let value = browser::event_value(event);
                    user.departments = (!value.is_empty()).then_some(value).into_iter().collect();
                })}>
                    <option value="" selected={user.departments.is_empty()}>{ StaffText::NoDepartmentChosen.text(lang) }</option>
                    { for props.departments.iter().map(|department| html! {
                        <option value={department.key.clone()} selected={user.departments.first() == Some(&department.key)}>{ department.name.clone() }</option>
                    }) }
                </select>
            </div>
            <div class="checkbox">
                <input class="checkbox-input" type="checkbox" id={field("disabled")} checked={user.disabled}
                    onchange={edit(|user, _| user.disabled = !user.disabled)} />
                <label class="checkbox-label" for={field("disabled")}>{ StaffText::UserDisabled.text(lang) }</label>
            </div>
            <button type="button" class="button button--secondary" onclick={save}>{ StaffText::SaveUser.text(lang) }</button>
            <div class="field">
                <label class="field-label" for={field("password")}>{ StaffText::NewPassword.text(lang) }</label>
                <input class="input" type="password" id={field("password")} autocomplete="new-password"
                    oninput={{
                        let password = password.clone();
                        Callback::from(move |event: InputEvent| {
                            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                                password.set(input.value());
                            }
                        })
                    }} />
            </div>
            <button type="button" class="button button--secondary" onclick={reset}>{ StaffText::SetPassword.text(lang) }</button>
            { status_notice(&notice) }
        </fieldset>
    }
}

/// `/mitarbeiter/passwort`: change one's own password.
#[component]
pub fn PasswordPage() -> Html {
    let lang = use_lang();
    let current = use_state(String::new);
    let new = use_state(String::new);
    let notice = use_state(|| None::<Result<String, String>>);
    use_effect_with(lang, |lang| {
        browser::set_title(&document_title(
            &StaffText::PasswordHeading.text(*lang),
            false,
            *lang,
        ));
    });
    let input = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                state.set(input.value());
            }
        })
    };
    let onsubmit = {
        let (current, new, notice) = (current.clone(), new.clone(), notice.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (old, fresh, notice) = ((*current).clone(), (*new).clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                notice.set(Some(match api::change_password(&old, &fresh, lang).await {
                    Ok(()) => Ok(StaffText::PasswordChanged.text(lang)),
                    Err(error) => Err(failure_text(error, lang)),
                }));
            });
        })
    };
    html! {
        <>
            <h1 tabindex="-1">{ StaffText::PasswordHeading.text(lang) }</h1>
            <p><Link<Route> to={Route::StaffHome}>{ StaffText::BackToOverview.text(lang) }</Link<Route>></p>
            <form class="form" {onsubmit}>
                <div class="field">
                    <label class="field-label" for="current-password">{ StaffText::CurrentPassword.text(lang) }</label>
                    <input class="input" type="password" id="current-password" autocomplete="current-password" oninput={input(&current)} />
                </div>
                <div class="field">
                    <label class="field-label" for="new-password">{ StaffText::NewPassword.text(lang) }</label>
                    <div class="field-hint" id="new-password-hint">{ StaffText::PasswordHint.text(lang) }</div>
                    <input class="input" type="password" id="new-password" autocomplete="new-password" aria-describedby="new-password-hint" oninput={input(&new)} />
                </div>
                <button type="submit" class="button">{ StaffText::ChangePassword.text(lang) }</button>
                { status_notice(&notice) }
            </form>
            <SecondFactor />
        </>
    }
}

/// The optional second factor: set up with an authenticator app (QR code or secret, then a
/// first code), or turned off with a current code.
#[component]
fn SecondFactor() -> Html {
    let lang = use_lang();
    let enabled = use_state(|| None::<bool>);
    let setup = use_state(|| None::<shared::api::TotpSetup>);
    let code = use_state(String::new);
    let notice = use_state(|| None::<Result<String, String>>);
    {
        let enabled = enabled.clone();
        use_effect_with((), move |()| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(user) = api::current_staff(lang).await {
                    enabled.set(Some(user.totp));
                }
            });
        });
    }
    let start = {
        let (setup, notice) = (setup.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let (setup, notice) = (setup.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match api::start_totp(lang).await {
                    Ok(found) => setup.set(Some(found)),
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let submit = |path: &'static str, on: bool| {
        let (code, notice, enabled, setup) =
            (code.clone(), notice.clone(), enabled.clone(), setup.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (typed, notice, enabled, setup) = (
                (*code).clone(),
                notice.clone(),
                enabled.clone(),
                setup.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match api::totp_code(path, &typed, lang).await {
                    Ok(()) => {
                        enabled.set(Some(on));
                        setup.set(None);
                        notice.set(Some(Ok(if on {
                            StaffText::TotpOn
                        } else {
                            StaffText::TotpOff
                        }
                        .text(lang))));
                    }
                    Err(error) => notice.set(Some(Err(failure_text(error, lang)))),
                }
            });
        })
    };
    let code_field = html! {
        <div class="field">
            <label class="field-label" for="totp-code">{ Msg::TotpCode.text(lang) }</label>
            <input class="input input--width-5" id="totp-code" inputmode="numeric" autocomplete="one-time-code"
                oninput={{
                    let code = code.clone();
                    Callback::from(move |event: InputEvent| code.set(browser::event_value(&event)))
                }} />
        </div>
    };
    let body = match (*enabled, &*setup) {
        (None, _) => Html::default(),
        (Some(true), _) => html! {
            <form class="form" onsubmit={submit(api::TOTP_DISABLE, false)}>
                <p>{ StaffText::TotpIsOn.text(lang) }</p>
                { code_field }
                <button type="submit" class="button button--secondary">{ StaffText::TotpTurnOff.text(lang) }</button>
            </form>
        },
        (Some(false), None) => html! {
            <>
                <p>{ StaffText::TotpIntro.text(lang) }</p>
                <button type="button" class="button button--secondary" onclick={start}>{ StaffText::TotpSetUp.text(lang) }</button>
            </>
        },
        (Some(false), Some(found)) => html! {
            <form class="form" onsubmit={submit(api::TOTP_CONFIRM, true)}>
                <p>{ StaffText::TotpScan.text(lang) }</p>
                <img class="totp-qr" src={found.qr.clone()} alt={StaffText::TotpQrAlt.text(lang)} width="200" height="200" />
                <p>{ format!("{} ", StaffText::TotpSecret.text(lang)) }<code data-testid="totp-secret">{ found.secret.clone() }</code></p>
                { code_field }
                <button type="submit" class="button">{ StaffText::TotpTurnOn.text(lang) }</button>
            </form>
        },
    };
    html! {
        <section aria-labelledby="totp-heading">
            <h2 id="totp-heading">{ StaffText::TotpHeading.text(lang) }</h2>
            { body }
            { status_notice(&notice) }
        </section>
    }
}
