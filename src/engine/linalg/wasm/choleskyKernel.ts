// Synchronous loader of the f64x2 SIMD Cholesky kernel (cholesky.wat, embedded as base64 in
// choleskyModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { CHOLESKY_WASM_BASE64 } from './choleskyModule';

const PAGE_BYTES = 65536;

export interface CholeskyWasmKernel {
  /** L in the lower triangle of the n × n row-major matrix at byte offset `a`; 1 on success, 0 if not positive definite. */
  cholesky(a: number, n: number): number;
  /** A Float64Array over the whole memory, with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
  heap(bytes: number): Float64Array | null;
}

interface CholeskyExports {
  memory: WebAssembly.Memory;
  cholesky(a: number, n: number): number;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(): CholeskyWasmKernel | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(CHOLESKY_WASM_BASE64);
  // Validating the kernel itself is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: CholeskyExports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as CholeskyExports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  return {
    cholesky: exports.cholesky,
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

let loaded: CholeskyWasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable. */
export function choleskyWasmKernel(): CholeskyWasmKernel | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}
