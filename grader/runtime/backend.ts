/**
 * Chooses the TensorFlow.js backend for this process: the one place every grader, training and
 * test process goes through before it touches a tensor (DESIGN §2 "Runtime").
 *
 * Order: @tensorflow/tfjs-node-gpu, then @tensorflow/tfjs-node (both register the `tensorflow`
 * backend: libtensorflow on the CPU, or on an NVIDIA GPU only with CUDA 11.2 and cuDNN 8.1), then
 * `webgpu` (Dawn + @tensorflow/tfjs-backend-webgpu, taken automatically only on a real GPU:
 * runtime/webgpu/), then the embedded `wasm` backend, then the pure-JS `cpu` backend.
 * `RNN_LAB_BACKEND=tensorflow|webgpu|wasm|cpu` (or the `backend` option) asks for one backend and
 * fails loudly when it cannot be had, rather than silently running somewhere else.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { registerKernelFixes } from './kernels/registerKernelFixes';
import { threadProblem, threadsFor } from './kernels/kernelPool';
import { withSharedWasmMemory } from './kernels/sharedWasmMemory';
import type { WasmMemory } from './kernels/simdKernels';
import { BACKEND_CHOICES_TEXT, BACKEND_NAMES, backendNameOf, type BackendName } from './backendNames';
import { probeAdapter } from './webgpu/adapter';
import type { AdapterInfo } from './webgpu/dawn';
import { startWebgpu } from './webgpu/webgpuBackend';

export { BACKEND_NAMES, type BackendName } from './backendNames';

/** What the runtime got; recorded in every result and report. */
export interface RuntimeInfo {
  /** tfjs backend name actually in use. */
  backend: BackendName;
  /** Human-readable device, e.g. "GPU via ...", "WebGPU (Dawn) on NVIDIA H200 (GPU; vendor nvidia, ...)", "wasm SIMD, 1 thread on AMD EPYC ...". */
  device: string;
  /** Whether tensors are computed on a GPU (a software WebGPU adapter is not one). */
  gpu: boolean;
  /** The WebGPU adapter, on the webgpu backend. */
  adapter?: AdapterInfo;
  /** npm package that provides the backend. */
  backendPackage: string;
  /** Version of @tensorflow/tfjs-core. */
  tfjsVersion: string;
  /** Kernels this module replaced or added on the chosen backend (on webgpu also `readSync`, a backend method). */
  kernelFixes: string[];
  /** Backends that were tried before this one and why they were skipped. */
  skipped: string[];
}

export class BackendUnavailableError extends Error {
  constructor(requested: string, reason: string) {
    super(`The TensorFlow.js backend '${requested}' is not available: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

let current: RuntimeInfo | undefined;

/** The binaries the wasm backend loads at start (without and with SIMD; tfjs's threaded build is not used in Node: sharedWasmMemory.ts). */
const WASM_BINARIES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'];

/** "N threads" the project's wasm kernels run with (kernelThreads.ts), or why only one. */
function wasmThreadsText(): string {
  const memory = (tf.backend() as unknown as { wasm?: { asm?: { memory?: WasmMemory } } }).wasm?.asm?.memory;
  if (memory === undefined) return '1 thread';
  const threads = threadsFor(memory);
  const problem = threadProblem(memory);
  return threads === 1 ? `1 thread${problem !== undefined ? ` (${problem})` : ''}` : `${threads} threads for the project's kernels`;
}

/** The wasm backend's device line; it follows the thread count, which setKernelThreads may change after start. */
function wasmDeviceText(simd: boolean): string {
  return `wasm${simd ? ' SIMD' : ''}, ${wasmThreadsText()} on ${cpuModel()}`;
}

let wasmHasSimd = false;

/** Silences the banners tfjs prints per process (cpu "Hi, looks like you are running..." etc.). */
function quietTfjs(): void {
  tf.env().set('PROD', true);
}

function cpuModel(): string {
  const cpus = os.cpus();
  return cpus.length > 0 ? `${cpus[0].model.trim()} (${cpus.length} cores)` : 'unknown CPU';
}

/** Parses a backend name from the environment or an option; throws on a typo. */
export function parseBackendName(value: string | undefined): BackendName | undefined {
  const name = backendNameOf(value);
  if (name === null) throw new BackendUnavailableError(String(value), `expected one of ${BACKEND_CHOICES_TEXT}`);
  return name;
}

/** Loads tfjs-node-gpu or tfjs-node (in that order); returns the package that loaded or why none did. */
function loadNativeBinding(): { pkg?: string; errors: string[] } {
  const errors: string[] = [];
  for (const pkg of ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node']) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- an optional backend package, loaded only when asked for
      require(pkg);
      if (tf.findBackend('tensorflow') !== null) return { pkg, errors };
      errors.push(`${pkg}: loaded but registered no 'tensorflow' backend (two copies of tfjs-core?)`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      errors.push(code === 'MODULE_NOT_FOUND' ? `${pkg}: not installed` : `${pkg}: ${(err as Error).message.split('\n')[0]}`);
    }
  }
  return { errors };
}

function tensorflowDevice(pkg: string): { device: string; gpu: boolean } {
  const binding = (tf.backend() as unknown as { binding?: { isUsingGpuDevice?: () => boolean } }).binding;
  const gpu = typeof binding?.isUsingGpuDevice === 'function' && binding.isUsingGpuDevice();
  return { gpu, device: gpu ? `GPU via ${pkg} (libtensorflow)` : `CPU via ${pkg} (libtensorflow) on ${cpuModel()}` };
}

/**
 * Initialises backend `name`; undefined (with the reason in `skipped`) when it cannot be had.
 * @param auto from the automatic order (webgpu then refuses a software adapter)
 */
async function tryBackend(
  name: BackendName,
  skipped: string[],
  auto: boolean,
): Promise<Omit<RuntimeInfo, 'skipped' | 'tfjsVersion' | 'kernelFixes'> | undefined> {
  if (name === 'tensorflow') {
    const { pkg, errors } = loadNativeBinding();
    if (pkg === undefined) {
      skipped.push(...errors);
      return undefined;
    }
    if (!(await tf.setBackend('tensorflow'))) {
      skipped.push(`${pkg}: backend failed to initialise`);
      return undefined;
    }
    return { backend: name, backendPackage: pkg, ...tensorflowDevice(pkg) };
  }
  if (name === 'webgpu') {
    const started = await startWebgpu(auto);
    if ('problem' in started) {
      skipped.push(started.problem);
      return undefined;
    }
    return { backend: name, backendPackage: '@tensorflow/tfjs-backend-webgpu (webgpu: Dawn)', ...started };
  }
  if (name === 'wasm') {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- the wasm backend registers itself on load, after the shared-memory patch is ready
      require('@tensorflow/tfjs-backend-wasm');
      // A shared memory, so the project's kernels can run on worker threads (issue 14).
      if (await withSharedWasmMemory(() => tf.setBackend('wasm'))) {
        wasmHasSimd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
        return {
          backend: name,
          backendPackage: '@tensorflow/tfjs-backend-wasm',
          device: wasmDeviceText(wasmHasSimd),
          gpu: false,
        };
      }
      skipped.push('@tensorflow/tfjs-backend-wasm: backend failed to initialise');
    } catch (err) {
      skipped.push(`@tensorflow/tfjs-backend-wasm: ${(err as Error).message.split('\n')[0]}`);
    }
    return undefined;
  }
  if (await tf.setBackend('cpu')) {
    return { backend: 'cpu', backendPackage: '@tensorflow/tfjs-backend-cpu', device: `JavaScript, 1 thread on ${cpuModel()}`, gpu: false };
  }
  skipped.push('@tensorflow/tfjs-backend-cpu: backend failed to initialise');
  return undefined;
}

/**
 * Why `name` cannot be had in this installation, or undefined when it can; switches no backend.
 * For `tensorflow` this loads the native binding (the only real test that libtensorflow works);
 * for `webgpu` it asks Dawn for an adapter in a child process (any adapter will do: asked for by
 * name, webgpu runs on a software one too); for `wasm` it resolves the package and its .wasm
 * binaries; `cpu` is always there.
 */
export function backendProblem(name: BackendName): string | undefined {
  if (name === 'tensorflow') {
    if (tf.findBackend('tensorflow') !== null) return undefined;
    const { pkg, errors } = loadNativeBinding();
    return pkg === undefined ? errors.join('; ') : undefined;
  }
  if (name === 'webgpu') {
    if (tf.findBackend('webgpu') !== null) return undefined;
    const probe = probeAdapter();
    return probe.ok ? undefined : probe.problem;
  }
  if (name === 'wasm') {
    try {
      const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
      const missing = WASM_BINARIES.filter((file) => !fs.existsSync(path.join(dir, 'dist', file)));
      return missing.length > 0 ? `@tensorflow/tfjs-backend-wasm: ${missing.join(', ')} missing from ${path.join(dir, 'dist')}` : undefined;
    } catch {
      return '@tensorflow/tfjs-backend-wasm: not installed';
    }
  }
  return undefined;
}

/**
 * Selects and initialises the backend (idempotent per process), registers the kernel fixes for it,
 * and returns what it got. `requested` wins over RNN_LAB_BACKEND; both win over the default order.
 */
export async function initRuntime(requested?: BackendName): Promise<RuntimeInfo> {
  const wanted = requested ?? parseBackendName(process.env.RNN_LAB_BACKEND);
  if (current !== undefined && (wanted === undefined || wanted === current.backend) && tf.getBackend() === current.backend) {
    return current;
  }
  quietTfjs();
  const skipped: string[] = [];
  const order: BackendName[] = wanted !== undefined ? [wanted] : [...BACKEND_NAMES];
  for (const name of order) {
    const got = await tryBackend(name, skipped, wanted === undefined);
    if (got === undefined) continue;
    await tf.ready();
    const kernelFixes = [...registerKernelFixes(got.backend), ...(got.backend === 'webgpu' ? ['readSync'] : [])];
    current = { ...got, tfjsVersion: tf.version.tfjs, kernelFixes, skipped };
    return current;
  }
  throw new BackendUnavailableError(wanted ?? 'any', skipped.join('; '));
}

/**
 * Threads the project's kernels run with on the current backend: on wasm threadsFor (kernelPool.ts),
 * 1 on cpu and webgpu (JavaScript on one thread), null on tensorflow (libtensorflow's own pool).
 */
export function kernelThreadsInUse(): number | null {
  const name = tf.getBackend();
  if (name === 'tensorflow') return null;
  const memory = (tf.backend() as unknown as { wasm?: { asm?: { memory?: WasmMemory } } }).wasm?.asm?.memory;
  return name === 'wasm' && memory !== undefined ? threadsFor(memory) : 1;
}

/** The current backend's device line now: on wasm with the thread count in force, not the one at start. */
export function deviceInUse(): string {
  if (current === undefined) throw new Error('deviceInUse() before initRuntime()');
  return current.backend === 'wasm' ? wasmDeviceText(wasmHasSimd) : current.device;
}
