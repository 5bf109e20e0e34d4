//! The control of a file field: a file input (on phones it offers the camera too), the files
//! already uploaded with a "remove" button each, and a progress bar per file on its way.
//!
//! Each file is uploaded as soon as it is chosen, so a slow or failed file can be retried alone
//! and the answers only carry the server's reference. Type and size are checked here first, with
//! the engine's own rule (`shared::validation::check_file`); the server checks again.

use std::cell::RefCell;
use std::rc::Rc;

use shared::validation::{FieldPath, FileRef, check_file};
use shared::{FieldError, FieldErrorKind, FieldKind, FormSlug, Lang};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api::{self, ClientError};
use crate::draft::RawValue;
use crate::i18n::Msg;

/// Where files of the form being filled in go, and whom to tell that an upload runs (the form
/// does not move on while one does). Provided by the form page.
#[derive(Debug, Clone, PartialEq)]
pub struct UploadContext {
    pub slug: FormSlug,
    pub version: u32,
    /// `(path of the field, true)` when an upload starts, `false` when it ends.
    pub on_uploading: Callback<(FieldPath, bool)>,
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FileUploadProps {
    pub field: shared::Field,
    pub lang: Lang,
    /// The field's path (`nachweis`, `hunde[1].impfpass`).
    pub path: FieldPath,
    /// Id of the `<input type="file">` (the label points at it).
    pub id: String,
    #[prop_or_default]
    pub describedby: Option<String>,
    #[prop_or_default]
    pub invalid: Option<&'static str>,
    /// The files uploaded so far.
    pub files: Vec<FileRef>,
    pub on_change: Callback<(RawValue, bool)>,
}

/// A file on its way, or one that did not make it.
#[derive(Debug, Clone, PartialEq)]
struct Pending {
    token: u32,
    name: String,
    sent: f64,
    total: f64,
    /// Why it failed; the entry stays until dismissed so the citizen can read it.
    error: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Uploads {
    pending: Vec<Pending>,
    /// The last thing to announce to screen readers.
    announcement: String,
}

enum UploadAction {
    Started {
        token: u32,
        name: String,
        total: f64,
    },
    Progress {
        token: u32,
        sent: f64,
        total: f64,
    },
    Done {
        token: u32,
        announcement: String,
    },
    Failed {
        token: u32,
        message: String,
    },
    Dismiss {
        token: u32,
    },
}

impl Uploads {
    /// Files still on their way (failed ones stay listed until dismissed but take no slot).
    fn running(&self) -> usize {
        self.pending
            .iter()
            .filter(|pending| pending.error.is_none())
            .count()
    }
}

impl Reducible for Uploads {
    type Action = UploadAction;

    fn reduce(self: Rc<Self>, action: UploadAction) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        match action {
            UploadAction::Started { token, name, total } => next.pending.push(Pending {
                token,
                name,
                sent: 0.0,
                total,
                error: None,
            }),
            UploadAction::Progress { token, sent, total } => {
                if let Some(pending) = next.pending.iter_mut().find(|p| p.token == token) {
                    pending.sent = sent;
                    pending.total = total;
                }
            }
            UploadAction::Done {
                token,
                announcement,
            } => {
                next.pending.retain(|pending| pending.token != token);
                next.announcement = announcement;
            }
            UploadAction::Failed { token, message } => {
                if let Some(pending) = next.pending.iter_mut().find(|p| p.token == token) {
                    pending.error = Some(message.clone());
                }
                next.announcement = message;
            }
            UploadAction::Dismiss { token } => {
                next.pending.retain(|pending| pending.token != token);
            }
        }
        Rc::new(next)
    }
}

/// "12 KB", "3,4 MB".
pub fn format_size(bytes: u64, lang: Lang) -> String {
    if bytes < 1_000_000 {
        return format!("{} KB", bytes.div_ceil(1000).max(1));
    }
    let tenths = bytes.div_ceil(100_000);
    let separator = if lang == Lang::En { '.' } else { ',' };
    format!("{}{separator}{} MB", tenths / 10, tenths % 10)
}

#[component]
pub fn FileUpload(props: &FileUploadProps) -> Html {
    let context = use_context::<UploadContext>();
    let uploads = use_reducer(Uploads::default);
    let next_token = use_mut_ref(|| 0_u32);
    // The files as of the latest render *and* finished uploads since: several uploads that end
    // between two renders must not overwrite each other.
    let latest = use_mut_ref(Vec::<FileRef>::new);
    *latest.borrow_mut() = props.files.clone();

    let FieldKind::File {
        accept,
        max_size_bytes,
        max_count,
    } = &props.field.kind
    else {
        return Html::default();
    };
    let lang = props.lang;
    let room = max_count.saturating_sub(props.files.len() + uploads.running());

    let onchange = {
        let (uploads, next_token, latest) = (uploads.clone(), next_token, latest.clone());
        let (field, path, on_change) = (
            props.field.clone(),
            props.path.clone(),
            props.on_change.clone(),
        );
        let (accept, max_size_bytes, max_count) = (accept.clone(), *max_size_bytes, *max_count);
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            // Let the same file be chosen again after a failure.
            input.set_value("");
            let mut room = max_count.saturating_sub(latest.borrow().len() + uploads.running());
            for file in chosen {
                let token = {
                    let mut counter = next_token.borrow_mut();
                    *counter += 1;
                    *counter
                };
                let name = file.name();
                uploads.dispatch(UploadAction::Started {
                    token,
                    name: name.clone(),
                    total: file.size(),
                });
                let refused = if room == 0 {
                    Some(FieldErrorKind::TooManyFiles { max: max_count })
                } else {
                    // A size in bytes is a whole number well below 2^53.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let size = file.size() as u64;
                    check_file(&accept, max_size_bytes, &file.type_(), size).err()
                };
                if let Some(kind) = refused {
                    let message = FieldError::new(&field, kind).message.get(lang).to_owned();
                    uploads.dispatch(UploadAction::Failed {
                        token,
                        message: format!("{name}: {message}"),
                    });
                    continue;
                }
                room -= 1;
                let Some(context) = context.clone() else {
                    continue;
                };
                start_upload(
                    &context,
                    Upload {
                        token,
                        file,
                        name,
                        path: path.clone(),
                        lang,
                    },
                    &uploads,
                    &latest,
                    &on_change,
                );
            }
        })
    };

    let files = props.files.iter().enumerate().map(|(index, file)| {
        let onclick = {
            let (latest, on_change) = (latest.clone(), props.on_change.clone());
            Callback::from(move |_: MouseEvent| {
                let mut files = latest.borrow().clone();
                if index < files.len() {
                    files.remove(index);
                }
                *latest.borrow_mut() = files.clone();
                on_change.emit((RawValue::Files(files), true));
            })
        };
        html! {
            <li class="file-item" key={file.id.to_string()}>
                <span class="file-name">{ &file.name }</span>
                <span class="file-size">{ format!(" ({})", format_size(file.size, lang)) }</span>
                <button type="button" class="button button--secondary button--small" {onclick}>
                    { Msg::RemoveFile.text(lang) }
                    <span class="visually-hidden">{ format!(" {}", file.name) }</span>
                </button>
            </li>
        }
    });
    let pending = uploads.pending.iter().map(|pending| {
        let progress_id = format!("{}-progress-{}", props.id, pending.token);
        match &pending.error {
            None => {
                // A whole percentage: formatting an f64 would pull float printing into the bundle.
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let percent = if pending.total > 0.0 {
                    (pending.sent / pending.total * 100.0).round().clamp(0.0, 100.0) as u32
                } else {
                    0
                };
                html! {
                    <li class="file-item" key={format!("p{}", pending.token)}>
                        <label class="file-name" for={progress_id.clone()}>
                            { format!("{}: {}", Msg::Uploading.text(lang), pending.name) }
                        </label>
                        <progress id={progress_id} class="file-progress" max="100" value={percent.to_string()}>
                            { format!("{percent} %") }
                        </progress>
                    </li>
                }
            }
            Some(message) => {
                let onclick = {
                    let (uploads, token) = (uploads.clone(), pending.token);
                    Callback::from(move |_: MouseEvent| {
                        uploads.dispatch(UploadAction::Dismiss { token });
                    })
                };
                html! {
                    <li class="file-item file-item--error" key={format!("p{}", pending.token)}>
                        <p class="field-error">
                            <span class="visually-hidden">{ format!("{} ", Msg::ErrorPrefix.text(lang)) }</span>
                            { message }
                        </p>
                        <button type="button" class="button button--secondary button--small" {onclick}>
                            { Msg::DismissMessage.text(lang) }
                            <span class="visually-hidden">{ format!(" ({})", pending.name) }</span>
                        </button>
                    </li>
                }
            }
        }
    });
    let listed = !props.files.is_empty() || !uploads.pending.is_empty();
    let full_id = format!("{}-full", props.id);
    let describedby = if room == 0 {
        Some(match &props.describedby {
            Some(ids) => format!("{ids} {full_id}"),
            None => full_id.clone(),
        })
    } else {
        props.describedby.clone()
    };
    html! {
        <>
            if listed {
                <ul class="file-list">
                    { for files }
                    { for pending }
                </ul>
            }
            if room == 0 {
                <p class="field-hint" id={full_id.clone()}>{ Msg::FileCountReached.text(lang) }</p>
            }
            // When full, the input stays (its label points at it) but is off, and says why.
            <input
                class="file-input"
                type="file"
                id={props.id.clone()}
                name={props.id.clone()}
                accept={(!accept.is_empty()).then(|| accept.join(","))}
                multiple={room > 1}
                disabled={room == 0}
                aria-describedby={describedby}
                aria-invalid={props.invalid}
                {onchange}
            />
            <div class="visually-hidden" role="status" aria-live="polite">
                { uploads.announcement.clone() }
            </div>
        </>
    }
}

struct Upload {
    token: u32,
    file: web_sys::File,
    name: String,
    path: FieldPath,
    lang: Lang,
}

/// Sends one file; on success adds it to the field's files (as of then, not as of the click).
fn start_upload(
    context: &UploadContext,
    upload: Upload,
    uploads: &UseReducerHandle<Uploads>,
    latest: &Rc<RefCell<Vec<FileRef>>>,
    on_change: &Callback<(RawValue, bool)>,
) {
    let Upload {
        token,
        file,
        name,
        path,
        lang,
    } = upload;
    let (context, uploads, latest, on_change) = (
        context.clone(),
        uploads.clone(),
        latest.clone(),
        on_change.clone(),
    );
    // The field path names the group item; the endpoint wants the field (`group.key`).
    let field = field_spec(&path);
    context.on_uploading.emit((path.clone(), true));
    wasm_bindgen_futures::spawn_local(async move {
        let progress = {
            let uploads = uploads.clone();
            move |sent: f64, total: f64| {
                uploads.dispatch(UploadAction::Progress { token, sent, total });
            }
        };
        let result = api::upload_file(
            &context.slug,
            context.version,
            &field,
            &file,
            lang,
            progress,
        )
        .await;
        match result {
            Ok(stored) => {
                let mut files = latest.borrow().clone();
                files.push(stored);
                *latest.borrow_mut() = files.clone();
                on_change.emit((RawValue::Files(files), true));
                uploads.dispatch(UploadAction::Done {
                    token,
                    announcement: format!("{name} {}", Msg::UploadedSuffix.text(lang)),
                });
            }
            Err(error) => {
                let message = match error {
                    ClientError::Api(body) => body.message,
                    ClientError::Network(_) | ClientError::Decode(_) => {
                        Msg::NetworkError.text(lang)
                    }
                };
                uploads.dispatch(UploadAction::Failed {
                    token,
                    message: format!("{name}: {message}"),
                });
            }
        }
        context.on_uploading.emit((path, false));
    });
}

/// `hunde[1].impfpass` → `hunde.impfpass`; `nachweis` stays.
pub fn field_spec(path: &FieldPath) -> String {
    let mut spec = String::new();
    let mut in_index = false;
    for c in path.as_str().chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => spec.push(c),
            _ => {}
        }
    }
    spec
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upload_fields_are_named_without_item_numbers() {
        assert_eq!(field_spec(&FieldPath::from("nachweis")), "nachweis");
        assert_eq!(
            field_spec(&FieldPath::from("hunde[12].impfpass")),
            "hunde.impfpass"
        );
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(format_size(1, Lang::De), "1 KB");
        assert_eq!(format_size(999_999, Lang::De), "1000 KB");
        assert_eq!(format_size(3_400_000, Lang::De), "3,4 MB");
        assert_eq!(format_size(3_400_000, Lang::En), "3.4 MB");
    }
}
