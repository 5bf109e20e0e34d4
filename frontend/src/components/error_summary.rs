//! The error summary above the `<h1>` (standards.md §4.3 item 3): one link per error, with the
//! same text as the inline message, each moving focus to its control.

use shared::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::Msg;

/// The element id of the summary, for focus moves.
pub const ERROR_SUMMARY_ID: &str = "error-summary";

/// One error as listed in the summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryItem {
    /// Id of the control to focus (see `field_input::control_id`).
    pub target: String,
    /// The message, identical to the inline one.
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub items: Vec<SummaryItem>,
    pub lang: Lang,
}

/// The summary; renders nothing when there are no errors. The page moves focus to it.
#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    if props.items.is_empty() {
        return Html::default();
    }
    let links = props.items.iter().map(|item| {
        let target = item.target.clone();
        // Handled here rather than by the browser: the router may treat `#…` links as
        // navigation, and focusing (not just scrolling) is what keyboard users need.
        let onclick = Callback::from(move |event: MouseEvent| {
            event.prevent_default();
            browser::focus_id(&target);
        });
        html! {
            <li><a href={format!("#{}", item.target)} {onclick}>{ item.message.clone() }</a></li>
        }
    });
    html! {
        <div class="error-summary" id={ERROR_SUMMARY_ID} tabindex="-1" data-testid="error-summary">
            <h2 class="error-summary-title">{ Msg::ErrorSummaryHeading.text(props.lang) }</h2>
            <ul class="error-summary-list">{ for links }</ul>
        </div>
    }
}
