/**
 * Stages a student submission (a folder or a .zip) into `scratchDir/submission/`: the lab's .ts
 * files, flattened out of any wrapping folders, vetted for size and encoding, plus the stencil's
 * copies of the provided helpers when the student left them out. Nothing outside `scratchDir` is
 * ever written, and nothing is written at all when the submission is rejected.
 *
 * Policy: problems with the submission as a whole (missing path, empty, no lab files, unsafe or
 * oversized zip) give `ok: false`. Problems with one file (too large, binary, not UTF-8) reject
 * that file only, with a message: it is then missing, and only the tests that need it fail.
 */
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../corpus/layout';
import { sourceTextProblem } from './checkText';
import { openFolder } from './folderSource';
import { PROVIDED_FILES, STUDENT_FILES } from '../../lab';
import { joinNames } from './ignoredPaths';
import { DEFAULT_STAGE_LIMITS, formatBytes, type StageLimits } from './limits';
import { selectFiles } from './selectFiles';
import type { Outcome, Source } from './source';
import { openZip } from './zipSource';

export interface StageOptions {
  /** Folder with the reference random.ts and init.ts; default `stencil/src` of the project. */
  providedDir?: string;
  /** Overrides of the caps (tests use small ones). */
  limits?: Partial<StageLimits>;
}

export type StageResult =
  | {
      ok: true;
      /** `scratchDir/submission`: holds `files` and `providedFromStencil`. */
      dir: string;
      /** The submission's own .ts files that were staged, relative to `dir`, sorted. */
      files: string[];
      /** Warnings for the student: where the files were found, what was ignored or rejected, what is missing. */
      messages: string[];
      /** Provided helpers the submission lacked, copied from the stencil. */
      providedFromStencil: string[];
    }
  | { ok: false; messages: string[] };

const fail = (message: string): StageResult => ({ ok: false, messages: [message] });
const where = (dir: string): string => (dir === '' ? 'the top folder' : `"${dir}/"`);

function startsLikeZip(file: string): 'zip' | 'empty-zip' | 'other' {
  const head = Buffer.alloc(4);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 4, 0);
  } finally {
    fs.closeSync(fd);
  }
  const magic = head.readUInt32LE(0);
  return magic === 0x04034b50 ? 'zip' : magic === 0x06054b50 ? 'empty-zip' : 'other';
}

function openInput(input: string, scratch: string, limits: StageLimits): Outcome<Source> {
  try {
    return openExisting(input, fs.statSync(input), scratch, limits);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, message: `The submission "${input}" does not exist.` };
    if (code === undefined) throw err;
    return { ok: false, message: `The submission "${input}" could not be read (${code}).` };
  }
}

function openExisting(input: string, st: fs.Stats, scratch: string, limits: StageLimits): Outcome<Source> {
  if (st.isDirectory()) return openFolder(path.resolve(input), limits, scratch);
  if (!st.isFile()) return { ok: false, message: `The submission "${input}" is neither a folder nor a zip file.` };
  const kind = st.size === 0 ? 'empty' : startsLikeZip(input);
  if (kind === 'zip') return openZip(input, limits);
  if (kind === 'empty-zip' || kind === 'empty') return { ok: false, message: `The submission "${path.basename(input)}" is empty.` };
  const hint = /\.zip$/i.test(input)
    ? 'is named .zip but is not a zip file (it may be damaged, or another format such as .rar or .7z)'
    : 'is neither a folder nor a zip file';
  return { ok: false, message: `The submission "${path.basename(input)}" ${hint}; submit your .ts files, or one .zip of them.` };
}

function listCapped(items: readonly string[], max: number): string {
  const shown = items.slice(0, max);
  return items.length > max ? `${shown.join(', ')} and ${items.length - max} more` : joinNames(shown);
}

/** Copies a submission into `scratchDir/submission/` (which must not exist yet); see the module comment for the policy. */
export async function stageSubmission(input: string, scratchDir: string, opts: StageOptions = {}): Promise<StageResult> {
  const limits: StageLimits = { ...DEFAULT_STAGE_LIMITS, ...opts.limits };
  const scratch = path.resolve(scratchDir);
  if (!fs.statSync(scratch).isDirectory()) throw new Error(`scratch folder ${scratch} is not a folder`);
  const opened = openInput(input, scratch, limits);
  if (!opened.ok) return fail(opened.message);
  const source = opened.value;
  try {
    return stageFrom(source, scratch, limits, opts.providedDir ?? path.join(projectRoot(), 'stencil', 'src'));
  } finally {
    source.close();
  }
}

function stageFrom(source: Source, scratch: string, limits: StageLimits, providedDir: string): StageResult {
  const what = source.kind === 'zip' ? 'zip' : 'folder';
  if (source.files.length === 0 && source.skippedDirs.length === 0) return fail(`Your submission ${what} is empty.`);
  const sel = selectFiles(source, limits);
  if (sel === null) {
    const found = source.files.map((f) => f.rel).concat(source.skippedDirs);
    return fail(
      `No lab files were found in your submission ${what}. Expected ${joinNames(STUDENT_FILES)}, at its top or in a folder inside it` +
        (found.length > 0 ? `; found ${listCapped(found, limits.maxListedIgnored)}.` : '.'),
    );
  }
  const notes: string[] = [];
  if (sel.root !== '') notes.push(`Your lab files were found in "${sel.root}/" and are graded from there.`);
  if (sel.otherRoots.length > 0) {
    notes.push(`Lab files in ${joinNames(sel.otherRoots.map(where))} were ignored; only those in ${where(sel.root)} are graded.`);
  }
  for (const r of sel.renamed) notes.push(`"${r.from}" was renamed to "${r.to}": file names are case-sensitive on the grader.`);
  if (sel.ignored.length > 0)
    notes.push(`Not graded (only the .ts files of the lab folder are): ${listCapped(sel.ignored, limits.maxListedIgnored)}.`);

  const staged: { dest: string; data: Buffer }[] = [];
  const rejected = new Set<string>();
  let total = 0;
  for (const { file, dest } of sel.keep) {
    if (file.size > limits.maxFileBytes) {
      notes.push(
        `"${dest}" is ${formatBytes(file.size)}, more than the ${formatBytes(limits.maxFileBytes)} allowed for one file; it was not graded, so the tests that need it will fail.`,
      );
      rejected.add(dest);
      continue;
    }
    if (total + file.size > limits.maxTotalBytes) {
      return fail(`Your submission has more than ${formatBytes(limits.maxTotalBytes)} of .ts files; submit only the lab's files.`);
    }
    const read = file.read();
    if (!read.ok) {
      if (source.kind === 'zip') return fail(read.message);
      notes.push(`${read.message} It was not graded, so the tests that need it will fail.`);
      rejected.add(dest);
      continue;
    }
    total += read.value.length;
    const problem = sourceTextProblem(dest, read.value);
    if (problem) {
      notes.push(problem);
      rejected.add(dest);
    } else staged.push({ dest, data: read.value });
  }
  const dests = new Set(staged.map((s) => s.dest));
  if (!STUDENT_FILES.some((f) => dests.has(f))) {
    return { ok: false, messages: [...notes, 'None of the lab files could be graded.'] };
  }
  const missing = STUDENT_FILES.filter((f) => !dests.has(f) && !rejected.has(f));
  if (missing.length > 0)
    notes.push(
      `Missing: ${joinNames(missing)}. The tests that need ${missing.length === 1 ? 'it' : 'them'} will fail; the others still run.`,
    );
  const provided = PROVIDED_FILES.filter((f) => !dests.has(f));
  if (provided.length > 0) {
    const one = provided.length === 1;
    notes.push(
      `${joinNames(provided)} ${one ? 'was' : 'were'} not in your submission (or could not be graded); the provided ${one ? 'copy is' : 'copies are'} used.`,
    );
  }

  const dir = path.join(scratch, 'submission');
  fs.mkdirSync(dir);
  for (const { dest, data } of staged) writeInside(dir, dest, data);
  for (const f of provided) writeInside(dir, f, fs.readFileSync(path.join(providedDir, f)));
  return { ok: true, dir, files: [...dests].sort(), messages: notes, providedFromStencil: [...provided] };
}

/** Writes `rel` under `dir`, refusing (as a grader bug) any path that would leave it or overwrite a file. */
function writeInside(dir: string, rel: string, data: Buffer): void {
  const dest = path.resolve(dir, ...rel.split('/'));
  if (!dest.startsWith(dir + path.sep)) throw new Error(`refusing to write ${rel} outside ${dir}`);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.writeFileSync(dest, data, { flag: 'wx', mode: 0o644 });
}
