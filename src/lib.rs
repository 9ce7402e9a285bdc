//! The EV store locator's user interface: Leptos components that wire
//! signals to the pure logic of [`locator_core`].
//!
//! - [`app`]: loads the dataset once, holds the query (mirrored in the URL)
//!   and derives the ranked list with memos;
//! - `components/`: one component per file, each only displays and reports;
//! - [`map`]: thin bindings to the Leaflet map library (loaded by
//!   `index.html` from our own files);
//! - [`load`], [`url`] and [`geolocation`]: the places that talk to the
//!   browser.

#![forbid(unsafe_code)]

pub mod app;
pub mod components;
pub mod geolocation;
pub mod load;
pub mod map;
pub mod url;

/// Installs the panic hook and mounts [`app::App`] on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
