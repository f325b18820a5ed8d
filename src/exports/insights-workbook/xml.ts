/** XML text helpers shared by the workbook's parts (SpreadsheetML and DrawingML). */

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Longest text a cell may hold (Excel's limit); longer labels are cut, not refused. */
export const MAX_CELL_TEXT = 32_767;

// Characters XML 1.0 cannot carry at all (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF).
// ATS data may hold them; a workbook with one would not open, so they are dropped.
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Escapes text for an element body or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Text as a cell can hold it: XML-safe and at most MAX_CELL_TEXT characters. */
export function cellText(text: string): string {
  return escapeXml(text.length > MAX_CELL_TEXT ? text.slice(0, MAX_CELL_TEXT) : text);
}

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A1-style reference; `row` is 1-based as in the sheet, `column` 0-based. */
export function cellRef(column: number, row: number): string {
  return `${columnLetter(column)}${row}`;
}

/**
 * An absolute range on a named sheet, as chart formulas write it: 'Sheet'!$A$2:$A$9. The name is
 * always quoted (quotes inside doubled), which every reader accepts.
 */
export function sheetRange(
  sheetName: string,
  column: number,
  fromRow: number,
  toRow: number = fromRow,
): string {
  const sheet = `'${sheetName.replace(/'/g, "''")}'`;
  const from = `$${columnLetter(column)}$${fromRow}`;
  return fromRow === toRow
    ? `${sheet}!${from}`
    : `${sheet}!${from}:$${columnLetter(column)}$${toRow}`;
}
