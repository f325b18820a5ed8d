import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { dimensionSheets, type WorkbookModel } from './workbook-model';
import { writeWorkbook } from './workbook-writer';

function model(buckets: number): WorkbookModel {
  return {
    organizationName: 'Acme',
    generatedAt: new Date('2026-01-01T00:00:00Z'),
    query: null,
    filters: [],
    totalCount: 1_000_000,
    sheets: dimensionSheets(
      (['LOCATION', 'SKILL', 'CURRENT_TITLE'] as const).map((dimension) => ({
        dimension,
        buckets: Array.from({ length: buckets }, (_, i) => ({
          value: `v${i}`,
          label: `Value ${i} ${Math.random()}`,
          count: 1000 - i,
        })),
        otherCount: 1,
        missingCount: 2,
      })),
    ),
  };
}

describe('writeWorkbook', () => {
  it('waits for a slow reader instead of buffering the workbook', async () => {
    let buffered = 0;
    let maxBuffered = 0;
    let total = 0;
    const slow = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        buffered = slow.writableLength;
        maxBuffered = Math.max(maxBuffered, buffered);
        total += chunk.length;
        setTimeout(done, 1);
      },
    });
    expect(await writeWorkbook(model(1000), slow)).toBe(true);
    expect(total).toBeGreaterThan(50_000);
    // At most one part's compressed bytes wait in the stream at a time, not the whole file.
    expect(maxBuffered).toBeLessThan(total / 2);
  });

  it('stops and says so when the reader goes away', async () => {
    const workbook = model(1000);
    // Counts the sheets the writer renders: none after the reader left.
    const rendered = new Set<string>();
    workbook.sheets = workbook.sheets.map((sheet) => {
      const buckets = sheet.buckets;
      return Object.defineProperty({ ...sheet }, 'buckets', {
        get: () => {
          rendered.add(sheet.name);
          return buckets;
        },
      });
    });
    const out = new PassThrough({ highWaterMark: 16 });
    out.once('data', () => out.destroy());
    out.resume();
    expect(await writeWorkbook(workbook, out)).toBe(false);
    expect(rendered.size).toBeLessThan(workbook.sheets.length);
  });
});
