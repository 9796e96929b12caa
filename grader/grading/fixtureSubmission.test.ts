import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { applyEdit, listFixtures, materialiseFixture } from './fixtureSubmission';

describe('fixture submissions', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-fixture-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('every fixture assembles onto its base (edits still fit the current solution)', () => {
    const fixtures = listFixtures(undefined, 'all');
    expect(fixtures.map((f) => f.name)).toEqual(expect.arrayContaining(['solution', 'stencil', 'attack-read-through-links']));
    for (const fixture of fixtures) {
      const out = materialiseFixture(fixture, dir);
      expect({ fixture: fixture.name, hasFiles: fs.readdirSync(out).some((f) => f.endsWith('.ts')) }).toEqual({
        fixture: fixture.name,
        hasFiles: true,
      });
      for (const removed of fixture.spec.remove ?? []) expect(fs.existsSync(path.join(out, removed))).toBe(false);
      expect(Object.keys(fixture.spec.expected).length).toBeGreaterThan(0);
    }
  });

  it('keeps the adversarial set out of the default one, and lists every fixture under all', () => {
    const plain = listFixtures().map((f) => f.name);
    const adversarial = listFixtures(undefined, 'adversarial');
    expect(plain).toContain('solution');
    expect(adversarial.length).toBeGreaterThan(0);
    for (const f of adversarial) {
      expect({ name: f.name, inDefault: plain.includes(f.name), attack: typeof f.spec.attack?.what }).toEqual({
        name: f.name,
        inDefault: false,
        attack: 'string',
      });
      for (const id of f.spec.attack?.tests ?? [])
        expect({ name: f.name, id, known: id in f.spec.expected }).toEqual({ name: f.name, id, known: true });
    }
    expect(listFixtures(undefined, 'all')).toHaveLength(plain.length + adversarial.length);
  });

  it('applies an edit that matches exactly once, and refuses one that matches zero or two times', () => {
    const file = path.join(dir, 'x.ts');
    fs.writeFileSync(file, 'const a = 1;\nconst b = 2;\nconst b2 = 2;\n');
    applyEdit(file, { file: 'x.ts', find: 'a = 1', replace: 'a = 3' }, 'test');
    expect(fs.readFileSync(file, 'utf8')).toContain('a = 3');
    expect(() => applyEdit(file, { file: 'x.ts', find: 'a = 1', replace: '' }, 'test')).toThrow(/occurs 0 times/);
    expect(() => applyEdit(file, { file: 'x.ts', find: '= 2;', replace: '' }, 'test')).toThrow(/occurs 2 times/);
  });
});
