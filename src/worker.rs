//! The app's own module Web Workers: the GeoJSON reader ([`reader`]) and
//! the search ([`search_worker`]), each started only when it is needed, so
//! that the buyer's app carries neither.
//!
//! A worker's address is a global of the page (`window.__evlReader`,
//! `window.__evlSearch`), which both start-up scripts set
//! (`tools/build/postbuild.mjs`: Trunk names the files by their hash). A
//! worker must come from the page's origin: an app whose files are on
//! another host (the in-page mount from a brand's page) starts it through a
//! `blob:` module that imports it, which the host's
//! Content-Security-Policy must allow (`worker-src blob:`).
//!
//! [`reader`]: crate::reader
//! [`search_worker`]: crate::search_worker

use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// What a worker said: a message's data, or why it stopped (in English).
pub type Said = Result<JsValue, String>;

/// A running worker, ended when dropped.
pub struct Spawned {
    worker: web_sys::Worker,
    blob: Option<String>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl Drop for Spawned {
    fn drop(&mut self) {
        self.worker.terminate();
        if let Some(blob) = &self.blob {
            let _ = web_sys::Url::revoke_object_url(blob);
        }
    }
}

impl Spawned {
    /// Starts the worker whose address is the page's `global`, named `name`
    /// (as the browser's tools show it); what it says goes to `hear`.
    pub fn start(
        global: &str,
        name: &str,
        hear: impl FnMut(Said) + 'static,
    ) -> Result<Spawned, String> {
        let url = web_sys::window()
            .and_then(|w| js_sys::Reflect::get(&w, &global.into()).ok())
            .and_then(|v| v.as_string())
            .ok_or_else(|| format!("the page's start-up script names no {name}"))?;
        let (worker, blob) = start(&url, name)?;
        let hear = std::rc::Rc::new(std::cell::RefCell::new(hear));
        let on_message = {
            let hear = hear.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                (hear.borrow_mut())(Ok(e.data()));
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            // A script that did not load gives a plain event; a worker that
            // stopped, an ErrorEvent with its message.
            let message = e
                .dyn_ref::<web_sys::ErrorEvent>()
                .map(|e| e.message())
                .filter(|m| !m.is_empty())
                .unwrap_or_else(|| "it did not start (its files did not load)".into());
            (hear.borrow_mut())(Err(message));
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Spawned {
            worker,
            blob,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends `message`, moving the buffers in `transfer` (not copying them).
    pub fn post(&self, message: &JsValue, transfer: &js_sys::Array) -> Result<(), String> {
        self.worker
            .post_message_with_transfer(message, transfer)
            .map_err(|e| describe(&e))
    }
}

/// Starts the worker at `url`, or (when the browser refuses a worker from
/// another origin) through a `blob:` module importing it, whose URL is
/// returned to be revoked.
fn start(url: &str, name: &str) -> Result<(web_sys::Worker, Option<String>), String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name(name);
    let refused = match web_sys::Worker::new_with_options(url, &options) {
        Ok(worker) => return Ok((worker, None)),
        Err(refused) => refused,
    };
    let source = js_sys::Array::of1(&format!("import {};", js_string(url)).into());
    let kind = web_sys::BlobPropertyBag::new();
    kind.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&source, &kind)
        .and_then(|b| web_sys::Url::create_object_url_with_blob(&b))
        .map_err(|e| describe(&e))?;
    match web_sys::Worker::new_with_options(&blob, &options) {
        Ok(worker) => Ok((worker, Some(blob))),
        Err(e) => {
            let _ = web_sys::Url::revoke_object_url(&blob);
            Err(format!(
                "the page refused its worker ({}; then {})",
                describe(&refused),
                describe(&e)
            ))
        }
    }
}

/// `text` as a JavaScript string literal.
fn js_string(text: &str) -> String {
    js_sys::JSON::stringify(&text.into())
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default()
}

/// A thrown value's message.
fn describe(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "an unknown error".into())
}
