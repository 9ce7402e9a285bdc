//! The EV store locator's user interface: Leptos components that wire
//! signals to the pure logic of [`locator_core`].
//!
//! - [`app`]: loads the configuration and the dataset once, holds the query
//!   (mirrored in the URL) and derives the ranked list with memos;
//! - `components/`: one component per file, each only displays and reports;
//! - [`map`]: thin bindings to the Leaflet map library (loaded by
//!   `index.html` from our own files);
//! - [`load`], [`url`], [`mount`], [`embed`] and [`geolocation`]: the places
//!   that talk to the browser and the host page.

#![forbid(unsafe_code)]
#![recursion_limit = "256"]

pub mod app;
pub mod components;
pub mod crash;
pub mod embed;
pub mod geolocation;
pub mod load;
pub mod map;
pub mod mount;
#[cfg(feature = "ssr")]
pub mod pages;
pub mod reader;
pub mod search_worker;
pub mod takeover;
pub mod timing;
pub mod url;
pub mod worker;

/// Installs the panic hook ([`crash`]) and mounts [`app::App`]: into the
/// shadow root `locator.js` made on a host page's element, else on the body.
pub fn start() {
    crash::install();
    let mount = mount::Mount::read();
    // In a host page, the shell in the element's shadow root.
    match mount.in_page().then(mount::container).flatten() {
        Some(shell) => leptos::mount::mount_to(shell, move || {
            leptos::view! { <app::App mount=mount /> }
        })
        .forget(),
        None => leptos::mount::mount_to_body(move || leptos::view! { <app::App mount=mount /> }),
    }
}
