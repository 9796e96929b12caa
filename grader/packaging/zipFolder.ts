/** A folder as a zip (fflate), with Unix modes kept (scripts stay executable) and a fixed date (the same input gives the same zip). */
import * as fs from 'fs';
import * as path from 'path';
import { zipSync, type Zippable } from 'fflate';

const FIXED_DATE = new Date('2026-01-01T00:00:00Z');
const UNIX = 3;

/** Zips every file under `dir` (paths relative to it) into `zipFile`; returns the entry names. */
export function zipFolder(dir: string, zipFile: string): string[] {
  const entries: Zippable = {};
  const names = fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const name of names) {
    const mode = fs.statSync(path.join(dir, name)).mode & 0o777;
    const attrs = ((0o100000 | mode) << 16) >>> 0;
    entries[name] = [fs.readFileSync(path.join(dir, name)), { os: UNIX, attrs, mtime: FIXED_DATE, level: 9 }];
  }
  fs.writeFileSync(zipFile, zipSync(entries));
  return names;
}
