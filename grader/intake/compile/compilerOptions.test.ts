import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ts from 'typescript';
import { submissionCompilerOptions, tsconfigChecks } from './compilerOptions';

describe('compiler options for submissions', () => {
  it('are the checks of tsconfig.json, as the grader compiled with when it listed them by hand', () => {
    expect(submissionCompilerOptions('/staged', '/out', '/nm')).toEqual({
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      strict: true,
      isolatedModules: true,
      noImplicitOverride: true,
      noFallthroughCasesInSwitch: true,
      esModuleInterop: true,
      skipLibCheck: true,
      forceConsistentCasingInFileNames: true,
      types: ['node'],
      typeRoots: [path.join('/nm', '@types')],
      rootDir: '/staged',
      outDir: '/out',
      inlineSourceMap: true,
      newLine: ts.NewLineKind.LineFeed,
    });
  });

  it('follow the tsconfig, and refuse one that does not parse', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-tsconfig-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'tsconfig.json'),
        JSON.stringify({ compilerOptions: { strict: false, target: 'ES2020', sourceMap: true, types: ['jest'] } }),
      );
      expect(tsconfigChecks(dir)).toEqual({ strict: false, target: ts.ScriptTarget.ES2020 });
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { target: 'ES1999' } }));
      expect(() => tsconfigChecks(dir)).toThrow(/tsconfig\.json/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
