// Synchronous loader of the f64x2 SIMD bidiagonalisation kernel (bidiagonal.wat, embedded as base64 in
// bidiagonalModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { BIDIAGONAL_WASM_BASE64 } from './bidiagonalModule';
import { simdKernel, type KernelHeap } from './simdKernel';

export interface BidiagonalWasmKernel {
  /** Step j's left accumulation w (at byte offset `w`) and row j's update, T k × k row-major at byte offset `a`. */
  left(a: number, k: number, j: number, w: number, tau: number): void;
  /** Step j's left (τ_l ≠ 0) and right (τ_r ≠ 0) updates of the rows below j. */
  rows(a: number, k: number, j: number, w: number, tl: number, tr: number): void;
  heap: KernelHeap;
}

interface BidiagonalExports {
  memory: WebAssembly.Memory;
  left(a: number, k: number, j: number, w: number, tau: number): void;
  rows(a: number, k: number, j: number, w: number, tl: number, tr: number): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use their JS loop). */
export const bidiagonalWasmKernel = simdKernel<BidiagonalExports, BidiagonalWasmKernel>(
  BIDIAGONAL_WASM_BASE64,
  ({ exports, heap }) => ({ left: exports.left, rows: exports.rows, heap }),
);
