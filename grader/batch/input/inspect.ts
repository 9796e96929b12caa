/**
 * A look at one submission before it is graded, with staging's own rules (no file is inflated or
 * copied): a stamp of its contents, so that a resumed batch regrades a submission that changed, and
 * the folders that hold a second set of lab files (two candidate submissions in one folder: grading
 * takes the fuller one, and the summary says so).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import { openFolder } from '../../intake/stage/folderSource';
import { DEFAULT_STAGE_LIMITS } from '../../intake/stage/limits';
import { selectFiles } from '../../intake/stage/selectFiles';
import { openZip } from '../../intake/stage/zipSource';
import type { Source } from '../../intake/stage/source';
import type { BatchProblem, SubmissionRef } from '../types';

export interface Inspection {
  /** sha256 over the names, sizes and contents of the files staging would look at. */
  stamp: string;
  /** The folder graded ('' for the top) and the other folders that also hold lab files. */
  root: string | null;
  otherRoots: string[];
}

/** Most bytes read to stamp one submission; past it, later files count by name and size only. */
const STAMP_READ_BYTES = 64 * 2 ** 20;

function stampOf(source: Source): string {
  const hash = crypto.createHash('sha256');
  let read = 0;
  for (const f of [...source.files].sort((a, b) => (a.rel < b.rel ? -1 : 1))) {
    hash.update(`${f.rel}\0${f.kind}\0${f.size}\0`);
    if (f.kind !== 'file' || read + f.size > STAMP_READ_BYTES) continue;
    const data = f.read();
    if (data.ok) {
      read += data.value.length;
      hash.update(data.value);
    } else hash.update(`unreadable: ${data.message}`);
  }
  return hash.digest('hex');
}

/** Stamps a file that staging cannot open as a zip by its bytes (or size, when large). */
function stampFile(file: string): string {
  const st = fs.statSync(file);
  const hash = crypto.createHash('sha256').update(`file\0${st.size}\0`);
  if (st.size <= STAMP_READ_BYTES) hash.update(fs.readFileSync(file));
  return hash.digest('hex');
}

export function inspectSubmission(file: string): Inspection {
  try {
    const st = fs.statSync(file);
    const opened = st.isDirectory()
      ? openFolder(file, DEFAULT_STAGE_LIMITS, '')
      : st.isFile() && st.size > 0
        ? openZip(file, DEFAULT_STAGE_LIMITS)
        : null;
    if (opened === null || !opened.ok)
      return { stamp: st.isFile() ? stampFile(file) : `unreadable\0${st.size}`, root: null, otherRoots: [] };
    try {
      const selection = selectFiles(opened.value, DEFAULT_STAGE_LIMITS);
      return { stamp: stampOf(opened.value), root: selection?.root ?? null, otherRoots: selection?.otherRoots ?? [] };
    } finally {
      opened.value.close();
    }
  } catch (err) {
    return { stamp: `unreadable\0${(err as NodeJS.ErrnoException).code ?? String(err)}`, root: null, otherRoots: [] };
  }
}

/** Stamps every submission of `plan`, and flags those with two candidate submissions in them. */
export function inspectPlan(plan: readonly SubmissionRef[]): { stamps: Map<string, string>; problems: BatchProblem[] } {
  const stamps = new Map<string, string>();
  const problems: BatchProblem[] = [];
  const where = (d: string) => (d === '' ? 'its top folder' : `${d}/`);
  for (const ref of plan) {
    const look = inspectSubmission(ref.path);
    stamps.set(ref.key, look.stamp);
    if (look.otherRoots.length === 0) continue;
    const graded = where(look.root ?? '');
    const all = [graded, ...look.otherRoots.map(where)].join(' and ');
    problems.push({
      kind: 'ambiguous',
      keys: [ref.key],
      message: `${ref.source} holds two candidate submissions: lab files in ${all}; ${graded} was graded (it has the most lab files); check by hand`,
    });
  }
  return { stamps, problems };
}
