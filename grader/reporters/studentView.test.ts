/**
 * One policy for everything a student reads: the HTML and Markdown reports, the terminal summary
 * and results.json in its student view must agree on which tests show, how an untouched TODO
 * reads, and what to fix first. Staff views keep everything.
 */
import type { GradingRun, TestOutcome } from '../results/types';
import { scoreRun } from '../scoring/scoreRun';
import { sampleConfig } from '../scoring/testing';
import { formatTerminalSummary } from './console/terminalSummary';
import { toGradescopeResults } from './gradescope/toGradescope';
import { validateGradescopeResults } from './gradescope/gradescopeSchema';
import { renderHtml } from './html/renderHtml';
import { renderMarkdown } from './markdown/renderMarkdown';
import { fixFirst, notStarted, shownToStudent, studentMessage, studentStatusWord } from './shared/studentView';
import { sampleOutcomes, sampleRun } from './shared/testing';

const TODO = 'Error: TODO(buildVocab): count the tokens, keep words seen >= minCount times plus <unk>, sort them (near data.ts line 29)';

/** A student's check: one untouched TODO, failures, a hidden test that timed out, a passed training test, one never run. */
function studentRun(): GradingRun {
  const outcomes = sampleOutcomes().map((o): TestOutcome => (o.id === 'data.vocab' ? { ...o, status: 'error', message: TODO } : o));
  const scored = scoreRun(outcomes, sampleConfig());
  return sampleRun({ mode: 'check', tests: scored.tests, score: scored.score, maxScore: scored.maxScore });
}

describe('the student view policy', () => {
  it('reads an untouched TODO as "not started" with its hint, and nothing else', () => {
    expect(notStarted({ status: 'error', message: TODO })).toEqual({
      task: 'buildVocab',
      hint: 'count the tokens, keep words seen >= minCount times plus <unk>, sort them',
    });
    expect(notStarted({ status: 'error', message: 'TODO(RnnLM.call)' })).toEqual({ task: 'RnnLM.call', hint: '' });
    expect(notStarted({ status: 'failed', message: TODO })).toBeNull();
    expect(notStarted({ status: 'error', message: `${TODO}\n    at buildVocab (data.ts:29:9)\nand more` })).toBeNull();
    expect(notStarted({ status: 'error', message: 'Error: shapes differ; see TODO(buildVocab) in the stencil' })).toBeNull();
    expect(studentStatusWord({ status: 'error', message: TODO })).toBe('Not started');
    expect(studentStatusWord({ status: 'error', message: 'boom' })).toBe('Error');
    expect(studentMessage({ status: 'error', message: TODO })).toBe(
      'buildVocab is not started yet. Hint: count the tokens, keep words seen >= minCount times plus <unk>, sort them',
    );
  });

  it('fixes first the earliest shown test of each question that did not pass, in config order', () => {
    const run = studentRun();
    expect(fixFirst(run.tests).map((t) => t.id)).toEqual(['data.vocab', 'rnn.forward', 'train.leak']);
    expect(run.tests.filter((t) => !shownToStudent(t)).map((t) => t.id)).toEqual(['rnn.causal']);
  });

  describe('every student-facing output follows it', () => {
    const run = studentRun();
    const html = renderHtml(run, { studentView: true });
    const md = renderMarkdown(run, { studentView: true });
    const terminal = formatTerminalSummary(run, { color: false, studentView: true });
    const results = toGradescopeResults(run, { stdoutVisibility: 'hidden', studentView: true });
    const gradescope = [results.output, ...results.tests.map((t) => t.output)].join('\n');
    const outputs = { html, md, terminal, gradescope };

    it.each(Object.keys(outputs))('%s: the hidden test shows nothing, the TODO reads "not started" with its hint', (name) => {
      const out = outputs[name as keyof typeof outputs];
      expect(out).not.toMatch(/causality|timed out after 10 s/);
      expect(out).not.toContain('TODO(');
      expect(out).toMatch(/not started/i);
      expect(out).toContain('buildVocab is not started yet. Hint: count the tokens, keep words seen');
    });

    it.each(Object.keys(outputs))('%s: the "fix this first" list comes first and names 1.1, 2.1 and 3.2 in that order', (name) => {
      const out = outputs[name as keyof typeof outputs].replace(/\\\./g, '.'); // Markdown escapes the dots of 1.1
      const at = out.search(/fix this first/i);
      expect(at).toBeGreaterThanOrEqual(0);
      const list = out.slice(at, at + 800);
      const order = ['1.1', '2.1', '3.2'].map((n) => list.indexOf(n));
      expect(order.every((i) => i > 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // before the tests themselves (data.windows passed, so only its own line names it)
      if (name !== 'gradescope') expect(at).toBeLessThan(out.indexOf('windows and label shift'));
    });

    it('HTML: headed "Your public checks", the TODO in a neutral badge, the training chart open', () => {
      expect(html).toContain('<h1 class="submission">Your public checks</h1>');
      expect(html).toContain('<li class="test status-error not-started" id="t-data.vocab">');
      const training = html.slice(html.indexOf('id="t-train.rnn"'));
      expect(training).toMatch(/^[^]*?<div class="evidence">[^]*?svg[^]*?class="loss-chart/);
      expect(training.slice(0, training.indexOf('</li>'))).not.toContain('<details class="evidence">');
    });

    it('results.json keeps every test for Gradescope and stays valid', () => {
      expect(results.tests.map((t) => t.extra_data?.id)).toEqual(run.tests.map((t) => t.id));
      expect(validateGradescopeResults(results)).toEqual({ ok: true });
    });
  });

  it('staff views keep everything: the hidden test, the raw error, no "fix this first"', () => {
    const run = studentRun();
    for (const out of [renderHtml(run), renderMarkdown(run), formatTerminalSummary(run, { color: false })]) {
      expect(out).toContain('causality');
      expect(out).toContain('TODO(buildVocab)');
      expect(out).not.toMatch(/fix this first|not started/i);
    }
    expect(renderHtml(run)).toContain('Staff view: all tests, with evidence');
  });
});
