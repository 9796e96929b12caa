/**
 * Dawn, Google's WebGPU implementation, as the `webgpu` npm package ships it for Node: finding its
 * addon, installing the WebGPU globals (`navigator.gpu`, `GPUBufferUsage`, ...) that
 * @tensorflow/tfjs-backend-webgpu looks for when it is imported, and running Dawn's event
 * processing on demand (see pumpDawnEvents). On Linux Dawn drives Vulkan: it loads libvulkan.so.1
 * at run time, which finds a driver (NVIDIA's, or Mesa's lavapipe on a CPU) through its ICD files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';

/** The members of Dawn's GPUAdapterInfo that name an adapter. */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Dawn's own word that this adapter is a fallback (software) one. */
  isFallbackAdapter: boolean;
}

/** The least of the WebGPU API the runtime itself calls. */
export interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<{ info: AdapterInfo } | null>;
}

interface DawnAddon {
  create(flags: string[]): GpuLike;
  globals: Record<string, unknown>;
}

/** The packages the webgpu backend needs; both are optional dependencies. */
export const WEBGPU_PACKAGES = ['webgpu', '@tensorflow/tfjs-backend-webgpu'] as const;

/**
 * Path of the Dawn addon for this platform inside the `webgpu` package (its index.js is an ES
 * module, which Node 20 cannot require from CommonJS, so the runtime loads the addon itself).
 * @returns the path, or why there is none
 */
export function dawnAddonPath(): { path: string } | { problem: string } {
  for (const pkg of WEBGPU_PACKAGES) {
    try {
      require.resolve(`${pkg}/package.json`);
    } catch {
      return {
        problem: `${pkg}: not installed (an optional dependency: npm install --save-optional webgpu@0.6.2 @tensorflow/tfjs-backend-webgpu@4.22.0)`,
      };
    }
  }
  const folder = `${process.platform}-${process.platform === 'darwin' ? 'universal' : process.arch}`;
  const addon = path.join(path.dirname(require.resolve('webgpu/package.json')), 'dist', folder, 'dawn.node');
  return fs.existsSync(addon) ? { path: addon } : { problem: `webgpu: no Dawn build for ${folder} (${addon} is missing)` };
}

let dawn: DawnAddon | undefined;
let gpu: GpuLike | undefined;
/** Dawn's tick callbacks that setImmediate holds, newest last (see watchDawnTicks). */
const pendingTicks: { run: () => void; done: boolean }[] = [];

/**
 * Dawn for Node processes its events (a finished GPU copy, a buffer mapped for reading) in a
 * native callback that it schedules with the global `setImmediate` of the realm it was loaded in,
 * and only while some asynchronous call is pending. This wraps that `setImmediate` to keep hold of
 * those callbacks, so that pumpDawnEvents can run one at once instead of on the next turn of the
 * event loop. Each callback still runs once: whichever comes first, the pump or setImmediate.
 */
function watchDawnTicks(addon: DawnAddon): void {
  // The global of the realm that created the addon's functions (under Jest, not the test's own).
  const realm = (addon.create.constructor as FunctionConstructor)('return globalThis')() as typeof globalThis;
  const original = realm.setImmediate;
  const wrapped = ((callback: (...args: unknown[]) => void, ...args: unknown[]) => {
    if (!Function.prototype.toString.call(callback).includes('[native code]')) return original(callback, ...args);
    const entry = { run: () => callback(...args), done: false };
    pendingTicks.push(entry);
    return original(() => {
      const i = pendingTicks.indexOf(entry);
      if (i >= 0) pendingTicks.splice(i, 1);
      if (!entry.done) {
        entry.done = true;
        entry.run();
      }
    });
  }) as typeof setImmediate;
  // util.promisify(setImmediate) keeps working.
  Object.defineProperty(wrapped, promisify.custom, { value: (original as unknown as Record<symbol, unknown>)[promisify.custom] });
  realm.setImmediate = wrapped;
}

/**
 * Runs the newest of Dawn's pending event callbacks now (it checks what the GPU finished and
 * resolves the calls that were waiting for it); false when Dawn has none pending.
 */
export function pumpDawnEvents(): boolean {
  const entry = pendingTicks.pop();
  if (entry === undefined) return false;
  entry.done = true;
  entry.run();
  return true;
}

/** Defines `name` on `target` even where it is an accessor (Node 21+ has a global `navigator`). */
function define(target: object, name: string, value: unknown): void {
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: true });
}

/**
 * Loads Dawn (once per process) and installs the WebGPU globals in this realm, as a browser would
 * have them; must run before @tensorflow/tfjs-backend-webgpu is first imported. Throws when the
 * addon is missing or does not load (without --allow-addons under Node's permission model).
 * @returns `navigator.gpu`
 */
export function installDawn(): GpuLike {
  if (dawn === undefined) {
    const addon = dawnAddonPath();
    if ('problem' in addon) throw new Error(addon.problem);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the Dawn addon, whose path is found at run time
    dawn = require(addon.path) as DawnAddon;
    watchDawnTicks(dawn);
    gpu = dawn.create([]);
  }
  const realm = globalThis as unknown as Record<string, unknown>;
  for (const [name, value] of Object.entries(dawn.globals)) if (realm[name] !== value) define(realm, name, value);
  const nav = realm.navigator as { gpu?: unknown } | undefined;
  if (nav === undefined || nav === null) define(realm, 'navigator', { gpu });
  else if (nav.gpu !== gpu) define(nav, 'gpu', gpu);
  return gpu!;
}

/** The adapter tfjs-backend-webgpu will get (it asks for high performance too), or null. */
export async function requestAdapterInfo(gpuApi: GpuLike): Promise<AdapterInfo | null> {
  const adapter = await gpuApi.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter === null) return null;
  const { vendor, architecture, device, description, isFallbackAdapter } = adapter.info;
  return { vendor, architecture, device, description, isFallbackAdapter: Boolean(isFallbackAdapter) };
}
