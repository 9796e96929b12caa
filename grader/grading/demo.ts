/**
 * `rnn-lab demo`: grades the reference solution and one buggy fixture submission and writes both
 * results under reports/out/demo/ (on the backend asked for, else the runtime's order).
 */
import type { BackendName } from '../runtime/backendNames';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../projectRoot';
import { listFixtures, materialiseFixture } from './fixtureSubmission';
import { runGradeCommand } from './gradeCommand';

export const DEMO_BUG = 'bug-recurrence-ignored';

export async function runDemo(backend?: BackendName): Promise<void> {
  const outRoot = path.join(projectRoot(), 'reports', 'out', 'demo');
  const bug = listFixtures().find((f) => f.name === DEMO_BUG);
  if (!bug) throw new Error(`the demo fixture fixtures/submissions/${DEMO_BUG} is missing`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-demo-'));
  try {
    const submissions: [string, string][] = [
      ['solution', path.join(projectRoot(), 'solution', 'src')],
      [DEMO_BUG, materialiseFixture(bug, work)],
    ];
    for (const [name, dir] of submissions) {
      console.log(`\n=== grading ${name} (${name === 'solution' ? 'the reference solution' : bug.spec.description}) ===`);
      await runGradeCommand({ run: { mode: 'grade', submission: dir, backend, isolation: 'auto' }, out: path.join(outRoot, name) });
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  console.log(`\nresults written under ${outRoot}`);
}
