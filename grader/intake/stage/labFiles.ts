/**
 * Which files a submission consists of, and which paths staging ignores (and why, in words a
 * student can act on).
 */

/** The files students write; the lab root is the folder that holds most of them. */
export const STUDENT_FILES = ['data.ts', 'ngram.ts', 'rnn.ts', 'kerasRnn.ts', 'loss.ts', 'train.ts', 'generate.ts'] as const;

/** Provided helpers; when a submission lacks them the grader uses the stencil's copies. */
export const PROVIDED_FILES = ['random.ts', 'init.ts'] as const;

export const LAB_FILES: readonly string[] = [...STUDENT_FILES, ...PROVIDED_FILES];

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
