//! Entry point of the form bundle: only the citizen form flow, for `/formulare/:slug`.
//!
//! When the backend rendered the first view (see `frontend::form_app`), the bundle renders
//! into the page's app root with the form embedded in the page and then takes over;
//! otherwise it renders into `<body>` and fetches the form.

use frontend::form_app::{APP_ROOT_ID, FirstView, FormApp, FormAppProps};

fn main() {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(APP_ROOT_ID));
    match (root, FirstView::from_page()) {
        (Some(root), Some(first)) => {
            yew::Renderer::<FormApp>::with_root_and_props(
                root,
                FormAppProps { first: Some(first) },
            )
            .render();
        }
        _ => {
            yew::Renderer::<FormApp>::new().render();
        }
    }
}
