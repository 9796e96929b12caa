import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { failingRun } from './shared/testing';
import { validateGradescopeResults } from './gradescope/gradescopeSchema';
import { TEST_OUTPUT_LIMIT } from './shared/limits';
import { DEFAULT_FORMATS, parseFormats, RESULTS_FILE, RUN_FILE, writeFailure, writeReports, writeRun } from './writeRun';

describe('parseFormats', () => {
  it('reads a comma-separated list, each format once, in the order given', () => {
    expect(parseFormats('html,md,json,junit')).toEqual({ ok: true, formats: ['html', 'md', 'json', 'junit'] });
    expect(parseFormats(' HTML , md,html ')).toEqual({ ok: true, formats: ['html', 'md'] });
    expect(parseFormats(DEFAULT_FORMATS)).toEqual({ ok: true, formats: ['json', 'html'] });
  });

  it('refuses an unknown or empty list and names the known formats', () => {
    expect(parseFormats('html,pdf')).toEqual({
      ok: false,
      error: 'unknown report format "pdf" in --format; expected a comma-separated list of json, html, md, junit',
    });
    expect(parseFormats(' , ')).toMatchObject({ ok: false, error: expect.stringContaining('--format is empty') });
  });
});

describe('writeReports', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-reports-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const options = (outDir: string, formats: ('json' | 'html' | 'md' | 'junit')[], studentView = false) => ({
    outDir,
    formats,
    studentView,
    stdoutVisibility: 'hidden' as const,
  });

  it('writes report.html, report.md and junit.xml; json is results.json, which writeRun writes first', async () => {
    const out = path.join(dir, 'nested', 'out');
    const written = await writeReports(failingRun(), options(out, ['json', 'html', 'md', 'junit']));
    expect(written).toEqual(['report.html', 'report.md', 'junit.xml'].map((f) => path.join(out, f)));
    expect(fs.readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'report.md']);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('# Grading report: student-42');
    expect(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8')).toContain('<testsuites ');
  });

  it('writes only what is asked for, in the student view when asked', async () => {
    expect(await writeReports(failingRun(), options(dir, ['md'], true))).toEqual([path.join(dir, 'report.md')]);
    expect(fs.readdirSync(dir)).toEqual(['report.md']);
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).not.toContain('causality');
  });
});

describe('writeRun', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-run-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const stdout = () => {
    const lines: string[] = [];
    return { lines, stream: { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream };
  };

  it('writes results.json whether or not json is asked for, run.json, the summary, then the reports', async () => {
    const out = stdout();
    await writeRun(failingRun(), { outDir: dir, formats: ['md'], studentView: false, stdoutVisibility: 'hidden' }, out.stream);
    expect(fs.readdirSync(dir).sort()).toEqual([RESULTS_FILE, 'report.md', RUN_FILE].sort());
    expect(validateGradescopeResults(JSON.parse(fs.readFileSync(path.join(dir, RESULTS_FILE), 'utf8')))).toEqual({ ok: true });
    expect(JSON.parse(fs.readFileSync(path.join(dir, RUN_FILE), 'utf8')).submission).toBe('student-42');
    expect(out.lines.slice(-2)).toEqual([`results: ${path.join(dir, RESULTS_FILE)}\n`, `report: ${path.join(dir, 'report.md')}\n`]);
    expect(out.lines[0]).toMatch(/Total: 5\.6\/30 points/);
  });

  it('caps every message in run.json', async () => {
    const run = failingRun();
    run.messages.push('x'.repeat(5_500_000));
    run.tests[0].message = 'y'.repeat(3 * TEST_OUTPUT_LIMIT);
    await writeRun(run, { outDir: dir, formats: [], studentView: false, stdoutVisibility: 'hidden' }, stdout().stream);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, RUN_FILE), 'utf8'));
    expect(Math.max(...stored.messages.map((m: string) => m.length))).toBeLessThanOrEqual(TEST_OUTPUT_LIMIT);
    expect(stored.tests[0].message.length).toBeLessThanOrEqual(TEST_OUTPUT_LIMIT);
    expect(stored.tests[0].message).toMatch(/^y+/);
    expect(fs.statSync(path.join(dir, RUN_FILE)).size).toBeLessThan(200_000);
  });

  it('writes a results.json that says why when grading could not run', async () => {
    const written = await writeFailure(dir, 'the corpus is missing', { rnnLab: '1.0.0', node: 'v20.0.0', tfjs: '4.22.0' });
    const results = JSON.parse(fs.readFileSync(written, 'utf8'));
    expect(results.tests[0].output).toContain('the corpus is missing');
    expect(results.extra_data).toEqual({ versions: { rnnLab: '1.0.0', node: 'v20.0.0', tfjs: '4.22.0' }, error: true });
  });
});
