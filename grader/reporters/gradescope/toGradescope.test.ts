import type { ScoredTest } from '../../results/types';
import { sampleRun } from '../shared/testing';
import { failureResults, FAILURE_TEST_NAME } from './failureResults';
import { validateGradescopeResults } from './gradescopeSchema';
import { LEADERBOARD_COLUMN, toGradescopeResults } from './toGradescope';
import { TEST_OUTPUT_LIMIT, TOP_OUTPUT_LIMIT } from '../shared/limits';

const OPTS = { stdoutVisibility: 'hidden' } as const;

function withTest(patch: Partial<ScoredTest>, index = 0) {
  const run = sampleRun();
  run.tests[index] = { ...run.tests[index], ...patch };
  return run;
}

describe('toGradescopeResults', () => {
  it('converts a realistic run into results.json that validates against the schema', () => {
    const r = toGradescopeResults(sampleRun(), OPTS);
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
    expect(r.score).toBe(16.6);
    expect(r.execution_time).toBe(52.44);
    expect(r.output_format).toBe('md');
    expect(r.test_output_format).toBe('md');
    expect(r.visibility).toBe('visible');
    expect(r.stdout_visibility).toBe('hidden');
    expect(r.tests.map((t) => [t.number, t.status, t.score, t.max_score])).toEqual([
      ['1.1', 'passed', 2, 2],
      ['1.2', 'passed', 3, 3],
      ['2.1', 'failed', 0, 5],
      ['2.2', 'failed', 3.6, 6],
      ['2.3', 'failed', 0, 4],
      ['3.1', 'passed', 8, 8],
      ['3.2', 'failed', 0, 2],
    ]);
    expect(r.tests[4]).toMatchObject({ name: 'causality', visibility: 'hidden', tags: ['rnn'] });
    expect(r.extra_data).toEqual({
      backend: 'wasm',
      device: 'cpu (2 cores)',
      gpu: false,
      adapter: null,
      isolation: sampleRun().environment.isolation,
      versions: { rnnLab: '0.1.0', node: 'v20.20.0', tfjs: '4.22.0' },
      seed: 1470,
      hashes: { suites: 'a'.repeat(64), config: 'b'.repeat(64) },
      mode: 'grade',
    });
    expect(r.leaderboard).toEqual([{ name: LEADERBOARD_COLUMN, value: 287.31, order: 'asc' }]);
  });

  it('records the GPU and its adapter for a webgpu run', () => {
    const run = sampleRun();
    const adapter = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false };
    run.environment = {
      ...run.environment,
      backend: 'webgpu',
      device: 'WebGPU (Dawn) on NVIDIA H200 (GPU; vendor nvidia, architecture hopper)',
      gpu: true,
      adapter,
    };
    expect(toGradescopeResults(run, OPTS).extra_data).toMatchObject({ backend: 'webgpu', gpu: true, adapter });
  });

  it('says why a test did not pass, and tabulates tensor comparisons in basic Markdown', () => {
    const r = toGradescopeResults(sampleRun(), OPTS);
    expect(r.tests[4].output).toBe('**Timed out:** timed out after 10 s (the submission host was killed)');
    expect(r.tests[6].output).toBe('**Not run:** did not run');
    const bptt = r.tests[3].output;
    expect(bptt).toContain('**Failed:** 3 of 5 gradients match the reference; W\\_r and b\\_r do not');
    expect(bptt).toContain('| weight | shape | max abs err | max rel err | tolerance | ok |');
    expect(bptt).toContain('| W\\_r | \\[24, 16\\] | 0.041 | 1.2 | atol 1e-5 + rtol 1e-3 \\* \\|expected\\| | no (first at index 3) |');
    expect(bptt).toContain('| E | \\[50, 8\\] | 2.10e-7 | 3.00e-6 |');
    // every table row has the header's number of cells (escaped pipes do not count)
    for (const line of bptt.split('\n').filter((l) => l.startsWith('|'))) {
      expect(line.replace(/\\\|/g, '').split('|')).toHaveLength(8);
    }
    expect(r.tests[5].output).toContain('held-out perplexity: 287 (pass at or below 400)');
    expect(r.tests[5].output).toContain('sample: the jury said &lt;unk&gt; .');
  });

  it('in the student view, keeps every entry but gives no output to a test students may not see', () => {
    const r = toGradescopeResults(sampleRun(), { ...OPTS, studentView: true });
    expect(r.tests).toHaveLength(7);
    expect(r.tests[4]).toMatchObject({ name: 'causality', visibility: 'hidden', output: '', score: 0, max_score: 4 });
    // visible tests keep their evidence, as in the HTML student view (grader/reporters/shared/studentView.ts)
    expect(r.tests[3].output).toContain('| W\\_r | \\[24, 16\\] | 0.041 |');
    expect(r.tests[5].output).toContain('held-out perplexity: 287');
    expect(r.output).toContain('**Fix this first**');
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
  });

  it('never shows the total while a test is hidden, and shows it when all are visible', () => {
    // the hidden test (2.3, 4 points) passes: its points must not show through a total
    const withHiddenPass = withTest({ status: 'passed', score: 4, message: 'ok' }, 4);
    withHiddenPass.score = 20.6;
    const hidden = toGradescopeResults(withHiddenPass, OPTS).output;
    expect(hidden).not.toContain('20.6');
    expect(hidden).not.toContain('/ 30');
    expect(hidden).toContain('**Visible tests: 16.6 / 26**');
    const run = sampleRun();
    run.tests = run.tests.map((t) => ({ ...t, visibility: 'visible' }));
    expect(toGradescopeResults(run, OPTS).output).toContain('**Score: 16.6 / 30**');
    expect(hidden).toContain('backend wasm, device cpu (2 cores)');
  });

  it('keeps the lines of a note, so a type error shows its file, line and code frame', () => {
    const note =
      "rnn.ts has type errors; it ran as written and they cost no points:\nrnn.ts:30:3 error TS2322: Type 'Tensor<Rank>' is not assignable to type 'Tensor2D'.\n30 | return x;\n     ^";
    const output = toGradescopeResults(sampleRun({ messages: [note, 'second note'] }), OPTS).output;
    expect(output).toContain(
      "- rnn.ts has type errors; it ran as written and they cost no points:  \nrnn.ts:30:3 error TS2322: Type 'Tensor&lt;Rank&gt;' is not assignable to type 'Tensor2D'.  \n30 \\| return x;  \n&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;^\n- second note",
    );
  });

  it('says "public checks" in check mode and omits the leaderboard without a perplexity', () => {
    const r = toGradescopeResults(sampleRun({ mode: 'check', rnnPerplexity: undefined }), OPTS);
    expect(r.output).toContain('Public checks only: hidden tests were not run.');
    expect(r).not.toHaveProperty('leaderboard');
    expect(toGradescopeResults(sampleRun({ rnnPerplexity: Number.NaN }), OPTS)).not.toHaveProperty('leaderboard');
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
  });

  it('keeps output hygienic: HTML escaped, ANSI stripped, NUL replaced, long output capped with a note', () => {
    const evil = '\u001b[31m<script>alert(1)</script>\u0000 & ' + 'z'.repeat(50000);
    const run = withTest({ status: 'error', message: evil, name: 'x\u001b[2Jy' });
    run.messages = ['<img src=x onerror=alert(1)>' + 'm'.repeat(50000)];
    const r = toGradescopeResults(run, OPTS);
    const out = r.tests[0].output;
    expect(out.startsWith('**Error:** &lt;script&gt;alert(1)&lt;/script&gt;\uFFFD &amp; ')).toBe(true);
    expect(out).not.toMatch(/[\u001b\u0000<>]/);
    expect(out.length).toBeLessThanOrEqual(TEST_OUTPUT_LIMIT);
    expect(out).toMatch(/\[\.\.\. \d+ characters cut \.\.\.\]/);
    expect(r.tests[0].name).toBe('xy');
    expect(r.output.length).toBeLessThanOrEqual(TOP_OUTPUT_LIMIT);
    expect(r.output).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(r.output).not.toMatch(/<img/);
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
  });
});

describe('failureResults', () => {
  it('is valid results.json with score 0 and one visible test that says why', () => {
    const r = failureResults('submission.zip has an entry outside the folder: ../../etc/passwd <b>', {
      rnnLab: '1.0.0',
      node: 'v20.0.0',
      tfjs: '4.22.0',
    });
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
    expect(r.score).toBe(0);
    expect(r.tests).toHaveLength(1);
    expect(r.tests[0]).toMatchObject({ name: FAILURE_TEST_NAME, visibility: 'visible', status: 'failed', score: 0 });
    expect(r.tests[0].output).toContain('../../etc/passwd &lt;b&gt;');
    expect(r.extra_data).toEqual({ versions: { rnnLab: '1.0.0', node: 'v20.0.0', tfjs: '4.22.0' }, error: true });
  });

  it('is valid with no environment and an empty message', () => {
    const r = failureResults('');
    expect(validateGradescopeResults(r)).toEqual({ ok: true });
    expect(r.extra_data).toEqual({ error: true });
    expect(r.tests[0].output).toBe('grading could not run');
  });
});
