//! Small wrappers around browser globals: document title, focus, `<html lang>`, the stored
//! language and the device's date.
//!
//! Every function tolerates a missing `window` or element (doing nothing), because a failed
//! focus move or title update must never break the form a citizen is filling in.

use shared::{CalendarDate, Lang};
use wasm_bindgen::JsCast;

/// The `localStorage` key of the chosen language.
pub const LANG_KEY: &str = "buergerportal.lang";

/// Sets `document.title`.
pub fn set_title(title: &str) {
    if let Some(document) = document() {
        document.set_title(title);
    }
}

/// Moves keyboard focus to the element with `id`, if it exists.
pub fn focus_id(id: &str) {
    let element = document()
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        // Focus also scrolls the element into view, which is what a citizen following an error
        // link or a step change expects.
        let _ = element.focus();
    }
}

/// The `<input>`s inside the nearest ancestor of `input` that matches the CSS `container`, in
/// page order; empty outside a browser.
///
/// Controls made of several inputs (a date's parts, an address, tick boxes) read their
/// siblings from the page, not from the last render: when several inputs change before the
/// app renders again (browser autofill; the takeover of a server-rendered form page, which
/// replays what was typed), the last render is behind and would undo the earlier changes.
pub fn inputs_around(input: &web_sys::Element, container: &str) -> Vec<web_sys::HtmlInputElement> {
    let Some(list) = input
        .closest(container)
        .ok()
        .flatten()
        .and_then(|container| container.query_selector_all("input").ok())
    else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|index| {
            list.item(index)?
                .dyn_into::<web_sys::HtmlInputElement>()
                .ok()
        })
        .collect()
}

/// The value of the input, select or text area an event came from (empty for anything else).
pub fn event_value(event: &web_sys::Event) -> String {
    let Some(target) = event.target() else {
        return String::new();
    };
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        input.value()
    } else if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.value()
    } else if let Some(area) = target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.value()
    } else {
        String::new()
    }
}

/// Moves focus to the first `<h1>` inside `<main>`, so screen readers announce the new step.
pub fn focus_main_heading() {
    focus_selector("main h1");
}

/// Moves focus to the first element matching the CSS `selector`, if there is one.
pub fn focus_selector(selector: &str) {
    let element = document()
        .and_then(|document| document.query_selector(selector).ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}

/// Sets `<html lang>` so assistive technology pronounces the page correctly (WCAG 3.1.1).
pub fn apply_lang(lang: Lang) {
    if let Some(root) = document().and_then(|document| document.document_element()) {
        let _ = root.set_attribute("lang", lang.tag());
    }
}

/// The language chosen earlier on this device, if any.
pub fn stored_lang() -> Option<Lang> {
    let value = local_storage()?.get_item(LANG_KEY).ok()??;
    match value.as_str() {
        "de" => Some(Lang::De),
        "en" => Some(Lang::En),
        "de-ls" => Some(Lang::EasyGerman),
        _ => None,
    }
}

/// Remembers the chosen language on this device.
pub fn store_lang(lang: Lang) {
    if let Some(storage) = local_storage() {
        // Storage may be full or blocked (private mode); the switch still works for this visit.
        let value = match lang {
            Lang::De => "de",
            Lang::En => "en",
            Lang::EasyGerman => "de-ls",
        };
        let _ = storage.set_item(LANG_KEY, value);
    }
}

/// The calendar day of an RFC 3339 instant in the device's time zone; `None` outside a browser
/// or for text that is no instant.
pub fn local_date(instant: &str) -> Option<CalendarDate> {
    // Host tests have no JavaScript to ask.
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(instant));
    if date.get_time().is_nan() {
        return None;
    }
    // Month and day always fit: JavaScript gives 0..=11 and 1..=31.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    CalendarDate::from_ymd(
        date.get_full_year() as i32,
        (date.get_month() + 1) as u8,
        date.get_date() as u8,
    )
}

/// Today's date on the device, for rules such as "not in the future"; the server checks again
/// with the city's time zone.
pub fn today() -> CalendarDate {
    let now = js_sys::Date::new_0();
    let year = now.get_full_year() as i32;
    let month = (now.get_month() + 1) as u8;
    let day = now.get_date() as u8;
    CalendarDate::from_ymd(year, month, day).unwrap_or_else(|| {
        CalendarDate::from_days_since_epoch((now.get_time() / 86_400_000.0) as i64)
    })
}

/// Milliseconds since the epoch, by the device's clock.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// An RFC 3339 time as the device's local `DD.MM.YYYY HH:MM`; the input if it does not parse.
pub fn local_date_time(rfc3339: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(rfc3339));
    if date.get_time().is_nan() {
        return rfc3339.to_owned();
    }
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}

/// Prefix of the `localStorage` keys of drafts: `bp-draft:<slug>`.
pub const DRAFT_PREFIX: &str = "bp-draft:";

/// The draft of form `slug` saved on this device (JSON), if any.
pub fn load_draft(slug: &str) -> Option<String> {
    local_storage()?
        .get_item(&format!("{DRAFT_PREFIX}{slug}"))
        .ok()?
}

/// Saves the draft of form `slug`; a full or blocked storage only means no draft is kept.
pub fn save_draft(slug: &str, json: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(&format!("{DRAFT_PREFIX}{slug}"), json);
    }
}

/// Forgets the draft of form `slug` (after sending, or when the citizen discards it).
pub fn remove_draft(slug: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.remove_item(&format!("{DRAFT_PREFIX}{slug}"));
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Hands `bytes` to the browser as a download named `file_name` (through a temporary object
/// URL, so the file never has to be fetched again by a plain link, which could not carry the
/// access code in a POST body).
pub fn save_file(bytes: &[u8], file_name: &str, media_type: &str) -> bool {
    let Some(document) = document() else {
        return false;
    };
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let saved = document
        .create_element("a")
        .ok()
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|anchor| {
            anchor.set_href(&url);
            anchor.set_download(file_name);
            anchor.click();
        })
        .is_some();
    // The download reads the URL after this returns: release it a minute later (as
    // FileSaver.js does), not at once.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 60_000);
    }
    saved
}

/// Navigates to `path` with a full page load (to reach another bundle).
pub fn load_page(path: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
}

/// The address's path (`/termine/verwalten`); empty outside a browser.
pub fn location_path() -> String {
    web_sys::window()
        .and_then(|window| window.location().pathname().ok())
        .unwrap_or_default()
}

/// The address's query with its `?`; empty outside a browser or without one.
pub fn location_search() -> String {
    web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default()
}

/// The address's fragment without its `#`: where e-mailed links carry their token, because
/// browsers do not send the fragment to the server.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Minutes after midnight on the device's clock `seconds` from now (may pass 24 hours).
pub fn local_minutes_in(seconds: u32) -> u32 {
    let later = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(
        js_sys::Date::now() + f64::from(seconds) * 1000.0,
    ));
    later.get_hours() * 60 + later.get_minutes()
}
