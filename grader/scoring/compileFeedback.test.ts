import { TYPE_CHECK_TEST_ID } from '../config/assignmentConfig';
import type { CompileResult } from '../intake/compile/compileSubmission';
import { TYPE_CHECK_PASSED, compileFeedback } from './compileFeedback';
import { scoreRun } from './scoreRun';
import { sampleConfig, testConfig } from './testing';

const NIT = "rnn.ts:30:3 error TS2322: Type 'Tensor<Rank>' is not assignable to type 'Tensor2D'.\n30 |   return tf.tanh(x);\n       ^";
const SYNTAX = 'loss.ts:3:7 error TS1134: Variable declaration expected.\n3 | const = 5;\n          ^';

const clean: CompileResult['files'] = {
  'data.ts': { ok: true, emitted: true, diagnostics: '' },
  'rnn.ts': { ok: true, emitted: true, diagnostics: '' },
};
const nit: CompileResult['files'] = { ...clean, 'rnn.ts': { ok: false, emitted: true, diagnostics: NIT } };
const both: CompileResult['files'] = { ...nit, 'loss.ts': { ok: false, emitted: false, diagnostics: SYNTAX } };

describe('compileFeedback', () => {
  it('says nothing and scores nothing for a clean compile under "report"', () => {
    expect(compileFeedback(clean, 'report', false)).toEqual({ messages: [], outcomes: [] });
  });

  it('under "report" shows type errors as a note, with file, line and code frame, and costs nothing', () => {
    const { messages, outcomes } = compileFeedback(both, 'report', false);
    expect(outcomes).toEqual([]);
    expect(messages).toEqual([
      `loss.ts did not compile; the tests that need it fail:\n${SYNTAX}`,
      `rnn.ts has type errors; it ran as written and they cost no points:\n${NIT}`,
    ]);
  });

  it('under "fail" turns type errors into one failed test that shows them, not into a note', () => {
    const { messages, outcomes } = compileFeedback(nit, 'fail', true);
    expect(messages).toEqual([]);
    expect(outcomes).toEqual([
      {
        id: TYPE_CHECK_TEST_ID,
        status: 'failed',
        message: `errors in rnn.ts (a file with only type errors ran as written: this test alone costs their points)\n${NIT}`,
        durationMs: 0,
      },
    ]);
    expect(compileFeedback(clean, 'fail', true).outcomes).toEqual([
      { id: TYPE_CHECK_TEST_ID, status: 'passed', message: TYPE_CHECK_PASSED, durationMs: 0 },
    ]);
  });

  it('under "fail" also fails the test for a file that did not compile at all, which keeps its own note', () => {
    const { messages, outcomes } = compileFeedback(both, 'fail', true);
    expect(messages).toEqual([`loss.ts did not compile; the tests that need it fail:\n${SYNTAX}`]);
    expect(outcomes[0].status).toBe('failed');
    expect(outcomes[0].message).toMatch(/^errors in rnn\.ts, loss\.ts /);
    expect(outcomes[0].message).toContain(NIT);
    expect(outcomes[0].message).toContain('loss.ts did not compile (its errors are in the notes on the submission)');
  });

  it('under "fail" but with the test not graded (a public check), still shows the errors as a note', () => {
    const { messages, outcomes } = compileFeedback(nit, 'fail', false);
    expect(outcomes).toEqual([]);
    expect(messages).toEqual([
      `rnn.ts has type errors; it ran as written and they cost the points of the type-check test (${TYPE_CHECK_TEST_ID}) when it is graded:\n${NIT}`,
    ]);
  });

  it("costs exactly the type-check test's points when scored", () => {
    const config = sampleConfig();
    config.typeErrors = 'fail';
    config.questions.push({ id: 'typecheck', title: 'Type checking', tests: [testConfig(TYPE_CHECK_TEST_ID, 2)] });
    const passes = config.questions
      .flatMap((q) => q.tests)
      .filter((t) => t.id !== TYPE_CHECK_TEST_ID)
      .map((t) => ({ id: t.id, status: 'passed' as const, message: '', durationMs: 1 }));
    const scored = scoreRun([...compileFeedback(nit, 'fail', true).outcomes, ...passes], config);
    expect(scored.warnings).toEqual([]);
    expect([scored.score, scored.maxScore]).toEqual([30, 32]);
    expect(scored.tests.find((t) => t.id === TYPE_CHECK_TEST_ID)).toMatchObject({
      status: 'failed',
      score: 0,
      maxScore: 2,
      visibility: 'visible',
    });
  });
});
