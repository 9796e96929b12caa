/** Hidden suite: data.ts (vocabulary, encoding, n-gram examples, windows). */
import { graded } from './support/graded';
import { golden } from './support/golden';
import { formatShape } from '../format';
import type { WireTensor } from '../sandbox/protocol';

function firstDifference(found: readonly (string | number)[], expected: readonly (string | number)[]): number {
  const n = Math.max(found.length, expected.length);
  for (let i = 0; i < n; i++) if (found[i] !== expected[i]) return i;
  return -1;
}

/** Checks dtype, shape and values of an int32 tensor against the reference's. */
function checkInts(what: string, found: WireTensor, expected: { shape: number[]; values: number[] }): string | undefined {
  if (found.dtype !== 'int32') return `${what} has dtype ${found.dtype}, expected int32 (token ids)`;
  if (found.shape.join(',') !== expected.shape.join(','))
    return `${what} has shape ${formatShape(found.shape)}, expected ${formatShape(expected.shape)}`;
  const i = firstDifference(Array.from(found.data), expected.values);
  return i >= 0 ? `${what} differs from the expected ids first at flat position ${i}` : undefined;
}

graded('data.vocab', async (t) => {
  const { tokens, minCount } = golden().inputs.data;
  const expected = golden().outputs.data.vocab;
  const words = await t.call('data.buildVocab', { tokens, minCount });
  if (!words.includes('<unk>')) t.fail('the vocabulary has no <unk> entry');
  const sorted = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (words.join('\u0000') !== sorted.join('\u0000'))
    t.fail('the vocabulary is not sorted (compare words with < so the order does not depend on the locale)');
  if (words.length !== expected.length)
    t.fail(
      `the vocabulary has ${words.length} words for minCount ${minCount}, expected ${expected.length} (words seen at least minCount times, plus <unk>)`,
    );
  const i = firstDifference(words, expected);
  if (i >= 0) t.fail(`vocabulary entry ${i} is "${words[i]}", which should not be there at that position (check the minCount rule)`);
});

graded('data.encode', async (t) => {
  const { encodeTokens } = golden().inputs.data;
  const words = golden().outputs.data.vocab;
  const ids = await t.call('data.encode', { tokens: encodeTokens, words });
  const expected = golden().outputs.data.encoded;
  const i = firstDifference(ids, expected);
  if (i >= 0) t.fail(`encode gave id ${ids[i]} for "${encodeTokens[i]}" (position ${i}); unknown words must map to the id of <unk>`);
  const back = await t.call('data.decode', { ids, words });
  const expectedBack = encodeTokens.map((w) => (words.includes(w) ? w : '<unk>'));
  const j = firstDifference(back, expectedBack);
  if (j >= 0) t.fail(`decode(encode(tokens)) gave "${back[j]}" at position ${j}, expected "${expectedBack[j]}"`);
});

graded('data.ngramExamples', async (t) => {
  const { ids, n } = golden().inputs.data;
  const out = await t.call('data.makeNgramExamples', { ids, n });
  const expected = golden().outputs.data.ngram;
  const problem = checkInts('inputs', out.inputs, expected.inputs) ?? checkInts('labels', out.labels, expected.labels);
  if (problem) t.fail(`makeNgramExamples(ids, n=${n}): ${problem}. inputs[i] must be ids[i..i+n-2] and labels[i] = ids[i+n-1]`);
});

graded('data.windows', async (t) => {
  const { ids, windowSz } = golden().inputs.data;
  const out = await t.call('data.makeWindows', { ids, windowSz });
  const expected = golden().outputs.data.windows;
  const shapes = {
    shapes: [
      { name: 'inputs', expected: expected.inputs.shape, found: out.inputs.shape },
      { name: 'labels', expected: expected.labels.shape, found: out.labels.shape },
    ],
  };
  Object.assign(t.details, shapes);
  const x = Array.from(out.inputs.data);
  const y = Array.from(out.labels.data);
  if (x.length === y.length && x.length > 0 && x.every((v, i) => v === y[i])) {
    t.fail(
      'labels equal the inputs: the labels must be the inputs shifted by one token (x = ids[0..len-2], y = ids[1..len-1]); otherwise the model just copies its input and perplexity looks impossibly good',
    );
  }
  const problem = checkInts('inputs', out.inputs, expected.inputs) ?? checkInts('labels', out.labels, expected.labels);
  if (problem)
    t.fail(
      `makeWindows(ids, windowSz=${windowSz}) on ${ids.length} ids: ${problem}. Each window must be ${windowSz} consecutive tokens: cut x and y to a multiple of windowSz, then reshape row by row to [numWindows, windowSz].`,
    );
});
