import { describe, expect, it } from 'vitest';
import { cellText, columnLetter, escapeXml, MAX_CELL_TEXT, sheetRange } from './xml';

describe('workbook XML helpers', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'B',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });

  it('writes absolute, quoted sheet ranges', () => {
    expect(sheetRange('Location', 0, 2, 11)).toBe("'Location'!$A$2:$A$11");
    expect(sheetRange("Bob's sheet", 1, 1)).toBe("'Bob''s sheet'!$B$1");
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml('a<b>&"c"\u0001\u000b\ufffe\td\ne')).toBe(
      'a&lt;b&gt;&amp;&quot;c&quot;\td\ne',
    );
    expect(cellText('x'.repeat(MAX_CELL_TEXT + 10))).toHaveLength(MAX_CELL_TEXT);
  });
});
