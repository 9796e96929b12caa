/**
 * The report files of a graded run, by format: `html` report.html, `md` report.md, `junit`
 * junit.xml. `json` stands for results.json, which the grade command always writes itself (it must
 * exist even when grading fails), so it is accepted here and writes nothing more.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { GradingRun } from '../results/types';
import { renderHtml } from './html/renderHtml';
import type { ReportOptions } from './html/reportView';
import { renderJunit } from './junit/renderJunit';
import { renderMarkdown } from './markdown/renderMarkdown';

export const REPORT_FORMATS = ['json', 'html', 'md', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What `--format` is when not given. */
export const DEFAULT_FORMATS = 'json,html';

const RENDERERS: Record<Exclude<ReportFormat, 'json'>, { file: string; render: (run: GradingRun, opts: ReportOptions) => string }> = {
  html: { file: 'report.html', render: renderHtml },
  md: { file: 'report.md', render: renderMarkdown },
  junit: { file: 'junit.xml', render: renderJunit },
};

export type ParsedFormats = { ok: true; formats: ReportFormat[] } | { ok: false; error: string };

/** "html, md,junit" -> ['html', 'md', 'junit'] (each once, in the order given); an unknown name is an error that lists the known ones. */
export function parseFormats(spec: string): ParsedFormats {
  const names = spec
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (names.length === 0) return { ok: false, error: `--format is empty; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}` };
  const unknown = names.filter((n) => !(REPORT_FORMATS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    return { ok: false, error: `unknown report format ${unknown.map((u) => JSON.stringify(u)).join(', ')} in --format; expected a comma-separated list of ${REPORT_FORMATS.join(', ')}` };
  }
  return { ok: true, formats: [...new Set(names)] as ReportFormat[] };
}

/** Renders every format asked for into `outDir` and returns the paths written (results.json not included). */
export async function writeReports(run: GradingRun, outDir: string, formats: readonly ReportFormat[], opts: ReportOptions = {}): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
    if (format === 'json') continue;
    const { file, render } = RENDERERS[format];
    const target = join(outDir, file);
    await writeFile(target, render(run, opts), 'utf8');
    written.push(target);
  }
  return written;
}
