import { expect } from 'vitest';
import { rangeCells, type SheetRead } from './xlsx-reader';

/** One `insights` breakdown as the API answers it. */
export interface Breakdown {
  dimension: string;
  buckets: { value: string; label: string; count: number }[];
  otherCount: number;
  missingCount: number;
}

/** The sheet's rows as arrays, by row number (row 1 first; blank rows left out). */
export function tableOf(sheet: SheetRead): (string | number)[][] {
  const rows = new Map<number, (string | number)[]>();
  for (const [ref, value] of sheet.cells) {
    const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
    const cells = rows.get(Number(row)) ?? [];
    cells[col!.charCodeAt(0) - 65] = value;
    rows.set(Number(row), cells);
  }
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, cells]) => cells);
}

export function expectSheetEqualsBreakdown(
  sheet: SheetRead,
  breakdown: Breakdown,
  total: number,
): void {
  const rows = tableOf(sheet);
  expect(rows[0], sheet.name).toEqual([sheet.name, 'Candidates', 'Share', 'Filter value']);
  const bucketRows = rows.slice(1, 1 + breakdown.buckets.length);
  expect(bucketRows, sheet.name).toEqual(
    breakdown.buckets.map((b) => [b.label, b.count, b.count / total, b.value]),
  );
  expect(rows.slice(1 + breakdown.buckets.length), sheet.name).toEqual([
    ['Other values', breakdown.otherCount, breakdown.otherCount / total],
    ['No value', breakdown.missingCount, breakdown.missingCount / total],
  ]);
}

export function expectOneChartOverItsOwnCells(sheet: SheetRead, breakdown: Breakdown): void {
  expect(sheet.charts, sheet.name).toHaveLength(1);
  const chart = sheet.charts[0]!;
  expect(chart.title).toBe(sheet.name);
  const [catSheet, catRefs] = rangeCells(chart.categoriesRef);
  const [valSheet, valRefs] = rangeCells(chart.valuesRef);
  expect([catSheet, valSheet]).toEqual([sheet.name, sheet.name]);
  const n = breakdown.buckets.length;
  // The series covers exactly the bucket rows (one empty row when there are none).
  expect(catRefs).toEqual(Array.from({ length: Math.max(1, n) }, (_, i) => `A${i + 2}`));
  expect(valRefs).toEqual(Array.from({ length: Math.max(1, n) }, (_, i) => `B${i + 2}`));
  expect(catRefs.slice(0, n).map((r) => sheet.cells.get(r))).toEqual(
    breakdown.buckets.map((b) => b.label),
  );
  expect(valRefs.slice(0, n).map((r) => sheet.cells.get(r))).toEqual(
    breakdown.buckets.map((b) => b.count),
  );
  // Cached values match the cells, so readers that do not recalculate draw the same.
  expect(chart.cachedCategories).toEqual(breakdown.buckets.map((b) => b.label));
  expect(chart.cachedValues).toEqual(breakdown.buckets.map((b) => b.count));
}
