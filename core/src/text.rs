//! Text given in Simplified Chinese and English.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;

/// A name or address in Simplified Chinese and English; at least one is
/// present and non-empty (the dataset parser refuses anything else).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Deserialize, Serialize)]
#[serde(try_from = "RawText")]
pub struct LocalText {
    /// Simplified Chinese.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub zh: Option<String>,
    /// English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

#[derive(Deserialize)]
#[serde(expecting = "a text object like {\"zh\": \"苏州\", \"en\": \"Suzhou\"}")]
struct RawText {
    #[serde(default)]
    zh: Option<String>,
    #[serde(default)]
    en: Option<String>,
}

impl TryFrom<RawText> for LocalText {
    type Error = &'static str;

    fn try_from(raw: RawText) -> Result<Self, Self::Error> {
        let keep = |s: Option<String>| s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let text = LocalText {
            zh: keep(raw.zh),
            en: keep(raw.en),
        };
        if text.zh.is_none() && text.en.is_none() {
            return Err("needs a non-empty `zh` or `en` text");
        }
        Ok(text)
    }
}

impl LocalText {
    /// Text in both languages.
    pub fn new(zh: &str, en: &str) -> Self {
        LocalText {
            zh: Some(zh.to_string()),
            en: Some(en.to_string()),
        }
    }

    /// The text in `lang`, falling back to the other language.
    ///
    /// ```
    /// use locator_core::{Lang, LocalText};
    /// let t = LocalText { zh: Some("苏州".into()), en: None };
    /// assert_eq!(t.get(Lang::En), "苏州");
    /// ```
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = match lang {
            Lang::Zh => (&self.zh, &self.en),
            Lang::En => (&self.en, &self.zh),
        };
        first.as_deref().or(second.as_deref()).unwrap_or("")
    }
}

/// Texts many outlets repeat (cities, provinces, dealer groups), each held
/// once: the dataset readers, GeoJSON and packed, share them through this.
#[derive(Debug, Default)]
pub(crate) struct TextPool(HashSet<Arc<LocalText>>);

impl TextPool {
    /// The one shared copy of `text`.
    pub(crate) fn share(&mut self, text: LocalText) -> Arc<LocalText> {
        if let Some(seen) = self.0.get(&text) {
            return seen.clone();
        }
        let shared = Arc::new(text);
        self.0.insert(shared.clone());
        shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let t = LocalText {
            zh: None,
            en: Some("Suzhou".into()),
        };
        assert_eq!(t.get(Lang::Zh), "Suzhou");
        assert_eq!(LocalText::new("苏州", "Suzhou").get(Lang::Zh), "苏州");
    }

    #[test]
    fn refuses_empty_text() {
        let err = serde_json::from_str::<LocalText>(r#"{"zh": " ", "en": ""}"#).unwrap_err();
        assert!(err.to_string().contains("non-empty"), "{err}");
        assert!(serde_json::from_str::<LocalText>(r#""苏州""#).is_err());
    }

    #[test]
    fn trims_and_accepts_one_language() {
        let t: LocalText = serde_json::from_str(r#"{"zh": " 苏州 "}"#).unwrap();
        assert_eq!(
            t,
            LocalText {
                zh: Some("苏州".into()),
                en: None
            }
        );
    }
}
