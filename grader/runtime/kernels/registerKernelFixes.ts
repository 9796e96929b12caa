/**
 * Kernel fixes for the embedded TensorFlow.js backends (DESIGN §2 "Runtime"), registered by
 * backend.ts right after the backend is initialised. Timings: Node 20, tfjs 4.22, wasm SIMD
 * 1 thread, 2-core Zen 3; the basic three: median of 5 runs (the old cpu kernel: one run); the
 * later ones: best of 5-9 runs in process CPU time (the machine was shared with other jobs).
 * Every fix is tested against the cpu backend (forward and gradients) in its *.test.ts;
 * trainingStep.test.ts checks the reference models' losses and gradients with all of them.
 *
 * - wasm `UnsortedSegmentSum` (added): the wasm backend has none (tensorflow/tfjs#8082), and the
 *   gradient of Gather/GatherV2 (every embedding lookup) calls it, so an embedding could not be
 *   trained on wasm at all. O(n) scatter-add on the wasm heap (unsortedSegmentSum.ts):
 *   x [1280, 64] into V=5000 segments 0.8 ms; the whole gather gradient 7 ms.
 * - cpu `UnsortedSegmentSum` (replaced): the cpu kernel runs equal/mul/sum once per segment,
 *   O(numSegments * n) with a fresh [n, D] tensor per segment. Same case: 48 s -> 2.6 ms; the
 *   gather gradient 46 s -> 29 ms (likely most of the cpu backend's 14 tokens/s, DESIGN §7).
 * - wasm `BatchMatMul` and `_FusedMatMul` (wrapped): XNNPACK only serves the plain unbatched
 *   product; with transposeA/transposeB the wasm kernel is 10-25x slower, and backprop through
 *   every matMul uses the transposed forms. The wrapper transposes the input first
 *   (batchMatMulWasm.ts). 512x512x512: tA 265 -> 11 ms, tB 117 -> 12 ms, both 248 -> 12 ms
 *   (plain 10 ms). [1280,128]x[128,5000]: tA 903 -> 71 ms, tB 718 -> 70 ms, both 819 -> 70 ms
 *   (plain 68 ms). Backprop of a dense + softmax cross-entropy layer [1280,128]x[128,5000]:
 *   1769 -> 424 ms. _FusedMatMul (tf.fused.matMul, tfjs-layers Dense) was as slow and gains as
 *   much, though layers only call it untransposed: their backprop goes through BatchMatMul.
 *   Later additions: BatchMatMul's single products on the project's own SIMD tiles
 *   (gemmSource.ts: no packing, A^T read in place), ~15% faster than XNNPACK on the training
 *   step's three big products (59/54/62 -> 49/49/57 ms CPU, best of 9) and with no transpose of
 *   the [1280, 5000] gradient; with relaxed-SIMD multiply-add (FMA; simdKernels.ts, on unless
 *   RNN_LAB_WASM_FMA=0) a further 48/49/59 -> 36/37/48 ms; with column blocks and 6x8 tiles
 *   31/32/38 ms (~50 GFLOP/s); without SIMD, a^T b with a wide b as (b^T a)^T (102 -> 61 ms);
 *   a batched a times a single b as one product ([64,20,128] x [128,5000]: 1789 -> 84 ms);
 *   equal batches as one product per entry (8 x [64,128]x[128,256]: 16.4 -> 3.6 ms).
 * - wasm `Transpose` (wrapped): 4x4 SIMD tiles for permutations that swap two blocks of axes
 *   (transposeWasm.ts): [1280, 5000] 19 -> 9 ms; other permutations unchanged.
 * - wasm `Exp` (wrapped, float32): SIMD, float64 inside, rounded once (elementwiseWasm.ts):
 *   [1280, 5000] 45 -> 16 ms; equals Math.exp rounded to float32 (the cpu backend) except on rare
 *   near-ties. tf.logSoftmax and its gradient call it on [B*W, V] once each per training step.
 * - wasm `Tanh` (wrapped, float32): the same way via e^(-2|x|), Math.tanh rounded to float32:
 *   [64, 128] (the RNN cell, 20 calls per window) 105 -> 67 us a call (mostly call overhead now).
 * - wasm `Sqrt` (wrapped, float32): f32x4.sqrt, the same bits as on cpu: [128, 5000] (Adam's
 *   update of the output weights) 0.9 -> 0.23 ms.
 * - wasm `Sum` and `Max` (wrapped, float32, contiguous axes): SIMD, no transpose first, sums in
 *   float64 as on cpu (reduceWasm.ts): [1280, 5000] over axis 0 (every bias gradient) 23 -> 3 ms,
 *   over axis 1 5.4 -> 1.1 ms; Max over axis 0 22 -> 2.3 ms.
 * - wasm `GatherV2` (wrapped, 32-bit): whole-slice copies (gatherWasm.ts): an embedding lookup
 *   [5000, 64] by [64, 20] ids 3.2 -> 0.3 ms.
 * - wasm `Unpack` (wrapped, 32-bit): block copies instead of one Slice per output (unpackWasm.ts):
 *   the RNN's unstack of [64, 20, 64] embeddings (and of the state gradient) 4.0 -> 0.2 ms.
 * - wasm `Identity` and `Cast` (wrapped): share the data (reference counted) instead of copying,
 *   as the cpu backend does (~2.3 ms per [1280, 5000] copy, several per training step); Cast to
 *   bool compares with 0 (the original kept the low byte: 256 -> false).
 * Kept only what measured faster on the V=5000 RNN step (grader/bench, `npm run bench`).
 * - webgpu `BatchMatMul` and `_FusedMatMul` (wrapped): A x B^T at batch 1 with K >= 2000 never
 *   runs tfjs-backend-webgpu 4.22's split-K program, which reads a transposed B wrongly
 *   (webgpu/matMulFix.ts). The backend's readSync is replaced too (webgpu/readSync.ts, applied
 *   by webgpuBackend.ts): the library's needs an OffscreenCanvas, which Node lacks.
 * - tensorflow (tfjs-node): nothing.
 *
 * Idempotent: each fix is marked, and a second call finds the mark and leaves the kernel alone.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs';
import type { BackendName } from '../backend';
import { materialiseTransposes } from './batchMatMulWasm';
import { gemmTensor } from './gemmWasm';
import { castWasm, expWasm, identityWasm, sqrtWasm, tanhWasm } from './elementwiseWasm';
import { gatherWasm } from './gatherWasm';
import { maxWasm, sumWasm } from './reduceWasm';
import { simdSupported } from './simdKernels';
import { unpackWasm } from './unpackWasm';
import { transposeWasm } from './transposeWasm';
import { unsortedSegmentSumCpu, unsortedSegmentSumWasm } from './unsortedSegmentSum';
import { avoidSplitKTransposedB } from '../webgpu/matMulFix';

/** Marks a kernel func as one of ours; holds the config it replaced (null when it added one). */
const FIX = Symbol.for('rnn-lab.kernelFix');
type FixFunc = KernelFunc & { [FIX]: KernelConfig | null };

interface Fix {
  kernelName: string;
  /** Builds the replacement from the registered config (undefined when none); undefined = skip. */
  make(original: KernelConfig | undefined): KernelFunc | undefined;
}

const FIXES: Record<BackendName, Fix[]> = {
  tensorflow: [],
  webgpu: [
    { kernelName: 'BatchMatMul', make: (original) => original && avoidSplitKTransposedB(original.kernelFunc) },
    { kernelName: '_FusedMatMul', make: (original) => original && avoidSplitKTransposedB(original.kernelFunc) },
  ],
  cpu: [{ kernelName: 'UnsortedSegmentSum', make: () => unsortedSegmentSumCpu }],
  wasm: [
    { kernelName: 'UnsortedSegmentSum', make: () => unsortedSegmentSumWasm },
    { kernelName: 'BatchMatMul', make: (original) => wrapWithTranspose(original, true) },
    { kernelName: '_FusedMatMul', make: (original) => wrapWithTranspose(original, false) },
    { kernelName: 'Transpose', make: (original) => withSimd(original, transposeWasm) },
    { kernelName: 'Exp', make: (original) => withSimd(original, expWasm) },
    { kernelName: 'Tanh', make: (original) => withSimd(original, tanhWasm) },
    { kernelName: 'Sqrt', make: (original) => withSimd(original, sqrtWasm) },
    { kernelName: 'Sum', make: (original) => withSimd(original, sumWasm) },
    { kernelName: 'Max', make: (original) => withSimd(original, maxWasm) },
    { kernelName: 'GatherV2', make: (original) => original && gatherWasm(original.kernelFunc) },
    { kernelName: 'Unpack', make: (original) => original && unpackWasm(original.kernelFunc) },
    { kernelName: 'Identity', make: (original) => original && identityWasm(original.kernelFunc) },
    { kernelName: 'Cast', make: (original) => original && castWasm(original.kernelFunc) },
  ],
};

/** `wrap(original)` where the engine runs WebAssembly SIMD and the kernel exists; else no fix. */
function withSimd(original: KernelConfig | undefined, wrap: (f: KernelFunc) => KernelFunc): KernelFunc | undefined {
  return original !== undefined && simdSupported() ? wrap(original.kernelFunc) : undefined;
}

function wrapWithTranspose(original: KernelConfig | undefined, outputTranspose: boolean): KernelFunc | undefined {
  if (original === undefined || lookup('Transpose', 'wasm') === undefined) return undefined;
  // Looked up per call: the Transpose kernel in force then (ours, when registered).
  const transpose: KernelFunc = (args) => lookup('Transpose', 'wasm')!.kernelFunc(args);
  const gemm = outputTranspose && simdSupported() ? gemmTensor : undefined;
  return materialiseTransposes(original.kernelFunc, transpose, { outputTranspose, gemm });
}

/** getKernel, typed honestly: tfjs returns undefined for a kernel that is not registered. */
function lookup(kernelName: string, backendName: string): KernelConfig | undefined {
  return getKernel(kernelName, backendName) as KernelConfig | undefined;
}

/** The config one of our fixes replaced (null when it added a kernel); undefined when not a fix. */
export function replacedKernel(kernelName: string, backendName: string): KernelConfig | null | undefined {
  const func = lookup(kernelName, backendName)?.kernelFunc as Partial<FixFunc> | undefined;
  return func !== undefined && FIX in func ? (func[FIX] as KernelConfig | null) : undefined;
}

/** Kernel names of all fixes for `backend`, in registration order. */
export function kernelFixNames(backend: BackendName): string[] {
  return FIXES[backend].map((f) => f.kernelName);
}

/**
 * Registers the project's kernel fixes for `backend` (only those named in `only`, when given: the
 * benchmark uses this to compare sets of fixes); returns the names of the kernels in force.
 */
export function registerKernelFixes(backend: BackendName, only?: readonly string[]): string[] {
  const patched: string[] = [];
  for (const fix of FIXES[backend]) {
    if (only !== undefined && !only.includes(fix.kernelName)) continue;
    const current = lookup(fix.kernelName, backend);
    if (replacedKernel(fix.kernelName, backend) !== undefined) {
      patched.push(fix.kernelName);
      continue;
    }
    const func = fix.make(current);
    if (func === undefined) continue;
    const marked = ((params) => func(params)) as FixFunc;
    marked[FIX] = current ?? null;
    if (current !== undefined) unregisterKernel(fix.kernelName, backend);
    registerKernel({ ...current, kernelName: fix.kernelName, backendName: backend, kernelFunc: marked });
    patched.push(fix.kernelName);
  }
  return patched;
}

/** Undoes registerKernelFixes(backend): puts back the kernels it replaced, removes those it added. */
export function removeKernelFixes(backend: BackendName): void {
  for (const fix of FIXES[backend]) {
    const replaced = replacedKernel(fix.kernelName, backend);
    if (replaced === undefined) continue;
    unregisterKernel(fix.kernelName, backend);
    if (replaced !== null) registerKernel(replaced);
  }
}
