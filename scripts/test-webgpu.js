#!/usr/bin/env node
// `npm run test:webgpu`: the webgpu tests (jest.webgpu.config.js). They fail, with the reason, where
// Dawn finds no WebGPU adapter; RNN_LAB_WEBGPU_TESTS=off says this machine does not want them, and
// then they are not run at all (said on stdout, exit 0). Extra arguments go to Jest.
const { spawnSync } = require('child_process');
const path = require('path');

const wanted = process.env.RNN_LAB_WEBGPU_TESTS ?? 'on';
if (wanted === 'off') {
  console.log('webgpu tests not run: RNN_LAB_WEBGPU_TESTS=off says this machine does not want them');
  process.exit(0);
}
if (wanted !== 'on' && wanted !== '') {
  console.error(`RNN_LAB_WEBGPU_TESTS=${wanted}: expected on or off`);
  process.exit(2);
}
const root = path.resolve(__dirname, '..');
const jest = require.resolve('jest/bin/jest', { paths: [root] });
const run = spawnSync(process.execPath, [jest, '-c', path.join(root, 'jest.webgpu.config.js'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
