// Start-up size: the JavaScript the page loads before its first plot — the entry chunk of the built
// index.html and every chunk it imports statically, gzipped (docs/PERFORMANCE.md "Start-up"). Chunks
// loaded on demand (KaTeX, mathjs, the gallery, the sweep panel, presentation mode, the 2D plots) are
// listed apart. Builds the app into a temporary directory unless given one: `tsx bench/startup.ts [dist]`.

import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { formatTable, type BenchRow } from './table';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const gzipped = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The entry script of index.html and the chunks it imports statically (transitively). */
export function initialChunks(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)?.[1];
  if (entry === undefined) throw new Error(`no module script in ${dist}/index.html`);
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports only: `import{…}from"./x.js"` and `import"./x.js"`, not import("./x.js").
    for (const match of code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)) {
      queue.push(join(file, '..', match[1]));
    }
  }
  return [...seen];
}

export function startupRows(dist: string): BenchRow[] {
  const initial = initialChunks(dist);
  const initialBytes = initial.reduce((sum, file) => sum + gzipped(join(dist, file)), 0);
  const onDemand = readdirSync(join(dist, 'assets'))
    .filter((file) => file.endsWith('.js') && !initial.includes(`assets/${file}`) && !/\.worker-|workbox/.test(file))
    .map((file) => `${file.replace(/-[\w-]{8}\.js$/, '')} ${kB(gzipped(join(dist, 'assets', file)))}`);
  return [
    {
      what: `initial JavaScript, gzipped (${initial.length} files)`,
      now: `${kB(initialBytes)} (${(initialBytes / 1024).toFixed(1)} KiB)`,
      goal: '≤ 200 KB',
    },
    { what: 'loaded on demand, gzipped', now: onDemand.join(', '), goal: '—' },
  ];
}

/** Build into a temporary directory and measure it. */
export async function benchStartup(): Promise<BenchRow[]> {
  const { build } = await import('vite');
  const outDir = mkdtempSync(join(tmpdir(), 'natural-momentum-startup-'));
  try {
    await build({ root: ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4000 } });
    return startupRows(outDir);
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dist = process.argv[2];
  const rows = dist ? startupRows(dist) : await benchStartup();
  console.log(formatTable(rows));
}
