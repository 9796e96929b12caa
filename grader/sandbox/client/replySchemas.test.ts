/** The per-probe reply checks: what a hostile or broken host can send is refused before use, quickly. */
import { MAX_TENSOR_ELEMENTS, replyProblem } from './replySchemas';

const tensor = (shape: number[], data: Float32Array | Int32Array = new Float32Array(shape.reduce((a, b) => a * b, 1))) => ({
  shape,
  dtype: data instanceof Int32Array ? 'int32' : 'float32',
  data,
});

describe('reply schemas', () => {
  it('accepts the replies an honest host sends', () => {
    expect(replyProblem('rnn.paramCount', 42)).toBeUndefined();
    expect(replyProblem('data.buildVocab', ['<unk>', 'a'])).toBeUndefined();
    expect(replyProblem('rnn.forward', { logits: tensor([2, 3, 5]), finalState: tensor([2, 4]) })).toBeUndefined();
    expect(replyProblem('rnn.gradients', { loss: 1.5, grads: { Wr: tensor([3, 2]), br: null } })).toBeUndefined();
    const run = { weights: { embedding: tensor([5, 2]) }, losses: [3, 2], tensorsPerStep: [7, 7], tensorsAfterTraining: 3, seconds: 1 };
    expect(replyProblem('train.run', run)).toBeUndefined();
  });

  it('refuses a sparse array of length 2^32-1 without walking it', () => {
    const sparse: unknown[] = [];
    sparse.length = 2 ** 32 - 1;
    const started = performance.now();
    expect(replyProblem('data.buildVocab', sparse)).toBe('the reply is an array of length 4294967295, more than 1000000');
    const holes: unknown[] = ['a'];
    holes.length = 10;
    expect(replyProblem('data.decode', holes)).toBe('the reply is a sparse array (no element 1)');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('accepts typed arrays and objects made in another realm (replies are deserialised outside Jest)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- compiled output whose path is known only at run time
    const vm = require('vm') as typeof import('vm');
    const foreign = vm.runInNewContext('({ shape: [2], dtype: "float32", data: new Float32Array(2) })') as unknown;
    expect(replyProblem('rnn.cell', foreign)).toBeUndefined();
  });

  it('refuses a typed array whose length is not the product of its shape, or of the wrong dtype', () => {
    expect(replyProblem('rnn.cell', { shape: [2, 3], dtype: 'float32', data: new Float32Array(5) })).toBe(
      'the reply.data has 5 values, but its shape [2, 3] needs 6',
    );
    expect(replyProblem('rnn.cell', { shape: [2, 3], dtype: 'float32', data: new Int32Array(6) })).toBe(
      'the reply.data is a Int32Array of 6 elements, expected a Float32Array',
    );
    expect(replyProblem('rnn.cell', { shape: [2, -3], dtype: 'float32', data: new Float32Array(6) })).toBe(
      'the reply.shape[1] is number -3, expected a whole number',
    );
    expect(replyProblem('rnn.cell', { shape: [1 << 20, 1 << 20], dtype: 'float32', data: new Float32Array(0) })).toBe(
      `the reply has shape [1048576, 1048576]: 1099511627776 elements, more than ${MAX_TENSOR_ELEMENTS}`,
    );
  });

  it('refuses extra fields, wrong types and non-finite figures where a figure is required', () => {
    expect(replyProblem('rnn.forward', { logits: tensor([1, 1, 1]), finalState: tensor([1, 1]), extra: 1 })).toBe(
      'the reply has an unexpected field "extra"',
    );
    expect(replyProblem('rnn.paramCount', '42')).toBe('the reply is string "42", expected a number');
    const run = { weights: { embedding: tensor([5, 2]) }, losses: [3, 2], tensorsPerStep: [7], tensorsAfterTraining: 3, seconds: 'fast' };
    expect(replyProblem('train.run', run)).toBe('the reply.seconds is string "fast", expected a number');
    expect(replyProblem('train.generate', [{ toString: () => 'x' }])).toBe('the reply[0] is an object, expected a word');
  });
});
