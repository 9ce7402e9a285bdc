//! Fetching the dataset and the base map over HTTP.

use locator_core::{
    AppConfig, Dataset, DatasetError, Localized, SpatialIndex, Worded, WordedRecord,
};
use std::sync::Arc;

/// Where the schematic base map is.
pub const BASEMAP_URL: &str = "data/basemap.geojson";

/// A dataset ready to query: its outlets and their spatial index.
#[derive(Debug)]
pub struct Loaded {
    /// The outlets (a pack's rejected records and warnings are none: a
    /// GeoJSON file's are in `rejected`).
    pub data: Dataset,
    /// The problems of the outlets the file's reader left out, worded.
    pub rejected: Vec<WordedRecord>,
    /// Index over `data.outlets`.
    pub index: SpatialIndex,
}

/// Why the dataset could not be loaded.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum LoadError {
    /// The request did not complete (offline, blocked, DNS...).
    #[error("the request for {url} failed: {message}")]
    Network {
        /// What was requested.
        url: String,
        /// The browser's explanation.
        message: String,
    },
    /// The server answered with an error status.
    #[error("the server answered {status} {status_text} for {url}")]
    Http {
        /// What was requested.
        url: String,
        /// HTTP status code.
        status: u16,
        /// Its reason phrase.
        status_text: String,
    },
    /// No answer in time.
    #[error("{url} did not arrive within {seconds} seconds")]
    Timeout {
        /// What was requested.
        url: String,
        /// The time allowed.
        seconds: u32,
    },
    /// The file is larger than the app accepts.
    #[error("{url} is larger than {max_mb} MB, the most this app accepts")]
    TooLarge {
        /// What was requested.
        url: String,
        /// The limit, in megabytes.
        max_mb: u32,
    },
    /// The file arrived but cannot be used.
    #[error(transparent)]
    Dataset(#[from] DatasetError),
    /// A GeoJSON file that cannot be used, as its reader worded it
    /// ([`DatasetError`], read in the worker: src/reader.rs).
    #[error("{0}")]
    Unreadable(Worded),
    /// The GeoJSON reader (a worker) could not run or did not answer.
    #[error("the outlet file is GeoJSON and its reader could not run: {message}; a packed file (evl-data pack) needs no reader")]
    Reader {
        /// What went wrong.
        message: String,
    },
}

/// How long a request may take and how large its answer may be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Seconds before the request is given up.
    pub timeout_s: u32,
    /// Largest answer, in megabytes (10⁶ bytes).
    pub max_mb: u32,
}

impl Limits {
    /// The dataset's limits in `config`.
    pub fn of(config: &AppConfig) -> Limits {
        Limits {
            timeout_s: config.dataset_timeout_s,
            max_mb: config.dataset_max_mb,
        }
    }
}

impl Default for Limits {
    /// 30 seconds and 16 MB: for the app's own small files.
    fn default() -> Self {
        Limits {
            timeout_s: 30,
            max_mb: 16,
        }
    }
}

/// GETs `url` and returns the body text, within the default [`Limits`]
/// (for the app's own files: bytes that are not UTF-8 become U+FFFD).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let bytes = fetch_limited(url, Limits::default()).await?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// GETs `url` and returns the body, giving up after `limits.timeout_s` and
/// refusing an answer over `limits.max_mb`. Bytes, not text: the dataset's
/// encoding is checked by the core, which names where it stops being UTF-8.
pub async fn fetch_limited(url: &str, limits: Limits) -> Result<Vec<u8>, LoadError> {
    let (controller, started) = begin(url);
    fetch_abortable(url, limits, controller, started).await
}

/// A request the page's start-up script made for `url` before the wasm had
/// loaded (`boot-<hash>.js`, written by `tools/build/postbuild.mjs`: it
/// asks for `config.json` and the default dataset), taken at most once so a
/// retry asks again: its answer and the controller that aborts it.
fn started_by_boot(url: &str) -> Option<(js_sys::Promise, web_sys::AbortController)> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let absolute = web_sys::Url::new_with_base(url, &window.document()?.base_uri().ok()??)
        .ok()?
        .href();
    let early = js_sys::Reflect::get(&window, &"__evlEarly".into())
        .ok()
        .filter(|v| v.is_object())?;
    let key = wasm_bindgen::JsValue::from_str(&absolute);
    let entry = js_sys::Reflect::get(&early, &key)
        .ok()
        .filter(|v| v.is_object())?;
    let _ = js_sys::Reflect::delete_property(early.unchecked_ref::<js_sys::Object>(), &key);
    let get = |name: &str| js_sys::Reflect::get(&entry, &name.into()).ok();
    Some((
        get("response")?.dyn_into().ok()?,
        get("controller")?.dyn_into().ok()?,
    ))
}

/// The outlet file the app will most likely load: the one the build's
/// start-up script (or `locator.js`) names in `window.__evlEarly.dataset`
/// (the build's pack of the default dataset, when it made one), else
/// [`DEFAULT_DATASET_URL`](locator_core::DEFAULT_DATASET_URL).
pub fn expected_dataset() -> String {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__evlEarly".into()).ok())
        .filter(|v| v.is_object())
        .and_then(|e| js_sys::Reflect::get(&e, &"dataset".into()).ok())
        .and_then(|d| d.as_string())
        .filter(|d| locator_core::is_dataset_url(d))
        .unwrap_or_else(|| locator_core::DEFAULT_DATASET_URL.to_string())
}

/// How a request for `url` starts: the start-up script's, if it made one,
/// else a new one; with the controller that aborts it.
fn begin(url: &str) -> (Option<web_sys::AbortController>, Option<js_sys::Promise>) {
    match started_by_boot(url) {
        Some((response, controller)) => (Some(controller), Some(response)),
        None => (web_sys::AbortController::new().ok(), None),
    }
}

/// A request's time limit: aborts it through its controller when the
/// limit passes; cleared when dropped (the request has ended).
struct Deadline {
    passed: std::rc::Rc<std::cell::Cell<bool>>,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

impl Deadline {
    /// Starts the clock: `controller` is aborted after `timeout_s` seconds.
    fn start(controller: Option<&web_sys::AbortController>, timeout_s: u32) -> Deadline {
        let passed = std::rc::Rc::new(std::cell::Cell::new(false));
        let timer = controller.cloned().and_then(|c| {
            let flag = passed.clone();
            leptos::prelude::set_timeout_with_handle(
                move || {
                    flag.set(true);
                    c.abort();
                },
                std::time::Duration::from_secs(u64::from(timeout_s)),
            )
            .ok()
        });
        Deadline { passed, timer }
    }

    /// Whether the limit passed (and the request was aborted for it).
    fn passed(&self) -> bool {
        self.passed.get()
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        if let Some(t) = self.timer.take() {
            t.clear();
        }
    }
}

/// [`fetch_limited`], which `controller` can also abort; `started` is the
/// answer of a request already made (by the start-up script).
async fn fetch_abortable(
    url: &str,
    limits: Limits,
    controller: Option<web_sys::AbortController>,
    started: Option<js_sys::Promise>,
) -> Result<Vec<u8>, LoadError> {
    let deadline = Deadline::start(controller.as_ref(), limits.timeout_s);
    let result = fetch_within(
        url,
        limits,
        controller.as_ref().map(|c| c.signal()),
        started,
    )
    .await;
    match result {
        Err(LoadError::Network { .. }) if deadline.passed() => Err(LoadError::Timeout {
            url: url.to_string(),
            seconds: limits.timeout_s,
        }),
        other => other,
    }
}

async fn fetch_within(
    url: &str,
    limits: Limits,
    signal: Option<web_sys::AbortSignal>,
    started: Option<js_sys::Promise>,
) -> Result<Vec<u8>, LoadError> {
    let network = |e: gloo_net::Error| LoadError::Network {
        url: url.to_string(),
        message: e.to_string(),
    };
    let too_large = || LoadError::TooLarge {
        url: url.to_string(),
        max_mb: limits.max_mb,
    };
    let max_bytes = u64::from(limits.max_mb) * 1_000_000;
    let response = match started {
        Some(answer) => wasm_bindgen_futures::JsFuture::from(answer)
            .await
            .map(|r| gloo_net::http::Response::from(web_sys::Response::from(r)))
            .map_err(|e| LoadError::Network {
                url: url.to_string(),
                message: js_sys::Error::from(e).message().into(),
            })?,
        None => gloo_net::http::Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await
            .map_err(network)?,
    };
    if !response.ok() {
        return Err(LoadError::Http {
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let declared = response
        .headers()
        .get("content-length")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(too_large());
    }
    let body = response.binary().await.map_err(network)?;
    if body.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

impl Localized for LoadError {
    fn chinese(&self) -> String {
        match self {
            LoadError::Network { url, message } => format!("请求 {url} 失败：{message}"),
            LoadError::Http {
                url,
                status,
                status_text,
            } => format!("服务器对 {url} 的回应是 {status} {status_text}"),
            LoadError::Timeout { url, seconds } => format!("{url} 在 {seconds} 秒内没有送达"),
            LoadError::TooLarge { url, max_mb } => {
                format!("{url} 超过 {max_mb} MB，超出本应用接受的大小")
            }
            LoadError::Dataset(e) => e.chinese(),
            LoadError::Unreadable(w) => w.chinese(),
            LoadError::Reader { message } => format!(
                "门店数据文件是 GeoJSON，但读取它的程序无法运行：{message}；打包的文件（evl-data pack）无需该程序"
            ),
        }
    }
}

/// A dataset request started before the configuration has arrived, on the
/// guess that it names the default file: the usual page then waits for one
/// round trip instead of two. When the guess is wrong the request is
/// aborted and its answer never read.
pub struct EarlyFetch {
    url: String,
    limits: Limits,
    controller: Option<web_sys::AbortController>,
    answer: futures_channel::oneshot::Receiver<Result<Vec<u8>, LoadError>>,
}

impl EarlyFetch {
    /// Starts fetching `url` (resolved) within `limits`.
    pub fn start(url: String, limits: Limits) -> EarlyFetch {
        let (controller, started) = begin(&url);
        let (send, answer) = futures_channel::oneshot::channel();
        let (request_url, request_controller) = (url.clone(), controller.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let answer = fetch_abortable(&request_url, limits, request_controller, started).await;
            let _ = send.send(answer);
        });
        EarlyFetch {
            url,
            limits,
            controller,
            answer,
        }
    }

    /// The answer if it is for `url` within `limits`; otherwise aborts the
    /// request and gives `None`.
    pub async fn answer_for(self, url: &str, limits: Limits) -> Option<Result<Vec<u8>, LoadError>> {
        if self.url == url && self.limits == limits {
            return self.answer.await.ok();
        }
        if let Some(c) = &self.controller {
            c.abort();
        }
        None
    }
}

/// Fetches, parses and indexes the dataset (using `early`'s answer when it
/// is for this file).
pub async fn load_dataset(
    url: &str,
    limits: Limits,
    early: Option<EarlyFetch>,
) -> Result<Arc<Loaded>, LoadError> {
    // A file not named as a pack goes to the GeoJSON reader: its worker
    // loads while the file does (and ends, unused, if it is a pack after all).
    let reader = (!locator_core::named_as_pack(url)).then(crate::reader::Reader::start);
    let early = match early {
        Some(early) => early.answer_for(url, limits).await,
        None => None,
    };
    let bytes = match early {
        Some(answer) => answer?,
        None => fetch_limited(url, limits).await?,
    };
    // The packed form (`evl-data pack`) is known by its first bytes,
    // whatever the file is called; anything else goes to the GeoJSON reader.
    let (data, rejected, warnings) = if locator_core::is_pack(&bytes) {
        drop(reader);
        let data = crate::timing::measure("evl:parse", || Dataset::from_pack(&bytes))?;
        (data, Vec::new(), Vec::new())
    } else {
        let start = crate::timing::now();
        let reader = reader.unwrap_or_else(crate::reader::Reader::start);
        let read = reader.read(bytes).await?;
        crate::timing::record("evl:parse", start);
        (read.data, read.rejected, read.warnings)
    };
    // Warnings (a partner without a group, hours it cannot read) are for
    // the data's keepers, not for buyers: the console hears them. (An
    // outlet far from its city is the dataset tool's and the studio's to
    // tell: the app is built without that check and its table of cities.)
    for w in &warnings {
        crate::url::console_warn(&format!("ev-locator: dataset warning: {w}"));
    }
    let index = crate::timing::measure("evl:index", || SpatialIndex::new(&data.outlets));
    let loaded = Arc::new(Loaded {
        data,
        rejected,
        index,
    });
    crate::timing::keep(&loaded);
    // Drawing it is a task of its own: the browser paints and answers the
    // buyer in between.
    next_task().await;
    Ok(loaded)
}

/// Resolves in a later task (a zero timeout), so that the browser can run
/// what waits (input, a frame) before the caller goes on.
async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Where the app's configuration is, relative to the page (the start-up
/// script written by `tools/build/postbuild.mjs` asks for it by this name).
pub const CONFIG_URL: &str = "config.json";

/// Why the configuration was not used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigProblem {
    /// It could not be fetched.
    #[error("config.json could not be loaded: {0}")]
    Load(LoadError),
    /// It could not be used.
    #[error(transparent)]
    Invalid(locator_core::ConfigError),
}

impl Localized for ConfigProblem {
    fn chinese(&self) -> String {
        match self {
            ConfigProblem::Load(e) => format!(
                "无法加载配置文件 config.json，已改用默认设置：{}",
                e.chinese()
            ),
            ConfigProblem::Invalid(e) => e.chinese(),
        }
    }
}

/// Fetches the configuration. A missing file means the defaults; an
/// unreadable one means the defaults plus the reason.
pub async fn load_config(url: &str) -> (AppConfig, Option<ConfigProblem>) {
    match fetch_text(url).await {
        Ok(text) => match AppConfig::parse(&text) {
            Ok(config) => (config, None),
            Err(e) => (AppConfig::default(), Some(ConfigProblem::Invalid(e))),
        },
        Err(LoadError::Http { status: 404, .. }) => (AppConfig::default(), None),
        Err(e) => (AppConfig::default(), Some(ConfigProblem::Load(e))),
    }
}

/// Where the gazetteer of Chinese places is.
pub const PLACES_URL: &str = "data/places.json";

/// Where the hanzi → pinyin table is.
pub const PINYIN_URL: &str = "data/pinyin.json";

/// POSTs a booking (`body`, JSON) to the form's `endpoint` and reads the
/// reference from its answer, giving up after `timeout_s`.
pub async fn post_lead(
    endpoint: &str,
    body: String,
    timeout_s: u32,
) -> Result<String, locator_core::LeadError> {
    use locator_core::LeadError;
    let controller = web_sys::AbortController::new().ok();
    let deadline = Deadline::start(controller.as_ref(), timeout_s);
    let signal = controller.as_ref().map(|c| c.signal());
    let answer = async {
        let request = gloo_net::http::Request::post(endpoint)
            .header("content-type", "application/json")
            .header("accept", "application/json")
            .abort_signal(signal.as_ref())
            .body(body)
            .map_err(|_| LeadError::Unreachable)?;
        let response = request.send().await.map_err(|_| LeadError::Unreachable)?;
        let status = response.status();
        let text = response.text().await.map_err(|_| LeadError::Unreachable)?;
        locator_core::read_lead_answer(status, &text)
    }
    .await;
    match answer {
        Err(LeadError::Unreachable) if deadline.passed() => {
            Err(LeadError::Timeout { seconds: timeout_s })
        }
        other => other,
    }
}
