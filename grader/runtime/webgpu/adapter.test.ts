/**
 * How the runtime judges a WebGPU adapter and what it says when there is none. Runs in `npm test`
 * on any machine: nothing here needs a Vulkan driver (the probe is given a broken one).
 */
import { describeAdapter, gpuDeviceNodes, isSoftwareAdapter, probeAdapter, webgpuAutoProblem } from './adapter';
import { dawnAddonPath, type AdapterInfo } from './dawn';
import { splitKWithTransposedB } from './matMulFix';

const lavapipe: AdapterInfo = {
  vendor: 'mesa',
  architecture: 'software',
  device: 'llvmpipe-llvm-15-0-6-256-bits-',
  description: 'llvmpipe: Mesa 25.0.7-2~bpo12+1 (LLVM 15.0.6) 0.0.1',
  isFallbackAdapter: true,
};
const h200: AdapterInfo = { vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false };

describe('WebGPU adapters', () => {
  it("tells a software adapter from a GPU by Dawn's flags and by name", () => {
    expect(isSoftwareAdapter(lavapipe)).toBe(true);
    expect(isSoftwareAdapter(h200)).toBe(false);
    expect(isSoftwareAdapter({ ...h200, isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ ...lavapipe, isFallbackAdapter: false, architecture: '' })).toBe(true); // llvmpipe by name
    expect(isSoftwareAdapter({ ...h200, description: 'SwiftShader Device (Subzero)' })).toBe(true);
  });

  it('names the adapter, its vendor and architecture in the device string', () => {
    expect(describeAdapter(h200)).toBe('NVIDIA H200 (GPU; vendor nvidia, architecture hopper)');
    expect(describeAdapter(lavapipe)).toMatch(
      /^llvmpipe: Mesa 25\.0\.7.* \(software adapter, runs on the CPU; vendor mesa, architecture software, device llvmpipe/,
    );
  });

  it('says why there is no adapter when Vulkan has no driver, and what to install', () => {
    const probe = probeAdapter({ ...process.env, VK_ICD_FILENAMES: '/nonexistent/icd.json' });
    expect(probe.ok).toBe(false);
    const problem = (probe as { problem: string }).problem;
    if ('problem' in dawnAddonPath()) expect(problem).toMatch(/not installed|no Dawn build/);
    else
      expect(problem).toMatch(
        /Dawn found no WebGPU adapter \(Dawn said: .*\/nonexistent\/icd\.json.*\)\. .*libvulkan1.*bookworm-backports mesa-vulkan-drivers/,
      );
  });

  it('the automatic order looks for an adapter only where a GPU device node exists', () => {
    const nodes = gpuDeviceNodes();
    if (process.platform === 'linux') expect(Array.isArray(nodes)).toBe(true);
    // Without a device node there is no hardware adapter, whatever Vulkan driver is installed.
    if (nodes !== null && nodes.length === 0) expect(webgpuAutoProblem()).toMatch(/no GPU device node|not installed/);
  });
});

describe('the split-K condition of the matMul fix', () => {
  const t = (shape: number[]) => ({ dataId: {}, shape, dtype: 'float32' as const });
  it('holds for A x B^T at batch 1 with K >= 2000 only', () => {
    expect(splitKWithTransposedB(t([20, 2000]), t([128, 2000]), true)).toBe(true);
    expect(splitKWithTransposedB(t([1, 20, 5000]), t([128, 5000]), true)).toBe(true);
    expect(splitKWithTransposedB(t([20, 2000]), t([2000, 128]), false)).toBe(false);
    expect(splitKWithTransposedB(t([20, 1999]), t([128, 1999]), true)).toBe(false);
    expect(splitKWithTransposedB(t([2, 20, 2000]), t([128, 2000]), true)).toBe(false);
  });
});
