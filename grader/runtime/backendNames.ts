/**
 * The names of the TensorFlow.js backends the runtime can pick, and the parsing of a requested one,
 * without loading TensorFlow.js (the CLI validates `--backend` and RNN_LAB_BACKEND with this).
 */

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
