//! What the web team pastes into the brand's pages to show the locator
//! (README, "Embedding"): an iframe, or the in-page mount.

/// Where the app will be served, for the snippets: the settings'
/// `site.base_url`, else a placeholder to replace.
pub fn app_url(base_url: &str) -> String {
    let base = base_url.trim();
    if base.is_empty() {
        "https://www.example.cn/locator/".into()
    } else if base.ends_with('/') {
        base.into()
    } else {
        format!("{base}/")
    }
}

/// Escapes text for an HTML attribute.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The iframe: the app's page framed, its title row hidden (`embed=1`),
/// in `lang` (`zh`, `en`, or "" to follow the link or the browser).
///
/// ```
/// use evl_studio::snippet::iframe;
/// assert_eq!(iframe("https://www.brand.cn/locator/", "zh", "门店查询"),
///     "<iframe title=\"门店查询\" src=\"https://www.brand.cn/locator/?embed=1&amp;lang=zh\"\n        style=\"width: 100%; height: 640px; border: 0\"></iframe>\n");
/// ```
pub fn iframe(base_url: &str, lang: &str, title: &str) -> String {
    let mut src = format!("{}?embed=1", app_url(base_url));
    if !lang.is_empty() {
        src.push_str(&format!("&lang={lang}"));
    }
    format!(
        "<iframe title=\"{}\" src=\"{}\"\n        style=\"width: 100%; height: 640px; border: 0\"></iframe>\n",
        attr(title),
        attr(&src)
    )
}

/// The in-page mount: an element and `locator.js`.
///
/// ```
/// use evl_studio::snippet::in_page;
/// assert_eq!(in_page("", "en", "dark"),
///     "<div data-evl-locator data-lang=\"en\" data-theme=\"dark\"></div>\n<script type=\"module\" src=\"https://www.example.cn/locator/locator.js\"></script>\n");
/// ```
pub fn in_page(base_url: &str, lang: &str, scheme: &str) -> String {
    let mut div = String::from("<div data-evl-locator");
    if !lang.is_empty() {
        div.push_str(&format!(" data-lang=\"{}\"", attr(lang)));
    }
    if !scheme.is_empty() {
        div.push_str(&format!(" data-theme=\"{}\"", attr(scheme)));
    }
    format!(
        "{div}></div>\n<script type=\"module\" src=\"{}locator.js\"></script>\n",
        attr(&app_url(base_url))
    )
}
