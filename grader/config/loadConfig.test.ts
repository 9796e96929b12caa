import * as path from 'path';
import { DEFAULT_CONFIG_PATH, loadConfig } from './loadConfig';

const configs = path.resolve(__dirname, '../../fixtures/configs');
const errorsOf = (name: string) => loadConfig(path.join(configs, name)).errors ?? [];

describe('assignment config', () => {
  it('accepts the default config and a copy of it', () => {
    expect(loadConfig(DEFAULT_CONFIG_PATH).errors).toBeUndefined();
    expect(loadConfig(path.join(configs, 'valid-default-copy.json')).config?.questions.length).toBeGreaterThan(0);
  });

  it.each([
    ['invalid-negative-points.json', 'questions[1].tests[2].points: must be >= 0'],
    ['invalid-unknown-visibility.json', 'questions[0].tests[0].visibility: must be one of "hidden", "after_due_date", "after_published", "visible"'],
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
});
