/**
 * Jest global setup: compile the project to dist/ once per test run (incremental), because the
 * CLI and the submission host run as compiled JavaScript in child processes.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

export default function buildOnce(): void {
  const root = path.resolve(__dirname, '../..');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'inherit' });
}
