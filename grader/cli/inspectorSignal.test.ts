/**
 * SIGUSR1 would open the grader's inspector on 127.0.0.1:9229 to any process of the same user (a
 * submission host without a sandbox); the CLI entry keeps it closed.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

it('ignores SIGUSR1: no inspector opens while the grader runs', async () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-sigusr1-'));
  try {
    const child = spawn(
      process.execPath,
      [path.join(root, 'bin/rnn-lab.js'), 'check', path.join(root, 'fixtures/submissions/missing-file'), '--out', out],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Signalled once it has printed something (its CLI is loaded), then given a second to react.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const running = child.kill('SIGUSR1');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    child.kill('SIGKILL');
    expect(running).toBe(true);
    expect(stderr).not.toMatch(/Debugger listening|inspector/i);
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}, 60_000);
