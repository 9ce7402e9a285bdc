//! The datums of web maps in China, and conversion between them.
//!
//! Maps published in mainland China are not drawn in WGS-84. By law they use
//! GCJ-02 (国测局坐标, "Mars coordinates"): WGS-84 moved by a smooth,
//! deliberately obscure offset of up to 700 m (AutoNavi/Amap,
//! Tencent, Apple and Google inside China). Baidu moves GCJ-02 once more, by
//! another 750–1,000 m, into BD-09. Outside mainland China, GCJ-02 is
//! WGS-84: Hong Kong, Macau and Taiwan, and every other country, get no
//! offset.
//!
//! The locator's data is always WGS-84: the dataset, the URL, distances and
//! ranking. Only the markers change datum, on their way to a tile layer drawn
//! in GCJ-02 or BD-09 (and a click on such a layer on its way back).
//!
//! # What a [`LatLng`] means here
//!
//! Everywhere else in this crate a [`LatLng`] is WGS-84. The functions of this
//! module take and return the same type, but its degrees are in the datum the
//! function's name (or its `from` / `to` argument) says: the output of
//! [`wgs84_to_gcj02`] is a GCJ-02 position. Such a value belongs between a
//! conversion and the map library; it is never stored, ranked, measured
//! against WGS-84 positions, or written to a URL. (A wrapper type per datum
//! would enforce this, but would make [`convert`], which picks the datums at
//! run time, return an enum the map code would only unwrap again.)
//!
//! # Accuracy
//!
//! The forward directions (WGS-84 → GCJ-02 → BD-09) are the published
//! closed-form formulas. Neither has a closed-form inverse; the inverses here
//! iterate until the forward image of the result is within
//! 10⁻¹⁰ degrees (about 0.01 mm) of the input, which takes at most 4 steps
//! (measured on a 0.05° grid over mainland China, where round trips come
//! back within 0.03 mm).
//!
//! # Where the offset applies
//!
//! [`in_mainland_china`] tests a coarse outline of mainland China and Hainan
//! (about 430 vertices, made by `tools/datum/make_mainland.py` from the base
//! map), not the rectangle most implementations use, which also shifts
//! Mongolia, the Koreas, western Japan, South-East Asia, Hong Kong, Macau and
//! Taiwan.

use crate::LatLng;
use std::f64::consts::PI;
use std::sync::LazyLock;

mod mainland;

/// A geodetic datum (coordinate system) of positions in degrees, as used by
/// web maps in China.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Datum {
    /// WGS-84: GPS, GeoJSON, OpenStreetMap, and every map outside mainland
    /// China. The datum of the locator's data.
    Wgs84,
    /// GCJ-02 ("Mars coordinates"): WGS-84 offset by a few hundred metres
    /// inside mainland China, as law requires of maps published there
    /// (AutoNavi/Amap, Tencent, Apple and Google inside China).
    Gcj02,
    /// BD-09: Baidu Maps' datum, GCJ-02 moved by another 750–1,000 m.
    Bd09,
}

impl Datum {
    /// Every datum.
    pub const ALL: [Datum; 3] = [Datum::Wgs84, Datum::Gcj02, Datum::Bd09];

    /// The datum's id, for configuration and URLs: `wgs84`, `gcj02`, `bd09`.
    pub fn id(self) -> &'static str {
        match self {
            Datum::Wgs84 => "wgs84",
            Datum::Gcj02 => "gcj02",
            Datum::Bd09 => "bd09",
        }
    }

    /// The datum with this id (as [`id`](Datum::id) writes it), if there is one.
    ///
    /// ```
    /// use locator_core::Datum;
    /// assert_eq!(Datum::from_id("gcj02"), Some(Datum::Gcj02));
    /// assert_eq!(Datum::from_id("GCJ-02"), None);
    /// ```
    pub fn from_id(id: &str) -> Option<Datum> {
        Datum::ALL.into_iter().find(|d| d.id() == id)
    }
}

/// Converts a position from one datum to another.
///
/// Equal datums return `p` unchanged; otherwise this calls the named function
/// for the pair ([`wgs84_to_gcj02`] and the others), so the same rules apply:
/// between WGS-84 and GCJ-02 nothing moves outside mainland China, while the
/// BD-09 step applies everywhere.
///
/// # Units
/// Degrees in the `from` datum in, degrees in the `to` datum out.
///
/// # Examples
/// A marker for People's Square, Shanghai (WGS-84, as stored) goes on an
/// AutoNavi (GCJ-02) tile layer about 480 m to the south-east:
/// ```
/// use locator_core::{convert, Datum, LatLng};
/// let stored = LatLng::new(31.2304, 121.4737).unwrap();
/// let on_amap = convert(stored, Datum::Wgs84, Datum::Gcj02);
/// let moved_m = stored.distance_m(on_amap);
/// assert!((moved_m - 481.0).abs() < 2.0, "{moved_m}");
/// // and a click on that layer comes back to the stored position
/// let back = convert(on_amap, Datum::Gcj02, Datum::Wgs84);
/// assert!(back.distance_m(stored) < 0.001);
/// ```
pub fn convert(p: LatLng, from: Datum, to: Datum) -> LatLng {
    match (from, to) {
        (Datum::Wgs84, Datum::Wgs84)
        | (Datum::Gcj02, Datum::Gcj02)
        | (Datum::Bd09, Datum::Bd09) => p,
        (Datum::Wgs84, Datum::Gcj02) => wgs84_to_gcj02(p),
        (Datum::Gcj02, Datum::Wgs84) => gcj02_to_wgs84(p),
        (Datum::Gcj02, Datum::Bd09) => gcj02_to_bd09(p),
        (Datum::Bd09, Datum::Gcj02) => bd09_to_gcj02(p),
        (Datum::Wgs84, Datum::Bd09) => wgs84_to_bd09(p),
        (Datum::Bd09, Datum::Wgs84) => bd09_to_wgs84(p),
    }
}

/// Whether GCJ-02 offsets a WGS-84 position: inside a coarse outline of
/// mainland China, Hainan and the islands near the coast.
///
/// Hong Kong, Macau and Taiwan are outside (maps there are not offset), and
/// so are the neighbouring countries. The outline is generous over the sea
/// (10–25 km out) and, because it is coarse, along land borders too: a town
/// facing a Chinese one across a border river (Sinuiju, Lao Cai,
/// Blagoveshchensk) may count as inside. Around Hong Kong and Macau it follows
/// the base map's border to within about a kilometre.
///
/// The test is the same for GCJ-02 positions, which lie within a kilometre of
/// their WGS-84 ones: only a position that close to the outline's edge can get
/// a different answer.
///
/// # Units
/// Degrees (WGS-84 or GCJ-02) in. Non-finite input is outside.
///
/// # Examples
/// Shenzhen is inside; Hong Kong, across the Shenzhen River, is not:
/// ```
/// use locator_core::{in_mainland_china, LatLng};
/// assert!(in_mainland_china(LatLng::new(22.5431, 114.0579).unwrap())); // Shenzhen Civic Center
/// assert!(!in_mainland_china(LatLng::new(22.2819, 114.1582).unwrap())); // Hong Kong, Central
/// assert!(!in_mainland_china(LatLng::new(47.8864, 106.9057).unwrap())); // Ulaanbaatar
/// ```
///
/// # References
/// The outline is derived from Natural Earth admin-1 boundaries (via
/// `public/data/basemap.geojson`) by `tools/datum/make_mainland.py`, which
/// documents how and checks the result.
pub fn in_mainland_china(p: LatLng) -> bool {
    let [west, south, east, north] = mainland::BBOX;
    // Written so that NaN fails the test.
    let in_bbox = p.lng >= west && p.lng <= east && p.lat >= south && p.lat <= north;
    in_bbox && MAINLAND.contains(p.lng, p.lat)
}

/// Height of a band of [`Outline`], degrees of latitude.
const BAND_DEG: f64 = 0.5;

/// The edges of the outline of [`in_mainland_china`] (every ring of every
/// polygon), grouped by band of latitude: a point is tested against the
/// edges level with it, a dozen or so, not all 427. Built once from the
/// generated constants.
struct Outline {
    /// Southern edge of the first band, degrees.
    south: f64,
    /// For each band, the edges `((lng, lat), (lng, lat))` whose latitudes
    /// overlap it.
    bands: Vec<Vec<[(f64, f64); 2]>>,
}

impl Outline {
    fn new(polygons: &[&[&[(f64, f64)]]], [_, south, _, north]: [f64; 4]) -> Outline {
        let mut outline = Outline {
            south,
            bands: vec![Vec::new(); ((north - south) / BAND_DEG).floor() as usize + 1],
        };
        for ring in polygons.iter().flat_map(|rings| rings.iter()) {
            for edge in ring.windows(2) {
                let (a, b) = (edge[0], edge[1]);
                let (first, last) = (outline.band(a.1.min(b.1)), outline.band(a.1.max(b.1)));
                for list in &mut outline.bands[first..=last] {
                    list.push([a, b]);
                }
            }
        }
        outline
    }

    /// The band holding latitude `lat` (degrees), the first or last for one
    /// beyond them.
    fn band(&self, lat: f64) -> usize {
        (((lat - self.south) / BAND_DEG).floor().max(0.0) as usize).min(self.bands.len() - 1)
    }

    /// Whether `(lng, lat)` (degrees, inside the bounding box) is inside the
    /// outline or on it: an even-odd count of the edges crossed by a ray
    /// going east, the way geo's `intersects` answers (a point on an edge is
    /// inside).
    fn contains(&self, lng: f64, lat: f64) -> bool {
        let mut inside = false;
        for &[(x1, y1), (x2, y2)] in &self.bands[self.band(lat)] {
            let cross = (x2 - x1) * (lat - y1) - (y2 - y1) * (lng - x1);
            let within =
                lng >= x1.min(x2) && lng <= x1.max(x2) && lat >= y1.min(y2) && lat <= y1.max(y2);
            if cross == 0.0 && within {
                return true;
            }
            if (y1 > lat) != (y2 > lat) && lng < x1 + (lat - y1) * (x2 - x1) / (y2 - y1) {
                inside = !inside;
            }
        }
        inside
    }
}

static MAINLAND: LazyLock<Outline> =
    LazyLock::new(|| Outline::new(mainland::POLYGONS, mainland::BBOX));

/// Converts a WGS-84 position to GCJ-02, the datum of AutoNavi/Amap, Tencent
/// and other maps of mainland China.
///
/// Inside mainland China ([`in_mainland_china`]) this adds the published
/// GCJ-02 offset: a few hundred metres in most places, up to 700 m (and
/// under 20 m in parts of Qinghai); elsewhere it returns `p` unchanged, as
/// GCJ-02 is WGS-84 there.
///
/// # Units
/// WGS-84 degrees in, GCJ-02 degrees out.
///
/// # Examples
/// Tian'anmen, Beijing, moves about 555 m, mostly east:
/// ```
/// use locator_core::{wgs84_to_gcj02, LatLng};
/// let wgs = LatLng::new(39.9042, 116.4074).unwrap();
/// let gcj = wgs84_to_gcj02(wgs);
/// assert!(gcj.lng > wgs.lng);
/// assert!((wgs.distance_m(gcj) - 555.0).abs() < 2.0);
/// // Hong Kong has no offset
/// let central = LatLng::new(22.2819, 114.1582).unwrap();
/// assert_eq!(wgs84_to_gcj02(central), central);
/// ```
///
/// # References
/// The formula (a polynomial and sine series in the degrees from
/// 35° N 105° E, read as metres on the Krasovsky 1940 ellipsoid) is the one
/// published in open-source code such as `googollee/eviltransform` and
/// `wandergis/coordtransform` on GitHub, and widely held to match the
/// official, unpublished algorithm; see also Wikipedia, "Restrictions on
/// geographic data in China".
pub fn wgs84_to_gcj02(p: LatLng) -> LatLng {
    if in_mainland_china(p) {
        gcj02_forward(p)
    } else {
        p
    }
}

/// Converts a GCJ-02 position (from AutoNavi/Amap, Tencent, …) back to
/// WGS-84.
///
/// GCJ-02 has no closed-form inverse; this iterates the forward formula from
/// the GCJ-02 position until the result maps onto `p` within 10⁻¹⁰ degrees
/// (at most 10 steps; 4 in practice). The result is used if it lies in
/// mainland China; otherwise `p` is returned unchanged. Within a kilometre of
/// the edge of [`in_mainland_china`]'s outline a GCJ-02 position can have two
/// WGS-84 preimages (one offset, one not); the mainland one wins.
///
/// # Units
/// GCJ-02 degrees in, WGS-84 degrees out.
///
/// # Examples
/// A place picked on an AutoNavi map of Shanghai, back to WGS-84 for the URL:
/// ```
/// use locator_core::{gcj02_to_wgs84, wgs84_to_gcj02, LatLng};
/// let peoples_square = LatLng::new(31.2304, 121.4737).unwrap();
/// let on_amap = wgs84_to_gcj02(peoples_square);
/// let back = gcj02_to_wgs84(on_amap);
/// assert!(back.distance_m(peoples_square) < 0.001);
/// ```
///
/// # References
/// Iterating the forward formula is the "exact" inverse of
/// `googollee/eviltransform` (which bisects instead); its test pairs are
/// checked against this function in the tests below.
pub fn gcj02_to_wgs84(p: LatLng) -> LatLng {
    // A position farther than the largest offset outside the outline's box
    // cannot have a preimage inside the outline.
    let [west, south, east, north] = mainland::BBOX;
    let margin = GCJ02_MAX_OFFSET_DEG;
    let near = p.lng >= west - margin
        && p.lng <= east + margin
        && p.lat >= south - margin
        && p.lat <= north + margin;
    if !near {
        return p;
    }
    let wgs = invert(p, gcj02_forward);
    if in_mainland_china(wgs) {
        wgs
    } else {
        p
    }
}

/// Converts a GCJ-02 position to BD-09, the datum of Baidu Maps.
///
/// BD-09 is a small fixed distortion of GCJ-02 (a shift of about
/// 0.006° north and 0.0065° east, plus a slight scaling and turn about
/// 0° N 0° E), 750–1,000 m in mainland China. Unlike GCJ-02 it applies
/// everywhere: it is plain arithmetic on the degrees, with no region test, as
/// in the published formula and the libraries that use it. Abroad, where
/// GCJ-02 equals WGS-84, that makes BD-09 this same distortion of WGS-84.
/// Baidu does not document what its own maps do outside China; treat BD-09
/// positions abroad as unverified. The result is kept in range (latitude
/// clamped to ±90°, longitude wrapped to ±180°), which only matters near the
/// poles and the antimeridian.
///
/// # Units
/// GCJ-02 degrees in, BD-09 degrees out.
///
/// # Examples
/// People's Square, Shanghai, on Baidu Maps lies about 1.1 km from its WGS-84
/// position (the two shifts add up):
/// ```
/// use locator_core::{gcj02_to_bd09, wgs84_to_gcj02, LatLng};
/// let wgs = LatLng::new(31.2304, 121.4737).unwrap();
/// let bd = gcj02_to_bd09(wgs84_to_gcj02(wgs));
/// assert!((wgs.distance_m(bd) - 1140.0).abs() < 5.0);
/// ```
///
/// # References
/// The formula with `x_pi = π · 3000 / 180`, as published in
/// `wandergis/coordtransform` and `googollee/eviltransform` on GitHub.
pub fn gcj02_to_bd09(p: LatLng) -> LatLng {
    in_range(bd09_forward(p))
}

/// Converts a BD-09 position (from Baidu Maps) to GCJ-02.
///
/// The published closed-form inverse is only approximate (up to about 0.2 m
/// off in China); this starts from it and iterates [`gcj02_to_bd09`]'s
/// formula until the result maps onto `p` within 10⁻¹⁰ degrees. Like the
/// forward direction it applies everywhere.
///
/// # Units
/// BD-09 degrees in, GCJ-02 degrees out.
///
/// # Examples
/// ```
/// use locator_core::{bd09_to_gcj02, gcj02_to_bd09, LatLng};
/// let gcj = LatLng::new(31.22846, 121.47822).unwrap(); // People's Square, Shanghai
/// let back = bd09_to_gcj02(gcj02_to_bd09(gcj));
/// assert!(back.distance_m(gcj) < 0.001);
/// ```
///
/// # References
/// The closed-form inverse is the one in `wandergis/coordtransform`.
pub fn bd09_to_gcj02(p: LatLng) -> LatLng {
    let guess = bd09_inverse_closed_form(p);
    in_range(refine(p, guess, bd09_forward))
}

/// Converts a WGS-84 position to BD-09 (Baidu Maps): [`wgs84_to_gcj02`], then
/// [`gcj02_to_bd09`].
///
/// # Units
/// WGS-84 degrees in, BD-09 degrees out.
///
/// # Examples
/// The Bund, Shanghai, for a Baidu Maps link:
/// ```
/// use locator_core::{bd09_to_wgs84, wgs84_to_bd09, LatLng};
/// let bund = LatLng::new(31.2400, 121.4900).unwrap();
/// let on_baidu = wgs84_to_bd09(bund);
/// assert!(bund.distance_m(on_baidu) > 500.0);
/// assert!(bd09_to_wgs84(on_baidu).distance_m(bund) < 0.001);
/// ```
pub fn wgs84_to_bd09(p: LatLng) -> LatLng {
    gcj02_to_bd09(wgs84_to_gcj02(p))
}

/// Converts a BD-09 position (from Baidu Maps) to WGS-84: [`bd09_to_gcj02`],
/// then [`gcj02_to_wgs84`].
///
/// # Units
/// BD-09 degrees in, WGS-84 degrees out.
///
/// # Examples
/// ```
/// use locator_core::{bd09_to_wgs84, LatLng};
/// // Canton Tower, Guangzhou, in BD-09 (worked out from its WGS-84 position,
/// // 23.1064° N 113.3245° E, and rounded to 5 decimals) is about 1.3 km off.
/// let on_baidu = LatLng::new(23.1095, 113.33648).unwrap();
/// let wgs = bd09_to_wgs84(on_baidu);
/// assert!(wgs.distance_m(LatLng::new(23.1064, 113.3245).unwrap()) < 1.0);
/// assert!((on_baidu.distance_m(wgs) - 1270.0).abs() < 10.0);
/// ```
pub fn bd09_to_wgs84(p: LatLng) -> LatLng {
    gcj02_to_wgs84(bd09_to_gcj02(p))
}

/// Semi-major axis of the Krasovsky 1940 ellipsoid, metres, as the GCJ-02
/// formula uses it.
const KRASOVSKY_A_M: f64 = 6_378_245.0;
/// First eccentricity squared of the Krasovsky 1940 ellipsoid, as the GCJ-02
/// formula writes it (more digits than an `f64` holds, kept so the constant
/// can be recognised).
#[allow(clippy::excessive_precision)]
const KRASOVSKY_E2: f64 = 0.006_693_421_622_965_943_23;
/// `π · 3000 / 180`, the angular factor of the BD-09 formula.
const BD09_X_PI: f64 = PI * 3000.0 / 180.0;
/// BD-09's fixed shift north, degrees.
const BD09_SHIFT_LAT: f64 = 0.006;
/// BD-09's fixed shift east, degrees.
const BD09_SHIFT_LNG: f64 = 0.0065;
/// More than the GCJ-02 offset on either axis anywhere in the outline's box,
/// degrees (the most is about 0.0101°, east, in the north-east; a test
/// checks).
const GCJ02_MAX_OFFSET_DEG: f64 = 0.02;
/// The inverses stop when the forward image is this close (degrees, each
/// axis; about 0.01 mm).
const INVERSE_TOLERANCE_DEG: f64 = 1e-10;
/// The inverses stop after this many steps whatever the error. Each step of
/// either iteration shrinks the error at least a hundredfold, so from an
/// error of 0.01° four or five steps reach the tolerance.
const MAX_STEPS: usize = 10;

/// The GCJ-02 formula, applied everywhere (no region test).
fn gcj02_forward(p: LatLng) -> LatLng {
    // Offsets east and north as metres on the Krasovsky ellipsoid, from a
    // series in the degrees from 35° N 105° E.
    let x = p.lng - 105.0;
    let y = p.lat - 35.0;
    let wave = |k: f64, d: f64| k * (d * PI).sin();
    let shared = (wave(20.0, 6.0 * x) + wave(20.0, 2.0 * x)) * 2.0 / 3.0;
    let north_m = -100.0
        + 2.0 * x
        + 3.0 * y
        + 0.2 * y * y
        + 0.1 * x * y
        + 0.2 * x.abs().sqrt()
        + shared
        + (wave(20.0, y) + wave(40.0, y / 3.0)) * 2.0 / 3.0
        + (wave(160.0, y / 12.0) + wave(320.0, y / 30.0)) * 2.0 / 3.0;
    let east_m = 300.0
        + x
        + 2.0 * y
        + 0.1 * x * x
        + 0.1 * x * y
        + 0.1 * x.abs().sqrt()
        + shared
        + (wave(20.0, x) + wave(40.0, x / 3.0)) * 2.0 / 3.0
        + (wave(150.0, x / 12.0) + wave(300.0, x / 30.0)) * 2.0 / 3.0;

    // Metres to degrees at this latitude: the meridian radius of curvature
    // (north) and the parallel's radius (east).
    let lat_rad = p.lat.to_radians();
    let w2 = 1.0 - KRASOVSKY_E2 * lat_rad.sin().powi(2);
    let w = w2.sqrt();
    let meridian_m = KRASOVSKY_A_M * (1.0 - KRASOVSKY_E2) / (w2 * w);
    let parallel_m = KRASOVSKY_A_M / w * lat_rad.cos();
    LatLng {
        lat: p.lat + (north_m / meridian_m).to_degrees(),
        lng: p.lng + (east_m / parallel_m).to_degrees(),
    }
}

/// The BD-09 formula: GCJ-02 degrees as a point in the plane, turned and
/// scaled slightly about the origin, then shifted.
fn bd09_forward(p: LatLng) -> LatLng {
    let (x, y) = (p.lng, p.lat);
    let radius = x.hypot(y) + 0.000_02 * (y * BD09_X_PI).sin();
    let angle = y.atan2(x) + 0.000_003 * (x * BD09_X_PI).cos();
    LatLng {
        lat: radius * angle.sin() + BD09_SHIFT_LAT,
        lng: radius * angle.cos() + BD09_SHIFT_LNG,
    }
}

/// The published approximate inverse of [`bd09_forward`]: undo the shift,
/// then the turn and scaling evaluated at the BD-09 position.
fn bd09_inverse_closed_form(p: LatLng) -> LatLng {
    let x = p.lng - BD09_SHIFT_LNG;
    let y = p.lat - BD09_SHIFT_LAT;
    let radius = x.hypot(y) - 0.000_02 * (y * BD09_X_PI).sin();
    let angle = y.atan2(x) - 0.000_003 * (x * BD09_X_PI).cos();
    LatLng {
        lat: radius * angle.sin(),
        lng: radius * angle.cos(),
    }
}

/// Solves `forward(q) = target` for `q`, starting from `target` itself.
fn invert(target: LatLng, forward: fn(LatLng) -> LatLng) -> LatLng {
    refine(target, target, forward)
}

/// Solves `forward(q) = target` for `q` from a first guess by fixed-point
/// iteration: move `q` by what its image misses. This converges because both
/// formulas are the identity plus a shift whose slope is tiny (under 0.01
/// per degree), so each step shrinks the error at least a hundredfold.
fn refine(target: LatLng, guess: LatLng, forward: fn(LatLng) -> LatLng) -> LatLng {
    let mut q = guess;
    for _ in 0..MAX_STEPS {
        let image = forward(q);
        let (d_lat, d_lng) = (target.lat - image.lat, target.lng - image.lng);
        if d_lat.abs() < INVERSE_TOLERANCE_DEG && d_lng.abs() < INVERSE_TOLERANCE_DEG {
            break;
        }
        q = LatLng {
            lat: q.lat + d_lat,
            lng: q.lng + d_lng,
        };
    }
    q
}

/// Latitude clamped to −90…90 and longitude wrapped to −180…180, for the
/// BD-09 formula's output near the poles and the antimeridian.
fn in_range(p: LatLng) -> LatLng {
    let lng = if (-180.0..=180.0).contains(&p.lng) {
        p.lng
    } else {
        (p.lng + 180.0).rem_euclid(360.0) - 180.0
    };
    LatLng {
        lat: p.lat.clamp(-90.0, 90.0),
        lng,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The outline as geo's polygons, the reference for [`Outline`].
    fn geo_outline() -> geo::MultiPolygon<f64> {
        mainland::POLYGONS
            .iter()
            .map(|rings| {
                let mut rings = rings.iter().map(|r| geo::LineString::from(r.to_vec()));
                let exterior = rings.next().expect("an exterior ring");
                geo::Polygon::new(exterior, rings.collect())
            })
            .collect()
    }

    #[test]
    fn banded_outline_agrees_with_geo_on_a_grid_the_vertices_and_the_edges() {
        use geo::Intersects;
        let reference = geo_outline();
        let [west, south, east, north] = mainland::BBOX;
        let mut points = Vec::new();
        // Every 0.2 degree of the bounding box, and the same grid offset off
        // the outline's 0.001-degree lattice.
        for i in 0..=((north - south) / 0.2) as usize {
            for j in 0..=((east - west) / 0.2) as usize {
                let (lng, lat) = (west + j as f64 * 0.2, south + i as f64 * 0.2);
                points.extend([(lng, lat), (lng + 0.0371, lat + 0.0529)]);
            }
        }
        // The vertices (on the outline, which counts as inside) and points
        // just either side of the middle of each edge. (The middle itself,
        // rounded to the nearest f64, is a hair off the edge, on a side that
        // exact arithmetic may see otherwise.)
        for ring in mainland::POLYGONS.iter().flat_map(|r| r.iter()) {
            for e in ring.windows(2) {
                let (a, b) = (e[0], e[1]);
                let mid = ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0);
                points.push(a);
                points.extend([
                    (mid.0 + 1e-4, mid.1),
                    (mid.0 - 1e-4, mid.1),
                    (mid.0, mid.1 + 1e-4),
                ]);
            }
        }
        let mut inside = 0;
        for &(lng, lat) in &points {
            let want = reference.intersects(&geo::Point::new(lng, lat));
            assert_eq!(MAINLAND.contains(lng, lat), want, "at lng {lng}, lat {lat}");
            inside += usize::from(want);
        }
        // Both answers occur in plenty.
        assert!(
            inside > 5_000 && points.len() - inside > 5_000,
            "{inside} of {}",
            points.len()
        );
    }

    fn at(lat: f64, lng: f64) -> LatLng {
        LatLng::new(lat, lng).unwrap()
    }

    /// Asserts two positions are within `tolerance_m` metres.
    #[track_caller]
    fn assert_near(got: LatLng, want: LatLng, tolerance_m: f64) {
        let d = got.distance_m(want);
        assert!(d <= tolerance_m, "got {got:?}, want {want:?}: {d} m apart");
    }

    /// The positions of a grid with `step_deg` spacing over the outline's box
    /// that lie in mainland China.
    fn grid_over_mainland(step_deg: f64) -> impl Iterator<Item = LatLng> {
        let [west, south, east, north] = mainland::BBOX;
        let rows = ((north - south) / step_deg) as usize;
        let cols = ((east - west) / step_deg) as usize;
        (0..=rows)
            .flat_map(move |i| {
                (0..=cols).map(move |j| LatLng {
                    lat: south + i as f64 * step_deg,
                    lng: west + j as f64 * step_deg,
                })
            })
            .filter(|p| in_mainland_china(*p))
    }

    /// Positions in mainland China, drawn uniformly from the outline's box.
    fn mainland() -> impl Strategy<Value = LatLng> {
        let [west, south, east, north] = mainland::BBOX;
        (south..north, west..east)
            .prop_map(|(lat, lng)| LatLng { lat, lng })
            .prop_filter("outside mainland China", |p| in_mainland_china(*p))
    }

    mod ids {
        use super::*;

        #[test]
        fn round_trip() {
            for d in Datum::ALL {
                assert_eq!(Datum::from_id(d.id()), Some(d));
            }
        }

        #[test]
        fn unknown_is_none() {
            assert_eq!(Datum::from_id(""), None);
            assert_eq!(Datum::from_id("WGS84"), None);
            assert_eq!(Datum::from_id("epsg:4326"), None);
        }
    }

    /// Pairs published by other implementations, each with its source. The
    /// forward pairs agree to well under a millimetre. Pairs for an inverse
    /// differ where the source used an approximate inverse; each tolerance
    /// says by how much.
    mod reference_points {
        use super::*;

        /// googollee/eviltransform, go/transform_test.go and python/test.py
        /// (`tests`, `TESTS`): WGS-84 and GCJ-02 for Shanghai (Pudong),
        /// Shenzhen (Nanshan) and Beijing (Xicheng), as (wgs, gcj).
        const EVILTRANSFORM: [((f64, f64), (f64, f64)); 3] = [
            (
                (31.1774276, 121.5272106),
                (31.17530398364597, 121.531541859215),
            ),
            (
                (22.543847, 113.912316),
                (22.540796131694766, 113.9171764808363),
            ),
            (
                (39.911954, 116.377817),
                (39.91334545536069, 116.38404722455657),
            ),
        ];

        #[test]
        fn eviltransform_wgs84_to_gcj02() {
            for ((wl, wg), (gl, gg)) in EVILTRANSFORM {
                assert_near(wgs84_to_gcj02(at(wl, wg)), at(gl, gg), 0.001);
            }
        }

        /// The same pairs backwards; eviltransform's own "exact" inverse
        /// promises 0.5 m (`TestGtoWExact`).
        #[test]
        fn eviltransform_gcj02_to_wgs84() {
            for ((wl, wg), (gl, gg)) in EVILTRANSFORM {
                assert_near(gcj02_to_wgs84(at(gl, gg)), at(wl, wg), 0.001);
            }
        }

        /// wandergis/coordtransform, test/app.js: each function applied to
        /// lng 116.404, lat 39.915 (central Beijing), results as printed
        /// there. (The same values are asserted in dromara/hutool's
        /// CoordinateUtilTest.java.)
        #[test]
        fn coordtransform_beijing() {
            let p = at(39.915, 116.404);
            assert_near(
                wgs84_to_gcj02(p),
                at(39.91640428150164, 116.41024449916938),
                0.001,
            );
            assert_near(
                gcj02_to_bd09(p),
                at(39.92133699351021, 116.41036949371029),
                0.001,
            );
            // coordtransform uses the closed-form BD-09 inverse, which is
            // 5 cm off here; ours iterates.
            assert_near(
                bd09_to_gcj02(p),
                at(39.90865673957631, 116.39762729119315),
                0.1,
            );
            // coordtransform's GCJ-02 inverse is a single step, 6 cm off here.
            assert_near(
                gcj02_to_wgs84(p),
                at(39.91359571849836, 116.39775550083061),
                0.1,
            );
        }

        /// hujiulong/gcoord, test/unit/crs/{WGS84,GCJ02,BD09}.spec.ts: each
        /// conversion of lng 123, lat 45 (Jilin, near Songyuan), expected to 5
        /// decimals (about 1 m) there and given to 8.
        #[test]
        fn gcoord_jilin() {
            let p = at(45.0, 123.0);
            assert_near(wgs84_to_gcj02(p), at(45.00197815, 123.00607541), 0.01);
            assert_near(gcj02_to_wgs84(p), at(44.99804071, 122.99395597), 0.05);
            assert_near(gcj02_to_bd09(p), at(45.00636899, 123.00636499), 0.01);
            assert_near(bd09_to_gcj02(p), at(44.99365430, 122.99363304), 0.3);
            assert_near(wgs84_to_bd09(p), at(45.0083293, 123.0124491), 0.05);
            assert_near(bd09_to_wgs84(p), at(44.99171540, 122.98762210), 0.5);
        }

        /// dromara/hutool, hutool-core/src/test/java/cn/hutool/core/util/
        /// CoordinateUtilTest.java, `wgs84toBd09Test2`, which cites the
        /// converter at https://tool.lu/coordinate/ for it.
        #[test]
        fn hutool_tool_lu_wgs84_to_bd09() {
            assert_near(
                wgs84_to_bd09(at(44.99804071, 122.99395597)),
                at(45.0063690918959, 123.00636516028885),
                0.001,
            );
        }
    }

    mod round_trip {
        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn wgs84_gcj02_wgs84(p in mainland()) {
                let back = gcj02_to_wgs84(wgs84_to_gcj02(p));
                prop_assert!(back.distance_m(p) < 0.001, "{p:?} came back as {back:?}");
            }

            #[test]
            fn gcj02_bd09_gcj02(p in mainland()) {
                let back = bd09_to_gcj02(gcj02_to_bd09(p));
                prop_assert!(back.distance_m(p) < 0.001, "{p:?} came back as {back:?}");
            }

            #[test]
            fn wgs84_bd09_wgs84(p in mainland()) {
                let back = convert(convert(p, Datum::Wgs84, Datum::Bd09), Datum::Bd09, Datum::Wgs84);
                prop_assert!(back.distance_m(p) < 0.001, "{p:?} came back as {back:?}");
            }

            /// Away from mainland China nothing moves, either way.
            #[test]
            fn unchanged_elsewhere(p in elsewhere()) {
                prop_assert_eq!(wgs84_to_gcj02(p), p);
                prop_assert_eq!(gcj02_to_wgs84(p), p);
            }
        }

        /// Positions anywhere on earth but the outline's box (and 0.1° around it).
        fn elsewhere() -> impl Strategy<Value = LatLng> {
            let [west, south, east, north] = mainland::BBOX;
            (-90.0f64..=90.0, -180.0f64..=180.0)
                .prop_map(|(lat, lng)| LatLng { lat, lng })
                .prop_filter("near mainland China", move |p| {
                    p.lat < south - 0.1
                        || p.lat > north + 0.1
                        || p.lng < west - 0.1
                        || p.lng > east + 0.1
                })
        }

        /// A 0.25° grid over mainland China: the inverses land within
        /// 10⁻⁹ degrees of where they started.
        #[test]
        fn grid() {
            for p in grid_over_mainland(0.25) {
                for back in [
                    gcj02_to_wgs84(wgs84_to_gcj02(p)),
                    bd09_to_gcj02(gcj02_to_bd09(p)),
                ] {
                    assert!((back.lat - p.lat).abs() < 1e-9, "{p:?} → {back:?}");
                    assert!((back.lng - p.lng).abs() < 1e-9, "{p:?} → {back:?}");
                }
            }
        }
    }

    mod mainland_only {
        use super::*;

        const INSIDE: [(&str, f64, f64); 12] = [
            ("Shenzhen", 22.54, 114.06),
            ("Zhuhai", 22.27, 113.58),
            ("Urumqi", 43.83, 87.62),
            ("Lhasa", 29.65, 91.17),
            ("Harbin", 45.75, 126.65),
            ("Sanya", 18.25, 109.51),
            ("Haikou", 20.04, 110.34),
            ("Zhoushan", 29.99, 122.21),
            ("Xiamen", 24.48, 118.09),
            ("Qingdao", 36.07, 120.38),
            ("Shanghai", 31.23, 121.47),
            ("Beijing", 39.90, 116.41),
        ];

        const OUTSIDE: [(&str, f64, f64); 10] = [
            ("Hong Kong, Central", 22.28, 114.16),
            ("Hong Kong, Sha Tin", 22.38, 114.19),
            ("Macau", 22.19, 113.54),
            ("Taipei", 25.03, 121.56),
            ("Ulaanbaatar", 47.92, 106.92),
            ("Seoul", 37.57, 126.98),
            ("Hanoi", 21.03, 105.85),
            ("Vladivostok", 43.12, 131.89),
            ("Tokyo", 35.69, 139.69),
            ("Null Island", 0.0, 0.0),
        ];

        #[test]
        fn cities_inside() {
            for (name, lat, lng) in INSIDE {
                assert!(in_mainland_china(at(lat, lng)), "{name} should be inside");
            }
        }

        #[test]
        fn cities_outside() {
            for (name, lat, lng) in OUTSIDE {
                assert!(!in_mainland_china(at(lat, lng)), "{name} should be outside");
            }
        }

        #[test]
        fn not_a_number_is_outside() {
            let p = LatLng {
                lat: f64::NAN,
                lng: 114.0,
            };
            assert!(!in_mainland_china(p));
        }

        #[test]
        fn no_gcj02_offset_outside() {
            for (name, lat, lng) in OUTSIDE {
                let p = at(lat, lng);
                assert_eq!(convert(p, Datum::Wgs84, Datum::Gcj02), p, "{name}");
                assert_eq!(convert(p, Datum::Gcj02, Datum::Wgs84), p, "{name}");
            }
        }

        #[test]
        fn gcj02_offset_inside() {
            for (name, lat, lng) in INSIDE {
                let p = at(lat, lng);
                let d = p.distance_m(wgs84_to_gcj02(p));
                assert!(d > 50.0, "{name} moved only {d} m");
            }
        }

        /// Outside mainland China BD-09 is still BD-09's own distortion, of
        /// the unshifted position.
        #[test]
        fn bd09_applies_outside() {
            let central = at(22.28, 114.16);
            assert_eq!(wgs84_to_bd09(central), gcj02_to_bd09(central));
            let d = central.distance_m(wgs84_to_bd09(central));
            assert!((500.0..1500.0).contains(&d), "{d} m");
            assert_near(bd09_to_wgs84(wgs84_to_bd09(central)), central, 0.001);
        }

        /// Near the poles and the antimeridian the BD-09 formula leaves the
        /// valid range; the result is brought back into it.
        #[test]
        fn bd09_stays_in_range() {
            for p in [at(89.999, 100.0), at(-89.999, 100.0), at(10.0, 179.999)] {
                let bd = gcj02_to_bd09(p);
                assert!(LatLng::new(bd.lat, bd.lng).is_ok(), "{p:?} → {bd:?}");
            }
        }
    }

    mod offset_size {
        use super::*;

        /// The GCJ-02 offset is a few hundred metres in Shanghai and Beijing.
        #[test]
        fn a_few_hundred_metres_in_shanghai_and_beijing() {
            for p in [at(31.2304, 121.4737), at(39.9042, 116.4074)] {
                let d = p.distance_m(wgs84_to_gcj02(p));
                assert!((100.0..700.0).contains(&d), "{p:?} moved {d} m");
            }
        }

        /// The GCJ-02 offset stays under [`GCJ02_MAX_OFFSET_DEG`] on both
        /// axes over the outline's box and a little beyond, which
        /// [`gcj02_to_wgs84`] relies on.
        #[test]
        fn under_the_assumed_maximum_in_degrees() {
            let [west, south, east, north] = mainland::BBOX;
            let step = 0.1;
            let rows = ((north - south + 1.0) / step) as usize;
            let cols = ((east - west + 1.0) / step) as usize;
            for i in 0..=rows {
                for j in 0..=cols {
                    let p = LatLng {
                        lat: south - 0.5 + i as f64 * step,
                        lng: west - 0.5 + j as f64 * step,
                    };
                    let gcj = gcj02_forward(p);
                    assert!((gcj.lat - p.lat).abs() < GCJ02_MAX_OFFSET_DEG, "{p:?}");
                    assert!((gcj.lng - p.lng).abs() < GCJ02_MAX_OFFSET_DEG, "{p:?}");
                }
            }
        }

        /// Nowhere in mainland China does GCJ-02 move a position by more than
        /// a kilometre, nor BD-09 a GCJ-02 position by more than 1.5 km.
        #[test]
        fn bounded_over_a_grid() {
            for p in grid_over_mainland(0.5) {
                let gcj = wgs84_to_gcj02(p);
                assert!(p.distance_m(gcj) < 1000.0, "{p:?}");
                assert!(gcj.distance_m(gcj02_to_bd09(gcj)) < 1500.0, "{p:?}");
            }
        }
    }

    mod conversion {
        use super::*;

        #[test]
        fn same_datum_is_identity() {
            let p = at(31.2304, 121.4737);
            for d in Datum::ALL {
                assert_eq!(convert(p, d, d), p);
            }
        }

        #[test]
        fn matches_the_named_functions() {
            let p = at(23.1291, 113.2644); // Guangzhou
            assert_eq!(convert(p, Datum::Wgs84, Datum::Gcj02), wgs84_to_gcj02(p));
            assert_eq!(convert(p, Datum::Gcj02, Datum::Wgs84), gcj02_to_wgs84(p));
            assert_eq!(convert(p, Datum::Gcj02, Datum::Bd09), gcj02_to_bd09(p));
            assert_eq!(convert(p, Datum::Bd09, Datum::Gcj02), bd09_to_gcj02(p));
            assert_eq!(convert(p, Datum::Wgs84, Datum::Bd09), wgs84_to_bd09(p));
            assert_eq!(convert(p, Datum::Bd09, Datum::Wgs84), bd09_to_wgs84(p));
        }

        /// The closed-form BD-09 inverse alone is within 0.5 m (it is what
        /// other libraries use); iterating makes it exact.
        #[test]
        fn closed_form_bd09_inverse_is_close_but_not_exact() {
            let gcj = at(39.915, 116.404);
            let bd = gcj02_to_bd09(gcj);
            let closed = bd09_inverse_closed_form(bd).distance_m(gcj);
            assert!(closed < 0.5 && closed > 0.001, "{closed} m");
            assert_near(bd09_to_gcj02(bd), gcj, 0.000_01);
        }
    }
}
