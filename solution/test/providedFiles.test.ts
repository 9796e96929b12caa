/** The provided helpers are the same file in the handout and the solution (the grader supplies the stencil's copy when a submission lacks one). */
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

it.each(['random.ts', 'init.ts'])('%s is identical in stencil/src and solution/src', (file) => {
  expect(fs.readFileSync(path.join(root, 'solution/src', file), 'utf8')).toBe(fs.readFileSync(path.join(root, 'stencil/src', file), 'utf8'));
});

it('stencil and solution export the same lab files', () => {
  const ts = (dir: string) => fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith('.ts')).sort();
  expect(ts('stencil/src')).toEqual(ts('solution/src'));
});
