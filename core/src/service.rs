//! The fixed catalogue of services an outlet can offer.

use serde::Deserialize;

/// One service from the catalogue. The dataset names it by its [`id`](Service::id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Buying a car.
    Sales,
    /// Test drives.
    TestDrive,
    /// Handing over a bought car.
    Delivery,
    /// Maintenance and repair.
    AfterSales,
    /// Body and paint repair.
    BodyPaint,
    /// Charging for visitors.
    Charging,
}

impl Service {
    /// Every service, in catalogue order.
    pub const ALL: [Service; 6] = [
        Service::Sales,
        Service::TestDrive,
        Service::Delivery,
        Service::AfterSales,
        Service::BodyPaint,
        Service::Charging,
    ];

    /// The id used in the dataset and in URLs (`service=test_drive`).
    pub fn id(self) -> &'static str {
        match self {
            Service::Sales => "sales",
            Service::TestDrive => "test_drive",
            Service::Delivery => "delivery",
            Service::AfterSales => "after_sales",
            Service::BodyPaint => "body_paint",
            Service::Charging => "charging",
        }
    }

    /// The service with this id, if it is in the catalogue.
    pub fn from_id(id: &str) -> Option<Service> {
        Service::ALL.into_iter().find(|s| s.id() == id)
    }

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// What a buyer can book at an outlet: the key of a booking link, in the
/// configuration (`booking.links`) and in an outlet's own `booking`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Bookable {
    /// An appointment for a service of the catalogue (a test drive, a
    /// service visit...), at an open outlet that offers it.
    Service(Service),
    /// Being told when a coming-soon outlet opens.
    Notify,
}

impl Bookable {
    /// Everything bookable: the services in catalogue order, then `notify`.
    pub const ALL: [Bookable; 7] = [
        Bookable::Service(Service::Sales),
        Bookable::Service(Service::TestDrive),
        Bookable::Service(Service::Delivery),
        Bookable::Service(Service::AfterSales),
        Bookable::Service(Service::BodyPaint),
        Bookable::Service(Service::Charging),
        Bookable::Notify,
    ];

    /// The key: a service id, or `notify`.
    pub fn id(self) -> &'static str {
        match self {
            Bookable::Service(s) => s.id(),
            Bookable::Notify => "notify",
        }
    }

    /// The bookable thing with this key.
    pub fn from_id(id: &str) -> Option<Bookable> {
        if id == "notify" {
            return Some(Bookable::Notify);
        }
        Service::from_id(id).map(Bookable::Service)
    }

    /// Its number in the packed form: a service's place in [`Service::ALL`],
    /// `notify` after them.
    pub(crate) fn number(self) -> u8 {
        match self {
            Bookable::Service(s) => s as u8,
            Bookable::Notify => Service::ALL.len() as u8,
        }
    }

    /// The bookable thing numbered `n` by [`Bookable::number`].
    pub(crate) fn from_number(n: u8) -> Option<Bookable> {
        match Service::ALL.get(usize::from(n)) {
            Some(&s) => Some(Bookable::Service(s)),
            None if usize::from(n) == Service::ALL.len() => Some(Bookable::Notify),
            None => None,
        }
    }
}

/// A set of services, stored as bits so that filtering 100,000 outlets is a
/// mask test per outlet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct ServiceSet(u8);

impl ServiceSet {
    /// No service.
    pub const EMPTY: ServiceSet = ServiceSet(0);

    /// Adds a service.
    pub fn insert(&mut self, service: Service) {
        self.0 |= service.bit();
    }

    /// Removes a service.
    pub fn remove(&mut self, service: Service) {
        self.0 &= !service.bit();
    }

    /// Whether `service` is in the set.
    pub fn contains(self, service: Service) -> bool {
        self.0 & service.bit() != 0
    }

    /// Whether every service of `other` is in this set.
    pub fn contains_all(self, other: ServiceSet) -> bool {
        self.0 & other.0 == other.0
    }

    /// Whether the set has no service.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The services in catalogue order.
    pub fn iter(self) -> impl Iterator<Item = Service> {
        Service::ALL.into_iter().filter(move |s| self.contains(*s))
    }
}

impl FromIterator<Service> for ServiceSet {
    fn from_iter<I: IntoIterator<Item = Service>>(iter: I) -> Self {
        let mut set = ServiceSet::EMPTY;
        for s in iter {
            set.insert(s);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for s in Service::ALL {
            assert_eq!(Service::from_id(s.id()), Some(s));
            let parsed: Service = serde_json::from_str(&format!("\"{}\"", s.id())).unwrap();
            assert_eq!(parsed, s);
        }
        assert_eq!(Service::from_id("wash"), None);
    }

    #[test]
    fn set_operations() {
        let mut set: ServiceSet = [Service::Sales, Service::Charging].into_iter().collect();
        assert!(set.contains(Service::Sales));
        assert!(!set.contains(Service::Delivery));
        assert!(set.contains_all([Service::Charging].into_iter().collect()));
        assert!(!set.contains_all([Service::Charging, Service::Delivery].into_iter().collect()));
        assert!(set.contains_all(ServiceSet::EMPTY));
        set.remove(Service::Sales);
        assert_eq!(set.iter().collect::<Vec<_>>(), vec![Service::Charging]);
    }
}
