/**
 * The wire between the grader and a submission host: one duplex pipe (the host's fd 3) carrying
 * frames of [4-byte big-endian length][v8.serialize(message)]. Node's own IPC channel is not used:
 * it buffers and deserialises whatever the child sends, however large, before anyone can look at
 * it (a 1.5 GB typed array reply pushed the grader to 4.9 GB). Here the length is read first, and a
 * frame longer than the reader's cap is refused unread: the reader stops and says so.
 */
import * as v8 from 'v8';
import type { Duplex } from 'stream';

/** The host's end of the channel. */
export const HOST_CHANNEL_FD = 3;

/** The largest frame the grader reads from a host (the largest honest reply is a few MB). */
export const MAX_REPLY_BYTES = 128 * 1024 * 1024;

/** Sends one message as a frame. */
export function writeFrame(stream: Duplex, message: unknown, done?: (err?: Error | null) => void): void {
  const body = v8.serialize(message);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  stream.write(Buffer.concat([header, body]), done);
}

export interface FrameReader {
  /** A frame arrived and deserialised. */
  onMessage: (message: unknown) => void;
  /** A frame was refused (too long, or not a serialised value); no more frames are read. */
  onRefused: (reason: string) => void;
}

/** Reads frames from `stream` until it ends or a frame is refused. */
export function readFrames(stream: Duplex, maxBytes: number, reader: FrameReader): void {
  let chunks: Buffer[] = [];
  let buffered = 0;
  let expected = -1;
  let stopped = false;
  const refuse = (reason: string) => {
    stopped = true;
    chunks = [];
    stream.removeListener('data', onData);
    stream.resume(); // drain and drop whatever else comes
    reader.onRefused(reason);
  };
  const onData = (chunk: Buffer) => {
    if (stopped) return;
    chunks.push(chunk);
    buffered += chunk.length;
    for (;;) {
      if (expected < 0) {
        if (buffered < 4) return;
        const all = Buffer.concat(chunks);
        chunks = [all];
        expected = all.readUInt32BE(0);
        if (expected > maxBytes) return refuse(`a reply of ${expected} bytes, more than the ${maxBytes} the grader reads`);
      }
      if (buffered < 4 + expected) return;
      const all = Buffer.concat(chunks);
      const body = all.subarray(4, 4 + expected);
      const rest = all.subarray(4 + expected);
      chunks = rest.length > 0 ? [Buffer.from(rest)] : [];
      buffered = rest.length;
      expected = -1;
      let message: unknown;
      try {
        message = v8.deserialize(body);
      } catch (err) {
        return refuse(`a reply that is not a serialised value (${(err as Error).message})`);
      }
      reader.onMessage(message);
      if (stopped) return;
    }
  };
  stream.on('data', onData);
}
