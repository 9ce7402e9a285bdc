//! The browser calls the studio makes (`browser.js`): files in and out,
//! IndexedDB, the clipboard and the preview's mount.

use evl_studio::saved::Saved;
use evl_studio::work::Summary;
use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/ui/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = readFile)]
    fn read_file_js(file: &web_sys::File) -> Promise;
    #[wasm_bindgen(js_name = fetchSite)]
    fn fetch_site_js(path: &str) -> Promise;
    #[wasm_bindgen(js_name = download)]
    fn download_js(name: &str, body: &JsValue, mime: &str);
    #[wasm_bindgen(js_name = copyText)]
    fn copy_text_js(text: &str) -> Promise;
    #[wasm_bindgen(js_name = savePut)]
    fn save_put_js(key: &str, value: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = saveGet)]
    fn save_get_js(key: &str) -> Promise;
    #[wasm_bindgen(js_name = saveClear)]
    fn save_clear_js() -> Promise;
    #[wasm_bindgen(js_name = mountPreview)]
    fn mount_preview_js(
        container: &web_sys::Element,
        pack: &Uint8Array,
        config: &str,
        lang: &str,
        title: &str,
    ) -> Promise;
    #[wasm_bindgen(js_name = clearPreview)]
    pub fn clear_preview(container: &web_sys::Element);
    #[wasm_bindgen(js_name = nextFrame)]
    fn next_frame_js() -> Promise;
    #[wasm_bindgen(js_name = checkInWorker)]
    fn check_in_worker_js(bytes: &Uint8Array, saved: &str) -> Promise;
}

/// A browser call's failure, in its own words.
fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

async fn bytes_of(p: Promise) -> Result<Vec<u8>, String> {
    let v = JsFuture::from(p).await.map_err(message)?;
    Ok(Uint8Array::new(&v).to_vec())
}

/// The bytes of a file the team chose or dropped.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    bytes_of(read_file_js(file)).await
}

/// The site's own file at `path`, relative to the app's folder.
pub async fn fetch_site(path: &str) -> Result<Vec<u8>, String> {
    bytes_of(fetch_site_js(path)).await
}

/// Offers `body` (a JS string or bytes) as a download named `name`.
pub fn download(name: &str, body: &JsValue, mime: &str) {
    download_js(name, body, mime);
}

/// The files a check gives, kept on the JavaScript side: a large dataset
/// is not copied into the wasm's memory and out again to be previewed or
/// downloaded.
#[derive(Clone, Default)]
pub struct Files {
    /// The dataset file of the outlets kept.
    pub geojson: Option<js_sys::JsString>,
    /// Their packed form.
    pub pack: Option<Uint8Array>,
}

impl Files {
    /// Moves a summary's files (a check made in the page) to JavaScript.
    pub fn take(summary: &mut Summary) -> Files {
        Files {
            geojson: summary
                .geojson
                .take()
                .map(|g| js_sys::JsString::from(g.as_str())),
            pack: summary.pack.take().map(|p| Uint8Array::from(p.as_slice())),
        }
    }
}

/// Puts `text` on the clipboard.
pub async fn copy_text(text: &str) -> Result<(), String> {
    JsFuture::from(copy_text_js(text))
        .await
        .map(|_| ())
        .map_err(message)
}

/// Keeps the file's bytes as opened.
pub async fn save_file(bytes: &[u8]) -> Result<(), String> {
    JsFuture::from(save_put_js("file", &Uint8Array::from(bytes).into()))
        .await
        .map(|_| ())
        .map_err(message)
}

/// Keeps the record of the work (JSON).
pub async fn save_work(json: &str) -> Result<(), String> {
    JsFuture::from(save_put_js("work", &JsValue::from_str(json)))
        .await
        .map(|_| ())
        .map_err(message)
}

/// What was kept: the file's bytes and the work's record, if both are there.
pub async fn saved() -> Option<(Vec<u8>, String)> {
    let work = JsFuture::from(save_get_js("work"))
        .await
        .ok()?
        .as_string()?;
    let file = JsFuture::from(save_get_js("file")).await.ok()?;
    if file.is_null() {
        return None;
    }
    Some((Uint8Array::new(&file).to_vec(), work))
}

/// Forgets what was kept.
pub async fn discard() -> Result<(), String> {
    JsFuture::from(save_clear_js())
        .await
        .map(|_| ())
        .map_err(message)
}

/// Mounts the locator in a frame of its own in `container` (the frame
/// named `title`), on `pack` (a packed dataset) and `config`
/// (`config.json`'s text), in `lang`.
pub async fn mount_preview(
    container: &web_sys::Element,
    pack: &Uint8Array,
    config: &str,
    lang: &str,
    title: &str,
) -> Result<(), String> {
    JsFuture::from(mount_preview_js(container, pack, config, lang, title))
        .await
        .map(|_| ())
        .map_err(message)
}

/// Waits for the page to paint (before a long task).
pub async fn next_frame() {
    let _ = JsFuture::from(next_frame_js()).await;
}

/// Checks the file's `bytes` with the work's saved record in the worker.
pub async fn check_in_worker(bytes: &[u8], saved: &str) -> Result<(Summary, Files), String> {
    let result = JsFuture::from(check_in_worker_js(&Uint8Array::from(bytes), saved))
        .await
        .map_err(message)?;
    from_parts(&result.unchecked_into())
}

/// The worker's side: opens `bytes`, replays the record `saved` on them and
/// checks the work; gives `[summary JSON, GeoJSON or null, pack or null]`.
#[wasm_bindgen]
pub fn studio_check(bytes: &[u8], saved: &str) -> Result<Array, JsValue> {
    let saved = Saved::from_json(saved).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let (work, _) = saved
        .restore(bytes)
        .map_err(|e| JsValue::from_str(&e.to_string()))?;
    let summary = work.check().summary();
    let json = serde_json::to_string(&summary).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let out = Array::new();
    out.push(&JsValue::from_str(&json));
    out.push(
        &summary
            .geojson
            .as_deref()
            .map_or(JsValue::NULL, JsValue::from_str),
    );
    out.push(
        &summary
            .pack
            .as_deref()
            .map_or(JsValue::NULL, |p| Uint8Array::from(p).into()),
    );
    Ok(out)
}

/// A summary again from the worker's three parts, its files left in JavaScript.
fn from_parts(parts: &Array) -> Result<(Summary, Files), String> {
    let json = parts
        .get(0)
        .as_string()
        .ok_or("the worker gave no summary")?;
    let summary: Summary = serde_json::from_str(&json).map_err(|e| e.to_string())?;
    let given = |v: JsValue| (!v.is_null() && !v.is_undefined()).then_some(v);
    let files = Files {
        geojson: given(parts.get(1)).map(JsCast::unchecked_into),
        pack: given(parts.get(2)).map(JsCast::unchecked_into),
    };
    Ok((summary, files))
}
