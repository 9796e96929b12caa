/**
 * The hand-off between the process that writes results.json and the hidden suites, which run in
 * a child process of it (grading/runSuites.ts, grading/suiteProcess.ts). One JSON file goes in;
 * three come back. Every one is schema-checked where it is read.
 *
 *   in:   suite-context.json  SuiteContextFile (its path in RNN_LAB_SUITE_CONTEXT, where the suites
 *                             look for it: Jest gives test files no arguments)
 *   back: outcomes.jsonl      one TestOutcome per line, appended by each graded test (suites/support/graded.ts)
 *         hosts.jsonl         one HostInfo per line, what each submission host reported
 *         suite-run.json      SuiteProcessReport: suite files that failed to load, written when Jest returns
 *
 * A line that does not fit its schema is dropped and named in the run's messages, so a suite that
 * writes garbage cannot make the trusted side crash or score it.
 */
import * as fs from 'fs';
import Ajv, { type JSONSchemaType } from 'ajv';
import { ASSIGNMENT_CONFIG_SCHEMA, type AssignmentConfig } from '../config/assignmentConfig';
import type { GpuAdapterReport, IsolationReport, TestOutcome } from '../results/types';
import { ISOLATION_MODES, type HostRunOptions } from '../runOptions';
import { BACKEND_CHOICES } from '../runtime/backendNames';

export const SUITE_CONTEXT_ENV = 'RNN_LAB_SUITE_CONTEXT';

/**
 * What the suites are told: where the compiled submission is, the config, the tests, where to
 * write; the run's backend and isolation (grader/runOptions.ts) travel as they are, for the suites' hosts.
 */
export interface SuiteContextFile extends HostRunOptions {
  projectRoot: string;
  labDir: string;
  scratchDir: string;
  config: AssignmentConfig;
  /** JSON-lines file the graded tests append their outcomes to. */
  outcomesPath: string;
  /** JSON-lines file the suites append host facts to (backend, device, isolation, start times). */
  hostInfoPath: string;
  /** Test ids to run (others are not registered, e.g. `check` runs the public ones). */
  testIds: string[];
}

/** What one submission host reported (its ready message, sent before the submission loads). */
export interface HostInfo {
  backend: string;
  device: string;
  /** Whether the host computed on a GPU. */
  gpu?: boolean;
  adapter?: GpuAdapterReport;
  isolation: IsolationReport;
  startTimesMs: number[];
}

/** Written by the suite process once Jest returns. */
export interface SuiteProcessReport {
  /** Suite files that failed to load or crashed (a grader bug, reported to staff). */
  suiteErrors: string[];
}

const STRING = { type: 'string' } as const;
const STRINGS = { type: 'array', items: STRING } as const;

const CONTEXT_SCHEMA: JSONSchemaType<SuiteContextFile> = {
  type: 'object',
  additionalProperties: false,
  required: ['projectRoot', 'labDir', 'scratchDir', 'isolation', 'config', 'outcomesPath', 'hostInfoPath', 'testIds'],
  properties: {
    projectRoot: STRING,
    labDir: STRING,
    scratchDir: STRING,
    backend: { type: 'string', enum: [...BACKEND_CHOICES], nullable: true },
    isolation: { type: 'string', enum: [...ISOLATION_MODES] },
    config: ASSIGNMENT_CONFIG_SCHEMA,
    outcomesPath: STRING,
    hostInfoPath: STRING,
    testIds: STRINGS,
  },
};

const STATUSES: TestOutcome['status'][] = ['passed', 'failed', 'error', 'timeout', 'not_run'];

/** The outcome's own fields are checked; `details` is evidence for reports, an object of any shape. */
const OUTCOME_SCHEMA = {
  type: 'object',
  required: ['id', 'status', 'message', 'durationMs'],
  additionalProperties: false,
  properties: {
    id: STRING,
    status: { type: 'string', enum: STATUSES },
    message: STRING,
    fraction: { type: 'number', minimum: 0, maximum: 1 },
    details: { type: 'object' },
    durationMs: { type: 'number', minimum: 0 },
  },
} as const;

/** Isolation is helper-extensible: its known flags must be there, more may follow. */
const HOST_INFO_SCHEMA = {
  type: 'object',
  required: ['backend', 'device', 'isolation', 'startTimesMs'],
  properties: {
    backend: STRING,
    device: STRING,
    gpu: { type: 'boolean' },
    adapter: { type: 'object' },
    isolation: {
      type: 'object',
      required: ['processBoundary', 'notes'],
      properties: { processBoundary: { type: 'boolean' }, notes: STRINGS },
    },
    startTimesMs: { type: 'array', items: { type: 'number' } },
  },
} as const;

const REPORT_SCHEMA: JSONSchemaType<SuiteProcessReport> = {
  type: 'object',
  required: ['suiteErrors'],
  additionalProperties: false,
  properties: { suiteErrors: STRINGS },
};

const ajv = new Ajv({ allErrors: false, useDefaults: true });
const validContext = ajv.compile(CONTEXT_SCHEMA);
const validOutcome = ajv.compile<TestOutcome>(OUTCOME_SCHEMA);
const validHostInfo = ajv.compile<HostInfo>(HOST_INFO_SCHEMA);
const validReport = ajv.compile(REPORT_SCHEMA);

function schemaError(errors: typeof validContext.errors): string {
  const e = errors?.[0];
  return e ? `${e.instancePath || '(top level)'} ${e.message ?? e.keyword}` : 'does not match its schema';
}

export function writeSuiteContext(file: string, context: SuiteContextFile): void {
  fs.writeFileSync(file, JSON.stringify(context));
}

/** The suites' context; throws (a grader bug) when the file does not fit its schema. */
export function readSuiteContext(file: string): SuiteContextFile {
  const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!validContext(value)) throw new Error(`the suite context ${file} is not valid: ${schemaError(validContext.errors)}`);
  return value;
}

/** The valid lines of a JSON-lines file, and a note for each line that is not. */
function readLines<T>(
  file: string,
  valid: ((v: unknown) => v is T) & { errors?: typeof validContext.errors },
  what: string,
): { items: T[]; rejected: string[] } {
  const items: T[] = [];
  const rejected: string[] = [];
  if (!fs.existsSync(file)) return { items, rejected };
  fs.readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        rejected.push(`${what} line ${i + 1} is not JSON`);
        return;
      }
      if (valid(value)) items.push(value);
      else rejected.push(`${what} line ${i + 1} does not fit its schema: ${schemaError(valid.errors)}`);
    });
  return { items, rejected };
}

export const readOutcomes = (file: string) => readLines(file, validOutcome, 'outcomes.jsonl');
export const readHostInfo = (file: string) => readLines(file, validHostInfo, 'hosts.jsonl');

/** The suite process's report, or undefined when it never wrote a valid one (it died first). */
export function readSuiteProcessReport(file: string): SuiteProcessReport | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return validReport(value) ? value : undefined;
  } catch {
    return undefined;
  }
}
