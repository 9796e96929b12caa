/** Options shared by the commands that grade (grade, check, batch), and the run they describe. */
import type { Argv } from 'yargs';
import { ISOLATION_MODES, type GradingRunOptions, type IsolationMode } from '../../runOptions';
import { withConfigOption } from '../options';

export function withGradingOptions<T>(y: Argv<T>) {
  return withConfigOption(y)
    .option('seed', { describe: "seed for the training tests (default: the config's)", type: 'number' })
    .option('isolation', {
      describe:
        'how to confine the submission: auto (the strongest layer here), bwrap or permission (that layer or fail), none (no sandbox; hidden grading needs it said)',
      choices: ISOLATION_MODES,
      default: 'auto' as IsolationMode,
    })
    .option('keep-scratch', { describe: 'keep the staged and compiled files for debugging', type: 'boolean', default: false });
}

/** `--require-gpu` of grade and check: a run whose backend is not on a GPU is the grader's fault. */
export function withRequireGpuOption<T>(y: Argv<T>) {
  return y.option('require-gpu', {
    describe: 'refuse to grade (exit 70, results.json: the autograder failed) unless the backend computes on a GPU',
    type: 'boolean',
    default: false,
  });
}

/** `--format` of grade and check; parsed (and refused when unknown) by the grade command. */
export function withFormatOption<T>(y: Argv<T>) {
  return y.option('format', {
    describe:
      'report files to write, comma-separated: json (results.json, always written), html (report.html), md (report.md), junit (junit.xml)',
    type: 'string',
    default: 'json,html',
  });
}

/** `--fail-under` of grade and check: exit 1 below a score, so that CI shows red. */
export function withFailUnderOption<T>(y: Argv<T>) {
  return y.option('fail-under', {
    describe: 'exit 1 (after writing every report) when the score is below this many points',
    type: 'number',
  });
}

/** What `withBackendOption(withGradingOptions(...))` and `--require-gpu` parse into: the run's fields, as options spell them. */
type GradingArgs = Partial<Pick<GradingRunOptions, 'backend' | 'seed' | 'isolation'>> & {
  'keep-scratch'?: boolean;
  'require-gpu'?: boolean;
};

/** The grading run the command line asks for (grader/runOptions.ts), passed on unchanged. */
export function gradingRunOptions(mode: GradingRunOptions['mode'], submission: string, argv: GradingArgs): GradingRunOptions {
  return {
    mode,
    submission,
    backend: argv.backend,
    seed: argv.seed,
    isolation: argv.isolation ?? 'auto',
    keepScratch: argv['keep-scratch'],
    requireGpu: argv['require-gpu'],
  };
}
