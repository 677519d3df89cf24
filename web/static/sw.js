// Tepat's service worker: keeps the app shell (HTML, JS, wasm, CSS, Leaflet, icons) so the app
// loads in a village with no signal, and never caches the API (data has its own local store).
// `cargo xtask` stamps BUILD with a hash of the build: a new build is a new cache, installed in the
// background and put in force when the user accepts the "new version" prompt.

const BUILD = '__TEPAT_BUILD__';
const CACHE = `tepat-shell-${BUILD}`;
const SHELL = [
  '/',
  '/index.html',
  '/styles.css',
  '/icon.svg',
  '/vault.js',
  '/photo.js',
  '/tepat_web.js',
  '/tepat_web_bg.wasm',
  '/vendor/leaflet/leaflet.js',
  '/vendor/leaflet/leaflet.css',
  '/vendor/leaflet/images/layers.png',
  '/vendor/leaflet/images/marker-icon.png',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('tepat-shell-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

// The page asks the waiting worker to take over when the user accepts the update.
self.addEventListener('message', (event) => {
  if (event.data === 'tepat-activate-update') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname === '/healthz') return;
  if (request.mode === 'navigate') {
    // Pages: the network when it answers (fresh index), the cached shell when it does not.
    event.respondWith(fetch(request).catch(() => caches.match('/index.html', { cacheName: CACHE })));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((cached) => cached || fetch(request)),
  );
});
