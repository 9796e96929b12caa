/** The compiled CLI as a user runs it: help is instant and bad input gets exit code 2 with a message. */
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
    for (const command of ['grade', 'check', 'verify', 'calibrate', 'gradescope', 'package', 'train', 'corpus', 'demo'])
      expect(result.stdout).toContain(`rnn-lab ${command}`);
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

  it("grade without a path: a friendly message with an example, not yargs' own", () => {
    const r = run('grade');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/grade needs the submission to grade: a folder or a \.zip/);
    expect(r.stderr).toMatch(/npx rnn-lab grade path\/to\/submission --out reports\/out\/alice/);
    expect(r.stderr).not.toMatch(/Not enough non-option arguments/);
  });

  it('train on a backend that is not installed: a clear message and exit 2, no stack trace', () => {
    let native = true;
    try {
      require.resolve('@tensorflow/tfjs-node/package.json');
    } catch {
      native = false;
    }
    if (native) return expect(run('train', '--help').status).toBe(0); // tensorflow can be had here
    const r = run('train', '--backend', 'tensorflow', '--max-steps', '1');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/The TensorFlow\.js backend 'tensorflow' is not available: .*tfjs-node: not installed/);
    expect(r.stderr).toMatch(/Choose another backend with --backend or RNN_LAB_BACKEND/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('demo accepts --backend auto like every other command (and then honours RNN_LAB_BACKEND)', () => {
    const r = spawnSync(process.execPath, [bin, 'demo', '--backend', 'auto'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, RNN_LAB_BACKEND: 'webgl' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/Invalid values/);
    expect(r.stderr).toMatch(/RNN_LAB_BACKEND=webgl is not a backend/);
  });
});
