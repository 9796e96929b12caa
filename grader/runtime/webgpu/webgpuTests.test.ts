/**
 * `npm run test:webgpu` never passes by running nothing: where Dawn finds no adapter it stops with
 * the reason, and a machine that does not want the tests has to say so (RNN_LAB_WEBGPU_TESTS=off).
 */
import { spawnSync } from 'child_process';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');

function testWebgpu(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(root, 'scripts/test-webgpu.js')], {
    cwd: root,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

describe('npm run test:webgpu', () => {
  it('fails with the reason and the way out where Vulkan has no driver', () => {
    const r = testWebgpu({ VK_ICD_FILENAMES: '/nonexistent/icd.json', RNN_LAB_WEBGPU_TESTS: 'on' });
    expect(r.status).not.toBe(0);
    expect(r.stdout + r.stderr).toMatch(
      /the webgpu tests need a WebGPU adapter, and there is none here: .*(Dawn found no WebGPU adapter|not installed)/,
    );
    expect(r.stdout + r.stderr).toMatch(/set RNN_LAB_WEBGPU_TESTS=off where these tests are not wanted/);
    expect(r.stdout + r.stderr).not.toMatch(/Tests: .* passed/);
  });

  it('runs nothing, and says so, only on RNN_LAB_WEBGPU_TESTS=off; other values are refused', () => {
    const off = testWebgpu({ RNN_LAB_WEBGPU_TESTS: 'off' });
    expect([off.status, off.stdout.trim()]).toEqual([
      0,
      'webgpu tests not run: RNN_LAB_WEBGPU_TESTS=off says this machine does not want them',
    ]);
    const typo = testWebgpu({ RNN_LAB_WEBGPU_TESTS: 'no' });
    expect([typo.status, typo.stderr.trim()]).toEqual([2, 'RNN_LAB_WEBGPU_TESTS=no: expected on or off']);
  });
});
