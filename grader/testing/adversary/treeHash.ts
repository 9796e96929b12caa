/**
 * A fingerprint of a folder tree, to prove that grading a hostile submission changed nothing
 * outside its scratch folder: every file's path, mode and content hash, and every link's target.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Folders left out of the project's fingerprint: dependencies, git's own files, generated reports. */
export const UNHASHED_PROJECT_DIRS = ['node_modules', '.git', 'reports/out'];

/** path -> "mode sha256" (or "-> target" for a link), for every entry under `root` outside `skip` (posix paths relative to root). */
export function treeFingerprint(root: string, skip: readonly string[] = []): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (skip.includes(rel)) continue;
      const stat = fs.lstatSync(full);
      if (stat.isSymbolicLink()) out.set(rel, `-> ${fs.readlinkSync(full)}`);
      else if (stat.isDirectory()) {
        out.set(`${rel}/`, (stat.mode & 0o7777).toString(8));
        walk(full);
      } else out.set(rel, `${(stat.mode & 0o7777).toString(8)} ${createHash('sha256').update(fs.readFileSync(full)).digest('hex')}`);
    }
  };
  walk(root);
  return out;
}

/** "added x", "removed y", "changed z" between two fingerprints (empty when equal). */
export function treeChanges(before: Map<string, string>, after: Map<string, string>): string[] {
  const changes: string[] = [];
  for (const [rel, print] of after) {
    if (!before.has(rel)) changes.push(`added ${rel}`);
    else if (before.get(rel) !== print) changes.push(`changed ${rel}`);
  }
  for (const rel of before.keys()) if (!after.has(rel)) changes.push(`removed ${rel}`);
  return changes.sort();
}
