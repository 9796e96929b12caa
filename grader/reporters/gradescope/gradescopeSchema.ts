/**
 * Gradescope's results.json (autograder_samples docs/specs.md; see
 * shared/reference/anchors-autograders.md §1.1–1.3): the TypeScript type and its JSON Schema
 * (draft-07), declared together so the compiler rejects a schema that drifts from the type.
 *
 * Properties, types and enums are Gradescope's, field for field, with no unknown keys allowed at
 * any level (extra_data, which Gradescope stores as given, excepted). Two deliberate differences:
 *  - `required` lists what rnn-lab always writes (Gradescope makes every field optional), so a
 *    field our writer forgets is caught as a bug rather than silently defaulted;
 *  - `execution_time` must be a number. The spec says number; gradescope-utils writes a string
 *    ("1.23") that Gradescope tolerates, but we never do, so a string here is our bug.
 * Optional fields are referenced through `definitions` so that ajv does not need `nullable` (which
 * would let `null` through, a value Gradescope does not document).
 */
import Ajv, { type ErrorObject, type JSONSchemaType, type ValidateFunction } from 'ajv';
import type { Visibility } from '../../results/types';

/** How Gradescope renders a string: plain, sanitised HTML, HTML with line breaks, basic Markdown, ANSI colours. */
export type GradescopeFormat = 'text' | 'html' | 'simple_format' | 'md' | 'ansi';

export interface GradescopeTest {
  score: number;
  max_score: number;
  /** Overrides Gradescope's default styling (passed iff score == max_score). */
  status: 'passed' | 'failed';
  name: string;
  name_format?: GradescopeFormat;
  /** Ordering key, e.g. "2.3". */
  number: string;
  output: string;
  output_format?: GradescopeFormat;
  tags: string[];
  visibility: Visibility;
  extra_data?: Record<string, unknown>;
}

export interface GradescopeLeaderboardEntry {
  name: string;
  value: number | string;
  /** Gradescope's default is "desc" (higher ranks higher); we always say which. */
  order: 'asc' | 'desc';
}

export interface GradescopeResults {
  /** Total; when present Gradescope uses it instead of the sum of the tests' scores. */
  score: number;
  /** Seconds. */
  execution_time: number;
  output: string;
  output_format: GradescopeFormat;
  test_output_format: GradescopeFormat;
  test_name_format?: GradescopeFormat;
  visibility: Visibility;
  stdout_visibility: Visibility;
  extra_data: Record<string, unknown>;
  tests: GradescopeTest[];
  leaderboard?: GradescopeLeaderboardEntry[];
}

const FORMAT: JSONSchemaType<GradescopeFormat> = { type: 'string', enum: ['text', 'html', 'simple_format', 'md', 'ansi'] };
const VISIBILITY: JSONSchemaType<Visibility> = { type: 'string', enum: ['hidden', 'after_due_date', 'after_published', 'visible'] };
const EXTRA_DATA: JSONSchemaType<Record<string, unknown>> = { type: 'object', required: [] };

const LEADERBOARD: JSONSchemaType<GradescopeLeaderboardEntry[]> = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      value: { type: ['number', 'string'] },
      order: { type: 'string', enum: ['asc', 'desc'] },
    },
    required: ['name', 'value', 'order'],
    additionalProperties: false,
  },
};

const TEST: JSONSchemaType<GradescopeTest> = {
  type: 'object',
  properties: {
    score: { type: 'number' },
    max_score: { type: 'number' },
    status: { type: 'string', enum: ['passed', 'failed'] },
    name: { type: 'string' },
    name_format: { $ref: '#/definitions/format' },
    number: { type: 'string' },
    output: { type: 'string' },
    output_format: { $ref: '#/definitions/format' },
    tags: { type: 'array', items: { type: 'string' } },
    visibility: VISIBILITY,
    extra_data: { $ref: '#/definitions/extraData' },
  },
  required: ['score', 'max_score', 'status', 'name', 'number', 'output', 'tags', 'visibility'],
  additionalProperties: false,
};

export const GRADESCOPE_RESULTS_SCHEMA: JSONSchemaType<GradescopeResults> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Gradescope autograder results.json',
  type: 'object',
  definitions: {
    format: FORMAT,
    extraData: { type: 'object', required: [] },
    leaderboard: LEADERBOARD,
  },
  properties: {
    score: { type: 'number' },
    execution_time: { type: 'number' },
    output: { type: 'string' },
    output_format: FORMAT,
    test_output_format: FORMAT,
    test_name_format: { $ref: '#/definitions/format' },
    visibility: VISIBILITY,
    stdout_visibility: VISIBILITY,
    extra_data: EXTRA_DATA,
    tests: { type: 'array', items: TEST },
    leaderboard: { $ref: '#/definitions/leaderboard' },
  },
  required: [
    'score',
    'execution_time',
    'output',
    'output_format',
    'test_output_format',
    'visibility',
    'stdout_visibility',
    'extra_data',
    'tests',
  ],
  additionalProperties: false,
};

export type ValidationResult = { ok: true } | { ok: false; errors: string[] };

let compiled: ValidateFunction<GradescopeResults> | undefined;

function validator(): ValidateFunction<GradescopeResults> {
  compiled ??= new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(GRADESCOPE_RESULTS_SCHEMA);
  return compiled;
}

/** "/tests/0/status: must be equal to one of the allowed values (passed, failed)". */
function describeError(e: ErrorObject): string {
  const path = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  let detail = '';
  if (e.keyword === 'enum' && Array.isArray(p.allowedValues)) detail = ` (${p.allowedValues.join(', ')})`;
  if (e.keyword === 'additionalProperties') detail = ` ('${String(p.additionalProperty)}')`;
  return `${path}: ${e.message ?? e.keyword}${detail}`;
}

/** Checks an object against Gradescope's results.json format as rnn-lab writes it. */
export function validateGradescopeResults(obj: unknown): ValidationResult {
  const validate = validator();
  if (validate(obj)) return { ok: true };
  return { ok: false, errors: (validate.errors ?? []).map(describeError) };
}
