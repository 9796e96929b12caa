/**
 * summary.html: reports/templates/summary.html.hbs with reports/styles/summary.css inlined,
 * compiled like the submission report (strict, built-in helpers only: reporters/shared/template.ts).
 */
import { lazyPage } from '../../reporters/shared/template';
import type { BatchSummary } from './summarize';
import { summaryView, type SummaryView, type SummaryViewOptions } from './summaryView';

const page = lazyPage<SummaryView>('summary.html.hbs', 'summary.css');

export function renderSummaryHtml(summary: BatchSummary, opts: SummaryViewOptions = {}): string {
  const { template, css } = page();
  return template.render(summaryView(summary, css, opts));
}
