/** The work behind `rnn-lab package`: build the handout or the autograder zip, and say what came out. */
import * as fs from 'fs';
import * as path from 'path';
import type { BackendName } from '../runtime/backendNames';
import { buildHandout } from './buildHandout';
import { buildGradescope } from './buildGradescope';
import type { Leak } from './leakScan';

export interface PackageResult {
  what: 'handout' | 'gradescope';
  dir: string;
  /** The main artefacts, relative to `dir` (the tarball, or autograder.zip). */
  artefacts: string[];
  files: string[];
  leaks: Leak[];
}

export function buildPackage(what: 'handout' | 'gradescope', out: string, root: string, backend: BackendName): PackageResult {
  if (what === 'handout') {
    const h = buildHandout(out, root);
    return { what, dir: h.dir, artefacts: [h.tarball], files: h.files, leaks: h.leaks };
  }
  const g = buildGradescope(out, root, backend);
  return { what, dir: g.dir, artefacts: [g.zip], files: g.entries, leaks: g.leaks };
}

function kb(file: string): string {
  return `${(fs.statSync(file).size / 1024).toFixed(0)} KB`;
}

export function describePackage(r: PackageResult): string[] {
  const lines = [`${r.what === 'handout' ? 'handout' : 'Gradescope autograder'}: ${r.dir} (${r.files.length} files)`];
  for (const a of r.artefacts) lines.push(`  ${a} ${kb(path.join(r.dir, a))}`);
  if (r.leaks.length === 0) lines.push('leak scan: nothing hidden found (solution bodies, hidden tests, hidden goldens)');
  for (const l of r.leaks) lines.push(`LEAK ${l.kind}: ${l.what} in ${l.file}: ${l.found}`);
  return lines;
}
