//! Ordering the outlets for the list: nearest first from an origin, or the
//! dataset's default order without one, keeping only those the filters pass.

use crate::dataset::Dataset;
use crate::index::SpatialIndex;
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

/// The outlets that pass `filters`, nearest to `origin` first (ties keep
/// no particular order), or in [`Dataset::default_order`] with no origin.
///
/// `index` must have been built from `data.outlets`.
///
/// # Units
/// `origin` in WGS-84 degrees; `distance_m` in metres.
pub fn rank(
    data: &Dataset,
    index: &SpatialIndex,
    filters: &Filters,
    origin: Option<LatLng>,
) -> Vec<Ranked> {
    let keep = |&i: &usize| filters.matches(&data.outlets[i]);
    match origin {
        Some(origin) => index
            .nearest(origin)
            .filter(keep)
            .map(|i| Ranked {
                index: i,
                distance_m: Some(origin.distance_m(data.outlets[i].location)),
            })
            .collect(),
        None => data
            .default_order()
            .iter()
            .copied()
            .filter(keep)
            .map(|i| Ranked {
                index: i,
                distance_m: None,
            })
            .collect(),
    }
}
