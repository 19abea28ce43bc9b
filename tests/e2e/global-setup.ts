// Global set-up of the e2e project: build the app once into a temporary directory with vite's build()
// API and serve it once with preview() on a free port (no stray server process); every e2e file reads
// the address with inject('appUrl') (helpers.ts startApp). Runs once per `vitest run --project e2e`.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { build, preview } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Address of the built app served by vite preview, ending in '/'. */
    appUrl: string;
  }
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const outDir = mkdtempSync(join(tmpdir(), 'natural-momentum-e2e-'));
  try {
    await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
    const server = await preview({
      root: ROOT,
      logLevel: 'warn',
      build: { outDir },
      preview: { port: 0, strictPort: false, host: '127.0.0.1', open: false },
    });
    const address = server.httpServer.address() as AddressInfo;
    project.provide('appUrl', `http://127.0.0.1:${address.port}/`);
    return async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
