import { testMarkdown } from '../shared/markdown';
import { failingRun, sampleRun } from '../shared/testing';
import { renderMarkdown } from './renderMarkdown';

describe('renderMarkdown', () => {
  const md = renderMarkdown(failingRun());

  it("titles the report and gives the score, backend and device (Gradescope's summary)", () => {
    expect(md.startsWith('# Grading report: student-42\n\n**Score: 5.6 / 30**\n\n')).toBe(true);
    expect(md).toContain('Graded on backend wasm, device cpu (2 cores), in 52.44 s.');
    // A note keeps its lines (a hard break before each), so a compiler message's code frame reads as printed.
    expect(md).toContain("- loss.ts did not compile; the tests that need it fail:  \nloss.ts(12,5): error TS1005: ')' expected.");
  });

  it('lists the questions with their points, then a heading per question and a line per test', () => {
    expect(md).toContain('- ❌ Data pipeline: **2 / 5**\n- ❌ RNN language model: **3.6 / 15**\n- ❌ Training: **0 / 10**');
    expect(md).toContain('## RNN language model (3.6 / 15)');
    expect(md).toContain('✅ **1\\.1 vocabulary order and &lt;unk&gt;**: 2 / 2\n\n❌ **1\\.2 windows and label shift**: 0 / 3 (failed)');
    expect(md).toContain('⏱️ **2\\.3 causality**: 0 / 4 (timed out)');
    expect(md).toContain('➖ **3\\.2 no tensor leak per step**: 0 / 2 (not run)\n\n**Not run:** did not run');
  });

  it('puts the Gradescope body of each test that did not pass under its line', () => {
    const run = failingRun();
    const bptt = run.tests.find((t) => t.id === 'rnn.bptt')!;
    expect(md).toContain(`(failed)\n\n${testMarkdown(bptt, true)}\n`);
    expect(md).toContain('| W\\_r | \\[24, 16\\] | 0.041 | 1.2 |');
    expect(md).toContain('| labels | \\[2, 5\\] | \\[2, 4\\] |');
    expect(md).toContain('- held-out perplexity: 612 (pass at or below 400)');
  });

  it('keeps passed tests to one line unless they trained a model', () => {
    const passing = renderMarkdown(sampleRun());
    expect(passing).toContain('✅ **1\\.2 windows and label shift**: 3 / 3\n\n## RNN language model');
    expect(passing).not.toContain('labels are inputs shifted by one token');
    expect(passing).toContain('held-out perplexity: 287 (pass at or below 400)');
  });

  it('never has three newlines in a row and ends with one newline', () => {
    expect(md).not.toMatch(/\n\n\n/);
    expect(
      md.endsWith(
        'rnn-lab 0.1.0, Node v20.20.0, TensorFlow.js 4.22.0; suites aaaaaaaaaaaa, config bbbbbbbbbbbb; seed 1470; started 2025-03-01T12:00:00.000Z\n',
      ),
    ).toBe(true);
  });

  it('in the student view, leaves out tests that are not visible and the total', () => {
    const student = renderMarkdown(failingRun(), { studentView: true });
    expect(student).not.toContain('causality');
    expect(student).not.toContain('timed out');
    expect(student).toContain('**Visible tests: 5.6 / 26** (other tests are shown later)');
    expect(student).toContain('_1 more test is shown later._');
    expect(student).not.toContain('/ 30');
  });

  it('escapes what came from the submission', () => {
    const run = failingRun((o) => {
      o[0] = { ...o[0], status: 'failed', message: '<script>alert(1)</script> *x* [l](javascript:y) \u001b[31mred\u0000' };
    });
    run.submission = '# <b>me</b> | `x`';
    const out = renderMarkdown(run);
    expect(out).toContain('# Grading report: \\# &lt;b&gt;me&lt;/b&gt; \\| \\`x\\`');
    expect(out).toContain('**Failed:** &lt;script&gt;alert(1)&lt;/script&gt; \\*x\\* \\[l\\](javascript:y) red\uFFFD');
    expect(out).not.toMatch(/<script|\u001b|\u0000/);
  });
});
