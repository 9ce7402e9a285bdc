//! The studio's state, shared by its steps through the context: the work,
//! its last check, the settings, the step shown, and what is saved.

use super::browser;
use evl_studio::saved::Saved;
use evl_studio::settings::Settings;
use evl_studio::source::open;
use evl_studio::work::{Edit, Summary, Work};
use leptos::prelude::*;
use leptos::task::spawn_local;
use locator_core::{Date, Lang};
use std::sync::Arc;

/// The five steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Open a file.
    Open,
    /// Map a sheet's columns.
    Columns,
    /// The check and the fixes.
    Check,
    /// The settings.
    Configure,
    /// Downloads and snippets.
    Export,
}

impl Step {
    /// In order.
    pub const ALL: [Step; 5] = [
        Step::Open,
        Step::Columns,
        Step::Check,
        Step::Configure,
        Step::Export,
    ];

    /// The id saved and used in element ids.
    pub fn id(self) -> &'static str {
        match self {
            Step::Open => "open",
            Step::Columns => "columns",
            Step::Check => "check",
            Step::Configure => "configure",
            Step::Export => "export",
        }
    }

    fn from_id(id: &str) -> Step {
        Step::ALL
            .into_iter()
            .find(|s| s.id() == id)
            .unwrap_or(Step::Check)
    }

    /// Its place, from 0.
    pub fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The state (signals are `Copy`: the whole is given by context).
#[derive(Clone, Copy)]
pub struct Studio {
    /// The interface language.
    pub lang: RwSignal<Lang>,
    /// The step shown.
    pub step: RwSignal<Step>,
    /// The work, once a file is open.
    pub work: RwSignal<Option<Work>>,
    /// The file's bytes as opened (kept for the save).
    pub bytes: StoredValue<Arc<Vec<u8>>>,
    /// The last check of the work.
    pub checked: RwSignal<Option<Arc<Summary>>>,
    /// The files it gave (read them when `checked` changes).
    pub files: StoredValue<browser::Files, LocalStorage>,
    /// `config.json` being written.
    pub settings: RwSignal<Settings>,
    /// What could not be done, in plain words (a file that did not open).
    pub error: RwSignal<Option<String>>,
    /// Something long under way (reading, checking), said.
    pub busy: RwSignal<Option<&'static str>>,
    /// Checks finished so far (the page shows the count, for tests and
    /// scripts to wait on).
    pub checks: RwSignal<u32>,
    /// The latest check asked for.
    generation: StoredValue<u32>,
    /// The record open in the form.
    pub selected: RwSignal<Option<usize>>,
    /// Saved work found at start: the bytes and the record.
    pub offered: RwSignal<Option<(Arc<Vec<u8>>, Saved)>>,
}

/// The state given by [`Studio::provide`].
pub fn studio() -> Studio {
    expect_context::<Studio>()
}

/// Today, in the browser's clock (UTC), for a new dataset's `updated`.
fn today() -> Date {
    let days = (js_sys::Date::now() / 86_400_000.0).floor() as i64;
    Date::from_days_since_epoch(days).unwrap_or_else(|| "2026-01-01".parse().expect("a day"))
}

impl Studio {
    /// Makes the state and gives it to the components below.
    pub fn provide() -> Studio {
        let lang = if web_sys::window()
            .and_then(|w| w.navigator().language())
            .is_some_and(|l| !l.to_lowercase().starts_with("zh"))
        {
            Lang::En
        } else {
            Lang::Zh
        };
        let s = Studio {
            lang: RwSignal::new(lang),
            step: RwSignal::new(Step::Open),
            work: RwSignal::new(None),
            bytes: StoredValue::new(Arc::new(Vec::new())),
            checked: RwSignal::new(None),
            files: StoredValue::new_local(browser::Files::default()),
            settings: RwSignal::new(Settings::default()),
            error: RwSignal::new(None),
            busy: RwSignal::new(None),
            checks: RwSignal::new(0),
            generation: StoredValue::new(0),
            selected: RwSignal::new(None),
            offered: RwSignal::new(None),
        };
        provide_context(s);
        spawn_local(async move {
            if let Some((bytes, json)) = browser::saved().await {
                if let Ok(saved) = Saved::from_json(&json) {
                    s.offered.set(Some((Arc::new(bytes), saved)));
                }
            }
        });
        s
    }

    /// Opens `bytes`, the file `name`: the work starts on it, is checked
    /// and saved, and the step after it is shown.
    pub fn open(self, name: &str, bytes: Vec<u8>) {
        match open(name, &bytes) {
            Ok(source) => {
                let is_sheet = source.kind() == "sheet";
                let work = Work::new(name, source, today());
                self.error.set(None);
                self.offered.set(None);
                self.selected.set(None);
                self.bytes.set_value(Arc::new(bytes));
                let file = self.bytes.get_value();
                spawn_local(async move {
                    let _ = browser::save_file(&file).await;
                });
                self.work.set(Some(work));
                self.step
                    .set(if is_sheet { Step::Columns } else { Step::Check });
                self.recheck();
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }

    /// Takes saved work back.
    pub fn restore(self) {
        let Some((bytes, saved)) = self.offered.get_untracked() else {
            return;
        };
        match saved.restore(&bytes) {
            Ok((work, settings)) => {
                self.bytes.set_value(bytes);
                self.settings.set(settings);
                self.work.set(Some(work));
                self.step.set(Step::from_id(&saved.step));
                self.offered.set(None);
                self.error.set(None);
                self.recheck();
            }
            Err(e) => self.error.set(Some(e.to_string())),
        }
    }

    /// Shows step `step`, saves it as the one the team is on, and puts the
    /// keyboard focus on its heading.
    pub fn go(self, step: Step) {
        self.step.set(step);
        self.save();
        super::focus("#studio-step-heading");
    }

    /// Forgets saved work.
    pub fn discard(self) {
        self.offered.set(None);
        spawn_local(async move {
            let _ = browser::discard().await;
        });
    }

    /// Changes the work (a mapping, a datum, the brand), checks it again
    /// and saves it.
    pub fn change(self, f: impl FnOnce(&mut Work)) {
        self.work.update(|w| {
            if let Some(w) = w {
                f(w)
            }
        });
        self.recheck();
    }

    /// Makes an edit; its error in plain words.
    pub fn edit(self, edit: Edit) -> Result<(), String> {
        let mut result = Ok(());
        self.work.update(|w| {
            if let Some(w) = w {
                result = w.apply(edit).map_err(|e| e.to_string());
            }
        });
        if result.is_ok() {
            self.recheck();
        }
        result
    }

    /// Checks the work again, after letting the page say so, then saves it:
    /// in a worker (the page stays responsive), which opens the file's bytes
    /// and replays the saved record of the work on them. A check overtaken by a newer one is
    /// dropped.
    pub fn recheck(self) {
        self.busy.set(Some("check"));
        let this = self.generation.get_value() + 1;
        self.generation.set_value(this);
        spawn_local(async move {
            browser::next_frame().await;
            if self.generation.get_value() != this {
                return;
            }
            // In the worker; in place only if the worker cannot run.
            let bytes = self.bytes.get_value();
            let checked = match browser::check_in_worker(&bytes, &self.record()).await {
                Ok(checked) => Some(checked),
                Err(e) => {
                    web_sys::console::warn_1(
                        &format!("evl-studio: checked in the page ({e})").into(),
                    );
                    self.work.with_untracked(|w| {
                        w.as_ref().map(|w| {
                            let mut summary = w.check().summary();
                            let files = browser::Files::take(&mut summary);
                            (summary, files)
                        })
                    })
                }
            };
            if self.generation.get_value() != this {
                return;
            }
            let (summary, files) = checked.unzip();
            self.files.set_value(files.unwrap_or_default());
            self.checked.set(summary.map(Arc::new));
            self.busy.set(None);
            self.checks.update(|n| *n += 1);
            self.save();
        });
    }

    /// The saved record of the work, as JSON ("" with nothing open).
    fn record(self) -> String {
        self.work.with_untracked(|w| {
            w.as_ref()
                .map(|w| {
                    self.settings.with_untracked(|s| {
                        Saved::of(w, s, self.step.get_untracked().id()).to_json()
                    })
                })
                .unwrap_or_default()
        })
    }

    /// Saves the record of the work (the bytes were saved when opened).
    pub fn save(self) {
        let json = self.record();
        if !json.is_empty() {
            spawn_local(async move {
                let _ = browser::save_work(&json).await;
            });
        }
    }
}
