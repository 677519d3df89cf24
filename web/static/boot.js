// Tepat's start: loads the app (wasm) with a progress bar, and registers the service worker. A
// file of its own, not an inline script, so the Content-Security-Policy can forbid inline scripts
// (server/src/security_headers.rs). The first visit over a village's weak signal downloads the
// whole app (some 600–800 kB): the page says how far it is, and if the download fails it says so
// and offers to try again instead of staying blank. Later visits load from the service worker.
import init from '/tepat_web.js';

const WASM = '/tepat_web_bg.wasm';
// The wasm's size once decoded (the build writes it here): a compressed download's own length
// would not match the bytes the stream gives.
const WASM_BYTES = Number('__TEPAT_WASM_BYTES__');

function english() {
  try {
    return (localStorage.getItem('tepat.lang') || '').replace(/"/g, '') === 'en';
  } catch {
    return false;
  }
}

const WORDS = english()
  ? {
      loading: 'Loading Tepat…',
      percent: (n) => `Loading Tepat… ${n}%`,
      failed: 'Tepat could not be loaded. Check the signal, then try again.',
    }
  : {
      loading: 'Memuat Tepat…',
      percent: (n) => `Memuat Tepat… ${n}%`,
      failed: 'Tepat belum bisa dimuat. Periksa sinyal, lalu coba lagi.',
    };

const text = document.getElementById('boot-text');
const bar = document.getElementById('boot-progress');
const retry = document.getElementById('boot-retry');

function show(loaded, total) {
  if (!(total > 0) || !bar) return;
  const percent = Math.min(99, Math.floor((loaded / total) * 100));
  bar.value = percent;
  if (text) text.textContent = WORDS.percent(percent);
}

// The wasm as a stream counted on its way to the compiler (instantiateStreaming still compiles
// while it downloads).
async function wasmWithProgress() {
  const response = await fetch(WASM);
  if (!response.ok || !response.body) {
    throw new Error(`${WASM}: ${response.status}`);
  }
  const total = WASM_BYTES > 0 ? WASM_BYTES : Number(response.headers.get('Content-Length'));
  let loaded = 0;
  const counted = response.body.pipeThrough(
    new TransformStream({
      transform(chunk, controller) {
        loaded += chunk.byteLength;
        show(loaded, total);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { headers: { 'Content-Type': 'application/wasm' } });
}

async function start() {
  if (text) text.textContent = WORDS.loading;
  if (retry) {
    retry.textContent = english() ? 'Try again' : 'Coba lagi';
    retry.addEventListener('click', () => location.reload());
  }
  try {
    await init({ module_or_path: wasmWithProgress() });
    document.getElementById('boot')?.remove();
  } catch (error) {
    console.error('Tepat could not start', error);
    document.getElementById('boot')?.classList.add('failed');
    if (text) text.textContent = WORDS.failed;
    if (retry) retry.hidden = false;
  }
}

start();

// The service worker keeps the app loading offline. When a new version has installed in the
// background, the app is told (event `tepat-update-ready`) and shows its prompt; accepting
// calls tepatApplyUpdate(), which puts the new version in force and reloads once.
if ('serviceWorker' in navigator) {
  // Reload only when the user accepted an update: the first install also changes the
  // controller (clients.claim), and reloading then would cut off whatever the user was doing.
  let updating = false;
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (updating) { updating = false; location.reload(); }
  });
  navigator.serviceWorker.register('/sw.js').then((registration) => {
    const announce = () => window.dispatchEvent(new CustomEvent('tepat-update-ready'));
    if (registration.waiting && navigator.serviceWorker.controller) announce();
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker?.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) announce();
      });
    });
    window.tepatApplyUpdate = () => {
      updating = true;
      registration.waiting?.postMessage('tepat-activate-update');
    };
  });
}
