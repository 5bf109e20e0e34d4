//! The filter forms of the staff lists (inbox, audit log): what the form shows (`draft`) and
//! what was last asked for (`applied`, which the list loads); "Filtern" applies the form from
//! page 1, the page buttons keep the filter.

use yew::prelude::*;

use crate::browser;

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
