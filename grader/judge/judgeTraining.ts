/**
 * The trusted side's verdict on a training run: the returned weights scored on the held-out
 * text, on the backend the run was asked to use, in this (trusted) process.
 */
import { initRuntime, parseBackendName } from '../runtime/backend';
import { judgePerplexity, type HeldOutSpec, type Judged } from './judgePerplexity';
import type { Weights } from '../sandbox/probeApi';

export async function judgeTraining(heldOut: HeldOutSpec, weights: Weights, backend: string | undefined): Promise<Judged> {
  await initRuntime(parseBackendName(backend));
  return judgePerplexity(heldOut, weights);
}
