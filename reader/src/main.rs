//! The GeoJSON reader, run as a module Web Worker by the buyer's app
//! (src/reader.rs) for a dataset that is not packed.
//!
//! Once started it posts `"ready"`. Each message it then gets is a file's
//! bytes (a `Uint8Array`); it answers with an object: `report`, the
//! [`ReadReport`](locator_core::ReadReport) as JSON, and `pack`, the
//! dataset's packed form (a `Uint8Array`, transferred), when the file can
//! be used.

#[cfg(target_arch = "wasm32")]
fn main() {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let answer_to = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let bytes = js_sys::Uint8Array::new(&e.data()).to_vec();
            let (packed, report) = locator_core::read_geojson(bytes);
            let answer = js_sys::Object::new();
            let report = report.to_json();
            let _ = js_sys::Reflect::set(&answer, &"report".into(), &report.into());
            let transfer = js_sys::Array::new();
            if let Some(packed) = packed {
                let array = js_sys::Uint8Array::from(packed.as_slice());
                transfer.push(&array.buffer());
                let _ = js_sys::Reflect::set(&answer, &"pack".into(), &array);
            }
            let _ = answer_to.post_message_with_transfer(&JsValue::from(answer), &transfer);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&"ready".into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("evl-reader runs in a browser, as the app's worker; natively, see locator_core::read_geojson");
}
