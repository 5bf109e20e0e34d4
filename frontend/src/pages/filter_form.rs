//! The filter forms of the staff lists (inbox, audit log): what the form shows (`draft`) and
//! what was last asked for (`applied`, which the list loads); "Filtern" applies the form from
//! page 1, the page buttons keep the filter.

use shared::Lang;
use yew::prelude::*;

use crate::browser;
use crate::i18n::StaffText;

/// A list filter with a page number.
pub(crate) trait Paged: Clone + Default + PartialEq + 'static {
    /// The same filter on `page`.
    fn on_page(self, page: u32) -> Self;
}

impl Paged for crate::api::AuditFilter {
    fn on_page(self, page: u32) -> Self {
        Self { page, ..self }
    }
}

impl Paged for crate::api::InboxFilter {
    fn on_page(self, page: u32) -> Self {
        Self { page, ..self }
    }
}

/// The two states of a filter form.
pub(crate) struct FilterForm<F: Paged> {
    pub(crate) draft: UseStateHandle<F>,
    pub(crate) applied: UseStateHandle<F>,
}

impl<F: Paged> FilterForm<F> {
    /// A change handler of one control: `edit` puts its value into the form.
    pub(crate) fn set(&self, edit: fn(&mut F, String)) -> Callback<Event> {
        let draft = self.draft.clone();
        Callback::from(move |event: Event| {
            let mut next = (*draft).clone();
            edit(&mut next, browser::event_value(&event));
            draft.set(next);
        })
    }

    /// "Filtern": the form's filter, from page 1.
    pub(crate) fn onsubmit(&self) -> Callback<SubmitEvent> {
        let (draft, applied) = (self.draft.clone(), self.applied.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            applied.set((*draft).clone().on_page(1));
        })
    }

    /// A page button: the applied filter on `page`.
    pub(crate) fn to_page(&self, page: u32) -> Callback<MouseEvent> {
        let applied = self.applied.clone();
        Callback::from(move |_: MouseEvent| applied.set((*applied).clone().on_page(page)))
    }
}

/// An empty filter form on page 1.
#[hook]
pub(crate) fn use_filter_form<F: Paged>() -> FilterForm<F> {
    FilterForm {
        draft: use_state(F::default),
        applied: use_state(|| F::default().on_page(1)),
    }
}

/// How many pages `total` entries make at `per_page` (at least one).
pub(crate) fn page_count(total: u64, per_page: u32) -> u64 {
    total.div_ceil(u64::from(per_page.max(1))).max(1)
}

/// The "newer" and "older" buttons under a list, newest first, on `page` of `pages`.
pub(crate) fn pagination(
    page: u32,
    pages: u64,
    (newer, older): (StaffText, StaffText),
    to_page: &dyn Fn(u32) -> Callback<MouseEvent>,
    lang: Lang,
) -> Html {
    html! {
        <nav class="pagination" aria-label={StaffText::AuditPage.text(lang)}>
            if page > 1 {
                <button type="button" class="button button--secondary" onclick={to_page(page - 1)}>
                    { newer.text(lang) }
                </button>
            }
            if u64::from(page) < pages {
                <button type="button" class="button button--secondary" onclick={to_page(page + 1)}>
                    { older.text(lang) }
                </button>
            }
        </nav>
    }
}
