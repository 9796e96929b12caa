import { gradingHostThreads, hostThreads, kernelThreads, MAX_KERNEL_THREADS, parseThreadCount, setKernelThreads } from './kernelThreads';

describe('kernel thread counts', () => {
  afterEach(() => setKernelThreads(undefined));

  it('parses RNN_LAB_THREADS: unset or empty means the default, anything but a positive integer is an error', () => {
    expect(parseThreadCount(undefined)).toBeUndefined();
    expect(parseThreadCount(' ')).toBeUndefined();
    expect(parseThreadCount('3')).toBe(3);
    for (const bad of ['0', '-2', '1.5', 'two']) expect(() => parseThreadCount(bad)).toThrow(/RNN_LAB_THREADS must be a positive integer/);
  });

  it('setKernelThreads overrides the environment, capped at MAX_KERNEL_THREADS; undefined goes back', () => {
    setKernelThreads(3);
    expect(kernelThreads()).toBe(3);
    setKernelThreads(1000);
    expect(kernelThreads()).toBe(MAX_KERNEL_THREADS);
    expect(() => setKernelThreads(0)).toThrow(/positive integer/);
  });

  it('divides the cores among hosts that run at once, at least one each', () => {
    expect(hostThreads(2, 2)).toBe(1);
    expect(hostThreads(2, 16)).toBe(8);
    expect(hostThreads(6, 16)).toBe(2);
    expect(hostThreads(40, 16)).toBe(1);
  });

  it('gives each grading host cores / (2 trainings x grades at once), or RNN_LAB_THREADS where the grader has it', () => {
    expect(gradingHostThreads({}, 2)).toBe(1);
    expect(gradingHostThreads({}, 16)).toBe(8);
    expect(gradingHostThreads({ RNN_LAB_GRADES_AT_ONCE: '4' }, 16)).toBe(2);
    expect(gradingHostThreads({ RNN_LAB_GRADES_AT_ONCE: '4', RNN_LAB_THREADS: '3' }, 16)).toBe(3);
  });
});
