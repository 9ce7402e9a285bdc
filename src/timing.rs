//! User Timing measures around the app's heavy steps
//! (`performance.measure(name, {start, end})`), so that the browser's
//! performance tools and our browser benchmark (`tools/bench/browser.mjs`)
//! see how long each took: `evl:parse`, `evl:index`, `evl:rank`,
//! `evl:cluster-index`, `evl:render`.

use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Runs `f`, recording its duration as the User Timing measure `name`.
pub fn measure<T>(name: &str, f: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    let start = performance.as_ref().map(|p| p.now());
    let out = f();
    if let (Some(p), Some(start)) = (performance, start) {
        let options = Object::new();
        let _ = Reflect::set(&options, &"start".into(), &start.into());
        let _ = Reflect::set(&options, &"end".into(), &p.now().into());
        if let Ok(measure) = Reflect::get(&p, &"measure".into()) {
            if let Some(measure) = measure.dyn_ref::<Function>() {
                let _ = measure.call2(&p, &JsValue::from_str(name), &options);
            }
        }
    }
    out
}
