//! Entry point of the browser bundle: mounts [`frontend::app::App`] on `<body>`.

fn main() {
    yew::Renderer::<frontend::app::App>::new().render();
}
