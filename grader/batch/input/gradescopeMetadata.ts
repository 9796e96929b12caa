/**
 * Gradescope's "Export Submissions" metadata: `submission_metadata.yml` maps each submission's
 * folder ("submission_123456") to Ruby-style keys, `:submitters:` being a list of
 * `{:name:, :sid:, :email:}` (several for a group). Other keys (`:created_at:`, `:score:`,
 * `:results:`...) and Ruby type tags are ignored. Pure: text in, folders and students out.
 */
import { parseDocument } from 'yaml';
import type { Student } from '../types';

export const METADATA_FILE = 'submission_metadata.yml';

export interface MetadataRecord {
  /** Gradescope's submission id: the digits of the folder name, else the folder name. */
  submissionId: string;
  students: Student[];
}

export type ParsedMetadata = { ok: true; records: Map<string, MetadataRecord> } | { ok: false; error: string };

const asText = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined;

function studentOf(raw: unknown): Student | null {
  if (raw === null || typeof raw !== 'object') return null;
  const r = raw as Record<string, unknown>;
  const student: Student = {};
  const name = asText(r[':name'] ?? r.name);
  const email = asText(r[':email'] ?? r.email);
  const sid = asText(r[':sid'] ?? r.sid);
  if (name !== undefined) student.name = name;
  if (email !== undefined) student.email = email;
  if (sid !== undefined) student.sid = sid;
  return Object.keys(student).length > 0 ? student : null;
}

export function parseMetadata(text: string): ParsedMetadata {
  // Ruby's tags (!ruby/object:...) are unknown here: only warnings, and their values read as plain maps and strings.
  const parsed = parseDocument(text);
  if (parsed.errors.length > 0)
    return { ok: false, error: `${METADATA_FILE} is not valid YAML: ${parsed.errors[0].message.split('\n')[0]}` };
  let doc: unknown;
  try {
    doc = parsed.toJS({ maxAliasCount: 1000 });
  } catch (err) {
    return { ok: false, error: `${METADATA_FILE} could not be read: ${(err as Error).message.split('\n')[0]}` };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    return { ok: false, error: `${METADATA_FILE} does not map submission folders to their submitters` };
  }
  const records = new Map<string, MetadataRecord>();
  for (const [folder, value] of Object.entries(doc as Record<string, unknown>)) {
    const v = (value ?? {}) as Record<string, unknown>;
    const submitters = v[':submitters'] ?? v.submitters;
    const students = Array.isArray(submitters) ? submitters.map(studentOf).filter((s): s is Student => s !== null) : [];
    const digits = /(\d+)$/.exec(folder);
    records.set(folder, { submissionId: digits ? digits[1] : folder, students });
  }
  return { ok: true, records };
}
