/**
 * JUnit XML (junit.xml) for CI systems that display test results: a <testsuite> per question, a
 * <testcase> per test with its time in seconds and its points as properties, and a <failure> (wrong
 * answer) or <error> (crash, compile error, timeout, never ran) whose text is the message and the
 * evidence in plain text. Every string is cleaned and XML-escaped; characters XML 1.0 forbids are
 * replaced. Pure.
 */
import type { GradingRun, ScoredTest, TestDetails } from '../../results/types';
import { summarizeByQuestion } from '../../scoring/summarizeByQuestion';
import { firstLine, formatPoints, junitSeconds } from '../shared/format';
import { formatError, formatIndex, formatShape } from '../../format';
import { TEST_OUTPUT_LIMIT } from '../shared/limits';
import { capLength, cleanText, escapeHtml } from '../shared/sanitize';
import type { ReportOptions } from '../shared/studentView';

/** Text safe in XML content and in double- or single-quoted attributes. */
export function escapeXml(s: string): string {
  return escapeHtml(cleanText(s))
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[\ufffe\uffff]/g, '\uFFFD')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;');
}

/** The evidence as plain text lines (the Markdown tables' content, for CI logs). */
export function detailsText(d: TestDetails): string[] {
  const lines: string[] = [];
  for (const c of d.comparisons ?? []) {
    const where = c.firstBadIndex === undefined ? '' : `, first at ${formatIndex(c.firstBadIndex, c.shape)}`;
    lines.push(
      `${c.name} ${formatShape(c.shape)}: max abs error ${formatError(c.maxAbsError)}, max rel error ${formatError(c.maxRelError)}, ` +
        `tolerance ${c.tolerance}: ${c.ok ? 'ok' : `OFF${where}`}`,
    );
  }
  for (const s of d.shapes ?? []) lines.push(`${s.name}: expected shape ${formatShape(s.expected)}, found ${formatShape(s.found)}`);
  const t = d.training;
  if (t) {
    const finite = t.losses.filter((x) => Number.isFinite(x));
    lines.push(
      `held-out perplexity ${formatError(t.perplexity)} (pass at or below ${formatError(t.threshold)}, implausible below ${formatError(t.implausibleBelow)})`,
    );
    if (finite.length > 0)
      lines.push(
        `loss ${formatError(finite[0])} -> ${formatError(finite[finite.length - 1])} over ${t.steps} steps in ${formatError(t.seconds)} s`,
      );
    if (t.sample !== undefined) lines.push(`sample: ${t.sample}`);
  }
  for (const [k, v] of Object.entries(d.values ?? {})) lines.push(`${k}: ${String(v)}`);
  return lines;
}

function property(name: string, value: string): string {
  return `<property name="${escapeXml(name)}" value="${escapeXml(value)}"/>`;
}

function testcase(t: ScoredTest, classname: string): string {
  const open = `    <testcase name="${escapeXml(`${t.number} ${t.name}`)}" classname="${escapeXml(classname)}" time="${junitSeconds(t.durationMs)}">`;
  const props = `      <properties>${property('id', t.id)}${property('score', formatPoints(t.score))}${property('max_score', formatPoints(t.maxScore))}${property('status', t.status)}</properties>`;
  const lines = [open, props];
  if (t.status !== 'passed') {
    const element = t.status === 'failed' ? 'failure' : 'error';
    const body = capLength([cleanText(t.message).trim(), ...detailsText(t.details ?? {})].filter(Boolean).join('\n'), TEST_OUTPUT_LIMIT);
    lines.push(
      `      <${element} message="${escapeXml(firstLine(cleanText(t.message)) || t.status)}" type="${t.status}">${escapeXml(body)}</${element}>`,
    );
  } else if (t.message.trim() && !/^passed\.?$/i.test(t.message.trim())) {
    lines.push(`      <system-out>${escapeXml(capLength(cleanText(t.message), TEST_OUTPUT_LIMIT))}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines.join('\n');
}

function counts(tests: readonly ScoredTest[]): string {
  const failures = tests.filter((t) => t.status === 'failed').length;
  const errors = tests.length - failures - tests.filter((t) => t.status === 'passed').length;
  const ms = tests.reduce((s, t) => s + (Number.isFinite(t.durationMs) ? t.durationMs : 0), 0);
  return `tests="${tests.length}" failures="${failures}" errors="${errors}" skipped="0" time="${junitSeconds(ms)}"`;
}

export function renderJunit(run: GradingRun, opts: ReportOptions = {}): string {
  const tests = run.tests.filter((t) => !opts.studentView || t.visibility === 'visible');
  const env = run.environment;
  const runProperties = [
    property('backend', env.backend),
    property('device', env.device),
    property('rnn_lab_version', env.versions.rnnLab),
    property('suites_hash', env.hashes.suites),
    property('seed', String(env.seed)),
  ].join('');
  const suites = summarizeByQuestion(tests).map((q) => {
    const qTests = tests.filter((t) => t.question === q.id);
    return [
      `  <testsuite name="${escapeXml(q.title)}" id="${escapeXml(q.id)}" ${counts(qTests)}>`,
      `    <properties>${property('score', formatPoints(q.score))}${property('max_score', formatPoints(q.maxScore))}${runProperties}</properties>`,
      ...qTests.map((t) => testcase(t, `rnn-lab.${q.id}`)),
      '  </testsuite>',
    ].join('\n');
  });
  const total = tests.reduce((s, t) => s + t.score, 0);
  const max = tests.reduce((s, t) => s + t.maxScore, 0);
  const name = `rnn-lab ${run.mode} ${run.submission}: ${formatPoints(total)} / ${formatPoints(max)}`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" ${counts(tests).replace(/time="[^"]*"/, `time="${junitSeconds(run.executionSeconds * 1000)}"`)}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
