/**
 * Lists a folder submission without following symbolic links, without walking into node_modules,
 * hidden folders or the grader's own scratch folder, and within the entry and depth caps.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isSkippedDir } from './ignoredPaths';
import type { StageLimits } from './limits';
import type { Outcome, Source, SourceFile } from './source';

/** Opens with O_NOFOLLOW so a file swapped for a link after listing is still not followed. */
function readRegularFile(abs: string, rel: string, maxBytes: number): Outcome<Buffer> {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (err) {
    return { ok: false, message: `"${rel}" could not be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).` };
  }
  try {
    const st = fs.fstatSync(fd);
    const size = st.size;
    if (!st.isFile() || size > maxBytes) return { ok: false, message: `"${rel}" changed while it was being read.` };
    const buf = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const n = fs.readSync(fd, buf, done, size - done, done);
      if (n === 0) break;
      done += n;
    }
    return { ok: true, value: buf.subarray(0, done) };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Walks `root` breadth-first. `excludeAbs` (the scratch folder, when it lies inside the submission)
 * is not walked. Fails when the folder holds more than `limits.maxEntries` entries.
 */
export function openFolder(root: string, limits: StageLimits, excludeAbs: string): Outcome<Source> {
  const files: SourceFile[] = [];
  const skippedDirs: string[] = [];
  let entries = 0;
  const queue: { abs: string; rel: string; depth: number }[] = [{ abs: root, rel: '', depth: 0 }];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    let names: string[];
    try {
      names = fs.readdirSync(dir.abs).sort();
    } catch {
      if (dir.rel === '') return { ok: false, message: 'The submission folder could not be read.' };
      skippedDirs.push(`${dir.rel}/`);
      continue;
    }
    for (const name of names) {
      if (++entries > limits.maxEntries) {
        return {
          ok: false,
          message: `The submission folder has more than ${limits.maxEntries} files and folders; submit only your .ts files.`,
        };
      }
      const abs = path.join(dir.abs, name);
      const rel = dir.rel === '' ? name : `${dir.rel}/${name}`;
      const st = fs.lstatSync(abs, { throwIfNoEntry: false });
      if (!st) continue; // removed while listing
      if (st.isDirectory()) {
        if (path.resolve(abs) === excludeAbs) continue;
        if (isSkippedDir(name) || dir.depth + 1 > limits.maxWalkDepth) skippedDirs.push(`${rel}/`);
        else queue.push({ abs, rel, depth: dir.depth + 1 });
        continue;
      }
      const kind = st.isSymbolicLink() ? 'symlink' : st.isFile() ? 'file' : 'other';
      files.push({
        rel,
        kind,
        size: st.size,
        read: () => (kind === 'file' ? readRegularFile(abs, rel, st.size) : { ok: false, message: `"${rel}" is not a regular file.` }),
      });
    }
  }
  return { ok: true, value: { kind: 'folder', files, skippedDirs, close: () => undefined } };
}
