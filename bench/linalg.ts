// Timings of the Gram kernels, JS and WebAssembly SIMD (called from bench/run.ts). Median of several runs after warm-up.
import { gram, gramJs, gramWasm, wasmGramAvailable } from '../src/engine/linalg/gram';
import { Rng } from '../src/engine/random';
import type { BenchRow } from './table';
import { medianMs, randomMatrix } from './fixtures';

function line(name: string, ms: number, flops: number | null): BenchRow {
  const rate = flops === null ? '' : ` (${(flops / ms / 1e6).toFixed(1)} GFLOP/s)`;
  return { what: name, now: `${ms.toFixed(2)} ms${rate}`, goal: '—' };
}

export function benchGram(): BenchRow[] {
  const rng = new Rng(2026);
  const lines: BenchRow[] = [];
  for (const [m, p] of [
    [512, 151],
    [1000, 301],
  ] as const) {
    const J = randomMatrix(rng, m, p);
    const w = new Float64Array(m).fill(2 / m);
    const G = new Float64Array(p * p);
    const flops = m * p * (p + 1);
    const ms = medianMs(() => gram(J, m, p, w, G), 5, 15);
    lines.push(line(`gram          m = ${m}, p = ${p}`, ms, flops));
    // Both kernels behind gram() (bit-identical results; gram() uses WASM SIMD where available).
    const js = medianMs(() => gramJs(J, m, p, w, G), 5, 15);
    lines.push(line(`gram JS       m = ${m}, p = ${p}`, js, flops));
    if (wasmGramAvailable()) {
      const simd = medianMs(() => gramWasm(J, m, p, w, G), 5, 15);
      const row = line(`gram WASM     m = ${m}, p = ${p}`, simd, flops);
      lines.push({ ...row, now: `${row.now}, ${(js / simd).toFixed(2)}× JS` });
    }
  }
  return lines;
}
