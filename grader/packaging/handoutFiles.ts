/**
 * The handout's own small files: package.json, tsconfig.json, the Jest config and setup, the
 * GitHub Classroom workflow and .gitignore. Pure text.
 */

/** Where `npm run check` writes its reports (outside src/, ignored by git). */
export const CHECK_OUT = 'reports/check';

export interface HandoutPackageInput {
  graderName: string;
  graderVersion: string;
  /** The tarball of the grader part, relative to the handout (e.g. vendor/rnn-lab-0.1.0.tgz). */
  tarball: string;
  /** The grader part's pinned dependencies (the handout uses the same versions). */
  graderDependencies: Record<string, string>;
  engines: Record<string, string>;
}

/** The packages the handout uses directly (the stencil imports tfjs; Jest and TypeScript run the tests). */
const DIRECT = ['@tensorflow/tfjs'];
const DEV = ['@types/jest', '@types/node', 'jest', 'ts-jest', 'typescript'];

function pick(names: readonly string[], from: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    names.map((n) => {
      if (from[n] === undefined) throw new Error(`the grader part does not depend on ${n}, which the handout needs`);
      return [n, from[n]];
    }),
  );
}

export function handoutPackageJson(p: HandoutPackageInput) {
  return {
    name: 'rnn-lab-handout',
    version: '1.0.0',
    private: true,
    description: 'RNN lab: your N-gram and recurrent language models, with the public tests and checks',
    engines: p.engines,
    scripts: {
      test: 'jest',
      check: `rnn-lab check src --out ${CHECK_OUT} --format json,html,md`,
      typecheck: 'tsc --noEmit',
    },
    dependencies: { ...pick(DIRECT, p.graderDependencies), [p.graderName]: `file:${p.tarball}` },
    devDependencies: pick(DEV, p.graderDependencies),
    // core-js (under tfjs) only prints an advert after install.
    allowScripts: { 'core-js': false },
  };
}

/** The strict options the grader compiles submissions with, plus Jest's types for the tests. */
export const HANDOUT_TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022'],
    module: 'commonjs',
    moduleResolution: 'node',
    strict: true,
    isolatedModules: true,
    noImplicitOverride: true,
    noFallthroughCasesInSwitch: true,
    esModuleInterop: true,
    skipLibCheck: true,
    forceConsistentCasingInFileNames: true,
    types: ['node', 'jest'],
  },
  include: ['src/**/*.ts', 'test/**/*.ts'],
};

export const HANDOUT_JEST_CONFIG = `// The public tests in test/ run against your code in src/.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\\\.ts$': ['ts-jest', { diagnostics: false }] },
  setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60000,
};
`;

export const HANDOUT_JEST_SETUP = `// Before the tests: the grader's runtime picks the TensorFlow.js backend (wasm here) and registers
// its kernel fixes; without them the wasm backend cannot even train an embedding.
require('@tensorflow/tfjs').env().set('PROD', true);
const { initRuntime } = require('rnn-lab/dist/grader/runtime/backend');

beforeAll(async () => {
  await initRuntime();
});
`;

export const HANDOUT_GITIGNORE = `node_modules/
${CHECK_OUT.split('/')[0]}/
`;

/** GitHub Classroom: the public checks on every push, the Markdown report as the job summary, red below `failUnder`. */
export function checkWorkflow(failUnder: number): string {
  return `# The public checks on every push. The job summary shows the report; the job fails (red) while
# the public checks score below ${failUnder} points, all of them.
name: Public checks
on:
  push:
  workflow_dispatch:
jobs:
  check:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      - run: npm ci
      - name: Public checks
        run: npm run check -- --fail-under ${failUnder}
      - name: Report as the job summary
        if: always()
        run: if [ -f ${CHECK_OUT}/report.md ]; then cat ${CHECK_OUT}/report.md >> "$GITHUB_STEP_SUMMARY"; fi
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: public-checks-report
          path: ${CHECK_OUT}/
`;
}
