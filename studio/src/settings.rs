//! The settings the studio writes to `config.json`: the members a web team
//! sets by hand (language, theme, tiles, embedding, the site's address),
//! kept in the file's own JSON so that members the studio does not show
//! (booking, dataset origins) pass through unchanged, and checked by the
//! app's own [`AppConfig::parse`].

use locator_core::AppConfig;
use serde_json::{Map, Value};

/// The members the studio edits, as paths into `config.json`.
pub const FIELDS: [&str; 8] = [
    "default_lang",
    "theme.brand_color",
    "theme.partner_color",
    "theme.font",
    "theme.radius",
    "theme.color_scheme",
    "tiles.default",
    "site.base_url",
];

/// `embed.parent_origins`, a list: one origin per line in the form.
pub const PARENT_ORIGINS: &str = "embed.parent_origins";

/// `config.json` being written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Settings {
    root: Map<String, Value>,
}

impl Settings {
    /// Reads a `config.json`; a file that is not a JSON object is an error
    /// in the app's words, and the settings start empty. The `packed`
    /// member is left out: the release build writes it into its own copy,
    /// for the pack it made of that build's dataset, and a kept one would
    /// name an old pack beside a new dataset.
    pub fn from_text(text: &str) -> Result<Settings, String> {
        match serde_json::from_str::<Value>(text) {
            Ok(Value::Object(mut root)) => {
                root.remove("packed");
                Ok(Settings { root })
            }
            Ok(_) => Err("config.json is not valid: it is not a JSON object".into()),
            Err(e) => Err(format!("config.json is not valid: {e}")),
        }
    }

    /// The value at `path` (`theme.brand_color`) as text; a list as one
    /// item per line; "" when absent.
    pub fn get(&self, path: &str) -> String {
        let mut at = self.root.get(path.split('.').next().unwrap_or_default());
        for key in path.split('.').skip(1) {
            at = at.and_then(|v| v.get(key));
        }
        match at {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join("\n"),
            Some(Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    /// Sets `path` to `value` trimmed (for [`PARENT_ORIGINS`], one origin
    /// per line or separated by commas); an empty value removes the member,
    /// and an object left empty goes with it.
    pub fn set(&mut self, path: &str, value: &str) {
        let keys: Vec<&str> = path.split('.').collect();
        let value = value.trim();
        let new = if path == PARENT_ORIGINS {
            let items: Vec<Value> = value
                .split(['\n', ','])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(|s| Value::String(s.into()))
                .collect();
            (!items.is_empty()).then_some(Value::Array(items))
        } else {
            (!value.is_empty()).then(|| Value::String(value.into()))
        };
        set_in(&mut self.root, &keys, new);
    }

    /// The file's text: indented JSON.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&Value::Object(self.root.clone()))
            .unwrap_or_else(|_| "{}".into());
        text.push('\n');
        text
    }

    /// The app's reading of the file, or its words for what is wrong.
    pub fn check(&self) -> Result<AppConfig, String> {
        AppConfig::parse(&self.text()).map_err(|e| e.to_string())
    }

    /// The file the preview is given: these settings with no street tiles
    /// (their servers are outside this machine, and nothing leaves it from
    /// the studio) and no dataset of its own (the preview names the work's).
    pub fn for_preview(&self) -> String {
        let mut preview = self.clone();
        preview.set("tiles.default", "none");
        preview.root.remove("dataset");
        preview.text()
    }

    /// The tile layers that can be chosen: `none` and each provider's id.
    pub fn tile_ids(&self) -> Vec<String> {
        let mut ids = vec!["none".to_string()];
        let mut probe = self.clone();
        probe.root.remove("theme");
        probe.root.remove("tiles");
        if let Some(tiles) = self.root.get("tiles").and_then(|t| t.get("providers")) {
            probe
                .root
                .insert("tiles".into(), serde_json::json!({ "providers": tiles }));
        }
        if let Ok(config) = AppConfig::parse(&probe.text()) {
            ids.extend(config.tile_providers.iter().map(|p| p.id.clone()));
        }
        ids
    }
}

fn set_in(map: &mut Map<String, Value>, keys: &[&str], value: Option<Value>) {
    match keys {
        [] => {}
        [last] => match value {
            Some(v) => {
                map.insert((*last).into(), v);
            }
            None => {
                map.remove(*last);
            }
        },
        [first, rest @ ..] => {
            let child = map
                .entry((*first).to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !child.is_object() {
                *child = Value::Object(Map::new());
            }
            if let Value::Object(inner) = child {
                set_in(inner, rest, value);
                if inner.is_empty() {
                    map.remove(*first);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builds_pack_is_not_carried_into_the_export() {
        let s = Settings::from_text(
            r#"{"default_lang": "en", "packed": {"source": "data/outlets.geojson", "pack": "data/outlets.evlpack"}}"#,
        )
        .unwrap();
        assert_eq!(s.get("packed.pack"), "");
        assert_eq!(s.get("default_lang"), "en");
    }

    #[test]
    fn members_are_set_read_removed_and_the_rest_kept() {
        let mut s = Settings::from_text(
            r#"{"booking": {"links": {"test_drive": "https://b.cn/td?o={id}"}}}"#,
        )
        .unwrap();
        s.set("theme.brand_color", " #0a7d5a ");
        s.set(PARENT_ORIGINS, "https://www.brand.cn\nhttps://m.brand.cn, ");
        assert_eq!(s.get("theme.brand_color"), "#0a7d5a");
        assert_eq!(
            s.get(PARENT_ORIGINS),
            "https://www.brand.cn\nhttps://m.brand.cn"
        );
        let config = s.check().unwrap();
        assert_eq!(config.parent_origins.len(), 2);
        assert_eq!(config.theme.brand_color.as_deref(), Some("#0a7d5a"));
        assert!(s
            .text()
            .contains("\"test_drive\": \"https://b.cn/td?o={id}\""));
        s.set("theme.brand_color", "");
        assert!(
            !s.text().contains("theme"),
            "an emptied object goes: {}",
            s.text()
        );
    }

    #[test]
    fn a_bad_value_is_said_in_the_apps_words() {
        let mut s = Settings::default();
        s.set("theme.brand_color", "green; background: url(x)");
        assert!(s
            .check()
            .unwrap_err()
            .starts_with("config.json, theme.brand_color: \"green; background: url(x)\""));
        assert!(Settings::from_text("[1]").is_err());
        assert!(Settings::from_text("{\"a\": ")
            .unwrap_err()
            .starts_with("config.json is not valid: "));
    }

    #[test]
    fn the_preview_loads_no_street_tiles_and_the_choices_include_the_built_in_ones() {
        let mut s = Settings::default();
        s.set("tiles.default", "amap");
        assert!(s.check().is_ok());
        assert_eq!(
            Settings::from_text(&s.for_preview())
                .unwrap()
                .get("tiles.default"),
            "none"
        );
        let ids = s.tile_ids();
        assert_eq!(ids[0], "none");
        assert!(
            ids.contains(&"amap".to_string()) && ids.contains(&"osm".to_string()),
            "{ids:?}"
        );
    }
}
