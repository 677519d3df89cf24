// Tepat's service worker: keeps the app shell (HTML, JS, wasm, CSS, Leaflet, icons) so the app
// loads in a village with no signal, keeps the basemap tiles the map has shown (and those
// "Unduh peta desa" fetched) so the map has its background there too, and never caches the API
// (data has its own local store).
// `cargo xtask` stamps BUILD with a hash of the build: a new build is a new cache, installed in the
// background and put in force when the user accepts the "new version" prompt.

const BUILD = '__TEPAT_BUILD__';
const CACHE = `tepat-shell-${BUILD}`;
// Tiles live in their own caches, not named by the build: an update of the app keeps them.
const TILE_CACHE = 'tepat-tiles';
const TILE_TEMPLATE_CACHE = 'tepat-tiles-template';
const TILE_TEMPLATE_KEY = '/tepat-tile-template';
const SHELL = [
  '/',
  '/index.html',
  '/styles.css',
  '/icon.svg',
  '/vault.js',
  '/photo.js',
  '/tiles.js',
  '/boot.js',
  '/tepat_web.js',
  '/tepat_web_bg.wasm',
  '/vendor/leaflet/leaflet.js',
  '/vendor/leaflet/leaflet.css',
  '/vendor/leaflet/images/layers.png',
  '/vendor/leaflet/images/marker-icon.png',
];

// Which requests are basemap tiles. The tile server is a setting of the instance (`--tile-url`)
// and may be any host, so the worker matches requests against the instance's own URL template
// rather than guessing from hosts or paths. Every map that makes its tile layer posts the
// template here (tiles.js `announce`); the worker keeps it in memory and in a cache of its own,
// so after the browser stops and restarts the worker (it does, often) it still knows, offline
// too, before any page has posted again. `undefined`: not read back yet; `null`: no basemap.
let tilePattern;

// A template as a RegExp over full URLs: `{z}`, `{x}`, `{y}`, `{-y}` are numbers, `{s}` a
// subdomain, `{r}` `@2x` or nothing (as Leaflet fills them), anything else one path segment.
function patternOf(template) {
  const placeholder = /^\{ *([\w_ -]+) *\}$/;
  let source = '';
  for (const part of template.split(/(\{ *[\w_ -]+ *\})/)) {
    const key = part.match(placeholder)?.[1];
    if (key === undefined) source += part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (key === 'r') source += '(?:@2x)?';
    else if (key === 's') source += '[^./]+';
    else if (/^-?[xyz]$/.test(key)) source += '\\d+';
    else source += '[^/?#]*';
  }
  return new RegExp(`^${source}$`);
}

// (`caches.match` with a cache name, not `caches.open`: reading makes no cache that is not there.)
const templateRead = caches.match(TILE_TEMPLATE_KEY, { cacheName: TILE_TEMPLATE_CACHE })
  .then((response) => (response ? response.json() : { template: null }))
  .then(({ template }) => { if (tilePattern === undefined) tilePattern = template ? patternOf(template) : null; })
  .catch(() => { if (tilePattern === undefined) tilePattern = null; });

async function rememberTemplate(template) {
  tilePattern = patternOf(template);
  const cache = await caches.open(TILE_TEMPLATE_CACHE);
  await cache.put(TILE_TEMPLATE_KEY, new Response(JSON.stringify({ template }), {
    headers: { 'Content-Type': 'application/json' },
  }));
}

const isTile = (request) => Boolean(tilePattern && tilePattern.test(request.url));

// A tile: from the cache when there, else from the network, keeping a good answer. With no
// network and no stored tile the request fails as it would without the worker, and the map
// shows its "basemap offline" notice.
async function tile(event) {
  const request = event.request;
  const cache = await caches.open(TILE_CACHE);
  const stored = await cache.match(request.url, { ignoreVary: true });
  if (stored) return stored;
  const response = await fetch(request);
  // Only readable answers: an opaque one (a layer without `crossOrigin`) would cost megabytes
  // of quota each. A full storage costs the tile its place in the cache, never its display.
  if (response.ok && response.type !== 'opaque') {
    event.waitUntil(cache.put(request.url, response.clone()).catch(() => {}));
  }
  return response;
}

// The app's own files: the shell cache first.
const shell = (request) =>
  caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request));

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  // Only older shells go: `tepat-tiles` and the template stay through updates.
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tepat-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  // The page asks the waiting worker to take over when the user accepts the update.
  if (event.data === 'tepat-activate-update') self.skipWaiting();
  // A map announces the instance's tile template.
  else if (event.data?.type === 'tepat-tile-template' && typeof event.data.template === 'string') {
    event.waitUntil(rememberTemplate(event.data.template));
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  const own = url.origin === self.location.origin;
  if (own && (url.pathname.startsWith('/api/') || url.pathname === '/healthz')) return;
  // The residents' public pages are server-rendered and never cached.
  if (own && url.pathname.startsWith('/publik')) return;
  if (tilePattern === undefined && request.destination === 'image') {
    // Just started: the template is still being read back. The map's images wait for it.
    event.respondWith(templateRead.then(() => {
      if (isTile(request)) return tile(event);
      return own ? shell(request) : fetch(request);
    }));
    return;
  }
  if (isTile(request)) {
    // "Unduh peta desa" fetches with `cache: 'no-store'` and stores the answer itself.
    if (request.cache !== 'no-store') event.respondWith(tile(event));
    return;
  }
  if (!own) return;
  if (request.mode === 'navigate') {
    // Pages: the network when it answers (fresh index), the cached shell when it does not.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  event.respondWith(shell(request));
});
