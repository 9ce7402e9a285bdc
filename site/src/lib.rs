//! The static site of the store locator, written into a built `dist/`:
//!
//! - the location directory: `outlets/` (all provinces), `outlets/<province>/`,
//!   `outlets/<province>/<city>/` and `outlets/<province>/<city>/<outlet>/`,
//!   in Chinese, and the same under `en/` in English; each page's body is
//!   rendered by the app's own components (`ev_locator::pages`), its head
//!   carries the title, description, canonical link, `hreflang` alternates,
//!   Open Graph and (outlet pages) schema.org JSON-LD;
//! - a base map per city and province (`map.svg`, drawn from
//!   `data/basemap.geojson`) that the pages mark the outlets on;
//! - `sitemap.xml` and `robots.txt`;
//! - the prerendered first view in `index.html`.
//!
//! The pages need no script and hold no inline style, so they run under the
//! app's strict Content-Security-Policy. Every link between them is relative,
//! so the folder works under any sub-path; canonical links and the sitemap
//! are absolute when `config.json` sets `site.base_url`.

// The app's view types, rendered to HTML here, nest deeper than the
// compiler's default limit allows (as in the app's own crate).
#![recursion_limit = "256"]

use ev_locator::load::Loaded;
use ev_locator::pages::{AreaLink, AreaPage, FirstView, OutletPage, Site};
use leptos::prelude::*;
use locator_core::{
    lang_path, outlet_json_ld, robots_txt, script_safe_json, sitemap_xml, to_root, xml_escape,
    AppConfig, Dataset, Directory, Lang, MapFrame, OutletStatus, PageFacts, SitemapEntry,
    SpatialIndex, StaticBaseMap,
};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What to build from.
#[derive(Debug, Clone)]
pub struct Options {
    /// The built app's folder (`dist/`).
    pub dir: PathBuf,
    /// The dataset, when not the one `config.json` names.
    pub dataset: Option<PathBuf>,
    /// The configuration, when not `DIR/config.json`.
    pub config: Option<PathBuf>,
    /// Whether to prerender the first view into `index.html`.
    pub first_view: bool,
    /// Whether to write the packed form of the configured GeoJSON dataset
    /// beside it and name it in `DIR/config.json` (`packed`), for the app
    /// to load instead (see [`write_pack`]).
    pub pack: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            dir: PathBuf::from("dist"),
            dataset: None,
            config: None,
            first_view: true,
            pack: true,
        }
    }
}

/// Why the site could not be written.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// `config.json` is not valid.
    #[error("{path}: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The dataset could not be read at all.
    #[error("{path}: {message}")]
    Dataset {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The configuration names a dataset on another site.
    #[error("the configuration's dataset {0} is not a file of the site: give it with --dataset")]
    RemoteDataset(String),
    /// `index.html` lacks what the first view goes into.
    #[error("{0}: no <body> to put the first view in")]
    NoBody(PathBuf),
}

/// What was written.
#[derive(Debug, Default)]
pub struct Summary {
    /// Pages written (both languages).
    pub pages: usize,
    /// Base maps written.
    pub maps: usize,
    /// Bytes written.
    pub bytes: u64,
    /// Records of the dataset left out, one line each.
    pub left_out: Vec<String>,
    /// Whether the first view was prerendered.
    pub first_view: bool,
    /// The pack written for the app (its path relative to the app) and its size in bytes.
    pub packed: Option<(String, u64)>,
    /// Time taken, in seconds.
    pub seconds: f64,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "evl-site: {} pages and {} maps, {:.1} MB, in {:.2} s{}{}{}",
            self.pages,
            self.maps,
            self.bytes as f64 / 1e6,
            self.seconds,
            if self.first_view {
                "; first view prerendered in index.html"
            } else {
                ""
            },
            match &self.packed {
                Some((path, bytes)) => format!("; {path} packed for the app ({bytes} bytes)"),
                None => String::new(),
            },
            if self.left_out.is_empty() {
                String::new()
            } else {
                format!("; {} records left out", self.left_out.len())
            }
        )
    }
}

/// The packed form of the configured GeoJSON dataset, for buyers' browsers:
/// about a quarter of its bytes and read several times faster by the app
/// (issue 12). Written beside it (`data/outlets.geojson` →
/// `data/outlets.evlpack`) and named in `DIR/config.json` as
/// `"packed": {"source": ..., "pack": ...}`, which the app follows as long as
/// `dataset` still names that source ([`AppConfig::dataset_to_load`]).
///
/// Only a dataset without rejected records is packed (a pack holds none):
/// otherwise the app reads the GeoJSON and tells what it left out, and a
/// `packed` member of an earlier build is removed. Warnings are the
/// keepers' (`evl-data validate`), not buyers'. Gives the pack's path
/// and size, if one was written.
///
/// [`AppConfig::dataset_to_load`]: locator_core::AppConfig::dataset_to_load
pub fn write_pack(
    dir: &Path,
    dataset_url: &str,
    data: &Dataset,
) -> Result<Option<(String, u64)>, SiteError> {
    let pack_url = dataset_url
        .strip_suffix(".geojson")
        .filter(|stem| !stem.is_empty() && !stem.contains(['?', '#']))
        .map(|stem| format!("{stem}.evlpack"));
    let packed = match pack_url {
        Some(url) if data.rejected.is_empty() => {
            let bytes = locator_core::pack(data);
            let path = dir.join(&url);
            std::fs::write(&path, &bytes).map_err(|source| SiteError::Io { path, source })?;
            Some((url, bytes.len() as u64))
        }
        _ => None,
    };
    let config_path = dir.join("config.json");
    let text = match std::fs::read_to_string(&config_path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "{}".into(),
        Err(source) => {
            return Err(SiteError::Io {
                path: config_path,
                source,
            })
        }
    };
    let mut value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| SiteError::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?;
    let Some(members) = value.as_object_mut() else {
        return Ok(packed);
    };
    let before = members.get("packed").cloned();
    match &packed {
        Some((url, _)) => {
            members.insert(
                "packed".into(),
                serde_json::json!({ "source": dataset_url, "pack": url }),
            );
        }
        None => {
            members.remove("packed");
        }
    }
    if members.get("packed") != before.as_ref() {
        let text = serde_json::to_string_pretty(&value).unwrap_or_default() + "\n";
        write(&config_path, &text)?;
    }
    Ok(packed)
}

fn read(path: &Path) -> Result<Vec<u8>, SiteError> {
    std::fs::read(path).map_err(|source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write(path: &Path, text: &str) -> Result<u64, SiteError> {
    let io = |source| SiteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io)?;
    }
    std::fs::write(path, text).map_err(io)?;
    Ok(text.len() as u64)
}

/// Renders a view to HTML under its own reactive owner, dropped after;
/// `app_href` is the app's address from the page (for its booking links).
fn render<V: IntoView + 'static>(build: &Build, app_href: &str, f: impl FnOnce() -> V) -> String {
    let owner = Owner::new();
    owner.with(|| {
        ev_locator::components::provide_booking(&build.config.booking, None, app_href);
        f().to_html()
    })
}

/// Everything the pages share.
struct Build {
    site: Site,
    config: AppConfig,
    /// The app's stylesheets and icon, as `index.html` names them (paths
    /// from the site's root).
    styles: Vec<String>,
    icon: Option<String>,
}

/// The head of a page.
struct Head {
    lang: Lang,
    title: String,
    description: String,
    /// The page itself and its other language, site paths with prefix.
    path: String,
    other: String,
    /// Where the canonical link points (a site path), when not to itself.
    canonical: Option<String>,
    json_ld: Option<String>,
}

impl Build {
    /// The address of the site path `to` seen from the page at `from`:
    /// absolute when the site's base URL is known, else relative.
    fn address(&self, from: &str, to: &str) -> String {
        match &self.config.site_base_url {
            Some(base) => format!("{base}{to}"),
            None => format!("{}{to}", to_root(from)),
        }
    }

    /// A whole page: its head, then `body`.
    fn document(&self, head: &Head, body: &str) -> String {
        let up = to_root(&head.path);
        let (zh, en) = match head.lang {
            Lang::Zh => (&head.path, &head.other),
            Lang::En => (&head.other, &head.path),
        };
        let canonical = self.address(&head.path, head.canonical.as_ref().unwrap_or(&head.path));
        let mut out = String::with_capacity(body.len() + 2048);
        out.push_str("<!DOCTYPE html>\n<html lang=\"");
        out.push_str(head.lang.html_tag());
        out.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(&format!(
            "<title>{}</title>\n<meta name=\"description\" content=\"{}\">\n",
            xml_escape(&head.title),
            xml_escape(&head.description)
        ));
        out.push_str(&format!(
            "<link rel=\"canonical\" href=\"{}\">\n<link rel=\"alternate\" hreflang=\"zh-CN\" href=\"{}\">\n<link rel=\"alternate\" hreflang=\"en\" href=\"{}\">\n<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
            xml_escape(&canonical),
            xml_escape(&self.address(&head.path, zh)),
            xml_escape(&self.address(&head.path, en)),
            xml_escape(&self.address(&head.path, zh)),
        ));
        out.push_str(&format!(
            "<meta property=\"og:type\" content=\"website\">\n<meta property=\"og:title\" content=\"{}\">\n<meta property=\"og:description\" content=\"{}\">\n<meta property=\"og:url\" content=\"{}\">\n<meta property=\"og:locale\" content=\"{}\">\n",
            xml_escape(&head.title),
            xml_escape(&head.description),
            xml_escape(&canonical),
            match head.lang {
                Lang::Zh => "zh_CN",
                Lang::En => "en_US",
            }
        ));
        for s in &self.styles {
            out.push_str(&format!(
                "<link rel=\"stylesheet\" href=\"{up}{}\">\n",
                xml_escape(s)
            ));
        }
        if let Some(icon) = &self.icon {
            out.push_str(&format!(
                "<link rel=\"icon\" href=\"{up}{}\">\n",
                xml_escape(icon)
            ));
        }
        if let Some(ld) = &head.json_ld {
            out.push_str("<script type=\"application/ld+json\">");
            out.push_str(ld);
            out.push_str("</script>\n");
        }
        out.push_str("</head>\n<body class=\"evl-page\">\n");
        out.push_str(body);
        out.push_str("\n</body>\n</html>\n");
        out
    }
}

/// The `href`s of `<link rel="...">` tags of `html` whose `rel` is `rel`,
/// without a leading `./`.
fn links(html: &str, rel: &str) -> Vec<String> {
    let pattern = format!("<link rel=\"{rel}\" href=\"");
    html.match_indices(&pattern)
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            let end = rest.find('"')?;
            Some(rest[..end].trim_start_matches("./").to_string())
        })
        .collect()
}

/// Reads the configuration and the dataset, then writes the pages, the
/// maps, the sitemap, `robots.txt` and the first view.
pub fn build(options: &Options) -> Result<Summary, SiteError> {
    let started = Instant::now();
    let dir = &options.dir;
    let config_path = options
        .config
        .clone()
        .unwrap_or_else(|| dir.join("config.json"));
    let config = match std::fs::read_to_string(&config_path) {
        Ok(text) => AppConfig::parse(&text).map_err(|e| SiteError::Config {
            path: config_path.clone(),
            message: e.to_string(),
        })?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => AppConfig::default(),
        Err(source) => {
            return Err(SiteError::Io {
                path: config_path,
                source,
            })
        }
    };
    let dataset_path = match &options.dataset {
        Some(p) => p.clone(),
        None => {
            let url = &config.dataset_url;
            if url.contains("://") || url.starts_with('/') {
                return Err(SiteError::RemoteDataset(url.clone()));
            }
            dir.join(url)
        }
    };
    let bytes = read(&dataset_path)?;
    // As the app reads it (src/load.rs): packed or GeoJSON by its first bytes.
    let is_pack = locator_core::is_pack(&bytes);
    let parsed = if is_pack {
        Dataset::from_pack(&bytes)
    } else {
        Dataset::decode(bytes).and_then(|text| Dataset::parse(&text))
    };
    let data = parsed.map_err(|e| SiteError::Dataset {
        path: dataset_path.clone(),
        message: e.to_string(),
    })?;
    let packed = match (options.pack, &options.dataset, &options.config) {
        (true, None, None) if !is_pack => write_pack(dir, &config.dataset_url, &data)?,
        _ => None,
    };
    let left_out = data.rejected.iter().map(ToString::to_string).collect();
    let index = SpatialIndex::new(&data.outlets);
    let loaded = Arc::new(Loaded {
        rejected: locator_core::worded_rejected(&data),
        data,
        index,
    });
    let dir_index = Arc::new(Directory::new(&loaded.data.outlets));
    let index_html = String::from_utf8_lossy(&read(&dir.join("index.html"))?).into_owned();
    let mut build = Build {
        site: Site {
            loaded: loaded.clone(),
            dir: dir_index.clone(),
        },
        styles: links(&index_html, "stylesheet")
            .into_iter()
            .filter(|s| !s.starts_with("theme-"))
            .collect(),
        icon: links(&index_html, "icon").into_iter().next(),
        config,
    };
    let basemap = match std::fs::read_to_string(dir.join("data/basemap.geojson")) {
        Ok(text) => StaticBaseMap::parse(&text).unwrap_or_default(),
        Err(_) => StaticBaseMap::default(),
    };

    let mut summary = Summary {
        left_out,
        packed,
        ..Summary::default()
    };
    // The configured theme as a stylesheet of its own, for the pages and the
    // prerendered view (the app sets the same values on its root itself;
    // the CSP allows no inline style).
    if let Some((name, css)) = theme_css(&build.config) {
        summary.bytes += write(&dir.join(&name), &css)?;
        build.styles.push(name);
    }
    // Clear what an earlier build wrote, so no page of a removed outlet stays.
    for old in ["outlets", "en/outlets"] {
        let _ = std::fs::remove_dir_all(dir.join(old));
    }

    let maps = write_maps(&build, &basemap, dir, &mut summary)?;
    let mut sitemap = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        write_areas(&build, &maps, lang, dir, &mut summary, &mut sitemap)?;
    }
    write_outlets(&build, &maps, dir, &mut summary, &mut sitemap)?;

    let base = build.config.site_base_url.clone();
    // Without a base URL, the site's paths as they are ("./" for its root).
    let absolute = |p: &str| match (&base, p) {
        (Some(b), p) => format!("{b}{p}"),
        (None, "") => "./".to_string(),
        (None, p) => p.to_string(),
    };
    let mut entries = vec![
        SitemapEntry {
            loc: absolute(""),
            lang: Lang::Zh,
            alternate: absolute("?lang=en"),
        },
        SitemapEntry {
            loc: absolute("?lang=en"),
            lang: Lang::En,
            alternate: absolute(""),
        },
    ];
    entries.extend(sitemap.into_iter().map(|(path, lang, other)| SitemapEntry {
        loc: absolute(&path),
        lang,
        alternate: absolute(&other),
    }));
    summary.bytes += write(
        &dir.join("sitemap.xml"),
        &sitemap_xml(&entries, loaded.data.meta.updated),
    )?;
    summary.bytes += write(&dir.join("robots.txt"), &robots_txt(base.as_deref()))?;

    if options.first_view {
        let html =
            prerender(&build, &index_html).ok_or(SiteError::NoBody(dir.join("index.html")))?;
        write(&dir.join("index.html"), &html)?;
        summary.first_view = true;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// A page for the sitemap: its path, its language, its other language's path.
type SitemapPage = (String, Lang, String);

/// The theme's custom properties as `theme-<hash>.css` (content-hashed, as
/// the build's other files), or `None` when the configuration sets none.
/// The values were checked by [`AppConfig::parse`].
fn theme_css(config: &AppConfig) -> Option<(String, String)> {
    let props = config.theme.css_properties();
    if props.is_empty() {
        return None;
    }
    let body: String = props
        .iter()
        .map(|(name, value)| format!("  {name}: {value};\n"))
        .collect();
    let css = format!("/* config.json's theme (evl-site) */\n.evl-app {{\n{body}}}\n");
    // FNV-1a, 64 bits: a stable name for this content.
    let hash = css.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    Some((format!("theme-{:016x}.css", hash), css))
}

/// The base maps' frames and site paths: one for the whole network, one per
/// province and one per city.
struct Maps {
    all: (MapFrame, String),
    provinces: Vec<(MapFrame, String)>,
    cities: Vec<Vec<(MapFrame, String)>>,
}

/// Map width in SVG units.
const MAP_WIDTH: f64 = 480.0;

fn write_maps(
    build: &Build,
    basemap: &StaticBaseMap,
    dir: &Path,
    summary: &mut Summary,
) -> Result<Maps, SiteError> {
    let outlets = &build.site.loaded.data.outlets;
    let d = &build.site.dir;
    let mut one = |points: Vec<locator_core::LatLng>, min_span: f64, path: String| {
        let frame = MapFrame::around(&points, MAP_WIDTH, min_span);
        summary.bytes += write(&dir.join(&path), &basemap.svg(&frame))?;
        summary.maps += 1;
        Ok::<_, SiteError>((frame, path))
    };
    let all = one(
        outlets.iter().map(|o| o.location).collect(),
        8.0,
        format!("{}map.svg", d.root_path()),
    )?;
    let mut provinces = Vec::new();
    let mut cities = Vec::new();
    for (p, province) in d.provinces.iter().enumerate() {
        let points = province
            .cities
            .iter()
            .flat_map(|c| c.outlets.iter().map(|&i| outlets[i].location))
            .collect();
        provinces.push(one(points, 2.0, format!("{}map.svg", d.province_path(p)))?);
        let mut row = Vec::new();
        for (c, city) in province.cities.iter().enumerate() {
            let points = city.outlets.iter().map(|&i| outlets[i].location).collect();
            row.push(one(points, 0.3, format!("{}map.svg", d.city_path(p, c)))?);
        }
        cities.push(row);
    }
    Ok(Maps {
        all,
        provinces,
        cities,
    })
}

/// Names in the page's language, with the brand.
fn brand(build: &Build, lang: Lang) -> String {
    build.site.loaded.data.meta.brand.get(lang).to_string()
}

/// The trail from the directory to an area or an outlet.
fn trail(
    build: &Build,
    from: &str,
    lang: Lang,
    place: (Option<usize>, Option<usize>),
) -> Vec<(String, String)> {
    let d = &build.site.dir;
    let s = lang.strings();
    // The locator's own page is at the root in both languages (?lang=en).
    let locator = match lang {
        Lang::Zh => to_root(from),
        Lang::En => format!("{}?lang=en", to_root(from)),
    };
    let mut out = vec![
        (s.title.to_string(), locator),
        (
            s.directory.to_string(),
            build.site.link(from, &d.root_path(), lang),
        ),
    ];
    if let Some(p) = place.0 {
        out.push((
            d.provinces[p].name.get(lang).to_string(),
            build.site.link(from, &d.province_path(p), lang),
        ));
        if let Some(c) = place.1 {
            out.push((
                d.provinces[p].cities[c].name.get(lang).to_string(),
                build.site.link(from, &d.city_path(p, c), lang),
            ));
        }
    }
    out
}

fn other(lang: Lang) -> Lang {
    match lang {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    }
}

fn write_areas(
    build: &Build,
    maps: &Maps,
    lang: Lang,
    dir: &Path,
    summary: &mut Summary,
    sitemap: &mut Vec<SitemapPage>,
) -> Result<(), SiteError> {
    let d = &build.site.dir;
    let s = lang.strings();
    let brand = brand(build, lang);
    let count = |n| locator_core::format_count(n, n, lang);
    let mut page = |site_path: String,
                    heading: String,
                    title: String,
                    place: (Option<usize>, Option<usize>),
                    areas: Vec<AreaLink>,
                    outlets: Vec<usize>,
                    map: (MapFrame, String)| {
        let path = lang_path(&site_path, lang);
        let other_path = lang_path(&site_path, other(lang));
        let description = format!(
            "{heading} · {}",
            count(outlets.len().max(areas.iter().map(|a| a.outlets).sum()))
        );
        let head = Head {
            lang,
            title,
            description,
            path: path.clone(),
            other: other_path.clone(),
            canonical: None,
            json_ld: None,
        };
        let trail = trail(build, &path, lang, place);
        let site = build.site.clone();
        let other_link = format!("{}{other_path}", to_root(&path));
        let map = (map.0, format!("{}{}", to_root(&path), map.1));
        let (p2, h2) = (path.clone(), heading.clone());
        let body = render(build, &to_root(&path), move || {
            view! {
                <AreaPage
                    site=site
                    lang=lang
                    path=p2
                    other_page=other_link
                    heading=h2
                    trail=trail
                    areas=areas
                    outlets=outlets
                    map=Some(map)
                />
            }
        });
        summary.bytes += write(
            &dir.join(&path).join("index.html"),
            &build.document(&head, &body),
        )?;
        summary.pages += 1;
        sitemap.push((path, lang, other_path));
        Ok::<_, SiteError>(())
    };
    let province_links = d
        .provinces
        .iter()
        .enumerate()
        .map(|(p, province)| AreaLink {
            name: province.name.get(lang).to_string(),
            href: build
                .site
                .link(&lang_path(&d.root_path(), lang), &d.province_path(p), lang),
            outlets: province.cities.iter().map(|c| c.outlets.len()).sum(),
        })
        .collect();
    page(
        d.root_path(),
        s.directory.to_string(),
        format!("{brand} · {} · {}", s.directory, s.title),
        (None, None),
        province_links,
        Vec::new(),
        maps.all.clone(),
    )?;
    for (p, province) in d.provinces.iter().enumerate() {
        let from = lang_path(&d.province_path(p), lang);
        let cities = province
            .cities
            .iter()
            .enumerate()
            .map(|(c, city)| AreaLink {
                name: city.name.get(lang).to_string(),
                href: build.site.link(&from, &d.city_path(p, c), lang),
                outlets: city.outlets.len(),
            })
            .collect();
        let outlets = province
            .cities
            .iter()
            .flat_map(|c| c.outlets.iter().copied())
            .collect();
        let name = province.name.get(lang).to_string();
        page(
            d.province_path(p),
            name.clone(),
            format!("{name} · {brand} · {}", s.title),
            (Some(p), None),
            cities,
            outlets,
            maps.provinces[p].clone(),
        )?;
        for (c, city) in province.cities.iter().enumerate() {
            let name = city.name.get(lang).to_string();
            page(
                d.city_path(p, c),
                name.clone(),
                format!(
                    "{name} · {} · {brand} · {}",
                    province.name.get(lang),
                    s.title
                ),
                (Some(p), Some(c)),
                Vec::new(),
                city.outlets.clone(),
                maps.cities[p][c].clone(),
            )?;
        }
    }
    Ok(())
}

/// How many other outlets an outlet page lists.
const NEARBY: usize = 5;

/// One outlet's page in one language: its path, its other language's, and
/// the whole document.
/// The nearest other outlets of the one at `i` (relocated ones left out)
/// and their distances in metres.
fn nearest(build: &Build, i: usize) -> Vec<(usize, f64)> {
    let outlets = &build.site.loaded.data.outlets;
    let at = outlets[i].location;
    build
        .site
        .loaded
        .index
        .nearest(at)
        .filter(|&j| j != i && outlets[j].status != OutletStatus::Relocated)
        .take(NEARBY)
        .map(|j| (j, at.distance_m(outlets[j].location)))
        .collect()
}

fn outlet_document(
    build: &Build,
    maps: &Maps,
    i: usize,
    lang: Lang,
    nearest: Vec<(usize, f64)>,
) -> (String, String, String) {
    let data = &build.site.loaded.data;
    let d = &build.site.dir;
    let o = &data.outlets[i];
    let s = lang.strings();
    let site_path = d.outlet_path(i);
    let path = lang_path(&site_path, lang);
    let other_path = lang_path(&site_path, other(lang));
    let moved_to = o
        .relocated_to
        .as_deref()
        .and_then(|to| data.index_of(to))
        .map(|m| d.outlet_path(m));
    let url = build.address(&path, &path);
    let moved_url = moved_to
        .as_ref()
        .map(|m| build.address(&path, &lang_path(m, lang)));
    let booking = locator_core::booking_links(o, &build.config.booking, lang);
    let facts = PageFacts {
        brand: &data.meta.brand,
        url: &url,
        moved_to_url: moved_url.as_deref(),
        lang,
        booking: &booking,
    };
    let json_ld = script_safe_json(&outlet_json_ld(o, &facts));
    let mut description = vec![s.kind(o.kind).to_string()];
    if let Some(status) = s.status(o.status) {
        description.push(status.to_string());
    }
    description.push(o.address.get(lang).to_string());
    if let Some(phone) = &o.phone {
        description.push(format!("{} {phone}", s.phone));
    }
    let services: Vec<&str> = o.services.iter().map(|sv| s.service(sv)).collect();
    if !services.is_empty() {
        description.push(services.join(", "));
    }
    let head = Head {
        lang,
        title: format!(
            "{} · {} · {}",
            o.name.get(lang),
            o.city.get(lang),
            data.meta.brand.get(lang)
        ),
        description: description.join(" · "),
        path: path.clone(),
        other: other_path.clone(),
        canonical: moved_to
            .filter(|_| o.status == OutletStatus::Relocated)
            .map(|m| lang_path(&m, lang)),
        json_ld: Some(json_ld),
    };
    let (p, c) = d.place_of(i);
    let mut trail = trail(build, &path, lang, (Some(p), Some(c)));
    trail.push((o.name.get(lang).to_string(), String::new()));
    let map = &maps.cities[p][c];
    let map = (map.0, format!("{}{}", to_root(&path), map.1));
    let site = build.site.clone();
    let other_link = format!("{}{other_path}", to_root(&path));
    let p2 = path.clone();
    let body = render(build, &to_root(&path), move || {
        view! {
            <OutletPage
                site=site
                lang=lang
                path=p2
                other_page=other_link
                index=i
                trail=trail
                nearest=nearest
                map=map
            />
        }
    });
    let document = build.document(&head, &body);
    (path, other_path, document)
}

fn write_outlets(
    build: &Build,
    maps: &Maps,
    dir: &Path,
    summary: &mut Summary,
    sitemap: &mut Vec<SitemapPage>,
) -> Result<(), SiteError> {
    let n = build.site.loaded.data.outlets.len();
    let workers = std::thread::available_parallelism()
        .map_or(1, |p| p.get())
        .clamp(1, 8);
    let chunk = n.div_ceil(workers).max(1);
    let results: Vec<Result<(u64, Vec<SitemapPage>), SiteError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|start| {
                scope.spawn(move || {
                    let mut bytes = 0;
                    let mut entries = Vec::new();
                    for i in start..(start + chunk).min(n) {
                        // Found once for both languages' pages.
                        let near = nearest(build, i);
                        for lang in [Lang::Zh, Lang::En] {
                            let (path, other, doc) =
                                outlet_document(build, maps, i, lang, near.clone());
                            bytes += write(&dir.join(&path).join("index.html"), &doc)?;
                            entries.push((path, lang, other));
                        }
                    }
                    Ok((bytes, entries))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a page worker panicked"))
            .collect()
    });
    for r in results {
        let (bytes, entries) = r?;
        summary.bytes += bytes;
        summary.pages += entries.len();
        sitemap.extend(entries);
    }
    Ok(())
}

/// `index.html` with the first view in its body, and a link to the
/// directory after it (for crawlers and for buyers who scroll past the app).
fn prerender(build: &Build, index_html: &str) -> Option<String> {
    let lang = build.config.default_lang.unwrap_or(Lang::Zh);
    // The theme's stylesheet (when there is one) after the app's own.
    let mut index_html = index_html.to_string();
    // An earlier run's (a second run on the same folder) first.
    while let Some(at) = index_html.find("<link rel=\"stylesheet\" href=\"./theme-") {
        let end = at + index_html[at..].find('>')? + 1;
        let end = if index_html[end..].starts_with('\n') {
            end + 1
        } else {
            end
        };
        index_html.replace_range(at..end, "");
    }
    if let Some(theme) = build.styles.iter().find(|s| s.starts_with("theme-")) {
        let head_end = index_html.find("</head>")?;
        index_html.insert_str(
            head_end,
            &format!("<link rel=\"stylesheet\" href=\"./{theme}\">\n"),
        );
    }
    let index_html = index_html.as_str();
    let open = index_html.find("<body")?;
    let end = open + index_html[open..].find('>')? + 1;
    // The view in each language, with the link to the directory after it:
    // the default language's in the page, the other's in a template that
    // the start-up script puts in its place when the app will be in that
    // language (the link's `lang=`, else the browser's when the
    // configuration names no default), before the buyer sees either.
    let first_view = |lang: Lang| {
        let loaded = build.site.loaded.clone();
        let config = Arc::new(build.config.clone());
        let view = render(
            build,
            "",
            move || view! { <FirstView loaded=loaded config=config lang=lang /> },
        );
        format!(
            "{view}<nav class=\"evl-directory-link\"><a href=\"{}\">{}</a></nav>",
            lang_path(&build.site.dir.root_path(), lang),
            lang.strings().directory
        )
    };
    let follows = if build.config.default_lang.is_none() {
        " data-evl-follows-browser"
    } else {
        ""
    };
    // An earlier prerender (a second run on the same folder) is replaced.
    let mut rest = &index_html[end..];
    if let Some(after) = rest.find("<!--evl-prerendered-end-->") {
        rest = &rest[after + "<!--evl-prerendered-end-->".len()..];
    }
    Some(format!(
        "{}\n{}<template data-evl-prerendered-other lang=\"{}\"{follows}>{}</template><!--evl-prerendered-end-->{rest}",
        &index_html[..end],
        first_view(lang),
        other(lang).html_tag(),
        first_view(other(lang)),
    ))
}
