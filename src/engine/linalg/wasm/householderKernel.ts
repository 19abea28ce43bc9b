// Synchronous loader of the f64x2 SIMD Householder QR update kernel (householder.wat, embedded as base64 in
// householderModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { HOUSEHOLDER_WASM_BASE64 } from './householderModule';

const PAGE_BYTES = 65536;

export interface HouseholderWasmKernel {
  /** Applies reflector k (column k of the M × N column-major matrix at byte offset `a`) to the columns j > k. */
  reflect(a: number, M: number, N: number, k: number, tau: number): void;
  /** A Float64Array over the whole memory, with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
  heap(bytes: number): Float64Array | null;
}

interface HouseholderExports {
  memory: WebAssembly.Memory;
  reflect(a: number, M: number, N: number, k: number, tau: number): void;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(): HouseholderWasmKernel | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(HOUSEHOLDER_WASM_BASE64);
  // Validating the kernel itself is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: HouseholderExports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as HouseholderExports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  return {
    reflect: exports.reflect,
    heap(bytes: number): Float64Array | null {
      const have = memory.buffer.byteLength;
      if (bytes > have) {
        try {
          memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
        } catch {
          return null; // out of memory: the caller falls back to the JS loop
        }
      }
      if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
      return view;
    },
  };
}

let loaded: HouseholderWasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable. */
export function householderWasmKernel(): HouseholderWasmKernel | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}
