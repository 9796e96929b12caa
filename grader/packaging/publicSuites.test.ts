import { gradedCalls, publicSuiteSource } from './publicSuites';

const SUITE = `/** Hidden suite: the file header. */
import { graded } from './support/graded';
import { golden, wire } from './support/golden';
import type { WireTensor } from '../sandbox/protocol';
import * as fs from 'fs';

/** Used by the public test. */
function shared(x: number): number {
  return x + 1;
}

/** Used only by the hidden test. */
const secretHelper = (t: WireTensor) => wire(golden().outputs.secret) === t;

afterAll(() => undefined);

graded('q.public', async (t) => {
  if (shared(1) !== 2) t.fail('no');
});

// the hidden one
graded('q.hidden', async (t) => {
  if (!secretHelper(await t.call('x', {}))) t.fail(\`expected \${fs.readFileSync('secret')}\`);
});
`;

describe('publicSuiteSource', () => {
  const cut = publicSuiteSource(SUITE, new Set(['q.public']), '/** The public part. */');

  it('keeps the public tests, the hooks and the helpers they use, under a new header', () => {
    expect(cut.kept).toEqual(['q.public']);
    expect(cut.removed).toEqual(['q.hidden']);
    expect(cut.text.startsWith("/** The public part. */\nimport { graded } from './support/graded';\n")).toBe(true);
    expect(cut.text).toContain("graded('q.public'");
    expect(cut.text).toContain('/** Used by the public test. */\nfunction shared(x: number): number {');
    expect(cut.text).toContain('afterAll(() => undefined);');
    expect(cut.text).not.toContain('Hidden suite');
  });

  it('drops the hidden test, its comment, the helpers and the imports only it used', () => {
    for (const gone of ['q.hidden', 'the hidden one', 'secretHelper', 'Used only by', 'golden', 'wire', 'WireTensor', "from 'fs'"])
      expect(cut.text).not.toContain(gone);
  });

  it('keeps the import bindings still used, with their type modifiers', () => {
    const src = `import { graded, type GradedContext } from './support/graded';\nimport type { A, B } from './types';\nconst f = (t: GradedContext, a: A) => t;\ngraded('q.p', async (t) => void f(t, 1 as unknown as A));\ngraded('q.h', async () => void (0 as unknown as B));\n`;
    const out = publicSuiteSource(src, new Set(['q.p']), '//').text;
    expect(out).toContain("import { graded, type GradedContext } from './support/graded';");
    expect(out).toContain("import type { A } from './types';");
  });

  it('lists every graded call with its id and text', () => {
    expect(gradedCalls(SUITE).map((c) => c.id)).toEqual(['q.public', 'q.hidden']);
    expect(gradedCalls(SUITE)[1].text.startsWith("graded('q.hidden', async (t) => {")).toBe(true);
  });
});
