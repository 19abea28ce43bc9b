// z = T⁺ c for a square k × k matrix T, cutting singular values σ ≤ rcond·σ_max (docs/ALGORITHMS.md §3):
//
//   1. Golub–Kahan bidiagonalisation T = U₁ Bd V₁ᵀ by alternating left and right Householder reflectors.
//      On row-major storage both updates run along rows: the left one accumulates w = Σ_i v_i T[i, :]
//      and subtracts τ v_i w from each row; the right one takes one dot product per row and subtracts a
//      multiple of v from it. The reflectors are stored in T (left below, right above the superdiagonal).
//   2. The implicit-shift bidiagonal QR iteration (Golub–Kahan–Reinsch, as in LINPACK's dsvdc / JAMA)
//      without accumulating the singular vectors: the left rotations are applied to U₁ᵀc as they happen;
//      the right rotations are recorded and applied afterwards, in reverse, to Σ⁺U₂ᵀU₁ᵀc. Everything
//      after the bidiagonalisation is O(k²).
// Accuracy is that of any backward-stable SVD: singular values to ε·σ_max absolutely — what NumPy's
// lstsq (LAPACK gelsd) delivers too.

import * as libm from '../math';
import { bidiagonalWasmKernel, type BidiagonalWasmKernel } from './wasm/bidiagonalKernel';

const EPS = 2.220446049250313e-16;
const TINY = 2 ** -966;
/** QR sweeps allowed per singular value before giving up (a NaN or pathological input). */
const MAX_SWEEPS_PER_VALUE = 75;

let diagonal = new Float64Array(0);
let superdiagonal = new Float64Array(0);
let tauLeft = new Float64Array(0);
let tauRight = new Float64Array(0);
let rowScratch = new Float64Array(0);
// Recorded right rotations: index pairs and (cos, sin).
let rotationIndex = new Int32Array(0);
let rotationCos = new Float64Array(0);
let rotationSin = new Float64Array(0);

/** √(a² + b²) for a Givens rotation: the correctly rounded Math.sqrt where a² + b² cannot over- or underflow, fdlibm's hypot otherwise. */
function rotationNorm(a: number, b: number): number {
  const sum = a * a + b * b;
  return sum > 1e-290 && sum < 1e290 ? Math.sqrt(sum) : libm.hypot(a, b);
}

function ensureScratch(k: number): void {
  if (diagonal.length < k) {
    diagonal = new Float64Array(k);
    superdiagonal = new Float64Array(k);
    tauLeft = new Float64Array(k);
    tauRight = new Float64Array(k);
    rowScratch = new Float64Array(k);
  }
  if (rotationCos.length === 0) growRotations(Math.max(64, 4 * k * k));
}

function growRotations(capacity: number): void {
  const index = new Int32Array(2 * capacity);
  const cos = new Float64Array(capacity);
  const sin = new Float64Array(capacity);
  index.set(rotationIndex);
  cos.set(rotationCos);
  sin.set(rotationSin);
  rotationIndex = index;
  rotationCos = cos;
  rotationSin = sin;
}

/**
 * Householder reflector for x = T[start + i·stride], i = 0 … len − 1: returns β with H x = β e₁,
 * writes v (v₀ = 1 implicit) over x[1:] and τ into `tau[at]` (H = I − τ v vᵀ; τ = 0 when x is already β e₁).
 */
function reflector(T: Float64Array, start: number, stride: number, len: number, tau: Float64Array, at: number): number {
  const alpha = T[start];
  let tail = 0;
  for (let i = 1; i < len; i++) {
    const x = T[start + i * stride];
    tail += x * x;
  }
  if (tail === 0) {
    tau[at] = 0;
    return alpha;
  }
  const norm = Math.sqrt(alpha * alpha + tail);
  const beta = alpha >= 0 ? -norm : norm;
  tau[at] = (beta - alpha) / beta;
  const scale = 1 / (alpha - beta);
  for (let i = 1; i < len; i++) T[start + i * stride] *= scale;
  return beta;
}

/** Below this k the copy into WebAssembly memory costs more than the kernel saves. */
const WASM_MIN_K = 16;
/** Linear memory stays well inside wasm32's address space; larger matrices use the JS loop. */
const WASM_MAX_BYTES = 1 << 30;

/**
 * Bidiagonalise T (k × k, row-major) in place; c ← U₁ᵀ c. Diagonal/superdiagonal into the module scratch.
 * The O(k³) updates run in the WebAssembly SIMD kernel (wasm/bidiagonal.wat, whose header states the
 * rounding order) where available, else in the JS loop; both give the same bits.
 */
export function bidiagonalise(T: Float64Array, k: number, c: Float64Array, useWasm = true): void {
  ensureScratch(k);
  const kernel = useWasm && k >= WASM_MIN_K ? bidiagonalWasmKernel() : null;
  const bytes = (k * k + k) * 8;
  const heap = kernel !== null && bytes <= WASM_MAX_BYTES ? kernel.heap(bytes) : null;
  if (kernel === null || heap === null) {
    bidiagonaliseWith(T, k, c, null);
    return;
  }
  heap.set(T.subarray(0, k * k));
  bidiagonaliseWith(heap, k, c, kernel);
  T.set(heap.subarray(0, k * k));
}

function bidiagonaliseWith(T: Float64Array, k: number, c: Float64Array, kernel: BidiagonalWasmKernel | null): void {
  const d = diagonal;
  const e = superdiagonal;
  const w = rowScratch;
  const wBytes = k * k * 8; // w in the kernel's memory, right after T
  for (let j = 0; j < k; j++) {
    const rj = j * k;
    // Left reflector on column j, rows j … k−1 (v_i stored in T[i, j], i > j).
    d[j] = reflector(T, rj + j, k, k - j, tauLeft, j);
    const tl = tauLeft[j];
    if (tl !== 0) {
      if (kernel !== null) kernel.left(0, k, j, wBytes, tl);
      else leftAccumulate(T, k, j, w, tl);
      // c ← H c.
      let s = c[j];
      for (let i = j + 1; i < k; i++) s += T[i * k + j] * c[i];
      s *= tl;
      c[j] -= s;
      for (let i = j + 1; i < k; i++) c[i] -= s * T[i * k + j];
    }
    let tr = 0;
    if (j < k - 1) {
      // Right reflector on row j, columns j+1 … k−1 (u stored in T[j, j+2:k]).
      e[j] = reflector(T, rj + j + 1, 1, k - j - 1, tauRight, j);
      tr = tauRight[j];
    } else {
      e[j] = 0;
      tauRight[j] = 0;
    }
    if (tl === 0 && tr === 0) continue;
    if (kernel !== null) kernel.rows(0, k, j, wBytes, tl, tr);
    else updateRows(T, k, j, w, tl, tr);
  }
}

/** w = τ_l (T[j, :] + Σ_{i>j} v_i T[i, :]) over columns > j, four rows per pass; then row j −= w. */
function leftAccumulate(T: Float64Array, k: number, j: number, w: Float64Array, tl: number): void {
  const rj = j * k;
  for (let col = j + 1; col < k; col++) w[col] = T[rj + col];
  let i = j + 1;
  for (; i + 3 < k; i += 4) {
    const r0 = i * k;
    const r1 = r0 + k;
    const r2 = r1 + k;
    const r3 = r2 + k;
    const v0 = T[r0 + j];
    const v1 = T[r1 + j];
    const v2 = T[r2 + j];
    const v3 = T[r3 + j];
    for (let col = j + 1; col < k; col++) {
      w[col] += v0 * T[r0 + col] + v1 * T[r1 + col] + v2 * T[r2 + col] + v3 * T[r3 + col];
    }
  }
  for (; i < k; i++) {
    const ri = i * k;
    const vi = T[ri + j];
    for (let col = j + 1; col < k; col++) w[col] += vi * T[ri + col];
  }
  for (let col = j + 1; col < k; col++) w[col] *= tl;
  for (let col = j + 1; col < k; col++) T[rj + col] -= w[col];
}

/**
 * Rows i > j: the left update T[i, :] −= v_i w, then the right one T[i, j+1:] −= s uᵀ with
 * s = (T[i, j+1] + Σ_{c>j+1} T[i, c] u_c)·τ_r, the sum in two partial sums (columns j+2, j+4, … and
 * j+3, j+5, …; an odd last column joins the first) added at the end — the kernel's order.
 */
function updateRows(T: Float64Array, k: number, j: number, w: Float64Array, tl: number, tr: number): void {
  const rj = j * k;
  const pairEnd = j + 2 + ((k - j - 2) & ~1);
  const oddColumn = pairEnd < k;
  for (let i = j + 1; i < k; i++) {
    const ri = i * k;
    if (tl !== 0) {
      const vi = T[ri + j];
      for (let col = j + 1; col < k; col++) T[ri + col] -= vi * w[col];
    }
    if (tr !== 0) {
      let even = 0;
      let odd = 0;
      for (let col = j + 2; col < pairEnd; col += 2) {
        even += T[ri + col] * T[rj + col];
        odd += T[ri + col + 1] * T[rj + col + 1];
      }
      if (oddColumn) even += T[ri + pairEnd] * T[rj + pairEnd];
      const s = (T[ri + j + 1] + (even + odd)) * tr;
      T[ri + j + 1] -= s;
      for (let col = j + 2; col < k; col++) T[ri + col] -= s * T[rj + col];
    }
  }
}

/**
 * z = T⁺ c (T k × k row-major, destroyed; c destroyed), cutting σ ≤ rcond·σ_max. Returns the rank kept,
 * or −1 (z filled with NaN) when T has non-finite entries or the iteration does not converge.
 */
export function squarePinvSolve(T: Float64Array, k: number, c: Float64Array, rcond: number, z: Float64Array): number {
  for (let i = 0; i < k * k; i++) {
    if (!Number.isFinite(T[i])) {
      z.fill(NaN, 0, k);
      return -1;
    }
  }
  ensureScratch(k);
  bidiagonalise(T, k, c);
  const s = diagonal;
  const e = superdiagonal;
  let rotations = 0;
  let sweeps = 0;
  const maxSweeps = MAX_SWEEPS_PER_VALUE * Math.max(1, k);

  // Bidiagonal QR (the loop of JAMA's SingularValueDecomposition, vectors replaced as described above).
  let p = k;
  while (p > 0) {
    if (sweeps > maxSweeps) {
      z.fill(NaN, 0, k);
      return -1;
    }
    // Find the active block: kase 1 deflate negligible s[p−1], 2 split at negligible s[k0], 3 QR step,
    // 4 e[p−2] negligible (s[p−1] converged).
    let k0: number;
    for (k0 = p - 2; k0 >= 0; k0--) {
      if (Math.abs(e[k0]) <= TINY + EPS * (Math.abs(s[k0]) + Math.abs(s[k0 + 1]))) {
        e[k0] = 0;
        break;
      }
    }
    let kase: number;
    if (k0 === p - 2) {
      kase = 4;
    } else {
      let ks: number;
      for (ks = p - 1; ks > k0; ks--) {
        const t = (ks !== p ? Math.abs(e[ks]) : 0) + (ks !== k0 + 1 ? Math.abs(e[ks - 1]) : 0);
        if (Math.abs(s[ks]) <= TINY + EPS * t) {
          s[ks] = 0;
          break;
        }
      }
      if (ks === k0) kase = 3;
      else if (ks === p - 1) kase = 1;
      else {
        kase = 2;
        k0 = ks;
      }
    }
    k0++;

    if (rotations + 2 * k > rotationCos.length) growRotations(2 * rotationCos.length);
    switch (kase) {
      case 1: {
        // Deflate negligible s[p−1]: right rotations (j, p−1).
        let f = e[p - 2];
        e[p - 2] = 0;
        for (let j = p - 2; j >= k0; j--) {
          const t = rotationNorm(s[j], f);
          const cs = s[j] / t;
          const sn = f / t;
          s[j] = t;
          if (j !== k0) {
            f = -sn * e[j - 1];
            e[j - 1] = cs * e[j - 1];
          }
          rotationIndex[2 * rotations] = j;
          rotationIndex[2 * rotations + 1] = p - 1;
          rotationCos[rotations] = cs;
          rotationSin[rotations] = sn;
          rotations++;
        }
        break;
      }
      case 2: {
        // Split at negligible s[k0−1]: left rotations (j, k0−1), applied to c at once.
        let f = e[k0 - 1];
        e[k0 - 1] = 0;
        for (let j = k0; j < p; j++) {
          const t = rotationNorm(s[j], f);
          const cs = s[j] / t;
          const sn = f / t;
          s[j] = t;
          f = -sn * e[j];
          e[j] = cs * e[j];
          const cj = c[j];
          const cl = c[k0 - 1];
          c[j] = cs * cj + sn * cl;
          c[k0 - 1] = -sn * cj + cs * cl;
        }
        break;
      }
      case 3: {
        // One implicit-shift QR step on s[k0 … p−1], shift from the trailing 2 × 2 block.
        const scale = Math.max(
          Math.abs(s[p - 1]),
          Math.abs(s[p - 2]),
          Math.abs(e[p - 2]),
          Math.abs(s[k0]),
          Math.abs(e[k0]),
        );
        const sp = s[p - 1] / scale;
        const spm1 = s[p - 2] / scale;
        const epm1 = e[p - 2] / scale;
        const sk = s[k0] / scale;
        const ek = e[k0] / scale;
        const b = ((spm1 + sp) * (spm1 - sp) + epm1 * epm1) / 2;
        const cc = sp * epm1 * (sp * epm1);
        let shift = 0;
        if (b !== 0 || cc !== 0) {
          shift = Math.sqrt(b * b + cc);
          if (b < 0) shift = -shift;
          shift = cc / (b + shift);
        }
        let f = (sk + sp) * (sk - sp) + shift;
        let g = sk * ek;
        for (let j = k0; j < p - 1; j++) {
          let t = rotationNorm(f, g);
          let cs = f / t;
          let sn = g / t;
          if (j !== k0) e[j - 1] = t;
          f = cs * s[j] + sn * e[j];
          e[j] = cs * e[j] - sn * s[j];
          g = sn * s[j + 1];
          s[j + 1] = cs * s[j + 1];
          rotationIndex[2 * rotations] = j;
          rotationIndex[2 * rotations + 1] = j + 1;
          rotationCos[rotations] = cs;
          rotationSin[rotations] = sn;
          rotations++;
          t = rotationNorm(f, g);
          cs = f / t;
          sn = g / t;
          s[j] = t;
          f = cs * e[j] + sn * s[j + 1];
          s[j + 1] = -sn * e[j] + cs * s[j + 1];
          g = sn * e[j + 1];
          e[j + 1] = cs * e[j + 1];
          const cj = c[j];
          const cl = c[j + 1];
          c[j] = cs * cj + sn * cl;
          c[j + 1] = -sn * cj + cs * cl;
        }
        e[p - 2] = f;
        sweeps++;
        break;
      }
      default:
        // s[p−1] converged. Its sign is kept (z divides by the signed value, which is V's sign flip).
        p--;
        break;
    }
  }

  // z = V₁ V₂ Σ⁺ c over the kept singular values.
  let sigmaMax = 0;
  for (let j = 0; j < k; j++) sigmaMax = Math.max(sigmaMax, Math.abs(s[j]));
  const cutoff = rcond * sigmaMax;
  let rank = 0;
  for (let j = 0; j < k; j++) {
    const sigma = Math.abs(s[j]);
    if (sigma > cutoff && sigma > 0) {
      rank++;
      z[j] = c[j] / s[j];
    } else {
      z[j] = 0;
    }
  }
  // V₂ = G₁ G₂ ⋯ G_R (each G acting on two coordinates): apply G_R first.
  for (let r = rotations - 1; r >= 0; r--) {
    const j = rotationIndex[2 * r];
    const l = rotationIndex[2 * r + 1];
    const cs = rotationCos[r];
    const sn = rotationSin[r];
    const zj = z[j];
    const zl = z[l];
    z[j] = cs * zj - sn * zl;
    z[l] = sn * zj + cs * zl;
  }
  // V₁ = P₀ P₁ ⋯ P_{k−3}: apply the last right reflector first.
  for (let j = k - 2; j >= 0; j--) {
    const tr = tauRight[j];
    if (tr === 0) continue;
    const rj = j * k;
    let sum = z[j + 1];
    for (let col = j + 2; col < k; col++) sum += T[rj + col] * z[col];
    sum *= tr;
    z[j + 1] -= sum;
    for (let col = j + 2; col < k; col++) z[col] -= sum * T[rj + col];
  }
  return rank;
}
