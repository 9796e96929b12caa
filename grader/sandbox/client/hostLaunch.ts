/**
 * Puts a host launch together: probes the machine (once), gathers and checks what the host may
 * read, picks the backend and a slot, plans the launch (isolation.ts, pure) and creates what the
 * plan needs (hostFolders.ts). `releaseHostLaunch` undoes it after the host is gone.
 */
import * as path from 'path';
import { webgpuAutoProblem } from '../../runtime/webgpu/adapter';
import { prepareHostFolders, releaseHostFolders } from './hostFolders';
import { escapingLinks, forbiddenOverlap, forbiddenPaths, hostReadSet, readSetProblem, type HostReadSet } from './hostReadSet';
import { allocateHostSlot, releaseHostSlot, unsearchableAncestor } from './hostSlots';
import { chooseLayer, planHostLaunch, type BackendChoice, type HostLaunchPlan, type HostSlot, type LaunchOptions } from './isolation';
import { machineSupport, type MachineSupport } from './machineSupport';

export interface PreparedLaunch {
  plan: HostLaunchPlan;
  slot: HostSlot;
}

function installed(pkg: string, projectRoot: string): boolean {
  try {
    require.resolve(`${pkg}/package.json`, { paths: [projectRoot] });
    return true;
  } catch {
    return false;
  }
}

function nativeInstalled(projectRoot: string): boolean {
  return ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].some((pkg) => installed(pkg, projectRoot));
}

/**
 * The backend the host is told to use and the addon it needs: the one asked for; in auto mode
 * `webgpu` where the runtime's order would take it (tfjs-node absent, a GPU adapter), decided here
 * because the host may not start the process that asks Dawn. A layer without addons (the
 * permission model) gets no automatic addon backend: the host then follows its order to wasm.
 */
export function backendChoice(opts: Pick<LaunchOptions, 'backend' | 'projectRoot'>, addonsAllowed: boolean): BackendChoice {
  const explicit = opts.backend !== undefined && opts.backend !== 'auto' ? opts.backend : undefined;
  const backend =
    explicit ?? (addonsAllowed && !nativeInstalled(opts.projectRoot) && webgpuAutoProblem() === undefined ? 'webgpu' : undefined);
  if (backend === 'webgpu') return { backend, addon: 'Dawn, for the webgpu backend' };
  if (backend === 'tensorflow' || (backend === undefined && addonsAllowed && nativeInstalled(opts.projectRoot)))
    return { backend, addon: 'tfjs-node, for the tensorflow backend' };
  return { backend };
}

/** The first folder that keeps a host of its own uid from what it reads (not searchable by others), if any. */
function blockedForOthers(read: HostReadSet, scratchDir: string): string | undefined {
  const paths = [read.nodeBinary, read.sandbox, read.runtime, read.lab, scratchDir, ...read.packages.map((p) => p.dir)];
  return paths.map((p) => unsearchableAncestor(path.dirname(p))).find((d) => d !== undefined);
}

const checkedPackages = new Map<string, string | undefined>();

/** Why the permission layer's read set is unsafe, or undefined; the packages' walk is done once per project. */
function permissionReadProblem(read: HostReadSet, projectRoot: string): string | undefined {
  const readable = [read.sandbox, read.runtime, read.lab, ...read.packages.map((p) => p.dir)];
  const key = projectRoot;
  if (!checkedPackages.has(key))
    checkedPackages.set(
      key,
      readSetProblem(
        readable.filter((p) => p !== read.lab),
        forbiddenPaths(projectRoot),
      ),
    );
  const problem = checkedPackages.get(key) ?? readSetProblem([read.lab], forbiddenPaths(projectRoot));
  if (problem !== undefined) return problem;
  const links = escapingLinks(read.lab, readable);
  return links.length > 0 ? `a link in the compiled lab leads out of it: ${links.join(', ')}` : undefined;
}

/** Plans one host's launch and creates its folders; the plan may carry a refusal instead. */
export function prepareHostLaunch(opts: LaunchOptions, machine: MachineSupport = machineSupport()): PreparedLaunch {
  const read = hostReadSet(opts.projectRoot, opts.labDir);
  const chosen = chooseLayer(opts.isolation, machine);
  const layer = 'layer' in chosen ? chosen.layer : 'none';
  const choice = backendChoice(opts, layer !== 'permission');
  const wantsUid = machine.isRoot && machine.setpriv && (layer === 'permission' || (layer === 'bwrap' && machine.bwrapAsOtherUid));
  const blocked = wantsUid ? blockedForOthers(read, opts.scratchDir) : undefined;
  const slot = allocateHostSlot(wantsUid && blocked === undefined);
  if (blocked !== undefined) slot.noUidReason = `a uid of its own cannot enter ${blocked} (chmod o+x it to give each host its own uid)`;
  const plan = planHostLaunch(opts, machine, read, slot, choice);
  const problem =
    layer === 'permission'
      ? permissionReadProblem(read, opts.projectRoot)
      : layer === 'bwrap'
        ? forbiddenOverlap(
            plan.binds.map((b) => b.source),
            forbiddenPaths(opts.projectRoot),
          )
        : undefined;
  if (problem !== undefined && plan.refusal === undefined)
    plan.refusal = `the submission host's readable files are not safe to grant: ${problem}`;
  if (plan.refusal === undefined) prepareHostFolders(plan);
  return { plan, slot };
}

export async function releaseHostLaunch(prepared: PreparedLaunch): Promise<void> {
  await releaseHostFolders(prepared.plan);
  releaseHostSlot(prepared.slot);
}
