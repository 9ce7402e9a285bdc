//! Where the app lives on the page, and what the host page says about it.
//!
//! On its own page the app mounts on the `<body>` and its files are beside
//! the page. Inside a host page it mounts into the element marked
//! `data-evl-locator`, whose `data-` attributes configure it:
//!
//! - `data-base`: the URL of the app's folder (the loader `locator.js` sets
//!   it to its own folder when it is missing);
//! - `data-config`: the configuration file (default `config.json` in that folder);
//! - `data-dataset`: the outlet file, overriding the configuration's;
//! - `data-lang`: `zh` or `en`, when the link names no language;
//! - `data-theme`: `auto`, `light` or `dark`.

use locator_core::{ColorScheme, Lang};
use std::sync::OnceLock;
use wasm_bindgen::JsCast;

/// What the host page set.
#[derive(Debug, Clone, Default)]
pub struct Mount {
    /// The host element, or `None` when the app has the page to itself.
    pub host: Option<web_sys::HtmlElement>,
    /// Outlet file named by the host.
    pub dataset: Option<String>,
    /// Configuration file named by the host.
    pub config: Option<String>,
    /// Language named by the host.
    pub lang: Option<Lang>,
    /// Colour scheme named by the host.
    pub scheme: Option<ColorScheme>,
    /// Attribute values that were ignored, as `data-lang="fr"`.
    pub problems: Vec<String>,
}

static BASE: OnceLock<String> = OnceLock::new();

/// A file of the app: `path` relative to the app's folder.
pub fn asset_url(path: &str) -> String {
    match BASE.get() {
        Some(base) if !base.is_empty() => {
            let sep = if base.ends_with('/') { "" } else { "/" };
            format!("{base}{sep}{path}")
        }
        _ => path.to_string(),
    }
}

/// A URL given by the configuration or the host: absolute or root-relative
/// ones as they are, others relative to the app's folder.
pub fn resolve(url: &str) -> String {
    if url.starts_with('/') || url.contains("://") {
        url.to_string()
    } else {
        asset_url(url)
    }
}

impl Mount {
    /// Finds the host element, if any, and reads its attributes.
    pub fn read() -> Mount {
        let host = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-evl-locator]").ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        let Some(host) = host else {
            return Mount::default();
        };
        let attr = |name: &str| {
            host.get_attribute(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut problems = Vec::new();
        let _ = BASE.set(attr("data-base").unwrap_or_default());
        let lang = attr("data-lang").and_then(|v| {
            Lang::from_id(&v).or_else(|| {
                problems.push(format!("data-lang=\"{v}\" was ignored: use zh or en"));
                None
            })
        });
        let scheme = attr("data-theme").and_then(|v| {
            ColorScheme::from_id(&v).or_else(|| {
                problems.push(format!(
                    "data-theme=\"{v}\" was ignored: use auto, light or dark"
                ));
                None
            })
        });
        Mount {
            dataset: attr("data-dataset"),
            config: attr("data-config"),
            lang,
            scheme,
            problems,
            host: Some(host),
        }
    }

    /// Whether the app is inside a host page's element (not on its own page).
    pub fn in_page(&self) -> bool {
        self.host.is_some()
    }
}
