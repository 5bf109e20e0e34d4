//! The first view of a citizen form page (`/formulare/{slug}`), rendered on the server.
//!
//! A phone on a slow network should not wait for ~290 KB of WASM before it can type. The page
//! therefore arrives with the form's first step already in the HTML, rendered by the form
//! bundle's own Yew components (`frontend::form_app::FormApp`, Yew's `ServerRenderer`), so it
//! looks exactly as it will once the app runs. Trunk's loader (which fetches the bundle at
//! page start) is replaced by [`LOADER`], which fetches it on the first interaction. The bundle
//! then renders into its own root and the loader swaps the views, carrying over what was typed
//! and repeating held-back clicks. `frontend/src/form_app.rs` has the client side.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use frontend::form_app::{
    APP_ROOT_ID, FIRST_VIEW_ID, FirstView, FirstViewData, FormApp, FormAppProps, SERVER_ROOT_ID,
};

use crate::app::AppState;
use crate::clock::local_date;
use crate::db;
use crate::routes::forms::form_view;

/// `form.html` as Trunk wrote it, split around the places the server fills in.
#[derive(Debug)]
pub(crate) struct FormPageTemplate {
    /// Up to the `<title>` text.
    head: String,
    /// From `</title>` to `</head>` (the first view's JSON goes before `</head>`).
    head_rest: String,
    /// From `</head>` to the end of the `<noscript>` message (the view follows).
    body_start: String,
    /// The loader script and the end of the page.
    tail: String,
    /// The page as Trunk wrote it, for slugs without a form (the bundle shows "not found").
    pub(crate) client_only: String,
}

/// The deferred loader, with `__JS__` and `__WASM__` for the bundle's files and the other
/// `__NAMES__` for the element ids and storage keys the app uses.
///
/// - Loads the bundle on the first pointer, key, focus or touch event; at once for a returning
///   citizen (a saved draft, or a language other than German), who should see it without
///   waiting for a touch.
/// - Until the app runs, a button click (also Enter in a field, which clicks the form's default
///   button) or opening a file chooser is held back and repeated afterwards.
/// - `bpTakeover` (called by the app after its first render, before the browser paints): copies
///   every value the citizen changed in the server's controls into the app's twins (same `id`)
///   with the events the app listens to: `input`, and `change` unless the citizen is still
///   typing in that field (a change commits the value and shows its errors; ticks and choices
///   have only `change` handlers). Controls of several inputs read their siblings from the
///   page (see `frontend::browser::inputs_around`). Then it swaps the views, restores focus and
///   caret, and repeats the held-back clicks once the app has handled those events.
const LOADER: &str = r#"(()=>{const w=window,d=document;let loading=0,done=0;const held=[],A='button,input[type=file]';
const load=()=>{if(loading)return;loading=1;import('__JS__').then(m=>m.default({module_or_path:'__WASM__'})).catch(()=>{loading=0})};
['pointerdown','keydown','focusin','touchstart'].forEach(k=>addEventListener(k,load,{capture:true,passive:true}));
addEventListener('click',e=>{const t=!done&&e.target.closest&&e.target.closest(A);if(t){e.preventDefault();held.push(t);load()}},true);
addEventListener('submit',e=>{if(!done){e.preventDefault();load()}},true);
w.bpTakeover=()=>{const s=d.getElementById('__SERVER__'),a=d.getElementById('__APP__');if(done||!s||!a)return;done=1;
const twin=o=>o.id?a.querySelector('#'+CSS.escape(o.id)):null,f=d.activeElement,moves=[],
typing=o=>o.tagName==='TEXTAREA'||(o.tagName==='INPUT'&&!['checkbox','radio','file'].includes(o.type));
for(const o of s.querySelectorAll('input,select,textarea')){const n=twin(o);if(!n)continue;
if(o.type==='checkbox'){if(o.checked!==o.defaultChecked)moves.push([o,n,()=>{n.checked=o.checked}])}
else if(o.type==='radio'){if(o.checked&&!o.defaultChecked)moves.push([o,n,()=>{n.checked=true}])}
else if(o.type==='file'){if(o.files.length)moves.push([o,n,()=>{n.files=o.files}])}
else if(o.tagName==='SELECT'){if([...o.options].some(p=>p.selected!==p.defaultSelected))moves.push([o,n,()=>{n.value=o.value}])}
else if(o.value!==o.defaultValue)moves.push([o,n,()=>{n.value=o.value}])}
for(const[o,n,move]of moves){move();n.dispatchEvent(new Event('input',{bubbles:true}));if(o!==f||!typing(o))n.dispatchEvent(new Event('change',{bubbles:true}))}
const all=[...s.querySelectorAll(A)],again=held.map(o=>twin(o)||a.querySelectorAll(A)[all.indexOf(o)]);
let caret=null;try{caret=[f.selectionStart,f.selectionEnd]}catch(e){}
const id=s.contains(f)?f.id:'';s.remove();a.hidden=false;
if(id){const n=d.getElementById(id);if(n){n.focus();try{if(caret&&caret[0]!==null)n.setSelectionRange(caret[0],caret[1])}catch(e){}}}
setTimeout(()=>again.forEach(n=>n&&n.click()),0)};
try{const l=localStorage;if(l.getItem('__DRAFT__'+location.pathname.split('/')[2])||(l.getItem('__LANG__')||'de')!=='de')load()}catch(e){}})()"#;

impl FormPageTemplate {
    /// Reads Trunk's `form.html`: takes the bundle's file names from its loader, removes that
    /// loader and the preload links (both fetch the bundle at page start) and adds [`LOADER`].
    /// `None` if the page does not have the expected shape (then Trunk's page is served as is).
    pub(crate) fn from_trunk_page(html: &str) -> Option<Self> {
        let script_start = html.find("<script type=\"module\">")?;
        let script_end = script_start + html[script_start..].find("</script>")? + "</script>".len();
        let script = &html[script_start..script_end];
        let js = between(script, "from '", "'")?;
        let wasm = between(script, "module_or_path: '", "'")?;
        let mut page = format!("{}{}", &html[..script_start], &html[script_end..]);
        for link in ["<link rel=\"modulepreload\"", "<link rel=\"preload\""] {
            while let Some(start) = page.find(link) {
                let end = start + page[start..].find('>')? + 1;
                page.replace_range(start..end, "");
            }
        }
        let loader = LOADER
            .replace("__JS__", js)
            .replace("__WASM__", wasm)
            .replace("__SERVER__", SERVER_ROOT_ID)
            .replace("__APP__", APP_ROOT_ID)
            .replace("__DRAFT__", frontend::browser::DRAFT_PREFIX)
            .replace("__LANG__", frontend::browser::LANG_KEY);
        let title_start = page.find("<title>")? + "<title>".len();
        let title_end = page.find("</title>")?;
        let head_end = page.find("</head>")?;
        let view_start = page.find("</noscript>")? + "</noscript>".len();
        let body_end = page.find("</body>")?;
        if !(title_start <= title_end && title_end < head_end && head_end < view_start) {
            return None;
        }
        Some(Self {
            head: page[..title_start].to_owned(),
            head_rest: page[title_end..head_end].to_owned(),
            body_start: page[head_end..view_start].to_owned(),
            tail: format!(
                "<div id=\"{APP_ROOT_ID}\" hidden></div>\n<script>{loader}</script>\n{}",
                &page[body_end..]
            ),
            client_only: html.to_owned(),
        })
    }

    /// The page with empty slots: the content security policy hashes its inline script.
    pub(crate) fn skeleton(&self) -> String {
        self.fill("", "", "")
    }

    fn fill(&self, title: &str, json: &str, view: &str) -> String {
        format!(
            "{}{title}{}{json}{}<div id=\"{SERVER_ROOT_ID}\">{view}</div>{}",
            self.head, self.head_rest, self.body_start, self.tail
        )
    }
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let to = from + text[from..].find(end)?;
    Some(&text[from..to])
}

/// `GET /formulare/{slug}`: the page with the form's first step rendered, or Trunk's page when
/// there is no such form (the bundle then says so) or the form cannot be shown.
pub(crate) async fn form_page(
    State((state, template)): State<(AppState, Arc<FormPageTemplate>)>,
    Path(slug): Path<String>,
) -> Response {
    let client_only = || Html(template.client_only.clone()).into_response();
    let Ok(slug) = slug.parse::<shared::FormSlug>() else {
        return client_only();
    };
    let stored = match db::forms::fetch_optional_latest_by_slug(&state.db, &slug).await {
        Ok(Some(stored)) => stored,
        Ok(None) => return client_only(),
        Err(error) => {
            // The bundle will fetch the form itself and report the failure in its own words.
            tracing::error!(%error, "loading a form for its server-rendered page failed");
            return client_only();
        }
    };
    let data = FirstViewData {
        slug,
        today: local_date(state.clock.now(), state.config.time_zone),
        form: form_view(stored),
    };
    // `<` never appears raw inside the data block, so no text in a form can end it.
    let Ok(json) = serde_json::to_string(&data).map(|json| json.replace('<', "\\u003c")) else {
        return client_only();
    };
    let Some((title, view)) = render_first_view(data).await else {
        return client_only();
    };
    let json =
        format!("<script type=\"application/json\" id=\"{FIRST_VIEW_ID}\">{json}</script>\n");
    Html(template.fill(&escape_text(&title), &json, &view)).into_response()
}

/// The document title and the markup of the form's first step; `None` if the form does not
/// compile (published forms always do).
async fn render_first_view(data: FirstViewData) -> Option<(String, String)> {
    let today = data.today;
    let title = FirstView::for_server(data.clone())?.document_title(today);
    let view = yew::ServerRenderer::<FormApp>::with_props(move || FormAppProps {
        first: FirstView::for_server(data),
    })
    .hydratable(false)
    .render()
    .await;
    Some((title, view))
}

/// Escapes text for an HTML text node (the title).
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    const TRUNK_PAGE: &str = r#"<!doctype html>
<html lang="de">
  <head>
    <title>Bürgerportal Musterstadt</title>
    <link rel="stylesheet" href="/styles-1.css"/>
<script type="module">
import init, * as bindings from '/form-abc.js';
const wasm = await init({ module_or_path: '/form-abc_bg.wasm' });
</script>
  <link rel="modulepreload" href="/form-abc.js" crossorigin="anonymous"><link rel="preload" href="/form-abc_bg.wasm" as="fetch"></head>
  <body>
    <noscript><p>JavaScript</p></noscript>
  </body>
</html>"#;

    #[test]
    fn the_template_loads_the_bundle_on_demand_instead_of_at_page_start() {
        let template = FormPageTemplate::from_trunk_page(TRUNK_PAGE).expect("template");
        let page = template.fill(
            "Titel",
            "<script type=\"application/json\">{}</script>",
            "<p>Ansicht</p>",
        );
        assert!(!page.contains("modulepreload"));
        assert!(!page.contains("rel=\"preload\""));
        assert!(!page.contains("<script type=\"module\">"));
        assert!(page.contains("import('/form-abc.js')"));
        assert!(page.contains("module_or_path:'/form-abc_bg.wasm'"));
        assert!(page.contains("<title>Titel</title>"));
        let view = page
            .find("<div id=\"bp-server-view\"><p>Ansicht</p></div>")
            .expect("view");
        assert!(page.find("</noscript>").expect("noscript") < view);
        assert!(
            view < page
                .find("<div id=\"bp-app\" hidden></div>")
                .expect("app root")
        );
        assert!(page.find("application/json").expect("data") < page.find("</head>").expect("head"));
    }

    /// Every demo form renders on the server (no browser API is touched on the way) with the
    /// fields of its first step.
    #[tokio::test]
    async fn every_demo_form_renders_its_first_step() {
        let today = shared::CalendarDate::from_ymd(2026, 11, 30).expect("date");
        for compiled in crate::demo::demo_forms().expect("demo forms") {
            let definition = compiled.definition().clone();
            let data = FirstViewData {
                slug: definition.slug.clone(),
                today,
                form: shared::api::Form {
                    id: shared::FormId::from_uuid(uuid::Uuid::new_v4()),
                    version: 1,
                    definition: definition.clone(),
                },
            };
            let (title, view) = render_first_view(data).await.expect("renders");
            let slug = &definition.slug;
            assert!(
                title.ends_with(" – Bürgerportal Musterstadt"),
                "{slug}: {title}"
            );
            assert!(view.contains("<main id=\"main\""), "{slug}");
            assert!(
                view.contains(&format!(">{}</h1>", definition.title.get(shared::Lang::De))),
                "{slug}"
            );
            let page = &definition.pages[0];
            let questions = page.fields.iter().filter(|field| {
                field.visible_if.is_none()
                    && !matches!(
                        field.kind,
                        shared::FieldKind::Content { .. } | shared::FieldKind::Computed { .. }
                    )
            });
            // One question per page shows the first question alone.
            let step = if definition.one_question_per_page {
                1
            } else {
                usize::MAX
            };
            for field in questions.take(step) {
                assert!(
                    view.contains(field.label.get(shared::Lang::De)),
                    "{slug}: {} is on the first step",
                    field.key
                );
            }
            assert!(
                !view.contains("Wird geladen"),
                "{slug}: nothing is left to load"
            );
        }
    }

    #[test]
    fn an_unexpected_page_is_served_as_it_is() {
        assert!(FormPageTemplate::from_trunk_page("<html><body></body></html>").is_none());
    }
}
