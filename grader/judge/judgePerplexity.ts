/**
 * Held-out perplexity of trained weights, measured by the trusted side: examples built from the
 * held-out ids by grader code, logits from the lab's forward pass in grader code, and
 * exp(token-averaged cross-entropy) over batches of 256 examples. Nothing the host computed
 * enters the figure except the weights themselves.
 */
import * as tf from '@tensorflow/tfjs';
import type { NgramConfig, RnnConfig } from '../lab';
import type { Weights } from '../sandbox/probeApi';
import { meanCrossEntropy } from './crossEntropy';
import { heldOutNgrams, heldOutWindows, type HeldOut } from './heldOutExamples';
import { ngramLogits, rnnLogits, type NgramTensors, type RnnTensors } from './referenceLogits';
import { checkTrainedWeights } from './trainedWeights';

export const EVAL_BATCH = 256;

export interface HeldOutSpec {
  model: 'ngram' | 'rnn';
  cfg: NgramConfig | RnnConfig;
  /** Held-out token ids (never sent to the host). */
  evalIds: Int32Array;
  /** windowSz (RNN) or n (N-gram). */
  context: number;
}

export type Judged = { ok: true; perplexity: number; evalTokens: number } | { ok: false; problem: string };

/** exp(sum of per-token NLL / tokens), batch by batch. */
function perplexityOf(logitsOf: (x: tf.Tensor2D) => tf.Tensor, data: HeldOut): { perplexity: number; tokens: number } {
  const count = data.inputs.shape[0];
  const tokensPerExample = data.labels.size / count;
  let nll = 0;
  let tokens = 0;
  for (let start = 0; start < count; start += EVAL_BATCH) {
    const size = Math.min(EVAL_BATCH, count - start);
    const mean = tf.tidy(
      () => meanCrossEntropy(logitsOf(tf.slice(data.inputs, start, size)), tf.slice(data.labels, start, size)).dataSync()[0],
    );
    nll += mean * tokensPerExample * size;
    tokens += tokensPerExample * size;
  }
  return { perplexity: Math.exp(nll / tokens), tokens };
}

/** The held-out perplexity of `weights`, or why they cannot be scored. */
export function judgePerplexity(spec: HeldOutSpec, weights: Weights): Judged {
  const checked = checkTrainedWeights(spec.model, spec.cfg, weights);
  if (!checked.ok) return checked;
  const data = spec.model === 'rnn' ? heldOutWindows(spec.evalIds, spec.context) : heldOutNgrams(spec.evalIds, spec.context);
  try {
    const logitsOf =
      spec.model === 'rnn'
        ? (x: tf.Tensor2D) => rnnLogits(checked.tensors as RnnTensors, x)
        : (x: tf.Tensor2D) => ngramLogits(checked.tensors as NgramTensors, x);
    const { perplexity, tokens } = perplexityOf(logitsOf, data);
    return { ok: true, perplexity, evalTokens: tokens };
  } finally {
    tf.dispose([data.inputs, data.labels, ...Object.values(checked.tensors)]);
  }
}
