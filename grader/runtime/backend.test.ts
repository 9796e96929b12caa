import * as tf from '@tensorflow/tfjs';
import { backendProblem, initRuntime, parseBackendName, BackendUnavailableError } from './backend';
import { webgpuAutoProblem } from './webgpu/adapter';

describe('runtime backend selection', () => {
  it('picks the embedded wasm backend when tfjs-node and a GPU adapter are absent, and reports it', async () => {
    let nativeInstalled = true;
    try {
      require.resolve('@tensorflow/tfjs-node');
    } catch {
      nativeInstalled = false;
    }
    const info = await initRuntime();
    expect(tf.getBackend()).toBe(info.backend);
    if (process.env.RNN_LAB_BACKEND) {
      expect(info.backend).toBe(process.env.RNN_LAB_BACKEND);
    } else if (!nativeInstalled && webgpuAutoProblem() === undefined) {
      // A hardware WebGPU adapter comes before wasm.
      expect(info.backend).toBe('webgpu');
      expect(info.gpu).toBe(true);
    } else if (!nativeInstalled) {
      expect(info.backend).toBe('wasm');
      expect(info.skipped.join('\n')).toMatch(/tfjs-node: not installed/);
      expect(info.skipped).toContain(webgpuAutoProblem());
      expect(info.gpu).toBe(false);
    }
    expect(info.device.length).toBeGreaterThan(0);
    expect(info.tfjsVersion).toBe(tf.version.tfjs);
  });

  it('switches to an explicitly requested backend', async () => {
    const info = await initRuntime('cpu');
    expect(info.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    const back = await initRuntime('wasm');
    expect(back.backend).toBe('wasm');
  });

  it('rejects unknown backend names with the list of valid ones', () => {
    expect(() => parseBackendName('gpu')).toThrow(BackendUnavailableError);
    expect(() => parseBackendName('gpu')).toThrow(/tensorflow, webgpu, wasm, cpu/);
    expect(parseBackendName('auto')).toBeUndefined();
    expect(parseBackendName('cpu')).toBe('cpu');
  });

  it('says why a backend cannot be had, without switching to it', async () => {
    await initRuntime('cpu');
    expect(backendProblem('wasm')).toBeUndefined();
    expect(backendProblem('cpu')).toBeUndefined();
    let nativeInstalled = true;
    try {
      require.resolve('@tensorflow/tfjs-node/package.json');
    } catch {
      nativeInstalled = false;
    }
    if (!nativeInstalled)
      expect(backendProblem('tensorflow')).toMatch(/@tensorflow\/tfjs-node-gpu: not installed; @tensorflow\/tfjs-node: not installed/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
