import { validateGradescopeResults } from './gradescopeSchema';

/** A minimal object that is valid: every field rnn-lab always writes. */
function valid(): Record<string, unknown> {
  return {
    score: 1,
    execution_time: 2.5,
    output: 'ok',
    output_format: 'md',
    test_output_format: 'md',
    visibility: 'visible',
    stdout_visibility: 'hidden',
    extra_data: { anything: { goes: [1, 'two'] } },
    tests: [{ score: 1, max_score: 1, status: 'passed', name: 't', number: '1.1', output: '', tags: ['a'], visibility: 'visible' }],
    leaderboard: [{ name: 'perplexity', value: 12.5, order: 'asc' }],
  };
}

function errorsOf(obj: unknown): string[] {
  const r = validateGradescopeResults(obj);
  return r.ok ? [] : r.errors;
}

describe('Gradescope results schema', () => {
  it('accepts a valid object, every optional field of the spec included', () => {
    const o = valid();
    o.test_name_format = 'text';
    (o.tests as Record<string, unknown>[])[0].name_format = 'html';
    (o.tests as Record<string, unknown>[])[0].output_format = 'ansi';
    (o.tests as Record<string, unknown>[])[0].extra_data = { id: 'x' };
    (o.leaderboard as unknown[]).push({ name: 'stars', value: '*****', order: 'desc' });
    expect(validateGradescopeResults(o)).toEqual({ ok: true });
  });

  it('accepts every format and visibility value of the spec', () => {
    for (const f of ['text', 'html', 'simple_format', 'md', 'ansi']) {
      for (const v of ['hidden', 'after_due_date', 'after_published', 'visible']) {
        expect(errorsOf({ ...valid(), output_format: f, test_output_format: f, visibility: v, stdout_visibility: v })).toEqual([]);
      }
    }
  });

  it('rejects a test status outside passed|failed, with the path and the allowed values', () => {
    const o = valid();
    (o.tests as Record<string, unknown>[])[0].status = 'timeout';
    expect(errorsOf(o)).toEqual(['/tests/0/status: must be equal to one of the allowed values (passed, failed)']);
  });

  it('rejects a leaderboard entry without a name, or with a bad order or value', () => {
    const o = valid();
    o.leaderboard = [{ value: 3, order: 'asc' }];
    expect(errorsOf(o)).toEqual(["/leaderboard/0: must have required property 'name'"]);
    o.leaderboard = [{ name: 'p', value: 3, order: 'up' }];
    expect(errorsOf(o).join()).toMatch(/^\/leaderboard\/0\/order: must be equal to one of the allowed values \(asc, desc\)/);
    o.leaderboard = [{ name: 'p', value: true, order: 'asc' }];
    expect(errorsOf(o).join()).toMatch(/^\/leaderboard\/0\/value: must be number,string/);
  });

  it('rejects unknown keys at every level except extra_data', () => {
    expect(errorsOf({ ...valid(), grade: 1 })).toEqual(["/: must NOT have additional properties ('grade')"]);
    const o = valid();
    (o.tests as Record<string, unknown>[])[0].points = 1;
    expect(errorsOf(o)).toEqual(["/tests/0: must NOT have additional properties ('points')"]);
    o.tests = [];
    o.leaderboard = [{ name: 'p', value: 1, order: 'asc', rank: 1 }];
    expect(errorsOf(o)).toEqual(["/leaderboard/0: must NOT have additional properties ('rank')"]);
  });

  it('rejects bad format and visibility enums, null for optional fields, NaN scores', () => {
    expect(errorsOf({ ...valid(), output_format: 'markdown' })).toHaveLength(1);
    expect(errorsOf({ ...valid(), stdout_visibility: 'students' })).toHaveLength(1);
    expect(errorsOf({ ...valid(), test_name_format: null })).not.toEqual([]);
    expect(errorsOf({ ...valid(), leaderboard: null })).not.toEqual([]);
    expect(errorsOf({ ...valid(), score: Number.NaN })).not.toEqual([]);
  });

  it('rejects execution_time as a string: Gradescope tolerates it from gradescope-utils, rnn-lab never writes one', () => {
    expect(errorsOf({ ...valid(), execution_time: '2.50' })).toEqual(['/execution_time: must be number']);
  });

  it('requires the fields rnn-lab always writes', () => {
    const { tests: _tests, score: _score, ...rest } = valid();
    const errors = errorsOf(rest);
    expect(errors).toContain("/: must have required property 'score'");
    expect(errors).toContain("/: must have required property 'tests'");
  });
});
