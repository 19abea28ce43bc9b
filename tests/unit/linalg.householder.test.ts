// The Householder QR of lstsq: the WebAssembly SIMD trailing update (wasm/householder.wat) and the JS
// loop give the same bits, and Q R reproduces A (Q applied from the stored reflectors, checked entrywise
// against A: an independent reconstruction, not the factorisation's own output).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { householderQRJs, householderQRWasm } from '../../src/engine/linalg/lstsq';
import { HOUSEHOLDER_WASM_BASE64 } from '../../src/engine/linalg/wasm/householderModule';
import { Rng } from '../../src/engine/random';

function randomColumnMajor(rng: Rng, M: number, N: number): Float64Array {
  const A = new Float64Array(M * N);
  for (let i = 0; i < A.length; i++) A[i] = rng.uniform(-1, 1);
  return A;
}

/** Q R with Q = H_0 ⋯ H_{N−1} applied to the columns of R (upper triangle of the factor), column-major. */
function reconstruct(QR: Float64Array, tau: Float64Array, M: number, N: number): Float64Array {
  const out = new Float64Array(M * N);
  const x = new Float64Array(M);
  for (let j = 0; j < N; j++) {
    x.fill(0);
    for (let i = 0; i <= j; i++) x[i] = QR[j * M + i];
    for (let k = N - 1; k >= 0; k--) {
      let s = x[k];
      for (let i = k + 1; i < M; i++) s += QR[k * M + i] * x[i];
      s *= tau[k];
      x[k] -= s;
      for (let i = k + 1; i < M; i++) x[i] -= s * QR[k * M + i];
    }
    for (let i = 0; i < M; i++) out[j * M + i] = x[i];
  }
  return out;
}

const shapes: [number, number][] = [
  [1, 1],
  [2, 1],
  [3, 2],
  [5, 5],
  [8, 3],
  [9, 4],
  [17, 16],
  [33, 17],
  [64, 31],
  [97, 64],
  [121, 60],
];

describe('Householder QR: WebAssembly SIMD kernel and JS loop', () => {
  it('committed module bytes are the compilation of householder.wat (no drift)', async () => {
    const watPath = fileURLToPath(new URL('../../src/engine/linalg/wasm/householder.wat', import.meta.url));
    const wabt = await wabtInit();
    const parsed = wabt.parseWat('householder.wat', readFileSync(watPath, 'utf8'), { simd: true });
    parsed.resolveNames();
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    parsed.destroy();
    expect(Buffer.from(HOUSEHOLDER_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  });

  it('bit-identical factors and reflector scalars; Q R = A', () => {
    const rng = new Rng(12);
    for (const [M, N] of shapes) {
      const A = randomColumnMajor(rng, M, N);
      if (N > 2) for (let i = 0; i < M; i++) A[2 * M + i] = A[i]; // a repeated column: rank deficiency
      const js = A.slice();
      const simd = A.slice();
      const tauJs = new Float64Array(N);
      const tauSimd = new Float64Array(N);
      householderQRJs(js, M, N, tauJs);
      expect(householderQRWasm(simd, M, N, tauSimd)).toBe(true);
      expect(Array.from(simd)).toEqual(Array.from(js));
      expect(Array.from(tauSimd)).toEqual(Array.from(tauJs));
      const back = reconstruct(js, tauJs, M, N);
      for (let i = 0; i < A.length; i++) expect(Math.abs(back[i] - A[i])).toBeLessThan(1e-13 * Math.sqrt(M));
    }
  });

  it('a column that is already triangular gets τ = 0 in both paths', () => {
    const M = 20;
    const N = 18;
    const A = randomColumnMajor(new Rng(3), M, N);
    for (let i = 1; i < M; i++) A[i] = 0; // column 0 = e₀ · a
    const js = A.slice();
    const simd = A.slice();
    const tauJs = new Float64Array(N);
    const tauSimd = new Float64Array(N);
    householderQRJs(js, M, N, tauJs);
    householderQRWasm(simd, M, N, tauSimd);
    expect(tauJs[0]).toBe(0);
    expect(Array.from(simd)).toEqual(Array.from(js));
  });
});
