// Tepat's start: loads the app (wasm) and registers the service worker. A file of its own, not an
// inline script, so the Content-Security-Policy can forbid inline scripts (server/src/security_headers.rs).
import init from '/tepat_web.js';

init();

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
