//! The static location directory: where each page of the network goes
//! (`outlets/<province>/<city>/<outlet>/`, each also under `en/`), what
//! schema.org markup an outlet page carries, and the sitemap. Pure logic:
//! the pages themselves are rendered by the app's components
//! (`src/pages/`) and written by the `evl-site` tool.
//!
//! Paths are relative to the site's root (the folder of `index.html`) and
//! end with `/`; a page is the `index.html` in that folder.

use crate::booking::{Bookable, BookingLink, BookingTarget};
use crate::date::Date;
use crate::hours::{format_time_of_day, Day, WeeklyHours};
use crate::i18n::Lang;
use crate::outlet::{Outlet, OutletKind, OutletStatus};
use crate::service::Service;
use crate::text::LocalText;
use serde_json::{json, Value};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

/// The folder of the directory under the site's root.
pub const DIRECTORY: &str = "outlets";

/// A stable, readable path segment: lower-case ASCII letters and digits,
/// other runs of characters as one `-`. Empty when nothing is left.
///
/// ```
/// use locator_core::slug;
/// assert_eq!(slug("evh-Shanghai_02"), "evh-shanghai-02");
/// assert_eq!(slug("Inner Mongolia"), "inner-mongolia");
/// assert_eq!(slug("北京"), "");
/// ```
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A segment for an area: its English name's slug, else one made from the
/// Chinese name's code points (stable, ASCII).
fn area_slug(name: &LocalText) -> String {
    let s = slug(name.get(Lang::En));
    if !s.is_empty() {
        return s;
    }
    let code: String = name
        .get(Lang::Zh)
        .chars()
        .take(6)
        .map(|c| format!("{:x}", c as u32))
        .collect::<Vec<_>>()
        .join("-");
    if code.is_empty() {
        "area".to_string()
    } else {
        format!("a-{code}")
    }
}

/// Makes `base` unique among `taken` by adding `-2`, `-3`...
fn unique(base: String, taken: &mut HashSet<String>) -> String {
    let mut s = base.clone();
    let mut n = 2;
    while !taken.insert(s.clone()) {
        s = format!("{base}-{n}");
        n += 1;
    }
    s
}

/// A city of the directory.
#[derive(Debug, Clone)]
pub struct CityEntry {
    /// Its name.
    pub name: Arc<LocalText>,
    /// Its path segment, unique within its province.
    pub slug: String,
    /// Its outlets' positions in the dataset, in dataset order.
    pub outlets: Vec<usize>,
}

/// A province of the directory.
#[derive(Debug, Clone)]
pub struct ProvinceEntry {
    /// Its name.
    pub name: Arc<LocalText>,
    /// Its path segment, unique in the directory.
    pub slug: String,
    /// Its cities, by first appearance in the dataset.
    pub cities: Vec<CityEntry>,
}

/// The network by province and city, with every page's path.
#[derive(Debug, Clone)]
pub struct Directory {
    /// The provinces, by first appearance in the dataset.
    pub provinces: Vec<ProvinceEntry>,
    /// For each outlet: its province, its city within it, and its segment.
    place: Vec<(usize, usize, String)>,
}

impl Directory {
    /// Sorts `outlets` into provinces and cities (by their Chinese names)
    /// and gives each outlet a segment from its id, unique within its city.
    pub fn new(outlets: &[Outlet]) -> Directory {
        let mut provinces: Vec<ProvinceEntry> = Vec::new();
        let mut by_province: HashMap<String, usize> = HashMap::new();
        let mut by_city: HashMap<(usize, String), usize> = HashMap::new();
        let mut province_slugs = HashSet::new();
        let mut city_slugs: Vec<HashSet<String>> = Vec::new();
        let mut outlet_slugs: BTreeMap<(usize, usize), HashSet<String>> = BTreeMap::new();
        let mut place = Vec::with_capacity(outlets.len());
        for (i, o) in outlets.iter().enumerate() {
            let pkey = o.province.get(Lang::Zh).to_string();
            let p = *by_province.entry(pkey).or_insert_with(|| {
                provinces.push(ProvinceEntry {
                    name: o.province.clone(),
                    slug: unique(area_slug(&o.province), &mut province_slugs),
                    cities: Vec::new(),
                });
                city_slugs.push(HashSet::new());
                provinces.len() - 1
            });
            let ckey = (p, o.city.get(Lang::Zh).to_string());
            let c = *by_city.entry(ckey).or_insert_with(|| {
                let cities = &mut provinces[p].cities;
                cities.push(CityEntry {
                    name: o.city.clone(),
                    slug: unique(area_slug(&o.city), &mut city_slugs[p]),
                    outlets: Vec::new(),
                });
                cities.len() - 1
            });
            provinces[p].cities[c].outlets.push(i);
            let base = match slug(&o.id) {
                s if s.is_empty() => "outlet".to_string(),
                s => s,
            };
            let s = unique(base, outlet_slugs.entry((p, c)).or_default());
            place.push((p, c, s));
        }
        Directory { provinces, place }
    }

    /// The directory's own page.
    pub fn root_path(&self) -> String {
        format!("{DIRECTORY}/")
    }

    /// A province's page.
    pub fn province_path(&self, p: usize) -> String {
        format!("{DIRECTORY}/{}/", self.provinces[p].slug)
    }

    /// A city's page.
    pub fn city_path(&self, p: usize, c: usize) -> String {
        format!(
            "{DIRECTORY}/{}/{}/",
            self.provinces[p].slug, self.provinces[p].cities[c].slug
        )
    }

    /// The page of the outlet at `index` in the dataset.
    pub fn outlet_path(&self, index: usize) -> String {
        let (p, c, s) = &self.place[index];
        format!("{}{s}/", self.city_path(*p, *c))
    }

    /// The province and city (within it) of the outlet at `index`.
    pub fn place_of(&self, index: usize) -> (usize, usize) {
        let (p, c, _) = &self.place[index];
        (*p, *c)
    }

    /// Every page's path, the directory's first, then each province's
    /// followed by its cities and their outlets.
    pub fn all_paths(&self) -> Vec<String> {
        let mut out = vec![self.root_path()];
        for (p, province) in self.provinces.iter().enumerate() {
            out.push(self.province_path(p));
            for (c, city) in province.cities.iter().enumerate() {
                out.push(self.city_path(p, c));
                out.extend(city.outlets.iter().map(|&i| self.outlet_path(i)));
            }
        }
        out
    }
}

/// Where a page of the site is for `lang`: Chinese at the root, English
/// under `en/`.
pub fn lang_path(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => path.to_string(),
        Lang::En => format!("en/{path}"),
    }
}

/// The way from the folder of the page at `from` back to the site's root:
/// `../` per segment (`""` at the root).
pub fn to_root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// `text` safe inside an HTML `<script>` element: `<`, `>` and `&` as JSON
/// escapes, so a name holding `</script>` cannot end the block; U+2028 and
/// U+2029 escaped too.
///
/// ```
/// use locator_core::script_safe_json;
/// let v = serde_json::json!({"name": "</script><b>"});
/// assert!(!script_safe_json(&v).contains("</"));
/// ```
pub fn script_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The locator's query that opens `id` in `lang`: `?outlet=ID` (and
/// `&lang=en`), percent-encoded.
///
/// ```
/// use locator_core::{locator_query, Lang};
/// assert_eq!(locator_query("evh-1", Lang::Zh), "?outlet=evh-1");
/// assert_eq!(locator_query("a b&c", Lang::En), "?outlet=a%20b%26c&lang=en");
/// ```
pub fn locator_query(id: &str, lang: Lang) -> String {
    let query = crate::Query {
        selected: Some(id.to_string()),
        lang: (lang == Lang::En).then_some(Lang::En),
        ..Default::default()
    };
    let pairs: Vec<String> = query
        .to_pairs()
        .into_iter()
        .map(|(k, v)| format!("{k}={}", crate::directions::percent_encode(&v)))
        .collect();
    format!("?{}", pairs.join("&"))
}

/// schema.org's name of a weekday.
fn schema_day(d: Day) -> &'static str {
    match d {
        Day::Mon => "https://schema.org/Monday",
        Day::Tue => "https://schema.org/Tuesday",
        Day::Wed => "https://schema.org/Wednesday",
        Day::Thu => "https://schema.org/Thursday",
        Day::Fri => "https://schema.org/Friday",
        Day::Sat => "https://schema.org/Saturday",
        Day::Sun => "https://schema.org/Sunday",
    }
}

/// `openingHoursSpecification`: one entry per weekday range, then the dated
/// exceptions (a closed day as 00:00–00:00, as schema.org has it).
pub fn opening_hours_spec(hours: &WeeklyHours) -> Vec<Value> {
    let mut out = Vec::new();
    for d in Day::ALL {
        for r in hours.day(d) {
            out.push(json!({
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": schema_day(d),
                "opens": format_time_of_day(r.start_min),
                "closes": format_time_of_day(r.end_min),
            }));
        }
    }
    for e in &hours.exceptions {
        let date = e.date.to_string();
        let ranges: Vec<(String, String)> = if e.hours.is_empty() {
            vec![("00:00".into(), "00:00".into())]
        } else {
            e.hours
                .iter()
                .map(|r| {
                    (
                        format_time_of_day(r.start_min),
                        format_time_of_day(r.end_min),
                    )
                })
                .collect()
        };
        for (opens, closes) in ranges {
            out.push(json!({
                "@type": "OpeningHoursSpecification",
                "validFrom": date,
                "validThrough": date,
                "opens": opens,
                "closes": closes,
            }));
        }
    }
    out
}

/// What an outlet page's JSON-LD says besides the outlet itself.
#[derive(Debug, Clone)]
pub struct PageFacts<'a> {
    /// The brand.
    pub brand: &'a LocalText,
    /// The page's own address (absolute when the site's base URL is known).
    pub url: &'a str,
    /// The address of the page of the outlet this one moved to.
    pub moved_to_url: Option<&'a str>,
    /// The page's language.
    pub lang: Lang,
    /// The outlet's calls to action ([`booking_links`](crate::booking_links)):
    /// its booking pages become `ReserveAction`s.
    pub booking: &'a [BookingLink],
}

/// The schema.org description of `outlet` (JSON-LD): an `AutoDealer` where
/// it sells (else `AutoRepair`, `AutoBodyShop` or `LocalBusiness`), with
/// its services' departments, its address (Chinese), WGS-84 position, phone,
/// hours with their dated exceptions, the brand, and a partner's dealer
/// group, and a `ReserveAction` per booking page. A coming-soon outlet is
/// described as not open yet; a relocated one points to its new page.
pub fn outlet_json_ld(outlet: &Outlet, facts: &PageFacts) -> Value {
    let lang = facts.lang;
    let has = |s| outlet.services.contains(s);
    let kind = if has(Service::Sales) || has(Service::TestDrive) || has(Service::Delivery) {
        "AutoDealer"
    } else if has(Service::AfterSales) {
        "AutoRepair"
    } else if has(Service::BodyPaint) {
        "AutoBodyShop"
    } else {
        "LocalBusiness"
    };
    let brand = json!({"@type": "Brand", "name": facts.brand.get(lang)});
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": kind,
        "@id": format!("{}#outlet", facts.url),
        "name": outlet.name.get(lang),
        "url": facts.url,
        "brand": brand,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": outlet.address.get(Lang::Zh),
            "addressLocality": outlet.city.get(Lang::Zh),
            "addressRegion": outlet.province.get(Lang::Zh),
            "addressCountry": "CN",
        },
        "geo": {
            "@type": "GeoCoordinates",
            "latitude": outlet.location.lat,
            "longitude": outlet.location.lng,
        },
    });
    let o = v.as_object_mut().expect("an object");
    match (outlet.kind, &outlet.partner_group) {
        (OutletKind::Partner, Some(group)) => {
            o.insert(
                "parentOrganization".into(),
                json!({"@type": "Organization", "name": group.get(lang)}),
            );
        }
        _ => {
            o.insert(
                "parentOrganization".into(),
                json!({"@type": "Organization", "name": facts.brand.get(lang)}),
            );
        }
    }
    if let Some(phone) = &outlet.phone {
        o.insert("telephone".into(), json!(phone));
    }
    let departments: Vec<Value> = [
        (Service::AfterSales, "AutoRepair"),
        (Service::BodyPaint, "AutoBodyShop"),
    ]
    .into_iter()
    .filter(|(s, t)| has(*s) && *t != kind)
    .map(|(_, t)| json!({"@type": t, "name": outlet.name.get(lang)}))
    .collect();
    if !departments.is_empty() {
        o.insert("department".into(), Value::Array(departments));
    }
    let reserve: Vec<Value> = facts
        .booking
        .iter()
        .filter_map(|l| match (&l.target, l.what) {
            (BookingTarget::Link(url), Bookable::Service(_)) => Some(json!({
                "@type": "ReserveAction",
                "name": l.what.action(lang),
                "target": {"@type": "EntryPoint", "urlTemplate": url},
            })),
            _ => None,
        })
        .collect();
    if !reserve.is_empty() {
        o.insert("potentialAction".into(), Value::Array(reserve));
    }
    match outlet.status {
        OutletStatus::Open => {
            if let Some(h) = &outlet.hours {
                o.insert(
                    "openingHoursSpecification".into(),
                    Value::Array(opening_hours_spec(h)),
                );
            }
        }
        OutletStatus::ComingSoon => {
            let when = outlet
                .opening_date
                .map(|d| match lang {
                    Lang::Zh => format!("即将开业（预计 {d}）"),
                    Lang::En => format!("Coming soon (expected {d})"),
                })
                .unwrap_or_else(|| match lang {
                    Lang::Zh => "即将开业".into(),
                    Lang::En => "Coming soon".into(),
                });
            o.insert("description".into(), json!(when));
            if let Some(d) = outlet.opening_date {
                o.insert("foundingDate".into(), json!(d.to_string()));
            }
        }
        OutletStatus::Relocated => {
            o.insert(
                "description".into(),
                json!(match lang {
                    Lang::Zh => "已迁址",
                    Lang::En => "Relocated",
                }),
            );
            if let Some(to) = facts.moved_to_url {
                o.insert("sameAs".into(), json!(to));
            }
        }
    }
    v
}

/// One page of the sitemap and its other language's address.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    /// The page's address.
    pub loc: String,
    /// Its language.
    pub lang: Lang,
    /// The same page in the other language.
    pub alternate: String,
}

/// Text safe in XML and HTML character data and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// `sitemap.xml`: every entry with its `lastmod` (the dataset's update
/// date) and its `hreflang` alternates.
pub fn sitemap_xml(entries: &[SitemapEntry], lastmod: Date) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for e in entries {
        let (this, other) = match e.lang {
            Lang::Zh => ("zh-CN", "en"),
            Lang::En => ("en", "zh-CN"),
        };
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{lastmod}</lastmod><xhtml:link rel=\"alternate\" hreflang=\"{this}\" href=\"{}\"/><xhtml:link rel=\"alternate\" hreflang=\"{other}\" href=\"{}\"/></url>\n",
            xml_escape(&e.loc),
            xml_escape(&e.loc),
            xml_escape(&e.alternate)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything may be crawled, the studio excepted, and the
/// sitemap is named (absolute when `base_url` is known, as the format
/// requires; otherwise left out).
pub fn robots_txt(base_url: Option<&str>) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\nDisallow: /studio/\n");
    if let Some(base) = base_url {
        out.push_str(&format!("\nSitemap: {}sitemap.xml\n", with_slash(base)));
    }
    out
}

/// `url` ending with `/`.
pub fn with_slash(url: &str) -> String {
    if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    }
}

/// A rectangle of the map drawn on a static page and its projection into
/// an SVG of `width` × `height` user units (equirectangular, longitude
/// scaled by the cosine of the middle latitude).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapFrame {
    /// Southern edge, degrees (WGS-84).
    pub south: f64,
    /// Western edge, degrees.
    pub west: f64,
    /// Northern edge, degrees.
    pub north: f64,
    /// Eastern edge, degrees.
    pub east: f64,
    /// Width of the drawing in SVG units.
    pub width: f64,
    /// Height of the drawing in SVG units.
    pub height: f64,
}

impl MapFrame {
    /// A frame `width` units wide around `points` (degrees), with a margin,
    /// never narrower than `min_span_deg` of latitude.
    pub fn around(points: &[crate::LatLng], width: f64, min_span_deg: f64) -> MapFrame {
        let (s, w, n, e) = if points.is_empty() {
            (35.0, 104.0, 35.0, 104.0)
        } else {
            Bounds::of(points.iter().map(|p| [p.lng, p.lat])).0
        };
        let mid = (s + n) / 2.0;
        let k = mid.to_radians().cos().max(0.2);
        let lat_span = ((n - s) * 1.3).max(min_span_deg);
        let lng_span = ((e - w) * 1.3).max(lat_span * 1.5 / k);
        let lat_span = lat_span.max(lng_span * k / 1.5);
        let (cy, cx) = (mid, (w + e) / 2.0);
        MapFrame {
            south: cy - lat_span / 2.0,
            north: cy + lat_span / 2.0,
            west: cx - lng_span / 2.0,
            east: cx + lng_span / 2.0,
            width,
            height: (width / 1.5).round(),
        }
    }

    /// Where a position falls in the drawing, in SVG units.
    pub fn project(&self, p: crate::LatLng) -> (f64, f64) {
        let x = (p.lng - self.west) / (self.east - self.west) * self.width;
        let y = (self.north - p.lat) / (self.north - self.south) * self.height;
        (x, y)
    }

    /// Whether a box meets the frame.
    fn meets(&self, b: &Bounds) -> bool {
        let (south, west, north, east) = b.0;
        south <= self.north && north >= self.south && west <= self.east && east >= self.west
    }
}

/// A box in degrees: south, west, north, east.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bounds((f64, f64, f64, f64));

impl Bounds {
    /// The box of `[lng, lat]` points (an empty one for none).
    fn of(points: impl Iterator<Item = [f64; 2]>) -> Bounds {
        let mut b = (90.0f64, 180.0f64, -90.0f64, -180.0f64);
        for [lng, lat] in points {
            b = (b.0.min(lat), b.1.min(lng), b.2.max(lat), b.3.max(lng));
        }
        Bounds(b)
    }
}

/// One polygon ring of the base map, `[lng, lat]` pairs (degrees), and its
/// box, worked out once when the map is read.
type Ring = (Vec<[f64; 2]>, Bounds);

/// The base map's areas: `(role, rings)`, role `land` or `province`.
#[derive(Debug, Clone, Default)]
pub struct StaticBaseMap {
    areas: Vec<(String, Vec<Ring>)>,
}

impl StaticBaseMap {
    /// Reads `data/basemap.geojson` (Polygon and MultiPolygon features with
    /// a `role`). Features it cannot read are skipped.
    pub fn parse(text: &str) -> Result<StaticBaseMap, serde_json::Error> {
        let v: Value = serde_json::from_str(text)?;
        let mut areas = Vec::new();
        for f in v["features"].as_array().into_iter().flatten() {
            let role = f["properties"]["role"]
                .as_str()
                .unwrap_or("land")
                .to_string();
            let g = &f["geometry"];
            let polygons: Vec<&Value> = match g["type"].as_str() {
                Some("Polygon") => vec![&g["coordinates"]],
                Some("MultiPolygon") => g["coordinates"].as_array().into_iter().flatten().collect(),
                _ => continue,
            };
            let mut rings = Vec::new();
            for poly in polygons {
                for ring in poly.as_array().into_iter().flatten() {
                    let pts: Vec<[f64; 2]> = ring
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|p| Some([p[0].as_f64()?, p[1].as_f64()?]))
                        .collect();
                    if pts.len() >= 3 {
                        let bounds = Bounds::of(pts.iter().copied());
                        rings.push((pts, bounds));
                    }
                }
            }
            areas.push((role, rings));
        }
        Ok(StaticBaseMap { areas })
    }

    /// The base map inside `frame` as an SVG document: land, then province
    /// outlines, one path per area (coordinates rounded to the unit, points
    /// closer than a unit to the last left out), a sea-coloured background.
    /// No script, no external reference.
    pub fn svg(&self, frame: &MapFrame) -> String {
        let mut out = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#dfe9f2\"/>",
            w = frame.width,
            h = frame.height
        );
        for (role, rings) in &self.areas {
            let mut d = String::new();
            for (ring, bounds) in rings {
                if !frame.meets(bounds) {
                    continue;
                }
                // Points less than a unit from the last one drawn add
                // nothing at this scale: left out.
                let mut last: Option<(f64, f64)> = None;
                for [lng, lat] in ring {
                    let (x, y) = frame.project(crate::LatLng {
                        lat: *lat,
                        lng: *lng,
                    });
                    if last.is_some_and(|(lx, ly)| (x - lx).abs() < 1.0 && (y - ly).abs() < 1.0) {
                        continue;
                    }
                    let step = if last.is_none() { "M" } else { "L" };
                    d.push_str(&format!("{step}{x:.0} {y:.0}"));
                    last = Some((x, y));
                }
                d.push('Z');
            }
            if d.is_empty() {
                continue;
            }
            let style = if role == "province" {
                "fill=\"#f4f1ea\" stroke=\"#b9b2a3\" stroke-width=\"1\""
            } else {
                "fill=\"#ecebe6\" stroke=\"#cfcabd\" stroke-width=\"0.5\""
            };
            out.push_str(&format!("<path {style} d=\"{d}\"/>"));
        }
        out.push_str("</svg>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Dataset;

    fn sample() -> Dataset {
        Dataset::parse(&crate::generate(300, 7)).unwrap()
    }

    #[test]
    fn every_outlet_has_one_page_and_every_path_is_distinct() {
        let d = sample();
        let dir = Directory::new(&d.outlets);
        let paths = dir.all_paths();
        let distinct: HashSet<_> = paths.iter().collect();
        assert_eq!(distinct.len(), paths.len());
        let outlets = d.outlets.len();
        let areas =
            dir.provinces.len() + dir.provinces.iter().map(|p| p.cities.len()).sum::<usize>();
        assert_eq!(paths.len(), 1 + areas + outlets);
        for (i, o) in d.outlets.iter().enumerate() {
            let path = dir.outlet_path(i);
            assert!(path.starts_with("outlets/") && path.ends_with('/'));
            assert!(
                path.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'-'
                    || b == b'/'),
                "{path}"
            );
            let (p, c) = dir.place_of(i);
            assert_eq!(
                dir.provinces[p].name.get(Lang::Zh),
                o.province.get(Lang::Zh)
            );
            assert_eq!(
                dir.provinces[p].cities[c].name.get(Lang::Zh),
                o.city.get(Lang::Zh)
            );
        }
    }

    #[test]
    fn same_slugs_are_told_apart() {
        let mut d = sample();
        let id = d.outlets[1].id.clone();
        d.outlets[0].city = d.outlets[1].city.clone();
        d.outlets[0].province = d.outlets[1].province.clone();
        d.outlets[0].id = id.to_uppercase();
        let dir = Directory::new(&d.outlets);
        assert_ne!(dir.outlet_path(0), dir.outlet_path(1));
        let zh_only = LocalText::new("北京", "");
        assert!(area_slug(&zh_only).starts_with("a-"));
    }

    #[test]
    fn to_root_climbs_each_folder() {
        assert_eq!(to_root(""), "");
        assert_eq!(to_root("outlets/"), "../");
        assert_eq!(to_root("en/outlets/a/b/c/"), "../../../../../");
    }

    #[test]
    fn json_ld_cannot_end_its_script_block() {
        let mut d = sample();
        d.outlets[0].name = LocalText::new("</script><script>alert(1)</script>", "</SCRIPT>&");
        let brand = LocalText::new("品牌", "Brand");
        for lang in [Lang::Zh, Lang::En] {
            let facts = PageFacts {
                brand: &brand,
                url: "x/",
                moved_to_url: None,
                lang,
                booking: &[],
            };
            let text = script_safe_json(&outlet_json_ld(&d.outlets[0], &facts));
            assert!(!text.to_ascii_lowercase().contains("</script"));
            let back: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(back["name"], json!(d.outlets[0].name.get(lang)));
        }
    }

    #[test]
    fn json_ld_hours_and_status() {
        let d = sample();
        let brand = LocalText::new("品牌", "Brand");
        let facts = |_| PageFacts {
            brand: &brand,
            url: "u/",
            moved_to_url: Some("v/"),
            lang: Lang::En,
            booking: &[],
        };
        for o in &d.outlets {
            let v = outlet_json_ld(o, &facts(()));
            assert_eq!(v["geo"]["latitude"], json!(o.location.lat));
            match o.status {
                OutletStatus::Open => {
                    let spec = v["openingHoursSpecification"]
                        .as_array()
                        .cloned()
                        .unwrap_or_default();
                    let h = o.hours.as_ref();
                    let weekly: usize = Day::ALL
                        .iter()
                        .map(|&day| h.map_or(0, |h| h.day(day).len()))
                        .sum();
                    assert!(spec.len() >= weekly);
                    assert!(v.get("description").is_none());
                }
                OutletStatus::ComingSoon => {
                    assert!(v["description"]
                        .as_str()
                        .unwrap()
                        .starts_with("Coming soon"));
                    assert!(v.get("openingHoursSpecification").is_none());
                }
                OutletStatus::Relocated => assert_eq!(v["sameAs"], json!("v/")),
            }
        }
    }

    #[test]
    fn sitemap_escapes_and_dates() {
        let e = SitemapEntry {
            loc: "https://a.cn/x?a=1&b=2".into(),
            lang: Lang::Zh,
            alternate: "https://a.cn/en/x".into(),
        };
        let xml = sitemap_xml(&[e], Date::new(2026, 11, 20).unwrap());
        assert!(xml.contains("<loc>https://a.cn/x?a=1&amp;b=2</loc><lastmod>2026-11-20</lastmod>"));
        assert!(xml.contains("hreflang=\"en\" href=\"https://a.cn/en/x\""));
    }

    #[test]
    fn frame_projects_into_the_drawing() {
        let pts = [
            crate::LatLng {
                lat: 31.2,
                lng: 121.4,
            },
            crate::LatLng {
                lat: 31.3,
                lng: 121.6,
            },
        ];
        let f = MapFrame::around(&pts, 360.0, 1.0);
        for p in pts {
            let (x, y) = f.project(p);
            assert!((0.0..=f.width).contains(&x) && (0.0..=f.height).contains(&y));
        }
        let base = StaticBaseMap::parse(include_str!("../../public/data/basemap.geojson")).unwrap();
        let svg = base.svg(&f);
        assert!(svg.starts_with("<svg") && svg.contains("<path") && !svg.contains("script"));
    }
}
