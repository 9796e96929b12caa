/** Validates results.json against the schema and writes it atomically (temp file + rename). */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { validateGradescopeResults, type GradescopeResults } from './gradescopeSchema';

/** Our own output broke Gradescope's format: a bug in rnn-lab, never the submission's fault. */
export class InvalidResultsError extends Error {
  constructor(readonly errors: string[]) {
    super(`internal error: the results rnn-lab produced are not valid Gradescope results.json:\n  ${errors.join('\n  ')}`);
    this.name = 'InvalidResultsError';
  }
}

/** The JSON text that would be written; throws InvalidResultsError when it does not validate. */
export function serializeResults(results: GradescopeResults): string {
  const text = JSON.stringify(results, null, 2) + '\n';
  // Validate the text actually written (what JSON.stringify made of the object), not the object.
  const check = validateGradescopeResults(JSON.parse(text));
  if (!check.ok) throw new InvalidResultsError(check.errors);
  return text;
}

/**
 * Writes `results` to `path` (creating its folder). Readers see the old file or the complete new
 * one, never a partial file: the text goes to a temporary file beside it, then is renamed.
 */
export async function writeResultsFile(path: string, results: GradescopeResults): Promise<void> {
  const text = serializeResults(results);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, text, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
