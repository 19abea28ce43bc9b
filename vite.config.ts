/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

// Cross-origin isolation keeps SharedArrayBuffer available to the engine worker.
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The page's main thread parses formulas with a parser loaded on demand (src/state/expressionParser.ts,
 * which imports src/engine/expr/mathjsParse.ts dynamically): mathjs stays out of the initial script. Build
 * only, and top-level plugins do not reach the worker bundles, so the workers keep the static import.
 */
function lazyExpressionParser(): Plugin {
  const onDemand = fileURLToPath(new URL('./src/state/expressionParser.ts', import.meta.url));
  return {
    name: 'lazy-expression-parser',
    apply: 'build',
    enforce: 'pre',
    resolveId(source, importer) {
      const from = importer?.split('?')[0].replaceAll('\\', '/');
      return source === './mathjsParse' && from?.endsWith('/src/engine/expr/restricted.ts') ? onDemand : null;
    },
  };
}

/**
 * The run worker starts loading while the page's script is still downloading: a classic inline script at
 * the top of index.html spawns it (same URL and options as src/workerClient.ts's spawnRunWorker), and
 * src/earlyWorker.ts hands it to the runner. Build only (the dev server spawns it from main.tsx).
 */
function earlyRunWorker(): Plugin {
  return {
    name: 'early-run-worker',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, context) {
        const worker = Object.keys(context.bundle ?? {}).find((file) => /(^|\/)run\.worker-[\w-]+\.js$/.test(file));
        if (worker === undefined) return [];
        const spawn = `self.__earlyRunWorker=new Worker(${JSON.stringify(`./${worker}`)},{type:'module',name:'run'})`;
        return [{ tag: 'script', children: spawn, injectTo: 'head' }];
      },
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [
    react(),
    lazyExpressionParser(),
    earlyRunWorker(),
    // Offline: a service worker precaches the built app (scripts, the engine worker, WASM, styles) so a
    // lecture survives bad Wi-Fi; every build has new revisions, and the new worker replaces the old cache
    // at once (autoUpdate, outdated caches cleaned up). Not active on the dev server.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: null,
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,wasm,svg,png,woff2}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        navigateFallback: 'index.html',
        // No minification pass over the 10 kB worker (terser took most of the build's time).
        mode: 'development',
        disableDevLogs: true,
      },
    }),
  ],
  worker: { format: 'es' },
  optimizeDeps: { include: ['mathjs', 'mathjs/number', 'comlink', 'd3', 'katex', 'fflate', 'zustand'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Generous: several tests run many scenarios, and a loaded 2-core machine is several times slower.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Builds and serves the app once for every e2e file (they inject('appUrl')).
          globalSetup: ['tests/e2e/global-setup.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
