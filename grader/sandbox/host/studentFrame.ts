/**
 * Where in the student's own .ts an error happened: the innermost stack frame that lies in the
 * submission, with its compiled-JavaScript line mapped back through the inline source map that the
 * compile step writes into every emitted file. Node's SourceMap class reads the map directly, so
 * this needs no --enable-source-maps (which would also rewrite frame paths to the staged .ts
 * files, outside the host's readable tree) and reads only the lab folder, as the permission model
 * allows.
 */
import * as fs from 'fs';
import { SourceMap } from 'module';
import * as path from 'path';

/**
 * Stack depth the host records. V8 keeps 10 frames by default, and a tfjs op thrown from student
 * code spends 10-12 of them inside tfjs (assert, kernel, engine, op wrapper) before the first frame
 * of the submission.
 */
export const HOST_STACK_TRACE_LIMIT = 100;

export interface StudentLocation {
  /** Posix path of the .ts file relative to the lab folder, e.g. "rnn.ts" or "util/helpers.ts". */
  file: string;
  /** 1-based line in that .ts file; null when its source map has no entry for the frame. */
  line: number | null;
}

const MAP_MARK = '\n//# sourceMappingURL=data:application/json;base64,';

const maps = new Map<string, SourceMap | null>();

/** The inline source map of a compiled lab file, parsed once per host (the files never change). */
function sourceMapOf(jsFile: string): SourceMap | null {
  if (!maps.has(jsFile)) {
    let map: SourceMap | null = null;
    try {
      const text = fs.readFileSync(jsFile, 'utf8');
      const at = text.lastIndexOf(MAP_MARK);
      if (at >= 0) map = new SourceMap(JSON.parse(Buffer.from(text.slice(at + MAP_MARK.length).trim(), 'base64').toString('utf8')));
    } catch {
      map = null; // unreadable or not a map: the location keeps its file and loses its line
    }
    maps.set(jsFile, map);
  }
  return maps.get(jsFile) ?? null;
}

/** "at fn (/lab/rnn.js:12:5)", "at /lab/rnn.js:12:5", "at async fn (...)": file, line, column. */
const FRAME = /(?:\(|^at (?:async )?)([^()]+?\.js):(\d+):(\d+)\)?$/;

/** The innermost frame of `stack` in a .js file under `labDir`, as a place in the student's .ts. */
export function studentLocation(stack: string, labDir: string): StudentLocation | null {
  for (const raw of stack.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('at ')) continue;
    const m = FRAME.exec(line);
    if (!m) continue;
    const rel = path.relative(labDir, m[1]);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) continue;
    const file = rel.split(path.sep).join('/').replace(/\.js$/, '.ts');
    const entry = sourceMapOf(m[1])?.findEntry(Number(m[2]) - 1, Number(m[3]) - 1);
    const mapped = entry && typeof entry.originalLine === 'number' ? entry.originalLine + 1 : null;
    return { file, line: mapped };
  }
  return null;
}

/** " (near rnn.ts line 31)", " (in rnn.ts)" or "" for an error that never passed through the submission. */
export function describeLocation(loc: StudentLocation | null): string {
  if (!loc) return '';
  return loc.line === null ? ` (in ${loc.file})` : ` (near ${loc.file} line ${loc.line})`;
}
