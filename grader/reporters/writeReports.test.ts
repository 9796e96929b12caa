import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { failingRun } from './html/testing';
import { DEFAULT_FORMATS, parseFormats, writeReports } from './writeReports';

describe('parseFormats', () => {
  it('reads a comma-separated list, each format once, in the order given', () => {
    expect(parseFormats('html,md,json,junit')).toEqual({ ok: true, formats: ['html', 'md', 'json', 'junit'] });
    expect(parseFormats(' HTML , md,html ')).toEqual({ ok: true, formats: ['html', 'md'] });
    expect(parseFormats(DEFAULT_FORMATS)).toEqual({ ok: true, formats: ['json', 'html'] });
  });

  it('refuses an unknown or empty list and names the known formats', () => {
    expect(parseFormats('html,pdf')).toEqual({ ok: false, error: 'unknown report format "pdf" in --format; expected a comma-separated list of json, html, md, junit' });
    expect(parseFormats(' , ')).toMatchObject({ ok: false, error: expect.stringContaining('--format is empty') });
  });
});

describe('writeReports', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-reports-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes report.html, report.md and junit.xml; json is results.json, written by the grade command', async () => {
    const out = path.join(dir, 'nested', 'out');
    const written = await writeReports(failingRun(), out, ['json', 'html', 'md', 'junit']);
    expect(written).toEqual(['report.html', 'report.md', 'junit.xml'].map((f) => path.join(out, f)));
    expect(fs.readdirSync(out).sort()).toEqual(['junit.xml', 'report.html', 'report.md']);
    expect(fs.readFileSync(path.join(out, 'report.html'), 'utf8')).toContain('<!DOCTYPE html>');
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('# Grading report: student-42');
    expect(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8')).toContain('<testsuites ');
  });

  it('writes only what is asked for, in the student view when asked', async () => {
    expect(await writeReports(failingRun(), dir, ['md'], { studentView: true })).toEqual([path.join(dir, 'report.md')]);
    expect(fs.readdirSync(dir)).toEqual(['report.md']);
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).not.toContain('causality');
  });
});
