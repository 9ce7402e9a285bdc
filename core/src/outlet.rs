//! One outlet of the retail network, as the app uses it.

use crate::date::Date;
use crate::hours::{LocalDateTime, OpenState, WeeklyHours};
use crate::latlng::LatLng;
use crate::service::{Bookable, ServiceSet};
use crate::services::MobileService;
use crate::text::LocalText;
use serde::Deserialize;
use std::sync::Arc;

/// Who runs the outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletKind {
    /// The brand's own store (direct sales).
    EvHome,
    /// An authorized partner: a dealer group's outlet acting as the brand's
    /// sales and service agent.
    Partner,
}

impl OutletKind {
    /// Both kinds, EV Home first.
    pub const ALL: [OutletKind; 2] = [OutletKind::EvHome, OutletKind::Partner];

    /// The id used in the dataset and in URLs (`kind=ev_home`).
    pub fn id(self) -> &'static str {
        match self {
            OutletKind::EvHome => "ev_home",
            OutletKind::Partner => "partner",
        }
    }

    /// The kind with this id.
    pub fn from_id(id: &str) -> Option<OutletKind> {
        OutletKind::ALL.into_iter().find(|k| k.id() == id)
    }
}

/// Whether the outlet receives customers at its address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutletStatus {
    /// Open for business.
    #[default]
    Open,
    /// Being fitted out or renovated; opens later.
    ComingSoon,
    /// Closed here; the business moved to another outlet.
    Relocated,
}

impl OutletStatus {
    /// The id used in the dataset.
    pub fn id(self) -> &'static str {
        match self {
            OutletStatus::Open => "open",
            OutletStatus::ComingSoon => "coming_soon",
            OutletStatus::Relocated => "relocated",
        }
    }
}

/// A checked outlet: every field has been validated by the dataset parser.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlet {
    /// Stable unique id (`evh-shanghai-01`).
    pub id: String,
    /// EV Home store or authorized partner.
    pub kind: OutletKind,
    /// Open, coming soon or relocated.
    pub status: OutletStatus,
    /// For a relocated outlet, the id of the outlet that replaces it; the
    /// parser checks that it exists.
    pub relocated_to: Option<String>,
    /// For a coming-soon outlet, the expected opening day.
    pub opening_date: Option<Date>,
    /// Position, WGS-84.
    pub location: LatLng,
    /// Name.
    pub name: LocalText,
    /// Street address.
    pub address: LocalText,
    /// City (prefecture level); outlets in one city share one copy.
    pub city: Arc<LocalText>,
    /// Province, autonomous region or municipality.
    pub province: Arc<LocalText>,
    /// Phone number as dialled from China.
    pub phone: Option<String>,
    /// The outlet's web page: an `https:` or `http:` URL, checked when read.
    pub website: Option<String>,
    /// The outlet's own booking pages (`booking` in the dataset), each an
    /// `https:` or `http:` URL checked when read, in catalogue order: for
    /// that service (or `notify`), it takes the place of the
    /// configuration's link or form.
    pub booking: Box<[(Bookable, String)]>,
    /// The services offered (once open).
    pub services: ServiceSet,
    /// For partners, the dealer group.
    pub partner_group: Option<Arc<LocalText>>,
    /// Weekly opening hours, when published; shared by the outlets of a
    /// dataset that publish the same ones.
    pub hours: Option<Arc<WeeklyHours>>,
    /// Services brought to the buyer within an area (a radius around the
    /// outlet or polygons), when declared.
    pub mobile_service: Option<MobileService>,
}

impl Outlet {
    /// The outlet's own booking page for `what`, if it has one.
    pub fn own_booking(&self, what: Bookable) -> Option<&str> {
        self.booking
            .iter()
            .find(|(w, _)| *w == what)
            .map(|(_, url)| url.as_str())
    }

    /// The services a buyer can use here today: none unless the outlet is open.
    pub fn services_now(&self) -> ServiceSet {
        match self.status {
            OutletStatus::Open => self.services,
            OutletStatus::ComingSoon | OutletStatus::Relocated => ServiceSet::EMPTY,
        }
    }

    /// The outlet's mobile service as it stands today: none unless the
    /// outlet is open (a coming-soon outlet has not started, a relocated one
    /// serves from its new home).
    pub fn mobile_service_now(&self) -> Option<&MobileService> {
        match self.status {
            OutletStatus::Open => self.mobile_service.as_ref(),
            OutletStatus::ComingSoon | OutletStatus::Relocated => None,
        }
    }

    /// What the outlet's hours say at `now`, a civil date and time in the
    /// dataset's zone (see [`TimeZone::local_at`](crate::TimeZone::local_at)).
    ///
    /// `None` when there is nothing to say: the hours are not published, or
    /// the outlet is not open for business (coming soon, or relocated), so
    /// its hours do not apply yet or any more.
    pub fn open_state_at(&self, now: LocalDateTime) -> Option<OpenState> {
        match self.status {
            OutletStatus::Open => self.hours.as_ref().map(|h| h.status_at(now)),
            OutletStatus::ComingSoon | OutletStatus::Relocated => None,
        }
    }

    /// Whether the outlet receives customers at `now` (local to the
    /// dataset's zone): the "open now" filter. False when the hours are not
    /// published or the outlet is not open for business.
    pub fn is_open_at(&self, now: LocalDateTime) -> bool {
        self.open_state_at(now).is_some_and(|s| s.is_open())
    }
}

/// A `tel:` link for a phone number as the dataset writes it (digits, spaces,
/// `+ - ( )`, checked by the parser): the number with only digits and a
/// leading `+` kept.
///
/// ```
/// use locator_core::tel_uri;
/// assert_eq!(tel_uri("+86 21 6011-2345"), "tel:+862160112345");
/// assert_eq!(tel_uri("400 820 1234"), "tel:4008201234");
/// ```
pub fn tel_uri(phone: &str) -> String {
    let phone = phone.trim();
    let plus = if phone.starts_with('+') { "+" } else { "" };
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}
