/**
 * Output hygiene for every string a reporter writes: text that came from a submission (messages,
 * printed output, file names) must not break the format it is shown in nor inject into the page.
 * All helpers are pure.
 */

/** NUL bytes are replaced (Gradescope's harness and PrairieLearn do the same); U+FFFD shows where. */
export function replaceNul(s: string): string {
  return s.replace(/\u0000/g, '\uFFFD');
}

// CSI (ESC [ ... final, or the 8-bit CSI 0x9B), OSC (ESC ] ... BEL or ESC \), other ESC sequences
// (ESC, optional intermediates, one final byte), then any ESC left over.
const ANSI = /(?:\u001b\[|\u009b)[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[ -/]*[0-~]|\u001b/g;

/** Removes ANSI escape sequences (colours, cursor moves, hyperlinks, window titles). */
export function stripAnsi(s: string): string {
  return s.replace(ANSI, '');
}

/**
 * NUL replaced, ANSI sequences removed, CRLF and lone CR turned into LF (Gradescope wants Unix
 * line endings), other control characters except tab and newline removed.
 */
export function cleanText(s: string): string {
  return stripAnsi(replaceNul(s))
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '');
}

/** `&`, `<`, `>` as entities: printed `<script>` shows as text, in HTML and in Markdown alike. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text that renders literally in (basic) Markdown: HTML escaped, inline punctuation backslash-
 * escaped (emphasis, code, links, table pipes), block markers at line starts neutralised, leading
 * indentation kept as non-breaking spaces (never an indented code block, where escapes would show),
 * and each newline a hard line break so multi-line messages keep their lines.
 */
export function escapeMarkdown(s: string): string {
  return escapeHtml(s.replace(/[\\`*_[\]|~]/g, '\\$&'))
    .split('\n')
    .map(escapeLineStart)
    .join('  \n');
}

function escapeLineStart(line: string): string {
  const indent = /^[ \t]*/.exec(line)![0];
  const rest = line
    .slice(indent.length)
    .replace(/^[#+=-]/, '\\$&')
    .replace(/^(\d+)([.)])/, '$1\\$2');
  return indent.replace(/\t/g, '    ').replace(/ /g, '&nbsp;') + rest;
}

/** The note put where text was cut. */
export function cutNote(n: number): string {
  return `[... ${n} characters cut ...]`;
}

/**
 * Caps `s` at `limit` characters (UTF-16 units, as JSON and Gradescope count), keeping about two
 * thirds from the head and one third from the tail around a visible note. Cuts never split a
 * surrogate pair, an HTML entity or a Markdown backslash escape, so the result is safe to apply to
 * text already escaped by escapeHtml / escapeMarkdown.
 */
export function capLength(s: string, limit: number): string {
  if (s.length <= limit) return s;
  // The note's own length depends on the count; reserve room for the longest possible count.
  const note = (n: number) => `\n\n${cutNote(n)}\n\n`;
  const budget = Math.max(0, limit - note(s.length).length);
  const headLength = Math.ceil((budget * 2) / 3);
  const head = snapHeadEnd(s, headLength);
  const tail = Math.max(head, snapTailStart(s, s.length - (budget - headLength)));
  const out = s.slice(0, head) + note(tail - head) + s.slice(tail);
  return out.length <= limit ? out : cutNote(s.length).slice(0, limit);
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Largest end <= i that splits neither a surrogate pair, an entity, nor a `\x` escape. */
function snapHeadEnd(s: string, i: number): number {
  let end = Math.max(0, Math.min(i, s.length));
  if (end > 0 && isHighSurrogate(s.charCodeAt(end - 1))) end -= 1;
  const amp = s.lastIndexOf('&', end - 1);
  if (amp >= 0 && end - amp <= 6) {
    const semi = s.indexOf(';', amp);
    if (semi >= end && semi - amp <= 6) end = amp;
  }
  let slashes = 0;
  while (end - slashes > 0 && s[end - slashes - 1] === '\\') slashes += 1;
  if (slashes % 2 === 1) end -= 1;
  return end;
}

/** Smallest start >= i that splits neither a surrogate pair, an entity, nor a `\x` escape. */
function snapTailStart(s: string, i: number): number {
  let start = Math.max(0, Math.min(i, s.length));
  if (start > 0 && start < s.length && isHighSurrogate(s.charCodeAt(start - 1))) start += 1;
  const amp = s.lastIndexOf('&', start - 1);
  if (amp >= 0 && start - amp <= 6) {
    const semi = s.indexOf(';', amp);
    if (semi >= start && semi - amp <= 6) start = semi + 1;
  }
  let slashes = 0;
  while (start - slashes > 0 && s[start - slashes - 1] === '\\') slashes += 1;
  if (slashes % 2 === 1) start += 1; // drop the escaped character along with its backslash
  return Math.min(start, s.length);
}

/** Untrusted text as a Markdown fragment: cleaned, escaped, capped. */
export function markdownText(s: string, limit: number): string {
  return capLength(escapeMarkdown(cleanText(s)), limit);
}
