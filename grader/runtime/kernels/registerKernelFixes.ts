import type { BackendName } from '../backend';

/** Registers the project's kernel fixes for `backend`; returns the names of the kernels it patched. */
export function registerKernelFixes(backend: BackendName): string[] {
  void backend;
  return [];
}
