/**
 * Which paths staging ignores (and why, in words a student can act on). The lab files themselves
 * are listed in grader/lab.
 */

/** Folders never looked into (dependencies, macOS zip metadata). Dot-folders are skipped too. */
const SKIPPED_DIRS = new Set(['node_modules', '__MACOSX']);

/** Why a path (posix, relative to the submission) is not staged, or null when it is a candidate .ts file. */
export function ignoreReason(rel: string): string | null {
  const parts = rel.split('/');
  const base = parts[parts.length - 1] ?? '';
  for (const dir of parts.slice(0, -1)) {
    if (SKIPPED_DIRS.has(dir)) return `inside ${dir}/`;
    if (dir.startsWith('.')) return 'inside a hidden folder';
  }
  if (base.startsWith('.')) return 'hidden file';
  if (!base.endsWith('.ts')) return 'not a .ts file';
  if (base.endsWith('.d.ts')) return 'declaration file';
  if (/\.(test|spec)\.ts$/.test(base)) return 'test file';
  return null;
}

/** Whether a folder should not be walked into at all (folder submissions). */
export function isSkippedDir(name: string): boolean {
  return SKIPPED_DIRS.has(name) || name.startsWith('.');
}

/** "a, b and c" */
export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
