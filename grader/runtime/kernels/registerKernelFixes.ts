/**
 * Kernel fixes for the embedded TensorFlow.js backends (DESIGN §2 "Runtime"), registered by
 * backend.ts right after the backend is initialised. Timings: Node 20, tfjs 4.22, wasm SIMD
 * 1 thread, 2-core Zen 3; median of 5 runs (the old cpu kernel: one run).
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
 *   Batched products (batch > 1) are left alone: the wasm kernel's batched path is slow
 *   (~1 GFLOP/s) with or without transposes, and a materialised transpose gains nothing there.
 * - tensorflow (tfjs-node): nothing.
 *
 * Idempotent: each fix is marked, and a second call finds the mark and leaves the kernel alone.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs';
import type { BackendName } from '../backend';
import { materialiseTransposes } from './batchMatMulWasm';
import { unsortedSegmentSumCpu, unsortedSegmentSumWasm } from './unsortedSegmentSum';

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
  cpu: [{ kernelName: 'UnsortedSegmentSum', make: () => unsortedSegmentSumCpu }],
  wasm: [
    { kernelName: 'UnsortedSegmentSum', make: () => unsortedSegmentSumWasm },
    { kernelName: 'BatchMatMul', make: (original) => wrapWithTranspose(original) },
    { kernelName: '_FusedMatMul', make: (original) => wrapWithTranspose(original) },
  ],
};

function wrapWithTranspose(original: KernelConfig | undefined): KernelFunc | undefined {
  const transpose = lookup('Transpose', 'wasm');
  if (original === undefined || transpose === undefined) return undefined;
  return materialiseTransposes(original.kernelFunc, transpose.kernelFunc);
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

/** Registers the project's kernel fixes for `backend`; returns the names of the kernels in force. */
export function registerKernelFixes(backend: BackendName): string[] {
  const patched: string[] = [];
  for (const fix of FIXES[backend]) {
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
