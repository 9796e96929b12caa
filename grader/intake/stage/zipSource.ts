/**
 * Opens a zip submission and applies the archive-wide rules before anything is inflated: entry
 * count, unsafe names (zip-slip), links, duplicates, compression ratio and total declared size.
 * Any violation rejects the whole zip, naming the entry. Entries are inflated later, one at a time,
 * and only those staging keeps.
 */
import * as fs from 'fs';
import { formatBytes, type StageLimits } from './limits';
import type { Outcome, Source, SourceFile } from './source';
import { readZipDirectory, readZipEntry, type ZipEntry } from './zipReader';

const REZIP = 'For safety the whole zip was rejected; zip your .ts files again from inside the folder that holds them.';

/** Why an entry name could write outside the extraction folder, or null when it is safe. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes('\0')) return 'contains a NUL character';
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/')) return 'is an absolute path';
  if (/^[A-Za-z]:/.test(n)) return 'starts with a drive letter';
  if (n.split('/').includes('..')) return 'climbs out of its folder with ".."';
  return null;
}

/** The name as a posix path without "." or empty segments ("a\\.\\b.ts" -> "a/b.ts"). */
function normalise(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/');
}

function checkEntries(entries: readonly ZipEntry[], limits: StageLimits): string | null {
  const seen = new Set<string>();
  let total = 0;
  for (const e of entries) {
    const bad = unsafeEntryName(e.name);
    if (bad) return `The zip contains the entry "${e.name}", which ${bad}. ${REZIP}`;
    if (e.isSymlink) return `The zip contains "${e.name}", a symbolic link; links are not allowed in a submission. ${REZIP}`;
    if (e.isDirectory) continue;
    const rel = normalise(e.name);
    if (seen.has(rel)) return `The zip contains "${e.name}" twice, so it is not clear which one to grade. ${REZIP}`;
    seen.add(rel);
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxCompressionRatio) {
      return `The zip entry "${e.name}" expands ${Math.round(ratio)} times (${formatBytes(e.compressedSize)} to ${formatBytes(e.uncompressedSize)}), the mark of a zip bomb; the zip was not unpacked.`;
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) {
    return `The zip unpacks to ${formatBytes(total)}, more than the ${formatBytes(limits.maxTotalBytes)} allowed for a submission; zip only your .ts files.`;
  }
  return null;
}

/** Lists and vets the zip at `file`; the caller must `close()` the returned source. */
export function openZip(file: string, limits: StageLimits): Outcome<Source> {
  const fd = fs.openSync(file, 'r');
  const close = (): void => fs.closeSync(fd);
  try {
    const size = fs.fstatSync(fd).size;
    const dir = readZipDirectory(fd, size, limits.maxEntries);
    if (!dir.ok) {
      close();
      return dir;
    }
    const problem = checkEntries(dir.value, limits);
    if (problem) {
      close();
      return { ok: false, message: problem };
    }
    const files: SourceFile[] = dir.value
      .filter((e) => !e.isDirectory && normalise(e.name) !== '')
      .map((e) => ({ rel: normalise(e.name), kind: 'file', size: e.uncompressedSize, read: () => readZipEntry(fd, size, e) }));
    return { ok: true, value: { kind: 'zip', files, skippedDirs: [], close } };
  } catch (err) {
    close();
    throw err;
  }
}
