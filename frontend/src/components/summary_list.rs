//! The check-your-answers list: question, answer and an "Ändern" button per row
//! (standards.md §4.3 item 7).

use shared::{FieldKey, Lang};
use yew::prelude::*;

use crate::i18n::Msg;

/// One question and its answer as displayed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    pub key: FieldKey,
    pub label: String,
    pub answer: String,
    /// Whether the row gets an "Ändern" button (not for computed values).
    pub changeable: bool,
}

#[derive(Properties, PartialEq)]
pub struct SummaryListProps {
    pub rows: Vec<SummaryRow>,
    pub lang: Lang,
    /// Called with the key of the answer to change.
    pub on_change: Callback<FieldKey>,
}

/// A `<dl>` of answers with change buttons whose accessible name includes the question.
#[component]
pub fn SummaryList(props: &SummaryListProps) -> Html {
    let rows = props.rows.iter().map(|row| {
        let key = row.key.clone();
        let onclick = props.on_change.reform(move |_: MouseEvent| key.clone());
        html! {
            <div class="summary-row">
                <dt class="summary-key">{ row.label.clone() }</dt>
                <dd class="summary-value">{ row.answer.clone() }</dd>
                if row.changeable {
                    <dd class="summary-action">
                        <button type="button" class="link-button" {onclick}>
                            { Msg::Change.text(props.lang) }
                            <span class="visually-hidden">{ format!(" {}", row.label) }</span>
                        </button>
                    </dd>
                }
            </div>
        }
    });
    html! { <dl class="summary-list">{ for rows }</dl> }
}
