//! Synthetic datasets of any size, for tests and benchmarks.
//!
//! [`generate`] writes a dataset in the real format (version 1, one feature
//! per line like the sample) with outlets spread over the cities of mainland
//! China in proportion to their population (the table of `cities.rs`): big
//! cities get many outlets, small ones a few or none. Around its city's
//! centre an EV Home store sits within a few kilometres, a partner further
//! out, never more than 20 km. Kinds, services, hours, dealer groups,
//! coming-soon and relocated outlets, Spring Festival closures and mobile
//! service areas come in shares like the sample's.
//!
//! The output is a function of `count` and `seed` alone (a SplitMix64
//! generator; no clock, no environment), and it passes the dataset check
//! with no error and no warning; the tests check both.
//!
//! Everything in it is made up except the cities' names and centres.

use crate::cities::{cities, fold_latin, City};
use crate::dataset::{Dataset, DatasetError};
use crate::latlng::LatLng;
use crate::region::Region;
use serde::Serialize;
use std::collections::HashMap;

/// The brand of synthetic datasets, the sample's fictional one.
const BRAND: (&str, &str) = ("青云汽车", "Qingyun Motors");

/// The day synthetic datasets say they were checked.
const UPDATED: &str = "2026-11-20";

/// Generates a synthetic dataset of `count` outlets from `seed`, as the text
/// of a GeoJSON file.
///
/// # Examples
/// ```
/// use locator_core::{generate, validate};
/// let text = generate(50, 7);
/// assert_eq!(text, generate(50, 7)); // the seed decides everything
/// let report = validate(&text);
/// assert!(report.diagnostics.is_empty());
/// assert_eq!(report.dataset.unwrap().outlets.len(), 50);
/// ```
pub fn generate(count: usize, seed: u64) -> String {
    let mut text = Vec::with_capacity(count.saturating_mul(900).min(1 << 28));
    // Writing to a vector cannot fail, and the generator writes UTF-8.
    let _ = write_generated(count, seed, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Writes the dataset [`generate`] makes to `out`, one feature at a time, so
/// that a dataset of any size takes little memory (the generator keeps a
/// few facts per city, nothing per outlet). Errors are `out`'s.
pub fn write_generated(
    count: usize,
    seed: u64,
    out: &mut impl std::io::Write,
) -> std::io::Result<()> {
    Generator::new(seed).write(count, out)
}

/// Generates a synthetic dataset as [`generate`] does, and reads it.
///
/// The `Result` is there because this is [`Dataset::parse`]; for a
/// generated text it is always `Ok`, with nothing rejected.
pub fn generate_dataset(count: usize, seed: u64) -> Result<Dataset, DatasetError> {
    Dataset::parse(&generate(count, seed))
}

// ---- random numbers -------------------------------------------------------

/// SplitMix64: small, fast, and good enough to make up data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Whether an event of probability `p` happens.
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    /// One of `items`.
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Standard normal, by the Box–Muller transform.
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

// ---- made-up words ----------------------------------------------------------

/// Fictional dealer groups: (zh, en, zh short, en short).
const GROUPS: [(&str, &str, &str, &str); 8] = [
    ("远航汽车集团", "Yuanhang Auto Group", "远航", "Yuanhang"),
    ("华晟汽车服务", "Huasheng Auto Services", "华晟", "Huasheng"),
    ("北辰汽车集团", "Beichen Auto Group", "北辰", "Beichen"),
    ("蜀联汽车集团", "Shulian Auto Group", "蜀联", "Shulian"),
    ("长河汽车服务", "Changhe Auto Services", "长河", "Changhe"),
    ("松岭汽车集团", "Songling Auto Group", "松岭", "Songling"),
    ("驰远汽车集团", "Chiyuan Auto Group", "驰远", "Chiyuan"),
    ("海润汽车集团", "Hairun Auto Group", "海润", "Hairun"),
];

/// Road names: (zh, en).
const ROADS: [(&str, &str); 12] = [
    ("人民路", "Renmin Road"),
    ("建设路", "Jianshe Road"),
    ("解放路", "Jiefang Road"),
    ("中山路", "Zhongshan Road"),
    ("新华路", "Xinhua Road"),
    ("世纪大道", "Shiji Avenue"),
    ("长江路", "Changjiang Road"),
    ("科技大道", "Keji Avenue"),
    ("汽车城大道", "Qichecheng Avenue"),
    ("环城东路", "Huancheng East Road"),
    ("工业大道", "Gongye Avenue"),
    ("机场路", "Jichang Road"),
];

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// The Spring Festival of 2027, when some outlets close.
const SPRING_FESTIVAL: [&str; 3] = ["2027-02-05", "2027-02-06", "2027-02-07"];

// ---- the output's shape -----------------------------------------------------

#[derive(Serialize)]
struct Text<'a> {
    zh: &'a str,
    en: &'a str,
}

#[derive(Serialize)]
struct OwnedText {
    zh: String,
    en: String,
}

#[derive(Serialize)]
struct Feature<'a> {
    #[serde(rename = "type")]
    type_: &'static str,
    geometry: Point,
    properties: Properties<'a>,
}

#[derive(Serialize)]
struct Point {
    #[serde(rename = "type")]
    type_: &'static str,
    /// `[lng, lat]`, GeoJSON order.
    coordinates: [f64; 2],
}

#[derive(Serialize)]
struct Properties<'a> {
    id: String,
    kind: &'static str,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    relocated_to: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opening_date: Option<String>,
    name: OwnedText,
    address: OwnedText,
    city: Text<'a>,
    province: Text<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    phone: Option<String>,
    services: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    partner_group: Option<Text<'static>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hours: Option<Hours>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mobile_service: Option<Mobile>,
}

#[derive(Serialize)]
struct Hours {
    #[serde(flatten)]
    days: std::collections::BTreeMap<&'static str, Vec<String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    exceptions: Vec<Exception>,
}

#[derive(Serialize)]
struct Exception {
    date: &'static str,
    hours: Vec<String>,
    note: Text<'static>,
}

#[derive(Serialize)]
struct Mobile {
    services: [&'static str; 1],
    radius_km: u32,
}

// ---- the generator ----------------------------------------------------------

struct Generator {
    rng: Rng,
    /// Mainland cities and the running total of their populations.
    cities: Vec<&'static City>,
    cumulative: Vec<f64>,
    /// Outlets per (kind, city slug), for ids.
    numbers: HashMap<(bool, String), u32>,
    /// Per city, the id of the last open outlet made: where a relocated
    /// one moves to.
    last_open: HashMap<usize, String>,
}

impl Generator {
    fn new(seed: u64) -> Self {
        let cities: Vec<&'static City> = cities().iter().filter(|c| c.in_mainland()).collect();
        let mut total = 0.0;
        let cumulative = cities
            .iter()
            .map(|c| {
                total += f64::from(c.population);
                total
            })
            .collect();
        Generator {
            rng: Rng(seed),
            cities,
            cumulative,
            numbers: HashMap::new(),
            last_open: HashMap::new(),
        }
    }

    fn write(mut self, count: usize, out: &mut impl std::io::Write) -> std::io::Result<()> {
        out.write_all(b"{\n \"type\": \"FeatureCollection\",\n \"schema_version\": 1,\n")?;
        writeln!(
            out,
            " \"brand\": {{\"zh\": \"{}\", \"en\": \"{}\"}},",
            BRAND.0, BRAND.1
        )?;
        out.write_all(b" \"sample\": true,\n")?;
        writeln!(out, " \"updated\": \"{UPDATED}\",")?;
        out.write_all(b" \"time_zone\": \"Asia/Shanghai\",\n")?;
        out.write_all(" \"attribution\": \"Synthetic data: every outlet, name, address, dealer group and phone number is made up. City centres: GeoNames (www.geonames.org), CC BY 4.0.\",\n".as_bytes())?;
        out.write_all(b" \"features\": [")?;
        for i in 0..count {
            let feature = self.feature();
            out.write_all(if i == 0 { b"\n  " } else { b",\n  " })?;
            serde_json::to_writer(&mut *out, &feature).map_err(std::io::Error::other)?;
        }
        out.write_all(b"\n ]\n}\n")
    }

    fn city(&mut self) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let x = self.rng.unit() * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cities.len() - 1)
    }

    /// A position around the city's centre, `sigma_km` the spread, at most
    /// 20 km out and inside China; rounded to 5 decimals (about a metre).
    fn position(&mut self, city: &City, sigma_km: f64) -> LatLng {
        for _ in 0..20 {
            let north_km = (self.rng.normal() * sigma_km).clamp(-14.0, 14.0);
            let east_km = (self.rng.normal() * sigma_km).clamp(-14.0, 14.0);
            let lat = city.lat + north_km / 111.2;
            let lng = city.lng + east_km / (111.2 * city.lat.to_radians().cos());
            let p = LatLng {
                lat: (lat * 1e5).round() / 1e5,
                lng: (lng * 1e5).round() / 1e5,
            };
            if Region::China.contains(p) {
                return p;
            }
        }
        city.location()
    }

    fn feature(&mut self) -> Feature<'static> {
        let c = self.city();
        let city: &'static City = self.cities[c];
        let rng = &mut self.rng;
        let ev_share = match city.population {
            p if p >= 8_000_000 => 0.5,
            p if p >= 3_000_000 => 0.45,
            _ => 0.3,
        };
        let ev_home = rng.chance(ev_share);
        let slug = {
            let s = fold_latin(city.en);
            if s.is_empty() {
                format!("city{c}")
            } else {
                s
            }
        };
        let n = {
            let n = self.numbers.entry((ev_home, slug.clone())).or_insert(0);
            *n += 1;
            *n
        };
        let id = format!("{}-{slug}-{n:02}", if ev_home { "evh" } else { "ptn" });
        let location = self.position(city, if ev_home { 3.0 } else { 6.0 });
        let rng = &mut self.rng;
        let road = *rng.pick(&ROADS);
        let number = 1 + rng.below(1999);
        let group = (!ev_home).then(|| *rng.pick(&GROUPS));

        let (name, phone) = match group {
            None => (
                OwnedText {
                    zh: format!("青云汽车 EV Home {}{n}号店", city.zh),
                    en: format!("Qingyun EV Home {} {n}", city.en),
                },
                if rng.chance(0.2) {
                    "400 820 1234".to_string()
                } else {
                    format!("+86 400 8{:02} {:04}", rng.below(100), rng.below(10_000))
                },
            ),
            Some((_, _, gzh, gen)) => (
                OwnedText {
                    zh: format!("青云汽车授权服务中心（{}{gzh}{n}）", city.zh),
                    en: format!("Qingyun Authorized Partner – {gen} {} {n}", city.en),
                },
                format!(
                    "+86 13{} {:04} {:04}",
                    rng.below(10),
                    rng.below(10_000),
                    rng.below(10_000)
                ),
            ),
        };
        let address = OwnedText {
            zh: format!("{}市{}{number}号", city.zh, road.0),
            en: format!("{number} {}, {}", road.1, city.en),
        };
        let mut services = vec!["sales", "test_drive"];
        if ev_home {
            if rng.chance(0.35) {
                services.push("delivery");
            }
        } else {
            if rng.chance(0.85) {
                services.push("delivery");
            }
            services.push("after_sales");
            if rng.chance(0.7) {
                services.push("body_paint");
            }
        }
        if rng.chance(if ev_home { 0.3 } else { 0.6 }) {
            services.push("charging");
        }

        // Status: a few coming soon; now and then one relocated to an open
        // outlet of the same city made before.
        let mut status = "open";
        let mut relocated_to = None;
        let mut opening_date = None;
        let roll = rng.unit();
        if roll < 0.05 {
            status = "coming_soon";
            opening_date = Some(format!(
                "2027-{:02}-{:02}",
                3 + rng.below(3),
                1 + rng.below(28)
            ));
        } else if roll < 0.06 {
            if let Some(target) = self.last_open.get(&c) {
                status = "relocated";
                relocated_to = Some(target.clone());
            }
        }
        let rng = &mut self.rng;
        let hours = (status != "relocated").then(|| hours(rng, ev_home));
        let mobile_service = (!ev_home && status == "open" && rng.chance(0.1)).then(|| Mobile {
            services: ["after_sales"],
            radius_km: 20 + 5 * rng.below(7) as u32,
        });
        if status == "open" {
            self.last_open.insert(c, id.clone());
        }
        let (pzh, pen) = city.province();
        Feature {
            type_: "Feature",
            geometry: Point {
                type_: "Point",
                coordinates: [location.lng, location.lat],
            },
            properties: Properties {
                id,
                kind: if ev_home { "ev_home" } else { "partner" },
                status,
                relocated_to,
                opening_date,
                name,
                address,
                city: Text {
                    zh: city.zh,
                    en: city.en,
                },
                province: Text { zh: pzh, en: pen },
                phone: (status != "coming_soon" || rng.chance(0.5)).then_some(phone),
                services,
                partner_group: group.map(|(zh, en, _, _)| Text { zh, en }),
                hours,
                mobile_service,
            },
        }
    }
}

/// Weekly hours like the sample's, with the Spring Festival closed for some.
fn hours(rng: &mut Rng, ev_home: bool) -> Hours {
    let mut days = std::collections::BTreeMap::new();
    if ev_home {
        let weekday = if rng.chance(0.75) {
            "10:00-22:00"
        } else {
            "10:00-21:30"
        };
        for (i, day) in DAYS.iter().enumerate() {
            let range = if i < 5 { weekday } else { "10:00-22:00" };
            days.insert(*day, vec![range.to_string()]);
        }
    } else {
        let (open, close) = *rng.pick(&[("08:30", "18:30"), ("09:00", "18:00")]);
        for day in DAYS {
            days.insert(day, vec![format!("{open}-{close}")]);
        }
        if rng.chance(0.25) {
            days.insert(
                "sun",
                vec![format!("{open}-12:00"), format!("13:30-{close}")],
            );
        }
        if rng.chance(0.08) {
            days.insert(*rng.pick(&["mon", "tue", "wed"]), Vec::new());
        }
    }
    let exceptions = if rng.chance(if ev_home { 0.2 } else { 0.4 }) {
        SPRING_FESTIVAL
            .iter()
            .map(|date| Exception {
                date,
                hours: Vec::new(),
                note: Text {
                    zh: "春节休息",
                    en: "Closed for the Spring Festival",
                },
            })
            .collect()
    } else {
        Vec::new()
    };
    Hours { days, exceptions }
}

/// `count` buyer positions spread over eastern and central China (22–40° N,
/// 102–122° E, WGS-84), all different and the same on every call: origins
/// for timing nearest-outlet queries, natively (`core/benches/scale.rs`)
/// and in the browser (`bench_nearest` in the app).
///
/// ```
/// let origins = locator_core::spread_origins(64);
/// assert_eq!(origins.len(), 64);
/// assert!(origins.iter().all(|p| (22.0..40.0).contains(&p.lat) && (102.0..122.0).contains(&p.lng)));
/// assert_ne!(origins[0], origins[1]);
/// assert_eq!(origins, locator_core::spread_origins(64));
/// ```
pub fn spread_origins(count: usize) -> Vec<LatLng> {
    (0..count)
        .map(|i| LatLng {
            lat: 22.0 + (i as f64 * 0.37) % 18.0,
            lng: 102.0 + (i as f64 * 0.61) % 20.0,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outlet::{OutletKind, OutletStatus};
    use crate::validate::validate;
    use proptest::prelude::*;

    mod output {
        use super::*;

        #[test]
        fn the_seed_decides() {
            assert_eq!(generate(200, 1), generate(200, 1));
            assert_ne!(generate(200, 1), generate(200, 2));
        }

        #[test]
        fn empty_and_one() {
            let d = generate_dataset(0, 5).unwrap();
            assert!(d.outlets.is_empty() && d.rejected.is_empty());
            assert_eq!(generate_dataset(1, 5).unwrap().outlets.len(), 1);
        }

        #[test]
        fn one_feature_per_line() {
            let text = generate(30, 3);
            let lines = text.lines().filter(|l| l.contains("\"Feature\"")).count();
            assert_eq!(lines, 30);
        }
    }

    mod distribution {
        use super::*;

        /// 5,000 outlets: big cities lead, both kinds and every status
        /// appear, partners have groups, and no outlet is more than 20 km
        /// from its city's centre.
        #[test]
        fn looks_like_a_network() {
            let d = generate_dataset(5000, 11).unwrap();
            assert_eq!(d.outlets.len(), 5000);
            assert!(d.rejected.is_empty() && d.warnings.is_empty());
            let in_city = |zh: &str| {
                d.outlets
                    .iter()
                    .filter(|o| o.city.zh.as_deref() == Some(zh))
                    .count()
            };
            assert!(in_city("上海") > in_city("苏州"));
            assert!(in_city("上海") > 100, "{}", in_city("上海"));
            let cities: std::collections::HashSet<_> =
                d.outlets.iter().map(|o| o.city.zh.clone()).collect();
            assert!(cities.len() > 200, "{}", cities.len());
            let ev = d
                .outlets
                .iter()
                .filter(|o| o.kind == OutletKind::EvHome)
                .count();
            assert!((1000..2500).contains(&ev), "{ev}");
            for status in [
                OutletStatus::Open,
                OutletStatus::ComingSoon,
                OutletStatus::Relocated,
            ] {
                assert!(d.outlets.iter().any(|o| o.status == status), "{status:?}");
            }
            for o in &d.outlets {
                let Some(city) = crate::find_city(&o.city, Some(&o.province)) else {
                    panic!("{:?}", o.city)
                };
                assert!(
                    o.location.distance_m(city.location()) < 20_500.0,
                    "{}",
                    o.id
                );
                if o.kind == OutletKind::Partner {
                    assert!(o.partner_group.is_some());
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(40))]

        /// Whatever the seed and size, the check finds nothing at all.
        #[test]
        fn always_valid(count in 0usize..120, seed in any::<u64>()) {
            let report = validate(&generate(count, seed));
            let found: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
            prop_assert!(found.is_empty(), "{:?}", found);
            prop_assert_eq!(report.dataset.map(|d| d.outlets.len()), Some(count));
        }
    }
}
