// Gram matrices and matrix–vector products on row-major Float64Arrays.
//
// gram() is the hot spot of every natural-gradient step (m·p² flops). J is row-major (row i =
// ∂v_i/∂θ), so a column of J is strided. As in BLAS, we first pack J into column panels of width 4,
// interleaved by point: panel q holds J[i][4q..4q+3] at packed[(q·m + i)·4 + r], zero-padded past p.
// Then each 4×4 tile of G is 16 running dot products that read two contiguous streams, every
// loaded value being used four times from a register. Measured in Node (V8), this layout beat
// separate transposed rows, 2×4 tiles, unrolling over i and blocking over i (the working set of a
// tile is two 32 KB panels at m = 1000, so blocking brought nothing but loop overhead).
//
// Where WebAssembly SIMD exists, J and w are copied into its memory unchanged and packed there by its
// f64x2 `pack` (the same single multiply w_i·J[i][j] per entry); the packed panels then go through an
// f64x2 version of the tile loop (wasm/gram.wat) that performs exactly the same roundings in the same
// order: every entry is
// Σ_i J[i][j]·(w_i·J[i][k]), i increasing, from +0, no FMA. The two paths are bit-identical, so the
// Gram matrix of given inputs is the same in the browser, the worker, the CLI and without SIMD.
import { gramWasmKernel, type GramWasmKernel } from './wasm/gramKernel';

const TILE = 4;

interface Packs {
  m: number;
  panels: number; // ceil(p / TILE)
  a: Float64Array; // packed J
  b: Float64Array; // packed diag(w) J (or J2 for crossGram)
}

// A few sizes stay cached: a run alternates e.g. the Jacobian of the values and of a residual.
const MAX_CACHED_PACKS = 4;
const packCache = new Map<number, Packs>();

function packsFor(m: number, p: number): Packs {
  const panels = Math.ceil(p / TILE);
  const key = m * 65536 + panels;
  let packs = packCache.get(key);
  if (packs === undefined) {
    if (packCache.size >= MAX_CACHED_PACKS) packCache.clear();
    const size = panels * TILE * m;
    packs = { m, panels, a: new Float64Array(size), b: new Float64Array(size) };
    packCache.set(key, packs);
  }
  return packs;
}

/** Pack J (m × p) into 4-wide interleaved column panels at dst[at..], rows scaled by w when given. */
function pack(J: Float64Array, m: number, p: number, w: Float64Array | null, dst: Float64Array, at = 0): void {
  const panels = Math.ceil(p / TILE);
  for (let q = 0; q < panels; q++) {
    const c0 = q * TILE;
    const width = Math.min(TILE, p - c0);
    let o = at + q * m * TILE;
    if (width === TILE) {
      for (let i = 0; i < m; i++, o += TILE) {
        const s = i * p + c0;
        const wi = w === null ? 1 : w[i];
        dst[o] = wi * J[s];
        dst[o + 1] = wi * J[s + 1];
        dst[o + 2] = wi * J[s + 2];
        dst[o + 3] = wi * J[s + 3];
      }
    } else {
      for (let i = 0; i < m; i++, o += TILE) {
        const s = i * p + c0;
        const wi = w === null ? 1 : w[i];
        for (let r = 0; r < TILE; r++) dst[o + r] = r < width ? wi * J[s + r] : 0;
      }
    }
  }
}

const edgeTile = new Float64Array(TILE * TILE);

/** out[j][k] = Σ_i A[i][j]·B[i][k] over the 4×4 tile of panels (qa, qb); in-range entries only. */
function tile(A: Float64Array, B: Float64Array, m: number, qa: number, qb: number, out: Float64Array, p: number): void {
  let a = qa * m * TILE;
  let b = qb * m * TILE;
  const aEnd = a + m * TILE;
  let s00 = 0,
    s01 = 0,
    s02 = 0,
    s03 = 0;
  let s10 = 0,
    s11 = 0,
    s12 = 0,
    s13 = 0;
  let s20 = 0,
    s21 = 0,
    s22 = 0,
    s23 = 0;
  let s30 = 0,
    s31 = 0,
    s32 = 0,
    s33 = 0;
  for (; a < aEnd; a += TILE, b += TILE) {
    const x0 = A[a],
      x1 = A[a + 1],
      x2 = A[a + 2],
      x3 = A[a + 3];
    const y0 = B[b],
      y1 = B[b + 1],
      y2 = B[b + 2],
      y3 = B[b + 3];
    s00 += x0 * y0;
    s01 += x0 * y1;
    s02 += x0 * y2;
    s03 += x0 * y3;
    s10 += x1 * y0;
    s11 += x1 * y1;
    s12 += x1 * y2;
    s13 += x1 * y3;
    s20 += x2 * y0;
    s21 += x2 * y1;
    s22 += x2 * y2;
    s23 += x2 * y3;
    s30 += x3 * y0;
    s31 += x3 * y1;
    s32 += x3 * y2;
    s33 += x3 * y3;
  }
  const j0 = qa * TILE;
  const k0 = qb * TILE;
  if (j0 + TILE <= p && k0 + TILE <= p) {
    let o = j0 * p + k0;
    out[o] = s00;
    out[o + 1] = s01;
    out[o + 2] = s02;
    out[o + 3] = s03;
    o += p;
    out[o] = s10;
    out[o + 1] = s11;
    out[o + 2] = s12;
    out[o + 3] = s13;
    o += p;
    out[o] = s20;
    out[o + 1] = s21;
    out[o + 2] = s22;
    out[o + 3] = s23;
    o += p;
    out[o] = s30;
    out[o + 1] = s31;
    out[o + 2] = s32;
    out[o + 3] = s33;
    return;
  }
  // Edge tile (zero-padded columns): store only the in-range entries.
  const s = edgeTile;
  s[0] = s00;
  s[1] = s01;
  s[2] = s02;
  s[3] = s03;
  s[4] = s10;
  s[5] = s11;
  s[6] = s12;
  s[7] = s13;
  s[8] = s20;
  s[9] = s21;
  s[10] = s22;
  s[11] = s23;
  s[12] = s30;
  s[13] = s31;
  s[14] = s32;
  s[15] = s33;
  for (let r = 0; r < TILE && j0 + r < p; r++) {
    for (let c = 0; c < TILE && k0 + c < p; c++) out[(j0 + r) * p + k0 + c] = s[r * TILE + c];
  }
}

/** out (p × p) ← Aᵀ B from packed operands; only tiles on or above the diagonal when `symmetric`. */
function packedProduct(
  A: Float64Array,
  B: Float64Array,
  m: number,
  p: number,
  symmetric: boolean,
  out: Float64Array,
): void {
  const panels = Math.ceil(p / TILE);
  for (let qa = 0; qa < panels; qa++) {
    for (let qb = symmetric ? qa : 0; qb < panels; qb++) tile(A, B, m, qa, qb, out, p);
  }
}

/** Copy the upper triangle of the p × p matrix G onto its lower triangle (exact symmetry). */
function mirrorUpper(G: Float64Array, p: number): void {
  for (let j = 1; j < p; j++) {
    const row = j * p;
    for (let k = 0; k < j; k++) G[row + k] = G[k * p + j];
  }
}

/** gram() by the JS kernel alone. */
export function gramJs(J: Float64Array, m: number, p: number, w: Float64Array | null, G: Float64Array): void {
  const buf = packsFor(m, p);
  pack(J, m, p, null, buf.a);
  let weighted = buf.a;
  if (w !== null) {
    pack(J, m, p, w, buf.b);
    weighted = buf.b;
  }
  packedProduct(buf.a, weighted, m, p, true, G);
  mirrorUpper(G, p);
}

/** out (p × p) ← J1ᵀ diag(w) J2 for J1, J2 both m × p; w = null means the identity. */
type CrossGramProduct<Result> = (
  J1: Float64Array,
  J2: Float64Array,
  m: number,
  p: number,
  w: Float64Array | null,
  out: Float64Array,
) => Result;

/** crossGram() by the JS kernel alone. */
export const crossGramJs: CrossGramProduct<void> = (J1, J2, m, p, w, out) => {
  const buf = packsFor(m, p);
  pack(J1, m, p, null, buf.a);
  pack(J2, m, p, w, buf.b);
  packedProduct(buf.a, buf.b, m, p, false, out);
};

// ------------------------------------------ WASM SIMD path ------------------------------------------

// Below this many multiply–adds the call and copy overhead outweighs the SIMD gain (toy problems with
// p = 1 or 2 take hundreds of thousands of steps per second). Both paths give identical bits.
const WASM_MIN_WORK = 2048;
// Linear memory stays well inside wasm32's address space; larger problems use the JS kernel.
const WASM_MAX_BYTES = 1 << 30;

/**
 * out ← J1ᵀ diag(w) J2 through the SIMD kernel; upper triangle mirrored when `symmetric`
 * (then J2 must be J1). Returns false, having done nothing, if the kernel is unavailable or
 * the operands do not fit its memory.
 */
function productWasm(
  kernel: GramWasmKernel | null,
  J1: Float64Array,
  J2: Float64Array,
  m: number,
  p: number,
  w: Float64Array | null,
  symmetric: boolean,
  out: Float64Array,
): boolean {
  if (kernel === null) return false;
  const panels = Math.ceil(p / TILE);
  const width = panels * TILE; // row stride of the padded result
  const packedSize = width * m;
  const shared = J1 === J2 && w === null; // one packed operand serves as both
  const aAt = 0; // offsets in doubles (all multiples of 4, so 32-byte aligned)
  const bAt = shared ? aAt : packedSize;
  const outAt = bAt + packedSize;
  // J1, J2 and w are copied in as they are (a memcpy) and packed there by the kernel's SIMD pack.
  const rowsAt = outAt + width * width;
  const rows2At = J1 === J2 ? rowsAt : rowsAt + m * p + ((m * p) % 2);
  const wAt = rows2At + m * p + ((m * p) % 2);
  const bytes = (wAt + m) * 8;
  if (bytes > WASM_MAX_BYTES) return false;
  const heap = kernel.heap(bytes);
  if (heap === null) return false;
  heap.set(J1.subarray(0, m * p), rowsAt);
  if (rows2At !== rowsAt) heap.set(J2.subarray(0, m * p), rows2At);
  if (w !== null) heap.set(w.subarray(0, m), wAt);
  kernel.pack(rowsAt * 8, wAt * 8, aAt * 8, m, p, 0);
  if (!shared) kernel.pack(rows2At * 8, wAt * 8, bAt * 8, m, p, w === null ? 0 : 1);
  kernel.product(aAt * 8, bAt * 8, m, panels, symmetric ? 1 : 0, outAt * 8);
  for (let j = 0; j < p; j++) {
    const src = outAt + j * width;
    const row = j * p;
    if (symmetric) {
      for (let k = j; k < p; k++) {
        const v = heap[src + k];
        out[row + k] = v;
        out[k * p + j] = v;
      }
    } else {
      for (let k = 0; k < p; k++) out[row + k] = heap[src + k];
    }
  }
  return true;
}

/** True where the WebAssembly SIMD kernel loaded (else gram/crossGram always run the JS kernel). */
export function wasmGramAvailable(): boolean {
  return gramWasmKernel() !== null;
}

/** gram() by the SIMD kernel alone, whatever the size; false (G untouched) if it cannot run. */
export function gramWasm(J: Float64Array, m: number, p: number, w: Float64Array | null, G: Float64Array): boolean {
  return productWasm(gramWasmKernel(), J, J, m, p, w, true, G);
}

/** crossGram() by the SIMD kernel alone, whatever the size; false (out untouched) if it cannot run. */
export const crossGramWasm: CrossGramProduct<boolean> = (J1, J2, m, p, w, out) =>
  productWasm(gramWasmKernel(), J1, J2, m, p, w, false, out);

/** G (p × p, full) ← Jᵀ diag(w) J for J m × p; w = null means the identity. */
export function gram(J: Float64Array, m: number, p: number, w: Float64Array | null, G: Float64Array): void {
  if (m * p * p >= WASM_MIN_WORK && gramWasm(J, m, p, w, G)) return;
  gramJs(J, m, p, w, G);
}

/** out (p × p) ← J1ᵀ diag(w) J2 for J1, J2 both m × p; w = null means the identity. */
export const crossGram: CrossGramProduct<void> = (J1, J2, m, p, w, out) => {
  if (m * p * p >= WASM_MIN_WORK && crossGramWasm(J1, J2, m, p, w, out)) return;
  crossGramJs(J1, J2, m, p, w, out);
};

let denseScratch: Float64Array = new Float64Array(0);

/** G (p × p) ← Jᵀ K J with K m × m symmetric (exact spaces: m is small). Result exactly symmetric. */
export function gramDense(J: Float64Array, m: number, p: number, K: Float64Array, G: Float64Array): void {
  if (denseScratch.length < m * p) denseScratch = new Float64Array(m * p);
  const KJ = denseScratch;
  // KJ = K J, row by row (row i of KJ = Σ_l K[i][l] J[l][:]).
  KJ.fill(0, 0, m * p);
  for (let i = 0; i < m; i++) {
    const dst = i * p;
    for (let l = 0; l < m; l++) {
      const kil = K[i * m + l];
      const src = l * p;
      for (let j = 0; j < p; j++) KJ[dst + j] += kil * J[src + j];
    }
  }
  // G = Jᵀ (K J): compute the upper triangle, mirror it.
  G.fill(0, 0, p * p);
  for (let i = 0; i < m; i++) {
    const ji = i * p;
    for (let j = 0; j < p; j++) {
      const a = J[ji + j];
      const row = j * p;
      for (let k = j; k < p; k++) G[row + k] += a * KJ[ji + k];
    }
  }
  mirrorUpper(G, p);
}

/** out (p) ← Jᵀ diag(w) x for J m × p (w omitted or null: identity). */
export function matTVec(
  J: Float64Array,
  m: number,
  p: number,
  x: Float64Array,
  out: Float64Array,
  w?: Float64Array | null,
): void {
  out.fill(0, 0, p);
  for (let i = 0; i < m; i++) {
    const s = w ? w[i] * x[i] : x[i];
    const row = i * p;
    for (let j = 0; j < p; j++) out[j] += s * J[row + j];
  }
}

/** out (rows) ← A x for A rows × cols. */
export function matVec(A: Float64Array, rows: number, cols: number, x: Float64Array, out: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    let s = 0;
    for (let j = 0; j < cols; j++) s += A[row + j] * x[j];
    out[i] = s;
  }
}

/** Σ a_i b_i over the first n entries (default: all of a). */
export function dot(a: Float64Array, b: Float64Array, n: number = a.length): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}
