// Jest for `npm run test:slurm` only: the test that runs a batch through a real (local) Slurm.
// It needs slurm-wlm, munge and root, so `npm test` leaves it out (jest.config.js ignores
// *.slurm.test.ts) and .ci/run calls it after npm test.
const path = require('path');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.resolve(__dirname, '../../..'),
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/grader/runtime/jestSetup.ts'],
  globalSetup: '<rootDir>/grader/testing/buildOnce.ts',
  testMatch: ['<rootDir>/grader/**/*.slurm.test.ts'],
  testTimeout: 600000,
};
