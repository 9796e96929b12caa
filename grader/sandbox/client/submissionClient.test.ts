/**
 * The submission host as the grader relies on it: answers probes, confines the submission, and
 * survives a hang or a crash by starting a fresh host for the next call.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ProbeCallError, SubmissionClient } from './submissionClient';

const root = path.resolve(__dirname, '../../..');

/** A tiny "submission" written directly as compiled JavaScript: rnnParamCount misbehaves on cue. */
const RNN_JS = `
exports.rnnParamCount = (cfg) => {
  if (cfg.vocabSz === 13) { for (;;) {} }
  if (cfg.vocabSz === 14) process.exit(0);
  if (cfg.vocabSz === 15) return require('fs').readFileSync(${JSON.stringify(path.join(root, 'solution/src/rnn.ts'))}, 'utf8').length;
  if (cfg.vocabSz === 16) return Number(require('child_process').execSync('echo 7').toString());
  return 42;
};`;

describe('submission host and client', () => {
  let scratchDir: string;
  let client: SubmissionClient;

  beforeAll(() => {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-client-'));
    fs.chmodSync(scratchDir, 0o755);
    const labDir = path.join(scratchDir, 'lab');
    fs.mkdirSync(labDir, { mode: 0o755 });
    fs.writeFileSync(path.join(labDir, 'rnn.js'), RNN_JS, { mode: 0o644 });
    client = new SubmissionClient({ projectRoot: root, labDir, scratchDir, heapMb: 256, isolation: 'auto' });
  });

  afterAll(() => {
    client.close();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  });

  const paramCount = (vocabSz: number, timeoutMs = 10_000) =>
    client.call('rnn.paramCount', { cfg: { vocabSz, embeddingSz: 1, hiddenSz: 1 } }, timeoutMs);

  it('answers a probe and reports the isolation in force', async () => {
    expect(await paramCount(10)).toBe(42);
    expect(client.isolation?.processBoundary).toBe(true);
    expect(client.isolation?.heapLimitMb).toBe(256);
    expect(client.backend).toMatch(/^(wasm|cpu|tensorflow)$/);
    expect(client.startTimes).toHaveLength(1);
  });

  it('kills a hanging call after its timeout, and the next call gets a fresh host', async () => {
    await expect(paramCount(13, 1500)).rejects.toMatchObject({ kind: 'timeout', message: expect.stringMatching(/timed out after 1.5 s/) });
    expect(await paramCount(10)).toBe(42);
    expect(client.startTimes.length).toBe(2);
  });

  it('turns process.exit in the submission into a crash of that call only', async () => {
    await expect(paramCount(14)).rejects.toMatchObject({ kind: 'crash' });
    expect(await paramCount(10)).toBe(42);
  });

  it('does not let the submission read the solution or start processes (permission model)', async () => {
    if (!client.isolation?.permissionModel) return expect(client.isolation?.notes.join(' ')).toMatch(/permission model unavailable/);
    const read = paramCount(15).catch((e: ProbeCallError) => e);
    await expect(read).resolves.toMatchObject({
      kind: 'threw',
      message: expect.stringMatching(/ERR_ACCESS_DENIED|Access to this API has been restricted/),
    });
    const spawned = paramCount(16).catch((e: ProbeCallError) => e);
    await expect(spawned).resolves.toMatchObject({ kind: 'threw', message: expect.stringMatching(/ERR_ACCESS_DENIED|restricted/) });
  });

  it('names a lab file that is missing', async () => {
    await expect(client.call('data.buildVocab', { tokens: ['a'] }, 10_000)).rejects.toMatchObject({
      kind: 'missing-file',
      message: 'data.ts is missing from the submission',
    });
  });
});
