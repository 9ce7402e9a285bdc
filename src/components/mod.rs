//! One component per file. Components display signals and report the
//! buyer's actions through callbacks; they hold no business logic.

mod booking_actions;
mod booking_form;
mod filter_bar;
mod legend;
mod load_failure;
mod locate_button;
mod locator;
mod notice;
mod origin_bar;
mod outlet_card;
mod outlet_details;
mod outlet_facts;
mod outlet_list;
mod pane_switch;
mod place_search;
mod service_panel;
mod site_header;
mod store_map;

pub use booking_actions::{provide_booking, BookingActions, BookingContext};
pub use booking_form::BookingForm;
pub use filter_bar::FilterBar;
pub use legend::Legend;
pub use load_failure::LoadFailure;
pub use locate_button::LocateButton;
pub use locator::Locator;
pub use notice::Notice;
pub use origin_bar::OriginBar;
pub use outlet_card::OutletCard;
pub use outlet_details::OutletDetails;
pub use outlet_facts::OutletFacts;
pub use outlet_list::OutletList;
pub use pane_switch::{phone_layout, PaneSwitch};
pub use place_search::PlaceSearch;
pub use service_panel::ServicePanel;
pub use site_header::SiteHeader;
pub use store_map::StoreMap;

use locator_core::{OutletKind, OutletStatus};

/// The class that styles an outlet's kind, shared by cards, markers and the
/// legend's swatches (`style/main.css`).
pub(crate) fn kind_class(kind: OutletKind) -> &'static str {
    match kind {
        OutletKind::EvHome => "is-ev-home",
        OutletKind::Partner => "is-partner",
    }
}

/// The class that styles an outlet's status.
pub(crate) fn status_class(status: OutletStatus) -> &'static str {
    match status {
        OutletStatus::Open => "is-open",
        OutletStatus::ComingSoon => "is-coming-soon",
        OutletStatus::Relocated => "is-relocated",
    }
}

/// Moves the keyboard focus to the first element matching `selector`, if any.
pub(crate) fn focus(selector: &str) {
    use wasm_bindgen::JsCast;
    let element = crate::mount::query(selector);
    if let Some(e) = element.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = e.focus();
    }
}

/// Whether the keyboard focus is on an element of the app (not on the page
/// body, nor outside the app on a host page).
pub(crate) fn focus_is_inside_app() -> bool {
    crate::mount::active_element().is_some_and(|el| el.closest(".evl-app").ok().flatten().is_some())
}
