/**
 * What must never reach students, as strings to look for: every line of the solution's function
 * bodies that the stencil does not share, the names and source lines of every test that is not
 * public, and the goldens' values that only those tests read. Built from the project itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import type { AssignmentConfig } from '../config/assignmentConfig';
import { loadConfig } from '../config/loadConfig';
import { PROVIDED_FILES } from '../lab';
import { gradedCalls } from './publicSuites';
import { isPublicTest, publicGoldenPaths } from './publicParts';

export type LeakKind = 'solution' | 'hidden test' | 'hidden golden';

/** `needle` is matched against text with whitespace runs collapsed (`code`) or removed (`number`). */
export interface Fingerprint {
  kind: LeakKind;
  /** Where it comes from, e.g. "solution/src/rnn.ts: rnnCell" or "outputs.rnn.logits". */
  what: string;
  needle: string;
  mode: 'code' | 'number';
}

/** Lines shorter than this (whitespace collapsed) are too common to mean anything. */
export const MIN_LINE = 24;

/**
 * Solution lines that a package carries on purpose: where (the path in the package) and why.
 * Reviewed by hand; the same line anywhere else is still a leak, and so is any other line there.
 */
export const KNOWN_OVERLAPS: readonly { file: string; lines: readonly string[]; why: string }[] = [
  {
    file: 'dist/grader/sandbox/host/probeLoss.js',
    lines: ['const V = logits.shape[logits.rank - 1];', 'const logProbs = tf.logSoftmax(tf.reshape(logits, [-1, V]));'],
    why: "every submission host computes gradients and held-out perplexity with its own cross-entropy (the stencil's hint for sequenceLoss spells out the same recipe), so the handout's host carries it",
  },
  {
    file: 'grader/suites/rnn.suite.ts',
    lines: ['const { vocabSz: V, embeddingSz: E, hiddenSz: H } = cfg;', 'return V * E + (E + H) * H + H + H * V + V;'],
    why: 'rnn.paramCount is a public check: it restates the parameter count and prints the formula when it fails',
  },
  {
    file: 'grader/corpus/splits.ts',
    lines: ['const counts = new Map<string, number>();'],
    why: 'counting words is an idiom: the corpus pipeline counts them for its vocabulary',
  },
  {
    file: 'grader/runtime/kernels/watAssembler.ts',
    lines: ['const out: number[] = [];'],
    why: 'an empty array to collect into is an idiom: the wasm kernel assembler collects bytes (the suites reach the runtime through the trusted-side judge)',
  },
];

/** Whether a hit of `needle` in the package file `file` is one of the KNOWN_OVERLAPS. */
export function knownOverlap(file: string, needle: string): boolean {
  // "vendor/rnn-lab.tgz!package/dist/x.js" and "autograder.zip!dist/x.js" are both dist/x.js of the package.
  const inPackage = file.slice(file.lastIndexOf('!') + 1).replace(/^package\//, '');
  return KNOWN_OVERLAPS.some((k) => inPackage === k.file && k.lines.includes(needle));
}

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** The distinctive lines of a piece of code: trimmed, collapsed, a trailing comment cut, long enough, not only a comment. */
export function codeLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => collapse(l.replace(/\s\/\/ [^'"`]*$/, '')).trim())
    .filter((l) => l.length >= MIN_LINE && !/^(\/\/|\/\*|\*)/.test(l));
}

function bodyName(node: ts.Node, sf: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(sf);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isVariableDeclaration(node.parent)) return node.parent.name.getText(sf);
  return 'a function';
}

/** Every function body (functions, methods, constructors, accessors, arrows with a block) of a file. */
function functionBodies(source: string, fileName: string): { name: string; text: string }[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const bodies: { name: string; text: string }[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) && 'body' in n && n.body && ts.isBlock(n.body as ts.Node))
      bodies.push({ name: bodyName(n, sf), text: (n.body as ts.Block).getText(sf) });
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return bodies;
}

function solutionPrints(root: string): Fingerprint[] {
  const stencil = new Set(
    fs
      .readdirSync(path.join(root, 'stencil', 'src'))
      .flatMap((f) => codeLines(fs.readFileSync(path.join(root, 'stencil', 'src', f), 'utf8'))),
  );
  const prints: Fingerprint[] = [];
  for (const file of fs
    .readdirSync(path.join(root, 'solution', 'src'))
    .filter((f) => f.endsWith('.ts') && !(PROVIDED_FILES as readonly string[]).includes(f))) {
    for (const body of functionBodies(fs.readFileSync(path.join(root, 'solution', 'src', file), 'utf8'), file)) {
      for (const line of codeLines(body.text))
        if (!stencil.has(line)) prints.push({ kind: 'solution', what: `solution/src/${file}: ${body.name}`, needle: line, mode: 'code' });
    }
  }
  return prints;
}

function hiddenTestPrints(root: string, config: AssignmentConfig): Fingerprint[] {
  const tests = config.questions.flatMap((q) => q.tests);
  const publicIds = new Set(tests.filter(isPublicTest).map((t) => t.id));
  const prints: Fingerprint[] = tests
    .filter((t) => !publicIds.has(t.id))
    .map((t) => ({ kind: 'hidden test' as const, what: `the name of ${t.id}`, needle: collapse(t.name), mode: 'code' as const }));
  const suitesDir = path.join(root, 'grader', 'suites');
  const files = fs.readdirSync(suitesDir).filter((f) => f.endsWith('.suite.ts'));
  const calls = files.flatMap((file) =>
    gradedCalls(fs.readFileSync(path.join(suitesDir, file), 'utf8'), file).map((c) => ({ ...c, file })),
  );
  // A line the suites also have outside the hidden tests (public tests, helpers, support code) is an idiom of the suites, not a hidden test's.
  let outside = files.map((f) => fs.readFileSync(path.join(suitesDir, f), 'utf8')).join('\n');
  for (const c of calls.filter((x) => !publicIds.has(x.id))) outside = outside.replace(c.text, '');
  const support = fs
    .readdirSync(path.join(suitesDir, 'support'))
    .filter((f) => !f.endsWith('.test.ts'))
    .map((f) => fs.readFileSync(path.join(suitesDir, 'support', f), 'utf8'));
  const shared = new Set(codeLines([outside, ...support].join('\n')));
  for (const c of calls.filter((x) => !publicIds.has(x.id))) {
    for (const line of codeLines(c.text))
      if (!shared.has(line)) prints.push({ kind: 'hidden test', what: `the source of ${c.id} (${c.file})`, needle: line, mode: 'code' });
  }
  return prints;
}

/** Leaves of a JSON value with their dotted paths. */
function leaves(value: unknown, at: string, out: [string, unknown][]): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('values' in value && 'shape' in value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, at ? `${at}.${k}` : k, out);
  } else out.push([at, value]);
}

/** Strings that stand for stored values: each float with 8+ significant digits, and runs of 8 ints. */
function valueNeedles(value: unknown): string[] {
  const numbers = (
    Array.isArray(value) ? value.flat(2) : typeof value === 'object' && value !== null ? (value as { values: number[] }).values : [value]
  ).filter((v): v is number => typeof v === 'number');
  const floats = numbers
    .filter((v) => !Number.isInteger(v) && String(Math.abs(v)).replace(/^0\.0*|\.|e.*$/g, '').length >= 8)
    .map((v) => String(Math.abs(v)));
  const ints =
    numbers.every(Number.isInteger) && numbers.length >= 8
      ? numbers.slice(0, numbers.length - 7).map((_, i) => numbers.slice(i, i + 8).join(','))
      : [];
  return [...new Set([...floats, ...ints])];
}

function hiddenGoldenPrints(root: string, config: AssignmentConfig, published: string): Fingerprint[] {
  const goldens = JSON.parse(fs.readFileSync(path.join(root, 'fixtures', 'golden', 'lab.json'), 'utf8')) as {
    inputs: unknown;
    outputs: unknown;
  };
  const pub = publicGoldenPaths(config);
  const all: [string, unknown][] = [];
  leaves({ inputs: goldens.inputs, outputs: goldens.outputs }, '', all);
  const isPublic = (p: string) => pub.some((q) => p === q || p.startsWith(`${q}.`));
  const publicNeedles = new Set(all.filter(([p]) => isPublic(p)).flatMap(([, v]) => valueNeedles(v)));
  // A value the public material already prints (the stencil's tests, the public suites) is not hidden.
  return all
    .filter(([p]) => !isPublic(p))
    .flatMap(([p, v]) =>
      valueNeedles(v)
        .filter((n) => !publicNeedles.has(n) && !published.includes(n))
        .map((needle) => ({ kind: 'hidden golden' as const, what: p, needle, mode: 'number' as const })),
    );
}

/** Every fingerprint of what students must not get. */
export function leakFingerprints(root: string): Fingerprint[] {
  const loaded = loadConfig(path.join(root, 'grader', 'config', 'assignment.json'));
  if (loaded.errors) throw new Error(loaded.errors.join('\n'));
  const stencil = ['stencil/src', 'stencil/test']
    .flatMap((d) => fs.readdirSync(path.join(root, d)).map((f) => fs.readFileSync(path.join(root, d, f), 'utf8')))
    .join('\n');
  // What the stencil (handed out by definition) already says is no secret.
  const spaced = collapse(stencil);
  const bare = stencil.replace(/\s+/g, '');
  const prints = [...solutionPrints(root), ...hiddenTestPrints(root, loaded.config), ...hiddenGoldenPrints(root, loaded.config, bare)];
  return prints.filter((p) => !(p.mode === 'code' ? spaced : bare).includes(p.needle));
}
