/**
 * Gives tfjs-backend-wasm's single-threaded build a shared WebAssembly.Memory, so the project's
 * worker threads (threadPool.ts) can run kernels on the backend's tensors in place (issue 14).
 *
 * The build defines its own memory (256 pages minimum, 65536 maximum) and exports it; the only
 * change is the memory's limits flag in the binary, 0x01 (min and max) -> 0x03 (min, max,
 * shared): the same byte count, no other byte touched. tfjs's own code runs on the main thread
 * only and never learns of the difference (its views, copyWithin and TextDecoder all accept a
 * SharedArrayBuffer; growing a shared memory keeps its contents in place, as a plain one does).
 * The threaded tfjs build is not used: it starts its pthreads from a blob: URL, which Node refuses
 * (ERR_WORKER_PATH).
 */

declare const WebAssembly: {
  instantiate(bytes: unknown, imports?: object): Promise<unknown>;
};

/** Reads an unsigned LEB128 at `pos`; returns the value and the position after it. */
function readUleb(bytes: Uint8Array, pos: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) return [value, pos];
  }
}

/**
 * A copy of `binary` whose one defined memory (with a maximum) is shared; undefined when the
 * module is not of that form (no memory section, several memories, no maximum, already shared).
 */
export function withSharedMemorySection(binary: Uint8Array): Uint8Array | undefined {
  if (binary.length < 8 || binary[0] !== 0x00 || binary[1] !== 0x61 || binary[2] !== 0x73 || binary[3] !== 0x6d) return undefined;
  let pos = 8;
  while (pos < binary.length) {
    const id = binary[pos];
    const [size, start] = readUleb(binary, pos + 1);
    if (id === 5) {
      const [count, flagsAt] = readUleb(binary, start);
      if (count !== 1 || binary[flagsAt] !== 0x01) return undefined;
      const patched = Uint8Array.from(binary);
      patched[flagsAt] = 0x03;
      return patched;
    }
    pos = start + size;
  }
  return undefined;
}

function asBytes(source: unknown): Uint8Array | undefined {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return undefined;
}

/**
 * Runs `start` (the wasm backend's initialisation) with WebAssembly.instantiate patched so that a
 * binary given as bytes gets a shared memory (withSharedMemorySection); restored afterwards.
 * Modules given as compiled WebAssembly.Module objects, or whose memory cannot be shared, pass
 * through unchanged (the backend then runs single-threaded).
 */
export async function withSharedWasmMemory<T>(start: () => Promise<T>): Promise<T> {
  const original = WebAssembly.instantiate;
  WebAssembly.instantiate = (source: unknown, imports?: object) => {
    const bytes = asBytes(source);
    const patched = bytes !== undefined ? withSharedMemorySection(bytes) : undefined;
    return original.call(WebAssembly, patched ?? source, imports);
  };
  try {
    return await start();
  } finally {
    WebAssembly.instantiate = original;
  }
}

/** Whether `memory` is shared (its buffer a SharedArrayBuffer), i.e. worker threads can use it. */
export function isSharedMemory(memory: { readonly buffer: ArrayBuffer | SharedArrayBuffer }): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;
}
