//! Where the outlets are expected to be: the country the dataset covers.
//!
//! The brand sells in China, so a position outside China is a mistake in the
//! data (a typo, a sign lost, the wrong datum, latitude and longitude
//! swapped), not an outlet. The test is generous: the coarse outline of
//! mainland China that decides where GCJ-02 applies
//! ([`in_mainland_china`], which reaches 10–25 km out to sea and across land
//! borders), plus boxes around Hong Kong, Macau, Taiwan with Penghu, Kinmen
//! and Matsu, and the Xisha Islands (Sansha). The Nansha Islands, far out in
//! the South China Sea, fall outside it.
//!
//! Tests of code that is not about China (the spatial index near the poles,
//! say) read their datasets with [`Region::Anywhere`].

use crate::datum::in_mainland_china;
use crate::latlng::LatLng;

/// The area the outlets of a dataset must lie in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Region {
    /// China: the mainland and Hainan, Hong Kong, Macau and Taiwan (see the
    /// module documentation for how generous the outline is, and which
    /// islands it takes in).
    #[default]
    China,
    /// Anywhere on earth: no check.
    Anywhere,
}

/// Boxes `[south, west, north, east]` in WGS-84 degrees around the parts of
/// China outside the mainland outline, each with a few kilometres of sea.
const OUTSIDE_THE_MAINLAND_OUTLINE: [(&str, [f64; 4]); 6] = [
    ("Hong Kong", [22.13, 113.82, 22.58, 114.51]),
    ("Macau", [22.10, 113.52, 22.23, 113.61]),
    ("Taiwan and Penghu", [21.85, 119.25, 25.35, 122.05]),
    ("Kinmen", [24.36, 118.18, 24.55, 118.50]),
    ("Matsu", [25.93, 119.88, 26.40, 120.53]),
    // The seat of Sansha, Hainan, is on Yongxing Island.
    ("Xisha Islands", [15.70, 111.10, 17.20, 112.90]),
];

impl Region {
    /// Whether `p` lies in the region.
    ///
    /// # Units
    /// WGS-84 degrees in. A position that is not finite is outside.
    ///
    /// # Examples
    /// ```
    /// use locator_core::{LatLng, Region};
    /// let at = |lat, lng| LatLng::new(lat, lng).unwrap();
    /// assert!(Region::China.contains(at(31.2304, 121.4737))); // Shanghai
    /// assert!(Region::China.contains(at(22.2819, 114.1582))); // Hong Kong, Central
    /// assert!(Region::China.contains(at(25.0330, 121.5654))); // Taipei
    /// assert!(!Region::China.contains(at(37.5665, 126.9780))); // Seoul
    /// assert!(Region::Anywhere.contains(at(37.5665, 126.9780)));
    /// ```
    pub fn contains(self, p: LatLng) -> bool {
        match self {
            Region::Anywhere => p.lat.is_finite() && p.lng.is_finite(),
            Region::China => {
                in_mainland_china(p)
                    || OUTSIDE_THE_MAINLAND_OUTLINE
                        .iter()
                        .any(|(_, [s, w, n, e])| {
                            p.lat >= *s && p.lat <= *n && p.lng >= *w && p.lng <= *e
                        })
            }
        }
    }

    /// The region's name for messages: "China".
    pub fn name(self) -> &'static str {
        match self {
            Region::China => "China",
            Region::Anywhere => "the world",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> LatLng {
        LatLng { lat, lng }
    }

    mod china {
        use super::*;

        #[test]
        fn takes_in_the_mainland_and_the_special_regions() {
            for (name, lat, lng) in [
                ("Urumqi", 43.83, 87.62),
                ("Sanya", 18.25, 109.51),
                ("Hong Kong, Sha Tin", 22.38, 114.19),
                ("Macau", 22.19, 113.54),
                ("Taipei", 25.03, 121.56),
                ("Kaohsiung", 22.62, 120.31),
                ("Penghu, Magong", 23.57, 119.58),
                ("Kinmen", 24.44, 118.32),
                ("Matsu, Nangan", 26.16, 119.95),
                ("Sansha, Yongxing Island", 16.83, 112.34),
            ] {
                assert!(Region::China.contains(at(lat, lng)), "{name}");
            }
        }

        #[test]
        fn leaves_out_the_neighbours() {
            for (name, lat, lng) in [
                ("Seoul", 37.57, 126.98),
                ("Ulaanbaatar", 47.92, 106.92),
                ("Hanoi", 21.03, 105.85),
                ("Tokyo", 35.69, 139.69),
                ("Manila", 14.60, 120.98),
                ("Null Island", 0.0, 0.0),
            ] {
                assert!(!Region::China.contains(at(lat, lng)), "{name}");
            }
        }

        #[test]
        fn not_a_number_is_outside() {
            assert!(!Region::China.contains(at(f64::NAN, 120.0)));
            assert!(!Region::Anywhere.contains(at(f64::NAN, 120.0)));
        }
    }
}
