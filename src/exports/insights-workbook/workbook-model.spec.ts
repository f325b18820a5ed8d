import { describe, expect, it } from 'vitest';
import { INSIGHT_DIMENSIONS } from '../../search/search-types';
import { dimensionSheets, dimensionTitle } from './workbook-model';

describe('dimension sheets', () => {
  it('gives every dimension a distinct, valid tab name and the right chart', () => {
    const sheets = dimensionSheets(
      INSIGHT_DIMENSIONS.map((dimension) => ({
        dimension,
        buckets: [],
        otherCount: 0,
        missingCount: 0,
      })),
    );
    const names = sheets.map((s) => s.name.toLowerCase());
    expect(new Set([...names, 'summary']).size).toBe(INSIGHT_DIMENSIONS.length + 1);
    for (const sheet of sheets) {
      expect(sheet.name.length).toBeLessThanOrEqual(31);
      expect(sheet.name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(sheets.filter((s) => s.chart === 'column').map((s) => s.dimension)).toEqual([
      'YEARS_OF_EXPERIENCE',
      'YEARS_IN_ROLE',
    ]);
    expect(dimensionTitle('REJECTION_REASON')).toBe('Rejection reason');
  });
});
