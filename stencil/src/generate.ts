/** Text generation with a trained RNN: feed the prompt, then sample one token at a time. */
import { RnnLM } from './rnn';
import { Vocab } from './data';

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
  // Hints: run the prompt through model.call to get the last logits and the final state; then
  // repeatedly sample an id from softmax(logits / temperature) (argmax when temperature is 0,
  // seededRandom(opts.seed) for the draws) and feed it back with initialState = the last state.
  throw new Error('TODO(generate): feed the prompt, then sample one token at a time, carrying the state');
}
