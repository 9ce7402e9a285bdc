//! Marker clustering: building the index, and the query a pan or zoom makes,
//! for 300, 10,000 and 100,000 outlets spread like a real network (around
//! 60 Chinese cities, dense in the big ones).
//!
//! Prints figures; passes or fails on nothing.
//!
//! ```sh
//! cargo bench -p locator-core --bench cluster -- --warm-up-time 1 --measurement-time 3
//! ```

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use locator_core::{Bounds, ClusterIndex, ClusterInput, ClusterOptions, LatLng};
use std::hint::black_box;
use std::time::Duration;

/// City centres (latitude, longitude in degrees) and a relative weight:
/// how many outlets a city gets compared with the others.
const CITIES: [(f64, f64, f64); 60] = [
    (39.904, 116.407, 10.0), // Beijing
    (31.230, 121.474, 10.0), // Shanghai
    (23.129, 113.264, 8.0),  // Guangzhou
    (22.543, 114.058, 8.0),  // Shenzhen
    (30.573, 104.066, 6.0),  // Chengdu
    (29.563, 106.551, 6.0),  // Chongqing
    (30.274, 120.155, 6.0),  // Hangzhou
    (30.593, 114.305, 5.0),  // Wuhan
    (34.342, 108.940, 4.0),  // Xi'an
    (32.060, 118.797, 5.0),  // Nanjing
    (39.343, 117.362, 4.0),  // Tianjin
    (31.299, 120.585, 4.0),  // Suzhou
    (28.228, 112.939, 3.0),  // Changsha
    (34.747, 113.625, 3.0),  // Zhengzhou
    (23.021, 113.752, 3.0),  // Dongguan
    (36.067, 120.383, 3.0),  // Qingdao
    (41.806, 123.432, 3.0),  // Shenyang
    (29.868, 121.544, 3.0),  // Ningbo
    (25.038, 102.718, 2.0),  // Kunming
    (31.821, 117.227, 3.0),  // Hefei
    (23.022, 113.122, 3.0),  // Foshan
    (26.074, 119.296, 2.0),  // Fuzhou
    (24.480, 118.089, 2.0),  // Xiamen
    (36.651, 117.120, 2.0),  // Jinan
    (45.803, 126.535, 2.0),  // Harbin
    (43.817, 125.324, 2.0),  // Changchun
    (38.914, 121.615, 2.0),  // Dalian
    (22.817, 108.367, 2.0),  // Nanning
    (26.647, 106.630, 2.0),  // Guiyang
    (28.682, 115.858, 2.0),  // Nanchang
    (38.042, 114.515, 2.0),  // Shijiazhuang
    (37.871, 112.549, 1.5),  // Taiyuan
    (40.842, 111.750, 1.0),  // Hohhot
    (36.061, 103.834, 1.0),  // Lanzhou
    (36.617, 101.778, 0.5),  // Xining
    (38.487, 106.231, 0.5),  // Yinchuan
    (43.825, 87.617, 1.0),   // Ürümqi
    (29.650, 91.140, 0.3),   // Lhasa
    (20.044, 110.199, 1.0),  // Haikou
    (18.253, 109.512, 0.7),  // Sanya
    (31.491, 120.312, 2.0),  // Wuxi
    (31.811, 119.974, 1.5),  // Changzhou
    (27.994, 120.699, 1.5),  // Wenzhou
    (30.000, 120.580, 1.0),  // Shaoxing
    (30.746, 120.756, 1.0),  // Jiaxing
    (29.079, 119.647, 1.0),  // Jinhua
    (28.656, 121.421, 1.0),  // Taizhou (Zhejiang)
    (37.464, 121.448, 1.0),  // Yantai
    (36.707, 119.162, 1.0),  // Weifang
    (34.205, 117.285, 1.0),  // Xuzhou
    (31.980, 120.894, 1.0),  // Nantong
    (24.874, 118.676, 1.0),  // Quanzhou
    (23.112, 114.416, 1.0),  // Huizhou
    (22.271, 113.577, 1.0),  // Zhuhai
    (22.517, 113.392, 1.0),  // Zhongshan
    (34.620, 112.454, 1.0),  // Luoyang
    (40.657, 109.840, 0.5),  // Baotou
    (39.631, 118.180, 1.0),  // Tangshan
    (38.874, 115.465, 1.0),  // Baoding
    (24.326, 109.429, 0.7),  // Liuzhou
];

/// SplitMix64: a small seeded generator, so every run sees the same points.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Standard normal, by the Box–Muller transform.
    fn normal(&mut self) -> f64 {
        let u = 1.0 - self.unit(); // (0, 1]
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }
}

/// `n` outlets: each picks a city by weight and lies around its centre
/// with a spread of about 8 km (a tenth reach into the suburbs, about
/// 30 km); two in five are EV Home stores. About 1 in 50 shares the exact
/// position of the previous outlet (one mall, two outlets).
fn outlets(n: usize) -> Vec<ClusterInput> {
    let mut rng = Rng(0x5eed_c1a5_7e12);
    let total: f64 = CITIES.iter().map(|c| c.2).sum();
    let mut points: Vec<ClusterInput> = Vec::with_capacity(n);
    for i in 0..n {
        let mut pick = rng.unit() * total;
        let &(lat, lng, _) = CITIES
            .iter()
            .find(|c| {
                pick -= c.2;
                pick < 0.0
            })
            .unwrap_or(&CITIES[0]);
        let spread_deg = if rng.unit() < 0.1 { 0.3 } else { 0.08 };
        let position = match points.last() {
            Some(prev) if rng.unit() < 0.02 => prev.position,
            _ => LatLng {
                lat: lat + rng.normal() * spread_deg,
                lng: lng + rng.normal() * spread_deg / lat.to_radians().cos(),
            },
        };
        points.push(ClusterInput {
            position,
            id: i as u32,
            category: u8::from(rng.unit() >= 0.4),
        });
    }
    points
}

/// The part of the map a 1280 × 800 pixel viewport shows around `centre` at
/// `zoom`, on 256-pixel tiles.
fn viewport(centre: LatLng, zoom: f64) -> Bounds {
    let world_px = 256.0 * zoom.exp2();
    let x = (centre.lng + 180.0) / 360.0 * world_px;
    let sin = centre.lat.to_radians().sin();
    let y = (0.5 - ((1.0 + sin) / (1.0 - sin)).ln() / (4.0 * std::f64::consts::PI)) * world_px;
    let lng = |x: f64| x / world_px * 360.0 - 180.0;
    let lat = |y: f64| {
        (std::f64::consts::PI * (1.0 - 2.0 * y / world_px))
            .sinh()
            .atan()
            .to_degrees()
    };
    Bounds {
        west: lng(x - 640.0),
        east: lng(x + 640.0),
        north: lat(y - 400.0),
        south: lat(y + 400.0),
    }
}

const SIZES: [usize; 3] = [300, 10_000, 100_000];

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("cluster_build");
    group.sample_size(10);
    for n in SIZES {
        let points = outlets(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &points, |b, points| {
            b.iter(|| {
                ClusterIndex::<2>::new(black_box(points).iter().copied(), ClusterOptions::default())
            })
        });
    }
    group.finish();
}

fn query(c: &mut Criterion) {
    let views = [
        (
            "city_z11",
            LatLng {
                lat: 31.230,
                lng: 121.474,
            },
            11.0,
        ),
        (
            "country_z4",
            LatLng {
                lat: 35.0,
                lng: 105.0,
            },
            4.0,
        ),
    ];
    for (name, centre, zoom) in views {
        let mut group = c.benchmark_group(format!("cluster_query_{name}"));
        let bounds = viewport(centre, zoom);
        for n in SIZES {
            let Ok(index) = ClusterIndex::<2>::new(outlets(n), ClusterOptions::default()) else {
                panic!("the synthetic outlets are valid");
            };
            let markers = index.clusters(bounds, zoom);
            let points: u32 = markers.iter().map(|m| m.count()).sum();
            println!(
                "{name}, {n} outlets: {} markers for {points} outlets",
                markers.len()
            );
            group.bench_with_input(BenchmarkId::from_parameter(n), &index, |b, index| {
                b.iter(|| index.clusters(black_box(bounds), black_box(zoom)))
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = build, query
}
criterion_main!(benches);
