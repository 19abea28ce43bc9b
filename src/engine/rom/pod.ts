// Proper orthogonal decomposition of snapshots by the method of snapshots: the eigenvectors v_k of the
// snapshots' Gram matrix C_st = ⟨u_s, u_t⟩_W (W the grid's quadrature weights) give the modes
// φ_k = Σ_s v_k[s] u_s / √λ_k, orthonormal in ⟨f, g⟩_W = h Σ_i f_i g_i; √λ_k are the singular values
// of W^{1/2} × (snapshot matrix). The eigenproblem is count × count, so this is the cheaper side when
// there are fewer snapshots than grid points. Modes are re-orthonormalised (modified Gram–Schmidt,
// twice) so that the later, small modes are orthonormal to rounding and not only to ε·λ_max/λ_k.

import { symmetricEigen } from '../linalg';
import type { SnapshotSet } from './snapshots';

export interface PodBasis {
  /** Number of modes. */
  count: number;
  /** Grid size. */
  n: number;
  /** Quadrature weight of every grid point. */
  weight: number;
  /** count × n, row k = mode φ_k at the grid points. */
  modes: Float64Array;
  /** Singular values σ_k (descending). */
  singularValues: Float64Array;
}

/** The first `count` POD modes of the snapshots. */
export function podBasis(snapshots: SnapshotSet, count: number): PodBasis {
  const { values, grid } = snapshots;
  const S = snapshots.count;
  const n = grid.n;
  const h = grid.weight;
  if (!(count >= 1 && count <= S)) throw new Error(`POD: asked for ${count} modes from ${S} snapshots`);
  const C = new Float64Array(S * S);
  for (let s = 0; s < S; s++) {
    const us = values.subarray(s * n, (s + 1) * n);
    for (let t = s; t < S; t++) {
      const ut = values.subarray(t * n, (t + 1) * n);
      let sum = 0;
      for (let i = 0; i < n; i++) sum += us[i] * ut[i];
      C[s * S + t] = C[t * S + s] = h * sum;
    }
  }
  const lambda = new Float64Array(S);
  const V = new Float64Array(S * S);
  symmetricEigen(C, S, lambda, V); // ascending
  const modes = new Float64Array(count * n);
  const singularValues = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const column = S - 1 - k;
    const l = lambda[column];
    if (!(l > 0))
      throw new Error(`POD: mode ${k + 1} has a non-positive eigenvalue ${l} (too few independent snapshots)`);
    singularValues[k] = Math.sqrt(l);
    const mode = modes.subarray(k * n, (k + 1) * n);
    for (let s = 0; s < S; s++) {
      const coefficient = V[s * S + column] / singularValues[k];
      const us = values.subarray(s * n, (s + 1) * n);
      for (let i = 0; i < n; i++) mode[i] += coefficient * us[i];
    }
  }
  orthonormalise(modes, count, n, h);
  orthonormalise(modes, count, n, h);
  return { count, n, weight: h, modes, singularValues };
}

/** Modified Gram–Schmidt of the rows of `rows` (count × n) in ⟨f, g⟩ = h Σ f_i g_i. */
function orthonormalise(rows: Float64Array, count: number, n: number, h: number): void {
  for (let k = 0; k < count; k++) {
    const row = rows.subarray(k * n, (k + 1) * n);
    for (let j = 0; j < k; j++) {
      const previous = rows.subarray(j * n, (j + 1) * n);
      const projection = weightedDot(row, previous, h);
      for (let i = 0; i < n; i++) row[i] -= projection * previous[i];
    }
    const norm = Math.sqrt(weightedDot(row, row, h));
    for (let i = 0; i < n; i++) row[i] /= norm;
  }
}

function weightedDot(a: Float64Array, b: Float64Array, h: number): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return h * sum;
}

/** out (basis.count) ← ⟨u, φ_k⟩_W: the coefficients of a grid function in the (orthonormal) modes. */
export function projectOnModes(basis: PodBasis, u: Float64Array, out: Float64Array, count: number = basis.count): void {
  const { n, modes, weight } = basis;
  for (let k = 0; k < count; k++) out[k] = weightedDot(u, modes.subarray(k * n, (k + 1) * n), weight);
}
