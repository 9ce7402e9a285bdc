//! Ordering the outlets for the list: nearest first from an origin, or the
//! dataset's default order without one, keeping only those the filters pass.

use crate::dataset::Dataset;
use crate::latlng::LatLng;
use crate::query::Filters;

/// One row of the ordered list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ranked {
    /// Position of the outlet in [`Dataset::outlets`].
    pub index: usize,
    /// Straight-line distance from the origin in metres, when one is set.
    pub distance_m: Option<f64>,
}

/// The outlets that pass `filters`, nearest to `origin` first (outlets at
/// equal distance in dataset order), or in [`Dataset::default_order`] with
/// no origin: [`keep_matching`] over [`list_order`].
///
/// # Units
/// `origin` in WGS-84 degrees; `distance_m` in metres.
pub fn rank(data: &Dataset, filters: &Filters, origin: Option<LatLng>) -> Vec<Ranked> {
    keep_matching(data, &list_order(data, origin), filters)
}

/// Every outlet, nearest to `origin` first (outlets at equal distance in
/// dataset order), or in [`Dataset::default_order`] with no origin. It
/// depends on the origin alone: worked out once per origin, it serves every
/// filter through [`keep_matching`], which then measures and sorts nothing.
///
/// Every outlet is listed, so this measures the distance to each and sorts
/// once: faster than walking a spatial index nearest-first through all of
/// them. For the nearest few, use [`SpatialIndex::nearest`](crate::SpatialIndex::nearest).
///
/// # Units
/// `origin` in WGS-84 degrees; `distance_m` in metres.
pub fn list_order(data: &Dataset, origin: Option<LatLng>) -> Vec<Ranked> {
    match origin {
        Some(origin) => {
            let mut ranked: Vec<Ranked> = (0..data.outlets.len())
                .map(|i| Ranked {
                    index: i,
                    distance_m: Some(origin.distance_m(data.outlets[i].location)),
                })
                .collect();
            let d = |r: &Ranked| r.distance_m.unwrap_or(f64::INFINITY);
            ranked.sort_unstable_by(|x, y| d(x).total_cmp(&d(y)).then(x.index.cmp(&y.index)));
            ranked
        }
        None => data
            .default_order()
            .iter()
            .map(|&i| Ranked {
                index: i,
                distance_m: None,
            })
            .collect(),
    }
}

/// The rows of `order` (from [`list_order`]) whose outlets pass `filters`, in
/// the same order.
pub fn keep_matching(data: &Dataset, order: &[Ranked], filters: &Filters) -> Vec<Ranked> {
    order
        .iter()
        .filter(|r| filters.matches(&data.outlets[r.index]))
        .copied()
        .collect()
}

/// What a radius did to the list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RadiusOutcome {
    /// No radius, or no origin: nothing was cut.
    NotApplied,
    /// Only outlets within the radius are kept.
    Within,
    /// Nothing lies within the radius; the nearest outlets are kept instead,
    /// the first of them `nearest_m` metres away.
    NoneWithin {
        /// Straight-line distance to the nearest outlet, metres.
        nearest_m: f64,
    },
}

/// How many outlets are kept when none lies within the radius.
pub const NEAREST_WHEN_NONE_WITHIN: usize = 5;

/// Keeps the ranked outlets within `radius_km` of the origin. When none is
/// that close, keeps the [`NEAREST_WHEN_NONE_WITHIN`] nearest instead and says
/// so, so the buyer is never left with an empty list only because they live
/// far from a store.
///
/// `ranked` must be nearest-first with distances (from [`rank`] with an
/// origin); without distances nothing is cut.
///
/// # Units
/// `radius_km` in kilometres; distances in metres.
///
/// # Examples
/// ```
/// use locator_core::{within_radius, RadiusOutcome, Ranked};
/// let ranked = vec![Ranked { index: 3, distance_m: Some(23_400.0) }, Ranked { index: 1, distance_m: Some(40_000.0) }];
/// let (kept, outcome) = within_radius(ranked.clone(), Some(30.0));
/// assert_eq!((kept.len(), outcome), (1, RadiusOutcome::Within));
/// let (kept, outcome) = within_radius(ranked, Some(10.0));
/// assert_eq!((kept.len(), outcome), (2, RadiusOutcome::NoneWithin { nearest_m: 23_400.0 }));
/// ```
pub fn within_radius(ranked: Vec<Ranked>, radius_km: Option<f64>) -> (Vec<Ranked>, RadiusOutcome) {
    let Some(radius_km) = radius_km else {
        return (ranked, RadiusOutcome::NotApplied);
    };
    let Some(nearest_m) = ranked.first().and_then(|r| r.distance_m) else {
        return (ranked, RadiusOutcome::NotApplied);
    };
    let limit_m = radius_km * 1000.0;
    let within = ranked
        .iter()
        .take_while(|r| r.distance_m.is_some_and(|d| d <= limit_m))
        .count();
    if within > 0 {
        let mut ranked = ranked;
        ranked.truncate(within);
        (ranked, RadiusOutcome::Within)
    } else {
        let mut ranked = ranked;
        ranked.truncate(NEAREST_WHEN_NONE_WITHIN);
        (ranked, RadiusOutcome::NoneWithin { nearest_m })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(distances_km: &[f64]) -> Vec<Ranked> {
        distances_km
            .iter()
            .enumerate()
            .map(|(i, d)| Ranked {
                index: i,
                distance_m: Some(d * 1000.0),
            })
            .collect()
    }

    mod radius {
        use super::*;

        #[test]
        fn keeps_what_lies_within_edge_included() {
            let (kept, outcome) = within_radius(rows(&[1.0, 5.0, 10.0, 10.5]), Some(10.0));
            assert_eq!(kept.len(), 3);
            assert_eq!(outcome, RadiusOutcome::Within);
        }

        #[test]
        fn falls_back_to_the_nearest_when_none_is_within() {
            let (kept, outcome) = within_radius(
                rows(&[12.0, 13.0, 14.0, 15.0, 16.0, 17.0, 18.0]),
                Some(10.0),
            );
            assert_eq!(kept.len(), NEAREST_WHEN_NONE_WITHIN);
            assert_eq!(
                outcome,
                RadiusOutcome::NoneWithin {
                    nearest_m: 12_000.0
                }
            );
        }

        #[test]
        fn needs_a_radius_and_distances() {
            assert_eq!(
                within_radius(rows(&[1.0]), None).1,
                RadiusOutcome::NotApplied
            );
            let no_origin = vec![Ranked {
                index: 0,
                distance_m: None,
            }];
            assert_eq!(
                within_radius(no_origin, Some(5.0)),
                (
                    vec![Ranked {
                        index: 0,
                        distance_m: None
                    }],
                    RadiusOutcome::NotApplied
                )
            );
            assert_eq!(
                within_radius(Vec::new(), Some(5.0)),
                (Vec::new(), RadiusOutcome::NotApplied)
            );
        }
    }
}
