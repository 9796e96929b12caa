/**
 * `rnn-lab check` as a student types it, often from inside the folder being checked: the default
 * path and output folder are the project's, and nothing is written into the checked folder.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');
const bin = path.join(root, 'bin/rnn-lab.js');

/** Every path under `dir`, with its size and modification time. */
function snapshot(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((f) => {
      const stat = fs.statSync(path.join(dir, f));
      return `${f} ${stat.size} ${stat.mtimeMs}`;
    });
}

describe('rnn-lab check', () => {
  it("from inside stencil/: checks the project's stencil/, writes the project's reports/out/check/ (not into stencil/), on RNN_LAB_BACKEND", () => {
    const stencil = path.join(root, 'stencil');
    const before = snapshot(stencil);
    const results = path.join(root, 'reports', 'out', 'check', 'results.json');
    const started = Date.now();
    const r = spawnSync(process.execPath, [bin, 'check'], {
      cwd: stencil,
      encoding: 'utf8',
      timeout: 180_000,
      env: { ...process.env, RNN_LAB_BACKEND: 'cpu' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`results: ${results}`);
    expect(fs.statSync(results).mtimeMs).toBeGreaterThanOrEqual(started - 1000);
    const written = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect(written.score).toBe(0); // the untouched stencil
    expect(written.extra_data.backend).toBe('cpu');
    expect(snapshot(stencil)).toEqual(before);
  });

  it('refuses an output folder inside the checked folder, and writes nothing there', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-check-'));
    try {
      fs.cpSync(path.join(root, 'solution', 'src'), path.join(dir, 'hw'), { recursive: true });
      const before = snapshot(path.join(dir, 'hw'));
      const r = spawnSync(process.execPath, [bin, 'check', 'hw', '--out', 'hw/results'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/the output folder .*hw\/results is inside the submission .*hw; give --out a folder outside it/);
      expect(snapshot(path.join(dir, 'hw'))).toEqual(before);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
