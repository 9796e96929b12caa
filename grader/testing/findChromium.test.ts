import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CHROMIUM_ENV, findChromium, type FindChromiumResult, type FoundChromium } from './findChromium';

/** The flags that keep every Chromium off the network. */
const OFFLINE = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

let tmp: string;
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-find-chromium-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** An executable file standing in for a browser binary (the lookup only checks that it can run it). */
function fakeBinary(name: string): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, '#!/bin/sh\n', { mode: 0o755 });
  return file;
}

function found(r: FindChromiumResult): FoundChromium {
  if (!r.ok) throw new Error(`expected a Chromium, got: ${r.message}`);
  return r.chromium;
}

describe('findChromium', () => {
  it(`uses the binary ${CHROMIUM_ENV} names before Debian's`, async () => {
    const mine = fakeBinary('my-chrome');
    const c = found(await findChromium({ env: { [CHROMIUM_ENV]: mine }, debianPath: fakeBinary('chromium') }));
    expect(c).toMatchObject({ source: 'env', executablePath: mine, description: `${mine} (from ${CHROMIUM_ENV})` });
    expect(c.args).toEqual(expect.arrayContaining([...OFFLINE, '--disable-gpu']));
  });

  it.each([
    ['a path that does not exist', (): string => path.join(tmp, 'nowhere', 'chromium')],
    ['a folder', (): string => tmp],
    [
      'a file that is not executable',
      (): string => {
        const f = path.join(tmp, 'notes.txt');
        fs.writeFileSync(f, 'x', { mode: 0o644 });
        return f;
      },
    ],
  ])(`refuses ${CHROMIUM_ENV} naming %s, even when Debian's chromium exists`, async (_what, target) => {
    const named = target();
    expect(await findChromium({ env: { [CHROMIUM_ENV]: named }, debianPath: fakeBinary('chromium') })).toEqual({
      ok: false,
      message: `${CHROMIUM_ENV}=${named} is not an executable file; point it at a Chromium or Chrome binary, or unset it to use /usr/bin/chromium or the npm package @sparticuz/chromium.`,
    });
  });

  it(`uses Debian's chromium when ${CHROMIUM_ENV} is unset or empty`, async () => {
    const debian = fakeBinary('chromium');
    for (const env of [{}, { [CHROMIUM_ENV]: '' }]) {
      const c = found(await findChromium({ env, debianPath: debian }));
      expect(c).toMatchObject({ source: 'debian', executablePath: debian });
      expect(c.args).toEqual(expect.arrayContaining([...OFFLINE, '--disable-gpu']));
    }
  });

  it('otherwise unpacks the npm Chromium once, with its libraries and fonts, even for two callers at once', async () => {
    const opts = { env: { PATH: process.env.PATH }, debianPath: path.join(tmp, 'no-chromium'), cacheDir: tmp };
    const [a, b] = (await Promise.all([findChromium(opts), findChromium(opts)])).map(found);
    expect(b).toEqual(a);
    const dir = path.dirname(a.executablePath);
    expect(a).toMatchObject({ source: 'npm', description: `@sparticuz/chromium 153.0.0, unpacked in ${dir}` });
    expect(fs.readdirSync(tmp)).toEqual([path.basename(dir)]);
    expect(a.env.LD_LIBRARY_PATH).toBe(path.join(dir, 'al2023', 'lib'));
    expect(fs.existsSync(path.join(dir, 'al2023', 'lib', 'libnss3.so'))).toBe(true);
    expect(fs.readFileSync(a.env.FONTCONFIG_FILE!, 'utf8')).toContain(`<dir>${dir}/fonts</dir>`);
    expect(fs.readdirSync(path.join(dir, 'fonts', 'fonts'))).toContain('Open_Sans');
    // it draws with its own SwiftShader, and keeps Playwright's --disable-features list
    expect(fs.existsSync(path.join(dir, 'libGLESv2.so'))).toBe(true);
    expect(a.args).toEqual(expect.arrayContaining([...OFFLINE, '--use-angle=swiftshader']));
    expect(a.args.filter((f) => f.startsWith('--disable-features') || f === '--disable-gpu')).toEqual([]);
    const version = spawnSync(a.executablePath, ['--version'], { env: a.env, encoding: 'utf8' });
    expect(version.stdout).toMatch(/^Chromium 153\./);
    // a second lookup reuses the copy
    const before = fs.statSync(a.executablePath).mtimeMs;
    expect(found(await findChromium(opts))).toEqual(a);
    expect(fs.statSync(a.executablePath).mtimeMs).toBe(before);
  }, 120_000);
});
