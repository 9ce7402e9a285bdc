//! The messages between a framed app and its host page (`postMessage`),
//! version 2 (version 1 and the `booking` event).
//!
//! Every message, both ways, is a JSON object with
//! `"protocol": "evl-locator"`, a `"version"` and a `"type"`: the app sends
//! version 2 and obeys commands of version 1 or 2 (version 2 added an
//! event, no command). The host sends
//! commands ([`HostCommand`]); the app sends events ([`EmbedEvent`]), only to
//! the parent origins its configuration allows, and obeys commands only from
//! those origins. Messages without the protocol marker belong to someone
//! else and are ignored; a marked message the app cannot use is answered
//! with an `error` event naming the problem.

use crate::i18n::Lang;
use crate::latlng::LatLng;
use crate::outlet::{Outlet, OutletKind};
use crate::service::{Service, ServiceSet};
use serde_json::{json, Map, Value};

/// The marker every message carries in `protocol`.
pub const PROTOCOL: &str = "evl-locator";

/// The version of the message format this app speaks.
pub const PROTOCOL_VERSION: u64 = 2;

/// The oldest version of the commands this app still obeys.
pub const OLDEST_VERSION: u64 = 1;

/// What the host page asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum HostCommand {
    /// `{"type": "set-origin", "lat": 31.23, "lng": 121.47}` (WGS-84
    /// degrees); `"lat": null, "lng": null` clears it.
    SetOrigin(Option<LatLng>),
    /// `{"type": "set-filters", "kind": "partner", "services": ["test_drive"],
    /// "open_now": true}`; a member left out is left as it is, `"kind": null`
    /// shows both kinds.
    SetFilters {
        /// `Some(None)`: both kinds; `None`: unchanged.
        kind: Option<Option<OutletKind>>,
        /// The services every listed outlet must offer; `None`: unchanged.
        services: Option<ServiceSet>,
        /// Only outlets open now; `None`: unchanged.
        open_now: Option<bool>,
    },
    /// `{"type": "select-outlet", "id": "evh-shanghai-01"}`; `"id": null`
    /// closes the selection.
    SelectOutlet(Option<String>),
    /// `{"type": "set-language", "lang": "en"}`.
    SetLanguage(Lang),
}

/// Why a message was not obeyed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MessageError {
    /// Not an object with `"protocol": "evl-locator"`: someone else's
    /// message, ignored without a word.
    #[error("not a message of this app's protocol")]
    Foreign,
    /// A version this app does not speak.
    #[error("version {0} is not supported: this app speaks versions {OLDEST_VERSION} to {PROTOCOL_VERSION}")]
    Version(String),
    /// `type` names no command.
    #[error(
        "type \"{0}\" is not a command: use set-origin, set-filters, select-outlet or set-language"
    )]
    UnknownType(String),
    /// A member is missing or has a value the command cannot use.
    #[error("{command}: {member} {problem}")]
    BadMember {
        /// The command's type.
        command: &'static str,
        /// The member at fault.
        member: &'static str,
        /// What is expected.
        problem: String,
    },
}

impl HostCommand {
    /// Reads a message's data (already JSON text).
    ///
    /// ```
    /// use locator_core::{HostCommand, MessageError};
    /// let c = HostCommand::parse(r#"{"protocol":"evl-locator","version":1,"type":"select-outlet","id":"evh-1"}"#);
    /// assert_eq!(c, Ok(HostCommand::SelectOutlet(Some("evh-1".into()))));
    /// assert_eq!(HostCommand::parse(r#"{"hello":1}"#), Err(MessageError::Foreign));
    /// ```
    pub fn parse(json_text: &str) -> Result<HostCommand, MessageError> {
        let value: Value = serde_json::from_str(json_text).map_err(|_| MessageError::Foreign)?;
        let Value::Object(m) = value else {
            return Err(MessageError::Foreign);
        };
        if m.get("protocol").and_then(Value::as_str) != Some(PROTOCOL) {
            return Err(MessageError::Foreign);
        }
        match m.get("version") {
            Some(v)
                if v.as_u64()
                    .is_some_and(|v| (OLDEST_VERSION..=PROTOCOL_VERSION).contains(&v)) => {}
            Some(v) => return Err(MessageError::Version(short(v))),
            None => return Err(MessageError::Version("(missing)".into())),
        }
        let kind = m.get("type").and_then(Value::as_str).unwrap_or_default();
        match kind {
            "set-origin" => set_origin(&m),
            "set-filters" => set_filters(&m),
            "select-outlet" => match m.get("id") {
                None | Some(Value::Null) => Ok(HostCommand::SelectOutlet(None)),
                Some(Value::String(id)) if !id.trim().is_empty() && id.len() <= 200 => {
                    Ok(HostCommand::SelectOutlet(Some(id.trim().to_string())))
                }
                Some(_) => Err(bad(
                    "select-outlet",
                    "id",
                    "must be an outlet's id, or null",
                )),
            },
            "set-language" => m
                .get("lang")
                .and_then(Value::as_str)
                .and_then(Lang::from_id)
                .map(HostCommand::SetLanguage)
                .ok_or_else(|| bad("set-language", "lang", "must be \"zh\" or \"en\"")),
            other => Err(MessageError::UnknownType(other.chars().take(40).collect())),
        }
    }
}

fn short(v: &Value) -> String {
    v.to_string().chars().take(40).collect()
}

fn bad(command: &'static str, member: &'static str, problem: &str) -> MessageError {
    MessageError::BadMember {
        command,
        member,
        problem: problem.into(),
    }
}

fn set_origin(m: &Map<String, Value>) -> Result<HostCommand, MessageError> {
    match (m.get("lat"), m.get("lng")) {
        (None | Some(Value::Null), None | Some(Value::Null)) => Ok(HostCommand::SetOrigin(None)),
        (Some(lat), Some(lng)) => {
            let (Some(lat), Some(lng)) = (lat.as_f64(), lng.as_f64()) else {
                return Err(bad(
                    "set-origin",
                    "lat/lng",
                    "must be numbers (WGS-84 degrees)",
                ));
            };
            LatLng::new(lat, lng)
                .map(|p| HostCommand::SetOrigin(Some(p)))
                .map_err(|e| bad("set-origin", "lat/lng", &e.to_string()))
        }
        _ => Err(bad(
            "set-origin",
            "lat/lng",
            "must both be given, or both null",
        )),
    }
}

fn set_filters(m: &Map<String, Value>) -> Result<HostCommand, MessageError> {
    const C: &str = "set-filters";
    let kind = match m.get("kind") {
        None => None,
        Some(Value::Null) => Some(None),
        Some(v) => Some(Some(v.as_str().and_then(OutletKind::from_id).ok_or_else(
            || bad(C, "kind", "must be \"ev_home\", \"partner\" or null"),
        )?)),
    };
    let services = match m.get("services") {
        None => None,
        Some(Value::Array(items)) => {
            let mut set = ServiceSet::default();
            for item in items {
                let s = item.as_str().and_then(Service::from_id).ok_or_else(|| {
                    bad(
                        C,
                        "services",
                        &format!("has {}, which is not a service id", short(item)),
                    )
                })?;
                set.insert(s);
            }
            Some(set)
        }
        Some(_) => return Err(bad(C, "services", "must be a list of service ids")),
    };
    let open_now = match m.get("open_now") {
        None => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => return Err(bad(C, "open_now", "must be true or false")),
    };
    Ok(HostCommand::SetFilters {
        kind,
        services,
        open_now,
    })
}

/// What the app tells its host page.
#[derive(Debug, Clone, PartialEq)]
pub enum EmbedEvent {
    /// The app has loaded its dataset and is ready for commands.
    Ready {
        /// How many outlets it shows.
        outlets: usize,
    },
    /// The page's content height changed: size the frame to it.
    Height {
        /// In CSS pixels.
        height_px: u32,
    },
    /// The buyer selected an outlet.
    OutletSelected {
        /// Its id.
        id: String,
        /// Its name, Chinese and English.
        name_zh: String,
        /// Its name in English (or Chinese when it has none).
        name_en: String,
        /// `ev_home` or `partner`.
        kind: OutletKind,
    },
    /// The buyer chose a search suggestion.
    Search {
        /// The text typed.
        text: String,
        /// `place` or `outlet`.
        result: &'static str,
        /// The place's or outlet's name as shown.
        label: String,
    },
    /// The buyer followed a directions link.
    Directions {
        /// The outlet's id.
        id: String,
        /// The map app (`amap`, `baidu`, `apple`, `google`).
        provider: &'static str,
    },
    /// The buyer followed a booking link or sent the booking form (no
    /// personal data: only the outlet and what was booked).
    Booking {
        /// The outlet's id.
        id: String,
        /// What was booked: a service id, or `notify`.
        service: &'static str,
        /// `link` (the brand's page opened) or `form` (the form was sent
        /// and the endpoint took it).
        via: &'static str,
    },
    /// A command was not obeyed.
    Error {
        /// Why, in English.
        message: String,
    },
}

impl EmbedEvent {
    /// The event for the selection of `outlet`.
    pub fn selected(outlet: &Outlet) -> EmbedEvent {
        EmbedEvent::OutletSelected {
            id: outlet.id.clone(),
            name_zh: outlet.name.get(Lang::Zh).to_string(),
            name_en: outlet.name.get(Lang::En).to_string(),
            kind: outlet.kind,
        }
    }

    /// The message as JSON text, with the protocol marker and version.
    ///
    /// ```
    /// use locator_core::EmbedEvent;
    /// let json = EmbedEvent::Height { height_px: 640 }.to_json();
    /// assert_eq!(json, r#"{"height":640,"protocol":"evl-locator","type":"height","version":2}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let (kind, mut body) = match self {
            EmbedEvent::Ready { outlets } => ("ready", json!({ "outlets": outlets })),
            EmbedEvent::Height { height_px } => ("height", json!({ "height": height_px })),
            EmbedEvent::OutletSelected {
                id,
                name_zh,
                name_en,
                kind,
            } => (
                "outlet-selected",
                json!({ "id": id, "name": { "zh": name_zh, "en": name_en }, "kind": kind.id() }),
            ),
            EmbedEvent::Search {
                text,
                result,
                label,
            } => (
                "search",
                json!({ "text": text, "result": result, "label": label }),
            ),
            EmbedEvent::Directions { id, provider } => {
                ("directions", json!({ "id": id, "provider": provider }))
            }
            EmbedEvent::Booking { id, service, via } => (
                "booking",
                json!({ "id": id, "service": service, "via": via }),
            ),
            EmbedEvent::Error { message } => ("error", json!({ "message": message })),
        };
        if let Value::Object(m) = &mut body {
            m.insert("protocol".into(), PROTOCOL.into());
            m.insert("version".into(), PROTOCOL_VERSION.into());
            m.insert("type".into(), kind.into());
        }
        body.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(body: &str) -> String {
        format!(r#"{{"protocol":"evl-locator","version":1,{body}}}"#)
    }

    #[test]
    fn reads_every_command() {
        assert_eq!(
            HostCommand::parse(&msg(r#""type":"set-origin","lat":31.23,"lng":121.47"#)),
            Ok(HostCommand::SetOrigin(Some(LatLng {
                lat: 31.23,
                lng: 121.47
            })))
        );
        assert_eq!(
            HostCommand::parse(&msg(r#""type":"set-origin","lat":null,"lng":null"#)),
            Ok(HostCommand::SetOrigin(None))
        );
        let HostCommand::SetFilters {
            kind,
            services,
            open_now,
        } = HostCommand::parse(&msg(
            r#""type":"set-filters","kind":"partner","services":["test_drive","delivery"]"#,
        ))
        .unwrap()
        else {
            panic!()
        };
        assert_eq!(kind, Some(Some(OutletKind::Partner)));
        assert!(services.unwrap().contains(Service::Delivery));
        assert_eq!(open_now, None);
        assert_eq!(
            HostCommand::parse(&msg(r#""type":"select-outlet","id":null"#)),
            Ok(HostCommand::SelectOutlet(None))
        );
        assert_eq!(
            HostCommand::parse(&msg(r#""type":"set-language","lang":"en""#)),
            Ok(HostCommand::SetLanguage(Lang::En))
        );
    }

    #[test]
    fn names_what_is_wrong() {
        let err = |body: &str| HostCommand::parse(&msg(body)).unwrap_err().to_string();
        assert!(err(r#""type":"set-origin","lat":"31","lng":121"#).contains("numbers"));
        assert!(err(r#""type":"set-origin","lat":121,"lng":31"#).contains("latitude 121"));
        assert!(err(r#""type":"set-origin","lat":31"#).contains("both"));
        assert!(err(r#""type":"set-filters","services":["wash"]"#).contains("\"wash\""));
        assert!(err(r#""type":"set-filters","kind":"dealer""#).contains("kind"));
        assert!(err(r#""type":"set-filters","open_now":1"#).contains("open_now"));
        assert!(err(r#""type":"select-outlet","id":5"#).contains("id"));
        assert!(err(r#""type":"navigate","url":"javascript:alert(1)""#).contains("navigate"));
        assert_eq!(
            HostCommand::parse(r#"{"protocol":"evl-locator","version":3,"type":"x"}"#),
            Err(MessageError::Version("3".into()))
        );
        // Version 2 added no command: a version-2 command reads as before.
        assert_eq!(
            HostCommand::parse(
                r#"{"protocol":"evl-locator","version":2,"type":"select-outlet","id":null}"#
            ),
            Ok(HostCommand::SelectOutlet(None))
        );
    }

    #[test]
    fn other_messages_are_foreign() {
        for text in [
            "",
            "null",
            "[1]",
            "\"evl-locator\"",
            r#"{"protocol":"other","version":1}"#,
        ] {
            assert_eq!(
                HostCommand::parse(text),
                Err(MessageError::Foreign),
                "{text}"
            );
        }
    }

    #[test]
    fn events_carry_the_marker() {
        let e = EmbedEvent::Search {
            text: "静安".into(),
            result: "place",
            label: "静安区".into(),
        };
        let v: Value = serde_json::from_str(&e.to_json()).unwrap();
        assert_eq!(v["protocol"], PROTOCOL);
        assert_eq!(v["version"], 2);
        assert_eq!(v["type"], "search");
        let b = EmbedEvent::Booking {
            id: "evh-1".into(),
            service: "test_drive",
            via: "form",
        };
        assert_eq!(
            b.to_json(),
            r#"{"id":"evh-1","protocol":"evl-locator","service":"test_drive","type":"booking","version":2,"via":"form"}"#
        );
        assert_eq!(v["label"], "静安区");
    }
}
