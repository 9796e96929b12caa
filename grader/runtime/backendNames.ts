/**
 * The names of the TensorFlow.js backends the runtime can pick, and the parsing of a requested one,
 * without loading TensorFlow.js (the CLI validates `--backend` and RNN_LAB_BACKEND with this).
 */
import { UsageError } from '../errors';

/** The automatic order (webgpu only on a real GPU: see runtime/webgpu/webgpuBackend.ts). */
export const BACKEND_NAMES = ['tensorflow', 'webgpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** What a user may ask for: a backend, or `auto` for the runtime's own order. */
export const BACKEND_CHOICES = ['auto', ...BACKEND_NAMES] as const;

/** What `--backend` may say. */
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

/** "tensorflow, webgpu, wasm, cpu or auto" */
export const BACKEND_CHOICES_TEXT = `${BACKEND_NAMES.join(', ')} or auto`;

/** A backend name, `undefined` for auto/empty/missing, or `null` for a value that names no backend. */
export function backendNameOf(value: string | undefined): BackendName | undefined | null {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  return (BACKEND_NAMES as readonly string[]).includes(value) ? (value as BackendName) : null;
}

/**
 * The backend a command runs on: `--backend` unless it is auto, else RNN_LAB_BACKEND, else
 * undefined (the runtime's own order). A value of RNN_LAB_BACKEND that names no backend is a usage
 * error naming the choices, whatever `--backend` says.
 */
export function requestedBackend(option: string | undefined, env: NodeJS.ProcessEnv = process.env): BackendName | undefined {
  const fromEnv = backendNameOf(env.RNN_LAB_BACKEND);
  if (fromEnv === null) throw new UsageError(`RNN_LAB_BACKEND=${env.RNN_LAB_BACKEND} is not a backend: use one of ${BACKEND_CHOICES_TEXT}`);
  const fromOption = backendNameOf(option);
  if (fromOption === null) throw new UsageError(`--backend ${option} is not a backend: use one of ${BACKEND_CHOICES_TEXT}`);
  return fromOption ?? fromEnv;
}
