// Synchronous loader of the f64x2 SIMD tanh layer kernel (tanh.wat, embedded as base64 in tanhModule.ts),
// like the Gram kernel's (linalg/wasm/gramKernel.ts): the same in the page, the worker, the tests and the CLI.
import { decodeBase64 } from '../../linalg/wasm/gramKernel';
import { TANH_WASM_BASE64 } from './tanhModule';

const PAGE_BYTES = 65536;

/** The instantiated kernel and its one linear memory (grown on demand, never shrunk). */
export interface TanhWasmKernel {
  /** a[i] = tanh(z[i]), s[i] = 1 − a[i]² for i < n rounded up to even; byte offsets, 16-byte aligned. */
  tanhLayer(z: number, a: number, s: number, n: number): void;
  /** A Float64Array over the whole memory, with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
  heap(bytes: number): Float64Array | null;
}

interface TanhExports {
  memory: WebAssembly.Memory;
  tanhLayer(z: number, a: number, s: number, n: number): void;
}

function instantiate(): TanhWasmKernel | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(TANH_WASM_BASE64);
  // Validation is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: TanhExports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as TanhExports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  return {
    tanhLayer: exports.tanhLayer,
    heap(bytes: number): Float64Array | null {
      const have = memory.buffer.byteLength;
      if (bytes > have) {
        try {
          memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
        } catch {
          return null; // out of memory: the caller uses its JS buffers
        }
      }
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}

let loaded: TanhWasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use the JS tanh). */
export function tanhWasmKernel(): TanhWasmKernel | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}
