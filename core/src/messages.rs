//! Problems told to people in their language. English is each error's own
//! `Display` text; Chinese is written here, one arm per case, so a new case
//! without its Chinese words does not compile.
//!
//! Free-form details from other libraries (a JSON reader's explanation) are
//! quoted as they are: they name a position in a file, for the web team.

use crate::booking::{BookingProblem, TemplateProblem};
use crate::config::ConfigError;
use crate::dataset::{DatasetError, RecordError, RecordProblem, SCHEMA_VERSION};
use crate::hours::TimeZoneError;
use crate::i18n::Lang;
use crate::latlng::LatLngError;
use crate::pack::PackProblem;
use crate::query::{QueryWarning, MAX_RADIUS_KM, MAX_SEARCH_CHARS};
use crate::region::Region;

/// A problem that can be told in either language.
pub trait Localized: std::fmt::Display {
    /// The Chinese words for it.
    fn chinese(&self) -> String;

    /// The words for it in `lang`.
    ///
    /// ```
    /// use locator_core::{Lang, Localized, QueryWarning};
    /// let w = QueryWarning::UnknownLang("fr".into());
    /// assert_eq!(w.localized(Lang::En), "lang=\"fr\" was ignored: use zh or en");
    /// assert_eq!(w.localized(Lang::Zh), "已忽略 lang=\"fr\"：请用 zh 或 en");
    /// ```
    fn localized(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.chinese(),
            Lang::En => self.to_string(),
        }
    }
}

impl Localized for LatLngError {
    fn chinese(&self) -> String {
        match self {
            LatLngError::Syntax(s) => {
                format!("“{s}”不是位置：请按“纬度,经度”填写度数，例如 31.2304,121.4737")
            }
            LatLngError::NotFinite => "纬度和经度必须是有限的数字".into(),
            LatLngError::LatitudeOutOfRange(v) => format!("纬度 {v} 超出 −90…90 度"),
            LatLngError::LongitudeOutOfRange(v) => format!("经度 {v} 超出 −180…180 度"),
        }
    }
}

impl Localized for QueryWarning {
    fn chinese(&self) -> String {
        match self {
            QueryWarning::BadOrigin { value, error } => {
                format!("已忽略 at=\"{value}\"：{}", error.chinese())
            }
            QueryWarning::UnknownKind(v) => format!("已忽略 kind=\"{v}\"：请用 ev_home 或 partner"),
            QueryWarning::UnknownService(v) => format!(
                "已忽略 service=\"{v}\"：请用 sales、test_drive、delivery、after_sales、body_paint 或 charging"
            ),
            QueryWarning::UnknownLang(v) => format!("已忽略 lang=\"{v}\"：请用 zh 或 en"),
            QueryWarning::EmptyOutlet => "已忽略 outlet=：没有填写门店编号".into(),
            QueryWarning::BadOpen(v) => format!("已忽略 open=\"{v}\"：只看营业中的门店请用 open=1"),
            QueryWarning::BadRadius(v) => format!(
                "已忽略 radius=\"{v}\"：请填公里数，大于 0 且不超过 {MAX_RADIUS_KM}"
            ),
            QueryWarning::BadTiles(v) => {
                format!("已忽略 tiles=\"{v}\"：请用 none 或地图图层编号，例如 osm 或 amap")
            }
            QueryWarning::BadView(v) => {
                format!("已忽略 map=\"{v}\"：请按“纬度,经度,缩放级别”填写，例如 31.23,121.47,11")
            }
            QueryWarning::BadEmbed(v) => format!("已忽略 embed=\"{v}\"：请用 embed=1"),
            QueryWarning::LongSearch => format!("q= 只保留了前 {MAX_SEARCH_CHARS} 个字符"),
            QueryWarning::DatasetRefused(v) => format!(
                "已拒绝 data=\"{v}\"：门店数据只能来自本网站或配置中允许的网站"
            ),
            QueryWarning::NoSuchTiles(v) => format!("已忽略 tiles=\"{v}\"：没有这个编号的地图图层"),
            QueryWarning::NoSuchOutlet(v) => format!("已忽略 outlet=\"{v}\"：没有这个编号的门店"),
            QueryWarning::UnknownBooking(v) => {
                format!("已忽略 book=\"{v}\"：请用 test_drive、after_sales 等服务编号")
            }
            QueryWarning::NotBookable(v) => {
                format!("已忽略 book=\"{v}\"：这家门店在这里不能预约这项服务")
            }
            QueryWarning::UnknownParameter(k) => format!("参数“{k}”不属于本应用，未作处理"),
        }
    }
}

impl Localized for ConfigError {
    fn chinese(&self) -> String {
        let detail = match self {
            ConfigError::Invalid(m) => format!("不是有效的 JSON 或成员类型不对（{m}）"),
            ConfigError::BadProvider { id, problem } => {
                format!("地图图层“{id}”不可用（{problem}）")
            }
            ConfigError::UnknownDefault(d) => {
                format!("默认图层“{d}”既不是 none，也不是已配置的图层编号")
            }
            ConfigError::BadBookingLink {
                key,
                value,
                problem,
            } => {
                let expected = match problem {
                    BookingProblem::UnknownService => {
                        "不可用：键须是服务编号（如 test_drive、after_sales）或 notify".to_string()
                    }
                    BookingProblem::Template(t) => {
                        match t {
                            TemplateProblem::NotHttps => {
                                "不是 https: 地址（http: 仅限 localhost）".into()
                            }
                            TemplateProblem::BadHost => {
                                "没有固定的主机名（主机名中不能用占位符）".into()
                            }
                            TemplateProblem::UnknownPlaceholder(p) => {
                                format!("含占位符 {{{p}}}：请用 {{id}}、{{service}}、{{lang}} 或 {{city}}")
                            }
                            TemplateProblem::UnpairedBrace => "的花括号不成对".into(),
                            TemplateProblem::BadCharacter => {
                                "含网址中不能有的字符（空格、引号、<、>、\\ 或控制字符）".into()
                            }
                        }
                    }
                };
                format!("booking.links.{key} 的值“{value}”{expected}")
            }
            ConfigError::BadValue {
                member,
                value,
                problem,
            } => {
                let expected = match *member {
                    "theme.brand_color" | "theme.partner_color" => {
                        "不是颜色：请用 #rrggbb、rgb() 或 hsl()".to_string()
                    }
                    "theme.font" => "不是字体列表：请写用逗号分隔的字体名".into(),
                    "theme.radius" => "不是圆角半径：请用 0–64px 或 0–4rem".into(),
                    "theme.color_scheme" => "不是配色方案：请用 auto、light 或 dark".into(),
                    "embed.parent_origins" | "dataset_origins" => {
                        "不是来源：请写 https://主机 或 https://主机:端口，不带路径和通配符".into()
                    }
                    "dataset" => "既不是应用旁的路径，也不是 http(s) 地址".into(),
                    "default_lang" => "不是语言：请用 zh 或 en".into(),
                    "dataset_timeout_s" => "必须是 1 到 300 秒".into(),
                    "dataset_max_mb" => "必须是 1 到 1024 MB".into(),
                    "booking.form.endpoint" | "booking.form.privacy_url" => {
                        "既不是有固定主机名的 https: 地址（http: 仅限 localhost），也不是从网站根目录开始的路径".into()
                    }
                    "booking.form.services" => "不是服务目录中的服务编号".into(),
                    "booking.form.timeout_s" => "必须是 1 到 120 秒".into(),
                    _ => problem.to_string(),
                };
                format!("{member} 的值“{value}”{expected}")
            }
        };
        format!("配置文件 config.json 有误，已改用默认设置：{detail}")
    }
}

impl Localized for TimeZoneError {
    fn chinese(&self) -> String {
        match self {
            TimeZoneError::Unknown(z) => format!(
                "本应用不认识时区“{z}”：只认识中国及周边全年使用同一时差的时区，例如 Asia/Shanghai"
            ),
        }
    }
}

impl Localized for DatasetError {
    fn chinese(&self) -> String {
        match self {
            DatasetError::Empty => "门店数据文件是空的".into(),
            DatasetError::NotUtf8 { line, column } => format!(
                "门店数据文件不是 UTF-8 文本（第 {line} 行第 {column} 列）；请以 UTF-8 编码保存"
            ),
            DatasetError::Html => {
                "门店数据文件是网页（HTML），不是 GeoJSON；服务器可能返回了错误页面".into()
            }
            DatasetError::NotJson {
                line,
                column,
                message,
            } => format!("门店数据文件不是有效的 JSON：第 {line} 行第 {column} 列（{message}）"),
            DatasetError::NotFeatureCollection { found } => {
                format!("门店数据文件是 JSON，但不是 GeoJSON FeatureCollection：{found}")
            }
            DatasetError::MissingVersion => {
                format!("门店数据文件缺少 schema_version；本应用读取第 {SCHEMA_VERSION} 版格式")
            }
            DatasetError::UnsupportedVersion { found } => {
                format!("门店数据文件的格式版本是 {found}；本应用读取第 {SCHEMA_VERSION} 版格式")
            }
            DatasetError::BadMember { member, problem } => {
                format!("门店数据文件的 {member} 有误（{problem}）")
            }
            DatasetError::BadPack { offset, problem } => format!(
                "门店数据包在第 {offset} 字节处已损坏：{}；请用 `evl-data pack` 重新生成",
                problem.chinese()
            ),
            DatasetError::PackVersion { found, expected } => format!(
                "门店数据包的格式版本是 {found}，本应用读取第 {expected} 版；请用 `evl-data pack` 重新生成"
            ),
        }
    }
}

impl Localized for PackProblem {
    fn chinese(&self) -> String {
        match self {
            PackProblem::NotAPack => "文件不以 EVLPACK 开头，不是门店数据包".into(),
            PackProblem::Truncated => "文件提前结束（可能传输中断）".into(),
            PackProblem::Overflow => "某个数字过大".into(),
            PackProblem::CountTooLarge { what, count } => {
                format!("声明有 {count} 个 {what}，超出文件剩余部分的容量")
            }
            PackProblem::NotUtf8 => "其中的文字不是 UTF-8".into(),
            PackProblem::NoSuchEntry { what, index, len } => {
                format!("{what} 引用了第 {index} 项，但表中只有 {len} 项")
            }
            PackProblem::Invalid(field) => format!("其中的 `{field}` 无效"),
            PackProblem::BadPosition(id) => format!("门店“{id}”的位置无效"),
            PackProblem::DuplicateId(id) => format!("编号“{id}”被两家门店使用"),
            PackProblem::UnknownRelocationTarget { id, to } => {
                format!("门店“{id}”迁往“{to}”，但文件中没有这家门店")
            }
            PackProblem::TrailingBytes(n) => format!("最后一家门店之后还有 {n} 个字节"),
        }
    }
}

fn region_zh(region: Region) -> &'static str {
    match region {
        Region::China => "中国",
        Region::Anywhere => "世界",
    }
}

impl Localized for RecordProblem {
    fn chinese(&self) -> String {
        match self {
            RecordProblem::Missing => "必填，但缺少".into(),
            RecordProblem::WrongType(m) | RecordProblem::Invalid(m) => m.clone(),
            RecordProblem::UnknownService(v) => format!(
                "“{v}”不是目录中的服务（sales、test_drive、delivery、after_sales、body_paint、charging）"
            ),
            RecordProblem::Hours(m) => format!("营业时间无法读取：{m}"),
            RecordProblem::SwappedCoordinates { lat, lng, region } => format!(
                "纬度 {lat}、经度 {lng} 位于{}之外，对调后则在其内：GeoJSON 的顺序是 [经度, 纬度]",
                region_zh(*region)
            ),
            RecordProblem::OutsideRegion { lat, lng, region } => format!(
                "纬度 {lat}、经度 {lng} 位于{}之外（GeoJSON 的顺序是 [经度, 纬度]）",
                region_zh(*region)
            ),
            RecordProblem::RelocationTargetLeftOut { id, number } => {
                format!("relocated_to 指向的“{id}”（第 {number} 条）因自身错误未能显示")
            }
            RecordProblem::CoordinateCount(n) => {
                format!("坐标点需要 [经度, 纬度]，这里有 {n} 个数字")
            }
            RecordProblem::Position(e) => {
                format!("{}（GeoJSON 的顺序是 [经度, 纬度]）", e.chinese())
            }
            RecordProblem::RelocatedWithoutTarget => {
                "状态为已迁址（relocated），但缺少 relocated_to".into()
            }
            RecordProblem::UnknownRelocationTarget(id) => {
                format!("relocated_to 指向的“{id}”不在列表中")
            }
            RecordProblem::RelocatedToItself => "relocated_to 指向了门店自己".into(),
            RecordProblem::DuplicateId { id, first_number } => {
                format!("编号“{id}”已被第 {first_number} 条使用")
            }
        }
    }
}

impl Localized for RecordError {
    /// `第 12 条（第 340 行，编号“evh-sh-01”）：properties.kind：...`
    fn chinese(&self) -> String {
        let mut s = format!("第 {} 条（第 {} 行", self.number, self.line);
        if let Some(id) = &self.id {
            s.push_str(&format!("，编号“{id}”"));
        }
        s.push_str("）：");
        if !self.field.is_empty() {
            s.push_str(&format!("{}：", self.field));
        }
        s.push_str(&self.problem.chinese());
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_warning_has_chinese_words() {
        let (_, warnings) = crate::Query::from_pairs([
            ("at", "x"),
            ("kind", "x"),
            ("service", "x"),
            ("lang", "x"),
            ("outlet", ""),
            ("open", "x"),
            ("radius", "x"),
            ("tiles", "<"),
            ("map", "x"),
            ("embed", "x"),
            ("zzz", "1"),
        ]);
        assert_eq!(warnings.len(), 11);
        for w in warnings {
            let zh = w.localized(Lang::Zh);
            assert!(
                zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{zh}"
            );
            assert_ne!(zh, w.localized(Lang::En));
        }
    }

    #[test]
    fn record_errors_keep_their_position() {
        let e = RecordError {
            number: 12,
            line: 340,
            column: 7,
            id: Some("evh-sh-01".into()),
            field: "geometry.coordinates".into(),
            problem: RecordProblem::Position(LatLngError::LatitudeOutOfRange(121.4)),
        };
        assert_eq!(
            e.localized(Lang::Zh),
            "第 12 条（第 340 行，编号“evh-sh-01”）：geometry.coordinates：纬度 121.4 超出 −90…90 度（GeoJSON 的顺序是 [经度, 纬度]）"
        );
        assert!(e.localized(Lang::En).starts_with("outlet 12 (line 340"));
    }

    #[test]
    fn configuration_problems_in_chinese() {
        for json in [
            r#"{"theme": {"brand_color": "x"}}"#,
            r#"{"theme": {"font": ";"}}"#,
            r#"{"theme": {"radius": "9in"}}"#,
            r#"{"theme": {"color_scheme": "x"}}"#,
            r#"{"embed": {"parent_origins": ["*"]}}"#,
            r#"{"dataset_origins": ["*"]}"#,
            r#"{"dataset": "javascript:x"}"#,
            r#"{"default_lang": "fr"}"#,
            r#"{"dataset_timeout_s": 0}"#,
            r#"{"dataset_max_mb": 0}"#,
        ] {
            let zh = crate::AppConfig::parse(json)
                .unwrap_err()
                .localized(Lang::Zh);
            assert!(
                !zh.contains("is not") && !zh.contains("must"),
                "{json}: {zh}"
            );
        }
    }

    #[test]
    fn dataset_errors_in_chinese() {
        assert_eq!(
            DatasetError::UnsupportedVersion { found: "2".into() }.localized(Lang::Zh),
            "门店数据文件的格式版本是 2；本应用读取第 1 版格式"
        );
    }
}
