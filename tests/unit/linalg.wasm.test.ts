import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import {
  crossGram,
  crossGramJs,
  crossGramWasm,
  gram,
  gramJs,
  gramWasm,
  wasmGramAvailable,
} from '../../src/engine/linalg/gram';
import { GRAM_WASM_BASE64 } from '../../src/engine/linalg/wasm/gramModule';

// The SIMD kernel must give exactly the bits of the JS kernel, so that a scenario computes the same
// numbers in the browser, the worker, the CLI and on machines without WebAssembly SIMD.

function randomMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  const A = new Float64Array(rows * cols);
  // Magnitudes spread over several decades so that any change of rounding order shows in the bits.
  for (let i = 0; i < A.length; i++) A[i] = rng.normal() * 10 ** Math.floor(rng.uniform(-3, 3));
  return A;
}

function randomWeights(rng: Rng, m: number): Float64Array {
  const w = new Float64Array(m);
  for (let i = 0; i < m; i++) w[i] = rng.uniform(0.01, 3);
  return w;
}

/** Index of the first entry whose bits differ (Object.is: tells +0 from −0), or −1. */
function firstBitDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** Σ_i J[i][j]·(w_i·J[i][k]) by the textbook loop: the rounding order both kernels promise. */
function referenceAtWB(A: Float64Array, B: Float64Array, m: number, p: number, w: Float64Array | null): Float64Array {
  const C = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    for (let k = 0; k < p; k++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += A[i * p + j] * ((w === null ? 1 : w[i]) * B[i * p + k]);
      C[j * p + k] = s;
    }
  }
  return C;
}

const ms = [0, 1, 2, 3, 4, 5, 7, 8, 9, 17, 33, 64];
const ps = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 31, 33];

describe('WebAssembly SIMD Gram kernel', () => {
  it('committed module bytes are the compilation of gram.wat (no drift)', async () => {
    const watPath = fileURLToPath(new URL('../../src/engine/linalg/wasm/gram.wat', import.meta.url));
    const wabt = await wabtInit();
    // Same options as scripts/build-wasm.mjs.
    const parsed = wabt.parseWat('gram.wat', readFileSync(watPath, 'utf8'), { simd: true });
    parsed.resolveNames();
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    parsed.destroy();
    expect(Buffer.from(GRAM_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  });

  it('loads in Node (so the equality tests below really run the SIMD path)', () => {
    expect(wasmGramAvailable()).toBe(true);
  });

  it('gram: WASM and JS agree bit for bit for every tile remainder, m or p = 0/1, with and without weights', () => {
    const rng = new Rng(7);
    let compared = 0;
    for (const m of ms) {
      for (const p of ps) {
        const J = randomMatrix(rng, m, p);
        for (const w of [null, randomWeights(rng, m)]) {
          const fromJs = new Float64Array(p * p).fill(NaN);
          const fromWasm = new Float64Array(p * p).fill(NaN);
          gramJs(J, m, p, w, fromJs);
          expect(gramWasm(J, m, p, w, fromWasm)).toBe(true);
          const at = firstBitDifference(fromWasm, fromJs);
          expect(at, `m=${m} p=${p} weighted=${w !== null} entry ${at}`).toBe(-1);
          compared++;
        }
      }
    }
    expect(compared).toBe(ms.length * ps.length * 2);
  });

  it('gram: both kernels follow the promised rounding order exactly (textbook loop, upper triangle mirrored)', () => {
    const rng = new Rng(11);
    for (const [m, p] of [
      [1, 1],
      [9, 7],
      [64, 13],
      [129, 33],
    ] as const) {
      const J = randomMatrix(rng, m, p);
      const w = randomWeights(rng, m);
      const ref = referenceAtWB(J, J, m, p, w);
      for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) ref[j * p + k] = ref[k * p + j];
      const G = new Float64Array(p * p);
      expect(gramWasm(J, m, p, w, G)).toBe(true);
      expect(firstBitDifference(G, ref)).toBe(-1);
      gramJs(J, m, p, w, G);
      expect(firstBitDifference(G, ref)).toBe(-1);
    }
  });

  it('the bit-equality check has power: another association of w changes some bits on this data', () => {
    const rng = new Rng(13);
    const m = 64,
      p = 13;
    const J = randomMatrix(rng, m, p);
    const w = randomWeights(rng, m);
    const G = new Float64Array(p * p);
    gramWasm(J, m, p, w, G);
    let otherOrderDiffers = false;
    for (let j = 0; j < p && !otherOrderDiffers; j++) {
      for (let k = j; k < p; k++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += J[i * p + j] * w[i] * J[i * p + k];
        if (!Object.is(s, G[j * p + k])) otherOrderDiffers = true;
      }
    }
    expect(otherOrderDiffers).toBe(true);
  });

  it('crossGram: WASM and JS agree bit for bit (non-symmetric product, all remainders)', () => {
    const rng = new Rng(17);
    for (const m of [0, 1, 3, 8, 17]) {
      for (const p of [0, 1, 2, 3, 4, 5, 7, 9, 13]) {
        const J1 = randomMatrix(rng, m, p);
        const J2 = randomMatrix(rng, m, p);
        for (const w of [null, randomWeights(rng, m)]) {
          const fromJs = new Float64Array(p * p).fill(NaN);
          const fromWasm = new Float64Array(p * p).fill(NaN);
          crossGramJs(J1, J2, m, p, w, fromJs);
          expect(crossGramWasm(J1, J2, m, p, w, fromWasm)).toBe(true);
          expect(firstBitDifference(fromWasm, fromJs), `m=${m} p=${p}`).toBe(-1);
          expect(firstBitDifference(fromWasm, referenceAtWB(J1, J2, m, p, w))).toBe(-1);
        }
      }
    }
  });

  it('memory grows for large problems and stays right when sizes alternate', () => {
    const rng = new Rng(19);
    // 1000 × 301 needs ≈ 5.6 MB of linear memory (the module starts with 64 KB).
    for (const [m, p] of [
      [3, 2],
      [1000, 301],
      [5, 9],
      [512, 151],
      [2, 1],
    ] as const) {
      const J = randomMatrix(rng, m, p);
      const w = randomWeights(rng, m);
      const fromJs = new Float64Array(p * p);
      const viaGram = new Float64Array(p * p).fill(NaN);
      gramJs(J, m, p, w, fromJs);
      gram(J, m, p, w, viaGram); // the public entry point, whichever kernel it picks
      expect(firstBitDifference(viaGram, fromJs), `m=${m} p=${p}`).toBe(-1);
      const viaCross = new Float64Array(p * p).fill(NaN);
      crossGram(J, J, m, p, w, viaCross);
      const crossJs = new Float64Array(p * p);
      crossGramJs(J, J, m, p, w, crossJs);
      expect(firstBitDifference(viaCross, crossJs)).toBe(-1);
    }
  });
});
