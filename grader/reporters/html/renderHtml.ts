/**
 * The HTML report: reports/templates/report.html.hbs with the partials in reports/partials and the
 * stylesheet reports/styles/report.css inlined, rendered from reportView(). One self-contained file:
 * no script, no network (a Content-Security-Policy in the page forbids both), opens from disk.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { GradingRun } from '../../results/types';
import { compileTemplate, reportsDir, type CompiledTemplate } from '../shared/template';
import type { ReportOptions } from '../shared/studentView';
import { type ReportView, reportView } from './reportView';

let cached: { template: CompiledTemplate<ReportView>; css: string } | undefined;

export function renderHtml(run: GradingRun, opts: ReportOptions = {}): string {
  cached ??= {
    template: compileTemplate<ReportView>('report.html.hbs'),
    css: fs.readFileSync(path.join(reportsDir(), 'styles', 'report.css'), 'utf8'),
  };
  return cached.template.render(reportView(run, cached.css, opts));
}
