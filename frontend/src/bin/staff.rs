//! Entry point of the staff bundle (`frontend/staff.html`): the whole app, including the staff
//! and form-editor pages the citizen bundle leaves out. The backend serves it under
//! `/mitarbeiter` and `/redaktion`.

fn main() {
    yew::Renderer::<frontend::app::App>::new().render();
}
