/**
 * GradingRun -> the view the HTML templates render. Pure. Every string here is plain text (cleaned
 * of NUL bytes, ANSI sequences and control characters, capped with a visible note) that Handlebars
 * escapes when it writes it; the only markup is the charts, which we build from numbers and wrap in
 * `Markup`. Visibility: in the student view, tests that are not `visible` are not shown at all (no
 * status, points, message or evidence; Gradescope hides them from students too), and the total is
 * shown only when every test is visible, as in the Gradescope summary.
 */
import type { GradingRun, ScoredTest, ShapeComparison, TensorComparison, TestStatus } from '../../results/types';
import { summarizeByQuestion } from '../../scoring/summarizeByQuestion';
import { formatDuration, formatError, formatIndex, formatShape } from '../../format';
import { formatPercent, formatPoints, percentOf, shortHash, STATUS_WORD } from '../shared/format';
import { Markup } from '../shared/markup';
import { trainingView, type TrainingView } from './trainingView';
import { LIMITS, text } from '../shared/limits';
import { fixFirst, notStarted, shownToStudent, studentMessage, studentStatusWord, type ReportOptions } from '../shared/studentView';

const MARK: Record<TestStatus, string> = { passed: '✓', failed: '✗', timeout: '◷', error: '!', not_run: '–' };

export interface ComparisonView {
  name: string;
  shape: string;
  maxAbs: string;
  maxRel: string;
  tolerance: string;
  ok: boolean;
  verdict: string;
}

export interface DimView {
  value: string;
  bad: boolean;
}

export interface ShapeView {
  name: string;
  expected: DimView[];
  found: DimView[] | null;
  ok: boolean;
}

export interface TestView {
  anchor: string;
  number: string;
  name: string;
  status: TestStatus;
  statusWord: string;
  mark: string;
  points: string;
  duration: string;
  message: string | null;
  /** The student view's "not started" (an untouched TODO): neutral, not an error. */
  notStarted: boolean;
  /** Evidence shown open (the test did not pass) or folded away. */
  evidenceOpen: boolean;
  hasEvidence: boolean;
  comparisons: ComparisonView[] | null;
  shapes: ShapeView[] | null;
  training: TrainingView | null;
  values: { key: string; value: string }[] | null;
}

export interface QuestionView {
  anchor: string;
  title: string;
  points: string;
  percent: number;
  passed: string;
  allPassed: boolean;
  tests: TestView[];
  /** "2 more tests are shown later", in the student view. */
  later: string | null;
}

/** One line of the student view's "fix this first" list. */
export interface FixFirstView {
  anchor: string;
  question: string;
  number: string;
  name: string;
  statusWord: string;
  notStarted: boolean;
}

export interface ReportView {
  submission: string;
  /** The page's main heading: the submission, or "Your public checks" in a student's check report. */
  heading: string;
  mode: 'grade' | 'check';
  modeLabel: string;
  scoreLabel: string;
  score: string;
  percentText: string;
  percent: number;
  scoreNote: string | null;
  passed: string;
  viewLabel: string;
  /** Student view only: the earliest failing test of each question, in lecture order (null: no list). */
  fixFirst: FixFirstView[] | null;
  env: {
    backend: string;
    device: string;
    duration: string;
    startedAt: string;
    rnnLab: string;
    node: string;
    tfjs: string;
    seed: string;
    suitesHash: string;
    suitesHashShort: string;
    configHash: string;
    configHashShort: string;
    isolation: string[];
  };
  leaderboard: string | null;
  messages: string[];
  questions: QuestionView[];
  css: Markup;
}

function anchorId(prefix: string, id: string): string {
  return `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
}

function comparisonView(c: TensorComparison): ComparisonView {
  const where = c.firstBadIndex === undefined ? '' : ` (first at ${formatIndex(c.firstBadIndex, c.shape)})`;
  return {
    name: text(c.name),
    shape: formatShape(c.shape),
    maxAbs: formatError(c.maxAbsError),
    maxRel: formatError(c.maxRelError),
    tolerance: text(c.tolerance),
    ok: c.ok,
    verdict: c.ok ? 'ok' : `off${where}`,
  };
}

/** Each dimension of `dims`, flagged where `other` differs (a missing dimension counts as different). */
export function dimViews(dims: readonly number[], other: readonly number[] | null): DimView[] {
  return dims.map((d, i) => ({ value: String(d), bad: other === null || other[i] !== d }));
}

function shapeView(s: ShapeComparison): ShapeView {
  const ok = s.found !== null && s.found.length === s.expected.length && s.found.every((d, i) => d === s.expected[i]);
  return {
    name: text(s.name),
    expected: dimViews(s.expected, s.found),
    found: s.found === null ? null : dimViews(s.found, s.expected),
    ok,
  };
}

/** A message worth a line: not empty and not just "passed" on a test that passed. */
function messageOf(t: ScoredTest): string | null {
  const m = t.message.trim();
  if (m === '' || (t.status === 'passed' && /^passed\.?$/i.test(m))) return null;
  return text(m, LIMITS.message);
}

export function testView(t: ScoredTest, student = false): TestView {
  const d = t.details ?? {};
  const todo = student && notStarted(t) !== null;
  const values = Object.entries(d.values ?? {}).map(([k, v]) => ({ key: text(k), value: text(String(v)) }));
  const view: TestView = {
    anchor: anchorId('t', t.id),
    number: text(t.number),
    name: text(t.name),
    status: t.status,
    statusWord: student ? studentStatusWord(t) : STATUS_WORD[t.status],
    mark: todo ? '○' : MARK[t.status],
    points: `${formatPoints(t.score)} / ${formatPoints(t.maxScore)}`,
    duration: formatDuration(t.durationMs / 1000),
    message: messageOf(student ? { ...t, message: studentMessage(t) } : t),
    notStarted: todo,
    // Students see their training curve without a click; staff get it folded when the test passed.
    evidenceOpen: t.status !== 'passed' || (student && d.training !== undefined),
    hasEvidence: false,
    comparisons: d.comparisons && d.comparisons.length > 0 ? d.comparisons.map(comparisonView) : null,
    shapes: d.shapes && d.shapes.length > 0 ? d.shapes.map(shapeView) : null,
    training: d.training ? trainingView(d.training) : null,
    values: values.length > 0 ? values : null,
  };
  view.hasEvidence = Boolean(view.comparisons || view.shapes || view.training || view.values);
  return view;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function reportView(run: GradingRun, css: string, opts: ReportOptions = {}): ReportView {
  const student = opts.studentView ?? false;
  const shown = (t: ScoredTest) => !student || shownToStudent(t);
  const allShown = run.tests.every(shown);
  const visible = run.tests.filter(shown);
  const score = allShown ? run.score : visible.reduce((s, t) => s + t.score, 0);
  const max = allShown ? run.maxScore : visible.reduce((s, t) => s + t.maxScore, 0);
  const passedCount = visible.filter((t) => t.status === 'passed').length;

  const questions = summarizeByQuestion(run.tests).map((q): QuestionView => {
    const all = run.tests.filter((t) => t.question === q.id);
    const tests = all.filter(shown);
    const qScore = tests.reduce((s, t) => s + t.score, 0);
    const qMax = tests.reduce((s, t) => s + t.maxScore, 0);
    const qPassed = tests.filter((t) => t.status === 'passed').length;
    const hiddenCount = all.length - tests.length;
    return {
      anchor: anchorId('q', q.id),
      title: text(q.title),
      points: `${formatPoints(qScore)} / ${formatPoints(qMax)}`,
      percent: percentOf(qScore, qMax),
      passed: `${qPassed} of ${plural(tests.length, 'test', 'tests')} passed`,
      allPassed: qPassed === tests.length,
      tests: tests.map((t) => testView(t, student)),
      later: hiddenCount > 0 ? `${plural(hiddenCount, 'more test is', 'more tests are')} shown later.` : null,
    };
  });

  const env = run.environment;
  const leaderboardShown = run.tests.filter((t) => t.details?.training).every(shown);
  const yourChecks = student && run.mode === 'check';
  return {
    submission: text(run.submission),
    heading: yourChecks ? 'Your public checks' : text(run.submission),
    mode: run.mode,
    modeLabel: run.mode === 'check' ? 'Public checks' : 'Grading report',
    scoreLabel: allShown ? 'Score' : 'Visible tests',
    score: `${formatPoints(score)} / ${formatPoints(max)}`,
    percentText: formatPercent(score, max),
    percent: percentOf(score, max),
    scoreNote:
      [allShown ? null : 'Other tests are shown later.', run.mode === 'check' ? 'Public checks only: the hidden tests were not run.' : null]
        .filter((s) => s !== null)
        .join(' ') || null,
    passed: `${passedCount} of ${plural(visible.length, 'test', 'tests')} passed`,
    viewLabel: yourChecks ? `${text(run.submission)} · student view` : student ? 'Student view' : 'Staff view: all tests, with evidence',
    fixFirst: student
      ? fixFirst(run.tests).map((t) => ({
          anchor: anchorId('t', t.id),
          question: text(t.questionTitle),
          number: text(t.number),
          name: text(t.name),
          statusWord: studentStatusWord(t),
          notStarted: notStarted(t) !== null,
        }))
      : null,
    env: {
      backend: text(env.backend),
      device: text(env.device),
      duration: formatDuration(run.executionSeconds),
      startedAt: text(run.startedAt),
      rnnLab: text(env.versions.rnnLab),
      node: text(env.versions.node),
      tfjs: text(env.versions.tfjs),
      seed: String(env.seed),
      suitesHash: text(env.hashes.suites),
      suitesHashShort: text(shortHash(env.hashes.suites)),
      configHash: text(env.hashes.config),
      configHashShort: text(shortHash(env.hashes.config)),
      isolation: env.isolation.notes.map((n) => text(n, LIMITS.runMessage)),
    },
    leaderboard:
      leaderboardShown && typeof run.rnnPerplexity === 'number' && Number.isFinite(run.rnnPerplexity)
        ? formatError(run.rnnPerplexity)
        : null,
    messages: run.messages.map((m) => text(m, LIMITS.runMessage)),
    questions,
    css: new Markup(css),
  };
}
