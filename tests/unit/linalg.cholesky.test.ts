import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import { choleskyInPlace, choleskyJs, choleskyWasm } from '../../src/engine/linalg/cholesky';
import { CHOLESKY_WASM_BASE64 } from '../../src/engine/linalg/wasm/choleskyModule';

// The SIMD Cholesky kernel must give exactly the bits of the JS loop (records are fingerprinted and must
// be the same in Node, Chromium and without WebAssembly SIMD), and both must follow the promised order.

/** S = BᵀB + shift·I with entries spread over several decades (so any change of rounding order shows). */
function spd(rng: Rng, n: number, shift = 0): Float64Array {
  const m = n + 5;
  const B = new Float64Array(m * n);
  for (let i = 0; i < B.length; i++) B[i] = rng.normal() * 10 ** Math.floor(rng.uniform(-2, 2));
  const S = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < m; r++) s += B[r * n + i] * B[r * n + j];
      S[i * n + j] = s + (i === j ? shift : 0);
    }
  return S;
}

function firstBitDifference(a: Float64Array, b: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** The promised order, written independently: even/odd partial sums, blocks of four with their triangle. */
function referenceCholesky(A: Float64Array, n: number): boolean {
  const L = A;
  const paired = (i: number, j: number, count: number): number => {
    let even = 0;
    let odd = 0;
    for (let k = 0; k < count; k++) {
      const t = L[i * n + k] * L[j * n + k];
      if (k % 2 === 1) odd += t;
      else even += t;
    }
    // With an odd count the last k is even: it joins the even sum, last — the promised order.
    return even + odd;
  };
  for (let i = 0; i < n; i++) {
    let j = 0;
    for (; j + 3 < i; j += 4) {
      const s = [0, 1, 2, 3].map((q) => L[i * n + j + q] - paired(i, j + q, j));
      for (let q = 0; q < 4; q++) {
        const l = s[q] / L[(j + q) * n + j + q];
        L[i * n + j + q] = l;
        for (let r = q + 1; r < 4; r++) s[r] -= l * L[(j + r) * n + j + q];
      }
    }
    for (; j < i; j++) L[i * n + j] = (L[i * n + j] - paired(i, j, j)) / L[j * n + j];
    const d = L[i * n + i] - paired(i, i, i);
    if (!(d > 0) || !(d < Infinity)) return false;
    L[i * n + i] = Math.sqrt(d);
  }
  return true;
}

const sizes = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 17, 24, 25, 31, 32, 33, 64, 97];

describe('Cholesky: WebAssembly SIMD kernel and JS loop', () => {
  it('committed module bytes are the compilation of cholesky.wat (no drift)', async () => {
    const watPath = fileURLToPath(new URL('../../src/engine/linalg/wasm/cholesky.wat', import.meta.url));
    const wabt = await wabtInit();
    const parsed = wabt.parseWat('cholesky.wat', readFileSync(watPath, 'utf8'), { simd: true });
    parsed.resolveNames();
    parsed.validate();
    const { buffer } = parsed.toBinary({ log: false, write_debug_names: false });
    parsed.destroy();
    expect(Buffer.from(CHOLESKY_WASM_BASE64, 'base64').equals(Buffer.from(buffer))).toBe(true);
  });

  it('loads in Node (so the equality tests really run the SIMD path)', () => {
    expect(choleskyWasm(new Float64Array([4]), 1)).toBe(true);
  });

  it.each(sizes)('WASM, JS and the written-out order agree bit for bit (n = %i)', (n) => {
    const S = spd(new Rng(700 + n), n, 1e-3);
    const js = S.slice();
    const simd = S.slice();
    const reference = S.slice();
    expect(choleskyJs(js, n)).toBe(true);
    expect(choleskyWasm(simd, n)).toBe(true);
    expect(referenceCholesky(reference, n)).toBe(true);
    expect(firstBitDifference(simd, js)).toBe(-1);
    expect(firstBitDifference(reference, js)).toBe(-1);
    // The strict upper triangle is untouched.
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) expect(js[i * n + j]).toBe(S[i * n + j]);
  });

  it('L Lᵀ = A to rounding error (independent check of the factor)', () => {
    const n = 60;
    const S = spd(new Rng(5), n, 1);
    const L = S.slice();
    expect(choleskyInPlace(L, n)).toBe(true);
    let worst = 0;
    let scale = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += L[i * n + k] * L[j * n + k];
        worst = Math.max(worst, Math.abs(s - S[i * n + j]));
        scale = Math.max(scale, Math.abs(S[i * n + j]));
      }
    expect(worst).toBeLessThan(1e-13 * scale);
  });

  it('both reject the same indefinite, singular and NaN matrices, at the same row', () => {
    for (const n of [5, 30, 41]) {
      const rng = new Rng(900 + n);
      const cases = [spd(rng, n), spd(rng, n), spd(rng, n)];
      cases[0][(n - 2) * n + n - 2] = -1; // indefinite
      for (let j = 0; j < n; j++) cases[1][j * n + 3] = cases[1][3 * n + j] = 0; // a zero row: singular
      cases[2][(n - 1) * n + 2] = NaN;
      for (const S of cases) {
        const js = S.slice();
        const simd = S.slice();
        expect(choleskyJs(js, n)).toBe(false);
        expect(choleskyWasm(simd, n)).toBe(false);
        expect(firstBitDifference(simd, js)).toBe(-1);
      }
    }
  });

  it('the bit-equality check has power: the textbook (one-sum) order changes some bits', () => {
    const n = 33;
    const S = spd(new Rng(3), n, 1e-3);
    const ours = S.slice();
    choleskyJs(ours, n);
    const textbook = S.slice();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j <= i; j++) {
        let s = textbook[i * n + j];
        for (let k = 0; k < j; k++) s -= textbook[i * n + k] * textbook[j * n + k];
        textbook[i * n + j] = i === j ? Math.sqrt(s) : s / textbook[j * n + j];
      }
    }
    expect(firstBitDifference(ours, textbook)).not.toBe(-1);
  });
});
