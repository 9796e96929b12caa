/** The golden file as the suites use it: stored tensors turned into wire tensors for probes. */
import { readGoldens } from '../../goldens/goldenFile';
import type { GoldenFile, StoredTensor, StoredWeights } from '../../goldens/goldenTypes';
import type { WireTensor } from '../../sandbox/protocol';
import type { Weights } from '../../sandbox/probeApi';

let cached: GoldenFile | undefined;

export function golden(): GoldenFile {
  cached ??= readGoldens();
  return cached;
}

export function wire(t: StoredTensor): WireTensor {
  return { shape: [...t.shape], dtype: t.dtype, data: t.dtype === 'int32' ? Int32Array.from(t.values) : Float32Array.from(t.values) };
}

export function wireWeights(w: StoredWeights): Weights {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, wire(v)]));
}

export function shapesOf(w: StoredWeights): Record<string, number[]> {
  return Object.fromEntries(Object.entries(w).map(([k, v]) => [k, v.shape]));
}
