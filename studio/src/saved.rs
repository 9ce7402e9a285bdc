//! What the browser keeps of the work between visits (IndexedDB): the
//! bytes of the file as opened, kept apart, and this record of what was
//! done to them (the column mapping, the datum, the edits, the settings),
//! replayed on those bytes after a reload or a crash.

use crate::settings::Settings;
use crate::source::{open, OpenError};
use crate::work::{Edit, EditError, Work};
use evl_data::import::COLUMNS;
use locator_core::{Date, Datum};
use serde::{Deserialize, Serialize};

/// The saved record of the work (JSON in IndexedDB, next to the bytes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// The file's name, as opened.
    pub name: String,
    /// A sheet's column mapping: a field of the documented layout per
    /// header cell, or `None`.
    pub mapping: Vec<Option<String>>,
    /// The datum id of a sheet's coordinates (`wgs84`, `gcj02`, `bd09`).
    pub datum: String,
    /// The dataset's `updated` day (`2026-12-01`).
    pub updated: String,
    /// The edits, in order.
    pub edits: Vec<Edit>,
    /// `config.json` as the settings had it.
    pub settings: String,
    /// The step the team was on (`open`, `columns`, `check`...).
    pub step: String,
}

/// Why saved work could not be taken back.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum RestoreError {
    /// The saved record is not one this studio wrote.
    #[error("the saved work cannot be read ({0}); discard it and open the file again")]
    Record(String),
    /// The saved bytes no longer open.
    #[error("the saved file cannot be opened again: {0}")]
    Open(#[from] OpenError),
    /// An edit no longer applies.
    #[error("edit {number} of the saved work no longer applies: {error}")]
    Edit {
        /// 1-based, in the order made.
        number: usize,
        /// Why.
        error: EditError,
    },
}

impl Saved {
    /// The record of `work` with `settings`, on step `step`.
    pub fn of(work: &Work, settings: &Settings, step: &str) -> Saved {
        Saved {
            name: work.name.clone(),
            mapping: work.mapping.iter().map(|m| m.map(str::to_string)).collect(),
            datum: work.options.datum.id().to_string(),
            updated: work.options.updated.to_string(),
            edits: work.edits.clone(),
            settings: settings.text(),
            step: step.to_string(),
        }
    }

    /// As JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a record written by [`Saved::to_json`].
    pub fn from_json(text: &str) -> Result<Saved, RestoreError> {
        serde_json::from_str(text).map_err(|e| RestoreError::Record(e.to_string()))
    }

    /// The work and settings again, from the file's `bytes`: the file
    /// opened, the mapping and datum set, the edits replayed. Settings that
    /// no longer read start empty.
    pub fn restore(&self, bytes: &[u8]) -> Result<(Work, Settings), RestoreError> {
        let source = open(&self.name, bytes)?;
        let updated: Date = self.updated.parse().map_err(|_| {
            RestoreError::Record(format!("updated \"{}\" is not a day", self.updated))
        })?;
        let mut work = Work::new(&self.name, source, updated);
        if self.mapping.len() == work.mapping.len() {
            work.mapping = self
                .mapping
                .iter()
                .map(|m| {
                    m.as_deref()
                        .and_then(|f| COLUMNS.iter().copied().find(|c| *c == f))
                })
                .collect();
        }
        if let Some(datum) = Datum::from_id(&self.datum) {
            work.options.datum = datum;
        }
        for (i, edit) in self.edits.iter().enumerate() {
            work.apply(edit.clone())
                .map_err(|error| RestoreError::Edit {
                    number: i + 1,
                    error,
                })?;
        }
        let settings = Settings::from_text(&self.settings).unwrap_or_default();
        Ok((work, settings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CSV: &str = "门店编码,门店类型,门店名称,详细地址,城市,省份,百度纬度,百度经度\n\
        sh-1,ev_home,上海静安店,南京西路1号,上海,上海,31.23,121.45\n\
        sh-2,dealer,上海浦东店,世纪大道2号,上海,上海,31.22,121.54\n";

    #[test]
    fn saved_work_comes_back_with_its_mapping_datum_edits_and_settings() {
        let day: Date = "2026-12-01".parse().unwrap();
        let mut work = Work::new("net.csv", open("net.csv", CSV.as_bytes()).unwrap(), day);
        assert_eq!(work.options.datum, Datum::Bd09, "guessed from the headers");
        work.options.datum = Datum::Gcj02;
        work.set_column(2, None);
        work.apply(Edit::Cell {
            record: 3,
            column: 1,
            value: "partner".into(),
        })
        .unwrap();
        work.apply(Edit::Brand {
            zh: Some("青云汽车".into()),
            en: None,
        })
        .unwrap();
        let mut settings = Settings::default();
        settings.set("theme.brand_color", "#0a7cff");

        let json = Saved::of(&work, &settings, "check").to_json();
        let saved = Saved::from_json(&json).unwrap();
        assert_eq!(saved.step, "check");
        let (back, back_settings) = saved.restore(CSV.as_bytes()).unwrap();
        assert_eq!(back.mapping, work.mapping);
        assert_eq!(back.options, work.options);
        assert_eq!(back.edits, work.edits);
        assert_eq!(back.record(3), work.record(3));
        assert_eq!(back_settings, settings);
    }

    #[test]
    fn a_record_that_no_longer_applies_says_which_edit() {
        assert!(matches!(
            Saved::from_json("{\"name\": 1}"),
            Err(RestoreError::Record(_))
        ));
        let saved = Saved {
            name: "net.csv".into(),
            mapping: vec![],
            datum: "wgs84".into(),
            updated: "2026-12-01".into(),
            edits: vec![Edit::Cell {
                record: 9,
                column: 0,
                value: "x".into(),
            }],
            settings: "{}".into(),
            step: "check".into(),
        };
        assert_eq!(
            saved.restore(CSV.as_bytes()).unwrap_err().to_string(),
            "edit 1 of the saved work no longer applies: there is no record 9"
        );
    }
}
