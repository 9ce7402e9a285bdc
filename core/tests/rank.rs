//! Ranking checked against a brute-force scan of random datasets.

use locator_core::{
    rank, Dataset, Filters, LatLng, OutletKind, ParseOptions, Region, Service, ServiceSet,
};
use proptest::prelude::*;
use serde_json::json;

/// A dataset of outlets at the given positions, with kinds and services
/// drawn from `flags`.
fn dataset(points: &[(f64, f64, u8)]) -> Dataset {
    let features: Vec<_> = points
        .iter()
        .enumerate()
        .map(|(i, &(lat, lng, flags))| {
            let services: Vec<&str> = Service::ALL
                .iter()
                .filter(|s| flags & (1 << **s as u8) != 0)
                .map(|s| s.id())
                .collect();
            let status = if flags & 0x80 != 0 {
                "coming_soon"
            } else {
                "open"
            };
            json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lng, lat]},
                "properties": {
                    "id": format!("o{i}"),
                    "kind": if flags & 0x40 != 0 { "partner" } else { "ev_home" },
                    "status": status,
                    "name": {"en": format!("Outlet {i}")},
                    "address": {"en": "x"}, "city": {"en": "x"}, "province": {"en": "x"},
                    "services": services
                }
            })
        })
        .collect();
    let v = json!({
        "type": "FeatureCollection", "schema_version": 1, "brand": {"en": "B"},
        "updated": "2026-11-20", "time_zone": "Asia/Shanghai", "features": features
    });
    // Positions anywhere on earth, to test the index near the poles and the
    // antimeridian too.
    let options = ParseOptions {
        region: Region::Anywhere,
    };
    Dataset::parse_with(&v.to_string(), options).unwrap()
}

fn filters(kind: u8, services: u8) -> Filters {
    Filters {
        kind: match kind % 3 {
            0 => None,
            1 => Some(OutletKind::EvHome),
            _ => Some(OutletKind::Partner),
        },
        services: Service::ALL
            .iter()
            .copied()
            .filter(|s| services & (1 << *s as u8) != 0)
            .collect::<ServiceSet>(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Same outlets as a brute-force scan, in the same distance order.
    #[test]
    fn nearest_first_matches_brute_force(
        points in prop::collection::vec((-60.0f64..60.0, -180.0f64..180.0, any::<u8>()), 0..120),
        origin in (-89.0f64..89.0, -180.0f64..180.0),
        kind in 0u8..3,
        services in 0u8..64,
    ) {
        let data = dataset(&points);
        let origin = LatLng::new(origin.0, origin.1).unwrap();
        let f = filters(kind, services);
        let ranked = rank(&data, &f, Some(origin));

        let mut brute: Vec<(f64, usize)> = data.outlets.iter().enumerate()
            .filter(|(_, o)| f.matches(o))
            .map(|(i, o)| (origin.distance_m(o.location), i))
            .collect();
        // Equal distances in dataset order.
        brute.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));

        let got: Vec<(f64, usize)> = ranked.iter().map(|r| (r.distance_m.unwrap(), r.index)).collect();
        prop_assert_eq!(got, brute);
    }

    /// Without an origin, every outlet passing the filters, in default order.
    #[test]
    fn without_origin_keeps_default_order(
        points in prop::collection::vec((-60.0f64..60.0, -180.0f64..180.0, any::<u8>()), 0..60),
        kind in 0u8..3,
        services in 0u8..64,
    ) {
        let data = dataset(&points);
        let f = filters(kind, services);
        let ranked = rank(&data, &f, None);
        let want: Vec<usize> = data.default_order().iter().copied().filter(|&i| f.matches(&data.outlets[i])).collect();
        prop_assert_eq!(ranked.iter().map(|r| r.index).collect::<Vec<_>>(), want);
        prop_assert!(ranked.iter().all(|r| r.distance_m.is_none()));
    }
}

#[test]
fn outlets_at_one_address_come_in_dataset_order() {
    let data = dataset(&[
        (31.2, 121.5, 0),
        (31.3, 121.5, 0),
        (31.2, 121.5, 0),
        (31.0, 121.5, 0),
        (31.2, 121.5, 0),
    ]);
    let origin = LatLng::new(31.21, 121.5).unwrap();
    let order: Vec<usize> = rank(&data, &Filters::default(), Some(origin))
        .iter()
        .map(|r| r.index)
        .collect();
    assert_eq!(order, [0, 2, 4, 1, 3]);
}

#[test]
fn service_filters_skip_outlets_not_open() {
    // flags: bit 1 = test_drive; 0x80 = coming soon.
    let data = dataset(&[(31.0, 121.0, 0b10), (31.1, 121.1, 0b10 | 0x80)]);
    let f = filters(0, 0b10);
    let ranked = rank(&data, &f, None);
    assert_eq!(ranked.len(), 1);
    assert_eq!(data.outlets[ranked[0].index].id, "o0");
    // With no service filter, the coming-soon outlet is listed.
    assert_eq!(rank(&data, &Filters::default(), None).len(), 2);
}
