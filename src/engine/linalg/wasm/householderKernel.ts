// Synchronous loader of the f64x2 SIMD Householder QR update kernel (householder.wat, embedded as base64 in
// householderModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { HOUSEHOLDER_WASM_BASE64 } from './householderModule';
import { simdKernel, type KernelHeap } from './simdKernel';

export interface HouseholderWasmKernel {
  /** Applies reflector k (column k of the M × N column-major matrix at byte offset `a`) to the columns j > k. */
  reflect(a: number, M: number, N: number, k: number, tau: number): void;
  heap: KernelHeap;
}

interface HouseholderExports {
  memory: WebAssembly.Memory;
  reflect(a: number, M: number, N: number, k: number, tau: number): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use their JS loop). */
export const householderWasmKernel = simdKernel<HouseholderExports, HouseholderWasmKernel>(
  HOUSEHOLDER_WASM_BASE64,
  ({ exports, heap }) => ({ reflect: exports.reflect, heap }),
);
