// The host page's own service worker: every GET of its pages goes through it
// (network first, as many sites' workers do), and it keeps the URLs it saw.
const seen = [];
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  if (e.request.method !== 'GET') return;
  seen.push(e.request.url);
  e.respondWith(fetch(e.request));
});
self.addEventListener('message', (e) => e.source.postMessage({ seen }));
