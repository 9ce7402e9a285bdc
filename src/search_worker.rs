//! The search box's worker (`search/`): the gazetteer, the pinyin table
//! and the index over them and the outlets, started the first time the
//! buyer uses the search box, so that the app carries none of them
//! (locator-core's `searching` module says what crosses). How it is
//! started: [`crate::worker`].
//!
//! The app fetches `places.json` and `pinyin.json` (its own fetch, with its
//! limits and words for a failure) while the worker loads, then sends them
//! with the outlets' texts; queries asked before that are kept, the latest
//! one sent as soon as the worker has its data.

use crate::load::{self, Loaded};
use crate::worker::Spawned;
use locator_core::SearchReply;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// What the search box hears: the worker's replies, or why it cannot
/// search at all (in English).
pub type Heard = Result<SearchReply, String>;

/// The running search worker, ended when dropped.
pub struct SearchWorker {
    worker: Option<Rc<Spawned>>,
    /// Until the worker has its data, the latest query to send then.
    waiting: Rc<RefCell<Waiting>>,
}

enum Waiting {
    Data(Option<(u32, String)>),
    Sent,
}

impl SearchWorker {
    /// Starts the worker for `loaded`'s outlets; what it says goes to
    /// `hear`, never during this call.
    pub fn start(loaded: Arc<Loaded>, hear: impl Fn(Heard) + 'static) -> SearchWorker {
        let hear = Rc::new(hear);
        let waiting = Rc::new(RefCell::new(Waiting::Data(None)));
        let (ready_in, ready) = futures_channel::oneshot::channel::<Result<(), String>>();
        let mut ready_in = Some(ready_in);
        let heard = hear.clone();
        let started = Spawned::start("__evlSearch", "evl-search", move |said| {
            // The first message says the worker is ready for its data.
            if let Some(ready_in) = ready_in.take() {
                let _ = ready_in.send(said.map(|_| ()));
                return;
            }
            heard(said.and_then(|data| {
                data.as_string()
                    .and_then(|text| SearchReply::from_json(&text))
                    .ok_or_else(|| "its answer could not be understood".to_string())
            }));
        });
        let worker = match started {
            Ok(worker) => Rc::new(worker),
            Err(e) => {
                leptos::task::spawn_local(async move { hear(Err(e)) });
                return SearchWorker {
                    worker: None,
                    waiting,
                };
            }
        };
        let sending = (worker.clone(), waiting.clone());
        leptos::task::spawn_local(async move {
            let (worker, waiting) = sending;
            let outlets = locator_core::outlet_texts(&loaded.data);
            drop(loaded);
            let places = fetched(load::PLACES_URL).await;
            let pinyin = fetched(load::PINYIN_URL).await;
            match ready.await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return hear(Err(e)),
                // The search box is gone.
                Err(_) => return,
            }
            let data = js_sys::Array::of3(&places, &pinyin, &outlets.into());
            if let Err(e) = worker.post(&data, &js_sys::Array::new()) {
                return hear(Err(e));
            }
            let pending = std::mem::replace(&mut *waiting.borrow_mut(), Waiting::Sent);
            if let Waiting::Data(Some((ask, text))) = pending {
                send(&worker, ask, &text, &*hear);
            }
        });
        SearchWorker {
            worker: Some(worker),
            waiting,
        }
    }

    /// Asks for the suggestions for `text`; the answer is
    /// [`SearchReply::Found`] with the same `ask`.
    pub fn ask(&self, ask: u32, text: &str, hear: &dyn Fn(Heard)) {
        let Some(worker) = &self.worker else { return };
        match &mut *self.waiting.borrow_mut() {
            Waiting::Data(pending) => *pending = Some((ask, text.to_string())),
            Waiting::Sent => send(worker, ask, text, hear),
        }
    }
}

fn send(worker: &Spawned, ask: u32, text: &str, hear: &dyn Fn(Heard)) {
    let query = js_sys::Array::of2(&ask.into(), &text.into());
    if let Err(e) = worker.post(&query, &js_sys::Array::new()) {
        hear(Err(e));
    }
}

/// A search file's text, or `null` when it cannot be had (said on the
/// console: the places, or their pinyin, are then not searchable).
async fn fetched(path: &str) -> JsValue {
    match load::fetch_text(&crate::mount::asset_url(path)).await {
        Ok(text) => text.into(),
        Err(e) => {
            crate::url::console_warn(&format!("ev-locator: place search is limited: {e}"));
            JsValue::NULL
        }
    }
}
