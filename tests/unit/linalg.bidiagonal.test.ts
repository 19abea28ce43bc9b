// The Golub–Kahan bidiagonalisation behind lstsq: the WebAssembly SIMD updates (wasm/bidiagonal.wat) and
// the JS loop give the same bits (records must not depend on WebAssembly SIMD being present), and the
// solve built on it matches a naive pseudo-inverse on a matrix with known singular values.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { bidiagonalise, squarePinvSolve } from '../../src/engine/linalg/bidiagonal';
import { bidiagonalWasmKernel } from '../../src/engine/linalg/wasm/bidiagonalKernel';
import { BIDIAGONAL_WASM_BASE64 } from '../../src/engine/linalg/wasm/bidiagonalModule';
import { Rng } from '../../src/engine/random';

const sizes = [1, 2, 3, 4, 5, 6, 7, 15, 16, 17, 18, 19, 31, 32, 33, 64, 97];

describe('bidiagonalisation: WebAssembly SIMD kernel and JS loop', () => {
  it('committed module bytes are the compilation of bidiagonal.wat (no drift)', async () => {
    const watPath = fileURLToPath(new URL('../../src/engine/linalg/wasm/bidiagonal.wat', import.meta.url));
    const wabt = await wabtInit();
    const parsed = wabt.parseWat('bidiagonal.wat', readFileSync(watPath, 'utf8'), { simd: true });
    parsed.resolveNames();
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    parsed.destroy();
    expect(Buffer.from(BIDIAGONAL_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  });

  it('loads in Node (so the equality tests really run the SIMD path)', () => {
    expect(bidiagonalWasmKernel()).not.toBeNull();
  });

  it('bit-identical reflectors and rotated right-hand side, triangular and full inputs', () => {
    const rng = new Rng(7);
    for (const k of sizes) {
      for (const triangular of [true, false]) {
        const T = new Float64Array(k * k);
        for (let i = 0; i < k; i++)
          for (let j = triangular ? i : 0; j < k; j++)
            T[i * k + j] = rng.normal() * 10 ** Math.floor(rng.uniform(-2, 2));
        if (k > 3) for (let j = 0; j < k; j++) T[3 * k + j] = T[j]; // a repeated row: rank deficiency
        const c = new Float64Array(k);
        for (let i = 0; i < k; i++) c[i] = rng.normal();
        const js = T.slice();
        const simd = T.slice();
        const cJs = c.slice();
        const cSimd = c.slice();
        bidiagonalise(js, k, cJs, false);
        bidiagonalise(simd, k, cSimd, true);
        expect(Array.from(simd)).toEqual(Array.from(js));
        expect(Array.from(cSimd)).toEqual(Array.from(cJs));
      }
    }
  });

  it('T⁺c on T = U diag(σ) Vᵀ (Householder U, V) matches V diag(1/σ) Uᵀ c, σ below the cutoff dropped', () => {
    const rng = new Rng(11);
    const k = 40;
    const sigma = Array.from({ length: k }, (_, i) => (i < 35 ? 10 ** (-i / 10) : 1e-14));
    const unit = (): Float64Array => {
      const v = new Float64Array(k);
      let norm = 0;
      for (let i = 0; i < k; i++) norm += (v[i] = rng.normal()) ** 2;
      for (let i = 0; i < k; i++) v[i] /= Math.sqrt(norm);
      return v;
    };
    const u = unit();
    const v = unit();
    // U = I − 2uuᵀ, V = I − 2vvᵀ (orthogonal, symmetric).
    const U = (i: number, j: number) => (i === j ? 1 : 0) - 2 * u[i] * u[j];
    const V = (i: number, j: number) => (i === j ? 1 : 0) - 2 * v[i] * v[j];
    const T = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) for (let q = 0; q < k; q++) T[i * k + j] += U(i, q) * sigma[q] * V(j, q);
    const c = new Float64Array(k);
    for (let i = 0; i < k; i++) c[i] = rng.normal();
    const expected = new Float64Array(k);
    for (let q = 0; q < 35; q++) {
      let uc = 0;
      for (let i = 0; i < k; i++) uc += U(i, q) * c[i];
      for (let j = 0; j < k; j++) expected[j] += (V(j, q) * uc) / sigma[q];
    }
    const z = new Float64Array(k);
    const rank = squarePinvSolve(T, k, c.slice(), 1e-10, z);
    expect(rank).toBe(35);
    let scale = 0;
    for (let j = 0; j < k; j++) scale = Math.max(scale, Math.abs(expected[j]));
    for (let j = 0; j < k; j++) expect(Math.abs(z[j] - expected[j])).toBeLessThan(1e-6 * scale);
  });
});
