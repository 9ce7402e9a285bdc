//! One component per file. Components display signals and report the
//! buyer's actions through callbacks; they hold no business logic.

mod filter_bar;
mod legend;
mod load_failure;
mod locate_button;
mod locator;
mod notice;
mod origin_bar;
mod outlet_card;
mod outlet_details;
mod outlet_list;
mod place_search;
mod service_panel;
mod site_header;
mod store_map;

pub use filter_bar::FilterBar;
pub use legend::Legend;
pub use load_failure::LoadFailure;
pub use locate_button::LocateButton;
pub use locator::Locator;
pub use notice::Notice;
pub use origin_bar::OriginBar;
pub use outlet_card::OutletCard;
pub use outlet_details::OutletDetails;
pub use outlet_list::OutletList;
pub use place_search::PlaceSearch;
pub use service_panel::ServicePanel;
pub use site_header::SiteHeader;
pub use store_map::StoreMap;
