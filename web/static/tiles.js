// Tepat's basemap tiles on the tablet: the Cache API cache `tepat-tiles`, which the service
// worker (sw.js) serves the map's tiles from first and fills with every tile the map loads, and
// which "Unduh peta desa" fills ahead of time. Called from web/src/tile_cache.rs.

(() => {
  const CACHE = 'tepat-tiles';

  // A template or URL as the browser will request it: `//host/…` and `/…` made absolute
  // (without `new URL`, which would percent-encode the template's braces).
  const absoluteTemplate = (template) => {
    if (template.startsWith('//')) return location.protocol + template;
    if (template.startsWith('/')) return location.origin + template;
    return template;
  };
  const absoluteUrl = (url) => new URL(url, document.baseURI).href;

  // (Read without making the cache: a tablet that never showed a tile has none.)
  const storedUrls = async () => {
    if (!(await caches.has(CACHE))) return new Set();
    const cache = await caches.open(CACHE);
    return new Set((await cache.keys()).map((request) => request.url));
  };

  window.tepatTiles = {
    // Tells the service worker which requests are basemap tiles (it keeps the template itself,
    // see sw.js). Called whenever a map makes its tile layer.
    announce(template) {
      if (!('serviceWorker' in navigator)) return;
      const message = { type: 'tepat-tile-template', template: absoluteTemplate(template) };
      navigator.serviceWorker.ready
        .then((registration) => registration.active?.postMessage(message))
        .catch(() => {});
    },

    // How many of these tile URLs are stored already.
    async cachedCount(urls) {
      const stored = await storedUrls();
      return urls.filter((url) => stored.has(absoluteUrl(url))).length;
    },

    // What is stored: { usage, quota } in bytes for the whole app (-1 when the browser does not
    // say), whether the browser keeps it for good, and how many tiles (-1 when unknown).
    async storage() {
      const out = { usage: -1, quota: -1, persisted: false, tiles: -1 };
      try {
        if (navigator.storage?.estimate) {
          const estimate = await navigator.storage.estimate();
          out.usage = estimate.usage ?? -1;
          out.quota = estimate.quota ?? -1;
        }
      } catch { /* unknown stays -1 */ }
      try {
        if (navigator.storage?.persisted) out.persisted = await navigator.storage.persisted();
      } catch { /* not persisted */ }
      try {
        out.tiles = (await storedUrls()).size;
      } catch { /* unknown stays -1 */ }
      return out;
    },

    // Downloads the tiles not stored yet, `parallel` at a time, into the cache. `onProgress`
    // gets { total, done, fetched, skipped, failed, bytes } after every tile. Answers
    // { finished, cancel }: `finished` resolves to the last progress plus `ending` ('complete',
    // 'cancelled', or 'full' when the storage ran out); it rejects only when the browser has no
    // Cache API (not a secure context).
    download(urls, parallel, onProgress) {
      const state = { total: urls.length, done: 0, fetched: 0, skipped: 0, failed: 0, bytes: 0 };
      const controller = new AbortController();
      let ending = 'complete';
      const finished = (async () => {
        const cache = await caches.open(CACHE);
        const stored = await storedUrls();
        let next = 0;
        const worker = async () => {
          while (next < urls.length && !controller.signal.aborted) {
            const url = absoluteUrl(urls[next++]);
            if (stored.has(url)) {
              state.skipped += 1;
            } else {
              try {
                // CORS, so the stored response is readable (an opaque one would be padded by
                // megabytes of quota). `no-store` keeps it out of the HTTP cache and tells the
                // service worker that this request stores its own response.
                const response = await fetch(url, {
                  mode: 'cors', credentials: 'omit', cache: 'no-store', signal: controller.signal,
                });
                if (!response.ok) throw new Error(`HTTP ${response.status}`);
                const body = await response.blob();
                await cache.put(url, new Response(body, {
                  status: response.status, statusText: response.statusText, headers: response.headers,
                }));
                state.fetched += 1;
                state.bytes += body.size;
              } catch (error) {
                if (error?.name === 'QuotaExceededError') {
                  ending = 'full';
                  controller.abort();
                }
                if (controller.signal.aborted) break;
                state.failed += 1;
              }
            }
            state.done += 1;
            onProgress({ ...state });
          }
        };
        await Promise.all(Array.from({ length: Math.max(1, parallel) }, worker));
        if (ending === 'complete' && state.done < state.total) ending = 'cancelled';
        return { ...state, ending };
      })();
      return { finished, cancel: () => controller.abort() };
    },
  };
})();
