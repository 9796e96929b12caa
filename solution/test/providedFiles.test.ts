/**
 * The provided helpers are the same file in the handout and the solution (the grader supplies the
 * stencil's copy when a submission lacks one). That both folders hold the lab files and export the
 * contract's names is grader/lab/lab.test.ts's business.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PROVIDED_FILES } from '../../grader/lab';

const root = path.resolve(__dirname, '../..');

it.each([...PROVIDED_FILES])('%s is identical in stencil/src and solution/src', (file) => {
  expect(fs.readFileSync(path.join(root, 'solution/src', file), 'utf8')).toBe(
    fs.readFileSync(path.join(root, 'stencil/src', file), 'utf8'),
  );
});
