//! The interface's words in Simplified Chinese and English.
//!
//! Each language is one [`Strings`] value, so a string missing in one
//! language is a compile error, not a blank on screen. Words that carry a
//! number are functions ([`format_distance`], [`format_count`]).

use crate::directions::MapProvider;
use crate::hours::{format_time_of_day, Day, Moment, OpenState};
use crate::outlet::{OutletKind, OutletStatus};
use crate::service::Service;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Simplified Chinese, the default for Chinese browsers.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The id used in URLs (`lang=zh`) and in HTML `lang` attributes (`zh-CN`
    /// is written by [`Lang::html_tag`]).
    pub fn id(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language with this URL id.
    pub fn from_id(id: &str) -> Option<Lang> {
        match id {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language for a browser's preferred language tags (`zh-CN`,
    /// `en-US`, ...): Chinese if the first tag is Chinese, else English.
    ///
    /// ```
    /// use locator_core::Lang;
    /// assert_eq!(Lang::from_browser(&["zh-CN", "en"]), Lang::Zh);
    /// assert_eq!(Lang::from_browser(&["de-DE", "zh"]), Lang::En);
    /// ```
    pub fn from_browser<S: AsRef<str>>(tags: &[S]) -> Lang {
        match tags.first() {
            Some(t) if t.as_ref().to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            _ => Lang::En,
        }
    }

    /// The BCP 47 tag for the page's `lang` attribute.
    pub fn html_tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The interface's words in this language.
    pub fn strings(self) -> &'static Strings {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// Why the browser could not give the buyer's position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocateFailure {
    /// The page is not a secure context (not HTTPS), so browsers refuse.
    Insecure,
    /// The browser has no Geolocation API.
    Unsupported,
    /// The buyer (or a policy) refused permission.
    Denied,
    /// The device could not determine a position.
    Unavailable,
    /// No position came in time.
    Timeout,
}

impl LocateFailure {
    /// The failure's name in lower case (`denied`), for the page's
    /// `data-failure`.
    pub fn id(self) -> &'static str {
        match self {
            LocateFailure::Insecure => "insecure",
            LocateFailure::Unsupported => "unsupported",
            LocateFailure::Denied => "denied",
            LocateFailure::Unavailable => "unavailable",
            LocateFailure::Timeout => "timeout",
        }
    }
}

/// Every fixed string of the interface, in one language.
#[derive(Debug)]
pub struct Strings {
    /// Subtitle after the brand's name in the header.
    pub title: &'static str,
    /// Banner shown when the dataset is sample data.
    pub sample_banner: &'static str,
    /// While the dataset loads.
    pub loading: &'static str,
    /// Heading of a fatal loading error.
    pub load_failed: &'static str,
    /// Retry button.
    pub retry: &'static str,
    /// Heading of the list of ignored URL parameters.
    pub url_warning_heading: &'static str,
    /// Dismiss button of a notice.
    pub dismiss: &'static str,
    /// Label of the kind filter group.
    pub kind_label: &'static str,
    /// Both kinds.
    pub kind_all: &'static str,
    /// Label of the service filter group.
    pub services_label: &'static str,
    /// Button that clears the filters.
    pub clear_filters: &'static str,
    /// Empty list.
    pub no_results: &'static str,
    /// Hint when no origin is set.
    pub origin_hint: &'static str,
    /// Caption when an origin is set.
    pub origin_set: &'static str,
    /// Button that clears the origin.
    pub clear_origin: &'static str,
    /// Accessible name of the map.
    pub map_label: &'static str,
    /// Accessible name of the list.
    pub list_label: &'static str,
    /// Heading of the legend.
    pub legend: &'static str,
    /// Legend entry for the buyer's position.
    pub your_location: &'static str,
    /// Prefix of the data's date.
    pub updated: &'static str,
    /// Label of a partner's dealer group.
    pub dealer_group: &'static str,
    /// Before a relocated outlet's new home.
    pub moved_to: &'static str,
    /// Before a coming-soon outlet's opening date.
    pub expected_opening: &'static str,
    /// Label of the phone number.
    pub phone: &'static str,
    /// Note that distances are straight-line.
    pub straight_line: &'static str,
    /// Caption of the schematic base map.
    pub basemap_note: &'static str,
    /// Name of the other language, on the language switch.
    pub other_language: &'static str,
    /// Label of the "show on map" action of a list row.
    pub select: &'static str,
    /// Button that fits the map to the results.
    pub fit_results: &'static str,
    /// Button that ranks from the centre of the map's view.
    pub search_area: &'static str,
    /// In the map's place when its library could not be loaded.
    pub map_failed: &'static str,
    /// Button that tries to load the map again.
    pub map_retry: &'static str,
    /// Legend entry for a cluster marker.
    pub legend_cluster: &'static str,
    /// Label of the radius choice.
    pub radius_label: &'static str,
    /// No radius.
    pub radius_any: &'static str,
    /// The "use my location" button.
    pub locate: &'static str,
    /// While the browser looks for the position.
    pub locating: &'static str,
    /// Button that moves to the search box when locating failed.
    pub search_instead: &'static str,
    /// Filter: outlets open now.
    pub open_now: &'static str,
    /// Button that closes the details.
    pub details_close: &'static str,
    /// Heading of the selected outlet's details.
    pub details_heading: &'static str,
    /// Label of the search box.
    pub search_label: &'static str,
    /// Placeholder of the search box.
    pub search_placeholder: &'static str,
    /// While the place list loads.
    pub search_loading: &'static str,
    /// Status of the search box when its worker cannot run.
    pub search_failed: &'static str,
    /// Marks a place in the suggestions.
    pub search_place: &'static str,

    /// Heading of the week's opening hours.
    pub hours_heading: &'static str,
    /// When an outlet publishes no hours.
    pub hours_not_published: &'static str,
    /// Marks today in the week's hours.
    pub today: &'static str,
    /// A closed day.
    pub closed: &'static str,
    /// Heading of the directions links.
    pub directions: &'static str,
    /// Button that copies the outlet's link.
    pub share: &'static str,
    /// After the link was copied.
    pub copied: &'static str,
    /// Heading of the nearest outlet for each service.
    pub service_panel_heading: &'static str,
    /// No outlet offers a service.
    pub none_offers: &'static str,
    /// Before the names of outlets whose mobile service covers the origin.
    pub mobile_service: &'static str,
    /// Label of the address.
    pub address: &'static str,
    /// Heading of an outlet's services.
    pub services_heading: &'static str,
    /// Label of the phone layout's list/map switch.
    pub pane_label: &'static str,
    /// The switch's button that shows the list.
    pub pane_list: &'static str,
    /// The switch's button that shows the map.
    pub pane_map: &'static str,
    /// Title of the map's zoom-in button.
    pub zoom_in: &'static str,
    /// Title of the map's zoom-out button.
    pub zoom_out: &'static str,
    /// Label of a map popup's close button.
    pub close_popup: &'static str,
    /// Link to an outlet's web page.
    pub website: &'static str,
    /// Heading of the dated exceptions to the weekly hours.
    pub special_hours: &'static str,
    /// Title of the static directory of all outlets.
    pub directory: &'static str,
    /// Heading of the nearest other outlets on an outlet's page.
    pub nearby: &'static str,
    /// Link from a static page into the locator.
    pub open_in_locator: &'static str,
    /// Label of the breadcrumb trail of a static page.
    pub breadcrumb: &'static str,
}

static ZH: Strings = Strings {
    title: "门店与服务网点",
    sample_banner: "示例数据：以下门店、地址与电话均为虚构，仅供演示。",
    loading: "正在加载门店…",
    load_failed: "无法加载门店数据",
    retry: "重试",
    url_warning_heading: "链接中的部分参数无法识别，已忽略：",
    dismiss: "关闭",
    kind_label: "门店类型",
    kind_all: "全部",
    services_label: "服务",
    clear_filters: "清除筛选",
    no_results: "没有符合条件的门店。",
    origin_hint: "点击地图设置您的位置，列表将按距离排序。",
    origin_set: "已按您选择的位置排序",
    clear_origin: "清除位置",
    map_label: "门店地图",
    list_label: "门店列表",
    legend: "图例",
    your_location: "您的位置",
    updated: "数据更新于",
    dealer_group: "所属集团",
    moved_to: "已迁至",
    expected_opening: "预计开业",
    phone: "电话",
    straight_line: "直线距离",
    basemap_note: "示意底图，仅供参考",
    other_language: "English",
    select: "在地图上查看",
    fit_results: "显示全部结果",
    search_area: "搜索此区域",
    map_failed: "地图未能加载，门店列表仍可使用。请检查网络后重试。",
    map_retry: "重新加载地图",
    legend_cluster: "多家门店（蓝色比例为直营店）",
    radius_label: "范围",
    radius_any: "不限距离",
    locate: "使用我的位置",
    locating: "正在定位…",
    search_instead: "改为搜索地点",
    open_now: "营业中",
    details_close: "关闭详情",
    details_heading: "门店详情",
    search_label: "搜索城市、区县或门店",
    search_placeholder: "如：上海、静安、sh、jingan",
    search_loading: "正在加载地名…",
    search_failed: "搜索暂时无法使用，请稍后再试或刷新页面",
    search_place: "地点",

    hours_heading: "营业时间",
    hours_not_published: "未公布营业时间",
    today: "今天",
    closed: "休息",
    directions: "导航前往",
    share: "复制分享链接",
    copied: "链接已复制",
    service_panel_heading: "离您最近的服务网点",
    none_offers: "暂无门店提供",
    mobile_service: "此处可享上门服务：",
    address: "地址",
    services_heading: "提供服务",
    pane_label: "显示",
    pane_list: "列表",
    pane_map: "地图",
    zoom_in: "放大",
    zoom_out: "缩小",
    close_popup: "关闭弹窗",
    website: "门店网页",
    special_hours: "特殊营业时间",
    directory: "全部门店",
    nearby: "附近的其他门店",
    open_in_locator: "在门店地图中查看",
    breadcrumb: "位置",
};

static EN: Strings = Strings {
    title: "Stores and service partners",
    sample_banner: "Sample data: these outlets, addresses and phone numbers are made up, for demonstration only.",
    loading: "Loading outlets…",
    load_failed: "The outlet list could not be loaded",
    retry: "Retry",
    url_warning_heading: "Some parameters of the link were not understood and were ignored:",
    dismiss: "Dismiss",
    kind_label: "Type",
    kind_all: "All",
    services_label: "Services",
    clear_filters: "Clear filters",
    no_results: "No outlet matches these filters.",
    origin_hint: "Click the map to set your location; the list will sort by distance.",
    origin_set: "Sorted by distance from the point you chose",
    clear_origin: "Clear location",
    map_label: "Map of outlets",
    list_label: "List of outlets",
    legend: "Legend",
    your_location: "Your location",
    updated: "Data updated",
    dealer_group: "Dealer group",
    moved_to: "Moved to",
    expected_opening: "Expected to open",
    phone: "Phone",
    straight_line: "straight-line distance",
    basemap_note: "Schematic base map, not for navigation",
    other_language: "中文",
    select: "Show on map",
    fit_results: "Fit to results",
    search_area: "Search this area",
    map_failed: "The map could not be loaded; the list still works. Check your connection and try again.",
    map_retry: "Load the map again",
    legend_cluster: "Several outlets (blue share: EV Home)",
    radius_label: "Within",
    radius_any: "Any distance",
    locate: "Use my location",
    locating: "Finding your location…",
    search_instead: "Search for a place instead",
    open_now: "Open now",
    details_close: "Close details",
    details_heading: "Outlet details",
    search_label: "Search a city, district or outlet",
    search_placeholder: "e.g. Shanghai, Jing'an, sh",
    search_loading: "Loading places…",
    search_failed: "Search is unavailable right now; try again later or reload the page",
    search_place: "Place",

    hours_heading: "Opening hours",
    hours_not_published: "Opening hours not published",
    today: "today",
    closed: "Closed",
    directions: "Directions",
    share: "Copy link to this outlet",
    copied: "Link copied",
    service_panel_heading: "Nearest for each service",
    none_offers: "No outlet offers this",
    mobile_service: "Mobile service available here from",
    address: "Address",
    services_heading: "Services",
    pane_label: "Show",
    pane_list: "List",
    pane_map: "Map",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    close_popup: "Close popup",
    website: "Web page",
    special_hours: "Special opening hours",
    directory: "All outlets",
    nearby: "Other outlets nearby",
    open_in_locator: "Open in the store locator",
    breadcrumb: "You are here",
};

impl Strings {
    /// Name of an outlet kind.
    pub fn kind(&self, kind: OutletKind) -> &'static str {
        match (std::ptr::eq(self, &ZH), kind) {
            (true, OutletKind::EvHome) => "EV Home 直营店",
            (true, OutletKind::Partner) => "授权合作伙伴",
            (false, OutletKind::EvHome) => "EV Home store",
            (false, OutletKind::Partner) => "Authorized partner",
        }
    }

    /// Name of a status, or `None` for open outlets (nothing to say).
    pub fn status(&self, status: OutletStatus) -> Option<&'static str> {
        let zh = std::ptr::eq(self, &ZH);
        match status {
            OutletStatus::Open => None,
            OutletStatus::ComingSoon => Some(if zh { "即将开业" } else { "Coming soon" }),
            OutletStatus::Relocated => Some(if zh { "已搬迁" } else { "Relocated" }),
        }
    }

    /// Name of a service.
    pub fn service(&self, service: Service) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        match service {
            Service::Sales => {
                if zh {
                    "销售"
                } else {
                    "Sales"
                }
            }
            Service::TestDrive => {
                if zh {
                    "试驾"
                } else {
                    "Test drive"
                }
            }
            Service::Delivery => {
                if zh {
                    "交付"
                } else {
                    "Delivery"
                }
            }
            Service::AfterSales => {
                if zh {
                    "售后服务"
                } else {
                    "After-sales service"
                }
            }
            Service::BodyPaint => {
                if zh {
                    "钣金喷漆"
                } else {
                    "Body and paint"
                }
            }
            Service::Charging => {
                if zh {
                    "充电"
                } else {
                    "Charging"
                }
            }
        }
    }
}

impl Strings {
    /// Heading of the notice naming the records left out of the list.
    pub fn rejected_heading(&self, count: usize) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("{count} 家门店的数据有误，未能显示：")
        } else if count == 1 {
            "1 outlet could not be shown:".to_string()
        } else {
            format!("{count} outlets could not be shown:")
        }
    }

    /// The button that draws more rows of a long list.
    pub fn show_more(&self, step: usize, shown: usize, total: usize) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("再显示 {step} 家（已显示 {shown} / {total} 家）")
        } else {
            format!(
                "Show {step} more ({} of {} shown)",
                group_thousands(shown as u64),
                group_thousands(total as u64)
            )
        }
    }

    /// Heading of a list of outlets at the same address.
    pub fn same_place(&self, count: usize) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("同一地点的 {count} 家门店")
        } else {
            format!("{count} outlets at this address")
        }
    }

    /// What went wrong when locating the buyer, and what to do instead.
    pub fn locate_failure(&self, failure: LocateFailure) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        match (failure, zh) {
            (LocateFailure::Insecure, true) => "此页面不是通过 HTTPS 打开的，浏览器不允许定位。请搜索地点，或在地图上点击您的位置。",
            (LocateFailure::Insecure, false) => "This page is not served over HTTPS, so the browser does not allow locating you. Search for a place, or click your position on the map.",
            (LocateFailure::Unsupported, true) => "此浏览器不支持定位。请搜索地点，或在地图上点击您的位置。",
            (LocateFailure::Unsupported, false) => "This browser cannot tell your location. Search for a place, or click your position on the map.",
            (LocateFailure::Denied, true) => "您未允许获取位置。可在浏览器设置中开启，或搜索地点、在地图上点击您的位置。",
            (LocateFailure::Denied, false) => "Location permission was denied. Allow it in your browser's settings, or search for a place, or click your position on the map.",
            (LocateFailure::Unavailable, true) => "暂时无法确定您的位置。请搜索地点，或在地图上点击您的位置。",
            (LocateFailure::Unavailable, false) => "Your position could not be determined. Search for a place, or click your position on the map.",
            (LocateFailure::Timeout, true) => "定位超时。请重试，或搜索地点、在地图上点击您的位置。",
            (LocateFailure::Timeout, false) => "Finding your position took too long. Try again, or search for a place, or click your position on the map.",
        }
    }

    /// Name of a map app, for its directions link.
    pub fn map_provider(&self, provider: MapProvider) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        match (provider, zh) {
            (MapProvider::Amap, true) => "高德地图",
            (MapProvider::Amap, false) => "AutoNavi (Amap)",
            (MapProvider::Baidu, true) => "百度地图",
            (MapProvider::Baidu, false) => "Baidu Maps",
            (MapProvider::Apple, true) => "Apple 地图",
            (MapProvider::Apple, false) => "Apple Maps",
            (MapProvider::Google, true) => "Google 地图",
            (MapProvider::Google, false) => "Google Maps",
        }
    }

    /// Name of a day of the week ("周三", "Wednesday").
    pub fn day_name(&self, day: Day) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        let i = Day::ALL.iter().position(|d| *d == day).unwrap_or(0);
        if zh {
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i]
        } else {
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ][i]
        }
    }

    /// When a coming opening or closing falls: "21:00", "tomorrow at 02:00",
    /// "Wednesday at 10:00".
    fn moment(&self, m: &Moment) -> String {
        let zh = std::ptr::eq(self, &ZH);
        let time = format_time_of_day(m.minute);
        match (m.days_ahead, zh) {
            (0, true) => format!("今天 {time}"),
            (0, false) => time,
            (1, true) => format!("明天 {time}"),
            (1, false) => format!("tomorrow at {time}"),
            (_, true) => format!("{} {time}", self.day_name(m.weekday)),
            (_, false) => format!("{} at {time}", self.day_name(m.weekday)),
        }
    }

    /// The opening state in words: "Open now · closes 21:00", "Opens
    /// tomorrow at 10:00", "Closed today (Spring Festival)".
    ///
    /// ```
    /// use locator_core::{Date, Day, Lang, Moment, OpenState};
    /// let m = Moment { date: "2027-02-08".parse().unwrap(), weekday: Day::Mon, days_ahead: 0, minute: 1260 };
    /// let state = OpenState::OpenNow { closes: Some(m), note: None };
    /// assert_eq!(Lang::En.strings().open_state(&state, Lang::En), "Open now · closes 21:00");
    /// assert_eq!(Lang::Zh.strings().open_state(&state, Lang::Zh), "营业中 · 今天 21:00 打烊");
    /// ```
    pub fn open_state(&self, state: &OpenState, lang: Lang) -> String {
        let zh = std::ptr::eq(self, &ZH);
        let note = |n: &Option<crate::text::LocalText>| n.as_ref().map(|t| t.get(lang).to_string());
        match state {
            OpenState::OpenNow {
                closes: Some(m), ..
            } if zh => format!("营业中 · {} 打烊", self.moment(m)),
            OpenState::OpenNow {
                closes: Some(m), ..
            } => format!("Open now · closes {}", self.moment(m)),
            OpenState::OpenNow { closes: None, .. } => (if zh {
                "24 小时营业"
            } else {
                "Open 24 hours"
            })
            .into(),
            OpenState::OpensLater { opens, .. } if zh => {
                format!("休息中 · {} 开门", self.moment(opens))
            }
            OpenState::OpensLater { opens, .. } if opens.days_ahead == 0 => {
                format!("Closed · opens at {}", self.moment(opens))
            }
            OpenState::OpensLater { opens, .. } => format!("Closed · opens {}", self.moment(opens)),
            OpenState::ClosedToday { note: n, .. } => match (note(n), zh) {
                (Some(n), true) => format!("今日休息（{n}）"),
                (None, true) => "今日休息".into(),
                (Some(n), false) => format!("Closed today ({n})"),
                (None, false) => "Closed today".into(),
            },
            OpenState::ClosedUntilFurtherNotice => (if zh {
                "暂停营业"
            } else {
                "Closed until further notice"
            })
            .into(),
        }
    }

    /// The search found nothing.
    pub fn search_none(&self, query: &str) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("没有找到与“{query}”相符的地点或门店。可换个写法，或在地图上点击您的位置。")
        } else {
            format!("No place or outlet matches “{query}”. Try another spelling, or click your position on the map.")
        }
    }

    /// Note when no outlet lies within the chosen radius.
    pub fn none_within(&self, radius_km: f64, nearest_m: f64) -> String {
        let lang = if std::ptr::eq(self, &ZH) {
            Lang::Zh
        } else {
            Lang::En
        };
        let (r, d) = (
            format_distance(radius_km * 1000.0, lang),
            format_distance(nearest_m, lang),
        );
        match lang {
            Lang::Zh => format!("{r} 范围内没有符合条件的门店，以下为最近的门店（最近的相距 {d}，直线距离）。"),
            Lang::En => format!("No outlet within {r}. These are the nearest; the first is {d} away (straight line)."),
        }
    }

    /// Accessible name of a cluster: "12 outlets: 7 EV Home, 5 partners".
    pub fn cluster_label(&self, count: usize, ev_home: usize, partner: usize) -> String {
        if std::ptr::eq(self, &ZH) {
            format!("{count} 家门店：EV Home 直营店 {ev_home} 家，授权合作伙伴 {partner} 家")
        } else {
            let plural = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            format!(
                "{}: {}, {}",
                plural(count, "outlet", "outlets"),
                plural(ev_home, "EV Home store", "EV Home stores"),
                plural(partner, "partner", "partners")
            )
        }
    }
}

/// A distance for people: metres under 1 km, one decimal under 100 km,
/// whole kilometres beyond.
///
/// ```
/// use locator_core::{format_distance, Lang};
/// assert_eq!(format_distance(850.4, Lang::En), "850 m");
/// assert_eq!(format_distance(1_249.0, Lang::Zh), "1.2 公里");
/// assert_eq!(format_distance(1_067_300.0, Lang::En), "1,067 km");
/// ```
pub fn format_distance(distance_m: f64, lang: Lang) -> String {
    let (m, km) = match lang {
        Lang::Zh => ("米", "公里"),
        Lang::En => ("m", "km"),
    };
    if distance_m < 1000.0 {
        format!("{} {m}", distance_m.round() as u64)
    } else if distance_m < 100_000.0 {
        format!("{:.1} {km}", distance_m / 1000.0)
    } else {
        format!(
            "{} {km}",
            group_thousands((distance_m / 1000.0).round() as u64)
        )
    }
}

/// "12 outlets" / "共 12 家门店"; `total` adds "of N" when filters hide some.
///
/// ```
/// use locator_core::{format_count, Lang};
/// assert_eq!(format_count(1, 1, Lang::En), "1 outlet");
/// assert_eq!(format_count(12, 300, Lang::En), "12 of 300 outlets");
/// assert_eq!(format_count(12, 300, Lang::Zh), "显示 12 家，共 300 家");
/// ```
pub fn format_count(shown: usize, total: usize, lang: Lang) -> String {
    match (lang, shown == total) {
        (Lang::Zh, true) => format!("共 {shown} 家门店"),
        (Lang::Zh, false) => format!("显示 {shown} 家，共 {total} 家"),
        (Lang::En, true) if shown == 1 => "1 outlet".to_string(),
        (Lang::En, true) => format!("{} outlets", group_thousands(shown as u64)),
        (Lang::En, false) => format!(
            "{} of {} outlets",
            group_thousands(shown as u64),
            group_thousands(total as u64)
        ),
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_failure_ids_are_lowercase_names() {
        use LocateFailure::*;
        for f in [Insecure, Unsupported, Denied, Unavailable, Timeout] {
            assert_eq!(f.id(), format!("{f:?}").to_lowercase());
        }
    }

    #[test]
    fn distances_round_sensibly() {
        assert_eq!(format_distance(0.0, Lang::En), "0 m");
        assert_eq!(format_distance(999.4, Lang::Zh), "999 米");
        assert_eq!(format_distance(99_949.0, Lang::En), "99.9 km");
        assert_eq!(format_distance(100_000.0, Lang::En), "100 km");
        assert_eq!(format_distance(2_345_678.0, Lang::En), "2,346 km");
    }

    #[test]
    fn words_differ_by_language() {
        assert_eq!(Lang::Zh.strings().service(Service::BodyPaint), "钣金喷漆");
        assert_eq!(
            Lang::En.strings().kind(OutletKind::Partner),
            "Authorized partner"
        );
        assert_eq!(Lang::En.strings().status(OutletStatus::Open), None);
        assert_eq!(
            Lang::Zh.strings().status(OutletStatus::ComingSoon),
            Some("即将开业")
        );
    }
}
