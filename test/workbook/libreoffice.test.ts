import { execFile } from 'node:child_process';
import { accessSync, constants, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFParse } from 'pdf-parse';
import { describe, expect, it } from 'vitest';
import {
  dimensionSheets,
  type WorkbookModel,
} from '../../src/exports/insights-workbook/workbook-model';
import { writeWorkbook } from '../../src/exports/insights-workbook/workbook-writer';
import { INSIGHT_DIMENSIONS, YEARS_BUCKETS } from '../../src/search/search-types';

const run = promisify(execFile);

function onPath(command: string): string | null {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const soffice = onPath('soffice');
const ci = ['true', '1', 'yes'].includes((process.env['CI'] ?? '').toLowerCase());

/** Every dimension (20 or more), bucket counts from 0 to 100, labels XML must escape, long labels. */
function model(): WorkbookModel {
  const breakdowns = INSIGHT_DIMENSIONS.map((dimension, d) => {
    const years = dimension === 'YEARS_OF_EXPERIENCE' || dimension === 'YEARS_IN_ROLE';
    const n = years ? YEARS_BUCKETS.length : [0, 1, 20, 100][d % 4]!;
    return {
      dimension,
      buckets: Array.from({ length: n }, (_, i) => {
        const label = years
          ? YEARS_BUCKETS[i]!
          : `${dimension.toLowerCase()} ${i} <&> "quoted" ${'long '.repeat(i % 7)}`;
        return { value: label.toLowerCase(), label, count: 1000 - i * 9 };
      }),
      otherCount: 123,
      missingCount: 45,
    };
  });
  return {
    organizationName: 'Acme & Co',
    generatedAt: new Date(),
    query: 'python AND "data engineer"',
    filters: [{ filter: 'Locations', value: 'berlin, germany', label: null }],
    totalCount: 50_000,
    sheets: dimensionSheets(breakdowns),
  };
}

/**
 * LibreOffice, a reader written by other people, opens the workbook and prints it: headless
 * PDF conversion succeeds and gives one page per sheet (every sheet is set to fit one page),
 * each page showing its sheet. Needs `soffice` (Debian: libreoffice-calc-nogui); without it the
 * test is skipped locally and fails under CI, which installs it.
 */
describe('the workbook in LibreOffice', () => {
  it('converts to PDF headless with one page per sheet', { timeout: 180_000 }, async (ctx) => {
    if (!soffice) {
      if (ci) {
        throw new Error(
          'soffice is not on PATH: CI must install LibreOffice (apt-get install -y --no-install-recommends libreoffice-calc-nogui)',
        );
      }
      ctx.skip('soffice is not on PATH (apt-get install libreoffice-calc-nogui); CI fails here');
      return;
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rediscover-workbook-'));
    try {
      const workbook = model();
      const file = path.join(dir, 'insights.xlsx');
      expect(await writeWorkbook(workbook, createWriteStream(file))).toBe(true);

      const started = performance.now();
      // A private profile: no clash with another soffice, nothing left in $HOME.
      await run(
        soffice,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          file,
        ],
        { timeout: 150_000 },
      );
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `LibreOffice converted ${workbook.sheets.length + 1} sheets in ${seconds.toFixed(1)} s`,
      );

      const pdf = await fs.readFile(path.join(dir, 'insights.pdf'));
      const parser = new PDFParse({ data: new Uint8Array(pdf) });
      try {
        const text = await parser.getText();
        expect(text.pages).toHaveLength(workbook.sheets.length + 1);
        expect(text.pages[0]!.text).toContain('Acme & Co');
        expect(text.pages[0]!.text).toContain('python AND "data engineer"');
        for (const [i, sheet] of workbook.sheets.entries()) {
          const page = text.pages[i + 1]!.text;
          expect(page, sheet.name).toContain(sheet.title);
          // The chart is drawn (its title is on the page again, beside the table's header).
          expect(page.split(sheet.title).length - 1, sheet.name).toBeGreaterThanOrEqual(2);
          const first = sheet.buckets[0];
          if (first) expect(page, sheet.name).toContain(first.label.trim());
        }
      } finally {
        await parser.destroy();
      }
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
