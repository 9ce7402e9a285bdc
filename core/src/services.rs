//! Service options for an origin: for each service of the catalogue, the
//! nearest outlet offering it now, and the outlets whose mobile service area
//! (a van or technician that comes to the buyer) covers the origin.
//!
//! A mobile service area is declared in the dataset by an outlet's optional
//! `mobile_service` property (format version 1 stays readable without it):
//! a radius around the outlet, or a GeoJSON `Polygon` or `MultiPolygon`
//! (`[lng, lat]` positions, WGS-84). [`MobileService`] reads and checks it;
//! [`service_options`] answers the panel's question.
//!
//! Distances are straight-line (great circle) from the origin, in metres, as
//! everywhere in this crate; the interface labels them so.

use crate::dataset::Dataset;
use crate::index::SpatialIndex;
use crate::latlng::LatLng;
use crate::outlet::OutletKind;
use crate::service::{Service, ServiceSet};
use geo::{Coord, Intersects, LineString, MultiPolygon, Point, Polygon};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;

/// The largest radius a mobile service area may have, in kilometres.
pub const MAX_MOBILE_RADIUS_KM: f64 = 500.0;

/// Services an outlet brings to the buyer within an area.
///
/// Read from the dataset's `mobile_service` property, checked: at least one
/// service of the catalogue, and exactly one of `radius_km` (more than 0, at
/// most [`MAX_MOBILE_RADIUS_KM`]) and `area` (a Polygon or MultiPolygon
/// whose rings are closed, with at least 4 positions in range).
///
/// # Examples
/// ```
/// use locator_core::{LatLng, MobileService, Service};
/// let van: MobileService = serde_json::from_str(
///     r#"{"services": ["after_sales"], "radius_km": 30}"#).unwrap();
/// assert!(van.services.contains(Service::AfterSales));
/// let store = LatLng::new(31.2304, 121.4737).unwrap(); // People's Square, Shanghai
/// let hongqiao = LatLng::new(31.1979, 121.3363).unwrap(); // 13.5 km west
/// let suzhou = LatLng::new(31.2990, 120.5853).unwrap(); // 85 km west
/// assert!(van.covers(store, hongqiao));
/// assert!(!van.covers(store, suzhou));
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "RawMobileService")]
pub struct MobileService {
    /// The services offered on the move.
    pub services: ServiceSet,
    /// Where.
    pub area: ServiceArea,
}

/// The area a mobile service covers.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceArea {
    /// Everything within this straight-line distance of the outlet.
    Radius {
        /// Kilometres, more than 0 and at most [`MAX_MOBILE_RADIUS_KM`].
        radius_km: f64,
    },
    /// The inside of these polygons (a `Polygon` is read as a one-polygon
    /// `MultiPolygon`), with x = longitude and y = latitude in WGS-84 degrees,
    /// as GeoJSON writes them. Positions on an edge count as inside.
    /// Polygons crossing the antimeridian are not supported (RFC 7946 asks
    /// for them to be cut in two).
    Polygons(MultiPolygon<f64>),
}

impl MobileService {
    /// Whether the area of an outlet at `outlet_at` covers `origin`.
    ///
    /// # Units
    /// Both positions in WGS-84 degrees; a radius is measured as a
    /// great-circle distance (as [`LatLng::distance_m`]).
    pub fn covers(&self, outlet_at: LatLng, origin: LatLng) -> bool {
        match &self.area {
            ServiceArea::Radius { radius_km } => outlet_at.distance_m(origin) <= radius_km * 1000.0,
            ServiceArea::Polygons(polygons) => {
                polygons.intersects(&Point::new(origin.lng, origin.lat))
            }
        }
    }
}

/// The nearest outlet offering a service.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NearestOutlet {
    /// Position of the outlet in [`Dataset::outlets`].
    pub index: usize,
    /// Straight-line distance from the origin, metres.
    pub distance_m: f64,
    /// EV Home store or authorized partner.
    pub kind: OutletKind,
}

/// One row of the service panel.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceOption {
    /// The service.
    pub service: Service,
    /// The nearest outlet offering it now, or `None` if no open outlet does.
    pub nearest: Option<NearestOutlet>,
    /// Positions in [`Dataset::outlets`] of the open outlets whose mobile
    /// service area covers the origin and includes this service, nearest
    /// outlet first.
    pub mobile: Vec<usize>,
}

/// For each service of the catalogue ([`Service::ALL`], in that order): the
/// nearest outlet offering it now, and the outlets that bring it to `origin`.
///
/// Only open outlets count ([`Outlet::services_now`]): a coming-soon outlet
/// offers nothing yet, and a relocated one nothing at its old address; the
/// same goes for their mobile service areas. Walks `index` nearest-first and
/// stops once every service offered anywhere has its outlet, so a dense
/// network costs a few steps; mobile areas are checked one by one.
///
/// `index` must have been built from `data.outlets`.
///
/// # Units
/// `origin` in WGS-84 degrees; distances in metres, straight-line.
///
/// # Examples
/// From the Bund in Shanghai, with an EV Home store in Jing'an and a partner
/// in Pudong whose after-sales van covers 20 km:
/// ```
/// use locator_core::{service_options, Dataset, LatLng, OutletKind, Service, SpatialIndex};
/// let data = Dataset::parse(r#"{"type": "FeatureCollection", "schema_version": 1,
///   "brand": {"en": "Qingyun Motors"}, "updated": "2026-11-20", "time_zone": "Asia/Shanghai",
///   "features": [
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.4581, 31.2222]},
///    "properties": {"id": "evh-sh-01", "kind": "ev_home", "name": {"en": "EV Home Jing'an"},
///     "address": {"en": "1 Nanjing West Road"}, "city": {"en": "Shanghai"},
///     "province": {"en": "Shanghai"}, "services": ["sales", "test_drive"]}},
///   {"type": "Feature", "geometry": {"type": "Point", "coordinates": [121.5900, 31.2000]},
///    "properties": {"id": "ptn-sh-01", "kind": "partner", "name": {"en": "Partner Pudong"},
///     "address": {"en": "8 Longdong Avenue"}, "city": {"en": "Shanghai"},
///     "province": {"en": "Shanghai"}, "services": ["sales", "after_sales"],
///     "mobile_service": {"services": ["after_sales"], "radius_km": 20}}}]}"#).unwrap();
/// let index = SpatialIndex::new(&data.outlets);
/// let bund = LatLng::new(31.2400, 121.4900).unwrap();
/// let options = service_options(&data, &index, bund);
/// let sales = &options[0];
/// assert_eq!(sales.service, Service::Sales);
/// let nearest = sales.nearest.unwrap();
/// assert_eq!((nearest.index, nearest.kind), (0, OutletKind::EvHome));
/// assert!((nearest.distance_m - 3_620.0).abs() < 10.0); // straight-line metres
/// let after_sales = &options[3];
/// assert_eq!(after_sales.nearest.unwrap().index, 1);
/// assert_eq!(after_sales.mobile, vec![1]); // the van comes to the Bund
/// assert!(options[2].nearest.is_none()); // nobody delivers
/// ```
///
/// [`Outlet::services_now`]: crate::Outlet::services_now
pub fn service_options(data: &Dataset, index: &SpatialIndex, origin: LatLng) -> Vec<ServiceOption> {
    let offered: Vec<bool> = Service::ALL
        .iter()
        .map(|&s| data.outlets.iter().any(|o| o.services_now().contains(s)))
        .collect();
    let mut missing = offered.iter().filter(|&&o| o).count();
    let mut nearest: Vec<Option<NearestOutlet>> = vec![None; Service::ALL.len()];
    for i in index.nearest(origin) {
        if missing == 0 {
            break;
        }
        let Some(outlet) = data.outlets.get(i) else {
            continue;
        };
        let now = outlet.services_now();
        for (k, &service) in Service::ALL.iter().enumerate() {
            if nearest[k].is_none() && now.contains(service) {
                nearest[k] = Some(NearestOutlet {
                    index: i,
                    distance_m: origin.distance_m(outlet.location),
                    kind: outlet.kind,
                });
                missing -= 1;
            }
        }
    }

    let mut mobile: Vec<(f64, usize, ServiceSet)> = data
        .outlets
        .iter()
        .enumerate()
        .filter_map(|(i, o)| {
            let m = o.mobile_service_now()?;
            m.covers(o.location, origin)
                .then(|| (origin.distance_m(o.location), i, m.services))
        })
        .collect();
    mobile.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));

    Service::ALL
        .iter()
        .zip(nearest)
        .map(|(&service, nearest)| ServiceOption {
            service,
            nearest,
            mobile: mobile
                .iter()
                .filter(|m| m.2.contains(service))
                .map(|m| m.1)
                .collect(),
        })
        .collect()
}

// ---- reading `mobile_service` ----------------------------------------------

/// `mobile_service` as written, before its checks.
#[derive(Deserialize)]
#[serde(expecting = "a mobile_service object with services and radius_km or area")]
struct RawMobileService {
    services: Vec<Service>,
    #[serde(default)]
    radius_km: Option<RadiusKm>,
    #[serde(default)]
    area: Option<Area>,
}

impl TryFrom<RawMobileService> for MobileService {
    type Error = String;

    fn try_from(raw: RawMobileService) -> Result<Self, String> {
        if raw.services.is_empty() {
            return Err("mobile_service needs at least one service".into());
        }
        let area = match (raw.radius_km, raw.area) {
            (Some(RadiusKm(radius_km)), None) => ServiceArea::Radius { radius_km },
            (None, Some(Area(polygons))) => ServiceArea::Polygons(polygons),
            (Some(_), Some(_)) => {
                return Err("mobile_service has both radius_km and area; give one".into())
            }
            (None, None) => {
                return Err("mobile_service needs radius_km or area".into());
            }
        };
        Ok(MobileService {
            services: raw.services.into_iter().collect(),
            area,
        })
    }
}

/// A radius in kilometres, more than 0 and at most [`MAX_MOBILE_RADIUS_KM`].
#[derive(Deserialize)]
#[serde(try_from = "f64")]
struct RadiusKm(f64);

impl TryFrom<f64> for RadiusKm {
    type Error = String;

    fn try_from(km: f64) -> Result<Self, String> {
        if km > 0.0 && km <= MAX_MOBILE_RADIUS_KM {
            Ok(RadiusKm(km))
        } else {
            Err(format!(
                "radius_km must be more than 0 and at most {MAX_MOBILE_RADIUS_KM} (kilometres), found {km}"
            ))
        }
    }
}

/// A GeoJSON position `[lng, lat]` (an altitude after them is ignored), as
/// a geo coordinate (x = longitude, y = latitude).
fn position(numbers: &[f64]) -> Result<Coord<f64>, String> {
    if !(2..=3).contains(&numbers.len()) {
        return Err(format!(
            "a position needs [longitude, latitude], found {} numbers",
            numbers.len()
        ));
    }
    let p = LatLng::new(numbers[1], numbers[0])
        .map_err(|e| format!("{e} (GeoJSON order is [longitude, latitude])"))?;
    Ok(Coord { x: p.lng, y: p.lat })
}

/// A closed linear ring: at least 4 positions, the last equal to the first.
fn ring(positions: Vec<Coord<f64>>) -> Result<LineString<f64>, String> {
    if positions.len() < 4 {
        return Err(format!(
            "a ring needs at least 4 positions (the last repeating the first), found {}",
            positions.len()
        ));
    }
    if positions.first() != positions.last() {
        return Err("a ring must be closed: its last position must repeat its first".into());
    }
    Ok(LineString::new(positions))
}

/// A polygon from its rings: the outer one, then any holes.
fn polygon(rings: Vec<LineString<f64>>) -> Result<Polygon<f64>, String> {
    let mut rings = rings.into_iter();
    let outer = rings
        .next()
        .ok_or("a polygon needs at least its outer ring")?;
    Ok(Polygon::new(outer, rings.collect()))
}

// The coordinates of a Polygon are nested three deep ([ring][position]
// [number]) and those of a MultiPolygon four deep. The types below read
// either by looking at what each array holds, so the coordinates can be
// checked while they are read, before or after `type`, and an error names
// the array at fault (`area.coordinates[0][3]`).

/// The innermost level: a coordinate number, or a position of a
/// MultiPolygon's ring.
enum NumberOrPosition {
    Number(f64),
    Position(Coord<f64>),
}

impl<'de> Deserialize<'de> for NumberOrPosition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = NumberOrPosition;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number or a [longitude, latitude] position")
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
                Ok(NumberOrPosition::Number(n))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
                Ok(NumberOrPosition::Number(n as f64))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
                Ok(NumberOrPosition::Number(n as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut numbers = Vec::new();
                while let Some(n) = seq.next_element::<f64>()? {
                    numbers.push(n);
                }
                position(&numbers)
                    .map(NumberOrPosition::Position)
                    .map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// An array of a Polygon's ring (a position) or of a MultiPolygon's polygon
/// (a ring).
enum PositionOrRing {
    Position(Coord<f64>),
    Ring(LineString<f64>),
}

impl<'de> Deserialize<'de> for PositionOrRing {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PositionOrRing;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a position or a ring of positions")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let (mut numbers, mut positions) = (Vec::new(), Vec::new());
                while let Some(item) = seq.next_element::<NumberOrPosition>()? {
                    match item {
                        NumberOrPosition::Number(n) => numbers.push(n),
                        NumberOrPosition::Position(p) => positions.push(p),
                    }
                }
                let result = match (numbers.is_empty(), positions.is_empty()) {
                    (false, true) => position(&numbers).map(PositionOrRing::Position),
                    (true, false) => ring(positions).map(PositionOrRing::Ring),
                    (true, true) => Err("an empty array is neither a position nor a ring".into()),
                    (false, false) => Err("an array mixes numbers and positions".into()),
                };
                result.map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_seq(V)
    }
}

/// An element of `coordinates`: a Polygon's ring or a MultiPolygon's
/// polygon.
enum RingOrPolygon {
    Ring(LineString<f64>),
    Polygon(Polygon<f64>),
}

impl<'de> Deserialize<'de> for RingOrPolygon {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RingOrPolygon;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a ring of positions or a polygon of rings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let (mut positions, mut rings) = (Vec::new(), Vec::new());
                while let Some(item) = seq.next_element::<PositionOrRing>()? {
                    match item {
                        PositionOrRing::Position(p) => positions.push(p),
                        PositionOrRing::Ring(r) => rings.push(r),
                    }
                }
                let result = match (positions.is_empty(), rings.is_empty()) {
                    (false, true) => ring(positions).map(RingOrPolygon::Ring),
                    (true, false) => polygon(rings).map(RingOrPolygon::Polygon),
                    (true, true) => Err("an empty array is neither a ring nor a polygon".into()),
                    (false, false) => Err("an array mixes positions and rings".into()),
                };
                result.map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_seq(V)
    }
}

/// The GeoJSON geometry types an area may have.
#[derive(Deserialize, Clone, Copy)]
#[serde(expecting = "\"Polygon\" or \"MultiPolygon\"")]
enum AreaType {
    Polygon,
    MultiPolygon,
}

/// A mobile service area's geometry: a GeoJSON Polygon or MultiPolygon.
struct Area(MultiPolygon<f64>);

impl<'de> Deserialize<'de> for Area {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(AreaVisitor)
    }
}

/// Reads the geometry's members in any order, then checks that the
/// coordinates' depth matches the type.
struct AreaVisitor;

impl<'de> Visitor<'de> for AreaVisitor {
    type Value = Area;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a GeoJSON Polygon or MultiPolygon geometry object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Area, A::Error> {
        let mut kind: Option<AreaType> = None;
        let mut coordinates: Option<Vec<RingOrPolygon>> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "type" => kind = Some(map.next_value()?),
                "coordinates" => coordinates = Some(map.next_value()?),
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let kind = kind.ok_or_else(|| de::Error::missing_field("type"))?;
        let coordinates = coordinates.ok_or_else(|| de::Error::missing_field("coordinates"))?;
        let (mut rings, mut polygons) = (Vec::new(), Vec::new());
        for item in coordinates {
            match item {
                RingOrPolygon::Ring(r) => rings.push(r),
                RingOrPolygon::Polygon(p) => polygons.push(p),
            }
        }
        let result = match (kind, polygons.is_empty()) {
            (AreaType::Polygon, true) => polygon(rings).map(|p| MultiPolygon::new(vec![p])),
            (AreaType::MultiPolygon, _) if rings.is_empty() && !polygons.is_empty() => {
                Ok(MultiPolygon::new(polygons))
            }
            (AreaType::MultiPolygon, _) if rings.is_empty() => {
                Err("a MultiPolygon needs at least one polygon".to_string())
            }
            (AreaType::Polygon, false) => Err(
                "the coordinates of a Polygon are rings of positions: [[[lng, lat], ...]]".into(),
            ),
            (AreaType::MultiPolygon, _) => Err(
                "the coordinates of a MultiPolygon are polygons of rings: [[[[lng, lat], ...]]]"
                    .into(),
            ),
        };
        result.map(Area).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::OutletStatus;
    use serde_json::{json, Value};

    fn feature(id: &str, kind: &str, lng: f64, lat: f64, services: &[&str]) -> Value {
        json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lng, lat]},
            "properties": {
                "id": id, "kind": kind,
                "name": {"en": id}, "address": {"en": "somewhere"},
                "city": {"en": "Shanghai"}, "province": {"en": "Shanghai"},
                "services": services
            }
        })
    }

    fn dataset(features: Vec<Value>) -> Dataset {
        let v = json!({
            "type": "FeatureCollection", "schema_version": 1,
            "brand": {"en": "Qingyun Motors"}, "updated": "2026-11-20",
            "time_zone": "Asia/Shanghai", "features": features
        });
        // Random positions may fall in the sea off China: no region check.
        let options = crate::ParseOptions {
            region: crate::Region::Anywhere,
        };
        Dataset::parse_with(&serde_json::to_string_pretty(&v).unwrap(), options).unwrap()
    }

    /// A square around People's Square, Shanghai, about 11 km across.
    fn square_around_peoples_square() -> Value {
        json!({"type": "Polygon", "coordinates": [[
            [121.42, 31.18], [121.53, 31.18], [121.53, 31.28], [121.42, 31.28], [121.42, 31.18]
        ]]})
    }

    fn peoples_square() -> LatLng {
        LatLng::new(31.2304, 121.4737).unwrap()
    }

    mod reading {
        use super::*;

        fn read(v: Value) -> Result<MobileService, String> {
            serde_json::from_value(v).map_err(|e| e.to_string())
        }

        #[test]
        fn a_radius() {
            let m =
                read(json!({"services": ["after_sales", "body_paint"], "radius_km": 30})).unwrap();
            assert_eq!(m.area, ServiceArea::Radius { radius_km: 30.0 });
            assert_eq!(
                m.services.iter().collect::<Vec<_>>(),
                [Service::AfterSales, Service::BodyPaint]
            );
        }

        #[test]
        fn a_polygon_and_a_multipolygon_in_any_member_order() {
            let m =
                read(json!({"services": ["after_sales"], "area": square_around_peoples_square()}))
                    .unwrap();
            let ServiceArea::Polygons(p) = &m.area else {
                panic!("{m:?}")
            };
            assert_eq!(p.0.len(), 1);
            assert_eq!(p.0[0].exterior().0.len(), 5);
            let multi = read(json!({"services": ["after_sales"], "area": {
                "coordinates": [
                    [[[121.0, 31.0], [121.1, 31.0], [121.1, 31.1], [121.0, 31.0]]],
                    [[[120.0, 30.0], [120.1, 30.0], [120.1, 30.1], [120.0, 30.0]],
                     [[120.02, 30.01], [120.08, 30.01], [120.08, 30.05], [120.02, 30.01]]]
                ],
                "type": "MultiPolygon"}}))
            .unwrap();
            let ServiceArea::Polygons(p) = &multi.area else {
                panic!("{multi:?}")
            };
            assert_eq!(p.0.len(), 2);
            assert_eq!(p.0[1].interiors().len(), 1);
        }

        #[test]
        fn refuses_bad_areas() {
            let cases = [
                (
                    json!({"services": ["after_sales"], "radius_km": 0}),
                    "more than 0",
                ),
                (
                    json!({"services": ["after_sales"], "radius_km": 501}),
                    "at most 500",
                ),
                (
                    json!({"services": ["after_sales"], "radius_km": -5}),
                    "more than 0",
                ),
                (
                    json!({"services": [], "radius_km": 10}),
                    "at least one service",
                ),
                (
                    json!({"services": ["car_wash"], "radius_km": 10}),
                    "car_wash",
                ),
                (json!({"services": ["after_sales"]}), "radius_km or area"),
                (
                    json!({"services": ["after_sales"], "radius_km": 10,
                           "area": square_around_peoples_square()}),
                    "both",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"type": "Polygon",
                        "coordinates": [[[121.0, 31.0], [121.1, 31.0], [121.1, 31.1], [121.0, 31.05]]]}}),
                    "closed",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"type": "Polygon",
                        "coordinates": [[[121.0, 31.0], [121.1, 31.0], [121.0, 31.0]]]}}),
                    "at least 4 positions",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"type": "Polygon",
                        "coordinates": [[[31.0, 121.0], [31.1, 121.0], [31.1, 121.1], [31.0, 121.0]]]}}),
                    "[longitude, latitude]",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"type": "Polygon", "coordinates": []}}),
                    "outer ring",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"type": "MultiPolygon", "coordinates": []}}),
                    "at least one polygon",
                ),
                (
                    json!({"services": ["after_sales"], "area": {"coordinates": [[[1.0]]], "type": "Polygon"}}),
                    "[longitude, latitude]",
                ),
            ];
            for (value, needle) in cases {
                let err = read(value.clone()).unwrap_err();
                assert!(err.contains(needle), "{value}: {err}");
            }
            // (json! sorts keys, so `type` comes first only in written text)
            let err = serde_json::from_str::<MobileService>(
                r#"{"services": ["after_sales"], "area": {"type": "Point", "coordinates": [121.0, 31.0]}}"#,
            )
            .unwrap_err();
            assert!(err.to_string().contains("MultiPolygon"), "{err}");
        }
    }

    mod record_errors {
        use super::*;

        /// The one rejection of a dataset holding `mobile_service` on a
        /// partner, between two good outlets.
        fn rejected(mobile_service: Value) -> crate::RecordError {
            let mut bad = feature("ptn-1", "partner", 121.47, 31.23, &["after_sales"]);
            bad["properties"]["mobile_service"] = mobile_service;
            let d = dataset(vec![
                feature("a", "ev_home", 121.0, 31.0, &["sales"]),
                bad,
                feature("b", "ev_home", 120.0, 30.0, &["sales"]),
            ]);
            assert_eq!(d.outlets.len(), 2, "{:?}", d.rejected);
            assert_eq!(d.rejected.len(), 1);
            d.rejected[0].clone()
        }

        #[test]
        fn name_the_field() {
            let e = rejected(json!({"services": ["after_sales"], "radius_km": 900}));
            assert_eq!(e.field, "properties.mobile_service.radius_km");
            assert_eq!(e.id.as_deref(), Some("ptn-1"));
            assert!(e.to_string().contains("at most 500"), "{e}");

            let e = rejected(json!({"services": ["after_sales", "wash"], "radius_km": 9}));
            assert_eq!(e.field, "properties.mobile_service.services[1]");

            let e = rejected(
                json!({"services": ["after_sales"], "area": {"type": "Polygon",
                "coordinates": [[[121.0, 31.0], [121.1, 31.0], [121.1, 31.1], [121.0, 31.1]]]}}),
            );
            assert_eq!(e.field, "properties.mobile_service.area.coordinates[0]");
            assert!(e.to_string().contains("closed"), "{e}");

            let e = rejected(
                json!({"services": ["after_sales"], "area": {"type": "MultiPolygon",
                "coordinates": [[[[121.0, 31.0], [121.1, 31.0], [121.1, 95.0], [121.0, 31.0]]]]}}),
            );
            assert_eq!(
                e.field,
                "properties.mobile_service.area.coordinates[0][0][2]"
            );
            assert!(e.to_string().contains("latitude 95"), "{e}");

            let e = rejected(json!({"services": ["after_sales"]}));
            assert_eq!(e.field, "properties.mobile_service");
        }

        #[test]
        fn absent_is_fine() {
            let d = dataset(vec![feature("a", "partner", 121.0, 31.0, &["after_sales"])]);
            assert!(d.rejected.is_empty());
            assert_eq!(d.outlets[0].mobile_service, None);
        }
    }

    mod coverage {
        use super::*;

        fn radius(km: f64) -> MobileService {
            MobileService {
                services: [Service::AfterSales].into_iter().collect(),
                area: ServiceArea::Radius { radius_km: km },
            }
        }

        fn polygon() -> MobileService {
            serde_json::from_value(
                json!({"services": ["after_sales"], "area": square_around_peoples_square()}),
            )
            .unwrap()
        }

        #[test]
        fn inside_and_outside_a_radius() {
            let store = peoples_square();
            let hongqiao = LatLng::new(31.1979, 121.3363).unwrap(); // 13.5 km
            assert!(radius(14.0).covers(store, hongqiao));
            assert!(!radius(13.0).covers(store, hongqiao));
            assert!(radius(1.0).covers(store, store));
        }

        #[test]
        fn inside_on_the_edge_of_and_outside_a_polygon() {
            let anywhere = LatLng::new(0.0, 0.0).unwrap(); // the outlet's own place is irrelevant
            assert!(polygon().covers(anywhere, peoples_square()));
            assert!(polygon().covers(anywhere, LatLng::new(31.18, 121.47).unwrap()));
            assert!(!polygon().covers(anywhere, LatLng::new(31.1979, 121.3363).unwrap()));
        }

        #[test]
        fn a_hole_is_outside() {
            let m: MobileService =
                serde_json::from_value(json!({"services": ["after_sales"], "area": {
                "type": "Polygon", "coordinates": [
                    [[121.0, 31.0], [122.0, 31.0], [122.0, 32.0], [121.0, 32.0], [121.0, 31.0]],
                    [[121.4, 31.1], [121.6, 31.1], [121.6, 31.3], [121.4, 31.3], [121.4, 31.1]]
                ]}}))
                .unwrap();
            let anywhere = LatLng::new(0.0, 0.0).unwrap();
            assert!(!m.covers(anywhere, peoples_square()));
            assert!(m.covers(anywhere, LatLng::new(31.9, 121.9).unwrap()));
        }
    }

    mod options {
        use super::*;

        /// Shanghai: an EV Home, a partner with a 30 km after-sales radius,
        /// a partner with a polygon around People's Square for body and
        /// paint, and outlets that must never count: a coming-soon partner
        /// right at People's Square with a huge radius, and a relocated EV Home.
        fn shanghai() -> Dataset {
            let mut radius = feature(
                "ptn-pudong",
                "partner",
                121.5900,
                31.2000,
                &["sales", "after_sales", "body_paint"],
            );
            radius["properties"]["mobile_service"] =
                json!({"services": ["after_sales"], "radius_km": 30});
            let mut polygon = feature(
                "ptn-minhang",
                "partner",
                121.3820,
                31.1130,
                &["sales", "after_sales", "body_paint", "delivery"],
            );
            polygon["properties"]["mobile_service"] = json!({"services": ["after_sales", "body_paint"], "area": square_around_peoples_square()});
            let mut soon = feature(
                "ptn-soon",
                "partner",
                121.4740,
                31.2300,
                &[
                    "sales",
                    "test_drive",
                    "after_sales",
                    "body_paint",
                    "charging",
                ],
            );
            soon["properties"]["status"] = json!("coming_soon");
            soon["properties"]["mobile_service"] =
                json!({"services": ["after_sales", "body_paint", "charging"], "radius_km": 500});
            let mut moved = feature(
                "evh-old",
                "ev_home",
                121.4738,
                31.2305,
                &["sales", "test_drive", "charging"],
            );
            moved["properties"]["status"] = json!("relocated");
            moved["properties"]["relocated_to"] = json!("evh-jingan");
            dataset(vec![
                feature(
                    "evh-jingan",
                    "ev_home",
                    121.4581,
                    31.2222,
                    &["sales", "test_drive"],
                ),
                radius,
                polygon,
                soon,
                moved,
            ])
        }

        fn id(d: &Dataset, i: usize) -> &str {
            &d.outlets[i].id
        }

        #[test]
        fn nearest_per_service_and_mobile_areas() {
            let d = shanghai();
            assert!(d.rejected.is_empty(), "{:?}", d.rejected);
            let index = SpatialIndex::new(&d.outlets);
            let options = service_options(&d, &index, peoples_square());
            let services: Vec<Service> = options.iter().map(|o| o.service).collect();
            assert_eq!(services, Service::ALL);
            let nearest = |s: Service| {
                options[Service::ALL.iter().position(|&x| x == s).unwrap()]
                    .nearest
                    .map(|n| (id(&d, n.index), n.kind))
            };
            // the relocated and coming-soon outlets at People's Square never count
            assert_eq!(
                nearest(Service::Sales),
                Some(("evh-jingan", OutletKind::EvHome))
            );
            assert_eq!(
                nearest(Service::TestDrive),
                Some(("evh-jingan", OutletKind::EvHome))
            );
            assert_eq!(
                nearest(Service::AfterSales),
                Some(("ptn-pudong", OutletKind::Partner))
            );
            assert_eq!(
                nearest(Service::Delivery),
                Some(("ptn-minhang", OutletKind::Partner))
            );
            assert_eq!(nearest(Service::Charging), None);
            let mobile = |s: Service| -> Vec<&str> {
                options[Service::ALL.iter().position(|&x| x == s).unwrap()]
                    .mobile
                    .iter()
                    .map(|&i| id(&d, i))
                    .collect()
            };
            // inside the Pudong radius (11 km) and the square; Pudong is nearer
            assert_eq!(mobile(Service::AfterSales), ["ptn-pudong", "ptn-minhang"]);
            assert_eq!(mobile(Service::BodyPaint), ["ptn-minhang"]);
            assert!(mobile(Service::Charging).is_empty());
        }

        #[test]
        fn outside_every_area() {
            let d = shanghai();
            let index = SpatialIndex::new(&d.outlets);
            let suzhou = LatLng::new(31.2990, 120.5853).unwrap(); // 96 km from Pudong
            let options = service_options(&d, &index, suzhou);
            assert!(options.iter().all(|o| o.mobile.is_empty()), "{options:?}");
            let sales = options[0].nearest.unwrap();
            assert_eq!(id(&d, sales.index), "ptn-minhang");
            assert!(
                (sales.distance_m - 80_000.0).abs() < 5_000.0,
                "{}",
                sales.distance_m
            );
        }

        #[test]
        fn an_empty_dataset() {
            let d = dataset(vec![]);
            let index = SpatialIndex::new(&d.outlets);
            let options = service_options(&d, &index, peoples_square());
            assert_eq!(options.len(), Service::ALL.len());
            assert!(options
                .iter()
                .all(|o| o.nearest.is_none() && o.mobile.is_empty()));
        }

        #[test]
        fn the_sample_dataset() {
            let d = Dataset::parse(include_str!("../../public/data/outlets.geojson")).unwrap();
            assert!(d.rejected.is_empty(), "{:?}", d.rejected);
            let mobile: Vec<_> = d
                .outlets
                .iter()
                .filter(|o| o.mobile_service.is_some())
                .collect();
            assert_eq!(mobile.len(), 18);
            for o in &mobile {
                let m = o.mobile_service_now().unwrap();
                assert_eq!(o.kind, OutletKind::Partner);
                assert!(m.covers(o.location, o.location), "{}", o.id);
            }
            let polygons = mobile
                .iter()
                .filter(|o| {
                    matches!(
                        o.mobile_service.as_ref().unwrap().area,
                        ServiceArea::Polygons(_)
                    )
                })
                .count();
            assert_eq!(polygons, 2);
            // Tian'anmen lies inside the polygon around Beijing
            let index = SpatialIndex::new(&d.outlets);
            let tiananmen = LatLng::new(39.9042, 116.4074).unwrap();
            let options = service_options(&d, &index, tiananmen);
            let after_sales = &options[3];
            assert_eq!(after_sales.service, Service::AfterSales);
            assert!(after_sales
                .mobile
                .iter()
                .any(|&i| id(&d, i) == "ptn-beijing-07"));
            assert!(options.iter().all(|o| o.nearest.is_some()));
        }

        /// A deterministic spread of outlets over eastern China, with
        /// statuses and services varying by position in the list.
        fn many() -> Dataset {
            let mut features = Vec::new();
            let mut seed: u64 = 20_261_126;
            let mut next = || {
                seed = seed
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (seed >> 11) as f64 / (1u64 << 53) as f64
            };
            let ids = [
                "sales",
                "test_drive",
                "delivery",
                "after_sales",
                "body_paint",
                "charging",
            ];
            for i in 0..400 {
                let lng = 113.0 + 9.0 * next();
                let lat = 22.0 + 18.0 * next();
                let services: Vec<&str> = ids.iter().copied().filter(|_| next() < 0.3).collect();
                let kind = if i % 3 == 0 { "ev_home" } else { "partner" };
                let mut f = feature(&format!("o-{i}"), kind, lng, lat, &services);
                if i % 7 == 0 {
                    f["properties"]["status"] = json!("coming_soon");
                }
                if i % 11 == 0 {
                    f["properties"]["mobile_service"] = json!({"services": ["after_sales", "charging"], "radius_km": 20.0 + 200.0 * next()});
                }
                features.push(f);
            }
            dataset(features)
        }

        #[test]
        fn equals_a_brute_force_scan() {
            let d = many();
            assert_eq!(d.outlets.len(), 400);
            let index = SpatialIndex::new(&d.outlets);
            for (lat, lng) in [
                (31.23, 121.47),
                (39.90, 116.40),
                (23.13, 113.26),
                (30.0, 120.0),
                (45.0, 126.0),
            ] {
                let origin = LatLng::new(lat, lng).unwrap();
                let options = service_options(&d, &index, origin);
                for option in &options {
                    let best = d
                        .outlets
                        .iter()
                        .filter(|o| {
                            o.status == OutletStatus::Open && o.services.contains(option.service)
                        })
                        .map(|o| origin.distance_m(o.location))
                        .min_by(f64::total_cmp);
                    assert_eq!(
                        option.nearest.map(|n| n.distance_m),
                        best,
                        "{:?}",
                        option.service
                    );
                    if let Some(n) = option.nearest {
                        assert!(d.outlets[n.index].services_now().contains(option.service));
                        assert_eq!(n.kind, d.outlets[n.index].kind);
                    }
                    let mut expected: Vec<(f64, usize)> = d
                        .outlets
                        .iter()
                        .enumerate()
                        .filter(|(_, o)| o.status == OutletStatus::Open)
                        .filter_map(|(i, o)| {
                            let m = o.mobile_service.as_ref()?;
                            let ServiceArea::Radius { radius_km } = m.area else {
                                return None;
                            };
                            let inside = origin.distance_m(o.location) <= radius_km * 1000.0;
                            (inside && m.services.contains(option.service))
                                .then(|| (origin.distance_m(o.location), i))
                        })
                        .collect();
                    expected.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                    let expected: Vec<usize> = expected.into_iter().map(|e| e.1).collect();
                    assert_eq!(option.mobile, expected, "{:?}", option.service);
                }
            }
        }
    }
}
