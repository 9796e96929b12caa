/**
 * Reads and validates an assignment config. Returns the config or a list of errors, each naming
 * the JSON path, the problem and what was expected; only the CLI turns errors into an exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv, { type ErrorObject } from 'ajv';
import { ASSIGNMENT_CONFIG_SCHEMA, previewRules, typeCheckRules, type AssignmentConfig } from './assignmentConfig';
import { projectRoot } from '../projectRoot';

export type ConfigResult = { config: AssignmentConfig; errors?: undefined } | { config?: undefined; errors: string[] };

export const DEFAULT_CONFIG_PATH = path.join(projectRoot(), 'grader', 'config', 'assignment.json');

// useDefaults fills in what the schema defaults (typeErrors), so a loaded config is complete.
const validate = new Ajv({ allErrors: true, useDefaults: true }).compile(ASSIGNMENT_CONFIG_SCHEMA);

/** "questions[2].tests[0].points: must be >= 0" */
function describe(error: ErrorObject): string {
  const where =
    error.instancePath === ''
      ? '(top level)'
      : error.instancePath
          .slice(1)
          .replace(/\/(\d+)/g, '[$1]')
          .replace(/\//g, '.')
          .replace(/^(\d+)/, '[$1]');
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${where}: missing required property "${String(p.missingProperty)}"`;
    case 'additionalProperties':
      return `${where}: unknown property "${String(p.additionalProperty)}" (not part of the config format)`;
    case 'enum':
      return `${where}: must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return `${where}: ${error.message ?? error.keyword}`;
  }
}

/** Rules the schema cannot express: unique ids, ids under their question, sane training bars. */
function checkRules(config: AssignmentConfig): string[] {
  const errors: string[] = [];
  const seen = new Set<string>();
  config.questions.forEach((q, qi) => {
    if (seen.has(q.id)) errors.push(`questions[${qi}].id: "${q.id}" is used twice`);
    seen.add(q.id);
    q.tests.forEach((t, ti) => {
      if (seen.has(t.id)) errors.push(`questions[${qi}].tests[${ti}].id: "${t.id}" is used twice`);
      seen.add(t.id);
      if (!t.id.startsWith(`${q.id}.`))
        errors.push(`questions[${qi}].tests[${ti}].id: "${t.id}" must start with its question id "${q.id}." (it names the suite file)`);
    });
  });
  for (const model of ['ngram', 'rnn'] as const) {
    const b = config.training[model];
    if (b.implausibleBelow >= b.threshold)
      errors.push(`training.${model}: implausibleBelow (${b.implausibleBelow}) must be below threshold (${b.threshold})`);
  }
  errors.push(...typeCheckRules(config), ...previewRules(config));
  return errors;
}

/** Validates an already-parsed value. */
export function validateConfig(value: unknown): ConfigResult {
  if (!validate(value)) return { errors: (validate.errors ?? []).map(describe) };
  const errors = checkRules(value);
  return errors.length > 0 ? { errors } : { config: value };
}

/** Reads, parses and validates a config file. */
export function loadConfig(file = DEFAULT_CONFIG_PATH): ConfigResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { errors: [`cannot read the config ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { errors: [`${file} is not valid JSON: ${(err as Error).message}`] };
  }
  const result = validateConfig(value);
  return result.errors ? { errors: result.errors.map((e) => `${path.basename(file)}: ${e}`) } : result;
}
