/**
 * summary.html: reports/templates/summary.html.hbs with reports/styles/summary.css inlined,
 * compiled like the submission report (strict, built-in helpers only, see renderHtml.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { type CompiledTemplate, compileTemplate, reportsDir } from '../../reporters/shared/template';
import type { BatchSummary } from './summarize';
import { summaryView, type SummaryView, type SummaryViewOptions } from './summaryView';

let cached: { template: CompiledTemplate<SummaryView>; css: string } | undefined;

export function renderSummaryHtml(summary: BatchSummary, opts: SummaryViewOptions = {}): string {
  cached ??= {
    template: compileTemplate<SummaryView>('summary.html.hbs'),
    css: fs.readFileSync(path.join(reportsDir(), 'styles', 'summary.css'), 'utf8'),
  };
  return cached.template.render(summaryView(summary, cached.css, opts));
}
