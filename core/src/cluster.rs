//! Marker clustering: which markers to draw for a viewport at a zoom level,
//! and what each cluster holds.
//!
//! The index is built once per set of points (for 100,000 outlets, about
//! 50 ms natively or in WebAssembly) and answers each pan or zoom with only
//! what is on screen, in microseconds: the cost is set by the viewport's size
//! in pixels and the markers returned, not by the number of points.
//!
//! # Design
//! Hierarchical greedy clustering, as Mapbox's supercluster does it. Positions
//! are projected to Web Mercator; then, from the finest zoom level to the
//! coarsest, each item of the finer level not yet taken becomes a seed, takes
//! every untaken item within `radius_px` screen pixels, and the group becomes
//! one cluster at its weighted centre. Items that take nothing pass to the
//! coarser level unchanged, keeping their id.
//!
//! Instead of a k-d tree per level, each level keeps its items sorted along a
//! uniform grid whose cells are as wide as the clustering radius (row-major
//! keys in one `u64` array). Neighbours are in 3 × 3 cells, reached by cursors
//! that only move forward because seeds are visited in key order; a viewport
//! query does a binary search per non-empty grid row it covers.
//!
//! Before the zoom levels, points within `stack_radius_m` of one another
//! (outlets sharing a building) are merged into *stacks*: clusters that never
//! split at any zoom, whose leaves the map lists or fans out.
//!
//! The clusters form a forest whose leaves are numbered depth-first, so the
//! leaves of any cluster are one contiguous slice.
//!
//! # References
//! - V. Agafonkin, *Clustering millions of points on a map with Supercluster*
//!   (Mapbox blog, 2016), and <https://github.com/mapbox/supercluster>.
//! - Web Mercator: EPSG:3857, as used by Leaflet and OpenStreetMap tiles.

use crate::latlng::{LatLng, LatLngError};

/// The equator's length in metres (WGS-84 semi-major axis × 2π): ground
/// metres per unit of Web Mercator `x` at the equator.
const EQUATOR_M: f64 = 40_075_016.685_578_49;

/// The latitude at which Web Mercator's square world ends, in degrees.
const MAX_MERCATOR_LAT: f64 = 85.051_128_779_806_59;

/// The smallest grid cell, in Web Mercator units (about 4 cm at the equator),
/// so that a row or column number always fits in 32 bits.
const MIN_CELL: f64 = 1e-9;

/// Widening of a query's Mercator rectangle, so that rounding in the
/// projection can never drop a marker on the viewport's edge.
const QUERY_SLACK: f64 = 1e-12;

/// "No parent": the item is a root (visible at the coarsest zoom level).
const NONE: u32 = u32::MAX;

/// The finest zoom level [`ClusterOptions::max_zoom`] may name.
pub const MAX_CLUSTER_ZOOM: u8 = 24;

/// One point to cluster: where it is drawn, whose it is, and of what kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterInput {
    /// Position in degrees, as drawn on the map: WGS-84, or already shifted
    /// to GCJ-02 when the base map is.
    pub position: LatLng,
    /// The caller's id, such as the outlet's index in the dataset; results
    /// and leaves give it back. It need not be unique.
    pub id: u32,
    /// Category, below the index's `N`; clusters count their points per
    /// category (the app uses 0 for EV Home, 1 for partners).
    pub category: u8,
}

/// How to cluster. [`Default`] gives the values named on each field.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterOptions {
    /// Cluster radius in screen pixels: at each zoom level, a seed takes the
    /// items within this distance. Default 60.
    pub radius_px: f64,
    /// Width of a map tile in pixels: the world is `tile_size_px · 2^zoom`
    /// pixels wide. Default 256 (Leaflet and OpenStreetMap tiles).
    pub tile_size_px: f64,
    /// Coarsest zoom level clustered; queries below it get this level.
    /// Default 0.
    pub min_zoom: u8,
    /// Finest zoom level clustered, at most [`MAX_CLUSTER_ZOOM`]. At
    /// `max_zoom + 1` and beyond only stacks stay merged. Default 16.
    pub max_zoom: u8,
    /// Fewest points a cluster is formed with; values below 2 act as 2.
    /// Stacks form whatever this is. Default 2.
    pub min_points: u32,
    /// Points within this many metres of a stack's first point join the
    /// stack, which never splits. 0 stacks only identical positions.
    /// Default 1.
    pub stack_radius_m: f64,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            radius_px: 60.0,
            tile_size_px: 256.0,
            min_zoom: 0,
            max_zoom: 16,
            min_points: 2,
            stack_radius_m: 1.0,
        }
    }
}

/// Why a cluster index cannot be built.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClusterError {
    /// A point's position is not finite or out of range.
    #[error("point {index} (id {id}): {source}")]
    Position {
        /// Position of the point in the input.
        index: usize,
        /// The caller's id of the point.
        id: u32,
        /// What is wrong with the position.
        source: LatLngError,
    },
    /// A point's category is not below the index's number of categories.
    #[error("point {index} (id {id}): category {category} is not below {categories}")]
    Category {
        /// Position of the point in the input.
        index: usize,
        /// The caller's id of the point.
        id: u32,
        /// The category given.
        category: u8,
        /// The number of categories the index counts (`N`).
        categories: usize,
    },
    /// An option is out of its range.
    #[error("cluster option {field}: {reason}")]
    Option {
        /// The field of [`ClusterOptions`].
        field: &'static str,
        /// What the value must be.
        reason: &'static str,
    },
    /// More points than the index can number.
    #[error("{count} points are too many to cluster (at most {max})")]
    TooManyPoints {
        /// Points given.
        count: usize,
        /// Most points allowed.
        max: usize,
    },
}

/// A rectangle of longitudes and latitudes, in degrees, such as the part of
/// the map on screen (Leaflet's `getWest()`, `getSouth()`, …).
///
/// When `west` is greater than `east` the rectangle crosses the antimeridian;
/// longitudes beyond ±180 (a map panned across it) wrap around; a width of
/// 360° or more is the whole world.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    /// Western edge, degrees of longitude.
    pub west: f64,
    /// Southern edge, degrees of latitude.
    pub south: f64,
    /// Eastern edge, degrees of longitude.
    pub east: f64,
    /// Northern edge, degrees of latitude.
    pub north: f64,
}

impl Bounds {
    /// The whole world.
    pub const WORLD: Bounds = Bounds {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };

    /// Whether `p` lies inside, edges included; longitude 180 counts as −180.
    ///
    /// # Examples
    /// ```
    /// use locator_core::{Bounds, LatLng};
    /// let pacific = Bounds { west: 170.0, south: -20.0, east: -170.0, north: 0.0 };
    /// assert!(pacific.contains(LatLng::new(-17.7, 178.0).unwrap())); // Suva
    /// assert!(pacific.contains(LatLng::new(-13.8, -171.8).unwrap())); // Apia
    /// assert!(!pacific.contains(LatLng::new(-18.1, 65.0).unwrap()));
    /// ```
    pub fn contains(&self, p: LatLng) -> bool {
        self.south <= p.lat
            && p.lat <= self.north
            && self
                .lng_spans()
                .into_iter()
                .flatten()
                .any(|(w, e)| (w..=e).contains(&wrap_lng(p.lng)))
    }

    /// The longitudes covered, as up to two disjoint spans within
    /// −180…180 (two when the rectangle crosses the antimeridian).
    fn lng_spans(&self) -> [Option<(f64, f64)>; 2] {
        let width = self.east - self.west;
        if !width.is_finite() {
            return [None, None];
        }
        if width >= 360.0 {
            return [Some((-180.0, 180.0)), None];
        }
        let width = width.rem_euclid(360.0);
        let west = wrap_lng(self.west);
        let east = west + width;
        if east < 180.0 {
            [Some((west, east)), None]
        } else {
            [Some((west, 180.0)), Some((-180.0, east - 360.0))]
        }
    }
}

/// A cluster's id: stable for a given index (the same input and options give
/// the same ids), meaningless for another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClusterId(u32);

impl ClusterId {
    /// The number behind the id, to keep in the DOM or a URL.
    pub fn get(self) -> u32 {
        self.0
    }

    /// The id with this number, as [`ClusterId::get`] gave it. Lookups with
    /// a number no cluster of the index has return `None`.
    pub fn from_raw(raw: u32) -> ClusterId {
        ClusterId(raw)
    }
}

/// A group of points drawn as one marker.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cluster<const N: usize = 2> {
    /// Id for [`ClusterIndex::leaves`], [`ClusterIndex::children`],
    /// [`ClusterIndex::bounds`].
    pub id: ClusterId,
    /// Where to draw it: the centre of its points in Web Mercator, in
    /// degrees.
    pub position: LatLng,
    /// Number of points.
    pub count: u32,
    /// Number of points per category; they add up to `count`.
    pub counts: [u32; N],
    /// The zoom level at which the cluster splits into several markers, to
    /// zoom to on a click; `None` for a stack, which never splits: list or
    /// fan out its leaves instead.
    pub expansion_zoom: Option<u8>,
}

impl<const N: usize> Cluster<N> {
    /// Whether all its points share one position (within
    /// [`ClusterOptions::stack_radius_m`]), so that zooming never separates
    /// them.
    pub fn is_stack(&self) -> bool {
        self.expansion_zoom.is_none()
    }
}

/// One marker to draw: a single point or a cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ClusterItem<const N: usize = 2> {
    /// A point on its own.
    Point {
        /// The caller's id ([`ClusterInput::id`]).
        id: u32,
        /// Its position as given.
        position: LatLng,
        /// Its category.
        category: u8,
    },
    /// Several points.
    Cluster(Cluster<N>),
}

impl<const N: usize> ClusterItem<N> {
    /// Where to draw the marker, in degrees.
    pub fn position(&self) -> LatLng {
        match self {
            ClusterItem::Point { position, .. } => *position,
            ClusterItem::Cluster(c) => c.position,
        }
    }

    /// Number of points the marker stands for (1 for a point).
    pub fn count(&self) -> u32 {
        match self {
            ClusterItem::Point { .. } => 1,
            ClusterItem::Cluster(c) => c.count,
        }
    }
}

/// A cluster hierarchy over points, for every zoom level at once, counting
/// points in `N` categories (2 by default: EV Home and partners).
///
/// # Units
/// Positions and bounds in degrees; zoom levels as Leaflet numbers them
/// (the world is `tile_size_px · 2^zoom` pixels wide); radii in screen pixels
/// and, for stacks, metres.
///
/// # Examples
/// Two EV Home stores in central Shanghai, 2.7 km apart, and a partner in
/// Beijing:
/// ```
/// use locator_core::{Bounds, ClusterIndex, ClusterInput, ClusterItem, ClusterOptions, LatLng};
/// let at = |lat, lng| LatLng::new(lat, lng).unwrap();
/// let points = [
///     ClusterInput { position: at(31.2304, 121.4737), id: 0, category: 0 },
///     ClusterInput { position: at(31.2286, 121.4452), id: 1, category: 0 },
///     ClusterInput { position: at(39.9042, 116.4074), id: 2, category: 1 },
/// ];
/// let index: ClusterIndex = ClusterIndex::new(points, ClusterOptions::default()).unwrap();
///
/// // A view of eastern China at zoom 5: Shanghai's two stores are one marker.
/// let view = Bounds { west: 105.0, south: 20.0, east: 130.0, north: 45.0 };
/// let items = index.clusters(view, 5.0);
/// assert_eq!(items.len(), 2);
/// let shanghai = items.iter().find_map(|item| match item {
///     ClusterItem::Cluster(c) => Some(*c),
///     ClusterItem::Point { .. } => None,
/// }).unwrap();
/// assert_eq!((shanghai.count, shanghai.counts), (2, [2, 0]));
/// let mut ids = index.leaves(shanghai.id).unwrap().to_vec();
/// ids.sort();
/// assert_eq!(ids, [0, 1]);
///
/// // Clicking it zooms to 12, where the two stores are apart.
/// assert_eq!(shanghai.expansion_zoom, Some(12));
/// assert_eq!(index.clusters(view, 12.0).len(), 3);
/// ```
///
/// # References
/// See the [module documentation](self) for the algorithm.
#[derive(Debug, Clone)]
pub struct ClusterIndex<const N: usize = 2> {
    options: ClusterOptions,
    /// Number of input points: items `0..points` are the points, in input
    /// order; the clusters follow, each after its children.
    points: usize,
    /// Per item: position in degrees (as given for points).
    position: Vec<LatLng>,
    /// Per item: number of points and per category.
    count: Vec<u32>,
    counts: Vec<[u32; N]>,
    /// Per item: the cluster it merged into, or [`NONE`].
    parent: Vec<u32>,
    /// Per item: where its leaves start in `leaf_ids` / `leaf_points`.
    leaf_start: Vec<u32>,
    /// Per point: the caller's id and category.
    ids: Vec<u32>,
    categories: Vec<u8>,
    /// Per cluster (item `points + i`).
    nodes: Vec<Node>,
    /// Children of the clusters, each cluster's contiguous.
    children: Vec<u32>,
    /// Leaves in depth-first order: caller ids and point items.
    leaf_ids: Vec<u32>,
    leaf_points: Vec<u32>,
    /// The items visible at each zoom level, `levels[z - min_zoom]` for
    /// `z` in `min_zoom..=max_zoom + 1`.
    levels: Vec<Level>,
}

/// What a cluster adds to an item.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The zoom level at which it formed: its children are the items of
    /// the next finer level (the point level for a stack).
    zoom: u8,
    /// Whether it is a stack.
    stack: bool,
    /// Its children: `children[child_start..child_start + child_len]`.
    child_start: u32,
    child_len: u32,
}

/// The items of one zoom level, sorted along a grid.
#[derive(Debug, Clone)]
struct Level {
    /// Cell width in Web Mercator units.
    cell: f64,
    /// Cells per side of the world.
    cells: u32,
    /// Grid key of each item (`row << 32 | column`), ascending.
    keys: Vec<u64>,
    /// The items, in key order.
    items: Vec<u32>,
}

/// The neighbourhood a seed takes.
#[derive(Debug, Clone, Copy)]
enum Radius {
    /// A fixed distance in Web Mercator units.
    Mercator(f64),
    /// Metres on the ground around the seed: a stack.
    Metres(f64),
}

/// The items of a level with what clustering reads of them, in one order,
/// so that the clustering loops read memory in sequence.
#[derive(Debug)]
struct Batch<const N: usize> {
    /// The items; once sorted by [`grid`], they are in the [`Level`] and
    /// this is empty.
    items: Vec<u32>,
    /// Web Mercator position, `x` east and `y` south, in 0…1.
    x: Vec<f64>,
    y: Vec<f64>,
    count: Vec<u32>,
    counts: Vec<[u32; N]>,
}

impl<const N: usize> Batch<N> {
    fn with_capacity(capacity: usize) -> Self {
        Batch {
            items: Vec::with_capacity(capacity),
            x: Vec::with_capacity(capacity),
            y: Vec::with_capacity(capacity),
            count: Vec::with_capacity(capacity),
            counts: Vec::with_capacity(capacity),
        }
    }

    fn push(&mut self, item: u32, x: f64, y: f64, count: u32, counts: [u32; N]) {
        self.items.push(item);
        self.x.push(x);
        self.y.push(y);
        self.count.push(count);
        self.counts.push(counts);
    }
}

/// Sorts a level's items along a grid of cells `cell` wide: the level to
/// keep, and the items' data in the same order.
fn grid<const N: usize>(batch: Batch<N>, cell: f64) -> (Level, Batch<N>) {
    let cell = cell.max(MIN_CELL);
    let cells = (1.0 / cell).ceil().clamp(1.0, f64::from(u32::MAX)) as u32;
    // Slices, not vectors, so that indexing compiles to plain loads even
    // at `opt-level = "z"`.
    let (items, x, y, count, counts) = (
        &batch.items[..],
        &batch.x[..],
        &batch.y[..],
        &batch.count[..],
        &batch.counts[..],
    );
    let mut order: Vec<(u64, u32)> = x
        .iter()
        .zip(y)
        .enumerate()
        .map(|(k, (&x, &y))| {
            let key = grid_key(cell_of(y, cell, cells), cell_of(x, cell, cells));
            (key, k as u32)
        })
        .collect();
    radix_sort(&mut order, u32::BITS - (cells - 1).leading_zeros());
    // Gathered field by field into exact-size vectors: no capacity checks.
    let gather = |k: &(u64, u32)| k.1 as usize;
    let level = Level {
        cell,
        cells,
        keys: order.iter().map(|&(key, _)| key).collect(),
        items: order.iter().map(|k| items[gather(k)]).collect(),
    };
    let sorted = Batch {
        items: Vec::new(),
        x: order.iter().map(|k| x[gather(k)]).collect(),
        y: order.iter().map(|k| y[gather(k)]).collect(),
        count: order.iter().map(|k| count[gather(k)]).collect(),
        counts: order.iter().map(|k| counts[gather(k)]).collect(),
    };
    (level, sorted)
}

/// Sorts `(key, payload)` pairs by grid key, keeping the order of equal
/// keys, when rows and columns are below `2^bits`: a least-significant-digit
/// radix sort, column digits first, then row digits. Being stable, it makes
/// the order (and so the ids) independent of anything but the input.
fn radix_sort(pairs: &mut Vec<(u64, u32)>, bits: u32) {
    const DIGIT_BITS: u32 = 11;
    const DIGITS: usize = 1 << DIGIT_BITS;
    if pairs.len() < 1024 {
        // Small: a comparison sort, also stable, beats clearing histograms.
        pairs.sort_by_key(|&(key, _)| key);
        return;
    }
    let mut buffer = vec![(0, 0); pairs.len()];
    for half in [0, 32] {
        for shift in (half..half + bits).step_by(DIGIT_BITS as usize) {
            let digit = |key: u64| (key >> shift) as usize & (DIGITS - 1);
            let mut starts = [0usize; DIGITS];
            for &(key, _) in pairs.iter() {
                starts[digit(key)] += 1;
            }
            if starts.contains(&pairs.len()) {
                continue; // one digit for all: nothing moves
            }
            let mut sum = 0;
            for start in starts.iter_mut() {
                (*start, sum) = (sum, sum + *start);
            }
            let into = &mut buffer[..];
            for &pair in pairs.iter() {
                let d = digit(pair.0);
                into[starts[d]] = pair;
                starts[d] += 1;
            }
            std::mem::swap(pairs, &mut buffer);
        }
    }
}

impl<const N: usize> ClusterIndex<N> {
    /// Builds the hierarchy for every zoom level from `min_zoom` to
    /// `max_zoom + 1`. Results refer to points by their
    /// [`ClusterInput::id`] and, in [`ClusterIndex::containing`], by their
    /// position in `points`.
    ///
    /// # Units
    /// See [`ClusterOptions`]. Takes O(n log n) time per zoom level and
    /// about 140 bytes per point (14 MB for 100,000 outlets).
    ///
    /// # Errors
    /// A position out of range or not finite, a category not below `N`, an
    /// option out of range, or more than 2³¹ − 1 points; the error names the
    /// point or the option.
    pub fn new(
        points: impl IntoIterator<Item = ClusterInput>,
        options: ClusterOptions,
    ) -> Result<Self, ClusterError> {
        check_options(&options)?;
        let points = points.into_iter();
        let capacity = points.size_hint().0;
        let mut index = ClusterIndex {
            options,
            points: 0,
            position: Vec::with_capacity(2 * capacity),
            count: Vec::with_capacity(2 * capacity),
            counts: Vec::with_capacity(2 * capacity),
            parent: Vec::new(),
            leaf_start: Vec::new(),
            ids: Vec::with_capacity(capacity),
            categories: Vec::with_capacity(capacity),
            nodes: Vec::new(),
            children: Vec::new(),
            leaf_ids: Vec::new(),
            leaf_points: Vec::new(),
            levels: Vec::new(),
        };
        let mut batch = Batch::with_capacity(capacity);
        for (i, p) in points.enumerate() {
            let position = LatLng::new(p.position.lat, p.position.lng).map_err(|source| {
                ClusterError::Position {
                    index: i,
                    id: p.id,
                    source,
                }
            })?;
            let category = usize::from(p.category);
            if category >= N {
                return Err(ClusterError::Category {
                    index: i,
                    id: p.id,
                    category: p.category,
                    categories: N,
                });
            }
            let mut counts = [0; N];
            counts[category] = 1;
            batch.push(
                i as u32,
                mercator_x(position.lng),
                mercator_y(position.lat),
                1,
                counts,
            );
            index.position.push(position);
            index.count.push(1);
            index.counts.push(counts);
            index.ids.push(p.id);
            index.categories.push(p.category);
        }
        index.points = index.ids.len();
        // Items (points and clusters) are numbered in a u32, and a cluster
        // takes at least two items.
        let max = (u32::MAX / 2) as usize;
        if index.points > max {
            return Err(ClusterError::TooManyPoints {
                count: index.points,
                max,
            });
        }
        index.parent = vec![NONE; index.points];
        index.build(batch);
        Ok(index)
    }

    /// The markers to draw for the part of the map inside `bounds` at
    /// `zoom`: every item of that zoom level whose position is inside
    /// `bounds` (see [`Bounds::contains`]), in no particular order.
    ///
    /// Points merged into one cluster appear once, through it; over the
    /// whole world the items hold every point exactly once.
    ///
    /// # Units
    /// `bounds` in degrees (it may cross the antimeridian); `zoom` as the
    /// map reports it, rounded down and held within `min_zoom` and
    /// `max_zoom + 1`. The cost grows with the viewport's area in cluster
    /// radii and with the items returned, not with the number of points.
    ///
    /// # Examples
    /// See [`ClusterIndex`].
    pub fn clusters(&self, bounds: Bounds, zoom: f64) -> Vec<ClusterItem<N>> {
        let mut out = Vec::new();
        let Some(level) = self.levels.get(self.level_of(zoom)) else {
            return out;
        };
        if bounds.south.is_nan() || bounds.north.is_nan() || bounds.south > bounds.north {
            return out;
        }
        let (top, bottom) = (
            mercator_y(bounds.north.min(90.0)) - QUERY_SLACK,
            mercator_y(bounds.south.max(-90.0)) + QUERY_SLACK,
        );
        for (west, east) in bounds.lng_spans().into_iter().flatten() {
            let (left, right) = (
                mercator_x_unwrapped(west) - QUERY_SLACK,
                mercator_x_unwrapped(east) + QUERY_SLACK,
            );
            level.visit(left, top, right, bottom, |item| {
                let p = self.position[item as usize];
                let lng = wrap_lng(p.lng);
                if bounds.south <= p.lat && p.lat <= bounds.north && west <= lng && lng <= east {
                    out.push(self.item(item));
                }
            });
        }
        out
    }

    /// The cluster with this id, as [`ClusterIndex::clusters`] gave it.
    /// `None` if the index has no such cluster.
    pub fn cluster(&self, id: ClusterId) -> Option<Cluster<N>> {
        match self.item(self.cluster_item(id)?) {
            ClusterItem::Cluster(c) => Some(c),
            ClusterItem::Point { .. } => None,
        }
    }

    /// The caller's ids of all points in the cluster, in an order fixed for
    /// the index (the points of each sub-cluster together). `None` if the
    /// index has no such cluster.
    ///
    /// # Examples
    /// See [`ClusterIndex`].
    pub fn leaves(&self, id: ClusterId) -> Option<&[u32]> {
        let item = self.cluster_item(id)? as usize;
        let start = self.leaf_start[item] as usize;
        self.leaf_ids.get(start..start + self.count[item] as usize)
    }

    /// The markers the cluster splits into at its expansion zoom (for a
    /// stack: its points). `None` if the index has no such cluster.
    pub fn children(&self, id: ClusterId) -> Option<Vec<ClusterItem<N>>> {
        let node = self.node(self.cluster_item(id)?)?;
        let start = node.child_start as usize;
        let children = self.children.get(start..start + node.child_len as usize)?;
        Some(children.iter().map(|&c| self.item(c)).collect())
    }

    /// The smallest rectangle holding the cluster's points, to fit the map
    /// to. `None` if the index has no such cluster.
    ///
    /// # Units
    /// Degrees; longitude 180 counts as −180, so `west <= east`.
    pub fn bounds(&self, id: ClusterId) -> Option<Bounds> {
        let item = self.cluster_item(id)? as usize;
        let start = self.leaf_start[item] as usize;
        let leaves = self
            .leaf_points
            .get(start..start + self.count[item] as usize)?;
        let mut bounds = Bounds {
            west: f64::INFINITY,
            south: f64::INFINITY,
            east: f64::NEG_INFINITY,
            north: f64::NEG_INFINITY,
        };
        for &p in leaves {
            let p = self.position[p as usize];
            let lng = wrap_lng(p.lng);
            bounds.west = bounds.west.min(lng);
            bounds.east = bounds.east.max(lng);
            bounds.south = bounds.south.min(p.lat);
            bounds.north = bounds.north.max(p.lat);
        }
        Some(bounds)
    }

    /// The marker that holds the point given at `index` in the input, at
    /// `zoom` (rounded down and held in range as in
    /// [`ClusterIndex::clusters`]): to highlight the selected outlet's
    /// cluster. `None` if there is no such point.
    pub fn containing(&self, index: usize, zoom: f64) -> Option<ClusterItem<N>> {
        if index >= self.points {
            return None;
        }
        let zoom = self.options.min_zoom as usize + self.level_of(zoom);
        let mut item = index as u32;
        loop {
            let parent = self.parent[item as usize];
            match self.node(parent) {
                Some(node) if node.zoom as usize >= zoom => item = parent,
                _ => return Some(self.item(item)),
            }
        }
    }

    /// Number of points indexed.
    pub fn len(&self) -> usize {
        self.points
    }

    /// Whether no point is indexed.
    pub fn is_empty(&self) -> bool {
        self.points == 0
    }

    /// The options the index was built with.
    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    /// Builds the stacks, then the zoom levels from the finest down, then
    /// numbers the leaves. `points` holds every point, in input order.
    fn build(&mut self, points: Batch<N>) {
        let points_zoom = self.options.max_zoom + 1;

        // Stacks: the grid cell must cover the stack radius in Mercator
        // units at the latitude farthest from the equator.
        let stack_m = self.options.stack_radius_m;
        let widest = points
            .y
            .iter()
            .fold(0.0_f64, |m, &y| m.max(mercator_ordinate(y).abs()));
        let stack_cell = stack_m * widest.cosh() / EQUATOR_M * (1.0 + 1e-9);
        let (level, sorted) = grid(points, stack_cell);
        let mut batch = self.merge(&level, &sorted, Radius::Metres(stack_m), points_zoom);

        // Zoom levels: the items of level z + 1, on a grid as wide as the
        // radius at zoom z, cluster into the items of level z.
        let mut levels = Vec::with_capacity(usize::from(points_zoom - self.options.min_zoom) + 1);
        for zoom in (self.options.min_zoom..points_zoom).rev() {
            let radius = self.radius_at(zoom);
            let (level, sorted) = grid(batch, radius);
            batch = self.merge(&level, &sorted, Radius::Mercator(radius), zoom);
            levels.push(level);
        }
        let (coarsest, _) = grid(batch, 2.0 * self.radius_at(self.options.min_zoom));
        levels.push(coarsest);
        levels.reverse();
        self.levels = levels;
        self.number_leaves();
    }

    /// The clustering radius at `zoom`, in Web Mercator units.
    fn radius_at(&self, zoom: u8) -> f64 {
        self.options.radius_px / (self.options.tile_size_px * f64::from(1u32 << zoom))
    }

    /// Greedy clustering of one level's items (`sorted`, in the order of
    /// `level`) into the next coarser level's; new clusters form at `zoom`.
    fn merge(&mut self, level: &Level, sorted: &Batch<N>, radius: Radius, zoom: u8) -> Batch<N> {
        // Slices, not vectors, so that indexing compiles to plain loads
        // even at `opt-level = "z"`.
        let (keys, items) = (&level.keys[..], &level.items[..]);
        let (xs, ys, ws, cs) = (
            &sorted.x[..],
            &sorted.y[..],
            &sorted.count[..],
            &sorted.counts[..],
        );
        let m = items.len();
        let min_points = u64::from(self.options.min_points.max(2));
        let stack = matches!(radius, Radius::Metres(_));
        let mut taken = vec![false; m];
        let taken = &mut taken[..];
        let mut next = Batch::with_capacity(m);
        let mut found: Vec<usize> = Vec::new();
        // For the rows above, at and below the seed: the first key at or
        // after the seed's left neighbour column, and the first after its
        // right neighbour column. Seeds come in key order, so these only
        // move forward.
        let mut from = [0usize; 3];
        let mut to = [0usize; 3];

        for s in 0..m {
            if taken[s] {
                continue;
            }
            taken[s] = true;
            let (sx, sy) = (xs[s], ys[s]);
            // Computed at the first candidate: most seeds of the stack pass
            // have none.
            let mut r2 = None;
            let mut radius2 = || {
                *r2.get_or_insert_with(|| {
                    let r = match radius {
                        Radius::Mercator(r) => r,
                        // Ground metres per Mercator unit shrink with the
                        // cosine of the latitude: 1 / cosh of the ordinate.
                        Radius::Metres(m) => m * mercator_ordinate(sy).cosh() / EQUATOR_M,
                    };
                    r * r
                })
            };
            let (row, col) = (keys[s] >> 32, keys[s] & u64::from(u32::MAX));
            let mut weight = u64::from(ws[s]);
            found.clear();
            for d in 0..3 {
                let Some(r) = (row + d as u64).checked_sub(1) else {
                    continue;
                };
                let (first, last) = ((r << 32) | col.saturating_sub(1), (r << 32) | (col + 1));
                while from[d] < m && keys[from[d]] < first {
                    from[d] += 1;
                }
                to[d] = to[d].max(from[d]);
                while to[d] < m && keys[to[d]] <= last {
                    to[d] += 1;
                }
                for j in from[d]..to[d] {
                    let (dx, dy) = (xs[j] - sx, ys[j] - sy);
                    if !taken[j] && dx * dx + dy * dy <= radius2() {
                        found.push(j);
                        weight += u64::from(ws[j]);
                    }
                }
            }
            let seed = items[s];
            if found.is_empty() || (!stack && weight < min_points) {
                next.push(seed, sx, sy, ws[s], cs[s]);
                continue;
            }

            // A new cluster at the weighted centre of the seed and its
            // neighbours.
            let id = self.count.len() as u32;
            let child_start = self.children.len() as u32;
            let (mut wx, mut wy) = (0.0, 0.0);
            let mut counts = [0; N];
            let mut one_place = true;
            for j in std::iter::once(s).chain(found.iter().copied()) {
                taken[j] = true;
                let w = f64::from(ws[j]);
                wx += xs[j] * w;
                wy += ys[j] * w;
                one_place &= xs[j] == sx && ys[j] == sy;
                for (sum, c) in counts.iter_mut().zip(cs[j]) {
                    *sum += c;
                }
                let item = items[j];
                self.parent[item as usize] = id;
                self.children.push(item);
            }
            let w = weight as f64;
            let (x, y) = (wx / w, wy / w);
            // Points at one place keep its exact coordinates, which the
            // round trip through Mercator would blur in the last digits.
            self.position.push(if one_place {
                self.position[seed as usize]
            } else {
                LatLng {
                    lat: latitude(y),
                    lng: x * 360.0 - 180.0,
                }
            });
            self.count.push(weight as u32);
            self.counts.push(counts);
            self.parent.push(NONE);
            self.nodes.push(Node {
                zoom,
                stack,
                child_start,
                child_len: found.len() as u32 + 1,
            });
            next.push(id, x, y, weight as u32, counts);
        }
        next
    }

    /// Numbers the leaves depth-first, so that every cluster's leaves are
    /// contiguous. Parents come after their children in the item table, so
    /// walking it backwards meets each cluster before its children.
    fn number_leaves(&mut self) {
        let items = self.count.len();
        let n = self.points;
        self.leaf_start = vec![0; items];
        let mut next = 0;
        if let Some(roots) = self.levels.first() {
            for &root in &roots.items {
                self.leaf_start[root as usize] = next;
                next += self.count[root as usize];
            }
        }
        for item in (n..items).rev() {
            let node = self.nodes[item - n];
            let mut start = self.leaf_start[item];
            let first = node.child_start as usize;
            for &child in &self.children[first..first + node.child_len as usize] {
                self.leaf_start[child as usize] = start;
                start += self.count[child as usize];
            }
        }
        self.leaf_ids = vec![0; n];
        self.leaf_points = vec![0; n];
        for p in 0..n {
            let at = self.leaf_start[p] as usize;
            self.leaf_ids[at] = self.ids[p];
            self.leaf_points[at] = p as u32;
        }
    }

    /// Position in `levels` of the level shown at `zoom`.
    fn level_of(&self, zoom: f64) -> usize {
        let min = f64::from(self.options.min_zoom);
        let max = f64::from(self.options.max_zoom) + 1.0;
        let zoom = if zoom.is_nan() {
            min
        } else {
            zoom.floor().clamp(min, max)
        };
        (zoom - min) as usize
    }

    /// The item behind a cluster id, if it is one of this index's clusters.
    fn cluster_item(&self, id: ClusterId) -> Option<u32> {
        let item = id.0 as usize;
        (item >= self.points && item < self.count.len()).then_some(id.0)
    }

    /// The cluster part of an item, if it is a cluster.
    fn node(&self, item: u32) -> Option<Node> {
        (item as usize)
            .checked_sub(self.points)
            .and_then(|i| self.nodes.get(i))
            .copied()
    }

    /// An item as a marker.
    fn item(&self, item: u32) -> ClusterItem<N> {
        let i = item as usize;
        match self.node(item) {
            None => ClusterItem::Point {
                id: self.ids[i],
                position: self.position[i],
                category: self.categories[i],
            },
            Some(node) => ClusterItem::Cluster(Cluster {
                id: ClusterId(item),
                position: self.position[i],
                count: self.count[i],
                counts: self.counts[i],
                expansion_zoom: (!node.stack).then_some(node.zoom + 1),
            }),
        }
    }
}

impl Level {
    /// Calls `f` with every item in the cells meeting the Mercator
    /// rectangle `left..=right` × `top..=bottom` (and maybe a few more).
    ///
    /// Walks the keys from the rectangle's first cell to its last, jumping
    /// by binary search over the cells left and right of it, so the cost is
    /// a search per non-empty row plus the items inside.
    fn visit(&self, left: f64, top: f64, right: f64, bottom: f64, mut f: impl FnMut(u32)) {
        let (c0, c1) = (
            cell_of(left, self.cell, self.cells),
            cell_of(right, self.cell, self.cells),
        );
        let (r0, r1) = (
            cell_of(top, self.cell, self.cells),
            cell_of(bottom, self.cell, self.cells),
        );
        let (keys, items) = (&self.keys[..], &self.items[..]);
        let last = grid_key(r1, c1);
        let mut pos = keys.partition_point(|&k| k < grid_key(r0, c0));
        while let Some(&k) = keys.get(pos) {
            if k > last {
                break;
            }
            let (row, col) = ((k >> 32) as u32, k as u32);
            let skip_to = if col < c0 {
                grid_key(row, c0)
            } else if col > c1 {
                grid_key(row + 1, c0)
            } else {
                f(items[pos]);
                pos += 1;
                continue;
            };
            pos += keys[pos..].partition_point(|&k| k < skip_to);
        }
    }
}

/// Checks the options' ranges.
fn check_options(o: &ClusterOptions) -> Result<(), ClusterError> {
    let fail = |field, reason| Err(ClusterError::Option { field, reason });
    if !(o.radius_px.is_finite() && o.radius_px > 0.0) {
        return fail("radius_px", "must be a positive number of pixels");
    }
    if !(o.tile_size_px.is_finite() && o.tile_size_px > 0.0) {
        return fail("tile_size_px", "must be a positive number of pixels");
    }
    if o.max_zoom > MAX_CLUSTER_ZOOM {
        return fail("max_zoom", "must be at most 24");
    }
    if o.min_zoom > o.max_zoom {
        return fail("min_zoom", "must be at most max_zoom");
    }
    if !(o.stack_radius_m.is_finite() && o.stack_radius_m >= 0.0) {
        return fail(
            "stack_radius_m",
            "must be zero or a positive number of metres",
        );
    }
    Ok(())
}

/// Longitude in −180…180 (180 itself becomes −180); unchanged, to the
/// last bit, when already in range.
fn wrap_lng(lng: f64) -> f64 {
    if (-180.0..180.0).contains(&lng) {
        lng
    } else {
        (lng + 180.0).rem_euclid(360.0) - 180.0
    }
}

/// Web Mercator `x` of a longitude, in 0…1 (180 wraps to 0).
fn mercator_x(lng: f64) -> f64 {
    mercator_x_unwrapped(wrap_lng(lng))
}

/// Web Mercator `x` of a longitude in −180…180, without wrapping.
fn mercator_x_unwrapped(lng: f64) -> f64 {
    (lng + 180.0) / 360.0
}

/// Web Mercator `y` of a latitude, 0 at the top, held within 0…1.
fn mercator_y(lat: f64) -> f64 {
    let sin = lat
        .clamp(-MAX_MERCATOR_LAT, MAX_MERCATOR_LAT)
        .to_radians()
        .sin();
    let y = 0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * std::f64::consts::PI);
    y.clamp(0.0, 1.0)
}

/// The latitude of a Web Mercator `y`, in degrees.
fn latitude(y: f64) -> f64 {
    mercator_ordinate(y).sinh().atan().to_degrees()
}

/// The Mercator ordinate ψ (the isometric latitude, in radians) of a Web
/// Mercator `y`: π at the top of the map, 0 at the equator.
fn mercator_ordinate(y: f64) -> f64 {
    std::f64::consts::PI * (1.0 - 2.0 * y)
}

/// The grid row or column of a Mercator coordinate.
fn cell_of(v: f64, cell: f64, cells: u32) -> u32 {
    // `as` saturates, and sends NaN to 0.
    ((v / cell).floor() as u32).min(cells - 1)
}

/// The grid key of a cell: row-major, so a row's cells are contiguous.
fn grid_key(row: u32, col: u32) -> u64 {
    (u64::from(row) << 32) | u64::from(col)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    fn at(lat: f64, lng: f64) -> LatLng {
        LatLng::new(lat, lng).unwrap()
    }

    /// Points with ids equal to their positions in the input.
    fn inputs(points: &[(f64, f64, u8)]) -> Vec<ClusterInput> {
        points
            .iter()
            .enumerate()
            .map(|(i, &(lat, lng, category))| ClusterInput {
                position: at(lat, lng),
                id: i as u32,
                category,
            })
            .collect()
    }

    fn index(points: &[ClusterInput], options: ClusterOptions) -> ClusterIndex {
        ClusterIndex::new(points.iter().copied(), options).unwrap()
    }

    /// The caller's ids under a marker.
    fn leaves(index: &ClusterIndex, item: &ClusterItem) -> Vec<u32> {
        match item {
            ClusterItem::Point { id, .. } => vec![*id],
            ClusterItem::Cluster(c) => index.leaves(c.id).unwrap().to_vec(),
        }
    }

    /// A marker's identity, to compare result sets.
    fn key(item: &ClusterItem) -> (bool, u32) {
        match item {
            ClusterItem::Point { id, .. } => (false, *id),
            ClusterItem::Cluster(c) => (true, c.id.get()),
        }
    }

    fn keys(items: &[ClusterItem]) -> Vec<(bool, u32)> {
        let mut keys: Vec<_> = items.iter().map(key).collect();
        keys.sort_unstable();
        keys
    }

    /// Every zoom level the index has, and one beyond.
    fn zooms(index: &ClusterIndex) -> std::ops::RangeInclusive<u8> {
        index.options().min_zoom..=index.options().max_zoom + 2
    }

    /// Random points around a few sites: some exactly on a site (stacks),
    /// the rest scattered at a random scale, wrapped across the
    /// antimeridian.
    fn scattered() -> impl Strategy<Value = Vec<ClusterInput>> {
        (
            prop::collection::vec((-70.0..70.0f64, -180.0..180.0f64), 1..5),
            prop::collection::vec(
                (
                    any::<prop::sample::Index>(),
                    -1.0..1.0f64,
                    -1.0..1.0f64,
                    0u8..4,
                    0u8..2,
                ),
                0..120,
            ),
            -5.0..1.5f64,
        )
            .prop_map(|(sites, points, spread)| {
                let scale = 10f64.powf(spread);
                points
                    .into_iter()
                    .enumerate()
                    .map(|(i, (site, dlat, dlng, exact, category))| {
                        let (lat, lng) = *site.get(&sites);
                        let (lat, lng) = if exact == 0 {
                            (lat, lng)
                        } else {
                            let lat =
                                (lat + dlat * scale).clamp(-MAX_MERCATOR_LAT, MAX_MERCATOR_LAT);
                            (lat, wrap_lng(lng + dlng * scale))
                        };
                        ClusterInput {
                            position: at(lat, lng),
                            id: i as u32,
                            category,
                        }
                    })
                    .collect()
            })
    }

    fn options() -> impl Strategy<Value = ClusterOptions> {
        (10.0..120.0f64, 0u8..=16, 0u8..=4, 0u32..=4).prop_map(
            |(radius_px, max_zoom, min_zoom, min_points)| ClusterOptions {
                radius_px,
                max_zoom,
                min_zoom: min_zoom.min(max_zoom),
                min_points,
                ..ClusterOptions::default()
            },
        )
    }

    mod build {
        use super::*;

        #[test]
        fn empty_input_has_no_markers() {
            let index = index(&[], ClusterOptions::default());
            assert!(index.is_empty());
            for zoom in zooms(&index) {
                assert!(index.clusters(Bounds::WORLD, f64::from(zoom)).is_empty());
            }
            assert_eq!(index.containing(0, 3.0), None);
        }

        #[test]
        fn one_point_is_a_point_at_every_zoom() {
            let points = inputs(&[(31.23, 121.47, 1)]);
            let index = index(&points, ClusterOptions::default());
            for zoom in zooms(&index) {
                assert_eq!(
                    index.clusters(Bounds::WORLD, f64::from(zoom)),
                    vec![ClusterItem::Point {
                        id: 0,
                        position: at(31.23, 121.47),
                        category: 1
                    }]
                );
            }
        }

        #[test]
        fn refuses_a_category_out_of_range() {
            let mut points = inputs(&[(31.0, 121.0, 0), (30.0, 120.0, 1)]);
            points[1].category = 2;
            let err = ClusterIndex::<2>::new(points, ClusterOptions::default()).unwrap_err();
            assert_eq!(
                err,
                ClusterError::Category {
                    index: 1,
                    id: 1,
                    category: 2,
                    categories: 2
                }
            );
            assert_eq!(err.to_string(), "point 1 (id 1): category 2 is not below 2");
        }

        #[test]
        fn refuses_a_position_out_of_range() {
            let bad = ClusterInput {
                position: LatLng {
                    lat: f64::NAN,
                    lng: 0.0,
                },
                id: 7,
                category: 0,
            };
            assert!(matches!(
                ClusterIndex::<2>::new([bad], ClusterOptions::default()),
                Err(ClusterError::Position {
                    index: 0,
                    id: 7,
                    ..
                })
            ));
            let swapped = ClusterInput {
                position: LatLng {
                    lat: 121.0,
                    lng: 31.0,
                },
                ..bad
            };
            assert!(matches!(
                ClusterIndex::<2>::new([swapped], ClusterOptions::default()),
                Err(ClusterError::Position {
                    source: LatLngError::LatitudeOutOfRange(_),
                    ..
                })
            ));
        }

        #[test]
        fn refuses_options_out_of_range() {
            let field = |o: ClusterOptions| match ClusterIndex::<2>::new([], o) {
                Err(ClusterError::Option { field, .. }) => field,
                other => panic!("{other:?}"),
            };
            let d = ClusterOptions::default();
            assert_eq!(
                field(ClusterOptions {
                    radius_px: 0.0,
                    ..d
                }),
                "radius_px"
            );
            assert_eq!(
                field(ClusterOptions {
                    tile_size_px: f64::NAN,
                    ..d
                }),
                "tile_size_px"
            );
            assert_eq!(field(ClusterOptions { max_zoom: 25, ..d }), "max_zoom");
            assert_eq!(field(ClusterOptions { min_zoom: 17, ..d }), "min_zoom");
            assert_eq!(
                field(ClusterOptions {
                    stack_radius_m: -1.0,
                    ..d
                }),
                "stack_radius_m"
            );
        }

        #[test]
        fn the_same_input_gives_the_same_ids() {
            let points = inputs(&[
                (31.2304, 121.4737, 0),
                (31.2286, 121.4452, 1),
                (31.2286, 121.4452, 0),
                (30.2741, 120.1551, 1),
                (39.9042, 116.4074, 0),
            ]);
            let (a, b) = (
                index(&points, ClusterOptions::default()),
                index(&points, ClusterOptions::default()),
            );
            for zoom in zooms(&a) {
                let zoom = f64::from(zoom);
                assert_eq!(
                    a.clusters(Bounds::WORLD, zoom),
                    b.clusters(Bounds::WORLD, zoom)
                );
            }
        }
    }

    mod counts {
        use super::*;

        proptest! {
            #[test]
            fn every_point_once_at_every_zoom(points in scattered(), options in options()) {
                let index = index(&points, options);
                let n = points.len();
                for zoom in zooms(&index) {
                    let items = index.clusters(Bounds::WORLD, f64::from(zoom));
                    let total: u32 = items.iter().map(ClusterItem::count).sum();
                    prop_assert_eq!(total as usize, n, "zoom {}", zoom);

                    let mut per_category = [0u32; 2];
                    for item in &items {
                        match item {
                            ClusterItem::Point { category, .. } => per_category[*category as usize] += 1,
                            ClusterItem::Cluster(c) => {
                                prop_assert_eq!(c.counts.iter().sum::<u32>(), c.count);
                                per_category[0] += c.counts[0];
                                per_category[1] += c.counts[1];
                            }
                        }
                    }
                    let expected = [0, 1].map(|k| points.iter().filter(|p| p.category == k).count() as u32);
                    prop_assert_eq!(per_category, expected);

                    let mut ids: Vec<u32> = items.iter().flat_map(|i| leaves(&index, i)).collect();
                    ids.sort_unstable();
                    prop_assert_eq!(ids, (0..n as u32).collect::<Vec<_>>(), "zoom {}", zoom);
                }
            }

            #[test]
            fn children_split_a_cluster_exactly(points in scattered(), options in options()) {
                let index = index(&points, options);
                for zoom in zooms(&index) {
                    for item in index.clusters(Bounds::WORLD, f64::from(zoom)) {
                        let ClusterItem::Cluster(c) = item else { continue };
                        let children = index.children(c.id).unwrap();
                        prop_assert!(children.len() >= 2);
                        let mut from_children: Vec<u32> =
                            children.iter().flat_map(|i| leaves(&index, i)).collect();
                        let mut own = index.leaves(c.id).unwrap().to_vec();
                        prop_assert_eq!(own.len(), c.count as usize);
                        from_children.sort_unstable();
                        own.sort_unstable();
                        prop_assert_eq!(from_children, own);
                    }
                }
            }

            #[test]
            fn containing_finds_the_marker_of_each_point(points in scattered(), options in options()) {
                let index = index(&points, options);
                for zoom in zooms(&index) {
                    let zoom = f64::from(zoom);
                    let items = index.clusters(Bounds::WORLD, zoom);
                    for (i, p) in points.iter().enumerate() {
                        let item = index.containing(i, zoom).unwrap();
                        prop_assert!(items.contains(&item));
                        prop_assert!(leaves(&index, &item).contains(&p.id));
                    }
                }
            }
        }
    }

    mod viewport {
        use super::*;

        fn shanghai_and_fiji() -> ClusterIndex {
            index(
                &inputs(&[
                    (31.2304, 121.4737, 0),
                    (-17.7134, 178.0650, 0),  // Suva
                    (-16.8, 179.9999, 1),     // Fiji, just west of the antimeridian
                    (-16.8, -179.9999, 1),    // … and just east
                    (-13.8333, -171.7667, 0), // Apia
                    (-18.1, 180.0, 1),        // on it
                ]),
                ClusterOptions::default(),
            )
        }

        proptest! {
            #[test]
            fn a_viewport_gives_the_world_markers_inside_it(
                points in scattered(),
                options in options(),
                west in -400.0..400.0f64,
                width in 0.0..400.0f64,
                south in -90.0..90.0f64,
                height in 0.0..120.0f64,
                zoom in -1.0..19.0f64,
            ) {
                let index = index(&points, options);
                let bounds = Bounds { west, south, east: west + width, north: south + height };
                let world = index.clusters(Bounds::WORLD, zoom);
                let inside: Vec<ClusterItem> =
                    world.into_iter().filter(|i| bounds.contains(i.position())).collect();
                prop_assert_eq!(keys(&index.clusters(bounds, zoom)), keys(&inside));
            }
        }

        #[test]
        fn a_view_across_the_antimeridian_has_both_sides() {
            let index = shanghai_and_fiji();
            let zoom = MAX_CLUSTER_ZOOM.into();
            let ids = |bounds| {
                let mut ids: Vec<u32> = index
                    .clusters(bounds, zoom)
                    .iter()
                    .flat_map(|i| leaves(&index, i))
                    .collect();
                ids.sort_unstable();
                ids
            };
            let pacific = Bounds {
                west: 170.0,
                south: -20.0,
                east: -170.0,
                north: 0.0,
            };
            assert_eq!(ids(pacific), [1, 2, 3, 4, 5]);
            // The same view as Leaflet reports it, panned past 180°.
            let panned = Bounds {
                west: 170.0,
                east: 190.0,
                ..pacific
            };
            assert_eq!(ids(panned), [1, 2, 3, 4, 5]);
            let west_side = Bounds {
                east: 180.0,
                ..pacific
            };
            assert_eq!(ids(west_side), [1, 2, 5]);
            let east_side = Bounds {
                west: -180.0,
                ..pacific
            };
            assert_eq!(ids(east_side), [3, 4, 5]);
        }

        #[test]
        fn the_whole_world_however_written() {
            let index = shanghai_and_fiji();
            let all = keys(&index.clusters(Bounds::WORLD, 3.0));
            for (west, east) in [
                (-540.0, 540.0),
                (0.0, 360.0),
                (-180.0, 180.0),
                (100.0, 460.0),
            ] {
                let bounds = Bounds {
                    west,
                    east,
                    ..Bounds::WORLD
                };
                assert_eq!(keys(&index.clusters(bounds, 3.0)), all, "{west}…{east}");
            }
        }

        #[test]
        fn an_empty_or_inverted_view_has_nothing() {
            let index = shanghai_and_fiji();
            let upside_down = Bounds {
                south: 40.0,
                north: 20.0,
                ..Bounds::WORLD
            };
            assert!(index.clusters(upside_down, 5.0).is_empty());
            let nan = Bounds {
                west: f64::NAN,
                ..Bounds::WORLD
            };
            assert!(index.clusters(nan, 5.0).is_empty());
        }

        #[test]
        fn zooms_out_of_range_use_the_nearest_level() {
            let index = shanghai_and_fiji();
            let coarsest = keys(&index.clusters(Bounds::WORLD, 0.0));
            assert_eq!(keys(&index.clusters(Bounds::WORLD, -3.0)), coarsest);
            assert_eq!(keys(&index.clusters(Bounds::WORLD, f64::NAN)), coarsest);
            let finest = keys(&index.clusters(Bounds::WORLD, 17.0));
            assert_eq!(keys(&index.clusters(Bounds::WORLD, 30.0)), finest);
            assert_eq!(keys(&index.clusters(Bounds::WORLD, 17.9)), finest);
        }
    }

    mod expansion {
        use super::*;

        proptest! {
            #[test]
            fn a_cluster_splits_at_its_expansion_zoom(points in scattered(), options in options()) {
                let index = index(&points, options);
                // Per zoom: the world's markers, and which holds each point.
                let levels: Vec<(Vec<ClusterItem>, Vec<usize>)> = (0..=index.options().max_zoom + 1)
                    .map(|zoom| {
                        let items = index.clusters(Bounds::WORLD, f64::from(zoom));
                        let mut owner = vec![usize::MAX; points.len()];
                        for (k, item) in items.iter().enumerate() {
                            for id in leaves(&index, item) {
                                owner[id as usize] = k;
                            }
                        }
                        (items, owner)
                    })
                    .collect();
                for zoom in zooms(&index) {
                    for item in index.clusters(Bounds::WORLD, f64::from(zoom)) {
                        let ClusterItem::Cluster(c) = item else { continue };
                        let own = index.leaves(c.id).unwrap();
                        let Some(expansion) = c.expansion_zoom else {
                            // A stack: together at every zoom, within twice
                            // the stack radius of one another.
                            let first = points[own[0] as usize].position;
                            for &id in own {
                                prop_assert!(points[id as usize].position.distance_m(first) <= 2.01);
                            }
                            continue;
                        };
                        prop_assert!(expansion > zoom);
                        prop_assert!(expansion <= index.options().max_zoom + 1);
                        let (items, owner) = &levels[usize::from(expansion)];
                        let parts: BTreeSet<usize> = own.iter().map(|&id| owner[id as usize]).collect();
                        prop_assert!(parts.len() >= 2, "{:?} at {}", c, expansion);
                        // The parts hold nothing else.
                        let in_parts: u32 = parts.iter().map(|&k| items[k].count()).sum();
                        prop_assert_eq!(in_parts, c.count);
                        // One level coarser it is still whole.
                        let (items, owner) = &levels[usize::from(expansion - 1)];
                        let whole: BTreeSet<usize> = own.iter().map(|&id| owner[id as usize]).collect();
                        prop_assert_eq!(whole.len(), 1);
                        prop_assert_eq!(items[owner[own[0] as usize]].count(), c.count);
                    }
                }
            }
        }

        #[test]
        fn fitting_the_bounds_shows_every_leaf() {
            let points = inputs(&[
                (31.2304, 121.4737, 0),
                (31.2286, 121.4452, 1),
                (31.1443, 121.8083, 0),
                (39.9042, 116.4074, 0),
            ]);
            let index = index(&points, ClusterOptions::default());
            let Some(ClusterItem::Cluster(shanghai)) = index.containing(0, 6.0) else {
                panic!("Shanghai should be one cluster at zoom 6");
            };
            let bounds = index.bounds(shanghai.id).unwrap();
            assert_eq!(
                bounds,
                Bounds {
                    west: 121.4452,
                    south: 31.1443,
                    east: 121.8083,
                    north: 31.2304
                }
            );
            for &id in index.leaves(shanghai.id).unwrap() {
                assert!(bounds.contains(points[id as usize].position));
            }
            assert!(bounds.contains(shanghai.position));
        }
    }

    mod stacks {
        use super::*;

        /// Three outlets in one mall, one across the street (60 m), and one
        /// in Beijing.
        fn mall() -> Vec<ClusterInput> {
            inputs(&[
                (31.2304, 121.4737, 0),
                (39.9042, 116.4074, 1),
                (31.2304, 121.4737, 1),
                (31.2309, 121.4737, 0),
                (31.2304, 121.4737, 0),
            ])
        }

        #[test]
        fn same_coordinates_are_reachable_at_every_zoom() {
            let index = index(&mall(), ClusterOptions::default());
            for zoom in zooms(&index) {
                let zoom = f64::from(zoom);
                let item = index.containing(0, zoom).unwrap();
                let ClusterItem::Cluster(c) = item else {
                    panic!("the mall is a cluster at zoom {zoom}: {item:?}");
                };
                let ids = index.leaves(c.id).unwrap();
                for id in [0, 2, 4] {
                    assert!(ids.contains(&id), "zoom {zoom}");
                }
                assert_eq!(index.containing(2, zoom), Some(item));
                assert_eq!(index.containing(4, zoom), Some(item));
            }
        }

        #[test]
        fn a_stack_never_splits() {
            let index = index(&mall(), ClusterOptions::default());
            let items = index.clusters(Bounds::WORLD, 17.0);
            assert_eq!(items.len(), 3, "{items:?}");
            let Some(ClusterItem::Cluster(stack)) = index.containing(0, 17.0) else {
                panic!("no stack");
            };
            assert!(stack.is_stack());
            assert_eq!(stack.expansion_zoom, None);
            assert_eq!((stack.count, stack.counts), (3, [2, 1]));
            assert_eq!(index.leaves(stack.id).unwrap(), &[0, 2, 4]);
            assert_eq!(stack.position, at(31.2304, 121.4737));
            let children = index.children(stack.id).unwrap();
            assert_eq!(children.len(), 3);
            assert!(children
                .iter()
                .all(|c| matches!(c, ClusterItem::Point { position, .. } if *position == at(31.2304, 121.4737))));
            // The stack is the same marker however far one zooms in.
            assert_eq!(index.containing(0, 24.0), Some(ClusterItem::Cluster(stack)));
        }

        #[test]
        fn the_mall_and_the_shop_across_the_street_split_after_max_zoom() {
            let index = index(&mall(), ClusterOptions::default());
            let Some(ClusterItem::Cluster(block)) = index.containing(3, 16.0) else {
                panic!("the block is one cluster at zoom 16");
            };
            assert!(!block.is_stack());
            assert_eq!(block.count, 4);
            assert_eq!(block.expansion_zoom, Some(17));
        }

        #[test]
        fn the_stack_radius_sets_what_counts_as_one_place() {
            let two = inputs(&[(31.2304, 121.4737, 0), (31.2304, 121.47375, 0)]); // 4.8 m apart
            let apart = index(&two, ClusterOptions::default());
            assert_eq!(apart.clusters(Bounds::WORLD, 17.0).len(), 2);
            let together = index(
                &two,
                ClusterOptions {
                    stack_radius_m: 10.0,
                    ..ClusterOptions::default()
                },
            );
            let items = together.clusters(Bounds::WORLD, 17.0);
            assert!(matches!(items[..], [ClusterItem::Cluster(c)] if c.is_stack()));
            let exact = index(
                &two,
                ClusterOptions {
                    stack_radius_m: 0.0,
                    ..ClusterOptions::default()
                },
            );
            assert_eq!(exact.clusters(Bounds::WORLD, 17.0).len(), 2);
        }
    }

    mod grid {
        use super::*;

        proptest! {
            #[test]
            fn radix_sort_is_a_stable_sort_by_key(
                cells in prop::collection::vec((0u32..3000, 0u32..3000), 0..3000),
            ) {
                let pairs: Vec<(u64, u32)> = cells
                    .iter()
                    .enumerate()
                    .map(|(k, &(row, col))| (grid_key(row, col), k as u32))
                    .collect();
                let mut expected = pairs.clone();
                expected.sort_by_key(|&(key, _)| key);
                let mut sorted = pairs;
                radix_sort(&mut sorted, 12);
                prop_assert_eq!(sorted, expected);
            }
        }
    }

    mod ids {
        use super::*;

        #[test]
        fn foreign_ids_find_nothing() {
            let points = inputs(&[(31.2304, 121.4737, 0), (31.2304, 121.4737, 1)]);
            let index = index(&points, ClusterOptions::default());
            for raw in [0, 1, 3, u32::MAX] {
                let id = ClusterId::from_raw(raw);
                assert_eq!(index.cluster(id), None);
                assert_eq!(index.leaves(id), None);
                assert_eq!(index.children(id), None);
                assert_eq!(index.bounds(id), None);
            }
            let id = ClusterId::from_raw(2);
            assert_eq!(index.leaves(id), Some(&[0, 1][..]));
            assert_eq!(
                index.cluster(id).map(|c| c.id.get()),
                Some(ClusterId::from_raw(2).get())
            );
        }
    }
}
