/**
 * The probe protocol between the trusted grader and the untrusted submission host. Messages travel
 * as length-prefixed frames of v8.serialize (structured clone) over a pipe (framedChannel.ts), so
 * typed arrays cross as raw bytes and the grader refuses an oversized reply before reading it.
 * Each request names a probe and carries JSON-like arguments.
 */

import type { GpuAdapterReport } from '../results/types';

/** A tensor on the wire: shape, dtype and the flat values. */
export interface WireTensor {
  shape: number[];
  dtype: 'float32' | 'int32';
  data: Float32Array | Int32Array;
}

/** Why a probe call failed inside the host; the grader turns each kind into a student message. */
export type ProbeErrorKind =
  | 'missing-file' // the lab file does not exist in the submission
  | 'compile' // the file (or one it imports) did not compile
  | 'missing-export' // the file does not export the function or class
  | 'threw' // the submission's code threw
  | 'bad-result' // it returned something of the wrong type or shape
  | 'no-gradient'; // a weight receives no gradient from the loss

export interface ProbeFailure {
  kind: ProbeErrorKind;
  message: string;
}

export interface ProbeRequest {
  id: number;
  probe: string;
  args: unknown;
}

export type ProbeResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ProbeFailure };

/** Sent once by the host when it is ready to answer. */
export interface HostReady {
  ready: true;
  backend: string;
  device: string;
  /** Whether the backend computes on a GPU (runtime/backend.ts RuntimeInfo.gpu). */
  gpu: boolean;
  adapter?: GpuAdapterReport;
  startMs: number;
}

/** Environment variables through which the grader configures the host. */
export const HOST_ENV = {
  /** Folder with the submission's compiled .js files. */
  labDir: 'RNN_LAB_HOST_LAB_DIR',
  /** tensorflow | webgpu | wasm | cpu */
  backend: 'RNN_LAB_BACKEND',
} as const;
