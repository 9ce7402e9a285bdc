//! The search box's index, run as a module Web Worker by the buyer's app
//! (src/search_worker.rs) once the box is first used.
//!
//! Once started it posts `"ready"`. Its first message is then an array:
//! `places.json`'s and `pinyin.json`'s texts (`null` for one the app could
//! not fetch) and the outlets' texts
//! ([`outlet_texts`](locator_core::outlet_texts)); it makes the index and
//! answers with [`SearchReply::Built`]. Each later message is a query,
//! `[number, text]`, answered with [`SearchReply::Found`]. Replies are
//! their JSON text ([`SearchReply::to_json`]).

#[cfg(target_arch = "wasm32")]
use locator_core::SearchReply;

#[cfg(target_arch = "wasm32")]
fn main() {
    use locator_core::{Searcher, SUGGESTIONS};
    use wasm_bindgen::{closure::Closure, JsCast};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let mut searcher = None::<Searcher>;
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let message: js_sys::Array = e.data().unchecked_into();
            let text = |i| message.get(i).as_string();
            let reply = match &searcher {
                Some(searcher) => SearchReply::Found {
                    ask: message.get(0).as_f64().unwrap_or(0.0) as u32,
                    hits: searcher.suggest(&text(1).unwrap_or_default(), SUGGESTIONS),
                },
                None => {
                    let outlets = text(2).unwrap_or_default();
                    let (made, problem) =
                        Searcher::build(text(0).as_deref(), text(1).as_deref(), &outlets);
                    searcher = Some(made);
                    SearchReply::Built { problem }
                }
            };
            let _ = answer_to.post_message(&reply.to_json().into());
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&"ready".into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "evl-search runs in a browser, as the app's worker; natively, see locator_core::Searcher"
    );
}
