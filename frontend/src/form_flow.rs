//! A citizen's way through one form: pages, check-your-answers, confirmation, and the errors
//! shown on the way.
//!
//! A pure reducer (no DOM, no HTTP) so the rules are unit-tested on the host: which step comes
//! next, which errors are shown, when a flagged field is re-validated and where focus goes. The
//! page component performs the side effects the state asks for (focus, title, requests).

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use shared::api::{Form, SubmissionReceipt};
use shared::validation::{FieldPath, FormState};
use shared::{
    Answers, CalendarDate, CompiledForm, FieldError, FieldErrorKind, FieldKey, FormDefinition,
};
use yew::Reducible;

use crate::components::field_input::control_id_in;
use crate::draft::{Draft, RawValue, Restored, group_items};

/// A form version as loaded from the server, compiled once for validation.
#[derive(Debug)]
pub struct LoadedForm {
    pub form: Form,
    pub compiled: CompiledForm,
}

impl LoadedForm {
    /// Compiles the form; `None` if the definition is broken (the server should never send one).
    /// A one-question-per-page form is split into one page per question here, so the whole flow
    /// (steps, progress, errors, focus) works unchanged.
    pub fn new(mut form: Form) -> Option<Self> {
        if form.definition.one_question_per_page {
            form.definition.pages = one_question_pages(&form.definition.pages);
        }
        let compiled = CompiledForm::new(form.definition.clone()).ok()?;
        Some(Self { form, compiled })
    }

    /// The definition.
    pub fn definition(&self) -> &FormDefinition {
        &self.form.definition
    }
}

impl PartialEq for LoadedForm {
    fn eq(&self, other: &Self) -> bool {
        self.form == other.form
    }
}

/// Where the citizen is.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// One page of questions (index from 0, counting hidden pages too).
    Page(usize),
    /// The check-your-answers summary.
    Check,
    /// Sent; the receipt holds the reference number.
    Done(SubmissionReceipt),
}

/// What should have keyboard focus after the next render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FocusTarget {
    /// The `<h1>` of the new step.
    Heading,
    /// The error summary.
    ErrorSummary,
    /// A control, by element id.
    Control(String),
}

/// A focus move, numbered so that asking for the same target twice still moves focus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FocusRequest {
    pub generation: u32,
    pub target: FocusTarget,
}

/// The whole state of a form being filled in.
#[derive(Debug, Clone, PartialEq)]
pub struct FormFlow {
    pub form: Rc<LoadedForm>,
    pub step: Step,
    pub draft: Draft,
    /// Which pages and fields are shown and the computed values, for the current draft.
    pub state: FormState,
    /// Errors shown now, in form order; all belong to the current page.
    pub errors: Vec<FieldError>,
    /// A message for a failed submission that is not about single answers.
    pub submit_error: Option<String>,
    pub submitting: bool,
    /// `None` until something asks for a focus move (never on first load).
    pub focus: Option<FocusRequest>,
    /// Top-level fields that were shown an error; they are re-validated as they change.
    flagged: BTreeSet<String>,
    /// Set by "Ändern": the next successful "Weiter" returns to the summary.
    return_to_check: bool,
    /// Files being uploaded, by the path of their field (`nachweis`, `hunde[1].impfpass`).
    pub uploading: BTreeMap<FieldPath, usize>,
    /// Set when answers from an earlier visit were restored (shown with a way to discard).
    pub restored: Option<Restored>,
    /// The citizen ticked "read the privacy notice" on the check page.
    pub privacy_acknowledged: bool,
    /// Sending was tried without that tick (shown as an error).
    pub privacy_missing: bool,
}

/// Everything that can happen to a [`FormFlow`].
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The citizen changed a control. `commit` is true for a finished change (the `change`
    /// event): only then may a new error appear; while typing, errors can only disappear.
    Edit {
        key: FieldKey,
        value: RawValue,
        commit: bool,
        today: CalendarDate,
    },
    /// The citizen changed a control of item `index` of the group `key`. Applied to the
    /// current items, so a change that arrives late (a finished upload) keeps the others.
    EditItem {
        key: FieldKey,
        index: usize,
        child: FieldKey,
        value: RawValue,
        commit: bool,
        today: CalendarDate,
    },
    /// A file upload for the field at `path` began or ended (successfully or not).
    Uploading { path: FieldPath, started: bool },
    /// "Verwerfen": forget the restored answers and start empty.
    DiscardDraft { today: CalendarDate },
    /// "Weiter" on a page.
    Continue { today: CalendarDate },
    /// "Zurück".
    Back,
    /// "Ändern" in the summary.
    ChangeAnswer { key: FieldKey },
    /// Move focus to an element after the next render (e.g. a new group item).
    Focus { id: String },
    /// The privacy-notice tick box changed.
    AcknowledgePrivacy { checked: bool },
    /// "Angaben absenden" without the privacy-notice tick (the browser's or the server's check).
    PrivacyMissing,
    /// "Angaben absenden" was pressed.
    SubmitStarted,
    /// The server refused answers (422).
    SubmitRejected { errors: Vec<FieldError> },
    /// Any other failure, with a message for the citizen.
    SubmitFailed { message: String },
    /// The server accepted the answers.
    Submitted { receipt: SubmissionReceipt },
}

impl FormFlow {
    /// The first page of `form`, empty.
    pub fn new(form: Rc<LoadedForm>, today: CalendarDate) -> Self {
        Self::with_draft(form, Draft::default(), None, today)
    }

    /// The first page of `form` with answers from an earlier visit.
    pub fn with_draft(
        form: Rc<LoadedForm>,
        draft: Draft,
        restored: Option<Restored>,
        today: CalendarDate,
    ) -> Self {
        let state = form
            .compiled
            .state(&draft.answers(form.definition()), today);
        Self {
            form,
            step: Step::Page(0),
            draft,
            state,
            errors: Vec::new(),
            submit_error: None,
            submitting: false,
            focus: None,
            flagged: BTreeSet::new(),
            return_to_check: false,
            uploading: BTreeMap::new(),
            restored,
            privacy_acknowledged: false,
            privacy_missing: false,
        }
    }

    /// Applies `action`.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Edit {
                key,
                value,
                commit,
                today,
            } => self.edit(&key, value, commit, today),
            Action::EditItem {
                key,
                index,
                child,
                value,
                commit,
                today,
            } => {
                let Some(field) = self.form.definition().field(&key) else {
                    return;
                };
                let mut items = group_items(field, self.draft.get(&key));
                let Some(item) = items.get_mut(index) else {
                    return;
                };
                item.insert(child, value);
                self.edit(&key, RawValue::Items(items), commit, today);
            }
            Action::Uploading { path, started } => {
                let count = self.uploading.entry(path.clone()).or_default();
                if started {
                    *count += 1;
                } else {
                    *count = count.saturating_sub(1);
                    if *count == 0 {
                        self.uploading.remove(&path);
                    }
                }
            }
            Action::DiscardDraft { today } => {
                // Keep the focus generation counting, so focus moves again; uploads still on
                // their way keep "Weiter" waiting.
                let focus = self.focus.take();
                let uploading = std::mem::take(&mut self.uploading);
                *self = Self::new(Rc::clone(&self.form), today);
                self.focus = focus;
                self.uploading = uploading;
                self.request_focus(FocusTarget::Heading);
            }
            Action::Continue { today } => self.continue_from_page(today),
            Action::Back => {
                let previous = match self.step {
                    Step::Page(index) => self.visible_pages().rfind(|page| *page < index),
                    Step::Check => self.visible_pages().next_back(),
                    Step::Done(_) => None,
                };
                let Some(previous) = previous else { return };
                self.errors.clear();
                self.go_to(Step::Page(previous), FocusTarget::Heading);
            }
            Action::ChangeAnswer { key } => {
                let Some(page) = self.page_of(key.as_str()) else {
                    return;
                };
                let target =
                    self.form
                        .definition()
                        .field(&key)
                        .map_or(FocusTarget::Heading, |field| {
                            FocusTarget::Control(control_id_in(
                                field,
                                key.as_str(),
                                self.draft.get(&key),
                            ))
                        });
                self.errors.clear();
                self.return_to_check = true;
                self.go_to(Step::Page(page), target);
            }
            Action::Focus { id } => self.request_focus(FocusTarget::Control(id)),
            Action::AcknowledgePrivacy { checked } => {
                self.privacy_acknowledged = checked;
                if checked {
                    self.privacy_missing = false;
                }
            }
            Action::PrivacyMissing => {
                self.submitting = false;
                self.privacy_missing = true;
                self.request_focus(FocusTarget::ErrorSummary);
            }
            Action::SubmitStarted => {
                self.submitting = true;
                self.submit_error = None;
            }
            Action::SubmitRejected { errors } => {
                self.submitting = false;
                let first_page = errors
                    .iter()
                    .filter_map(|error| self.page_of(error.field.root()))
                    .min();
                let Some(page) = first_page else {
                    // Errors for fields this version does not have: nothing to point at.
                    self.submit_error = errors.first().map(|error| error.message.de.clone());
                    return;
                };
                self.flagged
                    .extend(errors.iter().map(|error| error.field.root().to_owned()));
                self.errors = errors
                    .into_iter()
                    .filter(|error| self.page_of(error.field.root()) == Some(page))
                    .collect();
                self.sort_errors();
                self.return_to_check = true;
                self.go_to(Step::Page(page), FocusTarget::ErrorSummary);
            }
            Action::SubmitFailed { message } => {
                self.submitting = false;
                self.submit_error = Some(message);
            }
            Action::Submitted { receipt } => {
                self.submitting = false;
                self.go_to(Step::Done(receipt), FocusTarget::Heading);
            }
        }
    }

    /// Indexes of the pages shown for the current answers, in order.
    pub fn visible_pages(&self) -> impl DoubleEndedIterator<Item = usize> + '_ {
        (0..self.form.definition().pages.len())
            .filter(|page| self.state.visible_pages.get(*page).copied().unwrap_or(true))
    }

    /// "Step `n` of `total`" for page `index`, counting shown pages only.
    pub fn progress(&self, index: usize) -> (usize, usize) {
        let step = self.visible_pages().filter(|page| *page <= index).count();
        (step.max(1), self.visible_pages().count())
    }

    /// Whether the top-level field `key` is hidden by a condition (or on a hidden page).
    pub fn is_hidden(&self, key: &str) -> bool {
        self.state
            .hidden
            .iter()
            .any(|hidden| hidden.as_str() == key)
    }

    /// The index of the page that asks for the top-level field `key`.
    pub fn page_of(&self, key: &str) -> Option<usize> {
        self.form
            .definition()
            .pages
            .iter()
            .position(|page| page.fields.iter().any(|field| field.key.as_str() == key))
    }

    /// The answers to submit: those of shown fields only (hidden ones would be dropped by the
    /// validator anyway; not sending them is data minimisation).
    pub fn answers_to_submit(&self) -> Answers {
        let mut answers = self.draft.answers(self.form.definition());
        for key in &self.state.hidden {
            answers.remove(key);
        }
        answers
    }

    fn edit(&mut self, key: &FieldKey, value: RawValue, commit: bool, today: CalendarDate) {
        self.draft.set(key.clone(), value);
        let answers = self.draft.answers(self.form.definition());
        self.state = self.form.compiled.state(&answers, today);
        // A field that a condition just hid has nothing to fix any more.
        let hidden = self.state.hidden.clone();
        self.errors.retain(|error| {
            !hidden
                .iter()
                .any(|hidden| hidden.as_str() == error.field.root())
        });
        if !self.flagged.contains(key.as_str()) {
            return;
        }
        let Some(page) = self.page_of(key.as_str()) else {
            return;
        };
        let fresh: Vec<FieldError> = self
            .form
            .compiled
            .validate_page(page, &answers, today)
            .into_iter()
            .filter(|error| error.field.root() == key.as_str())
            .collect();
        if commit {
            self.errors
                .retain(|existing| existing.field.root() != key.as_str());
            self.errors.extend(fresh);
            self.sort_errors();
        } else {
            // While typing, errors only disappear (a part that is still wrong keeps its message).
            self.errors.retain(|existing| {
                existing.field.root() != key.as_str()
                    || fresh.iter().any(|error| error.field == existing.field)
            });
        }
    }

    fn continue_from_page(&mut self, today: CalendarDate) {
        let Step::Page(index) = self.step else { return };
        let answers = self.draft.answers(self.form.definition());
        self.state = self.form.compiled.state(&answers, today);
        let mut errors = self.form.compiled.validate_page(index, &answers, today);
        // A file still on its way is not in the answers yet: wait for it rather than go on
        // without it.
        for path in self.uploading.keys() {
            if self.page_of(path.root()) == Some(index) && errors.iter().all(|e| e.field != *path) {
                errors.extend(
                    self.form
                        .compiled
                        .error_at(path, FieldErrorKind::UploadInProgress),
                );
            }
        }
        if !errors.is_empty() {
            sort_by_form_order(self.form.definition(), &mut errors);
            self.flagged
                .extend(errors.iter().map(|error| error.field.root().to_owned()));
            self.errors = errors;
            self.request_focus(FocusTarget::ErrorSummary);
            return;
        }
        self.errors.clear();
        let next = if self.return_to_check {
            // A change may have shown a page (or made a question required) that still needs
            // answers: go there first instead of to a summary that cannot be sent.
            let pending = match self.form.compiled.validate(&answers, today) {
                Ok(_) => None,
                Err(errors) => errors
                    .iter()
                    .filter_map(|error| self.page_of(error.field.root()))
                    .filter(|page| *page != index)
                    .min(),
            };
            match pending {
                Some(page) => Step::Page(page),
                None => {
                    self.return_to_check = false;
                    Step::Check
                }
            }
        } else {
            self.visible_pages()
                .find(|page| *page > index)
                .map_or(Step::Check, Step::Page)
        };
        self.go_to(next, FocusTarget::Heading);
    }

    fn go_to(&mut self, step: Step, focus: FocusTarget) {
        self.step = step;
        self.submit_error = None;
        self.request_focus(focus);
    }

    fn request_focus(&mut self, target: FocusTarget) {
        let generation = self
            .focus
            .as_ref()
            .map_or(1, |focus| focus.generation.wrapping_add(1));
        self.focus = Some(FocusRequest { generation, target });
    }

    fn sort_errors(&mut self) {
        sort_by_form_order(self.form.definition(), &mut self.errors);
    }
}

/// Puts errors into the order of their fields in the form. Stable: errors inside one field keep
/// the validator's order.
fn sort_by_form_order(definition: &FormDefinition, errors: &mut [FieldError]) {
    let position = |key: &str| {
        definition
            .fields()
            .position(|field| field.key.as_str() == key)
    };
    errors.sort_by_key(|error| position(error.field.root()));
}

/// One page per question: each input field becomes a page of its own with its page's title and
/// condition; content blocks (headings, notes) go with the next question, or with the last one
/// when they end a page.
fn one_question_pages(pages: &[shared::Page]) -> Vec<shared::Page> {
    let mut split = Vec::new();
    for page in pages {
        let mut pending_content = Vec::new();
        let first = split.len();
        for field in &page.fields {
            if field.kind.takes_input() {
                let mut fields = std::mem::take(&mut pending_content);
                fields.push(field.clone());
                split.push(shared::Page {
                    title: page.title.clone(),
                    visible_if: page.visible_if.clone(),
                    fields,
                });
            } else {
                pending_content.push(field.clone());
            }
        }
        match split.get_mut(first..).and_then(<[shared::Page]>::last_mut) {
            Some(last) => last.fields.extend(pending_content),
            // A page of content only stays as it is.
            None => split.push(page.clone()),
        }
    }
    split
}

impl Reducible for FormFlow {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use shared::{Field, FieldKind, LocalizedText, Page};

    use super::*;

    fn today() -> CalendarDate {
        CalendarDate::from_ymd(2026, 11, 23).unwrap()
    }

    fn field(key: &str, kind: FieldKind, required: bool) -> Field {
        Field {
            key: key.parse().unwrap(),
            label: LocalizedText::de(key),
            hint: None,
            kind,
            required,
            required_if: None,
            visible_if: None,
            rules: Vec::new(),
            autocomplete: None,
        }
    }

    fn flow() -> FormFlow {
        let definition = FormDefinition {
            slug: "fundsache-melden".parse().unwrap(),
            title: LocalizedText::de("Fundsache melden"),
            description: None,
            pages: vec![
                Page {
                    title: LocalizedText::de("Fund"),
                    visible_if: None,
                    fields: vec![field("fundort", FieldKind::Text, true)],
                },
                Page {
                    title: LocalizedText::de("Kontakt"),
                    visible_if: None,
                    fields: vec![
                        field("email", FieldKind::Email, true),
                        field("notiz", FieldKind::Text, false),
                    ],
                },
            ],
            payment: None,
            privacy_notice: None,
            one_question_per_page: false,
            confirmation_email_field: None,
        };
        flow_of(definition)
    }

    /// Version 1 of `definition`, loaded as the page loads a form.
    fn loaded(definition: FormDefinition) -> LoadedForm {
        let form = Form {
            id: "67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap(),
            version: 1,
            definition,
        };
        LoadedForm::new(form).unwrap()
    }

    /// A fresh flow through version 1 of `definition`.
    fn flow_of(definition: FormDefinition) -> FormFlow {
        FormFlow::new(Rc::new(loaded(definition)), today())
    }

    fn key(text: &str) -> FieldKey {
        text.parse().unwrap()
    }

    fn edit(flow: &mut FormFlow, name: &str, text: &str, commit: bool) {
        flow.apply(Action::Edit {
            key: key(name),
            value: RawValue::Text(text.into()),
            commit,
            today: today(),
        });
    }

    #[test]
    fn continue_with_a_missing_answer_shows_errors_and_focuses_the_summary() {
        let mut flow = flow();
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(0));
        assert_eq!(flow.errors.len(), 1);
        assert_eq!(
            flow.focus.as_ref().unwrap().target,
            FocusTarget::ErrorSummary
        );

        // Asking again moves focus again.
        let generation = flow.focus.as_ref().unwrap().generation;
        flow.apply(Action::Continue { today: today() });
        assert!(flow.focus.as_ref().unwrap().generation > generation);
    }

    #[test]
    fn flagged_fields_clear_while_typing_but_new_errors_wait_for_the_change_event() {
        let mut flow = flow();
        flow.apply(Action::Continue { today: today() });
        edit(&mut flow, "fundort", "Rathaus", false);
        assert!(flow.errors.is_empty());
        edit(&mut flow, "fundort", "", false);
        assert!(flow.errors.is_empty(), "no new error while typing");
        edit(&mut flow, "fundort", "", true);
        assert_eq!(flow.errors.len(), 1);
    }

    #[test]
    fn pages_lead_to_the_summary_and_back_keeps_answers() {
        let mut flow = flow();
        edit(&mut flow, "fundort", "Rathaus", true);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(1));
        assert_eq!(flow.focus.as_ref().unwrap().target, FocusTarget::Heading);
        flow.apply(Action::Back);
        assert_eq!(flow.step, Step::Page(0));
        assert_eq!(
            flow.draft.get(&key("fundort")),
            Some(&RawValue::Text("Rathaus".into()))
        );
        flow.apply(Action::Continue { today: today() });
        edit(&mut flow, "email", "a@example.org", true);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
    }

    #[test]
    fn change_returns_to_the_summary_after_the_page() {
        let mut flow = flow();
        edit(&mut flow, "fundort", "Rathaus", true);
        edit(&mut flow, "email", "a@example.org", true);
        flow.apply(Action::Continue { today: today() });
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
        flow.apply(Action::ChangeAnswer {
            key: key("fundort"),
        });
        assert_eq!(flow.step, Step::Page(0));
        assert_eq!(
            flow.focus.as_ref().unwrap().target,
            FocusTarget::Control("field-fundort".into())
        );
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
    }

    #[test]
    fn server_errors_go_back_to_the_first_page_with_an_error() {
        let mut flow = flow();
        flow.step = Step::Check;
        let email_field = flow.form.definition().field(&key("email")).unwrap().clone();
        let error = FieldError::new(&email_field, shared::FieldErrorKind::InvalidEmail);
        flow.apply(Action::SubmitStarted);
        flow.apply(Action::SubmitRejected {
            errors: vec![error.clone()],
        });
        assert_eq!(flow.step, Step::Page(1));
        assert_eq!(flow.errors, vec![error]);
        assert!(!flow.submitting);
        assert_eq!(
            flow.focus.as_ref().unwrap().target,
            FocusTarget::ErrorSummary
        );
    }

    fn conditional_flow() -> FormFlow {
        let mut kontoinhaber = field("kontoinhaber", FieldKind::Text, true);
        kontoinhaber.visible_if = Some(shared::schema::Expression("lastschrift".into()));
        let definition = FormDefinition {
            slug: "hund-anmelden".parse().unwrap(),
            title: LocalizedText::de("Hund anmelden"),
            description: None,
            pages: vec![
                Page {
                    title: LocalizedText::de("Zahlung"),
                    visible_if: None,
                    fields: vec![field("lastschrift", FieldKind::YesNo, true), kontoinhaber],
                },
                Page {
                    title: LocalizedText::de("Konto"),
                    visible_if: Some(shared::schema::Expression("lastschrift".into())),
                    fields: vec![field("iban", FieldKind::Iban, true)],
                },
                Page {
                    title: LocalizedText::de("Ende"),
                    visible_if: None,
                    fields: vec![field("notiz", FieldKind::Text, false)],
                },
            ],
            payment: None,
            privacy_notice: None,
            one_question_per_page: false,
            confirmation_email_field: None,
        };
        flow_of(definition)
    }

    fn choose(flow: &mut FormFlow, yes: bool) {
        flow.apply(Action::Edit {
            key: key("lastschrift"),
            value: RawValue::Checked(yes),
            commit: true,
            today: today(),
        });
    }

    #[test]
    fn hidden_pages_are_skipped_and_not_counted() {
        let mut flow = conditional_flow();
        assert!(flow.is_hidden("kontoinhaber"));
        assert_eq!(flow.progress(0), (1, 2));
        choose(&mut flow, false);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(2), "the account page is skipped");
        assert_eq!(flow.progress(2), (2, 2));
        flow.apply(Action::Back);
        assert_eq!(flow.step, Step::Page(0));

        choose(&mut flow, true);
        assert!(!flow.is_hidden("kontoinhaber"));
        assert_eq!(flow.progress(0), (1, 3));
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(0), "the shown field is now required");
        assert_eq!(flow.errors.len(), 1);
        assert_eq!(flow.errors[0].field.as_str(), "kontoinhaber");

        // Hiding the field again removes its error at once, and its answer is not sent.
        edit(&mut flow, "kontoinhaber", "Erika", false);
        choose(&mut flow, false);
        assert!(flow.errors.is_empty());
        assert!(flow.answers_to_submit().get(&key("kontoinhaber")).is_none());
        assert!(
            flow.draft.get(&key("kontoinhaber")).is_some(),
            "the draft keeps it"
        );
    }

    #[test]
    fn a_change_that_shows_a_page_leads_there_before_the_summary() {
        let mut flow = conditional_flow();
        choose(&mut flow, false);
        flow.apply(Action::Continue { today: today() });
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
        flow.apply(Action::ChangeAnswer {
            key: key("lastschrift"),
        });
        assert_eq!(
            flow.focus.as_ref().unwrap().target,
            FocusTarget::Control("field-lastschrift-1".into())
        );
        choose(&mut flow, true);
        edit(&mut flow, "kontoinhaber", "Erika", true);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(1), "the IBAN is still missing");
        edit(&mut flow, "iban", "DE89 3704 0044 0532 0130 00", true);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
    }

    /// A one-page form with a file field and a group with a file field.
    fn upload_flow() -> FormFlow {
        let file_kind = || FieldKind::File {
            accept: vec!["application/pdf".into()],
            max_size_bytes: 1000,
            max_count: 2,
        };
        let group = field(
            "hunde",
            FieldKind::Group {
                fields: vec![
                    field("rufname", FieldKind::Text, false),
                    field("impfpass", file_kind(), false),
                ],
                min_items: 0,
                max_items: 3,
            },
            false,
        );
        let definition = FormDefinition {
            slug: "hund".parse().unwrap(),
            title: LocalizedText::de("Hund"),
            description: None,
            pages: vec![Page {
                title: LocalizedText::de("Hund"),
                visible_if: None,
                fields: vec![field("nachweis", file_kind(), false), group],
            }],
            payment: None,
            privacy_notice: None,
            one_question_per_page: false,
            confirmation_email_field: None,
        };
        flow_of(definition)
    }

    #[test]
    fn continue_waits_for_uploads_on_the_page() {
        let mut flow = upload_flow();
        let path = FieldPath::from("hunde[1].impfpass");
        flow.apply(Action::Uploading {
            path: path.clone(),
            started: true,
        });
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(0));
        assert_eq!(flow.errors.len(), 1);
        assert_eq!(flow.errors[0].field, path);
        assert_eq!(flow.errors[0].kind, FieldErrorKind::UploadInProgress);
        assert_eq!(
            flow.errors[0].message.de,
            "hunde 2: Warten Sie, bis die Datei bei „impfpass“ hochgeladen ist"
        );

        flow.apply(Action::Uploading {
            path,
            started: false,
        });
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Check);
    }

    #[test]
    fn item_edits_apply_to_the_items_as_they_are_then() {
        let mut flow = upload_flow();
        let name = |text: &str| RawValue::Text(text.into());
        let items = vec![
            [(key("rufname"), name("Bello"))].into(),
            [(key("rufname"), name(""))].into(),
        ];
        flow.apply(Action::Edit {
            key: key("hunde"),
            value: RawValue::Items(items),
            commit: true,
            today: today(),
        });
        // Typed into item 2 while item 1's upload was running …
        flow.apply(Action::EditItem {
            key: key("hunde"),
            index: 1,
            child: key("rufname"),
            value: name("Luna"),
            commit: false,
            today: today(),
        });
        // … then the upload of item 1 ends: item 2 keeps its name.
        let file: shared::validation::FileRef = serde_json::from_value(serde_json::json!({
            "id": "0b5c6a8e-3f0e-4c1a-9d7e-2b1f4a6c8d90", "name": "impfpass.pdf",
            "size": 10, "media_type": "application/pdf"
        }))
        .unwrap();
        flow.apply(Action::EditItem {
            key: key("hunde"),
            index: 0,
            child: key("impfpass"),
            value: RawValue::Files(vec![file]),
            commit: true,
            today: today(),
        });
        let answers = serde_json::to_value(flow.draft.answers(flow.form.definition())).unwrap();
        assert_eq!(answers["hunde"][0]["rufname"], "Bello");
        assert_eq!(answers["hunde"][0]["impfpass"][0]["name"], "impfpass.pdf");
        assert_eq!(answers["hunde"][0]["impfpass"][0]["size"], 10);
        assert_eq!(answers["hunde"][1]["rufname"], "Luna");
    }

    #[test]
    fn drafts_come_back_whole_or_where_fields_still_fit() {
        use crate::draft::SavedDraft;
        let flow = flow();
        let definition = flow.form.definition();
        let mut draft = Draft::default();
        draft.set(key("fundort"), RawValue::Text("Marktplatz".into()));
        draft.set(key("email"), RawValue::Checked(true));
        draft.set(key("entfernt"), RawValue::Text("alt".into()));
        let saved = SavedDraft {
            version: 1,
            draft: draft.clone(),
        };
        let json = serde_json::to_string(&saved).unwrap();
        let saved: SavedDraft = serde_json::from_str(&json).unwrap();

        let (same, restored) = saved.clone().restore(1, definition).unwrap();
        assert_eq!((same, restored), (draft, Restored::Complete));

        // Version 2: unknown keys and values of another shape are dropped.
        let (migrated, restored) = saved.restore(2, definition).unwrap();
        assert_eq!(restored, Restored::Migrated);
        assert_eq!(
            migrated.get(&key("fundort")),
            Some(&RawValue::Text("Marktplatz".into()))
        );
        assert_eq!(migrated.get(&key("email")), None);
        assert_eq!(migrated.get(&key("entfernt")), None);

        let empty = SavedDraft {
            version: 1,
            draft: Draft::default(),
        };
        assert!(empty.restore(2, definition).is_none());
    }

    #[test]
    fn a_restored_draft_can_be_discarded() {
        let base = flow();
        let mut draft = Draft::default();
        draft.set(key("fundort"), RawValue::Text("Marktplatz".into()));
        let mut flow = FormFlow::with_draft(
            Rc::clone(&base.form),
            draft,
            Some(Restored::Complete),
            today(),
        );
        assert!(!flow.draft.is_empty());
        flow.apply(Action::DiscardDraft { today: today() });
        assert!(flow.draft.is_empty());
        assert_eq!(flow.restored, None);
        assert_eq!(flow.focus.as_ref().unwrap().target, FocusTarget::Heading);
    }

    #[test]
    fn migrated_groups_keep_only_items_that_fit_the_group_now() {
        use crate::draft::SavedDraft;
        let flow = upload_flow();
        let item = |key_text: &str| -> crate::draft::GroupItem {
            [(key(key_text), RawValue::Text("Bello".into()))].into()
        };
        let mut fitting = Draft::default();
        fitting.set(key("hunde"), RawValue::Items(vec![item("rufname")]));
        let mut changed = Draft::default();
        changed.set(
            key("hunde"),
            RawValue::Items(vec![item("rufname"), item("alter")]),
        );
        let restore =
            |draft: Draft| SavedDraft { version: 1, draft }.restore(2, flow.form.definition());
        assert!(restore(fitting).is_some());
        assert!(
            restore(changed).is_none(),
            "a removed child field drops the group"
        );
    }

    #[test]
    fn discarding_keeps_waiting_for_running_uploads() {
        let mut flow = upload_flow();
        let path = FieldPath::from("nachweis");
        flow.apply(Action::Uploading {
            path: path.clone(),
            started: true,
        });
        flow.apply(Action::DiscardDraft { today: today() });
        assert!(flow.uploading.contains_key(&path));
    }

    #[test]
    fn a_missing_privacy_tick_is_an_error_until_ticked() {
        let mut flow = flow();
        flow.apply(Action::PrivacyMissing);
        assert!(flow.privacy_missing);
        assert!(!flow.submitting);
        assert_eq!(
            flow.focus.as_ref().unwrap().target,
            FocusTarget::ErrorSummary
        );
        flow.apply(Action::AcknowledgePrivacy { checked: true });
        assert!(flow.privacy_acknowledged);
        assert!(!flow.privacy_missing);
        flow.apply(Action::AcknowledgePrivacy { checked: false });
        assert!(!flow.privacy_acknowledged);
    }

    #[test]
    fn one_question_per_page_asks_each_question_on_its_own_step() {
        let definition: FormDefinition = serde_json::from_value(serde_json::json!({
            "slug": "einzeln", "title": { "de": "Einzeln" }, "one_question_per_page": true,
            "pages": [
                { "title": { "de": "Abholung" }, "fields": [
                    { "key": "hinweis", "label": { "de": "Hinweis" }, "type": "content", "text": { "de": "Bitte vollständig." } },
                    { "key": "art", "label": { "de": "Art" }, "type": "text", "required": true },
                    { "key": "menge", "label": { "de": "Menge" }, "type": "integer", "visible_if": "art = \"viel\"" },
                    { "key": "ende", "label": { "de": "Ende" }, "type": "content", "text": { "de": "Danke." } }
                ]},
                { "title": { "de": "Kontakt" }, "fields": [
                    { "key": "email", "label": { "de": "E-Mail" }, "type": "email", "required": true }
                ]}
            ]
        }))
        .unwrap();
        let loaded = loaded(definition);
        let pages = &loaded.definition().pages;
        let keys: Vec<Vec<&str>> = pages
            .iter()
            .map(|page| page.fields.iter().map(|field| field.key.as_str()).collect())
            .collect();
        assert_eq!(
            keys,
            [vec!["hinweis", "art"], vec!["menge", "ende"], vec!["email"]]
        );
        assert_eq!(pages[1].title.de, "Abholung");

        let mut flow = FormFlow::new(Rc::new(loaded), today());
        // "menge" is hidden until "art" is "viel": two steps, not three.
        assert_eq!(flow.progress(0), (1, 2));
        edit(&mut flow, "art", "wenig", true);
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(2));
        flow.apply(Action::Back);
        edit(&mut flow, "art", "viel", true);
        assert_eq!(flow.progress(0), (1, 3));
        flow.apply(Action::Continue { today: today() });
        assert_eq!(flow.step, Step::Page(1));
    }
}
