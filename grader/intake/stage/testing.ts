/**
 * Test helpers for staging: a small zip writer (stored or deflated entries, symlinks, lying size
 * headers) and a temp sandbox that proves nothing outside the scratch folder was written.
 * Excluded from the build (tsconfig.build.json drops testing.ts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { crc32 } from './zipReader';

export interface ZipSpec {
  /** Entry name exactly as stored; a trailing "/" makes a folder entry. */
  name: string;
  data?: Buffer | string;
  method?: 'store' | 'deflate';
  /** Store as a Unix symbolic link (mode 0120777) whose target is `data`. */
  symlink?: boolean;
  /** Uncompressed size to write into the headers instead of the true one. */
  declaredSize?: number;
  /** Already-deflated bytes with their true size and CRC (to reuse a big bomb between tests). */
  deflated?: { data: Buffer; size: number; crc: number };
}

/** Deflates `data` once, for `ZipSpec.deflated`. */
export function predeflate(data: Buffer): NonNullable<ZipSpec['deflated']> {
  return { data: zlib.deflateRawSync(data, { level: 9 }), size: data.length, crc: crc32(data) };
}

/** A complete zip archive of `entries`, in order. */
export function buildZip(entries: readonly ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data ?? '', 'utf8');
    const method = e.deflated || e.method !== 'store' ? 8 : 0;
    const body = e.deflated ? e.deflated.data : method === 8 ? zlib.deflateRawSync(raw) : raw;
    const size = e.declaredSize ?? (e.deflated ? e.deflated.size : raw.length);
    const crc = e.deflated ? e.deflated.crc : crc32(raw);
    const mode = e.symlink ? 0o120777 : e.name.endsWith('/') ? 0o40755 : 0o100644;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE((mode << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

/** Minimal lab file contents that stage cares about (any UTF-8 text). */
export function labSource(name: string): string {
  return `// ${name}\nexport const file = '${name}';\n`;
}

/** Writes `files` (relative path -> contents) under `dir`. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): string {
  for (const [rel, data] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, data);
  }
  return dir;
}

/** Every path under `dir` except `skip`, with a hash of each file (symlinks by target). */
function snapshot(dir: string, skip: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of fs.readdirSync(d).sort()) {
      const abs = path.join(d, name);
      if (abs === skip) continue;
      const st = fs.lstatSync(abs);
      if (st.isSymbolicLink()) out.push(`${abs} -> ${fs.readlinkSync(abs)}`);
      else if (st.isDirectory()) {
        out.push(`${abs}/`);
        walk(abs);
      } else out.push(`${abs} ${crypto.createHash('sha1').update(fs.readFileSync(abs)).digest('hex')}`);
    }
  };
  walk(dir);
  return out;
}

/**
 * A temp folder with `scratch/` (where staging may write), a sibling `canary/` with a file in it,
 * and room for inputs. `untouched()` says whether anything outside scratch changed since `mark()`.
 */
export class Sandbox {
  readonly root = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-stage-'));
  readonly scratch = path.join(this.root, 'scratch');
  readonly canary = path.join(this.root, 'canary');
  private before: string[] = [];

  constructor() {
    fs.mkdirSync(this.scratch);
    writeTree(this.canary, { 'keep.txt': 'canary' });
  }

  /** Path of an input under the sandbox (outside scratch). */
  path(...parts: string[]): string {
    return path.join(this.root, 'inputs', ...parts);
  }

  mark(): void {
    this.before = snapshot(this.root, this.scratch);
  }

  /** Paths added, removed or changed outside scratch since `mark()` (empty when untouched). */
  changesOutsideScratch(): string[] {
    const after = snapshot(this.root, this.scratch);
    const a = new Set(this.before);
    const b = new Set(after);
    return [...after.filter((x) => !a.has(x)), ...this.before.filter((x) => !b.has(x))];
  }

  /** What staging wrote under scratch, as sorted relative posix paths. */
  scratchContents(): string[] {
    const out: string[] = [];
    const walk = (d: string, rel: string): void => {
      for (const name of fs.readdirSync(d).sort()) {
        const r = rel ? `${rel}/${name}` : name;
        if (fs.lstatSync(path.join(d, name)).isDirectory()) walk(path.join(d, name), r);
        else out.push(r);
      }
    };
    walk(this.scratch, '');
    return out;
  }

  cleanup(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
