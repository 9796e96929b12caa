/**
 * Synchronous reads (`dataSync`, `arraySync`, `bufferSync`) on the webgpu backend in Node.
 *
 * tfjs-backend-webgpu 4.22 reads a GPU tensor synchronously through an OffscreenCanvas, which
 * Node does not have ("OffscreenCanvas is not defined"), yet student code, the reference solution
 * and the host's probes call dataSync. This replaces the backend's readSync with the path of its
 * asynchronous read (copy into a mappable staging buffer, map it, copy the bytes out), waiting for
 * the mapping by running Dawn's event processing in a loop (pumpDawnEvents) instead of awaiting.
 * A read that does not complete within READ_TIMEOUT_MS throws.
 */
import * as tf from '@tensorflow/tfjs';
import { pumpDawnEvents } from './dawn';

const READ_TIMEOUT_MS = 120_000;
const NAP = new Int32Array(new SharedArrayBuffer(4));
const FIX = Symbol.for('rnn-lab.webgpuReadSync');

interface GpuBuffer {
  size: number;
  mapState: string;
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}

/** The members of tfjs-backend-webgpu's WebGPUBackend this file uses (not part of its typings). */
interface WebGpuBackendInternals {
  tensorMap: { get(dataId: object): { values: tf.backend_util.BackendValues | null; dtype: string; resource: GpuBuffer | null } };
  bufferManager: { acquireBuffer(size: number, usage: number): GpuBuffer; releaseBuffer(buffer: GpuBuffer): void };
  commandEncoder: { copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void };
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: object, values: tf.backend_util.BackendValues): tf.backend_util.BackendValues;
  readSync(dataId: object): tf.backend_util.BackendValues;
  [FIX]?: true;
}

const MAP_READ = 0x0001; // GPUBufferUsage.MAP_READ and GPUMapMode.READ
const COPY_DST = 0x0008;

/** Copies a GPU buffer's bytes out, waiting for the mapping by pumping Dawn's events. */
function readBufferSync(backend: WebGpuBackendInternals, buffer: GpuBuffer): ArrayBuffer {
  const staging = backend.bufferManager.acquireBuffer(buffer.size, COPY_DST | MAP_READ);
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.commandEncoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
  backend.submitQueue();
  let failure: unknown;
  staging.mapAsync(MAP_READ).catch((err: unknown) => (failure = err));
  const started = Date.now();
  for (let spins = 0; staging.mapState === 'pending'; spins++) {
    if (!pumpDawnEvents())
      throw new Error('webgpu readSync: Dawn has no event callback pending while a buffer mapping is (unknown Dawn version?)');
    if (Date.now() - started > READ_TIMEOUT_MS)
      throw new Error(`webgpu readSync: the GPU did not finish within ${READ_TIMEOUT_MS / 1000} s`);
    // After a short spin, nap 0.1 ms between checks: a software adapter computes on this CPU's cores.
    if (spins > 100) Atomics.wait(NAP, 0, 0, 0.1);
  }
  if (staging.mapState !== 'mapped')
    throw new Error(`webgpu readSync: mapping the staging buffer failed (${String(failure ?? staging.mapState)})`);
  const bytes = staging.getMappedRange().slice(0);
  staging.unmap();
  backend.bufferManager.releaseBuffer(staging);
  return bytes;
}

/**
 * Replaces `readSync` on this webgpu backend (idempotent); reads of complex tensors and of values
 * already on the CPU go to the original.
 * @returns whether the backend was patched by this call or before
 */
export function patchReadSync(backend: tf.KernelBackend): boolean {
  const internals = backend as unknown as WebGpuBackendInternals;
  if (internals[FIX]) return true;
  if (typeof internals.readSync !== 'function' || internals.tensorMap === undefined || internals.bufferManager === undefined) return false;
  const original = internals.readSync.bind(internals);
  internals.readSync = (dataId: object) => {
    const data = internals.tensorMap.get(dataId);
    if (data.values != null || data.dtype === 'string' || data.dtype === 'complex64' || data.resource === null) return original(dataId);
    const values = tf.util.convertBackendValuesAndArrayBuffer(readBufferSync(internals, data.resource), data.dtype as tf.DataType);
    return internals.convertAndCacheOnCPU(dataId, values);
  };
  internals[FIX] = true;
  return true;
}
