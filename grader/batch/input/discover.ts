/**
 * Finds the submissions of a class in a folder: one per sub-folder or .zip file, or Gradescope's
 * "Export Submissions" layout (submission_metadata.yml beside one folder per submission, possibly
 * inside the export's single top folder), whose metadata gives names, emails and ids. Anything else
 * at the top (loose files, a duplicate student, metadata without a folder) is a problem the summary
 * reports; nothing found is never silently dropped. Reads names and kinds only, never contents.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { BatchProblem, Student, SubmissionRef } from '../types';
import { METADATA_FILE, parseMetadata, type MetadataRecord } from './gradescopeMetadata';

export interface Discovery {
  /** The folder the submissions were found in. */
  root: string;
  layout: 'folders' | 'gradescope';
  /** Sorted by key. */
  submissions: SubmissionRef[];
  problems: BatchProblem[];
}

const IGNORED = new Set(['__MACOSX', METADATA_FILE, 'Thumbs.db']);
const isZipName = (name: string): boolean => /\.zip$/i.test(name);

function listNames(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .filter((n) => !n.startsWith('.') && !IGNORED.has(n))
    .sort();
}

/** The export's top folder when the input holds only it (as Gradescope's zip does: assignment_123_export/). */
function findRoot(input: string): string {
  if (fs.existsSync(path.join(input, METADATA_FILE))) return input;
  const names = listNames(input);
  if (names.length === 1) {
    const only = path.join(input, names[0]);
    if (fs.statSync(only, { throwIfNoEntry: false })?.isDirectory() && fs.existsSync(path.join(only, METADATA_FILE))) return only;
  }
  return input;
}

/** A folder name safe on every file system: letters, digits, '.', '_', '-'; unique among `taken`. */
export function keyFor(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^\.+/, '_')
      .slice(0, 100) || '_';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  taken.add(key);
  return key;
}

const LOOSE = 'loose';

type Kind = { kind: 'submission' } | { kind: 'unusable'; why: string } | { kind: 'ignored'; why: string };

function kindOf(abs: string, name: string): Kind {
  const link = fs.lstatSync(abs);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    const why = link.isSymbolicLink() ? `a link to something that cannot be read (${code})` : `cannot be read (${code})`;
    return isZipName(name) || link.isSymbolicLink() ? { kind: 'unusable', why } : { kind: 'ignored', why };
  }
  if (st.isDirectory()) return { kind: 'submission' };
  if (st.isFile())
    return isZipName(name) ? { kind: 'submission' } : { kind: 'ignored', why: /\.ts$/i.test(name) ? LOOSE : 'neither a folder nor a .zip' };
  return isZipName(name)
    ? { kind: 'unusable', why: 'not a regular file (a pipe, socket or device)' }
    : { kind: 'ignored', why: 'not a regular file' };
}

function studentLabel(s: Student): string {
  return [s.sid, s.name, s.email ? `<${s.email}>` : undefined].filter(Boolean).join(' ');
}

/** Two submissions of one student: by sid (or email) from the metadata, else by id. */
function duplicates(subs: readonly SubmissionRef[]): BatchProblem[] {
  const byStudent = new Map<string, { label: string; keys: string[] }>();
  for (const s of subs) {
    const who =
      s.students.length > 0
        ? s.students.map((st) => ({ id: st.sid ?? st.email?.toLowerCase() ?? st.name ?? s.id, label: studentLabel(st) }))
        : [{ id: s.id, label: `"${s.id}"` }];
    for (const w of who) {
      const seen = byStudent.get(w.id) ?? { label: w.label, keys: [] };
      if (!seen.keys.includes(s.key)) seen.keys.push(s.key);
      byStudent.set(w.id, seen);
    }
  }
  return [...byStudent.values()]
    .filter((v) => v.keys.length > 1)
    .map((v) => ({
      kind: 'duplicate-id' as const,
      keys: v.keys,
      message: `student ${v.label} has ${v.keys.length} submissions (${v.keys.join(', ')}): each is graded and has its own row; keep one by hand`,
    }));
}

/** `label` names the input in messages (default: its path). */
export function discoverSubmissions(input: string, label = input): Discovery {
  const root = findRoot(path.resolve(input));
  const problems: BatchProblem[] = [];
  let metadata: Map<string, MetadataRecord> | null = null;
  const metaPath = path.join(root, METADATA_FILE);
  if (fs.existsSync(metaPath)) {
    const parsed = parseMetadata(fs.readFileSync(metaPath, 'utf8'));
    if (parsed.ok) metadata = parsed.records;
    else problems.push({ kind: 'metadata', keys: [], message: `${parsed.error}; the submissions are graded without names and emails` });
  }
  const taken = new Set<string>();
  const submissions: SubmissionRef[] = [];
  const loose: string[] = [];
  for (const name of listNames(root)) {
    const abs = path.join(root, name);
    const kind = kindOf(abs, name);
    if (kind.kind === 'ignored' && kind.why === LOOSE) loose.push(name);
    else if (kind.kind === 'ignored') problems.push({ kind: 'ignored-file', keys: [], message: `${name} was not graded: ${kind.why}` });
    if (kind.kind === 'ignored') continue;
    const record = metadata?.get(name);
    const key = keyFor(name, taken);
    const ref: SubmissionRef = {
      key,
      id: record?.submissionId ?? name.replace(/\.zip$/i, ''),
      path: abs,
      source: name,
      students: record?.students ?? [],
    };
    if (kind.kind === 'unusable') ref.unusable = `${name} ${kind.why}`;
    if (metadata && !record)
      problems.push({ kind: 'metadata', keys: [key], message: `${name} is not in ${METADATA_FILE}: graded without names and emails` });
    submissions.push(ref);
  }
  if (metadata) {
    for (const folder of metadata.keys()) {
      if (!fs.existsSync(path.join(root, folder)))
        problems.push({
          kind: 'metadata',
          keys: [],
          message: `${METADATA_FILE} lists ${folder}, which is not in the export: nothing to grade for it`,
        });
    }
  }
  if (loose.length > 0) {
    const which = loose.length > 4 ? `${loose.slice(0, 4).join(', ')} and ${loose.length - 4} more` : loose.join(', ');
    problems.push({
      kind: 'ignored-file',
      keys: [],
      message: `${loose.length} loose .ts file${loose.length === 1 ? '' : 's'} at the top of the input (${which}) ${loose.length === 1 ? 'was' : 'were'} not graded: each submission must be a folder or a .zip of its own (to grade one submission, use rnn-lab grade)`,
    });
  }
  problems.push(...duplicates(submissions));
  if (submissions.length === 0)
    problems.unshift({ kind: 'empty-input', keys: [], message: `${label} holds no submission (no folder or .zip file to grade)` });
  submissions.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { root, layout: metadata || fs.existsSync(metaPath) ? 'gradescope' : 'folders', submissions, problems };
}
