/**
 * Decides which listed files are staged: finds the lab root (the folder, at most a few levels down,
 * that holds the most lab files; Gradescope uploads are often nested as `hw4/...` or
 * `submission/src/...`), keeps the candidate .ts files under it, and says why everything else is
 * ignored. Pure: it reads names and kinds, never file contents.
 */
import { LAB_FILES, STUDENT_FILES } from '../../lab';
import { ignoreReason } from './ignoredPaths';
import type { StageLimits } from './limits';
import type { Source, SourceFile } from './source';

export interface Selection {
  /** Folder holding the lab files, posix, relative to the submission's top; '' for the top itself. */
  root: string;
  /** Files to stage, with their path relative to the lab root (after case fixes). */
  keep: { file: SourceFile; dest: string }[];
  /** "path (reason)" for every file or folder not staged. */
  ignored: string[];
  /** Other folders that also hold lab files, ignored in favour of `root`. */
  otherRoots: string[];
  /** Lab files whose name differed only in letter case, renamed to the expected name. */
  renamed: { from: string; to: string }[];
}

const dirOf = (rel: string): string => (rel.includes('/') ? rel.slice(0, rel.lastIndexOf('/')) : '');
const baseOf = (rel: string): string => rel.slice(rel.lastIndexOf('/') + 1);
const depthOf = (dir: string): number => (dir === '' ? 0 : dir.split('/').length);

const STUDENT_LOWER = new Set<string>(STUDENT_FILES.map((n) => n.toLowerCase()));
const CANONICAL = new Map<string, string>(LAB_FILES.map((n) => [n.toLowerCase(), n]));

function findRoots(files: readonly SourceFile[], maxNestDepth: number): string[] {
  const found = new Map<string, Set<string>>();
  for (const f of files) {
    if (f.kind !== 'file' || ignoreReason(f.rel) !== null) continue;
    const lower = baseOf(f.rel).toLowerCase();
    const dir = dirOf(f.rel);
    if (!STUDENT_LOWER.has(lower) || depthOf(dir) > maxNestDepth) continue;
    const names = found.get(dir) ?? new Set<string>();
    names.add(lower);
    found.set(dir, names);
  }
  return [...found.entries()]
    .sort(([a, x], [b, y]) => y.size - x.size || depthOf(a) - depthOf(b) || a.localeCompare(b))
    .map(([dir]) => dir);
}

/** The selection, or null when no folder within `maxNestDepth` levels holds a lab file. */
export function selectFiles(source: Source, limits: StageLimits): Selection | null {
  const roots = findRoots(source.files, limits.maxNestDepth);
  const root = roots[0];
  if (root === undefined) return null;
  const prefix = root === '' ? '' : `${root}/`;
  const keep: Selection['keep'] = [];
  const ignored: string[] = source.skippedDirs.map((d) => `${d} (folder not looked into)`);
  for (const file of source.files) {
    const reason =
      file.kind === 'symlink'
        ? 'symbolic link, not followed'
        : file.kind === 'other'
          ? 'not a regular file'
          : (ignoreReason(file.rel) ?? (file.rel.startsWith(prefix) ? null : `outside ${root}/, the folder with your lab files`));
    if (reason === null) keep.push({ file, dest: file.rel.slice(prefix.length) });
    else ignored.push(`${file.rel} (${reason})`);
  }
  const renamed: Selection['renamed'] = [];
  const taken = new Set(keep.map((k) => k.dest));
  for (const k of keep) {
    const canonical = k.dest.includes('/') ? undefined : CANONICAL.get(k.dest.toLowerCase());
    if (canonical === undefined || canonical === k.dest || taken.has(canonical)) continue;
    renamed.push({ from: k.dest, to: canonical });
    taken.add(canonical);
    k.dest = canonical;
  }
  return { root, keep, ignored, otherRoots: roots.slice(1), renamed };
}
