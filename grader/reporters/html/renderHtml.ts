/**
 * The HTML report: reports/templates/report.html.hbs with the partials in reports/partials and the
 * stylesheet reports/styles/report.css inlined, rendered from reportView(). One self-contained file:
 * no script, no network (a Content-Security-Policy in the page forbids both), opens from disk.
 */
import type { GradingRun } from '../../results/types';
import { lazyPage } from '../shared/template';
import type { ReportOptions } from '../shared/studentView';
import { type ReportView, reportView } from './reportView';

const page = lazyPage<ReportView>('report.html.hbs', 'report.css');

export function renderHtml(run: GradingRun, opts: ReportOptions = {}): string {
  const { template, css } = page();
  return template.render(reportView(run, css, opts));
}
