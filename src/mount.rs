//! Where the app lives on the page, and what the host page says about it.
//!
//! On its own page the app mounts on the `<body>` and its files are beside
//! the page. Inside a host page, the loader `locator.js` gives each element
//! marked `data-evl-locator` a shadow root and its own instance of the app,
//! and names them in `window.__evlMount` (`{host, root, shell}`) while that
//! instance starts: the app mounts into `shell`, inside `root`, and looks up
//! its own elements there ([`query`], [`active_element`]), never in the
//! host's document. The host element's `data-` attributes configure it:
//!
//! - `data-base`: the URL of the app's folder (the loader `locator.js` sets
//!   it to its own folder when it is missing);
//! - `data-config`: the configuration file (default `config.json` in that folder);
//! - `data-dataset`: the outlet file, overriding the configuration's;
//! - `data-lang`: `zh` or `en`, when the link names no language;
//! - `data-theme`: `auto`, `light` or `dark`.

use js_sys::Reflect;
use locator_core::{ColorScheme, Lang};
use std::sync::OnceLock;
use wasm_bindgen::{JsCast, JsValue};

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

thread_local! {
    /// The host element's shadow root and the element inside it that holds
    /// the app, for an in-page app.
    static ROOT: std::cell::RefCell<Option<(web_sys::ShadowRoot, web_sys::HtmlElement)>> =
        const { std::cell::RefCell::new(None) };
}

/// The element the app is drawn into, whose width decides its layout: the
/// shell in the host's element, or the page's body.
pub fn container() -> Option<web_sys::HtmlElement> {
    ROOT.with(|r| r.borrow().as_ref().map(|(_, shell)| shell.clone()))
        .or_else(|| web_sys::window()?.document()?.body())
}

/// The first element of the app matching `selector`: in its shadow root on a
/// host page, in the document on its own page.
pub fn query(selector: &str) -> Option<web_sys::Element> {
    let in_root = ROOT.with(|r| {
        r.borrow()
            .as_ref()
            .map(|(root, _)| root.query_selector(selector))
    });
    match in_root {
        Some(found) => found.ok().flatten(),
        None => web_sys::window()?
            .document()?
            .query_selector(selector)
            .ok()
            .flatten(),
    }
}

/// The element that has the keyboard focus, as the app sees it: inside its
/// shadow root on a host page (the document only knows the host element).
pub fn active_element() -> Option<web_sys::Element> {
    let in_root = ROOT.with(|r| r.borrow().as_ref().map(|(root, _)| root.active_element()));
    match in_root {
        Some(found) => found,
        None => web_sys::window()?.document()?.active_element(),
    }
}

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
    /// Takes the host element the loader named, if any, and reads its attributes.
    pub fn read() -> Mount {
        let Some((host, root, shell)) = handed_over() else {
            return Mount::default();
        };
        ROOT.with(|r| *r.borrow_mut() = Some((root, shell)));
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

/// What `locator.js` put in `window.__evlMount` for this instance.
fn handed_over() -> Option<(
    web_sys::HtmlElement,
    web_sys::ShadowRoot,
    web_sys::HtmlElement,
)> {
    let window: JsValue = web_sys::window()?.into();
    let mount = Reflect::get(&window, &"__evlMount".into()).ok()?;
    let part = |name: &str| Reflect::get(&mount, &name.into()).ok();
    Some((
        part("host")?.dyn_into().ok()?,
        part("root")?.dyn_into().ok()?,
        part("shell")?.dyn_into().ok()?,
    ))
}
