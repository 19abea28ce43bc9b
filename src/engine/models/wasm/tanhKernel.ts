// Synchronous loader of the f64x2 SIMD tanh layer kernel (tanh.wat, embedded as base64 in tanhModule.ts),
// like the Gram kernel's (linalg/wasm/gramKernel.ts): the same in the page, the worker, the tests and the CLI.
import { TANH_WASM_BASE64 } from './tanhModule';
import { simdKernel, type KernelHeap } from '../../linalg/wasm/simdKernel';

/** The instantiated kernel and its one linear memory (grown on demand, never shrunk). */
export interface TanhWasmKernel {
  /** a[i] = tanh(z[i]), s[i] = 1 − a[i]² for i < n rounded up to even; byte offsets, 16-byte aligned. */
  tanhLayer(z: number, a: number, s: number, n: number): void;
  heap: KernelHeap;
}

interface TanhExports {
  memory: WebAssembly.Memory;
  tanhLayer(z: number, a: number, s: number, n: number): void;
}

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use their JS loop). */
export const tanhWasmKernel = simdKernel<TanhExports, TanhWasmKernel>(TANH_WASM_BASE64, ({ exports, heap }) => ({
  tanhLayer: exports.tanhLayer,
  heap,
}));
