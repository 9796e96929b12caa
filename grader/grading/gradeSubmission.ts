/**
 * Grades one submission: stage it into a scratch folder, compile it file by file, run the hidden
 * suites against it through the submission host, and score the outcomes. Returns the run; a
 * broken submission is a result (tests not run, with the reason), never an exception. When the
 * grader itself cannot run (backend, corpus, host), it throws a GraderFault before staging.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { PREVIEW_TAG, TYPE_CHECK_TEST_ID, type AssignmentConfig, type TestConfig } from '../config/assignmentConfig';
import type { GradingRun, IsolationReport, TestOutcome } from '../results/types';
import { compileFeedback } from '../scoring/compileFeedback';
import { scoreRun } from '../scoring/scoreRun';
import { stageSubmission } from '../intake/stage/stageSubmission';
import { compileSubmissionInWorker } from '../intake/compile/compileInWorker';
import { projectRoot } from '../projectRoot';
import { killLeftoverHosts } from '../sandbox/client/submissionHost';
import { runSuites, type HostInfo } from './runSuites';
import { configHash, suitesHash, versions } from './provenance';
import { preflight } from './preflight';
import { sandboxRefusal } from './sandboxPolicy';
import { GraderFault } from '../errors';
import type { GradingRunOptions } from '../runOptions';
import type { ProgressSink } from '../progress';

/** The run (grader/runOptions.ts) as the grade command passes it on, with the config it grades by. */
export interface GradeOptions extends GradingRunOptions {
  /** The project's own fixture (verify's default set): may be graded without a sandbox between it and the grader. */
  trustedSubmission?: boolean;
  config: AssignmentConfig;
  /** Called with a line of progress ("compiling", "running rnn suite", ...). */
  onProgress?: ProgressSink;
}

const NO_HOST: IsolationReport = {
  processBoundary: false,
  permissionModel: false,
  unprivilegedUser: false,
  noNetwork: false,
  heapLimitMb: null,
  scrubbedEnv: false,
  notes: ['the submission never ran'],
  sandbox: 'none',
  namespaces: [],
  ownUid: false,
  separatedFromGrader: false,
  memoryLimitMb: null,
  memoryEnforcedBy: 'none',
  tmpNoexec: false,
  nativeAddons: false,
};

/** `grade` runs every test but the previews; `check` the public ones, previews included. */
function selectedTests(config: AssignmentConfig, mode: 'grade' | 'check'): string[] {
  const runs = (t: TestConfig) => (mode === 'grade' ? !t.tags.includes(PREVIEW_TAG) : t.tags.includes('public'));
  return config.questions
    .flatMap((q) => q.tests)
    .filter(runs)
    .map((t) => t.id);
}

/** A config reduced to the tests this mode runs, so that `check` scores out of the public tests only. */
function configFor(config: AssignmentConfig, ids: string[]): AssignmentConfig {
  const questions = config.questions
    .map((q) => ({ ...q, tests: q.tests.filter((t) => ids.includes(t.id)) }))
    .filter((q) => q.tests.length > 0);
  return { ...config, questions };
}

export async function gradeSubmission(opts: GradeOptions): Promise<GradingRun> {
  const started = Date.now();
  const progress = opts.onProgress ?? (() => undefined);
  const config = { ...opts.config, seed: opts.seed ?? opts.config.seed };
  const testIds = selectedTests(config, opts.mode);
  progress('checking the grader (backend, corpus, submission host)');
  const checked = await preflight({
    backend: opts.backend,
    isolation: opts.isolation,
    heapMb: config.limits.hostHeapMb,
    needsCorpus: testIds.some((id) => id.startsWith('training.')),
    requireGpu: opts.requireGpu,
  });
  // Hidden grading in a host that could signal or read the grader is refused unless asked for by name.
  const refusal = sandboxRefusal(opts.mode, opts.isolation, checked.isolation, opts.trustedSubmission === true);
  if (refusal !== undefined) throw new GraderFault('host', refusal);
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-'));
  fs.chmodSync(scratchDir, 0o755);
  const messages: string[] = [];
  let outcomes: TestOutcome[] = [];
  let hosts: HostInfo[] = [];
  let deadlineHit = false;
  try {
    progress(`staging ${opts.submission}`);
    const staged = await stageSubmission(opts.submission, scratchDir);
    messages.push(...staged.messages);
    if (staged.ok) {
      progress('compiling');
      const labDir = path.join(scratchDir, 'lab');
      // In a worker with a deadline: a pathological file can make the type checker run for minutes.
      const compiled = await compileSubmissionInWorker(staged.dir, labDir);
      // Type errors are reported, and cost points only as the grader's own type-check test (no suite runs it).
      const feedback = compileFeedback(compiled.files, config.typeErrors, testIds.includes(TYPE_CHECK_TEST_ID));
      messages.push(...feedback.messages);
      outcomes.push(...feedback.outcomes);
      progress(`running ${testIds.length} tests`);
      const suiteRun = await runSuites(
        {
          projectRoot: projectRoot(),
          labDir,
          scratchDir,
          backend: opts.backend,
          isolation: opts.isolation,
          config,
          outcomesPath: path.join(scratchDir, 'outcomes.jsonl'),
          hostInfoPath: path.join(scratchDir, 'hosts.jsonl'),
          testIds: testIds.filter((id) => id !== TYPE_CHECK_TEST_ID),
        },
        scratchDir,
        Math.max(1000, config.limits.totalTimeoutSeconds * 1000 - (Date.now() - started)),
      );
      outcomes.push(...suiteRun.outcomes);
      if (suiteRun.deadlineHit) {
        deadlineHit = true;
        const done = new Set(outcomes.map((o) => o.id));
        const reason = `not run: grading reached its time limit of ${config.limits.totalTimeoutSeconds} s before this test`;
        outcomes.push(
          ...testIds.filter((id) => !done.has(id)).map((id) => ({ id, status: 'not_run' as const, message: reason, durationMs: 0 })),
        );
        messages.push(
          `Grading stopped at its time limit of ${config.limits.totalTimeoutSeconds} s; the tests that had not finished score 0.`,
        );
      }
      if (suiteRun.crashed !== undefined) {
        // The trusted process that ran the suites died: the tests it had not finished are lost to a grader fault.
        const done = new Set(outcomes.map((o) => o.id));
        const reason = `not run: the grader's process running the hidden tests ended (${suiteRun.crashed.split('\n')[0]}) before this test finished. This is a fault of the grader or of what the submission sent it, not a verdict on this test; tell the course staff.`;
        outcomes.push(
          ...testIds.filter((id) => !done.has(id)).map((id) => ({ id, status: 'error' as const, message: reason, durationMs: 0 })),
        );
        messages.push(
          `internal grader error: the process running the hidden tests ended (${suiteRun.crashed}); the tests it had not finished are marked as errors.`,
        );
      }
      hosts = suiteRun.hosts;
      if (suiteRun.suiteErrors.length > 0)
        messages.push(
          `internal grader error in a hidden suite (not your fault; tell the course staff): ${suiteRun.suiteErrors.join('; ')}`,
        );
    } else {
      // Nothing could run: every test is listed with the reason, so the maximum never shrinks.
      const reason = `not run: ${staged.messages[0] ?? 'the submission could not be read'}`;
      outcomes = testIds.map((id) => ({ id, status: 'not_run' as const, message: reason, durationMs: 0 }));
    }
  } finally {
    // Hosts that a cut-off suite started are still running: none may outlive grading.
    killLeftoverHosts(scratchDir);
    // After a deadline the suites may still be running in this process: leave their folder to the OS.
    if (!opts.keepScratch && !deadlineHit) fs.rmSync(scratchDir, { recursive: true, force: true });
    else messages.push(`scratch folder kept at ${scratchDir}`);
  }
  const scored = scoreRun(outcomes, configFor(config, testIds));
  const host = hosts[0];
  // Every host of the run (the training ones included) on a GPU; the preflight's when none ran.
  const gpu = hosts.length > 0 ? hosts.every((h) => h.gpu === true) : checked.gpu === true;
  const adapter = (host ?? checked).adapter;
  const rnnTraining = scored.tests.find((t) => t.id === 'training.rnn')?.details?.training;
  return {
    submission: path.basename(path.resolve(opts.submission)),
    mode: opts.mode,
    startedAt: new Date(started).toISOString(),
    executionSeconds: (Date.now() - started) / 1000,
    tests: scored.tests,
    score: scored.score,
    maxScore: scored.maxScore,
    messages,
    environment: {
      backend: host?.backend ?? 'none',
      device: host?.device ?? 'none (the submission never ran)',
      gpu,
      ...(adapter ? { adapter } : {}),
      isolation: host?.isolation ?? NO_HOST,
      versions: versions(),
      seed: config.seed,
      hashes: { suites: suitesHash(), config: configHash(opts.config) },
    },
    ...(rnnTraining && Number.isFinite(rnnTraining.perplexity) ? { rnnPerplexity: rnnTraining.perplexity } : {}),
    ...(deadlineHit ? { deadlineHit } : {}),
  };
}
