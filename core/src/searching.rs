//! The search box's index, built and asked away from the buyer's app.
//!
//! The gazetteer, the pinyin table and the [`SearchIndex`] over them and
//! the outlets live in the search worker (`search/`, a Web Worker built
//! from this crate), which the app starts the first time the buyer uses the
//! search box. So the app's wasm carries none of them, and a search over
//! 100,000 outlets (8–15 ms a keystroke) runs off the page's main thread.
//!
//! What crosses: once, `places.json` and `pinyin.json` as the app fetched
//! them and the outlets' texts ([`outlet_texts`]); then each query as
//! typed. The worker answers with a [`SearchReply`]: [`Built`] once the
//! index is made, then [`Found`] for each query, its hits
//! ([`Suggested`]) carrying what the app shows of a place (its names, its
//! province's, its centre) and an outlet's position in the dataset.
//!
//! This module sits above the search and the dataset: it only puts their
//! results in the form that crosses.
//!
//! [`Built`]: SearchReply::Built
//! [`Found`]: SearchReply::Found

use crate::dataset::Dataset;
use crate::latlng::LatLng;
use crate::search::{Gazetteer, OutletTexts, PinyinTable, SearchHit, SearchIndex};
use crate::text::LocalText;
use serde::{Deserialize, Serialize};

/// Most suggestions a query gets.
pub const SUGGESTIONS: usize = 8;

/// Ends each text of an outlet in [`outlet_texts`].
const FIELD: char = '\u{1f}';
/// Ends each outlet in [`outlet_texts`].
const RECORD: char = '\u{1e}';

/// The dataset's outlets as the search worker gets them, in its order:
/// per outlet, the name, city, partner group and address, each in Chinese
/// then English (empty when absent), each text ended by U+001F and the
/// outlet by U+001E. Those two characters within a text become spaces,
/// which searching treats alike. One string, because it is built and read
/// in a few milliseconds even for 100,000 outlets.
///
/// ```
/// use locator_core::{generate_dataset, outlet_texts, read_outlet_texts};
/// let data = generate_dataset(30, 1).unwrap();
/// let back = read_outlet_texts(&outlet_texts(&data));
/// assert_eq!(back.len(), 30);
/// assert_eq!(back[7].name, data.outlets[7].name);
/// ```
pub fn outlet_texts(dataset: &Dataset) -> String {
    let mut out = String::new();
    for outlet in &dataset.outlets {
        let texts = OutletTexts::of(outlet);
        for text in [
            Some(texts.name),
            Some(texts.city),
            texts.partner_group,
            Some(texts.address),
        ] {
            for lang in [
                &text.and_then(|t| t.zh.as_deref()),
                &text.and_then(|t| t.en.as_deref()),
            ] {
                let chars = lang.unwrap_or("").chars();
                out.extend(chars.map(|c| if c == FIELD || c == RECORD { ' ' } else { c }));
                out.push(FIELD);
            }
        }
        out.pop();
        out.push(RECORD);
    }
    out
}

/// One outlet's texts as the search worker read them from [`outlet_texts`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OutletRecord {
    /// Its name.
    pub name: LocalText,
    /// Its city.
    pub city: LocalText,
    /// The dealer group of a partner.
    pub partner_group: Option<LocalText>,
    /// Its street address.
    pub address: LocalText,
}

impl OutletRecord {
    /// Its texts, as the index takes them.
    pub fn texts(&self) -> OutletTexts<'_> {
        OutletTexts {
            name: &self.name,
            city: &self.city,
            partner_group: self.partner_group.as_ref(),
            address: &self.address,
        }
    }
}

/// The outlets of an [`outlet_texts`] string, in its order. Missing texts
/// are empty (and so match nothing); nothing is refused, since only the
/// app writes this.
pub fn read_outlet_texts(text: &str) -> Vec<OutletRecord> {
    text.split_terminator(RECORD)
        .map(|record| {
            let mut fields = record.split(FIELD);
            let mut next = || {
                let zh = fields.next().filter(|t| !t.is_empty()).map(String::from);
                let en = fields.next().filter(|t| !t.is_empty()).map(String::from);
                LocalText { zh, en }
            };
            let (name, city, group, address) = (next(), next(), next(), next());
            OutletRecord {
                name,
                city,
                partner_group: (group != LocalText::default()).then_some(group),
                address,
            }
        })
        .collect()
}

/// One suggestion of the search worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Suggested {
    /// A place of the gazetteer: choosing it sets the origin.
    Place {
        /// Position in the gazetteer (unique among the places of a reply).
        index: usize,
        /// Its name.
        name: LocalText,
        /// Its province's name.
        province: LocalText,
        /// Its centre's latitude, WGS-84 degrees.
        lat: f64,
        /// Its centre's longitude, WGS-84 degrees.
        lng: f64,
    },
    /// An outlet: choosing it selects it.
    Outlet {
        /// Position in the dataset's outlets.
        index: usize,
    },
}

impl Suggested {
    /// A place's centre; `None` for an outlet (or a position out of range,
    /// which the gazetteer's reader does not let through).
    pub fn location(&self) -> Option<LatLng> {
        match *self {
            Suggested::Place { lat, lng, .. } => LatLng::new(lat, lng).ok(),
            Suggested::Outlet { .. } => None,
        }
    }
}

/// A message of the search worker to the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum SearchReply {
    /// The index is made. `problem`, in English, says why places or pinyin
    /// cannot be found (a file that could not be read); outlets still are.
    Built {
        /// What the search lacks, if anything.
        problem: Option<String>,
    },
    /// The suggestions for query number `ask`, best first.
    Found {
        /// The query's number, as the app sent it.
        ask: u32,
        /// At most [`SUGGESTIONS`] hits.
        hits: Vec<Suggested>,
    },
}

impl SearchReply {
    /// The reply as it crosses from the worker to the app.
    pub fn to_json(&self) -> String {
        // Strings and numbers only (finite: the gazetteer's reader checks
        // positions): writing them cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A reply from [`to_json`](SearchReply::to_json)'s text; `None` for
    /// anything else.
    pub fn from_json(text: &str) -> Option<SearchReply> {
        serde_json::from_str(text).ok()
    }
}

/// The search worker's index with the gazetteer its place hits point into.
#[derive(Debug, Default)]
pub struct Searcher {
    gazetteer: Gazetteer,
    index: SearchIndex,
}

impl Searcher {
    /// Reads `places.json` and `pinyin.json` (`None`: the app could not
    /// fetch it, and says so itself) and indexes them with the outlets of
    /// an [`outlet_texts`] string. A file that cannot be read is left out,
    /// and the first such problem is returned: outlets stay searchable, by
    /// characters and English without the pinyin table.
    ///
    /// ```
    /// use locator_core::{generate_dataset, outlet_texts, Searcher, Suggested};
    /// let data = generate_dataset(30, 1).unwrap();
    /// let (searcher, problem) = Searcher::build(None, Some("<html>"), &outlet_texts(&data));
    /// assert!(problem.unwrap().contains("pinyin.json is a web page"));
    /// let name = data.outlets[3].name.zh.clone().unwrap();
    /// assert!(searcher.suggest(&name, 8).contains(&Suggested::Outlet { index: 3 }));
    /// ```
    pub fn build(
        places: Option<&str>,
        pinyin: Option<&str>,
        outlets: &str,
    ) -> (Searcher, Option<String>) {
        let mut problem = None;
        let gazetteer = match places.map(Gazetteer::parse) {
            Some(Ok(gazetteer)) => gazetteer,
            Some(Err(e)) => {
                problem = Some(e.to_string());
                Gazetteer::default()
            }
            None => Gazetteer::default(),
        };
        let table = match pinyin.map(PinyinTable::parse) {
            Some(Ok(table)) => table,
            Some(Err(e)) => {
                problem.get_or_insert(e.to_string());
                PinyinTable::default()
            }
            None => PinyinTable::default(),
        };
        let outlets = read_outlet_texts(outlets);
        let index =
            SearchIndex::of_outlets(&gazetteer, outlets.iter().map(OutletRecord::texts), &table);
        (Searcher { gazetteer, index }, problem)
    }

    /// The best `limit` suggestions for what was typed, best first.
    pub fn suggest(&self, query: &str, limit: usize) -> Vec<Suggested> {
        self.index
            .search(query, limit)
            .into_iter()
            .filter_map(|hit| match hit {
                SearchHit::Place { index, .. } => {
                    let place = self.gazetteer.places.get(index)?;
                    Some(Suggested::Place {
                        index,
                        name: place.name.clone(),
                        province: self.gazetteer.province(place).name.clone(),
                        lat: place.location.lat,
                        lng: place.location.lng,
                    })
                }
                SearchHit::Outlet { index, .. } => Some(Suggested::Outlet { index }),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const PLACES: &str = include_str!("../../public/data/places.json");
    const PINYIN: &str = include_str!("../../public/data/pinyin.json");
    const SAMPLE: &str = include_str!("../../public/data/outlets.geojson");

    #[test]
    fn the_worker_finds_what_the_app_found() {
        let data = Dataset::parse(SAMPLE).unwrap();
        let gazetteer = Gazetteer::parse(PLACES).unwrap();
        let pinyin = PinyinTable::parse(PINYIN).unwrap();
        let direct = SearchIndex::new(&gazetteer, &data, &pinyin);
        let (searcher, problem) = Searcher::build(Some(PLACES), Some(PINYIN), &outlet_texts(&data));
        assert_eq!(problem, None);
        for query in [
            "beijing", "bj", "上海", "jingan", "suzhuo", "wuhan ev", "EV Home", "广汽", "zzz",
        ] {
            let want: Vec<Suggested> = direct
                .search(query, SUGGESTIONS)
                .into_iter()
                .map(|hit| match hit {
                    SearchHit::Place { index, .. } => {
                        let place = &gazetteer.places[index];
                        Suggested::Place {
                            index,
                            name: place.name.clone(),
                            province: gazetteer.province(place).name.clone(),
                            lat: place.location.lat,
                            lng: place.location.lng,
                        }
                    }
                    SearchHit::Outlet { index, .. } => Suggested::Outlet { index },
                })
                .collect();
            assert_eq!(searcher.suggest(query, SUGGESTIONS), want, "{query}");
        }
        assert!(searcher.suggest("beijing", SUGGESTIONS).len() > 1);
    }

    #[test]
    fn outlet_texts_come_back_whole_in_order() {
        let data = Dataset::parse(SAMPLE).unwrap();
        let back = read_outlet_texts(&outlet_texts(&data));
        assert_eq!(back.len(), data.outlets.len());
        for (o, r) in data.outlets.iter().zip(&back) {
            assert_eq!(r.name, o.name);
            assert_eq!(&r.city, &*o.city);
            assert_eq!(r.partner_group.as_ref(), o.partner_group.as_deref());
            assert_eq!(r.address, o.address);
        }
        assert!(back.iter().any(|r| r.partner_group.is_some()));
        assert!(back.iter().any(|r| r.partner_group.is_none()));
        assert_eq!(read_outlet_texts(""), Vec::new());
    }

    #[test]
    fn separators_inside_a_text_become_spaces() {
        let mut data = Dataset::parse(SAMPLE).unwrap();
        data.outlets.truncate(2);
        data.outlets[0].name = LocalText::new("上海\u{1e}静安", "Jing\u{1f}an");
        let back = read_outlet_texts(&outlet_texts(&data));
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].name, LocalText::new("上海 静安", "Jing an"));
        assert_eq!(back[1].name, data.outlets[1].name);
    }

    #[test]
    fn a_file_that_cannot_be_read_is_said_and_the_rest_searched() {
        let data = Dataset::parse(SAMPLE).unwrap();
        let texts = outlet_texts(&data);
        let (searcher, problem) = Searcher::build(Some("{\"format\": 1,"), Some(PINYIN), &texts);
        let problem = problem.unwrap();
        assert!(
            problem.starts_with("places.json cannot be read"),
            "{problem}"
        );
        assert!(problem.contains("line 1"), "{problem}");
        let hits = searcher.suggest("上海", SUGGESTIONS);
        assert!(!hits.is_empty());
        assert!(hits.iter().all(|h| matches!(h, Suggested::Outlet { .. })));
        // Not fetched at all: the app said so; nothing to add.
        let (searcher, problem) = Searcher::build(None, None, &texts);
        assert_eq!(problem, None);
        assert!(!searcher.suggest("上海", SUGGESTIONS).is_empty());
    }

    #[test]
    fn replies_cross_and_bad_ones_are_refused() {
        let (searcher, _) = Searcher::build(Some(PLACES), Some(PINYIN), "");
        let hits = searcher.suggest("suzhou", SUGGESTIONS);
        let Some(Suggested::Place { name, province, .. }) = hits.first() else {
            panic!("{hits:?}");
        };
        assert_eq!(name.get(Lang::Zh), "苏州");
        assert_eq!(province.get(Lang::En), "Jiangsu");
        assert!(hits[0].location().is_some());
        for reply in [
            SearchReply::Built {
                problem: Some("pinyin.json is empty".into()),
            },
            SearchReply::Built { problem: None },
            SearchReply::Found { ask: 7, hits },
        ] {
            assert_eq!(SearchReply::from_json(&reply.to_json()), Some(reply));
        }
        assert_eq!(SearchReply::from_json("ready"), None);
        assert_eq!(SearchReply::from_json(r#"{"Found": {"ask": 1}}"#), None);
    }
}
