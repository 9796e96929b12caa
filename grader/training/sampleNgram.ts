/** Text sampling from a trained N-gram model (the RNN has `generate` in the lab API). */
import * as tf from '@tensorflow/tfjs';
import { NgramLM } from '../../solution/src/ngram';
import { STOP, Vocab, decode } from '../../solution/src/data';
import { seededRandom } from '../../solution/src/random';

/**
 * Samples `length` tokens, starting from a context of sentence ends, drawing each next word from
 * softmax(logits / temperature) of the last n-1 words.
 */
export function sampleNgram(model: NgramLM, vocab: Vocab, length: number, temperature = 1, seed = 0): string[] {
  const random = seededRandom(seed);
  const context = Array.from({ length: model.config.n - 1 }, () => vocab.index.get(STOP) ?? 0);
  const out: number[] = [];
  for (let i = 0; i < length; i++) {
    const probs = tf.tidy(() =>
      tf.softmax(tf.div(model.call(tf.tensor2d([context], [1, context.length], 'int32')), temperature)).dataSync(),
    );
    let r = random();
    let id = probs.length - 1;
    for (let j = 0; j < probs.length; j++) {
      r -= probs[j];
      if (r <= 0) {
        id = j;
        break;
      }
    }
    out.push(id);
    context.shift();
    context.push(id);
  }
  return decode(out, vocab);
}
