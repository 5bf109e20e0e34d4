//! The line under a control that is saved at once: whether saving worked, announced to screen
//! readers (`role="status"`), styled as an error when it did not.

use yew::prelude::*;

/// `Some(Ok(text))` after a save, `Some(Err(message))` after a failure, `None` before.
pub type Notice = Option<Result<String, String>>;

/// The notice as a status line (empty, but present, before the first save, so that screen
/// readers already know the live region).
pub fn status_notice(notice: &Notice) -> Html {
    let class = match notice {
        Some(Err(_)) => "field-error",
        _ => "field-hint",
    };
    let text = match notice {
        Some(Ok(text) | Err(text)) => text.clone(),
        None => String::new(),
    };
    html! { <p role="status" {class}>{ text }</p> }
}
