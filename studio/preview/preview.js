// The studio's preview frame (preview.html#dataset=…&config=…&lang=…): an
// element for the locator, given the data, settings and language the studio
// named after '#', then ../locator.js, which mounts the app into it.
const given = new URLSearchParams(location.hash.slice(1));
const host = document.createElement('div');
host.className = 'studio-preview-host';
host.dataset.evlLocator = '';
host.dataset.base = new URL('../', location.href).href;
for (const key of ['dataset', 'config', 'lang']) {
  const value = given.get(key);
  if (value) host.dataset[key] = value;
}
document.body.append(host);
await import(new URL('../locator.js', location.href).href);
