/** Compiler diagnostics as a student reads them: `rnn.ts:12:5 error TS2322: ...` plus the source line. */
import * as path from 'path';
import ts from 'typescript';

export interface DiagnosticCaps {
  /** Most diagnostics listed per file; the rest are counted. */
  maxDiagnostics: number;
  /** Most characters of text per file. */
  maxChars: number;
}

export const DEFAULT_DIAGNOSTIC_CAPS: Readonly<DiagnosticCaps> = Object.freeze({ maxDiagnostics: 20, maxChars: 4000 });

const MAX_LINE = 120;

function formatOne(d: ts.Diagnostic, stagedDir: string): string {
  const message = ts.flattenDiagnosticMessageText(d.messageText, '\n  ');
  if (!d.file || d.start === undefined) return `error TS${d.code}: ${message}`;
  const name = path.relative(stagedDir, d.file.fileName).split(path.sep).join('/');
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  const lines = d.file.text.split('\n');
  let source = (lines[line] ?? '').replace(/\r$/, '').replace(/\t/g, ' ');
  if (source.length > MAX_LINE) source = `${source.slice(0, MAX_LINE)}...`;
  const gutter = `${line + 1} | `;
  const caret = character < MAX_LINE ? `\n${' '.repeat(gutter.length + character)}^` : '';
  return `${name}:${line + 1}:${character + 1} error TS${d.code}: ${message}\n${gutter}${source}${caret}`;
}

/** The diagnostics of one file, capped in count and length. */
export function formatDiagnostics(
  diagnostics: readonly ts.Diagnostic[],
  stagedDir: string,
  caps: DiagnosticCaps = DEFAULT_DIAGNOSTIC_CAPS,
): string {
  const shown = diagnostics.slice(0, caps.maxDiagnostics).map((d) => formatOne(d, stagedDir));
  let text = shown.join('\n');
  const more = diagnostics.length - shown.length;
  if (more > 0) text += `\n... and ${more} more error${more === 1 ? '' : 's'}`;
  if (text.length > caps.maxChars) text = `${text.slice(0, caps.maxChars)}\n... (truncated)`;
  return text;
}
