/**
 * The leak scan: every file of a built package (and every file inside its .tgz and .zip archives),
 * searched for every fingerprint of what students must not get (leakFingerprints.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { tgzEntries, zipEntries, type ArchiveEntry } from './archiveEntries';
import { collapse, knownOverlap, leakFingerprints, type Fingerprint, type LeakKind } from './leakFingerprints';

export interface Leak {
  /** The file, relative to the scanned folder; inside an archive, "archive.tgz!path/in/it". */
  file: string;
  kind: LeakKind;
  what: string;
  /** The text found (cut to 120 characters). */
  found: string;
}

/** The text files of a folder, archives opened (node_modules, if any, is not ours to scan). */
export function packageTexts(dir: string): { file: string; text: string }[] {
  const out: { file: string; text: string }[] = [];
  const add = (file: string, data: Buffer, depth: number): void => {
    let inner: ArchiveEntry[] | undefined;
    if (depth < 2 && /\.(tgz|tar\.gz)$/.test(file)) inner = tgzEntries(data);
    else if (depth < 2 && file.endsWith('.zip')) inner = zipEntries(data);
    if (inner) for (const e of inner) add(`${file}!${e.name}`, e.data, depth + 1);
    else if (!data.includes(0)) out.push({ file, text: data.toString('utf8') });
  };
  for (const rel of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const posix = rel.split(path.sep).join('/');
    if (posix.split('/').includes('node_modules') || !fs.statSync(path.join(dir, rel)).isFile()) continue;
    add(posix, fs.readFileSync(path.join(dir, rel)), 0);
  }
  return out;
}

/** Every fingerprint found in the folder `dir`; empty when nothing leaked. */
export function scanForLeaks(dir: string, root: string, prints: readonly Fingerprint[] = leakFingerprints(root)): Leak[] {
  const leaks: Leak[] = [];
  for (const { file, text } of packageTexts(dir)) {
    const forms = { code: collapse(text), number: text.replace(/\s+/g, '') };
    for (const p of prints) {
      if (forms[p.mode].includes(p.needle) && !knownOverlap(file, p.needle))
        leaks.push({ file, kind: p.kind, what: p.what, found: p.needle.slice(0, 120) });
    }
  }
  return leaks;
}
