/**
 * The assignment configuration: questions, tests, points, visibility, timeouts, tolerances and
 * training budgets. The TypeScript type and its JSON Schema are declared together here; ajv's
 * JSONSchemaType makes the compiler reject a schema that drifts from the type.
 */
import type { JSONSchemaType } from 'ajv';
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

/** A training test's budget and bar. */
export interface TrainingBudget {
  steps: number;
  batchSz: number;
  learningRate: number;
  embeddingSz: number;
  /** RNN hidden size, or N-gram order for the N-gram test. */
  hiddenSz: number;
  n: number;
  windowSz: number;
  /** Held-out tokens used to measure perplexity. */
  evalTokens: number;
  /** Pass when held-out perplexity <= threshold (from `rnn-lab calibrate`). */
  threshold: number;
  /** Below this the result is implausible: labels are leaking into the inputs. */
  implausibleBelow: number;
}

export interface AssignmentConfig {
  name: string;
  seed: number;
  /** Gradescope `stdout_visibility`. */
  stdoutVisibility: Visibility;
  questions: QuestionConfig[];
  tolerances: { forward: Tolerance; gradient: Tolerance };
  training: { ngram: TrainingBudget; rnn: TrainingBudget };
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

const BUDGET: JSONSchemaType<TrainingBudget> = {
  type: 'object',
  properties: {
    steps: POSITIVE_INT,
    batchSz: POSITIVE_INT,
    learningRate: { type: 'number', exclusiveMinimum: 0 },
    embeddingSz: POSITIVE_INT,
    hiddenSz: POSITIVE_INT,
    n: { type: 'integer', minimum: 2 },
    windowSz: POSITIVE_INT,
    evalTokens: POSITIVE_INT,
    threshold: { type: 'number', exclusiveMinimum: 1 },
    implausibleBelow: { type: 'number', minimum: 1 },
  },
  required: ['steps', 'batchSz', 'learningRate', 'embeddingSz', 'hiddenSz', 'n', 'windowSz', 'evalTokens', 'threshold', 'implausibleBelow'],
  additionalProperties: false,
};

export const ASSIGNMENT_CONFIG_SCHEMA: JSONSchemaType<AssignmentConfig> = {
  type: 'object',
  properties: {
    name: { type: 'string', minLength: 1 },
    seed: { type: 'integer' },
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
      properties: { ngram: BUDGET, rnn: BUDGET },
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
