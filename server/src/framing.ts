// Resynchronising JSON-RPC framing for the stdio transport. vscode-jsonrpc reads "Content-Length: N
// \r\n\r\n<body>" frames and trusts them: after stray bytes or a wrong Content-Length, every later
// header is read glued to the end of the previous body and the server never understands another
// message. This stream sits between stdin and the reader and passes on only well-formed frames: bytes
// before a header are dropped, a header without a usable length is dropped, and a frame whose body
// runs into the next header (its Content-Length was too long) is cut there. A body that is not JSON
// (Content-Length too short, invalid JSON) is passed on: the reader rejects it and goes on.
import { Transform, type TransformCallback } from 'node:stream';

const HEADER = 'content-length:';
const CRLF2 = Buffer.from('\r\n\r\n', 'ascii');
/** A header block longer than this is not a header. */
const MAX_HEADER = 4096;

/** Index of `content-length:` (any case) in `buffer` at or after `from`, or -1. */
function findHeader(buffer: Buffer, from: number): number {
  const last = buffer.length - HEADER.length;
  for (let i = from; i <= last; i++) {
    if ((buffer[i] | 0x20) !== 0x63 /* c */) continue;
    let j = 0;
    while (j < HEADER.length && (buffer[i + j] | (HEADER.charCodeAt(j) >= 0x61 ? 0x20 : 0)) === HEADER.charCodeAt(j)) j++;
    if (j === HEADER.length) return i;
  }
  return -1;
}

/** Index of the blank line ending a header that starts at `at`, looking at most MAX_HEADER bytes. */
function headerEnd(buffer: Buffer, at: number): number {
  const end = buffer.subarray(at, at + MAX_HEADER + CRLF2.length).indexOf(CRLF2);
  return end < 0 ? -1 : at + end;
}

/**
 * Where a complete "Content-Length: <digits> … \r\n\r\n" header starts inside `buffer[from, to)`, or -1:
 * such a header inside a body means the body is not one JSON message (a raw line break cannot be
 * inside a JSON string, and outside one the header text is not JSON), so the frame is cut there.
 */
function findEmbeddedHeader(buffer: Buffer, from: number, to: number): number {
  for (let at = findHeader(buffer, from); at >= 0 && at < to; at = findHeader(buffer, at + 1)) {
    const end = headerEnd(buffer, at);
    if (end < 0) continue;
    if (/^content-length:[ \t]*\d+[ \t]*(\r\n|$)/i.test(buffer.toString('latin1', at, end))) return at;
  }
  return -1;
}

export class ResyncingFramer extends Transform {
  private buffer: Buffer = Buffer.alloc(0);
  /** Body length of the frame whose header was read, or -1 while looking for a header. */
  private bodyLength = -1;
  /** Where the header of the current frame starts (the body follows `bodyStart`). */
  private bodyStart = 0;
  /** How far the current body was already searched for an embedded header. */
  private scanned = 0;

  /** @param onDropped told how many bytes were dropped and why (for the log). */
  constructor(private readonly onDropped: (bytes: number, reason: string) => void = () => {}) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    try {
      this.drain();
    } catch (error) {
      // Never let framing take the server down: drop what is buffered and look for the next header.
      this.discard(this.buffer.length, `framing error: ${String(error)}`);
      this.bodyLength = -1;
    }
    done();
  }

  private discard(bytes: number, reason: string): void {
    if (bytes <= 0) return;
    this.buffer = this.buffer.subarray(bytes);
    this.onDropped(bytes, reason);
  }

  private drain(): void {
    for (;;) {
      if (this.bodyLength < 0) {
        const at = findHeader(this.buffer, 0);
        if (at < 0) {
          // Keep a tail that may be the start of a header split across chunks.
          this.discard(this.buffer.length - (HEADER.length - 1), 'bytes outside any message');
          return;
        }
        // Other header lines (Content-Type) may come before Content-Length; they carry nothing the
        // reader needs, so they go with the garbage, silently when they look like headers.
        const before = this.buffer.toString('latin1', 0, at);
        if (at > 0) {
          if (/^([\x21-\x39\x3b-\x7e]+:[^\r\n]*\r\n)+$/.test(before)) this.buffer = this.buffer.subarray(at);
          else this.discard(at, 'bytes outside any message');
        }
        const end = headerEnd(this.buffer, 0);
        if (end < 0) {
          if (this.buffer.length > MAX_HEADER) this.discard(HEADER.length, 'a header that never ends');
          else return;
          continue;
        }
        const header = this.buffer.toString('latin1', 0, end);
        const match = /^content-length:[ \t]*(\d+)[ \t]*(?:\r\n|$)/i.exec(header);
        const length = match ? Number(match[1]) : NaN;
        if (!Number.isSafeInteger(length)) {
          this.discard(end + CRLF2.length, 'a header without a usable Content-Length');
          continue;
        }
        this.bodyLength = length;
        this.bodyStart = end + CRLF2.length;
        this.scanned = this.bodyStart;
      }
      const available = Math.min(this.buffer.length, this.bodyStart + this.bodyLength);
      // A header inside the body: the Content-Length was too long and the next message began.
      const embedded = findEmbeddedHeader(this.buffer, Math.max(this.bodyStart, this.scanned - HEADER.length), available);
      if (embedded >= 0) {
        this.bodyLength = -1;
        this.discard(embedded, 'a message cut short by the next one');
        continue;
      }
      this.scanned = available;
      if (this.buffer.length < this.bodyStart + this.bodyLength) return;
      const body = this.buffer.subarray(this.bodyStart, this.bodyStart + this.bodyLength);
      this.push(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
      this.buffer = this.buffer.subarray(this.bodyStart + this.bodyLength);
      this.bodyLength = -1;
    }
  }
}
