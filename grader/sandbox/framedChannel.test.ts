/** The host channel's framing: messages round-trip, and an oversized frame is refused from its header, unread. */
import { PassThrough } from 'stream';
import { readFrames, writeFrame } from './framedChannel';

function collect(maxBytes: number) {
  const stream = new PassThrough();
  const got: unknown[] = [];
  const refused: string[] = [];
  readFrames(stream, maxBytes, { onMessage: (m) => got.push(m), onRefused: (r) => refused.push(r) });
  return { stream, got, refused };
}

describe('framed channel', () => {
  it('carries structured-clone values, typed arrays included, split across chunks', async () => {
    const { stream, got } = collect(1 << 20);
    const sender = new PassThrough();
    sender.on('data', (chunk: Buffer) => {
      for (let i = 0; i < chunk.length; i += 7) stream.write(chunk.subarray(i, i + 7));
    });
    writeFrame(sender, { id: 1, data: new Float32Array([1, 2, 3]) });
    writeFrame(sender, { id: 2, ok: true });
    await new Promise((r) => setImmediate(r));
    // v8.deserialize builds its values in Node's realm, not Jest's: compare contents and tags.
    const first = got[0] as { id: number; data: Float32Array };
    expect([first.id, Object.prototype.toString.call(first.data), Array.from(first.data)]).toEqual([1, '[object Float32Array]', [1, 2, 3]]);
    expect(JSON.stringify(got[1])).toBe('{"id":2,"ok":true}');
  });

  it('refuses a frame longer than the cap from its 4-byte header, before any body arrives', async () => {
    const { stream, got, refused } = collect(1000);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(1_500_000_000, 0);
    stream.write(header);
    await new Promise((r) => setImmediate(r));
    expect(got).toEqual([]);
    expect(refused).toEqual(['a reply of 1500000000 bytes, more than the 1000 the grader reads']);
  });

  it('refuses a frame that is not a serialised value', async () => {
    const { stream, refused } = collect(1000);
    const frame = Buffer.from([0, 0, 0, 3, 0xff, 0x0f, 0x42]);
    stream.write(frame);
    await new Promise((r) => setImmediate(r));
    expect(refused[0]).toMatch(/^a reply that is not a serialised value/);
  });
});
