//! Guessing what the columns of a brand's own spreadsheet mean, from their
//! header names in Chinese or English and a few of their cells.
//!
//! A regional sales team's sheet says `门店名称`, `详细地址`, `经度` or
//! `Store Name`, not our layout's `name_zh`, `address_zh`, `lng`. The studio
//! proposes a column of the layout ([`COLUMNS`]) for each header by its
//! name, and the person checks the proposal: a guess is never imported
//! without being shown. A text column whose header names no language
//! (`名称`, `Name`) takes the language its cells are written in.

use crate::import::COLUMNS;

/// Header names (lower case, without spaces, `_`, `-`, brackets and
/// punctuation) that mean a column of the layout. Texts are given by stem
/// (`name`), their language found apart.
const NAMES: &[(&str, &[&str])] = &[
    (
        "id",
        &[
            "id",
            "编号",
            "门店编号",
            "门店编码",
            "网点编号",
            "网点编码",
            "编码",
            "代码",
            "门店代码",
            "storeid",
            "storecode",
            "outletid",
            "code",
        ],
    ),
    (
        "kind",
        &[
            "kind",
            "type",
            "类型",
            "门店类型",
            "网点类型",
            "storetype",
            "outlettype",
            "渠道类型",
        ],
    ),
    ("status", &["status", "状态", "营业状态", "门店状态"]),
    (
        "relocated_to",
        &["relocatedto", "迁至", "迁址至", "新址编号", "新门店编号"],
    ),
    (
        "opening_date",
        &[
            "openingdate",
            "opening",
            "开业日期",
            "开业时间",
            "开店日期",
            "opendate",
        ],
    ),
    (
        "name",
        &[
            "name",
            "名称",
            "门店名称",
            "网点名称",
            "店名",
            "门店名",
            "门店",
            "storename",
            "outletname",
        ],
    ),
    (
        "address",
        &[
            "address",
            "地址",
            "门店地址",
            "详细地址",
            "网点地址",
            "storeaddress",
            "street",
        ],
    ),
    ("city", &["city", "城市", "市", "所在城市", "城市名称"]),
    (
        "province",
        &[
            "province",
            "省",
            "省份",
            "所在省份",
            "省市",
            "省直辖市",
            "省份直辖市",
            "region",
        ],
    ),
    ("lat", &["lat", "latitude", "纬度", "y", "维度"]),
    ("lng", &["lng", "lon", "long", "longitude", "经度", "x"]),
    (
        "phone",
        &[
            "phone",
            "tel",
            "telephone",
            "电话",
            "联系电话",
            "门店电话",
            "客服电话",
            "热线",
            "phonenumber",
        ],
    ),
    (
        "website",
        &["website", "url", "web", "网址", "网站", "链接", "官网"],
    ),
    (
        "services",
        &[
            "services",
            "service",
            "服务",
            "服务项目",
            "业务",
            "业务范围",
            "服务内容",
        ],
    ),
    (
        "partner_group",
        &[
            "partnergroup",
            "group",
            "dealergroup",
            "集团",
            "经销商集团",
            "所属集团",
            "投资人",
            "经销商",
        ],
    ),
    ("mon", &["mon", "monday", "周一", "星期一"]),
    ("tue", &["tue", "tuesday", "周二", "星期二"]),
    ("wed", &["wed", "wednesday", "周三", "星期三"]),
    ("thu", &["thu", "thursday", "周四", "星期四"]),
    ("fri", &["fri", "friday", "周五", "星期五"]),
    ("sat", &["sat", "saturday", "周六", "星期六"]),
    ("sun", &["sun", "sunday", "周日", "星期日", "星期天"]),
    (
        "mobile_services",
        &["mobileservices", "mobileservice", "上门服务", "移动服务"],
    ),
    (
        "mobile_radius_km",
        &[
            "mobileradiuskm",
            "mobileradius",
            "服务半径",
            "服务半径km",
            "上门服务半径",
        ],
    ),
];

/// Stems of the columns written in two languages (`name_zh`, `name_en`).
const TEXTS: [&str; 5] = ["name", "address", "city", "province", "partner_group"];

/// Words in a header that say its language, and what they leave.
const ZH_MARKS: [&str; 5] = ["中文", "汉字", "zh", "cn", "chinese"];
const EN_MARKS: [&str; 3] = ["英文", "english", "en"];

/// A header name reduced to compare: lower case, without white space,
/// `_`, `-`, `/`, `.`, `:` and brackets of either width.
fn normalized(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-'
                        | '/'
                        | '.'
                        | ':'
                        | '：'
                        | '('
                        | ')'
                        | '（'
                        | '）'
                        | '['
                        | ']'
                        | '【'
                        | '】'
                        | '、'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `text` has a Chinese character.
fn has_han(text: &str) -> bool {
    text.chars()
        .any(|c| matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}'))
}

/// The layout column a header names, or `None`. `samples` are some of the
/// column's cells, to tell the language of a text column whose header does
/// not say it.
///
/// # Examples
/// ```
/// use evl_data::columns::guess_column;
/// assert_eq!(guess_column("门店名称", &["上海静安店"]), Some("name_zh"));
/// assert_eq!(guess_column("Store Name", &["Jing'an Store"]), Some("name_en"));
/// assert_eq!(guess_column("英文地址", &[]), Some("address_en"));
/// assert_eq!(guess_column("经度", &["121.47"]), Some("lng"));
/// assert_eq!(guess_column("备注", &["周一闭店"]), None);
/// ```
pub fn guess_column(header: &str, samples: &[&str]) -> Option<&'static str> {
    let name = normalized(header);
    if name.is_empty() {
        return None;
    }
    if let Some(exact) = COLUMNS.iter().find(|c| normalized(c) == name) {
        return Some(exact);
    }
    // A language mark taken off: `名称（英文）` is `名称` in English.
    let (stem, lang) = ZH_MARKS
        .iter()
        .map(|m| (m, "zh"))
        .chain(EN_MARKS.iter().map(|m| (m, "en")))
        .find_map(|(mark, lang)| {
            let rest = name
                .strip_prefix(mark)
                .or_else(|| name.strip_suffix(mark))?;
            (!rest.is_empty()).then(|| (rest.to_string(), Some(lang)))
        })
        .unwrap_or((name.clone(), None));
    let known = |candidate: &str| {
        NAMES
            .iter()
            .find(|(_, names)| names.contains(&candidate))
            .map(|(column, _)| *column)
    };
    let (column, lang) = match known(&name) {
        Some(column) => (column, None),
        None => (known(&stem)?, lang),
    };
    if !TEXTS.contains(&column) {
        return Some(column);
    }
    let lang = lang.unwrap_or_else(|| {
        let written: Vec<&&str> = samples.iter().filter(|s| !s.trim().is_empty()).collect();
        let han = written.iter().filter(|s| has_han(s)).count();
        if written.is_empty() {
            // No cells to tell: a Chinese header is a Chinese column.
            if has_han(header) {
                "zh"
            } else {
                "en"
            }
        } else if han * 2 >= written.len() {
            "zh"
        } else {
            "en"
        }
    });
    let full = format!("{column}_{lang}");
    COLUMNS.iter().find(|c| **c == full).copied()
}

/// A proposal for every header cell ([`guess_column`]), each layout column
/// given to the first header that names it; `rows` are sample rows of cells
/// in header order.
///
/// # Examples
/// ```
/// use evl_data::columns::guess_columns;
/// let header = ["门店编码", "名称", "Name", "纬度", "经度", "名称"];
/// let rows = [vec!["a1", "上海静安店", "Jing'an Store", "31.2", "121.4", "重复"]];
/// assert_eq!(
///     guess_columns(&header, &rows),
///     [Some("id"), Some("name_zh"), Some("name_en"), Some("lat"), Some("lng"), None]
/// );
/// ```
pub fn guess_columns<H: AsRef<str>, C: AsRef<str>>(
    header: &[H],
    rows: &[Vec<C>],
) -> Vec<Option<&'static str>> {
    let mut taken: Vec<&'static str> = Vec::new();
    header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let samples: Vec<&str> = rows
                .iter()
                .filter_map(|r| r.get(i).map(AsRef::as_ref))
                .collect();
            let column = guess_column(h.as_ref(), &samples).filter(|c| !taken.contains(c))?;
            taken.push(column);
            Some(column)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_names_are_themselves() {
        for column in COLUMNS {
            assert_eq!(guess_column(column, &[]), Some(column), "{column}");
            assert_eq!(
                guess_column(&column.to_uppercase(), &[]),
                Some(column),
                "{column}"
            );
        }
    }

    #[test]
    fn a_regional_sales_sheet() {
        let header = [
            "门店编码",
            "门店类型",
            "门店名称",
            "门店名称（英文）",
            "详细地址",
            "城市",
            "省份",
            "纬度",
            "经度",
            "联系电话",
            "服务项目",
            "所属集团",
            "周一",
            "备注",
        ];
        let guessed = guess_columns(&header, &[] as &[Vec<&str>]);
        assert_eq!(
            guessed,
            [
                Some("id"),
                Some("kind"),
                Some("name_zh"),
                Some("name_en"),
                Some("address_zh"),
                Some("city_zh"),
                Some("province_zh"),
                Some("lat"),
                Some("lng"),
                Some("phone"),
                Some("services"),
                Some("partner_group_zh"),
                Some("mon"),
                None
            ]
        );
    }

    #[test]
    fn english_headers_and_the_language_of_cells() {
        let header = [
            "Store ID",
            "Type",
            "Name",
            "Address",
            "City",
            "Latitude",
            "Longitude",
        ];
        let rows = [vec![
            "x",
            "ev_home",
            "上海店",
            "南京西路1号",
            "Shanghai",
            "31",
            "121",
        ]];
        assert_eq!(
            guess_columns(&header, &rows),
            [
                Some("id"),
                Some("kind"),
                Some("name_zh"),
                Some("address_zh"),
                Some("city_en"),
                Some("lat"),
                Some("lng")
            ]
        );
    }

    #[test]
    fn nothing_is_guessed_from_an_unknown_name() {
        for header in ["", "  ", "备注", "notes", "销售顾问", "x1"] {
            assert_eq!(guess_column(header, &["1"]), None, "{header:?}");
        }
    }
}
