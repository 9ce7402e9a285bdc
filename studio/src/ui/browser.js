// The studio's few calls into the browser that web-sys makes long-winded:
// files in and out, the work kept in IndexedDB, the preview's mount.

export async function readFile(file) {
  return new Uint8Array(await file.arrayBuffer());
}

// The site's own file at `path` (relative to the app's folder, the studio's
// parent), as bytes; null when it is not there.
export async function fetchSite(path) {
  const response = await fetch(new URL(path, new URL('../', document.baseURI)));
  if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

export function download(name, bytes, type) {
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function copyText(text) {
  await navigator.clipboard.writeText(text);
}

// IndexedDB: one store, two keys: "file" (the bytes as opened) and "work"
// (the JSON record of what was done to them).
const DB = 'evl-studio';
function db() {
  return new Promise((done, fail) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore('work');
    request.onsuccess = () => done(request.result);
    request.onerror = () => fail(request.error);
  });
}
function tx(mode, act) {
  return db().then((d) => new Promise((done, fail) => {
    const t = d.transaction('work', mode);
    const result = act(t.objectStore('work'));
    t.oncomplete = () => { d.close(); done(result.result); };
    t.onerror = t.onabort = () => { d.close(); fail(t.error); };
  }));
}
export function savePut(key, value) {
  return tx('readwrite', (s) => s.put(value, key));
}
export function saveGet(key) {
  return tx('readonly', (s) => s.get(key)).then((v) => v ?? null);
}
export function saveClear() {
  return tx('readwrite', (s) => s.clear());
}

// The preview: the locator itself (../locator.js) in a frame of its own
// (preview.html), given the work's data and settings as blob: URLs. Each
// mount is a new frame; the last one is removed, and the app in it with its
// memory. Settles once the frame has loaded.
let urls = [];
export function mountPreview(container, pack, config, lang, title) {
  const old = urls;
  urls = [
    URL.createObjectURL(new Blob([pack], { type: 'application/octet-stream' })),
    URL.createObjectURL(new Blob([config], { type: 'application/json' })),
  ];
  const frame = document.createElement('iframe');
  frame.className = 'studio-preview-frame';
  frame.title = title;
  const given = new URLSearchParams({ dataset: urls[0], config: urls[1], lang });
  frame.src = new URL(`preview.html#${given}`, document.baseURI).href;
  const loaded = new Promise((done) => frame.addEventListener('load', done, { once: true }));
  container.replaceChildren(frame);
  for (const u of old) URL.revokeObjectURL(u);
  return loaded;
}

export function clearPreview(container) {
  container.replaceChildren();
  for (const u of urls) URL.revokeObjectURL(u);
  urls = [];
}

// Lets the page paint (a progress line) before a long task.
export function nextFrame() {
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}

// Large files are checked in a worker: this very file, started as a module
// worker, loads the studio's own wasm (its `main` sees no window and draws
// nothing) and answers each request with `studio_check`'s result. The files
// it needs are the ones the page preloads.
const inWorker = typeof document === 'undefined' && typeof self !== 'undefined' && self.location?.href === import.meta.url;
let worker;
let asked = 0;
const waiting = new Map();
export function checkInWorker(bytes, saved) {
  if (!worker) {
    const js = document.querySelector('link[rel="modulepreload"][href*="evl-studio-"]')?.href;
    const wasm = document.querySelector('link[rel="preload"][href$=".wasm"]')?.href;
    if (!js || !wasm) return Promise.reject(new Error('the page names no studio module for the worker'));
    worker = new Worker(import.meta.url, { type: 'module', name: 'evl-studio-check' });
    worker.postMessage({ js, wasm });
    worker.onmessage = ({ data }) => {
      const w = waiting.get(data.id);
      waiting.delete(data.id);
      if (!w) return;
      if (data.error) w.fail(new Error(data.error));
      else w.done(data.result);
    };
    worker.onerror = (e) => {
      for (const w of waiting.values()) w.fail(new Error(`the check stopped: ${e.message}`));
      waiting.clear();
      worker = undefined;
    };
  }
  const id = ++asked;
  return new Promise((done, fail) => {
    waiting.set(id, { done, fail });
    worker.postMessage({ id, bytes, saved });
  });
}

if (inWorker) {
  let ready;
  self.onmessage = async ({ data }) => {
    if (data.js) {
      ready = import(data.js).then(async (bindings) => {
        await bindings.default({ module_or_path: data.wasm });
        return bindings;
      });
      return;
    }
    try {
      const bindings = await ready;
      const result = bindings.studio_check(data.bytes, data.saved);
      const transfer = result[2] ? [result[2].buffer] : [];
      self.postMessage({ id: data.id, result }, transfer);
    } catch (e) {
      self.postMessage({ id: data.id, error: String(e?.message ?? e) });
    }
  };
}
