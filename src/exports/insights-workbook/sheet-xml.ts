import { shareOf, type DimensionSheet, type WorkbookModel } from './workbook-model';
import { cellRef, cellText, XML_DECLARATION } from './xml';

/** Cell formats, as indices into styles.xml's cellXfs (see package-parts.ts). */
export const STYLE = {
  normal: 0,
  header: 1,
  percent: 2,
  title: 3,
  count: 4,
  countLeft: 5,
} as const;
type Style = (typeof STYLE)[keyof typeof STYLE];

export type Cell = { text: string; style?: Style } | { number: number; style?: Style } | null;

/** Where a dimension sheet keeps what its chart draws (1-based rows, 0-based columns). */
export interface BucketRange {
  headerRow: number;
  firstRow: number;
  /** Equals firstRow - 1 when there are no buckets: the chart then draws an empty range. */
  lastRow: number;
  labelColumn: number;
  countColumn: number;
}

const LABEL_COLUMN = 0;
const COUNT_COLUMN = 1;

export function bucketRange(sheet: DimensionSheet): BucketRange {
  return {
    headerRow: 1,
    firstRow: 2,
    lastRow: 1 + sheet.buckets.length,
    labelColumn: LABEL_COLUMN,
    countColumn: COUNT_COLUMN,
  };
}

const text = (value: string, style?: Style): Cell => ({ text: value, style });
const number = (value: number, style?: Style): Cell => ({ number: value, style });

/**
 * A dimension sheet: Label | Candidates | Share | Filter value, one row per bucket, then a blank
 * row, then "Other values" (otherCount) and "No value" (missingCount). The chart sits to the
 * right, over columns F onwards.
 */
export function dimensionSheetXml(sheet: DimensionSheet, totalCount: number): string {
  const rows: Cell[][] = [
    [
      text(sheet.title, STYLE.header),
      text('Candidates', STYLE.header),
      text('Share', STYLE.header),
      text('Filter value', STYLE.header),
    ],
  ];
  for (const bucket of sheet.buckets) {
    rows.push([
      text(bucket.label),
      number(bucket.count, STYLE.count),
      number(shareOf(bucket.count, totalCount), STYLE.percent),
      text(bucket.value),
    ]);
  }
  rows.push([]);
  rows.push([
    text('Other values'),
    number(sheet.otherCount, STYLE.count),
    number(shareOf(sheet.otherCount, totalCount), STYLE.percent),
  ]);
  rows.push([
    text('No value'),
    number(sheet.missingCount, STYLE.count),
    number(shareOf(sheet.missingCount, totalCount), STYLE.percent),
  ]);
  return worksheetXml(rows, { columnWidths: [36, 12, 10, 28], drawingRelId: 'rId1' });
}

/** The first sheet: who, when, which query and every filter the workbook covers. */
export function summarySheetXml(model: WorkbookModel): string {
  const rows: Cell[][] = [
    [text('Insights workbook', STYLE.title)],
    [],
    [text('Organization', STYLE.header), text(model.organizationName)],
    [text('Generated at (UTC)', STYLE.header), text(formatUtc(model.generatedAt))],
    [text('Query', STYLE.header), text(model.query ?? '(none: every candidate)')],
    [text('Candidates matched', STYLE.header), number(model.totalCount, STYLE.countLeft)],
    [text('Dimensions', STYLE.header), text(model.sheets.map((s) => s.title).join(', '))],
    [],
    [text('Filter', STYLE.header), text('Value', STYLE.header), text('Name', STYLE.header)],
  ];
  if (model.filters.length === 0) rows.push([text('(no filters)')]);
  for (const line of model.filters) {
    rows.push([text(line.filter), text(line.value), line.label === null ? null : text(line.label)]);
  }
  rows.push([]);
  rows.push([
    text(
      'Share: candidates with the value ÷ candidates matched. A candidate may hold several values (skills, past companies), so shares of one dimension can add up to more than 100 %.',
    ),
  ]);
  return worksheetXml(rows, { columnWidths: [24, 48, 36] });
}

/** "2026-01-31 09:05:00" from a Date, in UTC. */
function formatUtc(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * SpreadsheetML for rows of cells. Strings are inline (no shared-strings part to keep in sync),
 * and every sheet prints fitted to one landscape page.
 */
export function worksheetXml(
  rows: Cell[][],
  options: { columnWidths: number[]; drawingRelId?: string },
): string {
  const parts: string[] = [
    XML_DECLARATION,
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>',
    '<cols>',
    ...options.columnWidths.map(
      (width, i) => `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`,
    ),
    '</cols>',
    '<sheetData>',
  ];
  rows.forEach((cells, i) => {
    const row = i + 1;
    if (cells.length === 0) return;
    parts.push(`<row r="${row}">`);
    cells.forEach((cell, column) => {
      if (cell) parts.push(cellXml(cell, cellRef(column, row)));
    });
    parts.push('</row>');
  });
  parts.push(
    '</sheetData>',
    '<pageMargins left="0.5" right="0.5" top="0.5" bottom="0.5" header="0.3" footer="0.3"/>',
    '<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="1"/>',
  );
  if (options.drawingRelId) parts.push(`<drawing r:id="${options.drawingRelId}"/>`);
  parts.push('</worksheet>');
  return parts.join('');
}

function cellXml(cell: NonNullable<Cell>, ref: string): string {
  const style = cell.style ? ` s="${cell.style}"` : '';
  if ('number' in cell) return `<c r="${ref}"${style}><v>${cell.number}</v></c>`;
  return `<c r="${ref}"${style} t="inlineStr"><is><t xml:space="preserve">${cellText(cell.text)}</t></is></c>`;
}
