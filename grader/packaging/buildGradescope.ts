/**
 * `rnn-lab package gradescope`: autograder.zip for Gradescope. At its root setup.sh,
 * install-grader.sh and run_autograder, beside the grader part for staff (every suite, the full
 * goldens and config) and the project's package-lock.json. No solution source: the leak scan of the
 * zip looks for the solution's function bodies, and nothing under solution/ may be in it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BackendName } from '../runtime/backendNames';
import { emptyOutDir } from './buildHandout';
import { stageGraderPart } from './graderPart';
import { installGraderScript, runAutograderScript, setupScript } from './gradescopeScripts';
import { leakFingerprints } from './leakFingerprints';
import { scanForLeaks, type Leak } from './leakScan';
import { zipFolder } from './zipFolder';

export const ZIP_NAME = 'autograder.zip';

export interface GradescopeResult {
  dir: string;
  zip: string;
  /** The zip's entries. */
  entries: string[];
  leaks: Leak[];
}

export function buildGradescope(out: string, root: string, backend: BackendName = 'wasm'): GradescopeResult {
  const dir = path.resolve(out);
  emptyOutDir(dir);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-gradescope-'));
  try {
    const part = stageGraderPart(path.join(work, 'source'), 'staff', root);
    fs.copyFileSync(path.join(root, 'package-lock.json'), path.join(part.dir, 'package-lock.json'));
    const scripts: [string, string][] = [
      ['setup.sh', setupScript()],
      ['install-grader.sh', installGraderScript(backend)],
      ['run_autograder', runAutograderScript(backend)],
    ];
    for (const [name, text] of scripts) fs.writeFileSync(path.join(part.dir, name), text, { mode: 0o755 });
    const entries = zipFolder(part.dir, path.join(dir, ZIP_NAME));
    // Hidden suites and goldens belong in here; the solution does not.
    const leaks = scanForLeaks(
      dir,
      root,
      leakFingerprints(root).filter((p) => p.kind === 'solution'),
    );
    for (const e of entries.filter((n) => n.startsWith('solution/') || n.startsWith('dist/solution/')))
      leaks.push({ file: `${ZIP_NAME}!${e}`, kind: 'solution', what: 'a file of the solution', found: e });
    return { dir, zip: ZIP_NAME, entries, leaks };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
