//! The studio's own words, in Chinese and English. (The check's findings
//! are in `evl-data`'s words, which the command line prints too.)

use locator_core::Lang;

/// Every line of the studio's interface, in one language.
#[derive(Debug)]
pub struct Words {
    /// The page's title.
    pub title: &'static str,
    /// What the page is for, under the title.
    pub intro: &'static str,
    /// The other language's name, on the button that switches to it.
    pub other_lang: &'static str,
    /// The steps' names, in order.
    pub steps: [&'static str; 5],
    /// The steps' navigation, for screen readers.
    pub steps_label: &'static str,
    /// The drop zone's text.
    pub drop: &'static str,
    /// The kinds of file it takes.
    pub drop_kinds: &'static str,
    /// The button that opens the site's own dataset.
    pub open_site: &'static str,
    /// Saved work was found: before its name.
    pub saved_found: &'static str,
    /// Take saved work back.
    pub restore: &'static str,
    /// Throw saved work away.
    pub discard: &'static str,
    /// Reading a file.
    pub reading: &'static str,
    /// Checking.
    pub checking: &'static str,
    /// Opened: before the file's name.
    pub opened: &'static str,
    /// Columns step: the table's caption.
    pub columns_caption: &'static str,
    /// Column table headings: the file's column, its first values, its meaning.
    pub columns_head: [&'static str; 3],
    /// The menu entry for a column left out.
    pub left_out: &'static str,
    /// The datum menu's label.
    pub datum: &'static str,
    /// The datums' names: WGS-84, GCJ-02, BD-09.
    pub datums: [&'static str; 3],
    /// Hint: how many points fall in mainland China, then outside.
    pub datum_hint: fn(usize, usize) -> String,
    /// The brand name fields: Chinese, English.
    pub brand: [&'static str; 2],
    /// The dataset's `updated` day.
    pub updated: &'static str,
    /// Check step: the counts (records, kept, errors, warnings).
    pub counts: fn(usize, usize, usize, usize) -> String,
    /// Headings of the two lists.
    pub errors: &'static str,
    /// The warnings' heading.
    pub warnings: &'static str,
    /// No problem found.
    pub no_problems: &'static str,
    /// The record form's heading: before the record number.
    pub record: &'static str,
    /// Save the record and check again.
    pub save_record: &'static str,
    /// Close the record form.
    pub close: &'static str,
    /// A packed file cannot be edited.
    pub read_only: &'static str,
    /// The preview's heading.
    pub preview: &'static str,
    /// Nothing to preview yet.
    pub no_preview: &'static str,
    /// Configure step: the settings' labels, as [`crate::settings::FIELDS`].
    pub fields: [&'static str; 8],
    /// Embedding: the allowed parent origins, one per line.
    pub parent_origins: &'static str,
    /// Hints under fields, as [`crate::settings::FIELDS`] ("" for none).
    pub field_hints: [&'static str; 8],
    /// The settings are valid.
    pub settings_ok: &'static str,
    /// Export step: the download buttons (GeoJSON, pack, config).
    pub downloads: [&'static str; 3],
    /// Export step: where the downloaded files go.
    pub publish: &'static str,
    /// Records left out of the export, with errors.
    pub left_out_of_export: fn(usize) -> String,
    /// The snippets' headings: iframe, in-page.
    pub snippets: [&'static str; 2],
    /// Copy a snippet.
    pub copy: &'static str,
    /// Copied.
    pub copied: &'static str,
    /// Next step.
    pub next: &'static str,
    /// Open a sheet first (the columns step without one).
    pub no_sheet: &'static str,
    /// Open something first.
    pub nothing_open: &'static str,
    /// The work is saved in this browser.
    pub saved_here: &'static str,
}

/// The studio's words in `lang`.
pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

const ZH: Words = Words {
    title: "门店网络工作台",
    intro: "导入、检查、预览、配置并导出门店数据。一切都在本浏览器内完成，文件不会上传。",
    other_lang: "English",
    steps: ["打开", "对应列", "检查", "配置", "导出"],
    steps_label: "步骤",
    drop: "把文件拖到这里，或点此选择文件",
    drop_kinds: "CSV 或制表符分隔（UTF-8 或 GBK）、outlets.geojson、.evlpack",
    open_site: "从本站当前的数据开始",
    saved_found: "本浏览器保存了未完成的工作：",
    restore: "继续",
    discard: "丢弃",
    reading: "正在读取…",
    checking: "正在检查…",
    opened: "已打开：",
    columns_caption: "文件的每一列及其含义",
    columns_head: ["文件中的列", "前几行的值", "对应字段"],
    left_out: "（不导入）",
    datum: "坐标系",
    datums: ["WGS-84（GPS）", "GCJ-02（高德、腾讯）", "BD-09（百度）"],
    datum_hint: |inside, outside| {
        if inside + outside == 0 {
            "还没有可读的坐标。".into()
        } else if inside >= outside {
            format!("{inside} 个点在中国大陆、{outside} 个在外：中国的地图坐标多为 GCJ-02（高德、腾讯）或 BD-09（百度）；GPS 设备给出的是 WGS-84。")
        } else {
            format!("{inside} 个点在中国大陆、{outside} 个在外：大陆以外的坐标一般是 WGS-84。")
        }
    },
    brand: ["品牌名（中文）", "品牌名（英文）"],
    updated: "数据核对日期",
    counts: |records, kept, errors, warnings| {
        format!("共 {records} 条记录，{kept} 条可用；{errors} 个错误，{warnings} 个警告")
    },
    errors: "错误（这些记录不会导出）",
    warnings: "警告（记录保留）",
    no_problems: "没有发现问题。",
    record: "记录",
    save_record: "保存并重新检查",
    close: "关闭",
    read_only: "打包文件（.evlpack）不能修改：请打开它的 GeoJSON。",
    preview: "预览（买家看到的样子）",
    no_preview: "打开并检查数据后，这里显示门店查询的预览。",
    fields: [
        "默认语言",
        "品牌色",
        "合作伙伴色",
        "字体",
        "圆角",
        "配色",
        "底图",
        "站点地址（site.base_url）",
    ],
    parent_origins: "允许嵌入本查询的网站（每行一个，如 https://www.brand.cn）",
    field_hints: [
        "",
        "如 #0a7cff",
        "如 #5b6b7f",
        "字体名，如 \"PingFang SC\", sans-serif",
        "如 8px",
        "",
        "",
        "如 https://www.brand.cn/locator/",
    ],
    settings_ok: "配置有效。",
    downloads: [
        "下载 outlets.geojson",
        "下载 outlets.evlpack",
        "下载 config.json",
    ],
    publish: "把 outlets.geojson 放进 public/data/、config.json 放进 public/，再构建一次：构建会打包数据并写出静态页面。已构建的站点要同时替换 data/outlets.geojson 和 data/outlets.evlpack（只换 GeoJSON，买家看到的仍是旧的打包数据）。",
    left_out_of_export: |n| format!("有错误的 {n} 条记录不会导出：先在“检查”中修正。"),
    snippets: ["嵌入代码：iframe", "嵌入代码：页面内"],
    copy: "复制",
    copied: "已复制",
    next: "下一步",
    no_sheet: "只有表格文件（CSV）需要对应列。",
    nothing_open: "请先打开一个文件。",
    saved_here: "工作进度已保存在本浏览器。",
};

const EN: Words = Words {
    title: "Network studio",
    intro: "Import, check, preview, configure and export the outlet data. Everything happens in this browser; no file is uploaded.",
    other_lang: "中文",
    steps: ["Open", "Columns", "Check", "Configure", "Export"],
    steps_label: "Steps",
    drop: "Drop a file here, or click to choose one",
    drop_kinds: "CSV or tab-separated (UTF-8 or GBK), outlets.geojson, .evlpack",
    open_site: "Start from the site's current data",
    saved_found: "This browser kept unfinished work: ",
    restore: "Continue",
    discard: "Discard",
    reading: "Reading…",
    checking: "Checking…",
    opened: "Opened: ",
    columns_caption: "The file's columns and what they mean",
    columns_head: ["Column in the file", "First values", "Field"],
    left_out: "(not imported)",
    datum: "Coordinates",
    datums: ["WGS-84 (GPS)", "GCJ-02 (Amap, Tencent)", "BD-09 (Baidu)"],
    datum_hint: |inside, outside| {
        if inside + outside == 0 {
            "No coordinates can be read yet.".into()
        } else if inside >= outside {
            format!("{inside} points fall in mainland China, {outside} outside: Chinese maps mostly give GCJ-02 (Amap, Tencent) or BD-09 (Baidu); GPS devices give WGS-84.")
        } else {
            format!("{inside} points fall in mainland China, {outside} outside: coordinates outside it are usually WGS-84.")
        }
    },
    brand: ["Brand name (Chinese)", "Brand name (English)"],
    updated: "Data checked on",
    counts: |records, kept, errors, warnings| {
        format!("{records} records, {kept} usable; {errors} errors, {warnings} warnings")
    },
    errors: "Errors (these records are not exported)",
    warnings: "Warnings (the records are kept)",
    no_problems: "No problems found.",
    record: "Record",
    save_record: "Save and check again",
    close: "Close",
    read_only: "A packed file (.evlpack) cannot be changed: open its GeoJSON.",
    preview: "Preview (what a buyer sees)",
    no_preview: "Open and check data to preview the locator here.",
    fields: ["Default language", "Brand colour", "Partner colour", "Font", "Corner radius", "Colour scheme", "Base map", "Site address (site.base_url)"],
    parent_origins: "Sites allowed to embed the locator (one per line, as https://www.brand.cn)",
    field_hints: ["", "as #0a7cff", "as #5b6b7f", "font names, as \"PingFang SC\", sans-serif", "as 8px", "", "", "as https://www.brand.cn/locator/"],
    settings_ok: "The settings are valid.",
    downloads: ["Download outlets.geojson", "Download outlets.evlpack", "Download config.json"],
    publish: "Put outlets.geojson in public/data/ and config.json in public/, then build again: the build packs the data and writes the static pages. On a site already built, replace data/outlets.geojson and data/outlets.evlpack together (with the GeoJSON alone, buyers still get the old pack).",
    left_out_of_export: |n| format!("{n} records with errors are left out of the export: fix them in Check first."),
    snippets: ["Embed: iframe", "Embed: in the page"],
    copy: "Copy",
    copied: "Copied",
    next: "Next step",
    no_sheet: "Only a sheet (CSV) has columns to map.",
    nothing_open: "Open a file first.",
    saved_here: "The work is saved in this browser.",
};
