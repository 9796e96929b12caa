import yargs from 'yargs';
import { withBackendOption } from '../options';
import { gradingRunOptions, withGradingOptions, withRequireGpuOption } from './gradingOptions';

const parse = (args: string[]) =>
  withRequireGpuOption(withGradingOptions(withBackendOption(yargs(args))))
    .strict()
    .parseSync();

describe('the grading run from the command line', () => {
  it('carries every grading option into one GradingRunOptions', () => {
    const argv = parse(['--backend', 'cpu', '--seed', '7', '--isolation', 'none', '--keep-scratch', '--require-gpu']);
    expect(gradingRunOptions('check', 'src', argv)).toEqual({
      mode: 'check',
      submission: 'src',
      backend: 'cpu',
      seed: 7,
      isolation: 'none',
      keepScratch: true,
      requireGpu: true,
    });
  });

  it('has the defaults of the options when none is given', () => {
    expect(gradingRunOptions('grade', 'a.zip', parse([]))).toEqual({
      mode: 'grade',
      submission: 'a.zip',
      backend: 'auto',
      seed: undefined,
      isolation: 'auto',
      keepScratch: false,
      requireGpu: false,
    });
  });

  it('defaults isolation to auto for a command without the option (gradescope)', () => {
    expect(gradingRunOptions('grade', 'sub', { backend: 'wasm' })).toMatchObject({ isolation: 'auto', backend: 'wasm' });
  });
});
