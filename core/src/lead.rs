//! The booking form (`booking.form` in `config.json`): what the buyer fills
//! in, how each field is checked, the JSON posted to the brand's endpoint
//! and how its answer is read. The request itself is the app's; everything
//! here is plain data, tested natively.

use crate::date::Date;
use crate::hours::Day;
use crate::i18n::Lang;
use crate::outlet::Outlet;
use crate::service::Service;
use serde_json::{json, Value};

/// How many days ahead a buyer may ask for, today included.
pub const MAX_DAYS_AHEAD: i64 = 60;

/// How long the endpoint may take by default, in seconds.
pub const DEFAULT_LEAD_TIMEOUT_S: u32 = 15;

/// The longest name accepted, in characters.
pub const MAX_NAME_CHARS: usize = 40;

/// What the buyer typed, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LeadForm {
    /// Their name.
    pub name: String,
    /// Their mobile number.
    pub mobile: String,
    /// The preferred date, `YYYY-MM-DD` (an `<input type="date">`'s value).
    pub date: String,
    /// Whether they ticked the consent box.
    pub consent: bool,
}

/// A field of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeadField {
    /// The name.
    Name,
    /// The mobile number.
    Mobile,
    /// The preferred date.
    Date,
    /// The consent box.
    Consent,
}

impl LeadField {
    /// The field's id in the page and in the posted JSON.
    pub fn id(self) -> &'static str {
        match self {
            LeadField::Name => "name",
            LeadField::Mobile => "mobile",
            LeadField::Date => "date",
            LeadField::Consent => "consent",
        }
    }

    /// The field's label.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (LeadField::Name, Lang::Zh) => "姓名",
            (LeadField::Name, Lang::En) => "Name",
            (LeadField::Mobile, Lang::Zh) => "手机号码",
            (LeadField::Mobile, Lang::En) => "Mobile number",
            (LeadField::Date, Lang::Zh) => "希望日期",
            (LeadField::Date, Lang::En) => "Preferred date",
            (LeadField::Consent, Lang::Zh) => "同意",
            (LeadField::Consent, Lang::En) => "Consent",
        }
    }
}

/// Why a field cannot be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// The name is empty.
    NameMissing,
    /// The name is longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// The number is not a mainland mobile number.
    MobileInvalid,
    /// No date chosen.
    DateMissing,
    /// Not a date.
    DateInvalid,
    /// Before today.
    DatePast,
    /// More than [`MAX_DAYS_AHEAD`] days ahead.
    DateTooFar,
    /// The outlet is closed that day.
    DateClosed(Date),
    /// The consent box is not ticked.
    ConsentMissing,
}

impl FieldProblem {
    /// The field it is about.
    pub fn field(&self) -> LeadField {
        match self {
            FieldProblem::NameMissing | FieldProblem::NameTooLong => LeadField::Name,
            FieldProblem::MobileInvalid => LeadField::Mobile,
            FieldProblem::DateMissing
            | FieldProblem::DateInvalid
            | FieldProblem::DatePast
            | FieldProblem::DateTooFar
            | FieldProblem::DateClosed(_) => LeadField::Date,
            FieldProblem::ConsentMissing => LeadField::Consent,
        }
    }

    /// What to tell the buyer.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            FieldProblem::NameMissing if zh => "请填写姓名".into(),
            FieldProblem::NameMissing => "Please enter your name".into(),
            FieldProblem::NameTooLong if zh => format!("姓名最多 {MAX_NAME_CHARS} 个字"),
            FieldProblem::NameTooLong => format!("A name of at most {MAX_NAME_CHARS} characters"),
            FieldProblem::MobileInvalid if zh => {
                "请填写 11 位中国大陆手机号码，以 13–19 开头，例如 138 0013 8000".into()
            }
            FieldProblem::MobileInvalid => {
                "Enter a mainland China mobile number: 11 digits starting 13 to 19, like 138 0013 8000".into()
            }
            FieldProblem::DateMissing if zh => "请选择日期".into(),
            FieldProblem::DateMissing => "Please choose a date".into(),
            FieldProblem::DateInvalid if zh => "日期格式应为 年-月-日".into(),
            FieldProblem::DateInvalid => "A date as year-month-day, please".into(),
            FieldProblem::DatePast if zh => "日期不能早于今天".into(),
            FieldProblem::DatePast => "The date cannot be in the past".into(),
            FieldProblem::DateTooFar if zh => format!("请选择 {MAX_DAYS_AHEAD} 天以内的日期"),
            FieldProblem::DateTooFar => {
                format!("Choose a date within the next {MAX_DAYS_AHEAD} days")
            }
            FieldProblem::DateClosed(d) if zh => format!("门店 {d} 不营业，请另选一天"),
            FieldProblem::DateClosed(d) => {
                format!("The outlet is closed on {d}: please choose another day")
            }
            FieldProblem::ConsentMissing if zh => "提交前请勾选同意".into(),
            FieldProblem::ConsentMissing => "Please tick the consent box to send".into(),
        }
    }
}

/// A mainland China mobile number with spaces, dashes and a `+86` / `0086`
/// prefix taken off: 11 digits, `1[3-9]` first; `None` if it is not one.
///
/// ```
/// use locator_core::mainland_mobile;
/// assert_eq!(mainland_mobile("+86 138-0013-8000").as_deref(), Some("13800138000"));
/// assert_eq!(mainland_mobile("12800138000"), None);
/// ```
pub fn mainland_mobile(text: &str) -> Option<String> {
    let digits: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '\u{3000}'))
        .collect();
    let digits = digits
        .strip_prefix("+86")
        .or_else(|| digits.strip_prefix("0086"))
        .unwrap_or(&digits);
    let b = digits.as_bytes();
    (b.len() == 11 && b.iter().all(u8::is_ascii_digit) && b[0] == b'1' && b[1] >= b'3')
        .then(|| digits.to_string())
}

/// The first and last date a buyer may choose from `today` (in the
/// dataset's zone).
pub fn date_range(today: Date) -> (Date, Date) {
    (today, today.add_days(MAX_DAYS_AHEAD - 1).unwrap_or(today))
}

/// What to say beside the date field about the days the outlet is closed
/// between `today` and the last day a buyer may choose: the weekdays it
/// never opens, then the other closed dates (a holiday), at most five:
/// "周一休息；另 2027-02-05、2027-02-06 休息" / "Closed on Monday; also
/// closed on 2027-02-05 and 2027-02-06". `None`: open every day, or no
/// hours published.
pub fn closed_days_hint(outlet: &Outlet, today: Date, lang: Lang) -> Option<String> {
    const MAX_DATES: usize = 5;
    let hours = outlet.hours.as_ref()?;
    let weekly: Vec<Day> = Day::ALL
        .into_iter()
        .filter(|d| hours.day(*d).is_empty())
        .collect();
    let (first, last) = date_range(today);
    let mut dates = Vec::new();
    let mut d = first;
    while d <= last {
        if !weekly.contains(&d.weekday()) && hours.ranges_on(d).is_empty() {
            dates.push(d.to_string());
        }
        match d.add_days(1) {
            Some(next) => d = next,
            None => break,
        }
    }
    let more = dates.len() > MAX_DATES;
    dates.truncate(MAX_DATES);
    if weekly.is_empty() && dates.is_empty() {
        return None;
    }
    let s = lang.strings();
    let days: Vec<&str> = weekly.iter().map(|d| s.day_name(*d)).collect();
    let zh = lang == Lang::Zh;
    let mut out = Vec::new();
    if !days.is_empty() {
        out.push(if zh {
            format!("{}休息", days.join("、"))
        } else {
            format!("Closed on {}", english_list(&days))
        });
    }
    if !dates.is_empty() {
        let etc = if more {
            if zh {
                "等"
            } else {
                " and more"
            }
        } else {
            ""
        };
        out.push(match (zh, days.is_empty()) {
            (true, true) => format!("{}{etc} 休息", dates.join("、")),
            (true, false) => format!("另 {}{etc} 休息", dates.join("、")),
            (false, true) => format!("Closed on {}{etc}", english_list(&dates)),
            (false, false) => format!("also closed on {}{etc}", english_list(&dates)),
        });
    }
    Some(out.join(if zh { "；" } else { "; " }))
}

/// "a", "a and b", "a, b and c".
fn english_list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [head @ .., last] => format!(
            "{} and {}",
            head.iter()
                .map(AsRef::as_ref)
                .collect::<Vec<_>>()
                .join(", "),
            last.as_ref()
        ),
    }
}

/// A checked booking request, ready to post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lead {
    /// The outlet's id.
    pub outlet_id: String,
    /// What is booked.
    pub service: Service,
    /// The name, trimmed.
    pub name: String,
    /// The mobile number, 11 digits.
    pub mobile: String,
    /// The preferred date.
    pub date: Date,
    /// The buyer's language.
    pub lang: Lang,
}

impl Lead {
    /// Checks `form` for `service` at `outlet` on `today` (the dataset's
    /// zone): the lead, or every problem in field order.
    pub fn check(
        form: &LeadForm,
        outlet: &Outlet,
        service: Service,
        today: Date,
        lang: Lang,
    ) -> Result<Lead, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let name = form.name.trim();
        if name.is_empty() {
            problems.push(FieldProblem::NameMissing);
        } else if name.chars().count() > MAX_NAME_CHARS || name.chars().any(char::is_control) {
            problems.push(FieldProblem::NameTooLong);
        }
        let mobile = mainland_mobile(&form.mobile);
        if mobile.is_none() {
            problems.push(FieldProblem::MobileInvalid);
        }
        let date = form.date.trim();
        let date = if date.is_empty() {
            problems.push(FieldProblem::DateMissing);
            None
        } else {
            match date.parse::<Date>() {
                Err(_) => {
                    problems.push(FieldProblem::DateInvalid);
                    None
                }
                Ok(d) if d < today => {
                    problems.push(FieldProblem::DatePast);
                    None
                }
                Ok(d) if d > date_range(today).1 => {
                    problems.push(FieldProblem::DateTooFar);
                    None
                }
                Ok(d)
                    if outlet
                        .hours
                        .as_ref()
                        .is_some_and(|h| h.ranges_on(d).is_empty()) =>
                {
                    problems.push(FieldProblem::DateClosed(d));
                    None
                }
                Ok(d) => Some(d),
            }
        };
        if !form.consent {
            problems.push(FieldProblem::ConsentMissing);
        }
        match (mobile, date) {
            (Some(mobile), Some(date)) if problems.is_empty() => Ok(Lead {
                outlet_id: outlet.id.clone(),
                service,
                name: name.to_string(),
                mobile,
                date,
                lang,
            }),
            _ => Err(problems),
        }
    }

    /// The JSON body posted to the endpoint; `key` is the same for every
    /// try of one booking, so the endpoint can tell a retry from a second
    /// booking.
    ///
    /// `{"outlet_id", "service", "name", "mobile", "date", "lang", "consent": true, "idempotency_key"}`
    pub fn to_json(&self, key: &str) -> String {
        json!({
            "outlet_id": self.outlet_id,
            "service": self.service.id(),
            "name": self.name,
            "mobile": self.mobile,
            "date": self.date.to_string(),
            "lang": self.lang.id(),
            "consent": true,
            "idempotency_key": key,
        })
        .to_string()
    }
}

/// Why a booking was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadError {
    /// No answer at all (offline, the endpoint down, refused by CORS or
    /// the page's CSP).
    Unreachable,
    /// No answer within the configured time.
    Timeout {
        /// The limit, in seconds.
        seconds: u32,
    },
    /// The endpoint refused the request (4xx).
    Refused {
        /// The HTTP status.
        status: u16,
    },
    /// The endpoint failed (5xx or anything else not 2xx).
    Failed {
        /// The HTTP status.
        status: u16,
    },
    /// A 2xx answer that is not the expected JSON (`{"reference": "..."}`).
    BadAnswer,
}

impl LeadError {
    /// What to tell the buyer; they can try again.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            LeadError::Unreachable if zh => {
                "无法连接预约服务，请检查网络后重试。您填写的内容已保留。".into()
            }
            LeadError::Unreachable => {
                "The booking service could not be reached. Check your connection and try again: what you entered is kept.".into()
            }
            LeadError::Timeout { seconds } if zh => {
                format!("预约服务 {seconds} 秒内没有回应，请稍后重试。您填写的内容已保留。")
            }
            LeadError::Timeout { seconds } => format!(
                "The booking service did not answer within {seconds} seconds. Try again in a moment: what you entered is kept."
            ),
            LeadError::Refused { status } if zh => {
                format!("预约服务拒绝了这次提交（{status}）。请检查填写内容后重试，或致电门店。")
            }
            LeadError::Refused { status } => format!(
                "The booking service turned the request down ({status}). Check what you entered and try again, or call the outlet."
            ),
            LeadError::Failed { status } if zh => {
                format!("预约服务出错（{status}），预约未成功。请稍后重试，或致电门店。")
            }
            LeadError::Failed { status } => format!(
                "The booking service had a problem ({status}) and the booking was not made. Try again later, or call the outlet."
            ),
            LeadError::BadAnswer if zh => {
                "预约服务的回应无法识别，无法确认预约是否成功。请重试或致电门店确认。".into()
            }
            LeadError::BadAnswer => {
                "The booking service's answer was not understood, so the booking is not confirmed. Try again, or call the outlet to check.".into()
            }
        }
    }
}

/// The longest reference shown, in characters.
const MAX_REFERENCE_CHARS: usize = 64;

/// The booking reference from the endpoint's answer (HTTP `status`, body
/// `text`): `{"reference": "TD-20270208-0042"}` (a string or a number).
///
/// ```
/// use locator_core::{read_lead_answer, LeadError};
/// assert_eq!(read_lead_answer(201, r#"{"reference":"TD-1"}"#), Ok("TD-1".to_string()));
/// assert_eq!(read_lead_answer(200, "<html>"), Err(LeadError::BadAnswer));
/// assert_eq!(read_lead_answer(503, ""), Err(LeadError::Failed { status: 503 }));
/// ```
pub fn read_lead_answer(status: u16, text: &str) -> Result<String, LeadError> {
    match status {
        200..=299 => {}
        400..=499 => return Err(LeadError::Refused { status }),
        _ => return Err(LeadError::Failed { status }),
    }
    let value: Value = serde_json::from_str(text).map_err(|_| LeadError::BadAnswer)?;
    let reference = match value.get("reference") {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(LeadError::BadAnswer),
    };
    if reference.is_empty()
        || reference.chars().count() > MAX_REFERENCE_CHARS
        || reference.chars().any(char::is_control)
    {
        return Err(LeadError::BadAnswer);
    }
    Ok(reference)
}

/// The form's fixed words.
pub struct LeadWords {
    /// The dialog's heading before the service: "预约试驾 · ".
    pub send: &'static str,
    /// The submit button while the request is under way.
    pub sending: &'static str,
    /// "Try again" after a failure.
    pub retry: &'static str,
    /// The close button.
    pub close: &'static str,
    /// Before the reference on success.
    pub done: &'static str,
    /// After the reference on success.
    pub done_after: &'static str,
    /// The default consent text.
    pub consent: &'static str,
    /// The privacy policy link's text.
    pub privacy: &'static str,
    /// Said above the fields.
    pub required: &'static str,
    /// Said when the form has problems, before the list.
    pub fix: &'static str,
}

impl LeadWords {
    /// The words in `lang`.
    pub fn of(lang: Lang) -> &'static LeadWords {
        match lang {
            Lang::Zh => &LeadWords {
                send: "提交预约",
                sending: "正在提交…",
                retry: "重试",
                close: "关闭",
                done: "预约已提交，预约编号：",
                done_after: "。门店会尽快联系您确认时间。",
                consent: "我同意品牌按照隐私政策处理我填写的姓名和手机号码，仅用于联系我安排本次预约。",
                privacy: "隐私政策",
                required: "所有项目均为必填。",
                fix: "请修改以下内容：",
            },
            Lang::En => &LeadWords {
                send: "Send booking",
                sending: "Sending…",
                retry: "Try again",
                close: "Close",
                done: "Booking sent. Your reference: ",
                done_after: ". The outlet will contact you to confirm the time.",
                consent: "I agree that the brand processes the name and mobile number I entered, as its privacy policy says, only to contact me about this booking.",
                privacy: "Privacy policy",
                required: "Every field is required.",
                fix: "Please correct the following:",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hours::WeeklyHours;
    use crate::synth::generate_dataset;
    use std::sync::Arc;

    fn outlet() -> Outlet {
        generate_dataset(3, 11).unwrap().outlets.remove(0)
    }

    fn form() -> LeadForm {
        LeadForm {
            name: " 王小明 ".into(),
            mobile: "138 0013 8000".into(),
            date: String::new(),
            consent: true,
        }
    }

    /// A day `outlet` is open, from `today` on.
    fn open_day(o: &Outlet, today: Date) -> Date {
        (0..7)
            .map(|i| today.add_days(i).unwrap())
            .find(|d| o.hours.as_ref().is_none_or(|h| !h.ranges_on(*d).is_empty()))
            .expect("open one day a week")
    }

    #[test]
    fn mobile_numbers() {
        for ok in [
            "13800138000",
            "+8613800138000",
            "0086 139-0000-0000",
            "199 9999 9999",
        ] {
            assert!(mainland_mobile(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "1380013800",
            "138001380000",
            "12800138000",
            "23800138000",
            "1380013800a",
            "+8513800138000",
            "１３８００１３８０００",
            "021-12345678",
        ] {
            assert_eq!(mainland_mobile(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_good_form_makes_the_lead_and_its_json() {
        let o = outlet();
        let today: Date = "2027-02-08".parse().unwrap();
        let mut f = form();
        let day = open_day(&o, today);
        f.date = day.to_string();
        let lead = Lead::check(&f, &o, Service::TestDrive, today, Lang::Zh).unwrap();
        assert_eq!(lead.name, "王小明");
        assert_eq!(lead.mobile, "13800138000");
        let v: Value = serde_json::from_str(&lead.to_json("k-1")).unwrap();
        assert_eq!(v["outlet_id"], o.id.as_str());
        assert_eq!(v["service"], "test_drive");
        assert_eq!(v["date"], day.to_string());
        assert_eq!(v["lang"], "zh");
        assert_eq!(v["consent"], true);
        assert_eq!(v["idempotency_key"], "k-1");
    }

    #[test]
    fn every_problem_is_named_in_field_order() {
        let o = outlet();
        let today: Date = "2027-02-08".parse().unwrap();
        let f = LeadForm::default();
        assert_eq!(
            Lead::check(&f, &o, Service::TestDrive, today, Lang::En).unwrap_err(),
            [
                FieldProblem::NameMissing,
                FieldProblem::MobileInvalid,
                FieldProblem::DateMissing,
                FieldProblem::ConsentMissing
            ]
        );
        let date = |d: &str| {
            let f = LeadForm {
                date: d.into(),
                ..form()
            };
            Lead::check(&f, &o, Service::TestDrive, today, Lang::En).unwrap_err()
        };
        assert_eq!(date("2027-02-07"), [FieldProblem::DatePast]);
        assert_eq!(date("2027-02-30"), [FieldProblem::DateInvalid]);
        assert_eq!(date("2027-04-09"), [FieldProblem::DateTooFar]);
        let long = LeadForm {
            name: "名".repeat(MAX_NAME_CHARS + 1),
            date: open_day(&o, today).to_string(),
            ..form()
        };
        assert_eq!(
            Lead::check(&long, &o, Service::TestDrive, today, Lang::En).unwrap_err(),
            [FieldProblem::NameTooLong]
        );
        for p in date("x") {
            assert!(!p.message(Lang::Zh).is_empty() && !p.message(Lang::En).is_empty());
        }
    }

    #[test]
    fn a_closed_day_is_refused() {
        let mut o = outlet();
        let today: Date = "2027-02-08".parse().unwrap();
        let mut hours = (**o.hours.as_ref().expect("synthetic outlets have hours")).clone();
        let closed = crate::HoursException {
            date: today,
            hours: Vec::new(),
            note: None,
        };
        hours.exceptions.insert(0, closed);
        o.hours = Some(std::sync::Arc::new(hours));
        let f = LeadForm {
            date: today.to_string(),
            ..form()
        };
        assert_eq!(
            Lead::check(&f, &o, Service::AfterSales, today, Lang::Zh).unwrap_err(),
            [FieldProblem::DateClosed(today)]
        );
        assert!(FieldProblem::DateClosed(today)
            .message(Lang::Zh)
            .contains("2027-02-08"));
    }

    #[test]
    fn answers() {
        assert_eq!(
            read_lead_answer(200, r#"{"reference": 42}"#),
            Ok("42".into())
        );
        assert_eq!(
            read_lead_answer(200, r#"{"reference": " TD-9 "}"#),
            Ok("TD-9".into())
        );
        for bad in [
            "",
            "ok",
            "{}",
            r#"{"reference": ""}"#,
            r#"{"reference": null}"#,
            r#"["TD-1"]"#,
            r#"{"reference": "a\u0007b"}"#,
        ] {
            assert_eq!(
                read_lead_answer(200, bad),
                Err(LeadError::BadAnswer),
                "{bad}"
            );
        }
        let long = format!(r#"{{"reference": "{}"}}"#, "x".repeat(65));
        assert_eq!(read_lead_answer(200, &long), Err(LeadError::BadAnswer));
        assert_eq!(
            read_lead_answer(422, r#"{"reference":"x"}"#),
            Err(LeadError::Refused { status: 422 })
        );
        assert_eq!(
            read_lead_answer(500, "{}"),
            Err(LeadError::Failed { status: 500 })
        );
        assert_eq!(
            read_lead_answer(302, "{}"),
            Err(LeadError::Failed { status: 302 })
        );
        assert!(LeadError::Timeout { seconds: 15 }
            .message(Lang::En)
            .contains("15 seconds"));
    }

    #[test]
    fn the_closed_days_are_said_beside_the_date() {
        let mut o = outlet();
        let today: Date = "2027-02-01".parse().unwrap(); // a Monday
        let week = |mon: &[&str], exceptions: &[&str]| -> WeeklyHours {
            let day = ["10:00-18:00"];
            serde_json::from_value(json!({
                "mon": mon, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day,
                "exceptions": exceptions.iter().map(|d| json!({"date": d, "hours": []})).collect::<Vec<_>>(),
            }))
            .unwrap()
        };
        o.hours = Some(Arc::new(week(&["10:00-18:00"], &[])));
        assert_eq!(closed_days_hint(&o, today, Lang::En), None);
        // A holiday beyond the 60 days is not said.
        o.hours = Some(Arc::new(week(
            &[],
            &["2027-02-10", "2027-02-11", "2027-02-16", "2027-06-01"],
        )));
        assert_eq!(
            closed_days_hint(&o, today, Lang::En).unwrap(),
            "Closed on Monday; also closed on 2027-02-10, 2027-02-11 and 2027-02-16"
        );
        assert_eq!(
            closed_days_hint(&o, today, Lang::Zh).unwrap(),
            "周一休息；另 2027-02-10、2027-02-11、2027-02-16 休息"
        );
        o.hours = None;
        assert_eq!(closed_days_hint(&o, today, Lang::Zh), None);
    }
}
