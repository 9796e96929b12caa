/** Text generation with a trained RNN: feed the prompt, then sample one token at a time. */
import * as tf from '@tensorflow/tfjs';
import { RnnLM } from './rnn';
import { Vocab, STOP, encode, decode } from './data';
import { seededRandom } from './random';

/** Draws an id from softmax(logits / temperature); temperature 0 picks the argmax. */
function sampleId(logits: Float32Array | Int32Array | Uint8Array, temperature: number, random: () => number): number {
  let best = 0;
  for (let i = 1; i < logits.length; i++) if (logits[i] > logits[best]) best = i;
  if (temperature === 0) return best;
  const weights = Array.from(logits, (l) => Math.exp((l - logits[best]) / temperature));
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

/**
 * Continues `prompt` with `length` sampled tokens (the prompt itself is not returned). An empty
 * prompt starts after a sentence end (STOP).
 */
export function generate(
  model: RnnLM,
  vocab: Vocab,
  prompt: readonly string[],
  length: number,
  opts: { temperature?: number; seed?: number } = {},
): string[] {
  const temperature = opts.temperature ?? 1;
  if (!(temperature >= 0)) throw new RangeError(`generate: temperature must be >= 0, got ${temperature}`);
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`generate: length must be an integer >= 0, got ${length}`);
  const random = seededRandom(opts.seed ?? 0);
  const V = model.config.vocabSz;
  const promptIds = encode(prompt.length > 0 ? prompt : [STOP], vocab);
  const out: number[] = [];
  const promptInput = tf.tensor2d(promptIds, [1, promptIds.length], 'int32');
  let { logits, finalState } = model.call(promptInput);
  promptInput.dispose();
  try {
    for (let i = 0; i < length; i++) {
      const last = tf.tidy(() => tf.slice(logits, [0, logits.shape[1] - 1, 0], [1, 1, V]));
      const id = sampleId(last.dataSync(), temperature, random);
      last.dispose();
      out.push(id);
      const input = tf.tensor2d([id], [1, 1], 'int32');
      const next = model.call(input, finalState);
      input.dispose();
      logits.dispose();
      finalState.dispose();
      ({ logits, finalState } = next);
    }
  } finally {
    logits.dispose();
    finalState.dispose();
  }
  return decode(out, vocab);
}
