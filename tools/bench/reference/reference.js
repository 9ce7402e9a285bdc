// The plain-JavaScript reference locator: fetch the GeoJSON, rank every
// outlet by haversine distance from ?at=LAT,LNG (WGS-84), list the first 30,
// and put all outlets on a Leaflet map in a marker cluster group.
(async () => {
  const R = 6371008.8; // metres, the app's sphere
  const rad = Math.PI / 180;
  const distance = (lat1, lng1, lat2, lng2) => {
    const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
      Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lng2 - lng1) * rad) / 2) ** 2;
    return 2 * R * Math.asin(Math.sqrt(a));
  };
  const at = (new URLSearchParams(location.search).get('at') || '').split(',').map(Number);
  const origin = at.length === 2 && at.every(Number.isFinite) ? { lat: at[0], lng: at[1] } : null;

  const data = await (await fetch('data/outlets.geojson')).json();
  const outlets = data.features
    .filter((f) => f.geometry && f.geometry.type === 'Point')
    .map((f) => ({ id: f.properties.id, p: f.properties, lng: f.geometry.coordinates[0], lat: f.geometry.coordinates[1] }));
  if (origin) {
    for (const o of outlets) o.d = distance(origin.lat, origin.lng, o.lat, o.lng);
    outlets.sort((a, b) => a.d - b.d);
  }

  document.querySelector('.count').textContent = `${outlets.length} outlets`;
  const list = document.querySelector('.list');
  const text = (v) => (v && (v.zh || v.en)) || '';
  for (const o of outlets.slice(0, 30)) {
    const li = document.createElement('li');
    li.dataset.outletId = o.id;
    if (origin) li.dataset.distanceM = Math.round(o.d);
    const h = document.createElement('h2');
    h.textContent = text(o.p.name);
    const p = document.createElement('p');
    p.textContent = text(o.p.address) + (origin ? ` · ${(o.d / 1000).toFixed(1)} 公里` : '');
    li.append(h, p);
    list.append(li);
  }

  // No tile layer here, so the zoom range is set on the map (markercluster needs it).
  const map = L.map(document.querySelector('.map'), { minZoom: 3, maxZoom: 18 });
  const group = L.markerClusterGroup({ chunkedLoading: true });
  group.addLayers(outlets.map((o) => L.marker([o.lat, o.lng], { title: text(o.p.name) })));
  map.addLayer(group);
  if (origin) {
    const near = outlets.slice(0, 10).map((o) => [o.lat, o.lng]);
    map.fitBounds(L.latLngBounds([[origin.lat, origin.lng], ...near]), { maxZoom: 14 });
  } else {
    map.fitBounds(L.latLngBounds(outlets.map((o) => [o.lat, o.lng])));
  }
})();
