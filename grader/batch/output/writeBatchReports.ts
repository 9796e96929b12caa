/** Writes a batch's class-level files (grades.csv, summary.json, summary.html), each whole or not at all. */
import * as fs from 'fs';
import * as path from 'path';
import { gradebookCsv } from '../report/gradebook';
import { renderSummaryHtml } from '../report/renderSummary';
import { summarize, type BatchSummary, type SummaryMeta } from '../report/summarize';
import type { BatchEntry, BatchProblem } from '../types';
import type { OutputFolder } from './outputFolder';

export interface WrittenReports {
  summary: BatchSummary;
  gradesCsv: string;
  summaryJson: string;
  summaryHtml: string;
}

export function writeBatchReports(
  out: OutputFolder,
  entries: readonly BatchEntry[],
  problems: readonly BatchProblem[],
  meta: SummaryMeta,
): WrittenReports {
  const summary = summarize(entries, problems, meta);
  const reportHref = (key: string) =>
    fs.existsSync(path.join(out.entryDir(key), 'report.html')) ? `submissions/${key}/report.html` : null;
  return {
    summary,
    gradesCsv: out.writeFile('grades.csv', gradebookCsv(summary.entries, summary.rubric)),
    summaryJson: out.writeFile('summary.json', `${JSON.stringify(summary, null, 2)}\n`),
    summaryHtml: out.writeFile('summary.html', renderSummaryHtml(summary, { reportHref })),
  };
}
