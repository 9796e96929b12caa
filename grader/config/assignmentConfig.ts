/**
 * The assignment configuration: questions, tests, points, visibility, timeouts, tolerances and
 * training budgets. The TypeScript type and its JSON Schema are declared together here; ajv's
 * JSONSchemaType makes the compiler reject a schema that drifts from the type.
 */
import type { JSONSchemaType } from 'ajv';
import type { NgramConfig, RnnConfig } from '../lab';
import type { Visibility } from '../results/types';

export interface TestConfig {
  /** Stable id, "<question>.<test>", e.g. "rnn.bptt"; hidden suites refer to tests by it. */
  id: string;
  name: string;
  points: number;
  visibility: Visibility;
  /** Limit for each probe call the test makes (a call that exceeds it kills the host). */
  timeoutSeconds: number;
  /** Award `fraction * points` instead of all or nothing. */
  partialCredit: boolean;
  tags: string[];
}

export interface QuestionConfig {
  id: string;
  title: string;
  tests: TestConfig[];
}

/** |found - expected| <= atol + rtol * |expected|, elementwise. */
export interface Tolerance {
  atol: number;
  rtol: number;
}

/** What every training test has: its budget and its bar. */
export interface TrainingBudget {
  steps: number;
  batchSz: number;
  learningRate: number;
  /** Held-out tokens used to measure perplexity. */
  evalTokens: number;
  /** Pass when held-out perplexity <= threshold (from `rnn-lab calibrate`). */
  threshold: number;
  /** Below this the result is implausible: labels are leaking into the inputs. */
  implausibleBelow: number;
}

/** The N-gram training test: its budget and the model's size (the corpus sets vocabSz). */
export interface NgramBudget extends TrainingBudget, Omit<NgramConfig, 'vocabSz'> {}

/** The RNN training test: its budget, the model's size (the corpus sets vocabSz) and the window length. */
export interface RnnBudget extends TrainingBudget, Omit<RnnConfig, 'vocabSz'> {
  windowSz: number;
}

/** The budget of each model's training test. */
export interface TrainingBudgets {
  ngram: NgramBudget;
  rnn: RnnBudget;
}

/**
 * The public preview of the RNN training test: the RNN budget with fewer steps and no bar, so that
 * students see their loss curve and an indicative perplexity before they submit.
 */
export interface PreviewBudget {
  steps: number;
}

/** Tests with this tag run only in `check` (the preview); grading leaves them out, so they must be worth 0 points. */
export const PREVIEW_TAG = 'preview';

/**
 * What type errors cost. Either way a file that parses runs as written and its type errors are
 * shown to the student. "report": nothing more. "fail": the grader's own test TYPE_CHECK_TEST_ID
 * (listed in the config like any test, with the points type errors cost) fails.
 */
export type TypeErrorPolicy = 'report' | 'fail';

/** The test `typeErrors: "fail"` scores: passes when every file compiles without an error. It has no suite. */
export const TYPE_CHECK_TEST_ID = 'typecheck.noErrors';

export interface AssignmentConfig {
  name: string;
  seed: number;
  /** Default "report" (filled in by the loader when the file leaves it out). */
  typeErrors: TypeErrorPolicy;
  /** Gradescope `stdout_visibility`. */
  stdoutVisibility: Visibility;
  questions: QuestionConfig[];
  tolerances: { forward: Tolerance; gradient: Tolerance };
  training: TrainingBudgets & { preview?: PreviewBudget };
  limits: {
    /** V8 heap cap of the submission host, MB. */
    hostHeapMb: number;
    /** Whole grading run, seconds; tests not finished by then are reported as not run. */
    totalTimeoutSeconds: number;
  };
}

const VISIBILITY: JSONSchemaType<Visibility> = { type: 'string', enum: ['hidden', 'after_due_date', 'after_published', 'visible'] };
const ID = '^[a-z][a-zA-Z0-9_-]*$';

const TOLERANCE: JSONSchemaType<Tolerance> = {
  type: 'object',
  properties: { atol: { type: 'number', minimum: 0 }, rtol: { type: 'number', minimum: 0 } },
  required: ['atol', 'rtol'],
  additionalProperties: false,
};

const POSITIVE_INT = { type: 'integer', minimum: 1 } as const;

/** The fields of TrainingBudget, and the model fields each budget adds. */
const BUDGET_FIELDS = {
  steps: POSITIVE_INT,
  batchSz: POSITIVE_INT,
  learningRate: { type: 'number', exclusiveMinimum: 0 },
  evalTokens: POSITIVE_INT,
  threshold: { type: 'number', exclusiveMinimum: 1 },
  implausibleBelow: { type: 'number', minimum: 1 },
} as const;
const BUDGET_REQUIRED = ['steps', 'batchSz', 'learningRate', 'evalTokens', 'threshold', 'implausibleBelow'] as const;

const NGRAM_BUDGET: JSONSchemaType<NgramBudget> = {
  type: 'object',
  properties: { ...BUDGET_FIELDS, embeddingSz: POSITIVE_INT, n: { type: 'integer', minimum: 2 } },
  required: [...BUDGET_REQUIRED, 'embeddingSz', 'n'],
  additionalProperties: false,
};

const RNN_BUDGET: JSONSchemaType<RnnBudget> = {
  type: 'object',
  properties: { ...BUDGET_FIELDS, embeddingSz: POSITIVE_INT, hiddenSz: POSITIVE_INT, windowSz: POSITIVE_INT },
  required: [...BUDGET_REQUIRED, 'embeddingSz', 'hiddenSz', 'windowSz'],
  additionalProperties: false,
};

export const ASSIGNMENT_CONFIG_SCHEMA: JSONSchemaType<AssignmentConfig> = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    seed: { type: 'integer' },
    typeErrors: { type: 'string', enum: ['report', 'fail'], default: 'report' },
    stdoutVisibility: VISIBILITY,
    questions: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          id: { type: 'string', pattern: ID },
          title: { type: 'string', minLength: 1 },
          tests: {
            type: 'array',
            minItems: 1,
            items: {
              type: 'object',
              properties: {
                id: { type: 'string', pattern: '^[a-z][a-zA-Z0-9_-]*\\.[a-z][a-zA-Z0-9_-]*$' },
                name: { type: 'string', minLength: 1 },
                points: { type: 'number', minimum: 0 },
                visibility: VISIBILITY,
                timeoutSeconds: { type: 'number', exclusiveMinimum: 0, maximum: 3600 },
                partialCredit: { type: 'boolean' },
                tags: { type: 'array', items: { type: 'string' } },
              },
              required: ['id', 'name', 'points', 'visibility', 'timeoutSeconds', 'partialCredit', 'tags'],
              additionalProperties: false,
            },
          },
        },
        required: ['id', 'title', 'tests'],
        additionalProperties: false,
      },
    },
    tolerances: {
      type: 'object',
      properties: { forward: TOLERANCE, gradient: TOLERANCE },
      required: ['forward', 'gradient'],
      additionalProperties: false,
    },
    training: {
      type: 'object',
      properties: {
        ngram: NGRAM_BUDGET,
        rnn: RNN_BUDGET,
        preview: { type: 'object', nullable: true, properties: { steps: POSITIVE_INT }, required: ['steps'], additionalProperties: false },
      },
      required: ['ngram', 'rnn'],
      additionalProperties: false,
    },
    limits: {
      type: 'object',
      properties: {
        hostHeapMb: { type: 'integer', minimum: 64 },
        totalTimeoutSeconds: { type: 'number', exclusiveMinimum: 0 },
      },
      required: ['hostHeapMb', 'totalTimeoutSeconds'],
      additionalProperties: false,
    },
  },
  required: ['name', 'seed', 'stdoutVisibility', 'questions', 'tolerances', 'training', 'limits'],
  additionalProperties: false,
};

/** Rules for the type-check test that the schema cannot express, as "path: problem" lines. */
export function typeCheckRules(config: AssignmentConfig): string[] {
  const errors: string[] = [];
  let found = false;
  config.questions.forEach((q, qi) => {
    q.tests.forEach((t, ti) => {
      const at = `questions[${qi}].tests[${ti}]`;
      if (t.id === TYPE_CHECK_TEST_ID) {
        found = true;
        if (config.typeErrors !== 'fail')
          errors.push(
            `${at}.id: "${t.id}" is scored only with typeErrors "fail" (it is "${config.typeErrors}"); remove the test or set typeErrors to "fail"`,
          );
        if (t.visibility !== 'visible')
          errors.push(`${at}.visibility: "${t.id}" must be "visible": its message is where the student reads the type errors`);
      } else if (t.id.startsWith(`${TYPE_CHECK_TEST_ID.split('.')[0]}.`)) {
        errors.push(
          `${at}.id: "${t.id}": the question "${q.id}" is the grader's own and holds only "${TYPE_CHECK_TEST_ID}" (there is no suite for it)`,
        );
      }
    });
  });
  if (config.typeErrors === 'fail' && !found) {
    errors.push(
      `typeErrors: "fail" needs the test "${TYPE_CHECK_TEST_ID}" (question "${TYPE_CHECK_TEST_ID.split('.')[0]}", visible) to carry the points type errors cost`,
    );
  }
  return errors;
}

/** Rules for preview tests: public, worth nothing (grading never runs them), and a preview budget to run on. */
export function previewRules(config: AssignmentConfig): string[] {
  const errors: string[] = [];
  config.questions.forEach((q, qi) => {
    q.tests.forEach((t, ti) => {
      if (!t.tags.includes(PREVIEW_TAG)) return;
      const at = `questions[${qi}].tests[${ti}]`;
      if (t.points !== 0)
        errors.push(`${at}.points: the preview "${t.id}" runs only in check, never in grading, so it must be worth 0 points`);
      if (!t.tags.includes('public')) errors.push(`${at}.tags: the preview "${t.id}" must also be tagged "public" (it runs only in check)`);
      if (config.training.preview === undefined) errors.push(`${at}: the preview "${t.id}" needs training.preview (its number of steps)`);
    });
  });
  return errors;
}
