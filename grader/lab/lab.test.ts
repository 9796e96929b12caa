/**
 * The contract holds: stencil/src and solution/src consist of the lab files, export exactly the
 * contract's names with types it accepts, and the probe map names every probe. The checker is
 * shown to fail, naming the export, on copies of the solution with one export missing or mistyped.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LAB_EXPORTS, LAB_FILES, LAB_MODULES, LAB_TYPE_EXPORTS, PROBE_CALLS } from '.';
import { PROBE_TARGETS, type ProbeName } from '../sandbox/probeApi';
import { checkLabs, type LabCheck } from './testing';

const root = path.resolve(__dirname, '../..');
const SOLUTION = path.join(root, 'solution/src');
const STENCIL = path.join(root, 'stencil/src');

/** Each mutant: a copy of the solution with one file's text changed (or removed), where its problem is reported and what it says. */
const MUTANTS: { name: string; file: string; from: string; to: string; expected: [string, string] }[] = [
  {
    name: 'missing export',
    file: 'rnn.ts',
    from: 'export function rnnCell(',
    to: 'export function rnnCel(',
    expected: ['rnn.ts: rnnCell:', "Property 'rnnCell' does not exist"],
  },
  {
    name: 'mistyped function',
    file: 'loss.ts',
    from: 'export function perplexity(meanNll: number): number {\n  return Math.exp(meanNll);',
    to: 'export function perplexity(meanNll: number): string {\n  return String(Math.exp(meanNll));',
    expected: ['loss.ts: perplexity:', "'string' is not assignable to type 'number'"],
  },
  {
    name: 'mistyped method',
    file: 'ngram.ts',
    from: '  call(inputs: tf.Tensor2D): tf.Tensor2D {',
    to: '  call(inputs: tf.Tensor3D): tf.Tensor2D {',
    expected: ['ngram.ts: NgramLM:', "The types of 'call' are incompatible"],
  },
  {
    name: 'mistyped type',
    file: 'ngram.ts',
    from: '  n: number;\n}',
    to: '  n: string;\n}',
    expected: ['ngram.ts: NgramConfig:', "Types of property 'n' are incompatible"],
  },
  { name: 'missing file', file: 'generate.ts', from: '', to: '', expected: ['generate.ts: the file generate.ts:', 'Cannot find module'] },
];

let scratch: string;
let stencil: LabCheck;
let solution: LabCheck;
let mutants: LabCheck[];

beforeAll(() => {
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-contract-'));
  const dirs = MUTANTS.map((m, i) => {
    const dir = path.join(scratch, `mutant${i}`);
    fs.cpSync(SOLUTION, dir, { recursive: true });
    const file = path.join(dir, m.file);
    if (m.from === '') fs.rmSync(file);
    else {
      const text = fs.readFileSync(file, 'utf8');
      if (!text.includes(m.from)) throw new Error(`mutant "${m.name}": ${m.file} no longer contains ${JSON.stringify(m.from)}`);
      fs.writeFileSync(file, text.replace(m.from, m.to));
    }
    return dir;
  });
  [stencil, solution, ...mutants] = checkLabs([STENCIL, SOLUTION, ...dirs]);
}, 120_000);

afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe.each([
  ['stencil/src', () => stencil, STENCIL],
  ['solution/src', () => solution, SOLUTION],
])('%s', (_name, check, dir) => {
  it('satisfies the contract, export by export', () => {
    expect(check().problems).toEqual([]);
  });

  it('holds exactly the lab files', () => {
    expect(fs.readdirSync(dir).sort()).toEqual([...LAB_FILES].sort());
  });

  it.each([...LAB_MODULES])('%s exports exactly the contract', (m) => {
    expect(check().exports[m]).toEqual([...LAB_EXPORTS[m], ...LAB_TYPE_EXPORTS[m]].sort());
  });
});

describe('the contract check', () => {
  it.each(MUTANTS.map((m, i) => [m.name, i] as const))('fails on a %s and names it', (_name, i) => {
    const [where, why] = MUTANTS[i].expected;
    // A changed type also fails the exports that use it (trainNgram takes an NgramLM): find the one changed.
    const problem = mutants[i].problems.find((p) => p.startsWith(where));
    expect(problem).toEqual(expect.stringContaining(why));
  });
});

describe('the probe map', () => {
  // Type-level: every probe of the map is a probe of the API (PROBE_TARGETS compiles only with the converse).
  const sameProbes: Record<keyof typeof PROBE_CALLS, string> = PROBE_TARGETS;

  it('lists every probe of the API, and only those', () => {
    expect(Object.keys(PROBE_CALLS).sort()).toEqual(Object.keys(sameProbes).sort());
  });

  it('names only exports of the contract', () => {
    const exported = new Set(LAB_MODULES.flatMap((m) => LAB_EXPORTS[m].map((name) => `${m}.${name}`)));
    for (const [probe, { calls }] of Object.entries(PROBE_CALLS)) {
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect({ probe, call, exported: exported.has(call) }).toEqual({ probe, call, exported: true });
    }
  });

  it('words each probe as the host reports it', () => {
    for (const probe of Object.keys(PROBE_TARGETS) as ProbeName[]) expect(PROBE_TARGETS[probe]).toBe(PROBE_CALLS[probe].inWords);
  });
});
