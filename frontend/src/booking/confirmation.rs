//! A booking as its citizen sees it: `/termine/aktivieren#<token>` (the e-mailed activation
//! link; a second click shows the same booking) and `/termine/verwalten#<token>` (the manage
//! link: move or cancel until the cut-off).

use shared::api::ErrorCode;
use shared::api::booking::{BookingStatus, BookingView, Concern, MoveRequest};
use shared::{Lang, LocalizedText};
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::booking::calendar::{ChosenStart, SlotPicker, error_message};
use crate::booking::concerns::{Checklist, FeeLine, svg_data_url};
use crate::booking::request::{checklist_view, location_details};
use crate::browser;
use crate::i18n::booking::{BookingText, long_date};
use crate::i18n::{Msg, document_title, use_lang};

/// The checklist of a booking as the server combined it.
fn booking_checklist(view: &BookingView) -> Checklist {
    let fees: Vec<FeeLine> = view
        .fees
        .iter()
        .map(|fee| FeeLine {
            service: LocalizedText::default(),
            fee: fee.clone(),
            count: 1,
        })
        .collect();
    Checklist {
        documents: view.documents.clone(),
        known_total_cents: fees.iter().filter_map(FeeLine::total_cents).sum(),
        some_vary: fees.iter().any(|line| line.total_cents().is_none()),
        fees,
    }
}

#[derive(Properties, PartialEq)]
pub struct BookingDetailsProps {
    pub view: BookingView,
    /// The token that fetches the calendar file.
    pub token: String,
}

/// Code, QR code, day, time, place, concerns and what to bring, with the calendar download.
#[component]
pub fn BookingDetails(props: &BookingDetailsProps) -> Html {
    let lang = use_lang();
    let notice = use_state(|| None::<String>);
    let view = &props.view;
    let code = view.code.grouped();
    let download = {
        let (token, notice) = (props.token.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            let (token, notice) = (token.clone(), notice.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let saved = match api::booking_calendar(&token, lang).await {
                    Ok(bytes) => browser::save_file(&bytes, "termin.ics", "text/calendar"),
                    Err(_) => false,
                };
                notice.set((!saved).then(|| BookingText::CalendarFailed.text(lang)));
            });
        })
    };
    let row = |label: BookingText, value: Html| {
        html! {
            <div class="summary-row">
                <dt class="summary-key">{ label.text(lang) }</dt>
                <dd class="summary-value">{ value }</dd>
            </div>
        }
    };
    let concerns = html! {
        <ul class="plain-list">
            { for view.concerns.iter().map(|concern| html! {
                <li>{ format!("{} × {}", concern.count, concern.name.get(lang)) }</li>
            }) }
        </ul>
    };
    html! {
        <>
            <div class="booking-code">
                <p class="booking-code-label">{ BookingText::BookingCode.text(lang) }</p>
                <p class="booking-code-value" data-testid="booking-code">{ code.clone() }</p>
                <img class="booking-code-qr" src={svg_data_url(&view.code_qr_svg)}
                    alt={BookingText::QrAlt(code).text(lang)} width="160" height="160" />
                <p class="field-hint">{ BookingText::BookingCodeHint.text(lang) }</p>
            </div>
            <dl class="summary-list">
                { row(BookingText::Status, html! { view.status.label(lang) }) }
                { row(BookingText::Date, html! { long_date(view.date, lang) }) }
                { row(BookingText::Time, html! { BookingText::Clock(view.start.to_string()).text(lang) }) }
                { row(BookingText::DurationLabel, html! { BookingText::Minutes(view.minutes).text(lang) }) }
                { row(BookingText::Location, html! {
                    <>
                        <strong>{ view.location.name.get(lang).to_owned() }</strong>
                        { location_details(&view.location, lang, None) }
                    </>
                }) }
                { row(BookingText::Concerns, concerns) }
            </dl>
            { checklist_view(&booking_checklist(view), lang) }
            if view.status == BookingStatus::Confirmed {
                <div class="button-group">
                    <button type="button" class="button button--secondary" onclick={download}>
                        { BookingText::AddToCalendar.text(lang) }
                    </button>
                </div>
            }
            <p role="status" class="field-hint">{ (*notice).clone().unwrap_or_default() }</p>
        </>
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Loaded {
    Loading,
    Found(Box<BookingView>),
    Failed { message: String, expired: bool },
}

fn failure(error: &ClientError, lang: Lang) -> Loaded {
    match error {
        ClientError::Api(body) if body.code == ErrorCode::HoldExpired => Loaded::Failed {
            message: BookingText::LinkExpired.text(lang),
            expired: true,
        },
        ClientError::Api(body) if body.code == ErrorCode::NotFound => Loaded::Failed {
            message: BookingText::LinkInvalid.text(lang),
            expired: false,
        },
        other => Loaded::Failed {
            message: error_message(other, lang),
            expired: false,
        },
    }
}

fn failed_view(message: &str, expired: bool, lang: Lang) -> Html {
    html! {
        <>
            <p class="alert" role="alert">{ message.to_owned() }</p>
            if expired {
                <p><a href="/termine">{ BookingText::BookAgain.text(lang) }</a></p>
            }
        </>
    }
}

fn set_title(heading: &str, lang: Lang) {
    browser::set_title(&document_title(heading, false, lang));
}

/// The booking behind the link's `#token`, loaded with `fetch` (again when the language
/// changes); a link without a token is invalid.
#[hook]
fn use_linked_booking<F, Fut>(fetch: F) -> (std::rc::Rc<String>, UseStateHandle<Loaded>)
where
    F: Fn(String, Lang) -> Fut + 'static,
    Fut: std::future::Future<Output = Result<BookingView, ClientError>> + 'static,
{
    let lang = use_lang();
    let token = use_memo((), |()| browser::location_hash());
    let loaded = use_state(|| Loaded::Loading);
    {
        let (token, loaded) = (token.clone(), loaded.clone());
        use_effect_with(lang, move |lang| {
            let lang = *lang;
            if token.is_empty() {
                loaded.set(Loaded::Failed {
                    message: BookingText::LinkInvalid.text(lang),
                    expired: false,
                });
                return;
            }
            let request = fetch((*token).clone(), lang);
            wasm_bindgen_futures::spawn_local(async move {
                loaded.set(match request.await {
                    Ok(view) => Loaded::Found(Box::new(view)),
                    Err(error) => failure(&error, lang),
                });
            });
        });
    }
    (token, loaded)
}

/// `/termine/aktivieren#<token>`: makes the booking count and shows it.
#[component]
pub fn ActivatePage() -> Html {
    let lang = use_lang();
    let (token, loaded) =
        use_linked_booking(|token, lang| async move { api::activate_booking(&token, lang).await });
    let heading = match &*loaded {
        Loaded::Found(_) => BookingText::BookedHeading.text(lang),
        _ => BookingText::ActivateHeading.text(lang),
    };
    {
        let heading = heading.clone();
        let found = matches!(*loaded, Loaded::Found(_));
        use_effect_with((heading, found), move |(heading, found)| {
            set_title(heading, lang);
            if *found {
                browser::focus_main_heading();
            }
        });
    }
    let body = match &*loaded {
        Loaded::Loading => html! { <p role="status">{ BookingText::Activating.text(lang) }</p> },
        Loaded::Failed { message, expired } => failed_view(message, *expired, lang),
        Loaded::Found(view) => html! {
            <>
                <BookingDetails view={(**view).clone()} token={(*token).clone()} />
                <p>{ BookingText::ManageLinkInMail.text(lang) }</p>
            </>
        },
    };
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            { body }
        </>
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    View,
    Moving,
    ConfirmCancel,
}

/// `/termine/verwalten#<token>`: the booking, and moving or cancelling it before the cut-off.
#[component]
pub fn ManagePage() -> Html {
    let lang = use_lang();
    let (token, loaded) =
        use_linked_booking(|token, lang| async move { api::manage_booking(&token, lang).await });
    let mode = use_state(|| Mode::View);
    let alert = use_state(|| None::<String>);
    let done = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let reload = use_state(|| 0_u32);
    let cancelled =
        matches!(&*loaded, Loaded::Found(view) if view.status == BookingStatus::Cancelled);
    let heading = match *mode {
        _ if cancelled => BookingText::CancelledHeading,
        Mode::Moving => BookingText::MoveHeading,
        _ => BookingText::ManageHeading,
    }
    .text(lang);
    {
        let heading = heading.clone();
        let first = use_mut_ref(|| true);
        use_effect_with(heading, move |heading| {
            set_title(heading, lang);
            if !std::mem::replace(&mut *first.borrow_mut(), false) {
                browser::focus_main_heading();
            }
        });
    }
    use_effect_with(*mode, |mode| {
        if *mode == Mode::ConfirmCancel {
            browser::focus_id("cancel-question");
        }
    });
    let set_mode = |next: Mode| {
        let (mode, alert, done) = (mode.clone(), alert.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            alert.set(None);
            done.set(None);
            mode.set(next);
        })
    };
    let cancel = {
        let (token, loaded, mode, alert, busy) = (
            token.clone(),
            loaded.clone(),
            mode.clone(),
            alert.clone(),
            busy.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (token, loaded, mode, alert, busy) = (
                token.clone(),
                loaded.clone(),
                mode.clone(),
                alert.clone(),
                busy.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::cancel_booking(&token, lang).await;
                busy.set(false);
                match result {
                    Ok(view) => {
                        mode.set(Mode::View);
                        loaded.set(Loaded::Found(Box::new(view)));
                    }
                    Err(error) => alert.set(Some(error_message(&error, lang))),
                }
            });
        })
    };
    let on_choose = {
        let (token, loaded, mode, alert, done, busy, reload) = (
            token.clone(),
            loaded.clone(),
            mode.clone(),
            alert.clone(),
            done.clone(),
            busy.clone(),
            reload.clone(),
        );
        Callback::from(move |chosen: ChosenStart| {
            if *busy {
                return;
            }
            busy.set(true);
            alert.set(None);
            let request = MoveRequest {
                token: (*token).clone(),
                location: chosen.location,
                date: chosen.date,
                start: chosen.start,
            };
            let (loaded, mode, alert, done, busy, reload) = (
                loaded.clone(),
                mode.clone(),
                alert.clone(),
                done.clone(),
                busy.clone(),
                reload.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let result = api::move_booking(&request, lang).await;
                busy.set(false);
                match result {
                    Ok(view) => {
                        let when = format!(
                            "{}, {}",
                            long_date(view.date, lang),
                            BookingText::Clock(view.start.to_string()).text(lang)
                        );
                        done.set(Some(BookingText::Moved(when).text(lang)));
                        loaded.set(Loaded::Found(Box::new(view)));
                        mode.set(Mode::View);
                    }
                    Err(ClientError::Api(body)) if body.code == ErrorCode::SlotTaken => {
                        alert.set(Some(body.message));
                        reload.set(*reload + 1);
                    }
                    Err(error) => alert.set(Some(error_message(&error, lang))),
                }
            });
        })
    };

    let body = match &*loaded {
        Loaded::Loading => html! { <p role="status">{ Msg::Loading.text(lang) }</p> },
        Loaded::Failed { message, expired } => failed_view(message, *expired, lang),
        Loaded::Found(view) if *mode == Mode::Moving => {
            let concerns: Vec<Concern> = view
                .concerns
                .iter()
                .map(|concern| Concern {
                    service: concern.service.clone(),
                    count: concern.count,
                })
                .collect();
            html! {
                <>
                    <SlotPicker
                        {concerns}
                        location={Some(view.location.slug.clone())}
                        locations={vec![view.location.clone()]}
                        busy={*busy}
                        reload={*reload}
                        {on_choose}
                    />
                    <div class="button-group">
                        <button type="button" class="button button--secondary" onclick={set_mode(Mode::View)}>
                            { BookingText::MoveAbort.text(lang) }
                        </button>
                    </div>
                </>
            }
        }
        Loaded::Found(view) => {
            let actions = if cancelled {
                html! { <p><a href="/termine">{ BookingText::BookAgain.text(lang) }</a></p> }
            } else if *mode == Mode::ConfirmCancel {
                html! {
                    <section class="callout callout--warning" aria-labelledby="cancel-question">
                        <h2 class="callout-title" id="cancel-question" tabindex="-1">{ BookingText::CancelQuestion.text(lang) }</h2>
                        <p>{ BookingText::CancelWarning.text(lang) }</p>
                        <div class="button-group">
                            <button type="button" class="button button--warning" onclick={cancel}
                                aria-disabled={busy.then_some("true")}>
                                { BookingText::CancelYes.text(lang) }
                            </button>
                            <button type="button" class="button button--secondary" onclick={set_mode(Mode::View)}>
                                { BookingText::CancelNo.text(lang) }
                            </button>
                        </div>
                    </section>
                }
            } else if view.changeable {
                html! {
                    <div class="button-group">
                        <button type="button" class="button" onclick={set_mode(Mode::Moving)}>
                            { BookingText::MoveButton.text(lang) }
                        </button>
                        <button type="button" class="button button--warning" onclick={set_mode(Mode::ConfirmCancel)}>
                            { BookingText::CancelButton.text(lang) }
                        </button>
                    </div>
                }
            } else {
                html! {
                    <div class="callout">
                        <p>{ BookingText::NotChangeable { hours: view.cutoff_hours }.text(lang) }</p>
                        <p><strong>{ view.location.name.get(lang).to_owned() }</strong></p>
                        { location_details(&view.location, lang, None) }
                        if let Some(office) = &view.office {
                            <p>
                                { office.name.get(lang).to_owned() }<br />
                                <a href={format!("tel:{}", office.phone.replace(' ', ""))}>{ &office.phone }</a><br />
                                <a href={format!("mailto:{}", office.email)}>{ &office.email }</a>
                            </p>
                        }
                    </div>
                }
            };
            html! {
                <>
                    { actions }
                    <BookingDetails view={(**view).clone()} token={(*token).clone()} />
                </>
            }
        }
    };
    html! {
        <>
            <h1 tabindex="-1">{ heading }</h1>
            if let Some(message) = &*alert {
                <div class="alert" role="alert">{ message.clone() }</div>
            }
            <p role="status">{ (*done).clone().unwrap_or_default() }</p>
            { body }
        </>
    }
}
