/**
 * The input of a batch: a folder, or a zip of the class (Gradescope's export, or a zip of student
 * folders and zips) unpacked into a temporary folder that `close()` removes. A missing or
 * unreadable input, or a class zip that cannot be unpacked, is the caller's to fix (UsageError).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from '../../errors';
import { discoverSubmissions, type Discovery } from './discover';
import { extractClassZip } from './extractClassZip';

export interface OpenedInput {
  kind: 'folder' | 'zip';
  /** Absolute path of the folder or zip as given. */
  path: string;
  discovery: Discovery;
  close(): void;
}

/** Whether `inner` lies inside `outer` (or is it). */
export function isInside(inner: string, outer: string): boolean {
  const rel = path.relative(path.resolve(outer), path.resolve(inner));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function openInput(input: string): OpenedInput {
  const abs = path.resolve(input);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    throw new UsageError(
      `the input ${input} ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(err as NodeJS.ErrnoException).code})`}; give a folder of submissions or a zip of them`,
    );
  }
  const discover = (dir: string): Discovery => {
    try {
      return discoverSubmissions(dir, input);
    } catch (err) {
      throw new UsageError(`the input ${input} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  };
  if (st.isDirectory()) return { kind: 'folder', path: abs, discovery: discover(abs), close: () => undefined };
  if (!st.isFile()) throw new UsageError(`the input ${input} is neither a folder nor a zip file`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-batch-'));
  const close = () => fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const extracted = extractClassZip(abs, path.join(tmp, 'input'));
    if (!extracted.ok) throw new UsageError(`the input ${input} could not be unpacked: ${extracted.error}`);
    const discovery = discover(extracted.dir);
    for (const s of extracted.skipped)
      discovery.problems.push({ kind: 'ignored-file', keys: [], message: `${path.basename(abs)}: ${s} was not unpacked` });
    return { kind: 'zip', path: abs, discovery, close };
  } catch (err) {
    close();
    throw err;
  }
}
