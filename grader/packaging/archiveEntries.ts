/**
 * The files inside a .tgz (npm pack's ustar, gzipped) or a .zip, read into memory, so that the leak
 * scan sees what an archive in a package holds.
 */
import * as zlib from 'zlib';
import { unzipSync } from 'fflate';

export interface ArchiveEntry {
  name: string;
  data: Buffer;
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

/** Regular files of a gzipped tar (ustar names with their prefix; pax `path` records honoured). */
export function tgzEntries(archive: Buffer): ArchiveEntry[] {
  const tar = zlib.gunzipSync(archive);
  const entries: ArchiveEntry[] = [];
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length;) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = parseInt(field(header, 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(header[156] || 48);
    const data = tar.subarray(at + 512, at + 512 + size);
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = undefined;
    if (type === 'x') longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
    else if (type === '0' || type === '\0') entries.push({ name, data: Buffer.from(data) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return entries;
}

export function zipEntries(archive: Buffer): ArchiveEntry[] {
  return Object.entries(unzipSync(new Uint8Array(archive)))
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, data]) => ({ name, data: Buffer.from(data) }));
}
