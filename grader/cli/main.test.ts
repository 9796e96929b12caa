/** The compiled CLI as a user runs it: help is instant and bad input gets exit code 2. */
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/rnn-lab.js');

function run(...args: string[]) {
  return spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('rnn-lab command line', () => {
  it('lists every command in --help without loading TensorFlow.js', () => {
    const started = Date.now();
    const result = run('--help');
    expect(result.status).toBe(0);
    for (const command of ['grade', 'check', 'verify', 'calibrate', 'train', 'corpus', 'demo']) expect(result.stdout).toContain(`rnn-lab ${command}`);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('exits 2 with a message for an unknown command or a bad option value', () => {
    const unknown = run('trian');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Did you mean train\?/);
    const bad = run('train', '--epochs', '0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--epochs must be a positive integer, got 0/);
    const choice = run('train', '--model', 'lstm');
    expect(choice.status).toBe(2);
    expect(choice.stderr).toMatch(/Invalid values/);
  });
});
