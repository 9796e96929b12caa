/**
 * Kernel fixes for the embedded TensorFlow.js backends (DESIGN §2 "Runtime"), registered by
 * backend.ts right after the backend is initialised: each entry of FIXES names a kernel and
 * builds its replacement from the registered one (see each *Wasm.ts file for what it fixes and
 * grader/bench/RESULTS.md for what each gained). Every fix is tested against the cpu backend
 * (forward and gradients) in its *.test.ts; trainingStep.test.ts checks the reference models'
 * losses and gradients with all of them, threadedKernels.test.ts the threaded ones at 1-3 threads.
 * Idempotent: each fix is marked, and a second call finds the mark and leaves the kernel alone.
 */
import { getKernel, registerKernel, unregisterKernel, type KernelConfig, type KernelFunc } from '@tensorflow/tfjs';
import type { BackendName } from '../backend';
import { materialiseTransposes } from './batchMatMulWasm';
import { binaryWasm } from './binaryWasm';
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
    { kernelName: 'Add', make: (original) => withSimd(original, binaryWasm('add')) },
    { kernelName: 'Sub', make: (original) => withSimd(original, binaryWasm('sub')) },
    { kernelName: 'Multiply', make: (original) => withSimd(original, binaryWasm('mul')) },
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
