//! The browser calls the studio makes (`browser.js`): files in and out,
//! IndexedDB, the clipboard and the preview's mount.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/ui/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = readFile)]
    fn read_file_js(file: &web_sys::File) -> Promise;
    #[wasm_bindgen(js_name = fetchSite)]
    fn fetch_site_js(path: &str) -> Promise;
    #[wasm_bindgen(js_name = download)]
    fn download_js(name: &str, bytes: &Uint8Array, mime: &str);
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
    ) -> Promise;
    #[wasm_bindgen(js_name = clearPreview)]
    pub fn clear_preview(container: &web_sys::Element);
    #[wasm_bindgen(js_name = nextFrame)]
    fn next_frame_js() -> Promise;
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

/// Offers `bytes` as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    download_js(name, &Uint8Array::from(bytes), mime);
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

/// Mounts the locator in `container` on `pack` (a packed dataset) and
/// `config` (`config.json`'s text), in `lang`.
pub async fn mount_preview(
    container: &web_sys::Element,
    pack: &[u8],
    config: &str,
    lang: &str,
) -> Result<(), String> {
    JsFuture::from(mount_preview_js(
        container,
        &Uint8Array::from(pack),
        config,
        lang,
    ))
    .await
    .map(|_| ())
    .map_err(message)
}

/// Waits for the page to paint (before a long task).
pub async fn next_frame() {
    let _ = JsFuture::from(next_frame_js()).await;
}
