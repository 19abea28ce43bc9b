// Principal directions of a set of vectors r_a (rows), about the origin, in a weighted inner product
// ⟨f, g⟩ = Σ_i w_i f_i g_i (w = null: Euclidean). Computed from the small N × N Gram matrix of the
// rows (N is kept small by subsampling the iterates), so the cost is O(N² dim + N³) whatever dim is:
// with Γ_ab = ⟨r_a, r_b⟩ = U Λ Uᵀ, the vectors d_k = Σ_a U_ak r_a / √λ_k are orthonormal eigenvectors of
// the (dim × dim) second-moment operator Σ_a r_a ⟨r_a, ·⟩ with eigenvalues λ_k. Only the leading one or
// two eigenpairs of Γ are needed: orthogonal iteration with a Rayleigh–Ritz step finds them in O(N²)
// per sweep (a full eigendecomposition of the rank-deficient Γ is needlessly slow).

import * as libm from '../math';
import { symmetricEigen } from '../linalg';

export interface PrincipalDirections {
  /** Unit directions, most variance first (fewer than asked when the rows span fewer). */
  directions: Float64Array[];
  /** Σ_a ⟨r_a, d_k⟩² for each direction. */
  variances: number[];
  /** Σ_a ⟨r_a, r_a⟩ (the total spread). */
  total: number;
}

export function weightedDot(a: Float64Array, b: Float64Array, w: Float64Array | null, n: number): number {
  let sum = 0;
  if (w === null) for (let i = 0; i < n; i++) sum += a[i] * b[i];
  else for (let i = 0; i < n; i++) sum += w[i] * a[i] * b[i];
  return sum;
}

/** Relative size below which a variance counts as zero (rounding of the Gram matrix). */
const NEGLIGIBLE = 1e-20;

/** The `count` leading principal directions of `rows` (each of length dim). */
export function principalDirections(
  rows: readonly Float64Array[],
  dim: number,
  w: Float64Array | null,
  count: number,
): PrincipalDirections {
  const n = rows.length;
  const gram = new Float64Array(n * n);
  let total = 0;
  for (let a = 0; a < n; a++) {
    for (let b = 0; b <= a; b++) {
      const value = weightedDot(rows[a], rows[b], w, dim);
      gram[a * n + b] = value;
      gram[b * n + a] = value;
    }
    total += gram[a * n + a];
  }
  const directions: Float64Array[] = [];
  const variances: number[] = [];
  if (n === 0 || !(total > 0) || !Number.isFinite(total))
    return { directions, variances, total: Number.isFinite(total) ? total : 0 };
  const k = Math.min(count, n);
  const { values, vectors } = leadingEigenpairs(gram, n, k);
  for (let r = 0; r < k; r++) {
    const lambda = values[r];
    if (!(lambda > NEGLIGIBLE * total)) break;
    const d = new Float64Array(dim);
    for (let a = 0; a < n; a++) {
      const coefficient = vectors[r * n + a];
      if (coefficient === 0) continue;
      const row = rows[a];
      for (let i = 0; i < dim; i++) d[i] += coefficient * row[i];
    }
    // Re-orthogonalise against the previous directions and normalise (guards rounding in Γ).
    for (const previous of directions) {
      const projection = weightedDot(d, previous, w, dim);
      for (let i = 0; i < dim; i++) d[i] -= projection * previous[i];
    }
    const norm = Math.sqrt(weightedDot(d, d, w, dim));
    if (!(norm > 0)) break;
    for (let i = 0; i < dim; i++) d[i] /= norm;
    directions.push(d);
    let variance = 0;
    for (let a = 0; a < n; a++) {
      const c = weightedDot(rows[a], d, w, dim);
      variance += c * c;
    }
    variances.push(variance);
  }
  return { directions, variances, total };
}

/**
 * A unit vector orthogonal (in the weighted inner product) to the given unit directions: the coordinate
 * axis least aligned with them, orthogonalised. Fallback direction for degenerate spreads.
 */
export function completeDirection(
  existing: readonly Float64Array[],
  dim: number,
  w: Float64Array | null,
): Float64Array {
  let best = -1;
  let bestScore = Infinity;
  for (let j = 0; j < dim; j++) {
    let score = 0;
    for (const d of existing) score += Math.abs(d[j]);
    if (score < bestScore - 1e-12) {
      bestScore = score;
      best = j;
    }
  }
  const e = new Float64Array(dim);
  if (best < 0) return e;
  e[best] = 1;
  for (const d of existing) {
    const projection = weightedDot(e, d, w, dim);
    for (let i = 0; i < dim; i++) e[i] -= projection * d[i];
  }
  const norm = Math.sqrt(weightedDot(e, e, w, dim));
  if (norm > 0) for (let i = 0; i < dim; i++) e[i] /= norm;
  return e;
}

/**
 * Flip d so that ⟨reference, d⟩ > 0; when that is ~0 (reference orthogonal to d), so that d's largest
 * entry is positive. Keeps the pictures from mirroring between frames.
 */
export function orientDirection(d: Float64Array, reference: Float64Array, w: Float64Array | null): void {
  const n = d.length;
  const along = weightedDot(reference, d, w, n);
  const size = Math.sqrt(weightedDot(reference, reference, w, n));
  let flip: boolean;
  if (Math.abs(along) > 1e-6 * size) {
    flip = along < 0;
  } else {
    let largest = 0;
    for (let j = 1; j < n; j++) if (Math.abs(d[j]) > Math.abs(d[largest]) + 1e-12) largest = j;
    flip = d[largest] < 0;
  }
  if (flip) for (let j = 0; j < n; j++) d[j] = -d[j];
}

/**
 * The k leading eigenpairs of the symmetric positive semidefinite n × n matrix A (k small): orthogonal
 * (subspace) iteration on k + 2 vectors with Rayleigh–Ritz, until the Ritz values settle. Eigenvector r is
 * vectors[r * n .. r * n + n), values descending.
 */
export function leadingEigenpairs(
  A: Float64Array,
  n: number,
  k: number,
): { values: Float64Array; vectors: Float64Array } {
  const b = Math.min(n, k + 2); // block size: a little extra speeds convergence of the k wanted
  // Deterministic start: smooth, independent vectors.
  let Q = new Float64Array(b * n);
  for (let r = 0; r < b; r++)
    for (let a = 0; a < n; a++) Q[r * n + a] = libm.cos((r + 0.5) * (a + 0.5) * 0.37) + (r === 0 ? 1 : 0);
  orthonormaliseRows(Q, b, n);
  const Z = new Float64Array(b * n);
  const T = new Float64Array(b * b);
  const ritzValues = new Float64Array(b);
  const ritzVectors = new Float64Array(b * b);
  let previous = new Float64Array(b).fill(NaN);
  for (let sweep = 0; sweep < 500; sweep++) {
    // Z = Q A (rows), then Rayleigh–Ritz on span(Z).
    for (let r = 0; r < b; r++) {
      for (let a = 0; a < n; a++) {
        let sum = 0;
        const row = a * n;
        for (let c = 0; c < n; c++) sum += A[row + c] * Q[r * n + c];
        Z[r * n + a] = sum;
      }
    }
    orthonormaliseRows(Z, b, n);
    for (let r = 0; r < b; r++) {
      for (let t = 0; t <= r; t++) {
        let sum = 0;
        for (let a = 0; a < n; a++) {
          let Az = 0;
          const row = a * n;
          for (let c = 0; c < n; c++) Az += A[row + c] * Z[t * n + c];
          sum += Z[r * n + a] * Az;
        }
        T[r * b + t] = sum;
        T[t * b + r] = sum;
      }
    }
    symmetricEigen(T, b, ritzValues, ritzVectors); // ascending; column j = eigenvector j
    const next = new Float64Array(b * n);
    for (let r = 0; r < b; r++) {
      const j = b - 1 - r;
      for (let t = 0; t < b; t++) {
        const coefficient = ritzVectors[t * b + j];
        if (coefficient === 0) continue;
        for (let a = 0; a < n; a++) next[r * n + a] += coefficient * Z[t * n + a];
      }
    }
    Q = next;
    let settled = true;
    const scale = Math.abs(ritzValues[b - 1]) || 1;
    for (let r = 0; r < k; r++) {
      const value = ritzValues[b - 1 - r];
      if (!(Math.abs(value - previous[r]) <= 1e-12 * scale)) settled = false;
      previous[r] = value;
    }
    if (settled && sweep > 1) break;
  }
  const values = new Float64Array(k);
  for (let r = 0; r < k; r++) values[r] = previous[r];
  return { values, vectors: Q.slice(0, k * n) };
}

/** Modified Gram–Schmidt on the rows of M (rows × n); a dependent row becomes 0. */
function orthonormaliseRows(M: Float64Array, rows: number, n: number): void {
  for (let r = 0; r < rows; r++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let t = 0; t < r; t++) {
        let projection = 0;
        for (let a = 0; a < n; a++) projection += M[r * n + a] * M[t * n + a];
        for (let a = 0; a < n; a++) M[r * n + a] -= projection * M[t * n + a];
      }
    }
    let norm = 0;
    for (let a = 0; a < n; a++) norm += M[r * n + a] * M[r * n + a];
    norm = Math.sqrt(norm);
    for (let a = 0; a < n; a++) M[r * n + a] = norm > 0 ? M[r * n + a] / norm : 0;
  }
}
