/**
 * Starts tfjs-backend-webgpu on Dawn (DESIGN §2 "Runtime"). The automatic order takes it only
 * for a real GPU: on Linux only where a GPU device node exists, and only when the adapter is not
 * a software one (asked in a child process, so that a process which ends up on wasm never loads
 * Dawn). Asked for by name, it takes any adapter, Mesa's lavapipe included.
 */
import * as tf from '@tensorflow/tfjs';
import { describeAdapter, isSoftwareAdapter, VULKAN_HINT, webgpuAutoProblem } from './adapter';
import { dawnAddonPath, installDawn, requestAdapterInfo, type AdapterInfo } from './dawn';
import { patchReadSync } from './readSync';

export interface WebgpuStart {
  device: string;
  adapter: AdapterInfo;
  gpu: boolean;
}

/**
 * Loads Dawn, checks the adapter and switches tfjs to webgpu, with the readSync patch in force.
 * @param auto from the automatic order: a software adapter is refused
 * @returns what was started, or why not (nothing switched)
 */
export async function startWebgpu(auto: boolean): Promise<WebgpuStart | { problem: string }> {
  if (auto) {
    const problem = webgpuAutoProblem();
    if (problem !== undefined) return { problem };
  }
  const addon = dawnAddonPath();
  if ('problem' in addon) return addon;
  let adapter: AdapterInfo | null;
  try {
    adapter = await requestAdapterInfo(installDawn());
    // Imported after navigator.gpu exists: the package registers its backend only if it sees one.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- it registers its backend only if navigator.gpu exists when it loads
    require('@tensorflow/tfjs-backend-webgpu');
  } catch (err) {
    return { problem: `webgpu: ${(err as Error).message.split('\n')[0]}` };
  }
  if (adapter === null) return { problem: `webgpu: Dawn found no WebGPU adapter. ${VULKAN_HINT}` };
  if (auto && isSoftwareAdapter(adapter))
    return { problem: `webgpu: the adapter is ${describeAdapter(adapter)}; ask for it with --backend webgpu` };
  if (!(await tf.setBackend('webgpu').catch(() => false)))
    return { problem: 'webgpu: @tensorflow/tfjs-backend-webgpu failed to initialise on this adapter' };
  if (!patchReadSync(tf.backend())) return { problem: 'webgpu: this tfjs-backend-webgpu has no readSync to patch (not 4.22?)' };
  return { device: `WebGPU (Dawn) on ${describeAdapter(adapter)}`, adapter, gpu: !isSoftwareAdapter(adapter) };
}
