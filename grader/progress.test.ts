import { progressLines, renderProgress, ProgressBar } from './progress';

describe('progress bar', () => {
  it('writes plain progress lines, one per call', () => {
    const written: string[] = [];
    const log = progressLines({ write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream);
    log('compiling');
    log('running 3 tests');
    expect(written).toEqual(['compiling\n', 'running 3 tests\n']);
  });

  it('renders steps, loss, tokens/s and ETA', () => {
    const line = renderProgress('epoch 1/2', { step: 50, total: 200, loss: 5.4321, tokensPerSecond: 1976.4, etaSeconds: 90 }, 8);
    expect(line).toBe('epoch 1/2 [==      ] 50/200 steps  loss 5.432  1,976 tok/s  ETA 1 min 30 s');
  });

  it('prints one line per 10% when the stream is not a terminal', () => {
    const written: string[] = [];
    const stream = { isTTY: false, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream;
    const bar = new ProgressBar('train', 100, 10, stream);
    for (let step = 0; step < 100; step++) bar.update(step, 1);
    bar.finish();
    expect(written).toHaveLength(11); // 0%..100%
    expect(written[written.length - 1]).toMatch(/100\/100 steps/);
  });
});
