/**
 * The permission-model flags of the submission host: found by feature on every current Node,
 * probed before they are claimed, and recorded as what was in force.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { permissionFlag, permissionProbe, planHostLaunch, unsearchableAncestor } from './isolation';
import type { BackendChoice } from '../../runtime/backendNames';

const root = path.resolve(__dirname, '../../..');

function nativeInstalled(): boolean {
  try {
    require.resolve('@tensorflow/tfjs-node/package.json');
    return true;
  } catch {
    return false;
  }
}

describe('host isolation flags', () => {
  let scratchDir: string;
  beforeEach(() => {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-isolation-'));
  });
  afterEach(() => fs.rmSync(scratchDir, { recursive: true, force: true }));

  const launch = (isolation: 'auto' | 'none', backend?: BackendChoice) => planHostLaunch({ projectRoot: root, labDir: path.join(scratchDir, 'lab'), scratchDir, heapMb: 256, isolation, backend });

  it('picks the permission flag from what Node accepts: 24 has only --permission, 22.13+ both, 20 the experimental one', () => {
    const node24 = new Set(['--permission', '--allow-fs-read', '--allow-fs-write']);
    const node22 = new Set(['--permission', '--experimental-permission', '--allow-fs-read']);
    const node20 = new Set(['--experimental-permission', '--allow-fs-read']);
    expect(permissionFlag(node24)).toBe('--permission');
    expect(permissionFlag(node22)).toBe('--permission');
    expect(permissionFlag(node20)).toBe('--experimental-permission');
    expect(permissionFlag(new Set(['--allow-fs-read']))).toBeUndefined();
  });

  it('probes the flag of this Node before claiming it, and sees through a flag that does nothing', () => {
    const flag = permissionFlag();
    expect(flag).toBeDefined(); // every supported Node (20, 22, 24) has one
    expect(permissionProbe(flag as string)).toBeUndefined();
    expect(permissionProbe('--no-such-permission-flag')).toMatch(/did not run/);
  });

  it('launches the host with this Node\'s flag, one readable root, one writable folder, and says so', () => {
    const plan = launch('auto');
    const args = [plan.command, ...plan.args];
    const hostRoot = path.join(scratchDir, 'host');
    expect(args).toContain(permissionFlag());
    expect(args).toContain(`--allow-fs-read=${hostRoot}${path.sep}*`);
    expect(args).toContain(`--allow-fs-write=${path.join(scratchDir, 'tmp')}${path.sep}*`);
    expect(args.filter((a) => a.startsWith('--allow-fs-read'))).toHaveLength(1);
    expect(plan.report.permissionModel).toBe(true);
    expect(plan.report.notes.join('\n')).toContain(`Node ${process.version} permission model (${permissionFlag()}, probed`);
  });

  it('allows native addons only where tfjs-node is installed and the run may use it', () => {
    expect(launch('auto', 'wasm').args).not.toContain('--allow-addons');
    expect(launch('auto', 'cpu').report.notes.join('\n')).toMatch(/no native addons/);
    expect(launch('auto').args.includes('--allow-addons')).toBe(nativeInstalled());
  });

  it('lets the host load Dawn for the webgpu backend, and find its Vulkan driver', () => {
    const previous = process.env.VK_ICD_FILENAMES;
    process.env.VK_ICD_FILENAMES = '/opt/vulkan/icd.d/nvidia_icd.json';
    try {
      const plan = launch('auto', 'webgpu');
      expect(plan.args).toContain('--allow-addons');
      expect(plan.report.notes.join('\n')).toMatch(/native addons allowed \(Dawn, for the webgpu backend\)/);
      expect(plan.env).toMatchObject({ RNN_LAB_BACKEND: 'webgpu', VK_ICD_FILENAMES: '/opt/vulkan/icd.d/nvidia_icd.json' });
    } finally {
      if (previous === undefined) delete process.env.VK_ICD_FILENAMES;
      else process.env.VK_ICD_FILENAMES = previous;
    }
  });

  it('records that nothing was confined when isolation is off', () => {
    const plan = launch('none');
    expect(plan.args.some((a) => a.includes('permission') || a.startsWith('--allow-'))).toBe(false);
    expect(plan.report.permissionModel).toBe(false);
    expect(plan.report.notes[0]).toMatch(/isolation disabled on request/);
  });

  it('finds the folder that keeps other users out of a path', () => {
    const closed = path.join(scratchDir, 'closed');
    fs.mkdirSync(path.join(closed, 'project'), { recursive: true });
    fs.chmodSync(scratchDir, 0o755);
    fs.chmodSync(closed, 0o700);
    expect(unsearchableAncestor(path.join(closed, 'project'))).toBe(closed);
    fs.chmodSync(closed, 0o711);
    expect(unsearchableAncestor(path.join(closed, 'project'))).toBeUndefined();
  });

  it('does not drop to nobody when nobody could not reach the project, and says why', () => {
    const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
    const closed = path.join(scratchDir, 'closed');
    const project = path.join(closed, 'project');
    fs.mkdirSync(project, { recursive: true });
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'), 'dir');
    fs.chmodSync(scratchDir, 0o755);
    fs.chmodSync(closed, 0o700);
    const plan = planHostLaunch({ projectRoot: project, labDir: path.join(scratchDir, 'lab'), scratchDir, heapMb: 256, isolation: 'auto' });
    expect(plan.args).not.toContain('setpriv');
    expect(plan.report.unprivilegedUser).toBe(false);
    // As root the host keeps its own network namespace and runs as root; otherwise it is the user's.
    expect(plan.report.notes.join('\n')).toContain(isRoot ? `uid 65534 cannot enter ${closed}` : 'runs as the grader\'s user');
  });
});
