// Synchronous loader of the f64x2 SIMD bidiagonalisation kernel (bidiagonal.wat, embedded as base64 in
// bidiagonalModule.ts). Same scheme as gramKernel.ts: no fetch, no file paths; null where WebAssembly SIMD
// is missing, and callers then use the JS loop, which gives the same bits.
import { BIDIAGONAL_WASM_BASE64 } from './bidiagonalModule';

const PAGE_BYTES = 65536;

export interface BidiagonalWasmKernel {
  /** Step j's left accumulation w (at byte offset `w`) and row j's update, T k × k row-major at byte offset `a`. */
  left(a: number, k: number, j: number, w: number, tau: number): void;
  /** Step j's left (τ_l ≠ 0) and right (τ_r ≠ 0) updates of the rows below j. */
  rows(a: number, k: number, j: number, w: number, tl: number, tr: number): void;
  /** A Float64Array over the whole memory, with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
  heap(bytes: number): Float64Array | null;
}

interface BidiagonalExports {
  memory: WebAssembly.Memory;
  left(a: number, k: number, j: number, w: number, tau: number): void;
  rows(a: number, k: number, j: number, w: number, tl: number, tr: number): void;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate(): BidiagonalWasmKernel | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(BIDIAGONAL_WASM_BASE64);
  // Validating the kernel itself is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: BidiagonalExports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as BidiagonalExports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  return {
    left: exports.left,
    rows: exports.rows,
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

let loaded: BidiagonalWasmKernel | null | undefined;

/** The SIMD kernel, or null where WebAssembly SIMD is unavailable. */
export function bidiagonalWasmKernel(): BidiagonalWasmKernel | null {
  if (loaded === undefined) loaded = instantiate();
  return loaded;
}
