/**
 * A minimal, defensive zip reader on node:zlib: it lists the central directory and inflates one
 * entry at a time with positional reads, so an archive is never loaded whole. Supported: stored and
 * deflated entries, no encryption, no ZIP64, no multi-disk archives (none of which an ordinary zip
 * of a few source files needs). Inflation stops one byte past the size an entry declares, so a
 * lying header cannot make the grader inflate more than the caps it checked against.
 * Every failure is a sentence a student can act on.
 */
import * as fs from 'fs';
import * as zlib from 'zlib';

export interface ZipEntry {
  /** Name as stored (decoded from UTF-8, or from Latin-1 when it is not valid UTF-8). */
  name: string;
  flags: number;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  isDirectory: boolean;
  isSymlink: boolean;
}

export type ZipResult<T> = { ok: true; value: T } | { ok: false; message: string };

const SIG_EOCD = 0x06054b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_MIN = 22;
const MAX_COMMENT = 0xffff;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
/** "made by" hosts whose external attributes carry a Unix mode: Unix, macOS. */
const UNIX_HOSTS = new Set([3, 19]);

const DAMAGED = 'The zip file is damaged or incomplete; create it again and resubmit.';

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const n = fs.readSync(fd, buf, done, length - done, position + done);
    if (n === 0) break;
    done += n;
  }
  return done === length ? buf : buf.subarray(0, done);
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function decodeName(raw: Buffer): string {
  try {
    return fatalUtf8.decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/** Lists the entries of the zip open at `fd`; fails on more than `maxEntries` before parsing them. */
export function readZipDirectory(fd: number, fileSize: number, maxEntries: number): ZipResult<ZipEntry[]> {
  if (fileSize < EOCD_MIN) return { ok: false, message: DAMAGED };
  const tailLen = Math.min(fileSize, EOCD_MIN + MAX_COMMENT);
  const tailStart = fileSize - tailLen;
  const tail = readAt(fd, tailStart, tailLen);
  let at = -1;
  for (let i = tail.length - EOCD_MIN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) return { ok: false, message: DAMAGED };
  const disk = tail.readUInt16LE(at + 4);
  const cdDisk = tail.readUInt16LE(at + 6);
  const count = tail.readUInt16LE(at + 10);
  const cdSize = tail.readUInt32LE(at + 12);
  const cdOffset = tail.readUInt32LE(at + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return {
      ok: false,
      message: 'The zip uses the ZIP64 format, which the grader does not read; zip only your .ts files with an ordinary zip tool.',
    };
  }
  if (disk !== 0 || cdDisk !== 0) return { ok: false, message: 'The zip is split over several parts; submit a single zip file.' };
  if (count > maxEntries) {
    return { ok: false, message: `The zip has ${count} entries; the limit is ${maxEntries}. Zip only your .ts files.` };
  }
  if (cdOffset + cdSize > tailStart + at) return { ok: false, message: DAMAGED };
  const cd = readAt(fd, cdOffset, cdSize);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) return { ok: false, message: DAMAGED };
    const madeBy = cd.readUInt16LE(p + 4);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc32 = cd.readUInt32LE(p + 16);
    const compressedSize = cd.readUInt32LE(p + 20);
    const uncompressedSize = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const external = cd.readUInt32LE(p + 38);
    const localHeaderOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen > cd.length) return { ok: false, message: DAMAGED };
    const name = decodeName(cd.subarray(p + 46, p + 46 + nameLen));
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      return {
        ok: false,
        message: `The zip entry "${name}" uses the ZIP64 format, which the grader does not read; zip only your .ts files with an ordinary zip tool.`,
      };
    }
    const mode = UNIX_HOSTS.has(madeBy >> 8) ? external >>> 16 : 0;
    entries.push({
      name,
      flags,
      method,
      crc32,
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      isDirectory: /[/\\]$/.test(name),
      isSymlink: (mode & S_IFMT) === S_IFLNK,
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return { ok: true, value: entries };
}

/**
 * The bytes of one entry. Never produces more than `entry.uncompressedSize` bytes: an entry that
 * inflates past what it declares is reported as a zip bomb. Checks the CRC.
 */
export function readZipEntry(fd: number, fileSize: number, entry: ZipEntry): ZipResult<Buffer> {
  const { name } = entry;
  if (entry.flags & 0x1) return { ok: false, message: `The zip entry "${name}" is encrypted; zip your files without a password.` };
  if (entry.method !== 0 && entry.method !== 8) {
    return {
      ok: false,
      message: `The zip entry "${name}" uses compression method ${entry.method}, which the grader does not read; use an ordinary zip tool (Deflate).`,
    };
  }
  // Deflate never grows data by more than a few bytes per 16 KB block, and stored data not at all:
  // a larger compressed size is a damaged or hostile header (and would make us read too much).
  const maxCompressed = entry.method === 0 ? entry.uncompressedSize : entry.uncompressedSize + 64 + (entry.uncompressedSize >>> 6);
  if (entry.compressedSize > maxCompressed) return { ok: false, message: DAMAGED };
  const header = readAt(fd, entry.localHeaderOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== SIG_LOCAL) return { ok: false, message: DAMAGED };
  const dataStart = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > fileSize) return { ok: false, message: DAMAGED };
  const raw = readAt(fd, dataStart, entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) {
    data = raw;
  } else {
    try {
      data = zlib.inflateRawSync(raw, { maxOutputLength: entry.uncompressedSize + 1 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        return {
          ok: false,
          message: `The zip entry "${name}" unpacks to more than the ${entry.uncompressedSize} bytes it declares: the zip is damaged or a zip bomb, and was not unpacked.`,
        };
      }
      return { ok: false, message: DAMAGED };
    }
  }
  if (data.length !== entry.uncompressedSize) {
    return data.length > entry.uncompressedSize
      ? {
          ok: false,
          message: `The zip entry "${name}" unpacks to more than the ${entry.uncompressedSize} bytes it declares: the zip is damaged or a zip bomb, and was not unpacked.`,
        }
      : { ok: false, message: DAMAGED };
  }
  if (crc32(data) !== entry.crc32) return { ok: false, message: DAMAGED };
  return { ok: true, value: data };
}

let table: Uint32Array | undefined;

/** CRC-32 (zip's), with node:zlib's native one where this Node has it (20.15+). */
export function crc32(data: Uint8Array): number {
  const native = (zlib as { crc32?: (d: Uint8Array) => number }).crc32;
  if (native) return native(data) >>> 0;
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = table[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
