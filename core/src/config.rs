//! The app's configuration (`config.json` beside `index.html`): for now, the
//! map's tile layers. Every member is optional; what is missing takes the
//! built-in default, so the app works with no configuration file at all.

use crate::datum::Datum;
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
    /// Tile layers that can be chosen, besides "none".
    pub tile_providers: Vec<TileProvider>,
    /// The layer used when the URL does not choose one: a provider id or `none`.
    pub default_tiles: String,
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
}

#[derive(Deserialize)]
#[serde(default)]
struct RawConfig {
    tiles: RawTiles,
}

impl Default for RawConfig {
    fn default() -> Self {
        RawConfig {
            tiles: RawTiles {
                default: None,
                providers: None,
            },
        }
    }
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
            tile_providers: vec![osm(), amap()],
            default_tiles: NO_TILES.into(),
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
}
