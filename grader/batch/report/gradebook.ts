/**
 * grades.csv: one row per submission, in key order: who it is, the points of every question, the
 * total, and how grading went. A grader fault has empty points (there is no trustworthy score),
 * never a 0 that would read as the student's; text that a spreadsheet would take for a formula is
 * quoted. Written with csv-stringify (RFC 4180 quoting). Pure.
 */
import { stringify } from 'csv-stringify/sync';
import type { BatchEntry, Rubric } from '../types';

export const FIXED_COLUMNS = ['id', 'submission', 'student_id', 'name', 'email'] as const;
export const TRAILING_COLUMNS = ['total', 'max', 'status', 'reason', 'backend', 'seconds'] as const;

export function gradebookColumns(rubric: Rubric): string[] {
  return [...FIXED_COLUMNS, ...rubric.questions.map((q) => q.id), ...TRAILING_COLUMNS];
}

/**
 * Text that a spreadsheet would run as a formula (=, +, -, @ first: names and error messages come
 * from students) gets a leading apostrophe, which spreadsheets show as plain text.
 */
export function textCell(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

const join = (values: (string | undefined)[]): string => values.filter((v): v is string => v !== undefined && v !== '').join('; ');

/** The cells of one entry, in gradebookColumns order. */
export function gradebookRow(entry: BatchEntry, rubric: Rubric): string[] {
  const scored = entry.score !== null;
  return [
    textCell(entry.id),
    entry.key,
    textCell(join(entry.students.map((s) => s.sid))),
    textCell(join(entry.students.map((s) => s.name))),
    textCell(join(entry.students.map((s) => s.email))),
    ...rubric.questions.map((q) => (scored ? String(entry.questions[q.id] ?? 0) : '')),
    scored ? String(entry.score) : '',
    String(entry.maxScore),
    entry.status,
    textCell(entry.reason),
    entry.backend,
    entry.seconds.toFixed(1),
  ];
}

export function gradebookCsv(entries: readonly BatchEntry[], rubric: Rubric): string {
  const rows = [...entries].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((e) => gradebookRow(e, rubric));
  return stringify([gradebookColumns(rubric), ...rows]);
}
