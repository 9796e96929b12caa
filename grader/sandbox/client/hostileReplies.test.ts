/**
 * A submission that writes its own frames on the host's channel: the grader refuses a frame whose
 * header claims 1.5 GB without reading it, and a 24-byte sparse array of length 2^32-1 fails the
 * call as the submission's answer, and a frame for a call not in flight ends the host. Either way the
 * grader carries on and the next call gets a fresh host.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SubmissionClient } from './submissionClient';

const root = path.resolve(__dirname, '../../..');

/** Compiled JavaScript standing in for rnn.ts: rnnParamCount forges replies on cue. */
const RNN_JS = `
const fs = require('fs');
const v8 = require('v8');
const frame = (message) => {
  const body = v8.serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
};
exports.rnnParamCount = (cfg) => {
  if (cfg.vocabSz === 21) {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1500000000, 0);
    fs.writeSync(3, header);
    for (;;) {}
  }
  if (cfg.vocabSz === 22) {
    const sparse = [];
    sparse.length = 2 ** 32 - 1;
    for (let id = 1; id < 50; id++) fs.writeSync(3, frame({ id, ok: true, result: sparse }));
  }
  if (cfg.vocabSz === 23) for (let id = 1; id < 50; id++) fs.writeSync(3, frame({ id, ok: false, error: { kind: 'passed', message: 7 } }));
  if (cfg.vocabSz === 24) for (let id = 2; id < 50; id++) fs.writeSync(3, frame({ id, ok: true, result: 7 }));
  return 42;
};`;

describe('hostile replies', () => {
  let scratchDir: string;
  let client: SubmissionClient;

  beforeAll(() => {
    scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-lab-replies-'));
    fs.chmodSync(scratchDir, 0o755);
    const labDir = path.join(scratchDir, 'lab');
    fs.mkdirSync(labDir, { mode: 0o755 });
    fs.writeFileSync(path.join(labDir, 'rnn.js'), RNN_JS, { mode: 0o644 });
    client = new SubmissionClient({ projectRoot: root, labDir, scratchDir, heapMb: 256, isolation: 'auto' });
  });

  // Each test starts on a fresh host, so the call under test has id 1.
  beforeEach(() => client.close());

  afterAll(() => {
    client.close();
    fs.rmSync(scratchDir, { recursive: true, force: true });
  });

  const paramCount = (vocabSz: number) => client.call('rnn.paramCount', { cfg: { vocabSz, embeddingSz: 1, hiddenSz: 1 } }, 20_000);

  it('refuses a frame that claims 1.5 GB from its header, kills the host, and carries on', async () => {
    const rss = process.memoryUsage().rss;
    await expect(paramCount(21)).rejects.toMatchObject({
      kind: 'bad-result',
      message: expect.stringMatching(
        /^Your code returned a reply of 1500000000 bytes, more than the \d+ the grader reads from rnnParamCount in rnn\.ts$/,
      ),
    });
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(await paramCount(10)).toBe(42);
  });

  it("fails a sparse array of length 2^32-1 as the submission's answer, without walking it", async () => {
    await expect(paramCount(22)).rejects.toMatchObject({
      kind: 'bad-result',
      message: expect.stringContaining('the reply is an array of length 4294967295, expected a number'),
    });
    expect(await paramCount(10)).toBe(42);
  });

  it('takes a forged failure only as far as it is well formed', async () => {
    await expect(paramCount(23)).rejects.toMatchObject({
      kind: 'bad-result',
      message: 'Your code returned a reply the grader cannot read (no result and no error)',
    });
  });

  it('ends a host that answers calls not yet made, and carries on with a fresh one', async () => {
    await expect(paramCount(24)).rejects.toMatchObject({
      kind: 'bad-result',
      message: 'Your code returned a reply to no call the grader made from rnnParamCount in rnn.ts',
    });
    expect(await paramCount(10)).toBe(42);
  });
});
