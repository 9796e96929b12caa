/**
 * Unpacks a whole class's zip (Gradescope's export, or a zip of student folders and zips) into a
 * folder of its own, with the staging code's zip reader: no entry may leave the folder, links are
 * skipped, and each entry is inflated at most to the size it declares. Student zips inside it stay
 * zips; each is vetted again when its submission is graded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readZipDirectory, readZipEntry } from '../../intake/stage/zipReader';
import { unsafeEntryName } from '../../intake/stage/zipSource';

/** Caps for a class: generous for hundreds of submissions, small enough to refuse a bomb. */
export const CLASS_ZIP_LIMITS = {
  maxEntries: 65_000,
  maxEntryBytes: 256 * 2 ** 20,
  maxTotalBytes: 8 * 2 ** 30,
  maxRatio: 1000,
  ratioMinBytes: 2 ** 20,
};

export type Extracted = { ok: true; dir: string; skipped: string[] } | { ok: false; error: string };

/** Unpacks `zipFile` into `into` (created; must not exist). */
export function extractClassZip(zipFile: string, into: string, limits = CLASS_ZIP_LIMITS): Extracted {
  const fd = fs.openSync(zipFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const listed = readZipDirectory(fd, size, limits.maxEntries);
    if (!listed.ok)
      return { ok: false, error: `${path.basename(zipFile)}: ${listed.message} (unzip it yourself and give the folder instead)` };
    const skipped: string[] = [];
    let total = 0;
    fs.mkdirSync(into, { recursive: false });
    const root = path.resolve(into);
    for (const entry of listed.value) {
      const unsafe = unsafeEntryName(entry.name);
      if (unsafe) return { ok: false, error: `${path.basename(zipFile)}: the entry "${entry.name}" ${unsafe}; nothing was graded` };
      const rel = entry.name
        .replace(/\\/g, '/')
        .split('/')
        .filter((s) => s !== '' && s !== '.');
      if (rel.length === 0) continue;
      const dest = path.join(root, ...rel);
      if (entry.isDirectory) {
        fs.mkdirSync(dest, { recursive: true });
        continue;
      }
      if (entry.isSymlink) {
        skipped.push(`${rel.join('/')} (a symbolic link)`);
        continue;
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.maxEntryBytes || (entry.uncompressedSize >= limits.ratioMinBytes && ratio > limits.maxRatio)) {
        skipped.push(`${rel.join('/')} (${entry.uncompressedSize} bytes unpacked: too large)`);
        continue;
      }
      total += entry.uncompressedSize;
      if (total > limits.maxTotalBytes)
        return {
          ok: false,
          error: `${path.basename(zipFile)} unpacks to more than ${limits.maxTotalBytes} bytes; unzip it yourself and give the folder instead`,
        };
      const data = readZipEntry(fd, size, entry);
      if (!data.ok) return { ok: false, error: `${path.basename(zipFile)}: ${data.message}` };
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      if (fs.existsSync(dest)) skipped.push(`${rel.join('/')} (in the zip twice; the first copy is kept)`);
      else fs.writeFileSync(dest, data.value, { flag: 'wx' });
    }
    return { ok: true, dir: root, skipped };
  } finally {
    fs.closeSync(fd);
  }
}
