//! Entry point of the form bundle: only the citizen form flow, for first visits of
//! `/formulare/:slug` (the backend serves `form.html` there).

fn main() {
    yew::Renderer::<frontend::form_app::FormApp>::new().render();
}
