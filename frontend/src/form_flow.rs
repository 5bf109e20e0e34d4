//! A citizen's way through one form: pages, check-your-answers, confirmation, and the errors
//! shown on the way.
//!
//! A pure reducer (no DOM, no HTTP) so the rules are unit-tested on the host: which step comes
//! next, which errors are shown, when a flagged field is re-validated and where focus goes. The
//! page component performs the side effects the state asks for (focus, title, requests).

use std::collections::BTreeSet;
use std::rc::Rc;

use shared::api::{Form, SubmissionReceipt};
use shared::{CalendarDate, CompiledForm, FieldError, FieldKey, FormDefinition};
use yew::Reducible;

use crate::components::field_input::control_id;
use crate::draft::{Draft, RawValue};

/// A form version as loaded from the server, compiled once for validation.
#[derive(Debug)]
pub struct LoadedForm {
    pub form: Form,
    pub compiled: CompiledForm,
}

impl LoadedForm {
    /// Compiles the form; `None` if the definition is broken (the server should never send one).
    pub fn new(form: Form) -> Option<Self> {
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
    /// One page of questions (index from 0).
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
    /// Errors shown now, in form order; all belong to the current page.
    pub errors: Vec<FieldError>,
    /// A message for a failed submission that is not about single answers.
    pub submit_error: Option<String>,
    pub submitting: bool,
    /// `None` until something asks for a focus move (never on first load).
    pub focus: Option<FocusRequest>,
    /// Fields that were shown an error; they are re-validated as they change.
    flagged: BTreeSet<FieldKey>,
    /// Set by "Ändern": the next successful "Weiter" returns to the summary.
    return_to_check: bool,
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
    /// "Weiter" on a page.
    Continue { today: CalendarDate },
    /// "Zurück".
    Back,
    /// "Ändern" in the summary.
    ChangeAnswer { key: FieldKey },
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
    pub fn new(form: Rc<LoadedForm>) -> Self {
        Self {
            form,
            step: Step::Page(0),
            draft: Draft::default(),
            errors: Vec::new(),
            submit_error: None,
            submitting: false,
            focus: None,
            flagged: BTreeSet::new(),
            return_to_check: false,
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
            Action::Continue { today } => self.continue_from_page(today),
            Action::Back => {
                let previous = match self.step {
                    Step::Page(index) if index > 0 => Step::Page(index - 1),
                    Step::Check => Step::Page(self.page_count() - 1),
                    Step::Page(_) | Step::Done(_) => return,
                };
                self.errors.clear();
                self.go_to(previous, FocusTarget::Heading);
            }
            Action::ChangeAnswer { key } => {
                let Some(page) = self.page_of(&key) else {
                    return;
                };
                let target = self
                    .form
                    .definition()
                    .field(&key)
                    .map_or(FocusTarget::Heading, |field| {
                        FocusTarget::Control(control_id(field))
                    });
                self.errors.clear();
                self.return_to_check = true;
                self.go_to(Step::Page(page), target);
            }
            Action::SubmitStarted => {
                self.submitting = true;
                self.submit_error = None;
            }
            Action::SubmitRejected { errors } => {
                self.submitting = false;
                let first_page = errors
                    .iter()
                    .filter_map(|error| self.page_of(&error.field))
                    .min();
                let Some(page) = first_page else {
                    // Errors for fields this version does not have: nothing to point at.
                    self.submit_error = errors.first().map(|error| error.message.de.clone());
                    return;
                };
                self.flagged
                    .extend(errors.iter().map(|error| error.field.clone()));
                self.errors = errors
                    .into_iter()
                    .filter(|error| self.page_of(&error.field) == Some(page))
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

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.form.definition().pages.len()
    }

    /// The index of the page that asks for `key`.
    pub fn page_of(&self, key: &FieldKey) -> Option<usize> {
        self.form
            .definition()
            .pages
            .iter()
            .position(|page| page.fields.iter().any(|field| &field.key == key))
    }

    fn edit(&mut self, key: &FieldKey, value: RawValue, commit: bool, today: CalendarDate) {
        self.draft.set(key.clone(), value);
        if !self.flagged.contains(key) {
            return;
        }
        let Some(page) = self.page_of(key) else {
            return;
        };
        let answers = self.draft.answers(self.form.definition());
        let fresh = self
            .form
            .compiled
            .validate_page(page, &answers, today)
            .into_iter()
            .find(|error| &error.field == key);
        match fresh {
            None => self.errors.retain(|error| &error.field != key),
            Some(error) if commit => {
                self.errors.retain(|existing| &existing.field != key);
                self.errors.push(error);
                self.sort_errors();
            }
            Some(_) => {}
        }
    }

    fn continue_from_page(&mut self, today: CalendarDate) {
        let Step::Page(index) = self.step else { return };
        let answers = self.draft.answers(self.form.definition());
        let errors = self.form.compiled.validate_page(index, &answers, today);
        if !errors.is_empty() {
            self.flagged
                .extend(errors.iter().map(|error| error.field.clone()));
            self.errors = errors;
            self.request_focus(FocusTarget::ErrorSummary);
            return;
        }
        self.errors.clear();
        let next = if self.return_to_check || index + 1 >= self.page_count() {
            self.return_to_check = false;
            Step::Check
        } else {
            Step::Page(index + 1)
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
        let definition = self.form.definition();
        let position = |key: &FieldKey| definition.fields().position(|field| &field.key == key);
        self.errors.sort_by_key(|error| position(&error.field));
    }
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
                    fields: vec![field("fundort", FieldKind::Text, true)],
                },
                Page {
                    title: LocalizedText::de("Kontakt"),
                    fields: vec![
                        field("email", FieldKind::Email, true),
                        field("notiz", FieldKind::Text, false),
                    ],
                },
            ],
        };
        let form = Form {
            id: "67e55044-10b1-426f-9247-bb680e5fe0c8".parse().unwrap(),
            version: 1,
            definition,
        };
        FormFlow::new(Rc::new(LoadedForm::new(form).unwrap()))
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
}
