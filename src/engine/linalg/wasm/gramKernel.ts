// Synchronous loader of the f64x2 SIMD Gram kernel (gram.wat, embedded as base64 in gramModule.ts).
// Works the same in the page, the engine worker, the Node tests and the CLI: no fetch, no file paths.
import { GRAM_WASM_BASE64 } from './gramModule';

const PAGE_BYTES = 65536;

/** The instantiated kernel and its one linear memory (grown on demand, never shrunk). */
export interface GramWasmKernel {
  /** out (P × P, P = 4·panels, row-major, padded) ← Aᵀ B of packed panels; upper tiles only if symmetric. */
  product(a: number, b: number, m: number, panels: number, symmetric: number, out: number): void;
  /** Panels at dst ← the row-major m × p matrix at src, rows scaled by the m doubles at w when weighted ≠ 0. */
  pack(src: number, w: number, dst: number, m: number, p: number, weighted: number): void;
  /** A Float64Array over the whole memory, with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
  heap(bytes: number): Float64Array | null;
}

/** The bytes of a base64 string (the embedded modules). */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface GramExports {
  memory: WebAssembly.Memory;
  product(a: number, b: number, m: number, panels: number, symmetric: number, out: number): void;
  pack(src: number, w: number, dst: number, m: number, p: number, weighted: number): void;
}

function instantiate(): GramWasmKernel | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(GRAM_WASM_BASE64);
  // Validating the kernel itself is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: GramExports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as GramExports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  return {
    product: exports.product,
    pack: exports.pack,
    heap(bytes: number): Float64Array | null {
      const have = memory.buffer.byteLength;
      if (bytes > have) {
        try {
          memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
        } catch {
          return null; // out of memory: the caller falls back to the JS kernel
        }
      }
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}

let loaded: GramWasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable (callers then use the JS kernel). */
export function gramWasmKernel(): GramWasmKernel | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}
