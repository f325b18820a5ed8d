/**
 * Splits a byte stream into text lines without ever holding more than one line: LF or CRLF
 * separated, a last line without a newline included, a UTF-8 byte-order mark dropped.
 *
 * A line longer than `maxLineBytes` is not kept whole: only its first `maxLineBytes + 1` bytes
 * are yielded, so the reader sees a line over the limit (and rejects it) while a 1 GB line with
 * no newline costs no more memory than a normal one.
 */
export async function* ndjsonLines(
  source: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number,
): AsyncGenerator<string> {
  const keep = maxLineBytes + 1;
  let parts: Buffer[] = [];
  let kept = 0;
  // The whole line's length and last byte, kept or not: a CRLF line of exactly the limit fits.
  let total = 0;
  let last = -1;
  let first = true;

  const take = (chunk: Buffer, start: number, end: number): void => {
    if (end <= start) return;
    total += end - start;
    last = chunk[end - 1] ?? -1;
    const room = keep - kept;
    if (room <= 0) return;
    const piece = chunk.subarray(start, Math.min(end, start + room));
    parts.push(piece);
    kept += piece.length;
  };
  const finish = (): string => {
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts, kept);
    if (last === 0x0d && total - 1 <= maxLineBytes) bytes = bytes.subarray(0, total - 1);
    parts = [];
    kept = 0;
    total = 0;
    last = -1;
    let line = bytes.toString('utf8');
    if (first) {
      first = false;
      if (line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    }
    return line;
  };

  for await (const raw of source) {
    const chunk =
      typeof raw === 'string'
        ? Buffer.from(raw, 'utf8')
        : Buffer.isBuffer(raw)
          ? raw
          : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      if (newline === -1) break;
      take(chunk, start, newline);
      yield finish();
      start = newline + 1;
    }
    take(chunk, start, chunk.length);
  }
  if (total > 0) yield finish();
}
