/**
 * The public parts of the assignment that the student handout ships: the config cut down to the
 * public tests, and the goldens cut down to what those tests read. Pure.
 */
import type { AssignmentConfig, TestConfig } from '../config/assignmentConfig';
import type { GoldenFile } from '../goldens/goldenTypes';

/** A test students can run before they submit (the `public` tag; `check` runs exactly these). */
export function isPublicTest(t: Pick<TestConfig, 'tags'>): boolean {
  return t.tags.includes('public');
}

export function publicTestIds(config: AssignmentConfig): Set<string> {
  return new Set(
    config.questions
      .flatMap((q) => q.tests)
      .filter(isPublicTest)
      .map((t) => t.id),
  );
}

/** The config with only its public tests (and only the questions that have one). */
export function publicConfig(config: AssignmentConfig): AssignmentConfig {
  const questions = config.questions.map((q) => ({ ...q, tests: q.tests.filter(isPublicTest) })).filter((q) => q.tests.length > 0);
  return { ...config, questions };
}

/**
 * What each public test reads of the goldens (grader/suites/*.suite.ts), as dotted paths. A public
 * test added to the config must be added here, or the handout refuses to build; the handout's own
 * check of the solution proves these paths are enough.
 */
export const GOLDENS_OF_PUBLIC_TESTS: Record<string, readonly string[]> = {
  'data.vocab': ['inputs.data.tokens', 'inputs.data.minCount', 'outputs.data.vocab'],
  'data.encode': ['inputs.data.encodeTokens', 'outputs.data.vocab', 'outputs.data.encoded'],
  'data.ngramExamples': ['inputs.data.ids', 'inputs.data.n', 'outputs.data.ngram'],
  'data.windows': ['inputs.data.ids', 'inputs.data.windowSz', 'outputs.data.windows'],
  'ngram.paramCount': [],
  'ngram.shapes': [],
  'rnn.cell': ['inputs.rnn.cell', 'outputs.rnn.cell'],
  'rnn.paramCount': [],
  'rnn.shapes': ['inputs.rnn.cfg', 'inputs.rnn.weights', 'inputs.rnn.inputs'],
  'keras.quizShapes': [],
  'loss.perplexityGolden': ['inputs.loss.probs', 'inputs.loss.probLabels'],
  'training.preview': [],
};

/** The golden paths the public tests of `config` read; throws when a public test is not in the table above. */
export function publicGoldenPaths(config: AssignmentConfig): string[] {
  const paths = new Set<string>();
  for (const id of publicTestIds(config)) {
    const used = GOLDENS_OF_PUBLIC_TESTS[id];
    if (used === undefined)
      throw new Error(
        `the public test ${id} is not in GOLDENS_OF_PUBLIC_TESTS (grader/packaging/publicParts.ts): list the goldens it reads`,
      );
    for (const p of used) paths.add(p);
  }
  return [...paths].sort();
}

function get(obj: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), obj);
}

function set(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) o = (o[k] ??= {}) as Record<string, unknown>;
  o[keys[keys.length - 1]] = value;
}

/** The golden file with only `paths` under inputs/outputs (the provenance fields stay). */
export function publicGoldens(goldens: GoldenFile, paths: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    generatedBy: goldens.generatedBy,
    backend: goldens.backend,
    tfjsVersion: goldens.tfjsVersion,
    inputs: {},
    outputs: {},
  };
  for (const p of paths) {
    const value = get(goldens, p);
    if (value === undefined) throw new Error(`the goldens have no ${p}`);
    set(out, p, value);
  }
  return out;
}
