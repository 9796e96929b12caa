/**
 * Jest's order for the hidden suite files: the config's question order, always. Jest's default
 * runs files that failed or ran longest last time first, so a slow or hanging training run (in
 * the suite process's shared cache) would put every other question behind it at a deadline.
 * Loaded by Jest in the suite process (suiteProcess.ts `testSequencer`).
 */
import * as path from 'path';
import { SUITE_CONTEXT_ENV, readSuiteContext } from './suiteContextFile';

interface JestTest {
  path: string;
}

export default class SuiteSequencer {
  sort(tests: JestTest[]): JestTest[] {
    const file = process.env[SUITE_CONTEXT_ENV];
    const questions = file ? [...new Set(readSuiteContext(file).testIds.map((id) => id.split('.')[0]))] : [];
    const rank = (t: JestTest) => {
      const i = questions.indexOf(path.basename(t.path).replace(/\.suite\.ts$/, ''));
      return i < 0 ? questions.length : i;
    };
    return [...tests].sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }

  cacheResults(): void {
    // The order never depends on earlier runs.
  }
}
