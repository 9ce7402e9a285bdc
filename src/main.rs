//! Start-up only: report panics, then mount the app.

fn main() {
    ev_locator::start();
}
