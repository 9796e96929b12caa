import { isSharedMemory, withSharedMemorySection, withSharedWasmMemory } from './sharedWasmMemory';

// The project's lib settings have no DOM types; the slice of the WebAssembly API used here.
type Mem = { buffer: ArrayBuffer };
type Exports = { exports: { mem: Mem } };
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (m: object, imports?: object) => Exports;
  instantiate(bytes: Uint8Array): Promise<{ instance: Exports }>;
};

/** A module that defines one memory (1 page, max 4) and exports it; `flags` its limits flag byte. */
function moduleWithMemory(flags: number): Uint8Array {
  const limits = flags === 0x00 ? [0x00, 0x01] : [flags, 0x01, 0x04];
  const memorySection = [0x01, ...limits];
  const exportSection = [0x01, 0x03, ...Buffer.from('mem'), 0x02, 0x00];
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    0x05,
    memorySection.length,
    ...memorySection,
    0x07,
    exportSection.length,
    ...exportSection,
  ]);
}

describe('a shared memory for the wasm backend', () => {
  it('flips the limits flag of a defined memory with a maximum, and nothing else', () => {
    const plain = moduleWithMemory(0x01);
    const shared = withSharedMemorySection(plain)!;
    expect(shared).toHaveLength(plain.length);
    expect([...shared].filter((b, i) => b !== plain[i])).toEqual([0x03]);
    const instance = new WebAssembly.Instance(new WebAssembly.Module(shared));
    expect(isSharedMemory(instance.exports.mem)).toBe(true);
  });

  it('leaves alone a memory without a maximum (it cannot be shared), an already shared one and what is not wasm', () => {
    expect(withSharedMemorySection(moduleWithMemory(0x00))).toBeUndefined();
    expect(withSharedMemorySection(moduleWithMemory(0x03))).toBeUndefined();
    expect(withSharedMemorySection(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]))).toBeUndefined();
  });

  it('patches WebAssembly.instantiate only while the start function runs', async () => {
    const original = WebAssembly.instantiate;
    const inside = await withSharedWasmMemory(async () => {
      const { instance } = await WebAssembly.instantiate(moduleWithMemory(0x01));
      return isSharedMemory(instance.exports.mem);
    });
    expect(inside).toBe(true);
    expect(WebAssembly.instantiate).toBe(original);
    const { instance } = await WebAssembly.instantiate(moduleWithMemory(0x01));
    expect(isSharedMemory(instance.exports.mem)).toBe(false);
  });
});
