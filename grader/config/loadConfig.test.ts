import * as path from 'path';
import * as fs from 'fs';
import { TYPE_CHECK_TEST_ID, type TestConfig } from './assignmentConfig';
import { DEFAULT_CONFIG_PATH, loadConfig, validateConfig } from './loadConfig';

const configs = path.resolve(__dirname, '../../fixtures/configs');
const errorsOf = (name: string) => loadConfig(path.join(configs, name)).errors ?? [];

describe('assignment config', () => {
  it('accepts the default config and a copy of it', () => {
    expect(loadConfig(DEFAULT_CONFIG_PATH).errors).toBeUndefined();
    expect(loadConfig(path.join(configs, 'valid-default-copy.json')).config?.questions.length).toBeGreaterThan(0);
  });

  it.each([
    ['invalid-negative-points.json', 'questions[1].tests[2].points: must be >= 0'],
    [
      'invalid-unknown-visibility.json',
      'questions[0].tests[0].visibility: must be one of "hidden", "after_due_date", "after_published", "visible"',
    ],
    ['invalid-missing-training.json', '(top level): missing required property "training"'],
    ['invalid-duplicate-id.json', 'questions[2].tests[1].id: "rnn.cell" is used twice'],
    ['invalid-id-outside-question.json', 'questions[2].tests[0].id: "loss.cell" must start with its question id "rnn."'],
    ['invalid-threshold-below-floor.json', 'training.rnn: implausibleBelow (500) must be below threshold'],
    ['invalid-typo-key.json', 'limits: unknown property "hostHeapMB"'],
  ])('%s fails with the path, the problem and what was expected', (file, message) => {
    const errors = errorsOf(file);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain(`${file}: ${message}`);
  });

  it('reports unreadable and malformed files', () => {
    expect(errorsOf('invalid-not-json.json')[0]).toMatch(/is not valid JSON/);
    expect(errorsOf('no-such-file.json')[0]).toMatch(/cannot read the config .*ENOENT/);
  });

  describe('typeErrors', () => {
    const defaults = (): Record<string, unknown> & { questions: { id: string; title: string; tests: TestConfig[] }[] } =>
      JSON.parse(fs.readFileSync(DEFAULT_CONFIG_PATH, 'utf8'));
    const typeTest = (extra: Partial<TestConfig> = {}): TestConfig => ({
      id: TYPE_CHECK_TEST_ID,
      name: 'no type errors',
      points: 2,
      visibility: 'visible',
      timeoutSeconds: 60,
      partialCredit: false,
      tags: ['public'],
      ...extra,
    });
    const withTypeTest = (policy: string | undefined, test: TestConfig = typeTest()) => {
      const c = defaults();
      if (policy === undefined) delete c.typeErrors;
      else c.typeErrors = policy;
      c.questions.push({ id: 'typecheck', title: 'Type checking', tests: [test] });
      return c;
    };

    it('is "report" in the default config and when a config leaves it out', () => {
      expect(loadConfig().config?.typeErrors).toBe('report');
      const c = defaults();
      delete c.typeErrors;
      expect(validateConfig(c).config?.typeErrors).toBe('report');
    });

    it('accepts "fail" with the visible type-check test, and refuses any other value', () => {
      expect(validateConfig(withTypeTest('fail')).errors).toBeUndefined();
      expect(validateConfig({ ...defaults(), typeErrors: 'warn' }).errors).toEqual(['typeErrors: must be one of "report", "fail"']);
    });

    it.each([
      ['"fail" without the test', () => ({ ...defaults(), typeErrors: 'fail' }), 'typeErrors: "fail" needs the test "typecheck.noErrors"'],
      [
        'the test under "report"',
        () => withTypeTest('report'),
        'questions[6].tests[0].id: "typecheck.noErrors" is scored only with typeErrors "fail" (it is "report")',
      ],
      ['the test when typeErrors is left out', () => withTypeTest(undefined), 'is scored only with typeErrors "fail" (it is "report")'],
      [
        'a hidden type-check test',
        () => withTypeTest('fail', typeTest({ visibility: 'hidden' })),
        'questions[6].tests[0].visibility: "typecheck.noErrors" must be "visible"',
      ],
      [
        'another test in its question',
        () => withTypeTest('fail', typeTest({ id: 'typecheck.strictNulls' })),
        'questions[6].tests[0].id: "typecheck.strictNulls": the question "typecheck" is the grader\'s own',
      ],
    ])('refuses %s, saying what to change', (_what, config, message) => {
      expect((validateConfig(config()).errors ?? []).join('\n')).toContain(message);
    });
  });
});
