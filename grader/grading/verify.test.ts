import { sampleRun } from '../reporters/shared/testing';
import type { Fixture } from './fixtureSubmission';
import { compare } from './verify';

/** A fixture whose expected statuses are exactly those of the sample run. */
function fixtureFor(mentions: Record<string, string[]>): Fixture {
  const expected = Object.fromEntries(sampleRun().tests.map((t) => [t.id, t.status]));
  return { name: 'sample', dir: '/nowhere', spec: { description: 'sample', base: 'none', expected, mentions } };
}

describe('verify compare', () => {
  it('passes when every status matches and every mention is shown', () => {
    expect(compare(fixtureFor({ messages: ['1 file ignored'], 'rnn.forward': ['batch 2, window 5'] }), sampleRun())).toEqual([]);
  });

  it('names each mention the results do not show, and mentions of tests the config lacks', () => {
    const mismatches = compare(
      fixtureFor({ messages: ['near rnn.ts line 7'], 'rnn.forward': ['logits differ', 'line 12'], 'rnn.nope': ['x'] }),
      sampleRun(),
    );
    expect(mismatches).toEqual([
      'messages: does not mention "near rnn.ts line 7" (notes: "solution.ts: 1 file ignored (not part of the handout)")',
      'rnn.forward: does not mention "line 12" (message: "logits differ from the reference\\nchecked with the given weights, batch 2, window 5")',
      'rnn.nope: mentions recorded for a test that is not in the config',
    ]);
  });
});
