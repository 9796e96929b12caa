/**
 * The handout's public tests must fail on the untouched stencil, and fail for the right reason:
 * the TODO message that names the task, not a compile error or a broken test.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.resolve(__dirname, '../..');

interface JestJson {
  numTotalTests: number;
  numFailedTests: number;
  testResults: { name: string; message: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[];
}

function runPublicTestsOnStencil(): JestJson {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-stencil-'));
  const outputFile = path.join(outDir, 'results.json');
  const config = {
    rootDir: root,
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
    setupFilesAfterEnv: ['<rootDir>/grader/runtime/jestSetup.ts'],
    testMatch: ['<rootDir>/stencil/test/**/*.test.ts'],
  };
  spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--config', JSON.stringify(config), '--json', '--outputFile', outputFile, '--ci'],
    {
      cwd: root,
      env: { ...process.env, RNN_LAB_BACKEND: 'cpu' },
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  const results = JSON.parse(fs.readFileSync(outputFile, 'utf8')) as JestJson;
  fs.rmSync(outDir, { recursive: true, force: true });
  return results;
}

describe('public tests on the untouched stencil', () => {
  let results: JestJson;
  beforeAll(() => {
    results = runPublicTestsOnStencil();
  }, 120_000);

  it('runs every public test file (none fails to compile or load)', () => {
    const files = fs.readdirSync(path.join(root, 'stencil/test')).filter((f) => f.endsWith('.test.ts'));
    expect(results.testResults).toHaveLength(files.length);
    for (const file of results.testResults) expect(file.assertionResults.length).toBeGreaterThan(0);
  });

  it('fails every test, each with a TODO(<task>) message', () => {
    expect(results.numTotalTests).toBeGreaterThan(0);
    expect(results.numFailedTests).toBe(results.numTotalTests);
    for (const file of results.testResults) {
      for (const test of file.assertionResults) {
        expect({ test: test.fullName, status: test.status }).toEqual({ test: test.fullName, status: 'failed' });
        expect({ test: test.fullName, message: test.failureMessages.join('\n') }).toEqual({
          test: test.fullName,
          message: expect.stringMatching(/TODO\([A-Za-z.]+\)/),
        });
      }
    }
  });
});
