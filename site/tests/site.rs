//! The static site written for the sample dataset: every internal link
//! resolves, every outlet page's JSON-LD parses and agrees with the dataset,
//! hostile text stays text, and the first view lands in index.html.

use evl_site::{build, Options};
use locator_core::{lang_path, Dataset, Directory, Lang};
use serde_json::Value;
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/..");

/// A built folder as `evl-site` finds it: index.html (with a stylesheet),
/// config.json and the data, the outlets from `dataset`.
fn folder(name: &str, dataset: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("evl-site-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("index.html"),
        "<!DOCTYPE html><html><head><link rel=\"stylesheet\" href=\"./main-1.css\"></head>\n<body class=\"evl-page\">\n<noscript>x</noscript></body></html>",
    )
    .unwrap();
    std::fs::write(dir.join("main-1.css"), "").unwrap();
    std::fs::write(dir.join("config.json"), "{}").unwrap();
    std::fs::write(dir.join("data/outlets.geojson"), dataset).unwrap();
    std::fs::copy(
        Path::new(ROOT).join("public/data/basemap.geojson"),
        dir.join("data/basemap.geojson"),
    )
    .unwrap();
    dir
}

fn sample() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("public/data/outlets.geojson")).unwrap()
}

/// Every `index.html` under `dir`.
fn pages(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.file_name().is_some_and(|n| n == "index.html") {
                out.push(p);
            }
        }
    }
    out
}

/// The values of `attr="..."` in `html`.
fn attributes<'a>(html: &'a str, attr: &str) -> Vec<&'a str> {
    let pattern = format!(" {attr}=\"");
    html.match_indices(&pattern)
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            Some(&rest[..rest.find('"')?])
        })
        .collect()
}

/// The JSON-LD block of a page.
fn json_ld(html: &str) -> Value {
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("a JSON-LD block")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).expect("JSON-LD parses")
}

#[test]
fn every_internal_link_of_the_sample_site_resolves() {
    let dir = folder("links", &sample());
    let summary = build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let data = Dataset::parse(&sample()).unwrap();
    let d = Directory::new(&data.outlets);
    // Both languages of every page of the directory.
    assert_eq!(summary.pages, 2 * d.all_paths().len());
    let mut checked = 0;
    for page in pages(&dir) {
        let html = std::fs::read_to_string(&page).unwrap();
        let folder = page.parent().unwrap();
        for link in attributes(&html, "href")
            .into_iter()
            .chain(attributes(&html, "src"))
        {
            if link.contains("://") || link.starts_with("tel:") || link.starts_with('#') {
                continue;
            }
            let path = link.split(['?', '#']).next().unwrap();
            let mut target = folder.join(path);
            if path.is_empty() || path.ends_with('/') {
                target = target.join("index.html");
            }
            let target = target
                .canonicalize()
                .unwrap_or_else(|_| panic!("{}: {link} does not resolve", page.display()));
            assert!(
                target.starts_with(dir.canonicalize().unwrap()),
                "{link} leaves the site"
            );
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked} links");
    // The sitemap names each page in both languages, with the dataset's date.
    let sitemap = std::fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert_eq!(sitemap.matches("<url>").count(), summary.pages + 2);
    assert!(sitemap.contains("<lastmod>2026-11-20</lastmod>"));
    assert!(std::fs::read_to_string(dir.join("robots.txt"))
        .unwrap()
        .starts_with("User-agent: *"));
}

#[test]
fn json_ld_agrees_with_the_dataset() {
    let dir = folder("jsonld", &sample());
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let data = Dataset::parse(&sample()).unwrap();
    let d = Directory::new(&data.outlets);
    for (i, o) in data.outlets.iter().enumerate() {
        for lang in [Lang::Zh, Lang::En] {
            let html = std::fs::read_to_string(
                dir.join(lang_path(&d.outlet_path(i), lang))
                    .join("index.html"),
            )
            .unwrap();
            let v = json_ld(&html);
            assert_eq!(v["name"], o.name.get(lang), "{}", o.id);
            assert_eq!(v["geo"]["latitude"].as_f64(), Some(o.location.lat));
            assert_eq!(v["geo"]["longitude"].as_f64(), Some(o.location.lng));
            assert_eq!(v["telephone"].as_str(), o.phone.as_deref());
            assert_eq!(v["address"]["streetAddress"], o.address.get(Lang::Zh));
            match (&o.hours, o.status) {
                (Some(h), locator_core::OutletStatus::Open) => {
                    assert_eq!(
                        v["openingHoursSpecification"],
                        Value::Array(locator_core::opening_hours_spec(h))
                    );
                }
                _ => assert!(v.get("openingHoursSpecification").is_none(), "{}", o.id),
            }
            // The page shows what the markup says: the address, the phone's
            // link and the directions.
            assert!(
                html.contains(&format!(
                    "href=\"{}\"",
                    locator_core::xml_escape(&locator_core::tel_uri(
                        o.phone.as_deref().unwrap_or("")
                    ))
                )) || o.phone.is_none()
            );
            if o.status != locator_core::OutletStatus::Relocated {
                assert_eq!(
                    html.matches("class=\"evl-directions-link\"").count(),
                    4,
                    "{}",
                    o.id
                );
            }
        }
    }
}

#[test]
fn relocated_pages_point_to_the_new_outlet() {
    let dir = folder("moved", &sample());
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let data = Dataset::parse(&sample()).unwrap();
    let d = Directory::new(&data.outlets);
    let mut seen = 0;
    for (i, o) in data.outlets.iter().enumerate() {
        let Some(to) = o.relocated_to.as_deref().and_then(|t| data.index_of(t)) else {
            continue;
        };
        let html = std::fs::read_to_string(dir.join(d.outlet_path(i)).join("index.html")).unwrap();
        let new = d.outlet_path(to);
        let canonical = format!(
            "<link rel=\"canonical\" href=\"{}{new}\">",
            locator_core::to_root(&d.outlet_path(i))
        );
        assert!(html.contains(&canonical), "{}", o.id);
        assert!(
            html.contains(&format!(
                "href=\"{}{new}\"",
                locator_core::to_root(&d.outlet_path(i))
            )),
            "a visible link"
        );
        seen += 1;
    }
    assert!(seen > 0);
}

#[test]
fn hostile_text_stays_text() {
    let mut v: Value = serde_json::from_str(&sample()).unwrap();
    let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>\u{2028}";
    for f in v["features"].as_array_mut().unwrap().iter_mut().take(3) {
        f["properties"]["name"] = serde_json::json!({"zh": hostile, "en": hostile});
        f["properties"]["city"] = serde_json::json!({"zh": hostile, "en": "</script>"});
    }
    let dir = folder("hostile", &v.to_string());
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    for page in pages(&dir) {
        let html = std::fs::read_to_string(&page).unwrap();
        assert!(!html.contains("<script>alert"), "{}", page.display());
        assert!(!html.contains("<img src=x"), "{}", page.display());
        assert_eq!(
            html.matches("</script>").count(),
            html.matches("<script").count(),
            "{}",
            page.display()
        );
        if html.contains("application/ld+json") {
            json_ld(&html);
        }
    }
}

/// Builds the site in `dir` and reads its `index.html`.
fn built_index(dir: &Path) -> String {
    build(&Options {
        dir: dir.to_path_buf(),
        ..Options::default()
    })
    .unwrap();
    std::fs::read_to_string(dir.join("index.html")).unwrap()
}

#[test]
fn first_view_is_in_index_html_in_the_apps_order() {
    let dir = folder("first", &sample());
    let html = built_index(&dir);
    // The default language's view in the page, the other's in a template
    // after it, which the start-up script puts in its place when the
    // browser's language is that one (no default language is configured).
    let (page, template) = html
        .split_once("<template data-evl-prerendered-other lang=\"en\" data-evl-follows-browser>")
        .expect("the English view in a template");
    let (template, _) = template.split_once("</template>").unwrap();
    let data = Dataset::parse(&sample()).unwrap();
    let order = locator_core::list_order(&data, None);
    for (view, lang, directory) in [(page, "zh-CN", "全部门店"), (template, "en", "All outlets")]
    {
        assert_eq!(view.matches("data-evl-prerendered=").count(), 1, "{lang}");
        assert!(view.contains(&format!("<div lang=\"{lang}\"")), "{lang}");
        assert!(view.contains(&format!(">{directory}</a></nav>")), "{lang}");
        let ids = attributes(view, "data-outlet-id");
        assert_eq!(ids.len(), 30, "a page of rows");
        for (k, id) in ids.iter().enumerate() {
            assert_eq!(*id, data.outlets[order[k].index].id);
        }
    }
    // A second run replaces the first view rather than adding another.
    let again = built_index(&dir);
    assert_eq!(again.matches("data-evl-prerendered=").count(), 2);
    assert_eq!(again.matches("<template").count(), 1);
    assert_eq!(again.matches("evl-directory-link").count(), 2);
}

#[test]
fn a_configured_default_language_leads_the_first_view_and_the_browser_does_not_choose() {
    let dir = folder("default-lang", &sample());
    std::fs::write(dir.join("config.json"), r#"{"default_lang": "en"}"#).unwrap();
    let html = built_index(&dir);
    let (page, template) = html
        .split_once("<template data-evl-prerendered-other lang=\"zh-CN\">")
        .expect("the Chinese view in a template, without data-evl-follows-browser");
    assert!(page.contains("<div lang=\"en\""));
    assert!(template.contains("<div lang=\"zh-CN\""));
}

#[test]
fn a_dataset_with_rejected_records_still_builds() {
    let text = sample().replacen("\"kind\":\"ev_home\"", "\"kind\":\"dealer\"", 1);
    let dir = folder("rejected", &text);
    let summary = build(&Options {
        dir,
        ..Options::default()
    })
    .unwrap();
    assert_eq!(summary.left_out.len(), 1);
    assert!(
        summary.left_out[0].contains("kind"),
        "{}",
        summary.left_out[0]
    );
}

#[test]
fn the_dataset_is_packed_for_the_app_unless_records_are_rejected() {
    let dir = folder("pack", &sample());
    std::fs::write(dir.join("config.json"), r#"{"default_lang": "en"}"#).unwrap();
    let summary = build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let (path, bytes) = summary.packed.clone().expect("packed");
    assert_eq!(path, "data/outlets.evlpack");
    assert!(summary.to_string().contains("data/outlets.evlpack packed"));
    // The pack holds the same outlets, and the configuration names it for them.
    let pack = std::fs::read(dir.join(&path)).unwrap();
    assert_eq!(pack.len() as u64, bytes);
    let from_pack = Dataset::from_pack(&pack).unwrap();
    let from_geojson = Dataset::parse(&sample()).unwrap();
    assert_eq!(from_pack.outlets, from_geojson.outlets);
    let config_text = std::fs::read_to_string(dir.join("config.json")).unwrap();
    let config = locator_core::AppConfig::parse(&config_text).unwrap();
    assert_eq!(config.dataset_to_load(), "data/outlets.evlpack");
    assert_eq!(
        config.default_lang,
        Some(Lang::En),
        "the other members kept"
    );

    // A record left out: no pack (the app reads the GeoJSON and says so), and
    // the earlier build's `packed` goes.
    let text = sample().replacen("\"kind\":\"ev_home\"", "\"kind\":\"dealer\"", 1);
    std::fs::write(dir.join("data/outlets.geojson"), text).unwrap();
    let summary = build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    assert_eq!(summary.packed, None);
    let config_text = std::fs::read_to_string(dir.join("config.json")).unwrap();
    assert!(!config_text.contains("packed"), "{config_text}");
    let config = locator_core::AppConfig::parse(&config_text).unwrap();
    assert_eq!(config.dataset_to_load(), "data/outlets.geojson");

    // --no-pack writes none either.
    let dir = folder("no-pack", &sample());
    let summary = build(&Options {
        dir: dir.clone(),
        pack: false,
        ..Options::default()
    })
    .unwrap();
    assert_eq!(summary.packed, None);
    assert!(!dir.join("data/outlets.evlpack").exists());
}

#[test]
fn the_configured_theme_reaches_the_pages_and_the_first_view() {
    let dir = folder("theme", &sample());
    std::fs::write(
        dir.join("config.json"),
        r##"{"theme": {"brand_color": "#c00000"}}"##,
    )
    .unwrap();
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let index = std::fs::read_to_string(dir.join("index.html")).unwrap();
    let theme: Vec<&str> = attributes(&index, "href")
        .into_iter()
        .filter(|h| h.contains("theme-"))
        .collect();
    assert_eq!(theme.len(), 1, "{theme:?}");
    let css = std::fs::read_to_string(dir.join(theme[0])).unwrap();
    assert!(css.contains("--evl-brand: #c00000;"), "{css}");
    let page = std::fs::read_to_string(dir.join("outlets/index.html")).unwrap();
    assert!(page.contains(&format!(
        "href=\"../{}\"",
        theme[0].trim_start_matches("./")
    )));
}

#[test]
fn outlet_pages_carry_the_configured_calls_to_action() {
    let dir = folder("booking", &sample());
    std::fs::write(
        dir.join("config.json"),
        r#"{"booking": {
            "links": {"after_sales": "https://crm.example.cn/s?store={id}&city={city}&lang={lang}"},
            "form": {"endpoint": "https://crm.example.cn/api/leads", "services": ["test_drive"]}
        }}"#,
    )
    .unwrap();
    build(&Options {
        dir: dir.clone(),
        ..Options::default()
    })
    .unwrap();
    let data = Dataset::parse(&sample()).unwrap();
    let d = Directory::new(&data.outlets);
    let offers = |o: &locator_core::Outlet, s| o.services_now().contains(s);
    let (i, o) = data
        .outlets
        .iter()
        .enumerate()
        .find(|(_, o)| {
            o.status == locator_core::OutletStatus::Open
                && offers(o, locator_core::Service::TestDrive)
                && offers(o, locator_core::Service::AfterSales)
        })
        .unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let path = lang_path(&d.outlet_path(i), lang);
        let html = std::fs::read_to_string(dir.join(&path).join("index.html")).unwrap();
        let ups = "../".repeat(path.trim_end_matches('/').split('/').count());
        // The form is the app's: the page links to it, opened on this outlet.
        let form = format!(
            "href=\"{ups}?outlet={}&amp;book=test_drive&amp;lang={}\"",
            o.id,
            lang.id()
        );
        assert!(html.contains(&form), "{path}: no {form}");
        let city: String = o
            .city
            .get(lang)
            .bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    char::from(b).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        let link = format!(
            "href=\"https://crm.example.cn/s?store={}&amp;city={city}&amp;lang={}\"",
            o.id,
            lang.id()
        );
        assert!(html.contains(&link), "{path}: no {link}");
        assert_eq!(
            html.matches("class=\"evl-booking-link\"").count(),
            2,
            "{path}"
        );
    }
    // A relocated outlet's page books nothing: it points to the new one.
    let (i, _) = data
        .outlets
        .iter()
        .enumerate()
        .find(|(_, o)| o.status == locator_core::OutletStatus::Relocated)
        .unwrap();
    let path = lang_path(&d.outlet_path(i), Lang::Zh);
    let html = std::fs::read_to_string(dir.join(&path).join("index.html")).unwrap();
    assert!(!html.contains("evl-booking-link"), "{path}");
}
