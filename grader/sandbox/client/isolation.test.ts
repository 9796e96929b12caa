/**
 * The host boundary: the launch plan as a value (no side effects), the layers it picks, what a
 * host can reach under each (started for real on this machine), and the memory cap.
 */
import type { Duplex } from 'stream';
import { HOST_CHANNEL_FD, MAX_REPLY_BYTES, readFrames, writeFrame } from '../framedChannel';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { chooseLayer, planHostLaunch, SANDBOX_ROOT, type LaunchOptions } from './isolation';
import { forbiddenPaths, hostReadSet, readSetProblem } from './hostReadSet';
import { prepareHostFolders, releaseHostFolders } from './hostFolders';
import { machineSupport, permissionFlag, permissionProbe, type MachineSupport } from './machineSupport';
import { hostPidDir, SubmissionHost } from './submissionHost';
import { prepareHostLaunch, releaseHostLaunch } from './hostLaunch';
import { unsearchableAncestor } from './hostSlots';

const root = fs.realpathSync(path.resolve(__dirname, '../../..'));
/** A folder that keeps other users out of this checkout (a clone under a 0700 temp folder): as root no host gets a uid of its own then. */
const checkoutClosed = unsearchableAncestor(root);
const BWRAP_MACHINE: MachineSupport = {
  isRoot: true,
  bwrap: '/usr/bin/bwrap',
  bwrapNoexecTmp: true,
  bwrapAsOtherUid: true,
  permissionFlag: '--permission',
  allowAddonsFlag: true,
  unshareNetwork: true,
  setpriv: true,
  procFs: true,
  pdeathsig: true,
  memoryCgroup: '/sys/fs/cgroup/memory/rnn-lab-hosts',
};
const LAPTOP_MACHINE: MachineSupport = {
  isRoot: false,
  bwrapProblem: 'bubblewrap (bwrap) is not installed',
  bwrapNoexecTmp: false,
  bwrapAsOtherUid: false,
  permissionFlag: '--permission',
  allowAddonsFlag: true,
  unshareNetwork: false,
  setpriv: false,
  procFs: true,
  pdeathsig: false,
};

/** A lab whose data.js reports, through buildVocab's error, what it could read and do at import. */
const ATTACK = `
const fs = require('fs'); const r = {};
const t = (k, f) => { try { r[k] = String(f()).slice(0, 60); } catch (e) { r[k] = 'blocked'; } };
const P = ${JSON.stringify(root)};
t('golden', () => fs.readFileSync(P + '/fixtures/golden/lab.json').length);
t('throughPackage', () => fs.readFileSync(require.resolve('@tensorflow/tfjs/package.json') + '/../../../../fixtures/golden/lab.json').length);
t('solution', () => fs.readdirSync(P + '/dist/solution'));
t('child', () => require('child_process').execSync('id').toString());
t('dlopen', () => { process.dlopen({ exports: {} }, '/usr/lib/x86_64-linux-gnu/libc.so.6'); return 'loaded'; });
t('signalParent', () => { process.kill(process.ppid, 0); return process.ppid; });
exports.buildVocab = () => { throw new Error('SEEN' + JSON.stringify(r)); };`;

/**
 * Bubblewrap is here (CI installs it; `.ci/run`), or this is a machine without it, where the
 * bubblewrap layer must be refused by name and the permission layer is what `auto` takes.
 */
const HAS_BWRAP = machineSupport().bwrap !== undefined || process.env.CI === 'true';
const LAYERS = HAS_BWRAP ? (['bwrap', 'permission'] as const) : (['permission'] as const);

describe('host launch', () => {
  let scratchDir: string;
  let opts: LaunchOptions;
  beforeEach(() => {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-isolation-'));
    fs.chmodSync(scratchDir, 0o755);
    fs.mkdirSync(path.join(scratchDir, 'lab'), { mode: 0o755 });
    opts = { projectRoot: root, labDir: path.join(scratchDir, 'lab'), scratchDir, heapMb: 256, isolation: 'auto' };
  });
  afterEach(() => fs.rmSync(scratchDir, { recursive: true, force: true }));

  it('picks the permission flag from what Node accepts, and probes it before claiming it', () => {
    expect(permissionFlag(new Set(['--permission', '--experimental-permission']))).toBe('--permission');
    expect(permissionFlag(new Set(['--experimental-permission']))).toBe('--experimental-permission');
    expect(permissionFlag(new Set(['--allow-fs-read']))).toBeUndefined();
    expect(permissionProbe(permissionFlag() as string)).toBeUndefined();
    expect(permissionProbe('--no-such-permission-flag')).toMatch(/did not run/);
  });

  it('plans a bubblewrap host as a value: its own namespaces, read-only binds of only what it needs, nothing made on disk', () => {
    const read = hostReadSet(root, opts.labDir);
    const plan = planHostLaunch(opts, BWRAP_MACHINE, read, { id: 'h1', uid: 420_001 }, {}, {});
    const args = [plan.command, ...plan.args];
    expect(args.slice(0, 3)).toEqual(['/bin/sh', '-c', expect.stringContaining('cgroup.procs')]);
    expect(args).toEqual(
      expect.arrayContaining(['--unshare-all', '--die-with-parent', '--new-session', '--reuid=420001', '/usr/bin/bwrap']),
    );
    const binds = args.flatMap((a, i) => (a === '--ro-bind' ? [[args[i + 1], args[i + 2]]] : []));
    expect(binds.map(([source]) => source)).not.toContain(root);
    for (const [source, target] of binds) {
      expect(
        source === root || source.startsWith(`${root}/dist/solution`) || source.startsWith(`${root}/grader`) || source === scratchDir,
      ).toBe(false);
      if (target.startsWith(SANDBOX_ROOT)) expect(fs.realpathSync(source)).toBe(source);
    }
    expect(binds).toContainEqual([path.join(root, 'dist', 'grader', 'sandbox'), `${SANDBOX_ROOT}/app/sandbox`]);
    expect(binds).toContainEqual([read.lab, `${SANDBOX_ROOT}/lab`]);
    expect(args).toContain('--allow-fs-write=/tmp/*');
    expect(args).not.toContain('--allow-addons');
    expect(plan.report).toMatchObject({
      sandbox: 'bubblewrap',
      separatedFromGrader: true,
      ownUid: true,
      memoryEnforcedBy: 'cgroup-v1',
      tmpNoexec: true,
      nativeAddons: false,
    });
    expect(plan.env).toEqual(expect.objectContaining({ RNN_LAB_HOST_LAB_DIR: `${SANDBOX_ROOT}/lab`, TMPDIR: '/tmp' }));
    expect(fs.readdirSync(scratchDir)).toEqual(['lab']);
  });

  it('lets a bubblewrap host load Dawn for webgpu, with the GPU device nodes and Vulkan driver files', () => {
    const plan = planHostLaunch(
      opts,
      BWRAP_MACHINE,
      hostReadSet(root, opts.labDir),
      { id: 'h2' },
      { backend: 'webgpu', addon: 'Dawn, for the webgpu backend' },
      { VK_ICD_FILENAMES: '/opt/vulkan/icd.json' },
    );
    expect(plan.args).toEqual(expect.arrayContaining(['--allow-addons', '--dev-bind-try', '/dev/dri', '/opt/vulkan/icd.json']));
    expect(plan.env).toMatchObject({ RNN_LAB_BACKEND: 'webgpu', VK_ICD_FILENAMES: '/opt/vulkan/icd.json' });
    expect(plan.report.nativeAddons).toBe(true);
  });

  it('without bubblewrap grants reads on real folders only, never an addon, and refuses a backend that needs one', () => {
    const read = hostReadSet(root, opts.labDir);
    const plan = planHostLaunch(opts, LAPTOP_MACHINE, read, { id: 'h3' }, {}, {});
    const reads = plan.args.filter((a) => a.startsWith('--allow-fs-read=')).map((a) => a.slice('--allow-fs-read='.length, -2));
    expect(reads.length).toBeGreaterThan(3);
    for (const dir of reads) expect(fs.realpathSync(dir)).toBe(dir);
    expect(reads).not.toContain(read.nodeModules);
    expect(readSetProblem(reads, forbiddenPaths(root))).toBeUndefined();
    expect(plan.args).not.toContain('--allow-addons');
    expect(plan.tmpDir && reads.some((r) => plan.tmpDir?.startsWith(r))).toBe(false);
    expect(plan.report).toMatchObject({ sandbox: 'permission-model', separatedFromGrader: false, memoryEnforcedBy: 'rss-watchdog' });
    expect(planHostLaunch(opts, LAPTOP_MACHINE, read, { id: 'h4' }, { backend: 'webgpu', addon: 'Dawn' }, {}).refusal).toMatch(
      /runs only inside bubblewrap/,
    );
    expect(chooseLayer('bwrap', LAPTOP_MACHINE)).toEqual({ problem: expect.stringMatching(/bubblewrap \(bwrap\) is not installed/) });
    expect(chooseLayer('auto', { ...LAPTOP_MACHINE, permissionFlag: undefined })).toEqual({
      problem: expect.stringMatching(/--isolation none/),
    });
  });

  it('sees a link that would lead out of the readable folders, and a folder that holds the solution', () => {
    const dir = path.join(scratchDir, 'pkg');
    fs.mkdirSync(dir);
    fs.symlinkSync(root, path.join(dir, 'up'));
    expect(readSetProblem([dir], [])).toMatch(/leads out of what the host may read/);
    expect(readSetProblem([path.join(root, 'dist')], forbiddenPaths(root))).toMatch(/dist\/solution/);
  });

  it("runs this machine's bubblewrap (CI installs it) and can make the sandbox tmp noexec; without it, refuses the bwrap layer by name", async () => {
    if (HAS_BWRAP) return expect(machineSupport()).toMatchObject({ bwrap: expect.any(String), bwrapNoexecTmp: true });
    expect(chooseLayer('bwrap', machineSupport())).toEqual({ problem: expect.stringMatching(/bubblewrap|bwrap/) });
    await expect(SubmissionHost.start({ ...opts, isolation: 'bwrap' }, 30_000)).rejects.toThrow(/bubblewrap|bwrap/);
  });

  // Needs bubblewrap itself; where there is none, the test above checks that the layer is refused.
  (HAS_BWRAP ? it : () => undefined)(
    'in the bubblewrap namespaces alone (permission model off) the host sees nothing of the project',
    async () => {
      fs.writeFileSync(path.join(opts.labDir, 'data.js'), ATTACK);
      const machine = { ...machineSupport(), permissionFlag: undefined };
      const plan = planHostLaunch(
        { ...opts, isolation: 'bwrap' },
        machine,
        hostReadSet(root, opts.labDir),
        { id: `test-${process.pid}` },
        {},
      );
      prepareHostFolders(plan);
      const child = spawn(plan.command, plan.args, { env: plan.env, cwd: plan.cwd, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
      const channel = child.stdio[HOST_CHANNEL_FD] as Duplex;
      const reply = await new Promise<string>((resolve, reject) => {
        readFrames(channel, MAX_REPLY_BYTES, {
          onMessage: (message) => {
            const m = message as { ready?: boolean; error?: { message: string } };
            if (m.ready) writeFrame(channel, { id: 1, probe: 'data.buildVocab', args: { tokens: ['a'], minCount: 1 } });
            else resolve(m.error?.message ?? '');
          },
          onRefused: reject,
        });
      });
      child.kill('SIGKILL');
      await releaseHostFolders(plan);
      const seen = JSON.parse(reply.slice(reply.indexOf('SEEN') + 4, reply.lastIndexOf('}') + 1)) as Record<string, string>;
      expect(seen).toMatchObject({ golden: 'blocked', throughPackage: 'blocked', solution: 'blocked', signalParent: '1' });
    },
  );

  it.each(LAYERS)('a host under the %s layer reads no hidden file, starts no process, loads no addon', async (isolation) => {
    fs.writeFileSync(path.join(opts.labDir, 'data.js'), ATTACK);
    fs.chmodSync(path.join(opts.labDir, 'data.js'), 0o644);
    const host = await SubmissionHost.start({ ...opts, isolation }, 30_000);
    const error = await host.call('data.buildVocab', { tokens: ['a'], minCount: 1 }, 20_000).catch((e: Error) => e.message);
    host.kill();
    const seen = JSON.parse(String(error).slice(String(error).indexOf('SEEN') + 4, String(error).lastIndexOf('}') + 1)) as Record<
      string,
      string
    >;
    expect(seen).toMatchObject({
      golden: 'blocked',
      throughPackage: 'blocked',
      solution: 'blocked',
      child: 'blocked',
      dlopen: 'blocked',
    });
    // In bubblewrap its parent is the namespace's init; as its own uid it may not signal the grader.
    if (isolation === 'bwrap') expect(seen.signalParent).toBe('1');
    else expect(seen.signalParent).toBe(host.isolation.separatedFromGrader ? 'blocked' : String(process.pid));
  });

  it.each(LAYERS)('under the %s layer one host cannot signal another', async (isolation) => {
    fs.writeFileSync(
      path.join(opts.labDir, 'data.js'),
      "exports.buildVocab = (tokens) => { try { process.kill(Number(tokens[0]), 'SIGKILL'); return { words: ['killed'] }; } catch (e) { return { words: [e.code || 'blocked'] }; } };",
    );
    const victim = await SubmissionHost.start({ ...opts, isolation }, 30_000);
    const pids = new Set(fs.readdirSync(hostPidDir(scratchDir)));
    const victimPid = [...pids][0];
    const attacker = await SubmissionHost.start({ ...opts, isolation }, 30_000);
    const attackerPid = fs.readdirSync(hostPidDir(scratchDir)).find((p) => !pids.has(p));
    const uidOf = (pid: string | undefined) => /Uid:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    const uids = [uidOf(victimPid), uidOf(attackerPid)];
    const reply = await attacker.call('data.buildVocab', { tokens: [victimPid], minCount: 1 }, 20_000).catch((e: Error) => e.message);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const victimAlive = victim.alive;
    attacker.kill();
    victim.kill();
    expect(attacker.isolation.separatedFromGrader).toBe(isolation === 'bwrap' || (machineSupport().isRoot && checkoutClosed === undefined));
    if (attacker.isolation.separatedFromGrader) {
      // bubblewrap: no such process in its PID namespace; its own uid: not permitted.
      expect(reply).toEqual([isolation === 'bwrap' ? 'ESRCH' : 'EPERM']);
      expect(victimAlive).toBe(true);
      if (attacker.isolation.ownUid) expect(uids[0]).not.toBe(uids[1]);
    } else {
      expect(reply).toEqual(['killed']);
      expect(victimAlive).toBe(false); // the same user without a sandbox: what README says is not enforced
    }
  });

  it('caps all memory of the host, off-heap buffers included, and says what enforced it', async () => {
    fs.writeFileSync(
      path.join(opts.labDir, 'data.js'),
      'exports.buildVocab = () => { const keep = []; for (let i = 0; i < 60; i++) keep.push(Buffer.alloc(50 * 1024 * 1024, 1)); return keep.length; };',
    );
    const host = await SubmissionHost.start({ ...opts, memoryMb: 400 }, 30_000);
    expect(host.isolation.memoryLimitMb).toBe(400);
    expect(host.isolation.memoryEnforcedBy).toBe(machineSupport().memoryCgroup ? 'cgroup-v1' : 'rss-watchdog');
    const error = await host.call('data.buildVocab', { tokens: ['a'], minCount: 1 }, 30_000).catch((e: Error) => e.message);
    expect(error).toMatch(/memory limit of 400 MB/);
  });

  it('gives a host no uid of its own where that uid could not reach its files, and says why', async () => {
    const closed = path.join(scratchDir, 'closed');
    const inner = path.join(closed, 'scratch');
    fs.mkdirSync(path.join(inner, 'lab'), { recursive: true });
    fs.chmodSync(closed, 0o700);
    const prepared = prepareHostLaunch({ ...opts, labDir: path.join(inner, 'lab'), scratchDir: inner, isolation: 'permission' });
    await releaseHostLaunch(prepared);
    expect(prepared.plan.uid).toBeUndefined();
    expect(prepared.plan.report.separatedFromGrader).toBe(false);
    // As root the reason is the first closed folder (the checkout's own, if it has one); an ordinary user never switches uid.
    expect(prepared.plan.report.notes.join('\n')).toContain(
      machineSupport().isRoot ? `cannot enter ${checkoutClosed ?? closed}` : 'not root',
    );
  });

  it('finds the folder that keeps other users out of a path', () => {
    const closed = path.join(scratchDir, 'closed');
    fs.mkdirSync(path.join(closed, 'project'), { recursive: true });
    fs.chmodSync(closed, 0o700);
    expect(unsearchableAncestor(path.join(closed, 'project'))).toBe(closed);
    fs.chmodSync(closed, 0o711);
    expect(unsearchableAncestor(path.join(closed, 'project'))).toBeUndefined();
  });
});
