// Synchronous loader of the f64x2 SIMD Cholesky kernel (cholesky.wat, embedded as base64 in
// choleskyModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { CHOLESKY_WASM_BASE64 } from './choleskyModule';
import { simdKernel, type KernelHeap } from './simdKernel';

export interface CholeskyWasmKernel {
  /** L in the lower triangle of the n × n row-major matrix at byte offset `a`; 1 on success, 0 if not positive definite. */
  cholesky(a: number, n: number): number;
  heap: KernelHeap;
}

interface CholeskyExports {
  memory: WebAssembly.Memory;
  cholesky(a: number, n: number): number;
}

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use their JS loop). */
export const choleskyWasmKernel = simdKernel<CholeskyExports, CholeskyWasmKernel>(
  CHOLESKY_WASM_BASE64,
  ({ exports, heap }) => ({ cholesky: exports.cholesky, heap }),
);
