//! A spatial index over the outlets, for nearest-first queries.

use crate::latlng::LatLng;
use crate::outlet::Outlet;
use rstar::primitives::GeomWithData;
use rstar::RTree;

type Entry = GeomWithData<[f64; 3], usize>;

/// An R*-tree of the outlets' positions as points on the unit sphere
/// ([`LatLng::unit_vector`]), built once per dataset by bulk loading.
///
/// Chord distance in 3-D grows with great-circle distance, so walking the
/// tree nearest-first gives outlets in true distance order, with no special
/// case at the antimeridian or the poles.
#[derive(Debug, Clone)]
pub struct SpatialIndex {
    tree: RTree<Entry>,
}

impl SpatialIndex {
    /// Indexes `outlets`; results refer to positions in that slice.
    pub fn new(outlets: &[Outlet]) -> Self {
        let entries = outlets
            .iter()
            .enumerate()
            .map(|(i, o)| Entry::new(o.location.unit_vector(), i))
            .collect();
        SpatialIndex {
            tree: RTree::bulk_load(entries),
        }
    }

    /// Positions of the outlets, nearest to `origin` first. Lazy: taking the
    /// first k costs about O(k log n).
    pub fn nearest(&self, origin: LatLng) -> impl Iterator<Item = usize> + '_ {
        self.tree
            .nearest_neighbor_iter(&origin.unit_vector())
            .map(|e| e.data)
    }

    /// Number of indexed outlets.
    pub fn len(&self) -> usize {
        self.tree.size()
    }

    /// Whether no outlet is indexed.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
