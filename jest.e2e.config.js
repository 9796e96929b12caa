// The slow end-to-end tests of what rnn-lab ships (`*.e2e.ts`): each builds a package, installs
// it with `npm ci` from the registry in a temporary folder and runs it there. `npm test` leaves
// them out; `npm run test:handout` and `npm run test:gradescope` run them (.ci/run does both).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  testMatch: ['<rootDir>/grader/**/*.e2e.ts'],
  // The packages are built from dist/, and their commands run compiled.
  globalSetup: '<rootDir>/grader/testing/buildOnce.ts',
  testTimeout: 600000,
};
