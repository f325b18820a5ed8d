import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { chartXml, drawingXml } from './chart-xml';
import {
  chartPath,
  contentTypesXml,
  coreXml,
  drawingPath,
  drawingRelsPath,
  drawingRelsXml,
  rootRelsXml,
  sheetPath,
  sheetRelsPath,
  sheetRelsXml,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from './package-parts';
import { dimensionSheetXml, summarySheetXml } from './sheet-xml';
import type { WorkbookModel } from './workbook-model';
import { centralDirectory, localHeader, zipEntry, type ZipEntry } from './zip-parts';

const deflate = promisify(deflateRaw);

export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The workbook's parts in zip order, each written only when its turn comes. */
function* workbookParts(model: WorkbookModel): Generator<[string, () => string]> {
  const dimensions = model.sheets.length;
  yield ['[Content_Types].xml', () => contentTypesXml(dimensions)];
  yield ['_rels/.rels', rootRelsXml];
  yield ['docProps/core.xml', () => coreXml(model)];
  yield ['xl/workbook.xml', () => workbookXml(model)];
  yield ['xl/_rels/workbook.xml.rels', () => workbookRelsXml(dimensions + 1)];
  yield ['xl/styles.xml', stylesXml];
  yield [sheetPath(1), () => summarySheetXml(model)];
  for (const [i, sheet] of model.sheets.entries()) {
    const n = i + 1;
    yield [sheetPath(n + 1), () => dimensionSheetXml(sheet, model.totalCount)];
    yield [sheetRelsPath(n + 1), () => sheetRelsXml(n)];
    yield [drawingPath(n), () => drawingXml(sheet)];
    yield [drawingRelsPath(n), () => drawingRelsXml(n)];
    yield [chartPath(n), () => chartXml(sheet)];
  }
}

/**
 * Streams the .xlsx of `model` into `out` (an HTTP response, a file) and ends it. Memory stays
 * bounded by one part (a sheet of at most `size` buckets) and its compressed bytes: each part is
 * generated, deflated (by zlib on the thread pool, so the event loop keeps serving meanwhile)
 * and written before the next, waiting for `out` to drain. Resolves false when `out` closed
 * early (the client went away), true when everything was sent.
 */
export async function writeWorkbook(model: WorkbookModel, out: Writable): Promise<boolean> {
  const entries: ZipEntry[] = [];
  let offset = 0;
  const send = async (chunk: Buffer): Promise<boolean> => {
    if (out.destroyed) return false;
    offset += chunk.length;
    if (!out.write(chunk)) await drained(out);
    return !out.destroyed;
  };

  for (const [path, render] of workbookParts(model)) {
    const content = Buffer.from(render(), 'utf8');
    const compressed = await deflate(content, { level: 6 });
    const entry = zipEntry(path, content, compressed.length, offset, model.generatedAt);
    entries.push(entry);
    if (!(await send(localHeader(entry))) || !(await send(compressed))) return false;
  }
  if (!(await send(centralDirectory(entries, offset)))) return false;
  out.end();
  // A premature close (the client hung up on the last bytes) is not the writer's failure.
  return finished(out).then(
    () => true,
    () => false,
  );
}
/** Until `out` can take more, or is gone. */
function drained(out: Writable): Promise<void> {
  if (out.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      resolve();
    };
    out.on('drain', done);
    out.on('close', done);
  });
}
