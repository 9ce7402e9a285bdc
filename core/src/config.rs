//! The app's configuration (`config.json` beside `index.html`): where the
//! dataset is, the default language, the map's tile layers, the host sites
//! allowed to talk to the app when it is framed, the brand's theme and its
//! booking pages.
//! Every member is optional; what is missing takes the built-in default, so
//! the app works with no configuration file at all.

use crate::booking::{is_endpoint_url, Booking, BookingForm, BookingProblem};
use crate::datum::Datum;
use crate::i18n::Lang;
use crate::lead::DEFAULT_LEAD_TIMEOUT_S;
use crate::service::ServiceSet;
use serde::Deserialize;

/// A raster tile layer drawn under the markers.
#[derive(Debug, Clone, PartialEq)]
pub struct TileProvider {
    /// Short id, used in `?tiles=` (`osm`, `amap`).
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// URL template with `{z}`, `{x}`, `{y}` and optionally `{s}`.
    pub url: String,
    /// Subdomains substituted for `{s}`, one character each (`"1234"`).
    pub subdomains: String,
    /// The datum the tiles are drawn in; markers are shifted to match.
    pub datum: Datum,
    /// Plain-text attribution, always shown on the map.
    pub attribution: String,
    /// Highest zoom level the provider serves.
    pub max_zoom: u8,
}

/// What the configuration file sets.
#[derive(Debug, Clone, PartialEq)]
pub struct AppConfig {
    /// Where the outlet file is: relative to the app, or an `https:` URL.
    pub dataset_url: String,
    /// The language when the link names none; `None` follows the browser.
    pub default_lang: Option<Lang>,
    /// Tile layers that can be chosen, besides "none".
    pub tile_providers: Vec<TileProvider>,
    /// The layer used when the URL does not choose one: a provider id or `none`.
    pub default_tiles: String,
    /// Origins (`https://www.brand.cn`) of the host pages that may frame the
    /// app, hear its events and send it commands. Empty: none may.
    pub parent_origins: Vec<String>,
    /// Brand colours, font, corner radius and colour scheme.
    pub theme: Theme,
    /// Origins besides the page's own from which a link's `data=` may load
    /// an outlet file.
    pub dataset_origins: Vec<String>,
    /// How long the outlet file may take to arrive, in seconds.
    pub dataset_timeout_s: u32,
    /// The largest outlet file accepted, in megabytes (10⁶ bytes).
    pub dataset_max_mb: u32,
    /// The site's absolute address (`https://www.brand.cn/stores/`, ending
    /// with `/`), for the static pages' canonical links and the sitemap.
    /// `None`: they are written relative.
    pub site_base_url: Option<String>,
    /// The brand's booking pages per service (`booking.links`): the calls to
    /// action on outlets. Empty: none.
    pub booking: Booking,
    /// The packed form of the dataset that the release build wrote beside it
    /// (`packed` in `config.json`, written by `evl-site`): the app loads it
    /// instead, as long as it was made from the file `dataset_url` names.
    pub packed: Option<Packed>,
}

/// A dataset's packed form made by the build: `{"source": ..., "pack": ...}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// The GeoJSON file it was made from, as `dataset` names it.
    pub source: String,
    /// The pack, relative to the app (`data/outlets.evlpack`).
    pub pack: String,
}

/// How long the outlet file may take by default, in seconds.
pub const DEFAULT_DATASET_TIMEOUT_S: u32 = 30;
/// The largest outlet file accepted by default, in megabytes: a GeoJSON file
/// of 100,000 outlets is about 60 MB.
pub const DEFAULT_DATASET_MAX_MB: u32 = 128;

/// Where the dataset is when the configuration does not say (the start-up
/// script written by `tools/build/postbuild.mjs` asks for it by this name).
pub const DEFAULT_DATASET_URL: &str = "data/outlets.geojson";

/// Light or dark colours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColorScheme {
    /// Follows the buyer's system setting (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ColorScheme {
    /// The id used in `config.json` and in `data-theme` attributes.
    pub fn id(self) -> &'static str {
        match self {
            ColorScheme::Auto => "auto",
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }

    /// The scheme with this id.
    pub fn from_id(id: &str) -> Option<ColorScheme> {
        [ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark]
            .into_iter()
            .find(|c| c.id() == id.trim())
    }
}

/// The brand's look. Values are checked CSS, set as custom properties
/// (`--evl-brand`...) on the app's root element; unset ones keep the
/// stylesheet's defaults.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Theme {
    /// Colour of EV Home stores and primary buttons (`#0b4f9c`).
    pub brand_color: Option<String>,
    /// Colour of authorized partners.
    pub partner_color: Option<String>,
    /// CSS font-family list, or `inherit`: the font of the page around an
    /// in-page app ([`Theme::font_inherits`]).
    pub font: Option<String>,
    /// Corner radius, a CSS length (`8px`, `0.5rem`).
    pub radius: Option<String>,
    /// Light, dark, or the system's choice.
    pub scheme: ColorScheme,
}

impl Theme {
    /// The custom properties to set, as (name, value). A radius in `rem`
    /// follows the locator's base size (`--evl-rem`), as the stylesheet's
    /// lengths do, not a host page's root font size.
    pub fn css_properties(&self) -> Vec<(&'static str, String)> {
        let font = self.font.clone().filter(|_| !self.font_inherits());
        let radius = self.radius.as_deref().map(|r| {
            let r = r.trim();
            match r.strip_suffix("rem") {
                Some(n) => format!("calc({n} * var(--evl-rem, 1rem))"),
                None => r.to_string(),
            }
        });
        [
            ("--evl-brand", self.brand_color.clone()),
            ("--evl-partner", self.partner_color.clone()),
            ("--evl-font", font),
            ("--evl-radius", radius),
        ]
        .into_iter()
        .filter_map(|(name, v)| v.map(|v| (name, v)))
        .collect()
    }

    /// Whether the theme's font is `inherit`: an in-page app then takes the
    /// host element's font family as its own (otherwise the host's font stops
    /// at its element).
    pub fn font_inherits(&self) -> bool {
        self.font
            .as_deref()
            .is_some_and(|f| f.trim().eq_ignore_ascii_case("inherit"))
    }
}

/// Whether `value` is a CSS colour this app accepts: `#rgb`, `#rrggbb`
/// (with optional alpha), or `rgb()`/`hsl()` of numbers.
///
/// ```
/// use locator_core::is_css_color;
/// assert!(is_css_color("#0b4f9c"));
/// assert!(is_css_color("rgb(11 79 156)"));
/// assert!(!is_css_color("red;background:url(x)"));
/// ```
pub fn is_css_color(value: &str) -> bool {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.bytes().all(|c| c.is_ascii_hexdigit());
    }
    let inner = ["rgb(", "rgba(", "hsl(", "hsla("]
        .iter()
        .find_map(|f| v.strip_prefix(f))
        .and_then(|rest| rest.strip_suffix(')'));
    inner.is_some_and(|i| {
        !i.trim().is_empty()
            && i.bytes()
                .all(|c| c.is_ascii_digit() || b" .,%/-degturn".contains(&c))
    })
}

/// Whether `value` is a CSS length for a corner radius: 0 to 64 `px`, or 0
/// to 4 `rem`/`em`.
pub fn is_css_radius(value: &str) -> bool {
    let v = value.trim();
    let (number, max) = if let Some(n) = v.strip_suffix("px") {
        (n, 64.0)
    } else if let Some(n) = v.strip_suffix("rem").or_else(|| v.strip_suffix("em")) {
        (n, 4.0)
    } else {
        (v, 0.0)
    };
    crate::number::parse_f64(number).is_some_and(|n| (0.0..=max).contains(&n))
}

/// Whether `value` is a CSS font-family list: names, quoted or not,
/// separated by commas; nothing that could end the declaration.
pub fn is_font_family(value: &str) -> bool {
    let v = value.trim();
    !v.is_empty()
        && v.chars().count() <= 200
        && v.chars()
            .all(|c| c.is_alphanumeric() || " ,-_'\"".contains(c))
}

/// `https://host[:port]`, lower-cased, if `value` is a web origin (no path,
/// no wildcard).
///
/// ```
/// use locator_core::parse_origin;
/// assert_eq!(parse_origin("https://WWW.Brand.cn").as_deref(), Some("https://www.brand.cn"));
/// assert_eq!(parse_origin("https://brand.cn/path"), None);
/// assert_eq!(parse_origin("*"), None);
/// ```
pub fn parse_origin(value: &str) -> Option<String> {
    let v = value.trim().to_ascii_lowercase();
    let rest = v
        .strip_prefix("https://")
        .or_else(|| v.strip_prefix("http://"))?;
    let (host, port) = match rest.rsplit_once(':') {
        Some((h, p)) => (h, Some(p)),
        None => (rest, None),
    };
    let host_ok = !host.is_empty()
        && host
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-');
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|c| c.is_ascii_digit()));
    (host_ok && port_ok).then_some(v)
}

/// The tile choice that draws no tiles, only the schematic base map.
pub const NO_TILES: &str = "none";

/// Why the configuration file cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    /// Not JSON, or members of the wrong type.
    #[error("config.json is not valid: {0}")]
    Invalid(String),
    /// A tile provider entry is unusable.
    #[error("config.json, tile provider \"{id}\": {problem}")]
    BadProvider {
        /// The provider's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// `default` names no provider.
    #[error("config.json: default tiles \"{0}\" is not \"none\" nor a provider id")]
    UnknownDefault(String),
    /// A `booking.links` member cannot be used.
    #[error("config.json, booking.links.{key}: \"{value}\" {problem}")]
    BadBookingLink {
        /// The member's key (a service id, or `notify`).
        key: String,
        /// The template as given (cut to 80 characters).
        value: String,
        /// What is wrong.
        problem: BookingProblem,
    },
    /// A member other than the tiles has a value the app cannot use.
    #[error("config.json, {member}: \"{value}\" {problem}")]
    BadValue {
        /// The member, as a path (`theme.brand_color`).
        member: &'static str,
        /// The value as given (cut to 80 characters).
        value: String,
        /// What is expected instead.
        problem: &'static str,
    },
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawConfig {
    dataset: Option<String>,
    dataset_origins: Vec<String>,
    dataset_timeout_s: Option<u32>,
    dataset_max_mb: Option<u32>,
    default_lang: Option<String>,
    tiles: RawTiles,
    embed: RawEmbed,
    theme: RawTheme,
    site: RawSite,
    booking: RawBooking,
    /// `{"source": ..., "pack": ...}` (a map like `booking.links`: no
    /// deserializer of its own in the wasm).
    packed: Option<std::collections::BTreeMap<String, String>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawBooking {
    links: std::collections::BTreeMap<String, String>,
    form: Option<RawForm>,
}

#[derive(Deserialize)]
struct RawForm {
    endpoint: String,
    #[serde(default)]
    services: Vec<String>,
    #[serde(default)]
    consent: Option<crate::text::LocalText>,
    #[serde(default)]
    privacy_url: Option<String>,
    #[serde(default)]
    timeout_s: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawSite {
    base_url: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawEmbed {
    parent_origins: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawTheme {
    brand_color: Option<String>,
    partner_color: Option<String>,
    font: Option<String>,
    radius: Option<String>,
    color_scheme: Option<String>,
}

fn bad(member: &'static str, value: &str, problem: &'static str) -> ConfigError {
    ConfigError::BadValue {
        member,
        value: value.chars().take(80).collect(),
        problem,
    }
}

/// Whether `url` may name the dataset: a path relative to the app (no
/// scheme), or an `http(s):` URL.
pub fn is_dataset_url(url: &str) -> bool {
    let u = url.trim();
    if u.is_empty() || u.chars().any(|c| c.is_control() || c == '\\') {
        return false;
    }
    match u.split_once(':') {
        Some((scheme, _)) if !scheme.contains('/') => {
            scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
        }
        _ => true,
    }
}

/// Web origins from a list of the configuration, without repeats.
fn origins(member: &'static str, list: Vec<String>) -> Result<Vec<String>, ConfigError> {
    let mut out: Vec<String> = Vec::new();
    for o in list {
        let origin = parse_origin(&o).ok_or_else(|| {
            bad(
                member,
                &o,
                "is not an origin: write https://host or https://host:port, with no path and no wildcard",
            )
        })?;
        if !out.contains(&origin) {
            out.push(origin);
        }
    }
    Ok(out)
}

fn check_theme(raw: RawTheme) -> Result<Theme, ConfigError> {
    let check = |member: &'static str,
                 value: Option<String>,
                 ok: fn(&str) -> bool,
                 problem: &'static str| match value {
        Some(v) if !ok(&v) => Err(bad(member, &v, problem)),
        v => Ok(v.map(|v| v.trim().to_string())),
    };
    let color = "is not a colour: use #rrggbb, rgb() or hsl()";
    Ok(Theme {
        brand_color: check("theme.brand_color", raw.brand_color, is_css_color, color)?,
        partner_color: check(
            "theme.partner_color",
            raw.partner_color,
            is_css_color,
            color,
        )?,
        font: check(
            "theme.font",
            raw.font,
            is_font_family,
            "is not a font-family list: names separated by commas",
        )?,
        radius: check(
            "theme.radius",
            raw.radius,
            is_css_radius,
            "is not a corner radius: 0 to 64px, or 0 to 4rem",
        )?,
        scheme: match raw.color_scheme {
            None => ColorScheme::Auto,
            Some(v) => ColorScheme::from_id(&v).ok_or_else(|| {
                bad(
                    "theme.color_scheme",
                    &v,
                    "is not a colour scheme: use auto, light or dark",
                )
            })?,
        },
    })
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct RawTiles {
    default: Option<String>,
    providers: Option<Vec<RawProvider>>,
}

#[derive(Deserialize)]
struct RawProvider {
    id: String,
    #[serde(default)]
    name: Option<String>,
    url: String,
    #[serde(default)]
    subdomains: Option<String>,
    datum: String,
    attribution: String,
    #[serde(default)]
    max_zoom: Option<u8>,
}

/// OpenStreetMap's standard tiles (WGS-84). Their usage policy limits heavy
/// use; a brand site should configure its own provider.
fn osm() -> TileProvider {
    TileProvider {
        id: "osm".into(),
        name: "OpenStreetMap".into(),
        url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
        subdomains: String::new(),
        datum: Datum::Wgs84,
        attribution: "© OpenStreetMap contributors".into(),
        max_zoom: 19,
    }
}

/// AutoNavi (Amap, 高德) road tiles, drawn in GCJ-02 as Chinese law requires.
fn amap() -> TileProvider {
    TileProvider {
        id: "amap".into(),
        name: "高德地图 AutoNavi".into(),
        url: "https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}"
            .into(),
        subdomains: "1234".into(),
        datum: Datum::Gcj02,
        attribution: "© 高德地图 AutoNavi".into(),
        max_zoom: 18,
    }
}

impl Default for AppConfig {
    /// OpenStreetMap and AutoNavi available, no tiles by default (the
    /// schematic base map only), so nothing is requested from a third party
    /// unless the site or the link asks for it.
    fn default() -> Self {
        AppConfig {
            dataset_url: DEFAULT_DATASET_URL.into(),
            default_lang: None,
            tile_providers: vec![osm(), amap()],
            default_tiles: NO_TILES.into(),
            parent_origins: Vec::new(),
            theme: Theme::default(),
            dataset_origins: Vec::new(),
            dataset_timeout_s: DEFAULT_DATASET_TIMEOUT_S,
            dataset_max_mb: DEFAULT_DATASET_MAX_MB,
            site_base_url: None,
            booking: Booking::default(),
            packed: None,
        }
    }
}

fn check_provider(raw: RawProvider) -> Result<TileProvider, ConfigError> {
    let bad = |problem: &str| ConfigError::BadProvider {
        id: raw.id.clone(),
        problem: problem.into(),
    };
    if raw.id.is_empty()
        || raw.id == NO_TILES
        || !raw
            .id
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
    {
        return Err(bad(
            "the id must be letters, digits, '-' or '_', and not \"none\"",
        ));
    }
    let scheme_ok = raw.url.starts_with("https://")
        || raw.url.starts_with("http://")
        || raw.url.starts_with('/');
    if !scheme_ok || !["{z}", "{x}", "{y}"].iter().all(|p| raw.url.contains(p)) {
        return Err(bad(
            "the url must be an http(s) address with {z}, {x} and {y}",
        ));
    }
    let subdomains = raw.subdomains.clone().unwrap_or_default();
    if raw.url.contains("{s}") && subdomains.is_empty() {
        return Err(bad("the url has {s} but no subdomains are given"));
    }
    let datum = match Datum::from_id(&raw.datum) {
        Some(d @ (Datum::Wgs84 | Datum::Gcj02)) => d,
        Some(Datum::Bd09) => {
            return Err(bad(
                "BD-09 tiles use Baidu's own projection, which is not supported",
            ))
        }
        None => return Err(bad("datum must be \"wgs84\" or \"gcj02\"")),
    };
    if raw.attribution.trim().is_empty() {
        return Err(bad("an attribution is required"));
    }
    let max_zoom = raw.max_zoom.unwrap_or(18);
    if !(1..=22).contains(&max_zoom) {
        return Err(bad("max_zoom must be 1 to 22"));
    }
    Ok(TileProvider {
        name: raw.name.clone().unwrap_or_else(|| raw.id.clone()),
        id: raw.id,
        url: raw.url,
        subdomains,
        datum,
        attribution: raw.attribution,
        max_zoom,
    })
}

impl AppConfig {
    /// Reads `config.json`. Providers listed there are added to the built-in
    /// ones (a provider with a built-in id replaces it).
    ///
    /// ```
    /// use locator_core::{AppConfig, Datum};
    /// let c = AppConfig::parse(r#"{"tiles": {"default": "amap"}}"#).unwrap();
    /// assert_eq!(c.default_provider().unwrap().datum, Datum::Gcj02);
    /// ```
    pub fn parse(text: &str) -> Result<AppConfig, ConfigError> {
        let raw: RawConfig =
            serde_json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
        let mut config = AppConfig::default();
        if let Some(url) = raw.dataset {
            if !is_dataset_url(&url) {
                return Err(bad(
                    "dataset",
                    &url,
                    "is not a path beside the app nor an http(s) address",
                ));
            }
            config.dataset_url = url.trim().to_string();
        }
        if let Some(p) = raw.packed {
            let path = |member: &'static str, key: &str| match p.get(key).map(|u| u.trim()) {
                Some(u) if !u.contains("://") && !u.starts_with('/') && is_dataset_url(u) => {
                    Ok(u.to_string())
                }
                other => Err(bad(
                    member,
                    other.unwrap_or(""),
                    "is not a path beside the app",
                )),
            };
            config.packed = Some(Packed {
                source: path("packed.source", "source")?,
                pack: path("packed.pack", "pack")?,
            });
        }
        if let Some(l) = raw.default_lang {
            config.default_lang = Some(
                Lang::from_id(l.trim())
                    .ok_or_else(|| bad("default_lang", &l, "is not a language: use zh or en"))?,
            );
        }
        config.parent_origins = origins("embed.parent_origins", raw.embed.parent_origins)?;
        config.dataset_origins = origins("dataset_origins", raw.dataset_origins)?;
        let in_range = |member: &'static str,
                        v: Option<u32>,
                        range: std::ops::RangeInclusive<u32>,
                        problem| match v {
            Some(v) if !range.contains(&v) => Err(bad(member, &v.to_string(), problem)),
            v => Ok(v),
        };
        if let Some(t) = in_range(
            "dataset_timeout_s",
            raw.dataset_timeout_s,
            1..=300,
            "must be 1 to 300 seconds",
        )? {
            config.dataset_timeout_s = t;
        }
        if let Some(m) = in_range(
            "dataset_max_mb",
            raw.dataset_max_mb,
            1..=1024,
            "must be 1 to 1024 megabytes",
        )? {
            config.dataset_max_mb = m;
        }
        config.theme = check_theme(raw.theme)?;
        if let Some(url) = raw.site.base_url {
            let url = url.trim();
            let host = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .and_then(|rest| rest.split('/').next())
                .unwrap_or("");
            let clean = !url.contains(['?', '#', ' ', '"', '<', '>', '\\']);
            if host.is_empty() || !clean {
                return Err(bad(
                    "site.base_url",
                    url,
                    "is not an absolute http(s) address without query or fragment",
                ));
            }
            config.site_base_url = Some(if url.ends_with('/') {
                url.to_string()
            } else {
                format!("{url}/")
            });
        }
        config.booking = Booking::from_links(
            raw.booking
                .links
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str())),
        )
        .map_err(|(key, value, problem)| ConfigError::BadBookingLink {
            key,
            value,
            problem,
        })?;
        if let Some(f) = raw.booking.form {
            const NOT_ENDPOINT: &str = "is not an https: address with a fixed host (http: only for localhost) nor a path from the site's root";
            if !is_endpoint_url(&f.endpoint) {
                return Err(bad("booking.form.endpoint", &f.endpoint, NOT_ENDPOINT));
            }
            if let Some(u) = f.privacy_url.as_deref().filter(|u| !is_endpoint_url(u)) {
                return Err(bad("booking.form.privacy_url", u, NOT_ENDPOINT));
            }
            let mut services = ServiceSet::default();
            for id in &f.services {
                match crate::Service::from_id(id) {
                    Some(s) => services.insert(s),
                    None => {
                        return Err(bad(
                            "booking.form.services",
                            id,
                            "is not a service id of the catalogue",
                        ))
                    }
                }
            }
            if f.services.is_empty() {
                services = crate::Service::ALL.into_iter().collect();
            }
            let timeout_s = in_range(
                "booking.form.timeout_s",
                f.timeout_s,
                1..=120,
                "must be 1 to 120 seconds",
            )?
            .unwrap_or(DEFAULT_LEAD_TIMEOUT_S);
            config.booking.form = Some(BookingForm {
                endpoint: f.endpoint.trim().to_string(),
                services,
                consent: f.consent,
                privacy_url: f.privacy_url.map(|u| u.trim().to_string()),
                timeout_s,
            });
        }
        for p in raw.tiles.providers.unwrap_or_default() {
            let p = check_provider(p)?;
            config.tile_providers.retain(|q| q.id != p.id);
            config.tile_providers.push(p);
        }
        if let Some(d) = raw.tiles.default {
            if d != NO_TILES && config.provider(&d).is_none() {
                return Err(ConfigError::UnknownDefault(d));
            }
            config.default_tiles = d;
        }
        Ok(config)
    }

    /// The provider with this id.
    pub fn provider(&self, id: &str) -> Option<&TileProvider> {
        self.tile_providers.iter().find(|p| p.id == id)
    }

    /// The default provider, or `None` for no tiles.
    pub fn default_provider(&self) -> Option<&TileProvider> {
        self.provider(&self.default_tiles)
    }

    /// The outlet file a link's `data=` names, if the app may load it: a
    /// path on the page's own site, or an `http(s)` URL on the page's origin
    /// (`page_origin`, like `https://www.brand.cn`) or one of
    /// [`dataset_origins`](AppConfig::dataset_origins). Anything else (another
    /// site, `javascript:`, `data:`, `//host`) is refused: a link must not
    /// make the brand's page show someone else's outlets.
    ///
    /// ```
    /// use locator_core::AppConfig;
    /// let c = AppConfig::parse(r#"{"dataset_origins": ["https://cdn.brand.cn"]}"#).unwrap();
    /// let page = "https://www.brand.cn";
    /// assert!(c.dataset_from_link("data/test.geojson", page).is_some());
    /// assert!(c.dataset_from_link("https://cdn.brand.cn/x.geojson", page).is_some());
    /// assert!(c.dataset_from_link("https://evil.example/x.geojson", page).is_none());
    /// assert!(c.dataset_from_link("//evil.example/x.geojson", page).is_none());
    /// ```
    pub fn dataset_from_link(&self, url: &str, page_origin: &str) -> Option<String> {
        let u = url.trim();
        if u.is_empty() || u.starts_with("//") || !is_dataset_url(u) {
            return None;
        }
        let Some(rest) = u.split_once("://").map(|(_, r)| r) else {
            // No scheme: a path on this site.
            return Some(u.to_string());
        };
        let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let origin = parse_origin(&u[..u.len() - rest.len() + end])?;
        let allowed = parse_origin(page_origin).as_deref() == Some(origin.as_str())
            || self.dataset_origins.contains(&origin);
        allowed.then(|| u.to_string())
    }

    /// The outlet file to load: the build's pack of the configured dataset
    /// when there is one made from it, else the configured dataset.
    ///
    /// ```
    /// use locator_core::AppConfig;
    /// let built = r#"{"packed": {"source": "data/outlets.geojson", "pack": "data/outlets.evlpack"}}"#;
    /// assert_eq!(AppConfig::parse(built).unwrap().dataset_to_load(), "data/outlets.evlpack");
    /// // The configuration names another file since: the pack is not of it.
    /// let moved = r#"{"dataset": "data/2027.geojson", "packed": {"source": "data/outlets.geojson", "pack": "data/outlets.evlpack"}}"#;
    /// assert_eq!(AppConfig::parse(moved).unwrap().dataset_to_load(), "data/2027.geojson");
    /// assert!(AppConfig::parse(r#"{"packed": {"source": "data/outlets.geojson", "pack": "https://x.cn/p"}}"#).is_err());
    /// ```
    pub fn dataset_to_load(&self) -> &str {
        match &self.packed {
            Some(p) if p.source == self.dataset_url => &p.pack,
            _ => &self.dataset_url,
        }
    }

    /// Whether a page of `origin` (`https://www.brand.cn`) may hear the
    /// app's events and send it commands.
    pub fn allows_parent(&self, origin: &str) -> bool {
        parse_origin(origin).is_some_and(|o| self.parent_origins.contains(&o))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_without_a_file() {
        let c = AppConfig::default();
        assert_eq!(c.default_tiles, NO_TILES);
        assert!(c.default_provider().is_none());
        assert_eq!(c.provider("amap").unwrap().datum, Datum::Gcj02);
        assert_eq!(c.provider("osm").unwrap().datum, Datum::Wgs84);
        assert_eq!(AppConfig::parse("{}").unwrap(), c);
    }

    #[test]
    fn adds_and_replaces_providers() {
        let c = AppConfig::parse(
            r#"{"tiles": {"default": "brand", "providers": [
                {"id": "brand", "url": "https://tiles.example.cn/{z}/{x}/{y}.png", "datum": "gcj02",
                 "attribution": "© Example", "max_zoom": 17},
                {"id": "osm", "url": "https://osm.example.org/{z}/{x}/{y}.png", "datum": "wgs84", "attribution": "© OSM"}
            ]}}"#,
        )
        .unwrap();
        assert_eq!(c.default_provider().unwrap().max_zoom, 17);
        assert_eq!(c.tile_providers.iter().filter(|p| p.id == "osm").count(), 1);
        assert!(c.provider("osm").unwrap().url.contains("osm.example.org"));
    }

    #[test]
    fn names_bad_entries() {
        let provider =
            |fields: &str| format!(r#"{{"tiles": {{"providers": [{{"id": "x", {fields}}}]}}}}"#);
        for (fields, needle) in [
            (
                r#""url": "ftp://a/{z}/{x}/{y}", "datum": "wgs84", "attribution": "a""#,
                "url",
            ),
            (
                r#""url": "https://a/{z}/{x}", "datum": "wgs84", "attribution": "a""#,
                "url",
            ),
            (
                r#""url": "https://{s}.a/{z}/{x}/{y}", "datum": "wgs84", "attribution": "a""#,
                "subdomains",
            ),
            (
                r#""url": "https://a/{z}/{x}/{y}", "datum": "bd09", "attribution": "a""#,
                "BD-09",
            ),
            (
                r#""url": "https://a/{z}/{x}/{y}", "datum": "wgs84", "attribution": " ""#,
                "attribution",
            ),
            (
                r#""url": "https://a/{z}/{x}/{y}", "datum": "wgs84", "attribution": "a", "max_zoom": 30"#,
                "max_zoom",
            ),
        ] {
            let err = AppConfig::parse(&provider(fields)).unwrap_err();
            assert!(err.to_string().contains(needle), "{fields}: {err}");
        }
        assert_eq!(
            AppConfig::parse(r#"{"tiles": {"default": "bing"}}"#).unwrap_err(),
            ConfigError::UnknownDefault("bing".into())
        );
        assert!(matches!(
            AppConfig::parse("[1]").unwrap_err(),
            ConfigError::Invalid(_)
        ));
    }

    #[test]
    fn reads_dataset_language_origins_and_theme() {
        let c = AppConfig::parse(
            r##"{"dataset": "https://cdn.brand.cn/outlets.geojson", "default_lang": "en",
                "embed": {"parent_origins": ["https://WWW.brand.cn", "http://127.0.0.1:8081", "https://www.brand.cn"]},
                "theme": {"brand_color": "#c00", "font": "\"Brand Sans\", sans-serif", "radius": "0.25rem", "color_scheme": "dark"}}"##,
        )
        .unwrap();
        assert_eq!(c.dataset_url, "https://cdn.brand.cn/outlets.geojson");
        assert_eq!(c.default_lang, Some(Lang::En));
        assert_eq!(
            c.parent_origins,
            ["https://www.brand.cn", "http://127.0.0.1:8081"]
        );
        assert!(c.allows_parent("https://www.brand.cn"));
        assert!(!c.allows_parent("https://evil.example"));
        assert!(!c.allows_parent("null"));
        assert_eq!(c.theme.scheme, ColorScheme::Dark);
        assert_eq!(
            c.theme.css_properties(),
            [
                ("--evl-brand", "#c00".to_string()),
                ("--evl-font", "\"Brand Sans\", sans-serif".to_string()),
                (
                    "--evl-radius",
                    "calc(0.25 * var(--evl-rem, 1rem))".to_string()
                ),
            ]
        );
        assert!(!c.theme.font_inherits());
    }

    #[test]
    fn an_inherited_font_is_no_custom_property() {
        let c = AppConfig::parse(r#"{"theme": {"font": " Inherit ", "radius": "6px"}}"#).unwrap();
        assert!(c.theme.font_inherits());
        assert_eq!(
            c.theme.css_properties(),
            [("--evl-radius", "6px".to_string())]
        );
    }

    #[test]
    fn site_base_url_ends_with_a_slash() {
        let c =
            AppConfig::parse(r#"{"site": {"base_url": "https://www.brand.cn/stores"}}"#).unwrap();
        assert_eq!(
            c.site_base_url.as_deref(),
            Some("https://www.brand.cn/stores/")
        );
        assert_eq!(AppConfig::parse("{}").unwrap().site_base_url, None);
    }

    #[test]
    fn refuses_values_that_could_inject_css_or_widen_trust() {
        for (json, member) in [
            (
                r#"{"theme": {"brand_color": "red;}body{display:none"}}"#,
                "theme.brand_color",
            ),
            (r#"{"theme": {"font": "x;}*{color:red}"}}"#, "theme.font"),
            (r#"{"site": {"base_url": "/stores/"}}"#, "site.base_url"),
            (
                r#"{"site": {"base_url": "https://a.cn/?x=1"}}"#,
                "site.base_url",
            ),
            (r#"{"theme": {"radius": "calc(100vw)"}}"#, "theme.radius"),
            (
                r#"{"theme": {"color_scheme": "sepia"}}"#,
                "theme.color_scheme",
            ),
            (
                r#"{"embed": {"parent_origins": ["*"]}}"#,
                "embed.parent_origins",
            ),
            (
                r#"{"embed": {"parent_origins": ["https://brand.cn/page"]}}"#,
                "embed.parent_origins",
            ),
            (r#"{"dataset": "javascript:alert(1)"}"#, "dataset"),
            (r#"{"default_lang": "fr"}"#, "default_lang"),
        ] {
            match AppConfig::parse(json) {
                Err(ConfigError::BadValue { member: m, .. }) => assert_eq!(m, member, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
        }
        assert!(is_dataset_url("data/outlets.geojson"));
        assert!(is_dataset_url("/data/x.geojson"));
        assert!(!is_dataset_url("data:application/json,{}"));
    }

    #[test]
    fn booking_links_are_read_and_checked() {
        let c = AppConfig::parse(
            r#"{"booking": {"links": {"test_drive": "https://crm.brand.cn/td?store={id}&lang={lang}", "notify": "https://crm.brand.cn/n?store={id}"}}}"#,
        )
        .unwrap();
        assert!(c
            .booking
            .template(crate::Bookable::Service(crate::Service::TestDrive))
            .is_some());
        assert!(c.booking.template(crate::Bookable::Notify).is_some());
        assert!(AppConfig::parse("{}").unwrap().booking.is_empty());
        let e =
            AppConfig::parse(r#"{"booking": {"links": {"test_drive": "javascript:alert(1)"}}}"#)
                .unwrap_err();
        assert_eq!(
            e.to_string(),
            "config.json, booking.links.test_drive: \"javascript:alert(1)\" is not an https: address (http: only for localhost)"
        );
        let zh = crate::Localized::localized(&e, Lang::Zh);
        assert!(
            zh.contains("booking.links.test_drive") && zh.contains("不是 https: 地址"),
            "{zh}"
        );
        let e =
            AppConfig::parse(r#"{"booking": {"links": {"valet": "https://a.cn/"}}}"#).unwrap_err();
        assert!(
            matches!(e, ConfigError::BadBookingLink { ref key, .. } if key == "valet"),
            "{e}"
        );
    }

    #[test]
    fn the_booking_form_is_read_and_checked() {
        let c = AppConfig::parse(
            r#"{"booking": {"form": {"endpoint": "https://crm.brand.cn/api/leads", "services": ["test_drive"], "consent": {"zh": "我同意", "en": "I agree"}, "privacy_url": "/privacy.html", "timeout_s": 5}}}"#,
        )
        .unwrap();
        let f = c.booking.form.as_ref().unwrap();
        assert_eq!(f.endpoint, "https://crm.brand.cn/api/leads");
        assert_eq!(f.timeout_s, 5);
        assert!(c.booking.uses_form(crate::Service::TestDrive));
        assert!(!c.booking.uses_form(crate::Service::AfterSales));
        let all = AppConfig::parse(r#"{"booking": {"form": {"endpoint": "/api/leads"}}}"#).unwrap();
        assert!(all.booking.uses_form(crate::Service::BodyPaint));
        assert_eq!(all.booking.form.unwrap().timeout_s, DEFAULT_LEAD_TIMEOUT_S);
        for (json, member) in [
            (
                r#"{"endpoint": "http://crm.brand.cn/leads"}"#,
                "booking.form.endpoint",
            ),
            (
                r#"{"endpoint": "//evil.cn/leads"}"#,
                "booking.form.endpoint",
            ),
            (
                r#"{"endpoint": "javascript:alert(1)"}"#,
                "booking.form.endpoint",
            ),
            (
                r#"{"endpoint": "https://a.cn/{id}"}"#,
                "booking.form.endpoint",
            ),
            (
                r#"{"endpoint": "/l", "services": ["valet"]}"#,
                "booking.form.services",
            ),
            (
                r#"{"endpoint": "/l", "privacy_url": "data:text/html,x"}"#,
                "booking.form.privacy_url",
            ),
            (
                r#"{"endpoint": "/l", "timeout_s": 0}"#,
                "booking.form.timeout_s",
            ),
        ] {
            let e = AppConfig::parse(&format!(r#"{{"booking": {{"form": {json}}}}}"#)).unwrap_err();
            match &e {
                ConfigError::BadValue { member: m, .. } => assert_eq!(*m, member, "{json}"),
                other => panic!("{json}: {other:?}"),
            }
            assert!(crate::Localized::localized(&e, Lang::Zh).contains(member));
        }
        assert!(AppConfig::parse(r#"{"booking": {"form": {}}}"#).is_err());
    }
}
