import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ndjsonLines } from './ndjson-lines';

async function collect(chunks: (string | Uint8Array)[], maxLineBytes = 100): Promise<string[]> {
  const out: string[] = [];
  const source = Readable.from(chunks) as AsyncIterable<string | Uint8Array>;
  for await (const line of ndjsonLines(source, maxLineBytes)) out.push(line);
  return out;
}

describe('ndjsonLines', () => {
  it('splits on LF and CRLF, keeps empty lines and a last line without a newline', async () => {
    expect(await collect(['{"a":1}\r\n\n{"b"', ':2}\n{"c":3}'])).toEqual([
      '{"a":1}',
      '',
      '{"b":2}',
      '{"c":3}',
    ]);
  });

  it('joins a multi-byte character split between chunks', async () => {
    const bytes = Buffer.from('"Zoë"\n', 'utf8');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(['"Zoë"']);
  });

  it('drops a byte-order mark at the start only', async () => {
    expect(await collect(['\ufeff{"a":1}\n\ufeffx'])).toEqual(['{"a":1}', '\ufeffx']);
  });

  it('cuts an over-long line to one byte past the limit instead of keeping it', async () => {
    const long = 'x'.repeat(5000);
    const lines = await collect([long.slice(0, 2500), long.slice(2500), '\nok\n'], 10);
    expect(lines).toEqual(['x'.repeat(11), 'ok']);
  });

  it('lets a CRLF line of exactly the limit through', async () => {
    expect(await collect(['0123456789\r\n'], 10)).toEqual(['0123456789']);
    expect(await collect(['0123456789a\r\n'], 10)).toEqual(['0123456789a']);
  });

  it('yields nothing for an empty input', async () => {
    expect(await collect([])).toEqual([]);
    expect(await collect([''])).toEqual([]);
  });
});
