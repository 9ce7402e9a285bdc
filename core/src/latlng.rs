//! A position on the earth in WGS-84 degrees, and the distance between two.

use crate::number::parse_f64;
use geo::{Distance, Haversine, Point};
use std::fmt;
use std::str::FromStr;

/// A WGS-84 position in degrees: `lat` north positive, `lng` east positive.
///
/// GeoJSON writes the same position as `[lng, lat]`; this type always names
/// its fields, so the order cannot be mixed up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLng {
    /// Latitude in degrees, −90…90.
    pub lat: f64,
    /// Longitude in degrees, −180…180.
    pub lng: f64,
}

/// Why a text or a pair of numbers is not a position.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LatLngError {
    /// The text is not two numbers separated by a comma.
    #[error(
        "`{0}` is not a position: write latitude and longitude in degrees, like 31.2304,121.4737"
    )]
    Syntax(String),
    /// A number is not finite (`NaN`, infinite).
    #[error("latitude and longitude must be finite numbers")]
    NotFinite,
    /// The latitude lies outside −90…90.
    #[error("latitude {0} is outside −90…90 degrees")]
    LatitudeOutOfRange(f64),
    /// The longitude lies outside −180…180.
    #[error("longitude {0} is outside −180…180 degrees")]
    LongitudeOutOfRange(f64),
}

impl LatLng {
    /// A checked position: both numbers finite and within range.
    ///
    /// ```
    /// use locator_core::LatLng;
    /// assert!(LatLng::new(31.2304, 121.4737).is_ok());
    /// assert!(LatLng::new(121.4737, 31.2304).is_err()); // swapped
    /// ```
    pub fn new(lat: f64, lng: f64) -> Result<Self, LatLngError> {
        if !lat.is_finite() || !lng.is_finite() {
            return Err(LatLngError::NotFinite);
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(LatLngError::LatitudeOutOfRange(lat));
        }
        if !(-180.0..=180.0).contains(&lng) {
            return Err(LatLngError::LongitudeOutOfRange(lng));
        }
        Ok(Self { lat, lng })
    }

    /// Great-circle distance in metres on a sphere of the GRS80 mean radius
    /// (6,371,008.8 m), by the haversine formula of the `geo` crate.
    ///
    /// # Units
    /// Degrees in, metres out. Straight-line ("as the crow flies"), not road
    /// distance.
    ///
    /// # Examples
    /// Shanghai (People's Square) to Beijing (Tian'anmen) is about 1,067 km:
    /// ```
    /// use locator_core::LatLng;
    /// let shanghai = LatLng::new(31.2304, 121.4737).unwrap();
    /// let beijing = LatLng::new(39.9042, 116.4074).unwrap();
    /// let km = shanghai.distance_m(beijing) / 1000.0;
    /// assert!((km - 1067.0).abs() < 3.0, "{km}");
    /// ```
    pub fn distance_m(self, other: LatLng) -> f64 {
        Haversine.distance(
            Point::new(self.lng, self.lat),
            Point::new(other.lng, other.lat),
        )
    }

    /// The point on the unit sphere, `[x, y, z]`. The straight-line (chord)
    /// distance between two such points grows with the great-circle distance,
    /// so a 3-D nearest-neighbour search on them ranks by true distance,
    /// with no trouble at the antimeridian or near the poles.
    pub fn unit_vector(self) -> [f64; 3] {
        let (lat, lng) = (self.lat.to_radians(), self.lng.to_radians());
        [lat.cos() * lng.cos(), lat.cos() * lng.sin(), lat.sin()]
    }
}

impl fmt::Display for LatLng {
    /// `lat,lng` with 5 decimals (about a metre), the form `?at=` takes.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.5},{:.5}", self.lat, self.lng)
    }
}

impl FromStr for LatLng {
    type Err = LatLngError;

    /// Reads `lat,lng` in degrees (spaces around the numbers are allowed).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || LatLngError::Syntax(s.to_string());
        let (lat, lng) = s.split_once(',').ok_or_else(syntax)?;
        let lat = parse_f64(lat.trim()).ok_or_else(syntax)?;
        let lng = parse_f64(lng.trim()).ok_or_else(syntax)?;
        LatLng::new(lat, lng)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    mod parse {
        use super::*;

        #[test]
        fn reads_lat_then_lng() {
            let p: LatLng = "31.2304, 121.4737".parse().unwrap();
            assert_eq!(
                p,
                LatLng {
                    lat: 31.2304,
                    lng: 121.4737
                }
            );
        }

        #[test]
        fn refuses_garbage_and_ranges() {
            assert!(matches!(
                "abc".parse::<LatLng>(),
                Err(LatLngError::Syntax(_))
            ));
            assert!(matches!(
                "31.2".parse::<LatLng>(),
                Err(LatLngError::Syntax(_))
            ));
            assert!(matches!(
                "NaN,1".parse::<LatLng>(),
                Err(LatLngError::NotFinite)
            ));
            assert!(matches!(
                "121.47,31.23".parse::<LatLng>(),
                Err(LatLngError::LatitudeOutOfRange(_))
            ));
            assert!(matches!(
                "31.23,221.47".parse::<LatLng>(),
                Err(LatLngError::LongitudeOutOfRange(_))
            ));
        }

        #[test]
        fn display_round_trips() {
            let p = LatLng::new(22.54554, 114.0683).unwrap();
            assert_eq!(p.to_string(), "22.54554,114.06830");
            assert_eq!(p.to_string().parse::<LatLng>().unwrap(), p);
        }
    }

    mod distance {
        use super::*;

        #[test]
        fn zero_to_itself() {
            let p = LatLng::new(30.0, 120.0).unwrap();
            assert_eq!(p.distance_m(p), 0.0);
        }

        #[test]
        fn one_degree_of_latitude_is_about_111_km() {
            let a = LatLng::new(30.0, 114.0).unwrap();
            let b = LatLng::new(31.0, 114.0).unwrap();
            assert!((a.distance_m(b) - 111_195.0).abs() < 5.0);
        }

        #[test]
        fn chord_order_matches_great_circle_order() {
            let o = LatLng::new(31.0, 121.0).unwrap();
            let near = LatLng::new(31.5, 121.5).unwrap();
            let far = LatLng::new(39.9, 116.4).unwrap();
            let chord = |p: LatLng| {
                let (a, b) = (o.unit_vector(), p.unit_vector());
                (0..3).map(|i| (a[i] - b[i]).powi(2)).sum::<f64>()
            };
            assert!(chord(near) < chord(far));
            assert!(o.distance_m(near) < o.distance_m(far));
        }
    }
}
