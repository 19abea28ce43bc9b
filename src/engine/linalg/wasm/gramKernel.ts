// Synchronous loader of the f64x2 SIMD Gram kernel (gram.wat, embedded as base64 in gramModule.ts).
// Works the same in the page, the engine worker, the Node tests and the CLI: no fetch, no file paths.
import { GRAM_WASM_BASE64 } from './gramModule';
import { simdKernel, type KernelHeap } from './simdKernel';

/** The instantiated kernel and its one linear memory (grown on demand, never shrunk). */
export interface GramWasmKernel {
  /** out (P × P, P = 4·panels, row-major, padded) ← Aᵀ B of packed panels; upper tiles only if symmetric. */
  product(a: number, b: number, m: number, panels: number, symmetric: number, out: number): void;
  /** Panels at dst ← the row-major m × p matrix at src, rows scaled by the m doubles at w when weighted ≠ 0. */
  pack(src: number, w: number, dst: number, m: number, p: number, weighted: number): void;
  heap: KernelHeap;
}

interface GramExports {
  memory: WebAssembly.Memory;
  product(a: number, b: number, m: number, panels: number, symmetric: number, out: number): void;
  pack(src: number, w: number, dst: number, m: number, p: number, weighted: number): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use their JS loop). */
export const gramWasmKernel = simdKernel<GramExports, GramWasmKernel>(GRAM_WASM_BASE64, ({ exports, heap }) => ({
  product: exports.product,
  pack: exports.pack,
  heap,
}));
