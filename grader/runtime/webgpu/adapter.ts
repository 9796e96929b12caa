/**
 * Which WebGPU adapter this machine has, asked without loading Dawn into this process: a child
 * process loads it, asks for the adapter and prints what it got. The runtime's automatic order
 * takes webgpu only for a real GPU; an explicit `--backend webgpu` takes any adapter (the tests
 * run on Mesa's software one, lavapipe).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { dawnAddonPath, type AdapterInfo } from './dawn';

/** The adapter, or the problem (naming the package, `webgpu: ...` or `@tensorflow/...: ...`). */
export type AdapterProbe = { ok: true; adapter: AdapterInfo } | { ok: false; problem: string };

/** What to install when Dawn finds no adapter on Linux (Debian 12's Mesa 22 is too old for Dawn). */
export const VULKAN_HINT =
  "Dawn needs the Vulkan loader (libvulkan1) and a Vulkan driver: the GPU vendor's (NVIDIA: its ICD, e.g. VK_ICD_FILENAMES=/usr/share/vulkan/icd.d/nvidia_icd.json) or, for tests on a CPU, Mesa >= 25 (Debian 12: apt-get install -t bookworm-backports mesa-vulkan-drivers libvulkan1)";

/** A software adapter (lavapipe, SwiftShader, WARP) computes on the CPU. */
export function isSoftwareAdapter(adapter: AdapterInfo): boolean {
  return (
    adapter.isFallbackAdapter ||
    adapter.architecture === 'software' ||
    /llvmpipe|lavapipe|swiftshader|warp/i.test(`${adapter.device} ${adapter.description}`)
  );
}

/** "NVIDIA H200 (vendor nvidia, architecture hopper, device ...)"; software adapters say so. */
export function describeAdapter(adapter: AdapterInfo): string {
  const parts = [`vendor ${adapter.vendor || '?'}`, `architecture ${adapter.architecture || '?'}`];
  if (adapter.device) parts.push(`device ${adapter.device}`);
  const kind = isSoftwareAdapter(adapter) ? 'software adapter, runs on the CPU' : 'GPU';
  return `${adapter.description || adapter.device || 'unnamed adapter'} (${kind}; ${parts.join(', ')})`;
}

/**
 * GPU device nodes on Linux (NVIDIA's, DRM render nodes, WSL's) that this process can see: without
 * one no hardware adapter can exist, so the automatic order does not even ask Dawn. Elsewhere
 * (macOS, Windows) null: ask.
 */
export function gpuDeviceNodes(): string[] | null {
  if (process.platform !== 'linux') return null;
  const list = (dir: string, pattern: RegExp) => {
    try {
      return fs
        .readdirSync(dir)
        .filter((f) => pattern.test(f))
        .map((f) => `${dir}/${f}`);
    } catch {
      return []; // no such folder, or not readable (the submission host, under Node's permission model)
    }
  };
  return [...list('/dev', /^nvidia\d+$|^dxg$/), ...list('/dev/dri', /^renderD\d+$/)];
}

// Prints the adapter as JSON, or null; exits at once (Dawn's instance would keep it alive).
const PROBE_SCRIPT = `
const dawn = require(process.argv[1]);
dawn.create([]).requestAdapter({ powerPreference: 'high-performance' }).then((a) => {
  const i = a && a.info;
  process.stdout.write(JSON.stringify(i ? { vendor: i.vendor, architecture: i.architecture, device: i.device, description: i.description, isFallbackAdapter: Boolean(i.isFallbackAdapter) } : null));
  process.exit(0);
}, (e) => { process.stdout.write(JSON.stringify({ error: String(e && e.message || e) })); process.exit(0); });`;

const cache = new Map<string, AdapterProbe>();

/**
 * Asks Dawn, in a child process, for the adapter it would use (cached per process).
 * @param env environment of the child (default: this process's; the tests pass a broken one)
 */
export function probeAdapter(env: NodeJS.ProcessEnv = process.env): AdapterProbe {
  const key = JSON.stringify([env.VK_ICD_FILENAMES, env.VK_DRIVER_FILES, env.LD_LIBRARY_PATH]);
  const known = cache.get(key);
  if (known !== undefined) return known;
  const addon = dawnAddonPath();
  let result: AdapterProbe;
  if ('problem' in addon) {
    result = { ok: false, problem: addon.problem };
  } else {
    try {
      const child = spawnSync(process.execPath, ['-e', PROBE_SCRIPT, addon.path], { env, encoding: 'utf8', timeout: 30_000 });
      result = readProbe(
        child.stdout ?? '',
        child.stderr ?? '',
        child.error?.message ?? (child.status !== 0 ? `exit ${child.status ?? child.signal}` : undefined),
      );
    } catch (err) {
      // Under Node's permission model (the submission host) no child process may start.
      result = { ok: false, problem: `webgpu: the Dawn adapter probe could not start: ${(err as Error).message}` };
    }
  }
  cache.set(key, result);
  return result;
}

function readProbe(stdout: string, stderr: string, failure: string | undefined): AdapterProbe {
  let seen: (AdapterInfo & { error?: undefined }) | { error: string } | null | undefined;
  try {
    seen = JSON.parse(stdout) as typeof seen;
  } catch {
    seen = undefined;
  }
  // Dawn's own lines ("Warning: vkCreateInstance: Found no drivers!") say why, when there are any.
  const said = stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !/artificially reduced/.test(l))
    .slice(0, 3)
    .join(' | ');
  const why = said ? ` (Dawn said: ${said})` : '';
  if (seen === undefined) return { ok: false, problem: `webgpu: the Dawn adapter probe failed: ${failure ?? 'no answer'}${why}` };
  if (seen === null) return { ok: false, problem: `webgpu: Dawn found no WebGPU adapter${why}. ${VULKAN_HINT}` };
  if ('error' in seen && seen.error !== undefined)
    return { ok: false, problem: `webgpu: Dawn could not ask for an adapter: ${seen.error}${why}` };
  return { ok: true, adapter: seen as AdapterInfo };
}

/**
 * Why the automatic order does not take webgpu on this machine, or undefined when it would
 * (a hardware adapter). Cheap where there is no GPU: no process is started.
 */
export function webgpuAutoProblem(): string | undefined {
  const addon = dawnAddonPath();
  if ('problem' in addon) return addon.problem;
  const nodes = gpuDeviceNodes();
  if (nodes !== null && nodes.length === 0)
    return 'webgpu: no GPU device node (/dev/nvidia*, /dev/dri/renderD*, /dev/dxg), so no GPU adapter; ask for it with --backend webgpu to use a software one';
  const probe = probeAdapter();
  if (!probe.ok) return probe.problem;
  if (isSoftwareAdapter(probe.adapter)) return `webgpu: the adapter is ${describeAdapter(probe.adapter)}; ask for it with --backend webgpu`;
  return undefined;
}
