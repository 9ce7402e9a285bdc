//! A dataset that is not packed, read by the GeoJSON reader (`reader/`):
//! a module Web Worker started as the file is asked for (so that it loads
//! and compiles meanwhile) and ended once it has answered, so that its
//! memory goes with it. The app itself carries no
//! GeoJSON reader; it reads the pack the worker answers with.
//!
//! The worker's address is `window.__evlReader`, which both start-up
//! scripts set (`tools/build/postbuild.mjs`: Trunk names the file by its
//! hash). A worker must come from the page's origin: an app whose files
//! are on another host (the in-page mount from a brand's page) starts it
//! through a `blob:` module that imports it, which the host's
//! Content-Security-Policy must allow (`worker-src blob:`), else the app
//! says the reader could not run.

use crate::load::LoadError;
use locator_core::{Dataset, ReadReport, WordedRecord};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};

/// A GeoJSON file as the reader read it.
pub struct Read {
    /// The outlets that can be shown, from the worker's pack.
    pub data: Dataset,
    /// The problems of the outlets left out, worded in both languages.
    pub rejected: Vec<WordedRecord>,
    /// Dataset warnings, in English, for the console.
    pub warnings: Vec<String>,
}

/// The reader's worker, started before the file has arrived so that it
/// loads and compiles meanwhile; ended when dropped (a file that turned out
/// to be a pack needs none).
pub struct Reader(Result<Running, String>);

struct Running {
    worker: web_sys::Worker,
    blob: Option<String>,
    ready: Receiver<Result<JsValue, String>>,
    answer: Receiver<Result<JsValue, String>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

type Receiver<T> = futures_channel::oneshot::Receiver<T>;
type Sender<T> = futures_channel::oneshot::Sender<T>;

/// Where the worker's first message (`"ready"`) and then its answer go; an
/// error goes to whichever is still awaited.
#[derive(Default)]
struct Waiting {
    ready: Option<Sender<Result<JsValue, String>>>,
    answer: Option<Sender<Result<JsValue, String>>>,
}

impl Waiting {
    fn next(&mut self, message: Result<JsValue, String>) {
        if let Some(send) = self.ready.take().or_else(|| self.answer.take()) {
            let _ = send.send(message);
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.terminate();
        if let Some(blob) = &self.blob {
            let _ = web_sys::Url::revoke_object_url(blob);
        }
    }
}

impl Reader {
    /// Starts the worker (a failure is told when a file is read).
    pub fn start() -> Reader {
        Reader(run())
    }

    /// Reads `bytes`, a file that is not a pack, and ends the worker.
    pub async fn read(self, bytes: Vec<u8>) -> Result<Read, LoadError> {
        let not_run = |message: String| LoadError::Reader { message };
        let mut running = self.0.map_err(not_run)?;
        let gone = || Err("it stopped without answering".to_string());
        (&mut running.ready)
            .await
            .unwrap_or_else(|_| gone())
            .map_err(not_run)?;
        let file = js_sys::Uint8Array::from(bytes.as_slice());
        drop(bytes);
        // The file's buffer moves to the worker, not a copy.
        let transfer = js_sys::Array::of1(&file.buffer());
        running
            .worker
            .post_message_with_transfer(&file, &transfer)
            .map_err(|e| not_run(describe(&e)))?;
        let answer = (&mut running.answer).await.unwrap_or_else(|_| gone());
        drop(running);
        let answer = answer.map_err(not_run)?;
        let report: ReadReport = js_sys::Reflect::get(&answer, &"report".into())
            .ok()
            .and_then(|r| r.as_string())
            .and_then(|r| ReadReport::from_json(&r))
            .ok_or_else(|| not_run("its answer could not be understood".into()))?;
        if let Some(error) = report.error {
            return Err(LoadError::Unreadable(error));
        }
        let packed = js_sys::Reflect::get(&answer, &"pack".into())
            .ok()
            .filter(|p| p.is_object())
            .ok_or_else(|| not_run("it answered without the outlets".into()))?;
        let data = Dataset::from_pack(&js_sys::Uint8Array::new(&packed).to_vec())?;
        Ok(Read {
            data,
            rejected: report.rejected,
            warnings: report.warnings,
        })
    }
}

/// The worker started, its messages awaited.
fn run() -> Result<Running, String> {
    let url = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__evlReader".into()).ok())
        .and_then(|v| v.as_string())
        .ok_or_else(|| "the page's start-up script names no reader".to_string())?;
    let (worker, blob) = start(&url)?;
    let (ready_in, ready) = futures_channel::oneshot::channel();
    let (answer_in, answer) = futures_channel::oneshot::channel();
    let waiting = Rc::new(RefCell::new(Waiting {
        ready: Some(ready_in),
        answer: Some(answer_in),
    }));
    let on_message = {
        let waiting = waiting.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            waiting.borrow_mut().next(Ok(e.data()));
        })
    };
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        // A script that did not load gives a plain event; a reader that
        // stopped, an ErrorEvent with its message.
        let message = e
            .dyn_ref::<web_sys::ErrorEvent>()
            .map(|e| e.message())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "it did not start (its files did not load)".into());
        waiting.borrow_mut().next(Err(message));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        blob,
        ready,
        answer,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Starts the worker at `url`, or (when the browser refuses a worker from
/// another origin) through a `blob:` module importing it, whose URL is
/// returned to be revoked.
fn start(url: &str) -> Result<(web_sys::Worker, Option<String>), String> {
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    options.set_name("evl-reader");
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
