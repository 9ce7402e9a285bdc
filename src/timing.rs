//! User Timing measures around the app's heavy steps
//! (`performance.measure(name, {start, end})`), so that the browser's
//! performance tools and our browser benchmark (`tools/bench/browser.mjs`)
//! see how long each took: `evl:parse`, `evl:index`, `evl:order` (every
//! outlet nearest-first, once per origin), `evl:rank` (the filters applied
//! to that order), `evl:clusters`, `evl:cluster-index`, `evl:render`.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Runs `f`, recording its duration as the User Timing measure `name`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let start = now();
    let out = f();
    record(name, start);
    out
}

/// The page's clock, in milliseconds since navigation (none natively, where
/// the static pages are rendered).
pub fn now() -> Option<f64> {
    if !cfg!(target_arch = "wasm32") {
        return None;
    }
    web_sys::window()?.performance().map(|p| p.now())
}

/// Records the User Timing measure `name` from `start` ([`now`]) to now:
/// for a step that waits in between (the dataset read in its worker).
pub fn record(name: &str, start: Option<f64>) {
    // Natively `start` is none: no browser to ask.
    let Some(start) = start else {
        return;
    };
    let Some(p) = web_sys::window().and_then(|w| w.performance()) else {
        return;
    };
    let options = Object::new();
    let _ = Reflect::set(&options, &"start".into(), &start.into());
    let _ = Reflect::set(&options, &"end".into(), &p.now().into());
    if let Ok(measure) = Reflect::get(&p, &"measure".into()) {
        if let Some(measure) = measure.dyn_ref::<Function>() {
            let _ = measure.call2(&p, &JsValue::from_str(name), &options);
        }
    }
}

thread_local! {
    /// The dataset shown, for [`bench_nearest`].
    static LOADED: std::cell::RefCell<Option<std::sync::Arc<crate::load::Loaded>>> =
        const { std::cell::RefCell::new(None) };
}

/// Keeps the dataset for [`bench_nearest`].
pub fn keep(loaded: &std::sync::Arc<crate::load::Loaded>) {
    LOADED.with(|l| *l.borrow_mut() = Some(loaded.clone()));
}

/// For the browser benchmark: the mean time in microseconds of finding the
/// 10 outlets nearest to a new origin, over `runs` origins spread over
/// eastern and central China ([`locator_core::spread_origins`]). A single query is
/// shorter than the browser's clock resolution, so they are timed together.
/// `NaN` before the dataset has loaded. Called as
/// `window.wasmBindings.bench_nearest(runs)`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_nearest(runs: u32) -> f64 {
    let Some(loaded) = LOADED.with(|l| l.borrow().clone()) else {
        return f64::NAN;
    };
    let Some(performance) = web_sys::window().and_then(|w| w.performance()) else {
        return f64::NAN;
    };
    let origins = locator_core::spread_origins(runs.max(1) as usize);
    let start = performance.now();
    let mut checksum = 0usize;
    for &origin in &origins {
        checksum = checksum.wrapping_add(loaded.index.nearest(origin).take(10).sum::<usize>());
    }
    let elapsed_ms = performance.now() - start;
    std::hint::black_box(checksum);
    elapsed_ms * 1000.0 / origins.len() as f64
}
