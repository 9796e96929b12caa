import { sampleRun } from '../shared/testing';
import { formatTerminalSummary } from './terminalSummary';

describe('formatTerminalSummary', () => {
  it('lists questions with their scores and one marked line per test', () => {
    const out = formatTerminalSummary(sampleRun(), { color: false });
    const lines = out.split('\n');
    expect(lines[0]).toBe('Data pipeline  5/5');
    expect(lines[1]).toBe('  ✓ 1.1       2/2  vocabulary order and <unk>');
    expect(out).toContain('RNN language model  3.6/15');
    expect(out).toContain('  ✗ 2.1       0/5  logits on given weights — logits differ from the reference\n');
    expect(out).toContain('  ✗ 2.2     3.6/6  gradients through time — 3 of 5 gradients');
    expect(out).toContain('  ⏱ 2.3       0/4  causality — timed out after 10 s');
    expect(out).toContain('  - 3.2       0/2  no tensor leak per step — did not run');
    expect(out).toContain('Total: 16.6/30 points');
    expect(out).toContain('backend wasm, device cpu (2 cores)');
    expect(lines[lines.length - 1]).toBe('3/7 tests passed');
  });

  it('says "public checks" in check mode, never "all tests passed"', () => {
    const run = sampleRun({ mode: 'check' });
    run.tests = run.tests.map((t) => ({ ...t, status: 'passed', score: t.maxScore }));
    const out = formatTerminalSummary(run, { color: false });
    const lines = out.split('\n');
    expect(lines[lines.length - 1]).toBe('7/7 public checks passed (the hidden tests were not run)');
    expect(out).not.toMatch(/all tests passed/i);
  });

  it('has no escape codes with color off, even when messages carry some', () => {
    const run = sampleRun();
    run.tests[2] = { ...run.tests[2], status: 'error', message: '\u001b[2J\u001b[31mboom\u001b[0m\nsecond line' };
    const out = formatTerminalSummary(run, { color: false });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('  ! 2.1       0/5  logits on given weights — boom\n');
    expect(out).toContain('— boom\n            second line\n'); // details of a failure follow, indented
  });

  it('colours marks when color is on, and only our own escape codes appear', () => {
    const out = formatTerminalSummary(sampleRun(), { color: true });
    expect(out).toContain('\u001b[32m✓\u001b[0m');
    expect(out).toContain('\u001b[31m✗\u001b[0m');
    expect(out.replace(/\u001b\[\d+m/g, '')).toBe(formatTerminalSummary(sampleRun(), { color: false }));
  });

  it('leaves out the tests students may not see in the student view, and their points', () => {
    const out = formatTerminalSummary(sampleRun(), { color: false, studentView: true });
    expect(out).not.toContain('causality');
    expect(out).toContain('RNN language model  3.6/11');
    expect(out).toContain('1 more test is shown later.');
    expect(out).toContain('Visible tests: 16.6/26 points');
    expect(out).toContain('logits differ from the reference');
  });
});
