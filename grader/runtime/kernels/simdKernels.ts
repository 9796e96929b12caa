/**
 * SIMD loops for the wasm backend's heap, assembled from WebAssembly text at first use
 * (watAssembler.ts; the text in unarySource.ts, reduceSource.ts, transposeSource.ts and
 * gemmSource.ts) and instantiated against the backend's own WebAssembly.Memory, so they read and
 * write tensors in place. Pointers are byte offsets into that memory; counts are elements.
 *
 * Numerics: float32 in, float32 out, with the arithmetic in float64 wherever the cpu backend
 * computes in float64 (JS numbers): exp, tanh, and the running sums of Sum. So results agree with
 * the cpu backend to float32 rounding (tested in the *Wasm.test.ts files of this folder).
 */
import { assembleWat } from './watAssembler';
import { isSharedMemory } from './sharedWasmMemory';
import { BINARY_SOURCE } from './binarySource';
import { GEMM_SOURCE, gemmSource } from './gemmSource';
import { REDUCE_SOURCE } from './reduceSource';
import { TRANSPOSE_SOURCE } from './transposeSource';
import { UNARY_SOURCE } from './unarySource';

/** The slice of the WebAssembly JS API used here (the project's lib settings have no DOM types). */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
declare const WebAssembly: {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
};

const SOURCE = UNARY_SOURCE + REDUCE_SOURCE + TRANSPOSE_SOURCE + BINARY_SOURCE;

/** The exported loops; see the comments in the *Source.ts files for each. */
export interface SimdKernels {
  exp_f32(x: number, out: number, n: number): void;
  sum_inner_f32(x: number, out: number, outer: number, R: number): void;
  sum_outer_f32(x: number, out: number, acc: number, outer: number, R: number, I: number): void;
  max_inner_f32(x: number, out: number, outer: number, R: number): void;
  max_outer_f32(x: number, out: number, outer: number, R: number, I: number): void;
  transpose_32(x: number, out: number, R: number, C: number): void;
  tanh_f32(x: number, out: number, n: number): void;
  sqrt_f32(x: number, out: number, n: number): void;
  /** Element-wise float32 a op b over [R, C] with row broadcasts (binarySource.ts). */
  binary_add_f32(
    a: number,
    b: number,
    out: number,
    R: number,
    C: number,
    ldo: number,
    aRS: number,
    aCV: number,
    bRS: number,
    bCV: number,
  ): void;
  binary_sub_f32: SimdKernels['binary_add_f32'];
  binary_mul_f32: SimdKernels['binary_add_f32'];
  /** The matrix product tiles with separate multiply and add (any engine with SIMD). */
  gemm_f32(
    a: number,
    b: number,
    c: number,
    N: number,
    kc: number,
    sAi: number,
    sAk: number,
    ldb: number,
    ldc: number,
    i0: number,
    i1: number,
    accumulate: number,
  ): void;
  /** The same with relaxed-SIMD multiply-add (FMA where the CPU has it); present only where the engine accepts it. */
  gemm_f32_fma?: SimdKernels['gemm_f32'];
}

/** Compiled modules, per kind of memory import (plain, shared). */
const compiled = new Map<boolean, object>();
const compiledFma = new Map<boolean, object | null>();
const instances = new WeakMap<WasmMemory, SimdKernels>();

/** The base module for a plain or a shared memory import. */
function baseModule(shared: boolean): object {
  let module = compiled.get(shared);
  if (module === undefined) {
    module = new WebAssembly.Module(assembleWat(SOURCE + GEMM_SOURCE, shared));
    compiled.set(shared, module);
  }
  return module;
}

/** The kernels bound to `memory` (instantiated once per memory). */
export function simdKernels(memory: WasmMemory): SimdKernels {
  let kernels = instances.get(memory);
  if (kernels === undefined) {
    const shared = isSharedMemory(memory);
    const base = new WebAssembly.Instance(baseModule(shared), { env: { memory } }).exports as SimdKernels;
    const fma = fmaModule(shared);
    const fmaExports =
      fma !== null ? (new WebAssembly.Instance(fma, { env: { memory } }).exports as { gemm_f32_fma: SimdKernels['gemm_f32'] }) : undefined;
    kernels = { ...base, gemm_f32_fma: fmaExports?.gemm_f32_fma };
    instances.set(memory, kernels);
  }
  return kernels;
}

/** The compiled modules behind simdKernels(memory), for worker threads to instantiate on the same memory. */
export function simdModules(memory: WasmMemory): { base: object; fma: object | null } {
  const shared = isSharedMemory(memory);
  return { base: baseModule(shared), fma: fmaModule(shared) };
}

/** Whether this JS engine accepts the module (WebAssembly SIMD); false means: keep the original kernels. */
export function simdSupported(): boolean {
  try {
    baseModule(false);
    return true;
  } catch {
    return false;
  }
}

/**
 * The relaxed-SIMD matrix product module, or null. Relaxed SIMD (f32x4.relaxed_madd) is on by
 * default from Node 22 (V8 11.4+); Node 20's V8 has it behind --experimental-wasm-relaxed-simd,
 * which is switched on here at run time when needed (it only lets modules use the extra
 * instructions). Off when RNN_LAB_WASM_FMA=0. Measured on the training step's three products:
 * 48/49/59 -> 36/37/48 ms CPU (the multiply-add halves the arithmetic instructions per tile).
 */
function fmaModule(shared = false): object | null {
  const known = compiledFma.get(shared);
  if (known !== undefined) return known;
  let module: object | null = null;
  if (process.env.RNN_LAB_WASM_FMA !== '0') {
    const bytes = assembleWat(gemmSource(true), shared);
    try {
      module = new WebAssembly.Module(bytes);
    } catch {
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- v8 is loaded only when relaxed SIMD needs its flag
        (require('v8') as { setFlagsFromString(flags: string): void }).setFlagsFromString('--experimental-wasm-relaxed-simd');
        module = new WebAssembly.Module(bytes);
      } catch {
        module = null;
      }
    }
  }
  compiledFma.set(shared, module);
  return module;
}

/** Whether matrix products use the relaxed-SIMD multiply-add (see fmaModule). */
export function fmaSupported(): boolean {
  return fmaModule() !== null;
}
