//! Entry point of the booking bundle: appointment booking under `/termine`.

fn main() {
    yew::Renderer::<frontend::booking::BookingApp>::new().render();
}
