// Jest runs the project's own tests in two projects:
//  - harness: tests of the grader, the runtime, the corpus pipeline and the solution (`*.test.ts`
//    beside the code they test);
//  - public-tests: the student handout's public tests (stencil/test) run against solution/src,
//    which must pass them. That they fail on the untouched stencil is itself a harness test.
// Hidden grading suites use the suffix `.suite.ts`, so this config never collects them. Tests that
// need Dawn and a Vulkan driver (`*.webgpu.test.ts`) have their own config, jest.webgpu.config.js
// (`npm run test:webgpu`), so that `npm test` needs nothing but Node.
const tsJest = ['ts-jest', { diagnostics: false }];
const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': tsJest },
  setupFilesAfterEnv: ['<rootDir>/grader/runtime/jestSetup.ts'],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  // The CLI and the submission host run compiled, in child processes: build dist/ first.
  globalSetup: '<rootDir>/grader/testing/buildOnce.ts',
  projects: [
    {
      ...common,
      displayName: 'harness',
      testMatch: ['<rootDir>/grader/**/*.test.ts', '<rootDir>/solution/**/*.test.ts'],
      // need Dawn + Mesa (npm run test:webgpu) or a real Slurm (npm run test:slurm, grader/batch/slurm/jest.slurm.config.js)
      testPathIgnorePatterns: ['/node_modules/', '\\.webgpu\\.test\\.ts$', '\\.slurm\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'public-tests',
      testMatch: ['<rootDir>/stencil/test/**/*.test.ts'],
      // The handout's tests import '../src/<file>'; here that resolves to the reference solution.
      moduleNameMapper: { '^\\.\\./src/(.*)$': '<rootDir>/solution/src/$1' },
    },
  ],
};
