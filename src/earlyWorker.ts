// The run worker starts loading as soon as the HTML is parsed: in the build, a classic inline script in
// index.html (the `early-run-worker` plugin in vite.config.ts) spawns it into `self.__earlyRunWorker`, so
// the worker's script and WebAssembly load while the page's own script downloads and is evaluated. The
// runner (src/state/runner.ts) takes that worker as its first one; without it (dev server) it spawns one.

import { spawnRunWorker } from './workerClient';

declare global {
  interface Window {
    /** The run worker spawned by index.html's inline script (build only). */
    __earlyRunWorker?: Worker;
  }
}

/** The worker spawned at start-up on the first call (if any), a fresh one on every later call. */
export function takeEarlyRunWorker(): Worker {
  const early = typeof window === 'undefined' ? undefined : window.__earlyRunWorker;
  if (early) {
    window.__earlyRunWorker = undefined;
    return early;
  }
  return spawnRunWorker();
}
