/**
 * Decides whether a staged file is source text: UTF-8 (an optional BOM is fine, TypeScript skips
 * it) with no NUL bytes. A file that fails is rejected on its own, with a message that says how to
 * fix it; the rest of the submission is still graded.
 */

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: Uint8Array): boolean {
  try {
    fatalUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** 1-based number of the first line that is not valid UTF-8. */
function firstBadLine(buf: Buffer): number {
  let line = 1;
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || buf[i] === 0x0a) {
      if (!isUtf8(buf.subarray(start, i))) return line;
      line++;
      start = i + 1;
    }
  }
  return line;
}

/** Null when `buf` is acceptable source text, else the sentence explaining why `name` was rejected. */
export function sourceTextProblem(name: string, buf: Buffer): string | null {
  const notGraded = 'it was not graded, so the tests that need it will fail.';
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    return `"${name}" is saved as UTF-16 text; save it as UTF-8 and resubmit. Until then ${notGraded}`;
  }
  if (buf.includes(0)) {
    return `"${name}" contains NUL bytes, so it looks like a binary file rather than TypeScript source; ${notGraded}`;
  }
  if (!isUtf8(buf)) {
    return `"${name}" is not valid UTF-8 text (first bad character on line ${firstBadLine(buf)}); save it as UTF-8 and resubmit. Until then ${notGraded}`;
  }
  return null;
}
