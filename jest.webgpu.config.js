// `npm run test:webgpu`: the tests that run TensorFlow.js on the webgpu backend (Dawn), beside the
// code they test as `*.webgpu.test.ts`. They need the Vulkan loader and a driver: in CI Mesa's
// software one (lavapipe, Mesa >= 25 from bookworm-backports); the global setup stops the run with
// the reason when there is no adapter (scripts/test-webgpu.js lets a machine opt out).
const tsJest = ['ts-jest', { diagnostics: false }];

/** @type {import('jest').Config} */
module.exports = {
  displayName: 'webgpu',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  testMatch: ['<rootDir>/grader/**/*.webgpu.test.ts'],
  // Builds dist/ (the CLI runs compiled) and stops the run with the reason when Dawn has no adapter.
  globalSetup: '<rootDir>/grader/runtime/webgpu/webgpuGlobalSetup.ts',
  // One Dawn device at a time: the software adapter uses every core by itself.
  maxWorkers: 1,
  testTimeout: 600000,
};
