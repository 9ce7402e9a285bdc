//! A dataset that is not packed, read by the GeoJSON reader (`reader/`):
//! a module Web Worker started as the file is asked for (so that it loads
//! and compiles meanwhile) and ended once it has answered, so that its
//! memory goes with it. The app itself carries no
//! GeoJSON reader; it reads the pack the worker answers with.
//!
//! How it is started: [`crate::worker`].

use crate::load::LoadError;
use crate::worker::{Said, Spawned};
use locator_core::{Dataset, ReadReport, WordedRecord};
use std::cell::RefCell;
use std::rc::Rc;

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
    worker: Spawned,
    ready: Receiver<Said>,
    answer: Receiver<Said>,
}

type Receiver<T> = futures_channel::oneshot::Receiver<T>;
type Sender<T> = futures_channel::oneshot::Sender<T>;

/// Where the worker's first message (`"ready"`) and then its answer go; an
/// error goes to whichever is still awaited.
struct Waiting {
    ready: Option<Sender<Said>>,
    answer: Option<Sender<Said>>,
}

impl Waiting {
    fn next(&mut self, message: Said) {
        if let Some(send) = self.ready.take().or_else(|| self.answer.take()) {
            let _ = send.send(message);
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
        running.worker.post(&file, &transfer).map_err(not_run)?;
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
    let (ready_in, ready) = futures_channel::oneshot::channel();
    let (answer_in, answer) = futures_channel::oneshot::channel();
    let waiting = Rc::new(RefCell::new(Waiting {
        ready: Some(ready_in),
        answer: Some(answer_in),
    }));
    let worker = Spawned::start("__evlReader", "evl-reader", move |said| {
        waiting.borrow_mut().next(said)
    })?;
    Ok(Running {
        worker,
        ready,
        answer,
    })
}
