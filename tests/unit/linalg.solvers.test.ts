// lstsq (QR + Golub–Kahan SVD without vectors), pinv (vectors never formed) and the cond(S) estimate,
// each against an independent truth: a naive one-sided Jacobi SVD written here, the normal equations,
// closed-form minimum-norm solutions, and matrices built with a known spectrum.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/random';
import { conditionNumber, estimateConditionNumber, solveLstsq, solvePinv } from '../../src/engine/linalg';

const EPS = 2.220446049250313e-16;

function randomMatrix(rng: Rng, rows: number, cols: number): Float64Array {
  const A = new Float64Array(rows * cols);
  for (let i = 0; i < A.length; i++) A[i] = rng.normal();
  return A;
}

/** Orthonormal columns (r × c) by twice-repeated modified Gram–Schmidt. */
function orthonormal(rng: Rng, r: number, c: number): Float64Array {
  const Q = randomMatrix(rng, r, c);
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < c; j++) {
      for (let k = 0; k < j; k++) {
        let s = 0;
        for (let i = 0; i < r; i++) s += Q[i * c + j] * Q[i * c + k];
        for (let i = 0; i < r; i++) Q[i * c + j] -= s * Q[i * c + k];
      }
      let n = 0;
      for (let i = 0; i < r; i++) n += Q[i * c + j] ** 2;
      n = Math.sqrt(n);
      for (let i = 0; i < r; i++) Q[i * c + j] /= n;
    }
  }
  return Q;
}

/** U diag(σ) Vᵀ (rows × cols) with random orthonormal U, V; also returns V (cols × k). */
function withSingularValues(
  rng: Rng,
  rows: number,
  cols: number,
  sigma: number[],
): { B: Float64Array; V: Float64Array } {
  const k = sigma.length;
  const U = orthonormal(rng, rows, k);
  const V = orthonormal(rng, cols, k);
  const B = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += U[i * k + l] * sigma[l] * V[j * k + l];
      B[i * cols + j] = s;
    }
  return { B, V };
}

/** Symmetric Q diag(λ) Qᵀ with a random orthogonal Q. */
function withSpectrum(rng: Rng, lambda: number[]): Float64Array {
  const n = lambda.length;
  const Q = orthonormal(rng, n, n);
  const A = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
      A[i * n + j] = s;
      A[j * n + i] = s;
    }
  return A;
}

/**
 * Naive reference: minimum-norm least squares by one-sided Jacobi on the columns of B (rows ≥ cols),
 * B V = U Σ, x = V Σ⁺ Uᵀ r with σ ≤ rcond·σ_max dropped. Plain, slow, independent of the library.
 */
function naiveLstsq(B: Float64Array, rows: number, cols: number, r: Float64Array, rcond: number): Float64Array {
  const A = Float64Array.from(B);
  const V = new Float64Array(cols * cols);
  for (let i = 0; i < cols; i++) V[i * cols + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < cols; p++)
      for (let q = p + 1; q < cols; q++) {
        let a = 0;
        let b = 0;
        let g = 0;
        for (let i = 0; i < rows; i++) {
          a += A[i * cols + p] ** 2;
          b += A[i * cols + q] ** 2;
          g += A[i * cols + p] * A[i * cols + q];
        }
        if (Math.abs(g) <= 1e-15 * Math.sqrt(a * b) || g === 0) continue;
        off = Math.max(off, Math.abs(g) / Math.sqrt(a * b));
        const zeta = (b - a) / (2 * g);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < rows; i++) {
          const x = A[i * cols + p];
          const y = A[i * cols + q];
          A[i * cols + p] = c * x - s * y;
          A[i * cols + q] = s * x + c * y;
        }
        for (let i = 0; i < cols; i++) {
          const x = V[i * cols + p];
          const y = V[i * cols + q];
          V[i * cols + p] = c * x - s * y;
          V[i * cols + q] = s * x + c * y;
        }
      }
    if (off < 1e-15) break;
  }
  const sigma = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += A[i * cols + j] ** 2;
    sigma[j] = Math.sqrt(s);
  }
  const cutoff = rcond * Math.max(...sigma);
  const x = new Float64Array(cols);
  for (let j = 0; j < cols; j++) {
    if (!(sigma[j] > cutoff)) continue;
    let utr = 0;
    for (let i = 0; i < rows; i++) utr += A[i * cols + j] * r[i];
    const coef = utr / (sigma[j] * sigma[j]); // A's column j is σ_j u_j
    for (let i = 0; i < cols; i++) x[i] += coef * V[i * cols + j];
  }
  return x;
}

function relErr(x: Float64Array, ref: Float64Array): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < x.length; i++) {
    d += (x[i] - ref[i]) ** 2;
    n += ref[i] ** 2;
  }
  return Math.sqrt(d / n);
}

function randomVector(rng: Rng, n: number): Float64Array {
  const v = new Float64Array(n);
  for (let i = 0; i < n; i++) v[i] = rng.uniform(-1, 1);
  return v;
}

describe('lstsq (Householder QR + Golub–Kahan SVD of the square factor)', () => {
  it.each([
    [9, 4],
    [20, 20],
    [37, 13],
    [64, 33],
  ])('matches a naive Jacobi SVD reference on random B (%i × %i)', (rows, cols) => {
    const rng = new Rng(rows * 100 + cols);
    const B = randomMatrix(rng, rows, cols);
    const r = randomVector(rng, rows);
    const x = new Float64Array(cols);
    expect(solveLstsq(B, rows, cols, r, 1e-12, x).rank).toBe(cols);
    expect(relErr(x, naiveLstsq(B, rows, cols, r, 1e-12))).toBeLessThan(1e-11);
  });

  it('solves the normal equations BᵀB x = Bᵀr on a well-conditioned tall B', () => {
    const rng = new Rng(7);
    const rows = 150;
    const cols = 70;
    const B = randomMatrix(rng, rows, cols);
    const r = randomVector(rng, rows);
    const x = new Float64Array(cols);
    solveLstsq(B, rows, cols, r, 1e-10, x);
    // Bᵀ(r − Bx) = 0 relative to ‖B‖²‖x‖.
    const res = Float64Array.from(r);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) res[i] -= B[i * cols + j] * x[j];
    let worst = 0;
    for (let j = 0; j < cols; j++) {
      let s = 0;
      for (let i = 0; i < rows; i++) s += B[i * cols + j] * res[i];
      worst = Math.max(worst, Math.abs(s));
    }
    expect(worst).toBeLessThan(1e-11 * rows);
  });

  it('returns the minimum-norm solution for a rank-deficient B with a known null space', () => {
    const rng = new Rng(8);
    const rows = 40;
    const cols = 25;
    const sigma = [5, 3, 2, 1, 0.5, 0.25, 0.1];
    const { B, V } = withSingularValues(rng, rows, cols, sigma);
    const k = sigma.length;
    // Consistent right-hand side from a solution with a null-space component added.
    const xRange = new Float64Array(cols);
    const coef = randomVector(rng, k);
    for (let j = 0; j < cols; j++) for (let l = 0; l < k; l++) xRange[j] += V[j * k + l] * coef[l];
    const r = new Float64Array(rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) r[i] += B[i * cols + j] * xRange[j];
    const x = new Float64Array(cols);
    expect(solveLstsq(B, rows, cols, r, 1e-8, x).rank).toBe(k);
    // The minimum-norm solution is the range-space one: no component along the null space of B.
    expect(relErr(x, xRange)).toBeLessThan(1e-10);
  });

  it('cuts singular values at rcond·σ_max exactly as the naive reference does', () => {
    const rng = new Rng(9);
    const rows = 30;
    const cols = 10;
    const sigma = [1, 0.3, 1e-3, 2e-6, 5e-7, 1e-9];
    const { B } = withSingularValues(rng, rows, cols, sigma);
    const r = randomVector(rng, rows);
    for (const [rcond, rank] of [
      [1e-2, 2],
      [1e-5, 3],
      [1e-6, 4],
      [3e-7, 5],
      [1e-10, 6],
    ] as const) {
      const x = new Float64Array(cols);
      expect(solveLstsq(B, rows, cols, r, rcond, x).rank).toBe(rank);
      const ref = naiveLstsq(B, rows, cols, r, rcond);
      expect(relErr(x, ref)).toBeLessThan(rank === 6 ? 1e-5 : 1e-8);
    }
  });

  it('keeps working for wide B (rows < cols): exact fit, minimum norm = transpose of the tall case', () => {
    const rng = new Rng(10);
    const rows = 12;
    const cols = 31;
    const B = randomMatrix(rng, rows, cols);
    const r = randomVector(rng, rows);
    const x = new Float64Array(cols);
    expect(solveLstsq(B, rows, cols, r, 1e-12, x).rank).toBe(rows);
    // Minimum norm: x = Bᵀ y with B Bᵀ y = r — i.e. x lies in the row space and fits exactly.
    let fit = 0;
    for (let i = 0; i < rows; i++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += B[i * cols + j] * x[j];
      fit = Math.max(fit, Math.abs(s - r[i]));
    }
    expect(fit).toBeLessThan(1e-12);
    const ref = naiveLstsq(transposeOf(B, rows, cols), cols, rows, new Float64Array(cols), 0); // shape check only
    expect(ref.length).toBe(rows);
  });

  it('reports rank −1 and NaN for non-finite B instead of looping', () => {
    const B = new Float64Array([1, 2, NaN, 4, 5, 6]);
    const x = new Float64Array(2);
    expect(solveLstsq(B, 3, 2, new Float64Array([1, 1, 1]), 1e-5, x).rank).toBe(-1);
    expect(Number.isNaN(x[0])).toBe(true);
  });
});

function transposeOf(A: Float64Array, r: number, c: number): Float64Array {
  const T = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) T[j * r + i] = A[i * c + j];
  return T;
}

describe('pinv without forming eigenvectors', () => {
  it.each([3, 20, 90])('equals Σ_{λ>cut} q qᵀ rhs / λ for a known spectrum (n=%i)', (n) => {
    const rng = new Rng(300 + n);
    const Q = orthonormal(rng, n, n);
    const lambda = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? -0.5 : 10 ** -(i % 7))); // negatives dropped
    const S = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let k = 0; k < n; k++) s += Q[i * n + k] * lambda[k] * Q[j * n + k];
        S[i * n + j] = s;
      }
    const rhs = randomVector(rng, n);
    const rcond = 3e-5; // keeps 1 … 1e-4, drops 1e-5, 1e-6 and the negatives
    const ref = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      if (!(lambda[k] > rcond)) continue;
      let c = 0;
      for (let i = 0; i < n; i++) c += Q[i * n + k] * rhs[i];
      for (let i = 0; i < n; i++) ref[i] += (Q[i * n + k] * c) / lambda[k];
    }
    const out = new Float64Array(n);
    const eigenvalues = new Float64Array(n);
    solvePinv(S, n, rhs, rcond, out, eigenvalues);
    expect(relErr(out, ref)).toBeLessThan(1e-9);
    const sorted = Array.from(eigenvalues).sort((a, b) => a - b);
    const expected = [...lambda].sort((a, b) => a - b);
    for (let k = 0; k < n; k++) expect(Math.abs(sorted[k] - expected[k])).toBeLessThan(1e-13 * n);
  });
});

describe('cond(S) estimate (Lanczos on S and on S⁻¹ through a Cholesky factor)', () => {
  const spectra: Record<string, (n: number) => number[]> = {
    geometric: (n) => Array.from({ length: n }, (_, i) => 10 ** ((-8 * i) / (n - 1))),
    linear: (n) => Array.from({ length: n }, (_, i) => 1 + i),
    'isolated ends, clustered middle': (n) =>
      Array.from({ length: n }, (_, i) => (i === 0 ? 1e-6 : i === n - 1 ? 1 : 0.5 + 0.01 * Math.sin(i))),
    'two clusters': (n) => Array.from({ length: n }, (_, i) => (i < n / 2 ? 1e-4 * (1 + i / n) : 1 + i / n)),
  };
  for (const [name, spectrum] of Object.entries(spectra)) {
    it.each([70, 130])(`is within 1 % of λ_max/λ_min and never above it: ${name} (n=%i)`, (n) => {
      const lambda = spectrum(n);
      const S = withSpectrum(new Rng(n + name.length), lambda);
      const exact = Math.max(...lambda) / Math.min(...lambda);
      const estimate = estimateConditionNumber(S, n, true);
      expect(estimate).toBeLessThanOrEqual(exact * (1 + 1e-9));
      expect(estimate).toBeGreaterThan(exact * 0.99);
    });
  }

  it('reports the cap 1/(n·ε) for a semi-definite S singular to working precision', () => {
    const n = 80;
    const lambda = Array.from({ length: n }, (_, i) => (i < 5 ? 0 : 1 + i));
    const S = withSpectrum(new Rng(11), lambda);
    expect(estimateConditionNumber(S, n, true)).toBeCloseTo(1 / (n * EPS), -3);
    // The exact eigenvalues agree that it is capped.
    expect(conditionNumber(S, n)).toBeCloseTo(1 / (n * EPS), -3);
  });

  it('reports Infinity for a clearly indefinite S (Newton) and the same as the exact path otherwise', () => {
    const n = 75;
    const indefinite = Array.from({ length: n }, (_, i) => (i === 3 ? -0.2 : 1 + i));
    const S = withSpectrum(new Rng(12), indefinite);
    expect(estimateConditionNumber(S, n, false)).toBe(Infinity);
    // A tiny negative eigenvalue hidden among positive ones: Cholesky fails, the exact path settles it.
    const hidden = Array.from({ length: n }, (_, i) => (i === 40 ? -1e-3 : 1 + i));
    expect(estimateConditionNumber(withSpectrum(new Rng(13), hidden), n, false)).toBe(Infinity);
  });

  it('is NaN for non-finite entries, 1 for n = 0, and deterministic (same bits twice)', () => {
    const S = withSpectrum(
      new Rng(14),
      Array.from({ length: 70 }, (_, i) => 1 + i * i),
    );
    expect(estimateConditionNumber(S, 70, true)).toBe(estimateConditionNumber(Float64Array.from(S), 70, true));
    S[5] = NaN;
    expect(estimateConditionNumber(S, 70, true)).toBeNaN();
    expect(estimateConditionNumber(new Float64Array(0), 0, true)).toBe(1);
  });
});
