//! Links that open an outlet in a map app for directions: AutoNavi (Amap,
//! 高德地图), Baidu Maps (百度地图), Apple Maps and Google Maps.
//!
//! Each provider is given the outlet in the datum its maps are drawn in
//! ([`MapProvider::datum`]), converted from the dataset's WGS-84 with
//! [`convert`]; the datum is also declared in the link where the provider's
//! URL API has a parameter for it. Only `https` links are made, with the
//! providers' public URL APIs, which need no key:
//!
//! - **Amap**: the URI API's route planning, `https://uri.amap.com/navigation`
//!   (`to=lng,lat,name`, `from=lng,lat`, `mode=car`, `src`, `callnative`),
//!   in GCJ-02, declared with `coordinate=gaode` (the URI API's default; the
//!   parameter is documented for its marker page). Without `from`, the page
//!   starts from the viewer's position on a phone.
//! - **Baidu Maps**: the web URI API's directions,
//!   `https://api.map.baidu.com/direction` (`origin`, `destination=latlng:
//!   lat,lng|name:…`, `mode=driving`, `output=html`, `src`), in BD-09,
//!   declared with `coord_type=bd09ll`. That page needs an origin; without
//!   one, the link opens Baidu's marker page (`/marker`, with `title` and
//!   `content`), which offers directions from there. Baidu asks for
//!   `src=webapp.companyName.appName` and does not guarantee service without
//!   it.
//! - **Apple Maps**: the map links of `https://maps.apple.com/`
//!   (`daddr=lat,lng`, `saddr=lat,lng`, `q` as the label, `dirflg=d` for
//!   driving). The URL has no datum parameter. Apple's map of mainland China
//!   is drawn from AutoNavi data in GCJ-02, and apps and users report that
//!   WGS-84 coordinates given to it land a few hundred metres off, so the
//!   link carries GCJ-02 there (and plain WGS-84 everywhere else, where the
//!   two agree).
//! - **Google Maps**: Maps URLs, `https://www.google.com/maps/dir/?api=1`
//!   (`destination`, `origin`, `travelmode=driving`). Google's road map of
//!   mainland China is also GCJ-02 (its satellite imagery is not, hence the
//!   famous misalignment), so the same rule applies. Google Maps is not
//!   reachable from mainland China without a VPN; the link is for visitors
//!   and for Hong Kong, Macau and Taiwan.
//!
//! Names are percent-encoded as UTF-8 (RFC 3986; only `A–Z a–z 0–9 - . _ ~`
//! stay as they are). Commas and vertical bars in names are replaced by
//! spaces first, as Amap and Baidu use them to separate the parts of a
//! position.

use crate::datum::{convert, Datum};
use crate::i18n::Lang;
use crate::latlng::LatLng;
use crate::outlet::{Outlet, OutletStatus};
use std::fmt::Write;

/// The `src` parameter of Amap links: who sends the user.
pub const AMAP_SOURCE: &str = "ev-locator";

/// The `src` parameter of Baidu Maps links, in the form Baidu asks for
/// (`webapp.companyName.appName`).
pub const BAIDU_SOURCE: &str = "webapp.evlocator.storelocator";

/// A map app that can give directions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MapProvider {
    /// AutoNavi / Amap (高德地图), the most used in mainland China.
    Amap,
    /// Baidu Maps (百度地图).
    Baidu,
    /// Apple Maps.
    Apple,
    /// Google Maps.
    Google,
}

impl MapProvider {
    /// Every provider, in the order of [`directions_links`].
    pub const ALL: [MapProvider; 4] = [
        MapProvider::Amap,
        MapProvider::Baidu,
        MapProvider::Apple,
        MapProvider::Google,
    ];

    /// A stable id, for `data-` attributes and tests: `amap`, `baidu`,
    /// `apple`, `google`.
    pub fn id(self) -> &'static str {
        match self {
            MapProvider::Amap => "amap",
            MapProvider::Baidu => "baidu",
            MapProvider::Apple => "apple",
            MapProvider::Google => "google",
        }
    }

    /// The datum the provider's links carry: GCJ-02 for Amap, Apple and
    /// Google (which in effect is WGS-84 outside mainland China, see
    /// [`wgs84_to_gcj02`](crate::wgs84_to_gcj02)), BD-09 for Baidu.
    pub fn datum(self) -> Datum {
        match self {
            MapProvider::Amap | MapProvider::Apple | MapProvider::Google => Datum::Gcj02,
            MapProvider::Baidu => Datum::Bd09,
        }
    }
}

/// A link that opens directions to an outlet in one map app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectionsLink {
    /// The map app.
    pub provider: MapProvider,
    /// The `https` URL, percent-encoded, ready for an `href`.
    pub url: String,
}

/// Links for driving directions to `outlet`, one per provider in
/// [`MapProvider::ALL`] order, from `origin` when one is set (otherwise the
/// map app starts from where the viewer is, or lets them choose). The
/// outlet's name is given in `lang`, falling back to the other language.
///
/// A relocated outlet gets no links: nobody is there any more; link to the
/// outlet in its `relocated_to` instead.
///
/// # Units
/// `origin` and the outlet's position in WGS-84 degrees; each link carries
/// them in its provider's datum, with 6 decimals (about 0.1 m).
///
/// # Examples
/// ```
/// use locator_core::{directions_links, Dataset, Lang, MapProvider};
/// let data = Dataset::parse(r#"{"type": "FeatureCollection", "schema_version": 1,
///   "brand": {"en": "Qingyun Motors"}, "updated": "2026-11-20", "time_zone": "Asia/Shanghai",
///   "features": [{"type": "Feature",
///     "geometry": {"type": "Point", "coordinates": [121.4737, 31.2304]},
///     "properties": {"id": "evh-sh-01", "kind": "ev_home",
///       "name": {"zh": "人民广场店", "en": "People's Square"},
///       "address": {"zh": "人民大道 1 号"}, "city": {"zh": "上海"},
///       "province": {"zh": "上海"}, "services": ["sales"]}}]}"#).unwrap();
/// let links = directions_links(&data.outlets[0], None, Lang::En);
/// assert_eq!(links.len(), 4);
/// assert_eq!(links[0].provider, MapProvider::Amap);
/// // GCJ-02: about 480 m south-east of the WGS-84 position
/// assert_eq!(links[0].url, "https://uri.amap.com/navigation?to=121.478223,31.228458,People%27s%20Square\
///     &mode=car&src=ev-locator&coordinate=gaode&callnative=1");
/// assert!(links.iter().all(|l| l.url.starts_with("https://")));
/// ```
pub fn directions_links(
    outlet: &Outlet,
    origin: Option<LatLng>,
    lang: Lang,
) -> Vec<DirectionsLink> {
    if outlet.status == OutletStatus::Relocated {
        return Vec::new();
    }
    let name = outlet.name.get(lang);
    MapProvider::ALL
        .into_iter()
        .map(|provider| {
            let to = convert(outlet.location, Datum::Wgs84, provider.datum());
            let from = origin.map(|o| convert(o, Datum::Wgs84, provider.datum()));
            let url = match provider {
                MapProvider::Amap => amap(to, from, name),
                MapProvider::Baidu => baidu(to, from, name, outlet.address.get(lang)),
                MapProvider::Apple => apple(to, from, name),
                MapProvider::Google => google(to, from),
            };
            DirectionsLink { provider, url }
        })
        .collect()
}

/// `lat,lng` with 6 decimals.
fn lat_lng(p: LatLng) -> String {
    format!("{:.6},{:.6}", p.lat, p.lng)
}

/// `lng,lat` with 6 decimals.
fn lng_lat(p: LatLng) -> String {
    format!("{:.6},{:.6}", p.lng, p.lat)
}

/// A name made safe inside a position's parts, then percent-encoded.
fn name_part(name: &str) -> String {
    let plain: String = name
        .chars()
        .map(|c| if matches!(c, ',' | '|') { ' ' } else { c })
        .collect();
    percent_encode(plain.trim())
}

/// Percent-encodes UTF-8 text for a URL query value: every byte but the
/// unreserved characters of RFC 3986 (`A–Z a–z 0–9 - . _ ~`) becomes `%XX`.
pub(crate) fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn amap(to: LatLng, from: Option<LatLng>, name: &str) -> String {
    let mut url = String::from("https://uri.amap.com/navigation?");
    if let Some(from) = from {
        let _ = write!(url, "from={}&", lng_lat(from));
    }
    let _ = write!(
        url,
        "to={},{}&mode=car&src={AMAP_SOURCE}&coordinate=gaode&callnative=1",
        lng_lat(to),
        name_part(name)
    );
    url
}

fn baidu(to: LatLng, from: Option<LatLng>, name: &str, address: &str) -> String {
    match from {
        Some(from) => format!(
            "https://api.map.baidu.com/direction?origin={}&destination=latlng:{}|name:{}\
             &mode=driving&coord_type=bd09ll&output=html&src={BAIDU_SOURCE}",
            lat_lng(from),
            lat_lng(to),
            name_part(name)
        ),
        None => format!(
            "https://api.map.baidu.com/marker?location={}&title={}&content={}\
             &coord_type=bd09ll&output=html&src={BAIDU_SOURCE}",
            lat_lng(to),
            percent_encode(name),
            percent_encode(address)
        ),
    }
}

fn apple(to: LatLng, from: Option<LatLng>, name: &str) -> String {
    let mut url = String::from("https://maps.apple.com/?");
    if let Some(from) = from {
        let _ = write!(url, "saddr={}&", lat_lng(from));
    }
    let _ = write!(
        url,
        "daddr={}&q={}&dirflg=d",
        lat_lng(to),
        percent_encode(name)
    );
    url
}

fn google(to: LatLng, from: Option<LatLng>) -> String {
    let coordinates = |p: LatLng| format!("{:.6}%2C{:.6}", p.lat, p.lng);
    let mut url = String::from("https://www.google.com/maps/dir/?api=1");
    if let Some(from) = from {
        let _ = write!(url, "&origin={}", coordinates(from));
    }
    let _ = write!(url, "&destination={}&travelmode=driving", coordinates(to));
    url
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datum::{wgs84_to_bd09, wgs84_to_gcj02};
    use crate::outlet::OutletKind;
    use crate::service::ServiceSet;
    use crate::text::LocalText;

    fn peoples_square() -> Outlet {
        Outlet {
            id: "evh-shanghai-rmgc".into(),
            kind: OutletKind::EvHome,
            status: OutletStatus::Open,
            relocated_to: None,
            opening_date: None,
            location: LatLng::new(31.2304, 121.4737).unwrap(),
            name: LocalText::new(
                "青云汽车 EV Home 人民广场店",
                "Qingyun EV Home People's Square",
            ),
            address: LocalText::new(
                "上海市黄浦区人民大道1号",
                "1 People's Avenue, Huangpu, Shanghai",
            ),
            city: LocalText::new("上海", "Shanghai").into(),
            province: LocalText::new("上海", "Shanghai").into(),
            phone: None,
            website: None,
            booking: Box::default(),
            services: ServiceSet::EMPTY,
            partner_group: None,
            hours: None,
            mobile_service: None,
        }
    }

    /// The Bund, Shanghai: where the buyer is.
    fn bund() -> LatLng {
        LatLng::new(31.2400, 121.4900).unwrap()
    }

    fn url(links: &[DirectionsLink], provider: MapProvider) -> &str {
        &links.iter().find(|l| l.provider == provider).unwrap().url
    }

    mod links {
        use super::*;

        #[test]
        fn one_per_provider_in_order_all_https() {
            let links = directions_links(&peoples_square(), Some(bund()), Lang::Zh);
            let providers: Vec<MapProvider> = links.iter().map(|l| l.provider).collect();
            assert_eq!(providers, MapProvider::ALL);
            for l in &links {
                assert!(l.url.starts_with("https://"), "{}", l.url);
                assert!(l.url.is_ascii() && !l.url.contains(' '), "{}", l.url);
            }
        }

        #[test]
        fn amap_in_gcj02() {
            let o = peoples_square();
            let to = wgs84_to_gcj02(o.location);
            let from = wgs84_to_gcj02(bund());
            assert_eq!(to, convert(o.location, Datum::Wgs84, Datum::Gcj02));
            let links = directions_links(&o, Some(bund()), Lang::Zh);
            assert_eq!(
                url(&links, MapProvider::Amap),
                format!(
                    "https://uri.amap.com/navigation?from={:.6},{:.6}&to={:.6},{:.6},\
                     %E9%9D%92%E4%BA%91%E6%B1%BD%E8%BD%A6%20EV%20Home%20\
                     %E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA%E5%BA%97\
                     &mode=car&src=ev-locator&coordinate=gaode&callnative=1",
                    from.lng, from.lat, to.lng, to.lat
                )
            );
            // the shift is real: about 480 m
            assert!((o.location.distance_m(to) - 481.0).abs() < 2.0);
            assert_eq!(
                url(&links, MapProvider::Amap),
                "https://uri.amap.com/navigation?from=121.494468,31.238015&to=121.478223,31.228458,\
                 %E9%9D%92%E4%BA%91%E6%B1%BD%E8%BD%A6%20EV%20Home%20\
                 %E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA%E5%BA%97\
                 &mode=car&src=ev-locator&coordinate=gaode&callnative=1"
            );
        }

        #[test]
        fn baidu_in_bd09_with_an_origin() {
            let o = peoples_square();
            let to = wgs84_to_bd09(o.location);
            let from = convert(bund(), Datum::Wgs84, Datum::Bd09);
            let links = directions_links(&o, Some(bund()), Lang::En);
            assert_eq!(
                url(&links, MapProvider::Baidu),
                format!(
                    "https://api.map.baidu.com/direction?origin={:.6},{:.6}\
                     &destination=latlng:{:.6},{:.6}|name:Qingyun%20EV%20Home%20People%27s%20Square\
                     &mode=driving&coord_type=bd09ll&output=html&src=webapp.evlocator.storelocator",
                    from.lat, from.lng, to.lat, to.lng
                )
            );
            assert!((o.location.distance_m(to) - 1140.0).abs() < 5.0);
        }

        #[test]
        fn baidu_marker_without_an_origin() {
            let o = peoples_square();
            let at = wgs84_to_bd09(o.location);
            let links = directions_links(&o, None, Lang::Zh);
            assert_eq!(
                url(&links, MapProvider::Baidu),
                format!(
                    "https://api.map.baidu.com/marker?location={:.6},{:.6}\
                     &title=%E9%9D%92%E4%BA%91%E6%B1%BD%E8%BD%A6%20EV%20Home%20\
                     %E4%BA%BA%E6%B0%91%E5%B9%BF%E5%9C%BA%E5%BA%97\
                     &content=%E4%B8%8A%E6%B5%B7%E5%B8%82%E9%BB%84%E6%B5%A6%E5%8C%BA\
                     %E4%BA%BA%E6%B0%91%E5%A4%A7%E9%81%931%E5%8F%B7\
                     &coord_type=bd09ll&output=html&src=webapp.evlocator.storelocator",
                    at.lat, at.lng
                )
            );
        }

        #[test]
        fn apple_and_google_in_gcj02_in_mainland_china() {
            let o = peoples_square();
            let to = convert(o.location, Datum::Wgs84, Datum::Gcj02);
            let from = convert(bund(), Datum::Wgs84, Datum::Gcj02);
            let links = directions_links(&o, Some(bund()), Lang::En);
            assert_eq!(
                url(&links, MapProvider::Apple),
                format!(
                    "https://maps.apple.com/?saddr={:.6},{:.6}&daddr={:.6},{:.6}\
                     &q=Qingyun%20EV%20Home%20People%27s%20Square&dirflg=d",
                    from.lat, from.lng, to.lat, to.lng
                )
            );
            assert_eq!(
                url(&links, MapProvider::Google),
                format!(
                    "https://www.google.com/maps/dir/?api=1&origin={:.6}%2C{:.6}\
                     &destination={:.6}%2C{:.6}&travelmode=driving",
                    from.lat, from.lng, to.lat, to.lng
                )
            );
            let links = directions_links(&o, None, Lang::En);
            assert_eq!(
                url(&links, MapProvider::Apple),
                "https://maps.apple.com/?daddr=31.228458,121.478223\
                 &q=Qingyun%20EV%20Home%20People%27s%20Square&dirflg=d"
            );
            assert_eq!(
                url(&links, MapProvider::Google),
                "https://www.google.com/maps/dir/?api=1\
                 &destination=31.228458%2C121.478223&travelmode=driving"
            );
        }

        #[test]
        fn no_shift_in_hong_kong_except_for_baidu() {
            let mut o = peoples_square();
            o.location = LatLng::new(22.2819, 114.1582).unwrap(); // Central, Hong Kong
            let links = directions_links(&o, None, Lang::En);
            assert!(url(&links, MapProvider::Amap).contains("to=114.158200,22.281900,"));
            assert!(url(&links, MapProvider::Apple).contains("daddr=22.281900,114.158200&"));
            assert!(
                url(&links, MapProvider::Google).contains("destination=22.281900%2C114.158200&")
            );
            let bd = wgs84_to_bd09(o.location);
            assert!(url(&links, MapProvider::Baidu)
                .contains(&format!("location={:.6},{:.6}&", bd.lat, bd.lng)));
        }

        #[test]
        fn a_relocated_outlet_has_none() {
            let mut o = peoples_square();
            o.status = OutletStatus::Relocated;
            o.relocated_to = Some("evh-shanghai-02".into());
            assert!(directions_links(&o, Some(bund()), Lang::Zh).is_empty());
            o.status = OutletStatus::ComingSoon;
            assert_eq!(directions_links(&o, None, Lang::Zh).len(), 4);
        }
    }

    mod encoding {
        use super::*;

        #[test]
        fn percent_encodes_utf8_and_reserved_characters() {
            assert_eq!(percent_encode("aZ09-._~"), "aZ09-._~");
            assert_eq!(percent_encode("上海"), "%E4%B8%8A%E6%B5%B7");
            assert_eq!(
                percent_encode("a b&c=d?e#f/g'h+i%"),
                "a%20b%26c%3Dd%3Fe%23f%2Fg%27h%2Bi%25"
            );
        }

        #[test]
        fn separators_in_names_become_spaces() {
            assert_eq!(
                name_part("Motors, Pudong|Store "),
                "Motors%20%20Pudong%20Store"
            );
            let mut o = peoples_square();
            o.name = LocalText::new("甲,乙", "A, B|C");
            let links = directions_links(&o, Some(bund()), Lang::En);
            assert!(url(&links, MapProvider::Amap).contains(",A%20%20B%20C&mode="));
            assert!(url(&links, MapProvider::Baidu).contains("|name:A%20%20B%20C&mode="));
        }
    }
}
