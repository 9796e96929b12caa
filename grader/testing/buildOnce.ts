/**
 * Jest global setup: compile the project to dist/ once per test run (incremental), because the
 * CLI and the submission host run as compiled JavaScript in child processes. Type errors do not
 * stop the tests (tsc still emits, and `npm test` type-checks first); they are printed.
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

export default function buildOnce(): void {
  const root = path.resolve(__dirname, '../..');
  const build = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0)
    process.stderr.write(`\nbuild of dist/ reported errors (tests run on what it emitted):\n${build.stdout}${build.stderr}\n`);
}
