// Synchronous instantiation of an embedded f64x2 SIMD kernel (a .wat compiled by scripts/build-wasm.mjs into
// a base64 string): the same in the page, the engine worker, the Node tests and the CLI — no fetch, no file
// paths. Where WebAssembly SIMD is missing the kernel is null, and its callers use their JS loops, which
// round exactly as the kernels do.

const PAGE_BYTES = 65536;

/** A Float64Array over the kernel's whole memory with at least `bytes` bytes (re-made after growth); null if it cannot grow. */
export type KernelHeap = (bytes: number) => Float64Array | null;

export interface SimdInstance<Exports> {
  exports: Exports;
  heap: KernelHeap;
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function instantiate<Exports extends { memory: WebAssembly.Memory }>(base64: string): SimdInstance<Exports> | null {
  if (typeof WebAssembly === 'undefined' || typeof atob === 'undefined') return null;
  const bytes = decodeBase64(base64);
  // Validating the kernel itself is the SIMD feature test: it fails exactly where f64x2 is missing.
  if (!WebAssembly.validate(bytes)) return null;
  let exports: Exports;
  try {
    exports = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Exports;
  } catch {
    return null; // e.g. a content-security policy forbidding WebAssembly compilation
  }
  const memory = exports.memory;
  let view = new Float64Array(memory.buffer);
  const heap: KernelHeap = (bytes) => {
    const have = memory.buffer.byteLength;
    if (bytes > have) {
      try {
        memory.grow(Math.ceil((bytes - have) / PAGE_BYTES));
      } catch {
        return null; // out of memory: the caller falls back to its JS loop
      }
    }
    if (view.buffer !== memory.buffer) view = new Float64Array(memory.buffer);
    return view;
  };
  return { exports, heap };
}

/**
 * A getter of the kernel built by `bind` from the instance of `base64`, instantiated on first use (once);
 * null where WebAssembly SIMD is unavailable.
 */
export function simdKernel<Exports extends { memory: WebAssembly.Memory }, Kernel>(
  base64: string,
  bind: (instance: SimdInstance<Exports>) => Kernel,
): () => Kernel | null {
  let loaded: Kernel | null | undefined;
  return () => {
    if (loaded === undefined) {
      const instance = instantiate<Exports>(base64);
      loaded = instance === null ? null : bind(instance);
    }
    return loaded;
  };
}
