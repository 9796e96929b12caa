/**
 * BatchSummary -> the view reports/templates/summary.html.hbs renders. Pure. Every string is plain
 * text (cleaned and capped: names, ids and reasons come from students) that Handlebars escapes;
 * the only markup is the histogram and the stylesheet, wrapped in Markup.
 */
import { formatPoints, shortHash } from '../../reporters/shared/format';
import { formatDuration } from '../../format';
import { Markup } from '../../reporters/shared/markup';
import { text } from '../../reporters/shared/limits';
import type { EntryStatus, FailureKind } from '../types';
import { histogramSvg } from './histogramSvg';
import type { BatchSummary } from './summarize';

export const STATUS_LABEL: Record<EntryStatus, string> = {
  graded: 'graded',
  compile: 'compile error',
  crash: 'crash',
  timeout: 'timeout',
  rejected: 'rejected (unreadable)',
  grader_fault: 'grader fault',
};

const KIND_HELP: Record<FailureKind, string> = {
  grader_fault: "the grader failed; not the student's fault: rerun the batch to regrade these",
  rejected: 'nothing could be graded: not a zip, empty, no lab files, unreadable',
  timeout: 'a test or the whole run hit its time limit',
  crash: "the submission's process died (process.exit, out of memory)",
  compile: 'a file did not compile; the tests that need it failed',
};

export interface SummaryViewOptions {
  /** Link to a submission's report.html, relative to summary.html; null when it has none. */
  reportHref?: (key: string) => string | null;
}

const pct = (x: number | null): string => (x === null ? '–' : `${Math.round(x * 100)}%`);
const who = (names: (string | undefined)[]): string => text(names.filter(Boolean).join('; '));

export function summaryView(s: BatchSummary, css: string, opts: SummaryViewOptions = {}) {
  const href = opts.reportHref ?? (() => null);
  const items = s.items.map((i) => ({
    id: text(i.id),
    name: text(i.name),
    points: formatPoints(i.points),
    passRate: pct(i.passRate),
    percent: i.passRate === null ? 0 : Math.round(i.passRate * 100),
    passed: `${i.counts.passed} of ${i.ran}`,
    others:
      (['failed', 'error', 'timeout', 'not_run'] as const)
        .filter((k) => i.counts[k] > 0)
        .map((k) => `${i.counts[k]} ${k.replace('_', ' ')}`)
        .join(', ') || '–',
    discrimination: i.discrimination === null ? '–' : i.discrimination.toFixed(2),
    low: i.passRate !== null && i.passRate < 0.5,
  }));
  const hardest = [...s.items]
    .filter((i) => i.passRate !== null && i.passRate < 1)
    .sort((a, b) => a.passRate! - b.passRate!)
    .slice(0, 5)
    .map((i) => ({ id: text(i.id), name: text(i.name), passRate: pct(i.passRate) }));
  const failed = s.counts.submissions - s.counts.byStatus.graded;
  return {
    title: text(s.rubric.name),
    shard: s.shard ? `shard ${s.shard.index} of ${s.shard.count}` : null,
    headline: {
      submissions: String(s.counts.submissions),
      graded: String(s.counts.byStatus.graded),
      failed: String(failed),
      mean: s.scores.mean === null ? '–' : `${formatPoints(s.scores.mean)} / ${formatPoints(s.scores.max)}`,
      median: s.scores.median === null ? '–' : `${formatPoints(s.scores.median)} / ${formatPoints(s.scores.max)}`,
    },
    statuses: (Object.keys(STATUS_LABEL) as EntryStatus[])
      .filter((k) => s.counts.byStatus[k] > 0)
      .map((k) => ({ status: k, label: STATUS_LABEL[k], count: s.counts.byStatus[k] })),
    env: {
      input: text(s.input),
      createdAt: text(s.createdAt),
      wall: formatDuration(s.run.wallSeconds),
      run: `${s.run.gradedNow} graded now, ${s.run.reused} kept from an earlier run, ${s.run.jobs} at a time`,
      configHash: shortHash(s.fingerprint.config),
      suitesHash: shortHash(s.fingerprint.suites),
      seed: String(s.fingerprint.seed),
    },
    problems: s.problems.length > 0 ? s.problems.map((p) => ({ kind: p.kind, message: text(p.message, 600) })) : null,
    histogram: new Markup(histogramSvg(s.scores.histogram, s.scores.max)),
    scored: `${s.scores.scored} of ${s.counts.submissions} submissions have a score`,
    items,
    ran: `over the ${Math.max(0, ...s.items.map((i) => i.ran))} submissions whose tests ran`,
    hardest: hardest.length > 0 ? hardest : null,
    failures: s.failures.map((f) => ({
      kind: f.kind,
      label: STATUS_LABEL[f.kind],
      help: KIND_HELP[f.kind],
      count: String(f.count),
      submissions: f.submissions.map((x) => ({ id: text(x.id), reason: text(x.reason, 400), href: href(x.key) })),
    })),
    slowest: s.slowest.map((x) => ({
      id: text(x.id),
      seconds: formatDuration(x.seconds),
      status: x.status,
      label: STATUS_LABEL[x.status],
      href: href(x.key),
    })),
    backends: s.backends.map((b) => ({ backend: text(b.backend), count: String(b.count) })),
    rows: s.entries.map((e) => ({
      id: text(e.id),
      names: who(e.students.map((st) => st.name ?? st.email ?? st.sid)),
      score: e.score === null ? '–' : `${formatPoints(e.score)} / ${formatPoints(e.maxScore)}`,
      status: e.status,
      label: STATUS_LABEL[e.status],
      reason: text(e.reason, 300),
      seconds: formatDuration(e.seconds),
      href: href(e.key),
    })),
    css: new Markup(css),
  };
}

export type SummaryView = ReturnType<typeof summaryView>;
