// Symmetric eigendecomposition: Householder tridiagonalisation followed by the implicit QL
// algorithm (tred2/tql2 of EISPACK as in the public-domain JAMA package), and the eigenvalue-based
// pseudo-inverse solve of docs/ALGORITHMS.md §3.
//
// JAMA keeps the eigenvectors as columns of V and walks down columns in its O(n³) loops. We store
// W = Vᵀ instead (row-major), so those loops run along contiguous rows; since A is symmetric the
// starting matrix is A itself.

import * as libm from '../math';
import { swapRuns } from './swap';

const MAX_QL_ITERATIONS = 100;

interface Workspace {
  n: number;
  W: Float64Array; // n × n, eigenvectors as rows on exit
  d: Float64Array; // eigenvalues on exit
  e: Float64Array; // subdiagonal
  h: Float64Array; // h_i of the reflector P_i = I − u_i u_iᵀ/h_i stored in row i of W (when not accumulated)
}

let workspace: Workspace | null = null;

function workspaceFor(n: number): Workspace {
  if (workspace === null || workspace.n !== n) {
    workspace = {
      n,
      W: new Float64Array(n * n),
      d: new Float64Array(n),
      e: new Float64Array(n),
      h: new Float64Array(n),
    };
  }
  return workspace;
}

/** Householder reduction of W (symmetric) to tridiagonal form (d diagonal, e subdiagonal), accumulating Qᵀ in W when `vectors`. */
function tridiagonalise(
  W: Float64Array,
  n: number,
  d: Float64Array,
  e: Float64Array,
  vectors: boolean,
  h: Float64Array,
): void {
  const last = n - 1;
  for (let j = 0; j < n; j++) d[j] = W[j * n + last];

  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = W[j * n + i - 1];
        W[j * n + i] = 0;
        W[i * n + j] = 0;
      }
    } else {
      // Householder vector.
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;

      // Similarity transformation of the remaining rows: e = A d from the upper triangle, row by row.
      // Two rows per pass share the loads of d and e; every sum keeps the one-row order of rounding.
      let j = 0;
      for (; j + 1 < i; j += 2) {
        const r0 = j * n;
        const r1 = r0 + n;
        const f0 = d[j];
        const f1 = d[j + 1];
        W[i * n + j] = f0;
        W[i * n + j + 1] = f1;
        let g0 = e[j] + W[r0 + j] * f0;
        g0 += W[r0 + j + 1] * d[j + 1];
        e[j + 1] += W[r0 + j + 1] * f0;
        let g1 = e[j + 1] + W[r1 + j + 1] * f1;
        for (let k = j + 2; k <= i - 1; k++) {
          const dk = d[k];
          const a0 = W[r0 + k];
          const a1 = W[r1 + k];
          g0 += a0 * dk;
          g1 += a1 * dk;
          e[k] = e[k] + a0 * f0 + a1 * f1;
        }
        e[j] = g0;
        e[j + 1] = g1;
      }
      for (; j < i; j++) {
        const rj = j * n;
        f = d[j];
        W[i * n + j] = f;
        g = e[j] + W[rj + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += W[rj + k] * d[k];
          e[k] += W[rj + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // Rank-2 update W −= d eᵀ + e dᵀ on the upper triangle, two rows per pass.
      for (j = 0; j + 1 < i; j += 2) {
        const r0 = j * n;
        const r1 = r0 + n;
        const f0 = d[j];
        const g0 = e[j];
        const f1 = d[j + 1];
        const g1 = e[j + 1];
        W[r0 + j] -= f0 * e[j] + g0 * d[j];
        for (let k = j + 1; k <= i - 1; k++) {
          const ek = e[k];
          const dk = d[k];
          W[r0 + k] -= f0 * ek + g0 * dk;
          W[r1 + k] -= f1 * ek + g1 * dk;
        }
        d[j] = W[r0 + i - 1];
        d[j + 1] = W[r1 + i - 1];
        W[r0 + i] = 0;
        W[r1 + i] = 0;
      }
      for (; j < i; j++) {
        const rj = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) W[rj + k] -= f * e[k] + g * d[k];
        d[j] = W[rj + i - 1];
        W[rj + i] = 0;
      }
    }
    d[i] = h;
  }

  if (!vectors) {
    // Row i of W keeps the reflector u_i (columns < i) and d[i] its h_i: A = Q T Qᵀ with
    // Q = P_{n−1} ⋯ P_1, P_i = I − u_i u_iᵀ/h_i (h_i = 0: P_i = I).
    for (let j = 0; j < n; j++) h[j] = d[j];
    // The tridiagonal diagonal sits on W's diagonal (see the accumulation below).
    for (let j = 0; j < n; j++) d[j] = W[j * n + j];
    e[0] = 0;
    return;
  }

  // Accumulate the transformations.
  for (let i = 0; i < n - 1; i++) {
    const ri = i * n;
    const rNext = (i + 1) * n;
    W[ri + last] = W[ri + i];
    W[ri + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = W[rNext + k] / h;
      for (let j = 0; j <= i; j++) {
        const rj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += W[rNext + k] * W[rj + k];
        for (let k = 0; k <= i; k++) W[rj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) W[rNext + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = W[j * n + last];
    W[j * n + last] = 0;
  }
  W[last * n + last] = 1;
  e[0] = 0;
}

/**
 * How the QL rotations are used: dropped (eigenvalues only), applied to the rows of W (eigenvectors), or
 * recorded (rotationPlane/Cos/Sin) for applying the eigenvector matrix to vectors later (solvePinv).
 */
type RotationUse = 'drop' | 'rows' | 'record';

// Recorded QL rotations: rotation r acts on coordinates (rotationPlane[r], rotationPlane[r] + 1).
let rotationPlane = new Int32Array(0);
let rotationCos = new Float64Array(0);
let rotationSin = new Float64Array(0);
let rotationCount = 0;

function reserveRotations(extra: number): void {
  if (rotationCount + extra <= rotationCos.length) return;
  const capacity = Math.max(2 * rotationCos.length, rotationCount + extra, 1024);
  const plane = new Int32Array(capacity);
  const cos = new Float64Array(capacity);
  const sin = new Float64Array(capacity);
  plane.set(rotationPlane.subarray(0, rotationCount));
  cos.set(rotationCos.subarray(0, rotationCount));
  sin.set(rotationSin.subarray(0, rotationCount));
  rotationPlane = plane;
  rotationCos = cos;
  rotationSin = sin;
}

/**
 * Implicit QL on the tridiagonal (d, e). With 'rows', rotations are applied to the rows of W; with
 * 'record', they are recorded and d is left unsorted; otherwise d is sorted ascending (with W's rows).
 */
function tridiagonalQL(W: Float64Array, n: number, d: Float64Array, e: Float64Array, use: RotationUse): void {
  const vectors = use === 'rows';
  const record = use === 'record';
  rotationCount = 0;
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && !(Math.abs(e[m]) <= eps * tst1)) m++;
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        if (record) reserveRotations(m - l);
        // Implicit shift.
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = libm.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;

        // Implicit QL transformation.
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = libm.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (record) {
            rotationPlane[rotationCount] = i;
            rotationCos[rotationCount] = c;
            rotationSin[rotationCount] = s;
            rotationCount++;
          } else if (vectors) {
            const ri = i * n;
            const rNext = ri + n;
            for (let k = 0; k < n; k++) {
              const t = W[rNext + k];
              W[rNext + k] = s * W[ri + k] + c * t;
              W[ri + k] = c * W[ri + k] - s * t;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1 && iter < MAX_QL_ITERATIONS);
    }
    d[l] += f;
    e[l] = 0;
  }

  if (record) return;
  // Selection sort, ascending (n swaps at most).
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i];
    for (let j = i + 1; j < n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (vectors) swapRuns(W, i * n, k * n, n);
    }
  }
}

/** Decompose A into the shared workspace: eigenvalues ascending in d, eigenvectors as rows of W. */
function decompose(A: Float64Array, n: number, use: RotationUse): Workspace {
  const ws = workspaceFor(n);
  ws.W.set(A.subarray(0, n * n));
  if (n > 0) {
    tridiagonalise(ws.W, n, ws.d, ws.e, use === 'rows', ws.h);
    tridiagonalQL(ws.W, n, ws.d, ws.e, use);
  }
  return ws;
}

/**
 * A = Q Λ Qᵀ for symmetric A (n × n, row-major; not modified). `values` ascending; eigenvector k is
 * column k of `vectors` (vectors[i*n + k]).
 */
export function symmetricEigen(A: Float64Array, n: number, values: Float64Array, vectors: Float64Array): void {
  const { W, d } = decompose(A, n, 'rows');
  values.set(d.subarray(0, n));
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) vectors[i * n + k] = W[rk + i];
  }
}

/** Eigenvalues only (ascending), without accumulating eigenvectors (about 3× cheaper). */
export function symmetricEigenvalues(A: Float64Array, n: number, values: Float64Array): void {
  const { d } = decompose(A, n, 'drop');
  values.set(d.subarray(0, n));
}

let projection = new Float64Array(0);

/** x ← P_i x for the reflector P_i = I − u_i u_iᵀ/h_i kept in row i of W (coordinates 0 … i−1). */
function applyTridiagonalReflector(W: Float64Array, n: number, i: number, h: number, x: Float64Array): void {
  if (h === 0) return;
  const ri = i * n;
  let g = 0;
  for (let k = 0; k < i; k++) g += W[ri + k] * x[k];
  g /= h;
  for (let k = 0; k < i; k++) x[k] -= g * W[ri + k];
}

/**
 * out = S⁺ rhs through the eigendecomposition S = Q Z Λ Zᵀ Qᵀ of symmetric S (Q: the tridiagonalising
 * reflectors, Z: the QL rotations): eigenvalues λ > rcond·λ_max are inverted, the others (negative ones
 * included) dropped. The eigenvectors are never formed: the reflectors and the recorded rotations are
 * applied to the vector, O(n²) after the O(n³) tridiagonalisation. rhs and out may alias. `eigenvalues`
 * (optional) receives the eigenvalues of S, unsorted.
 */
export function solvePinv(
  S: Float64Array,
  n: number,
  rhs: Float64Array,
  rcond: number,
  out: Float64Array,
  eigenvalues?: Float64Array,
): void {
  if (projection.length !== n) projection = new Float64Array(n);
  const y = projection;
  for (let i = 0; i < n; i++) y[i] = rhs[i];
  const { W, d, h } = decompose(S, n, 'record');
  // y = Zᵀ Qᵀ rhs: Qᵀ = P_1 ⋯ P_{n−1} (P_{n−1} first), then the rotations in the order they happened.
  for (let i = n - 1; i >= 1; i--) applyTridiagonalReflector(W, n, i, h[i], y);
  for (let r = 0; r < rotationCount; r++) {
    const i = rotationPlane[r];
    const c = rotationCos[r];
    const s = rotationSin[r];
    const a = y[i];
    const b = y[i + 1];
    y[i] = c * a - s * b;
    y[i + 1] = s * a + c * b;
  }
  if (eigenvalues !== undefined) eigenvalues.set(d.subarray(0, n));
  let lambdaMax = -Infinity;
  for (let k = 0; k < n; k++) if (d[k] > lambdaMax) lambdaMax = d[k];
  const cutoff = Math.max(0, rcond * lambdaMax);
  for (let k = 0; k < n; k++) y[k] = d[k] > cutoff ? y[k] / d[k] : 0;
  // out = Q Z y: the rotations transposed, last first, then Q = P_{n−1} ⋯ P_1 (P_1 first).
  for (let r = rotationCount - 1; r >= 0; r--) {
    const i = rotationPlane[r];
    const c = rotationCos[r];
    const s = rotationSin[r];
    const a = y[i];
    const b = y[i + 1];
    y[i] = c * a + s * b;
    y[i + 1] = -s * a + c * b;
  }
  for (let i = 1; i < n; i++) applyTridiagonalReflector(W, n, i, h[i], y);
  for (let i = 0; i < n; i++) out[i] = y[i];
}

const EPSILON = 2.220446049250313e-16;

/**
 * cond(S) = λ_max/λ_min of a symmetric S; Infinity when S is not positive semi-definite, 1/(n·ε) at most
 * for a positive semi-definite S that is singular to working precision; NaN for non-finite entries.
 */
export function conditionNumber(S: Float64Array, n: number): number {
  if (n === 0) return 1;
  const { d } = decompose(S, n, 'drop');
  return conditionFromEigenvalues(d, n);
}

/** cond from the n eigenvalues (any order) with the semantics of conditionNumber. */
export function conditionFromEigenvalues(eigenvalues: Float64Array, n: number): number {
  if (n === 0) return 1;
  let lambdaMin = Infinity;
  let lambdaMax = -Infinity;
  for (let k = 0; k < n; k++) {
    const lambda = eigenvalues[k];
    if (!Number.isFinite(lambda)) return NaN;
    if (lambda < lambdaMin) lambdaMin = lambda;
    if (lambda > lambdaMax) lambdaMax = lambda;
  }
  if (lambdaMax <= 0) return Infinity;
  // Eigenvalues within rounding of zero (|λ| ≤ n·ε·λ_max) mean "singular to working precision": report
  // the largest condition number double precision can resolve, so plots of a network's Gram matrix stay
  // readable. Clearly negative eigenvalues (an indefinite Newton Hessian) give Infinity.
  const roundoff = n * EPSILON * lambdaMax;
  if (lambdaMin < -roundoff) return Infinity;
  return lambdaMax / Math.max(lambdaMin, roundoff);
}
