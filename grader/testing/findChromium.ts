/**
 * Finds a Chromium for the project's browser tests, first match wins:
 *  1. the binary that RNN_LAB_CHROMIUM names (a path that is not an executable file is an error);
 *  2. Debian's /usr/bin/chromium (what .ci/run installs);
 *  3. the Chromium of the @sparticuz/chromium devDependency, unpacked once into the temp folder
 *     together with the NSS libraries and fonts it ships, so that it needs nothing from the system
 *     (without them it fails to start on a base image, or starts and draws text in no font).
 * Returns a result object; the tests turn a failure into a thrown error.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

export const CHROMIUM_ENV = 'RNN_LAB_CHROMIUM';
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for every Chromium: headless, and nothing that talks to the network in the background (the
 * test machines have none). Playwright adds its own on top.
 */
const COMMON_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/**
 * The npm Chromium is a headless shell: with --disable-gpu 6 full-page screenshots in 180 failed
 * ("Unable to capture screenshot"), none in 330 when it draws with the SwiftShader it ships, using
 * its package's graphics flags. Its other `args` are for AWS Lambda (single process, web
 * security off) and carry a --disable-features that would replace Playwright's list, the one that
 * keeps Chromium from calling Google; none of them is needed here.
 */
const NPM_ARGS = [...COMMON_ARGS, '--use-gl=angle', '--use-angle=swiftshader', '--in-process-gpu'];
const SYSTEM_ARGS = [...COMMON_ARGS, '--disable-gpu'];

export interface FoundChromium {
  source: 'env' | 'debian' | 'npm';
  executablePath: string;
  /** Command-line flags to launch it with. */
  args: string[];
  /** Environment for the browser process: this process's, plus what the npm binary needs. */
  env: NodeJS.ProcessEnv;
  /** Which browser, in words, for the test output. */
  description: string;
}

export type FindChromiumResult = { ok: true; chromium: FoundChromium } | { ok: false; message: string };

export interface FindChromiumOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Defaults to DEBIAN_CHROMIUM. */
  debianPath?: string;
  /** Where the npm Chromium is unpacked; defaults to os.tmpdir(). */
  cacheDir?: string;
}

export async function findChromium(opts: FindChromiumOptions = {}): Promise<FindChromiumResult> {
  const env = opts.env ?? process.env;
  const named = env[CHROMIUM_ENV];
  if (named) {
    const file = path.resolve(named);
    if (!isExecutableFile(file))
      return {
        ok: false,
        message: `${CHROMIUM_ENV}=${named} is not an executable file; point it at a Chromium or Chrome binary, or unset it to use ${DEBIAN_CHROMIUM} or the npm package @sparticuz/chromium.`,
      };
    return {
      ok: true,
      chromium: { source: 'env', executablePath: file, args: [...SYSTEM_ARGS], env, description: `${file} (from ${CHROMIUM_ENV})` },
    };
  }
  const debian = opts.debianPath ?? DEBIAN_CHROMIUM;
  if (fs.existsSync(debian))
    return {
      ok: true,
      chromium: { source: 'debian', executablePath: debian, args: [...SYSTEM_ARGS], env, description: `Debian's ${debian}` },
    };
  return unpackNpmChromium(opts.cacheDir ?? os.tmpdir(), env);
}

function isExecutableFile(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The package is ES modules only, which Jest's CommonJS runtime cannot load: a child Node unpacks it. */
const UNPACK = `const { pathToFileURL } = await import('node:url');
const pkg = await import(pathToFileURL(process.argv[1]).href);
const exe = await pkg.default.executablePath();
await pkg.inflate(process.argv[2]);
process.stdout.write(exe);`;

/**
 * Unpacks into a fresh folder named after the package version and renames it into place when
 * complete, so that an interrupted unpack is never used and concurrent test files share one copy.
 */
async function unpackNpmChromium(cacheDir: string, env: NodeJS.ProcessEnv): Promise<FindChromiumResult> {
  const none = `no Chromium: ${CHROMIUM_ENV} is unset and ${DEBIAN_CHROMIUM} is missing`;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    return {
      ok: false,
      message: `${none}, and @sparticuz/chromium ships only a Linux x64 binary; set ${CHROMIUM_ENV} to a Chromium or Chrome binary.`,
    };
  let main: string;
  try {
    main = require.resolve('@sparticuz/chromium');
  } catch {
    return { ok: false, message: `${none}, and the devDependency @sparticuz/chromium is not installed (run npm ci).` };
  }
  const pkgDir = path.resolve(path.dirname(main), '..');
  const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = path.join(cacheDir, `rnn-lab-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  if (!fs.existsSync(dir)) {
    const staging = fs.mkdtempSync(`${dir}.partial-`);
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--input-type=module', '-e', UNPACK, main, path.join(pkgDir, 'bin', 'al2023.tar.br')],
        { env: { ...process.env, TMPDIR: staging }, timeout: 180_000 },
      );
      if (stdout !== path.join(staging, 'chromium'))
        throw new Error(`executablePath() returned ${stdout}, expected ${path.join(staging, 'chromium')}`);
      // its own fonts.conf names /tmp/fonts; this one names where the fonts really are
      fs.writeFileSync(
        path.join(staging, 'fonts.conf'),
        `<?xml version="1.0"?>\n<fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}/fonts-cache</cachedir></fontconfig>\n`,
      );
      fs.renameSync(staging, dir);
    } catch (e) {
      fs.rmSync(staging, { recursive: true, force: true });
      // another test file that unpacked at the same time won the rename: use its copy
      if (!fs.existsSync(dir))
        return {
          ok: false,
          message: `${none}, and unpacking @sparticuz/chromium ${version} into ${cacheDir} failed: ${(e as Error).message}`,
        };
    }
  }
  const libs = path.join(dir, 'al2023', 'lib');
  const browserEnv = {
    ...env,
    LD_LIBRARY_PATH: [libs, env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    FONTCONFIG_FILE: path.join(dir, 'fonts.conf'),
  };
  return {
    ok: true,
    chromium: {
      source: 'npm',
      executablePath: path.join(dir, 'chromium'),
      args: [...NPM_ARGS],
      env: browserEnv,
      description: `@sparticuz/chromium ${version}, unpacked in ${dir}`,
    },
  };
}
