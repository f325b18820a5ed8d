import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeDocx } from './common/docx-writer';
import { writePdf } from './common/pdf-writer';
import { writeZip } from './common/zip-writer';
import { docxText, normalizeWhitespace, pdfText } from './testing/documents';

const TEXT = [
  'Zoë Müller — Staff Engineer',
  'Special characters: (parentheses) \\ backslash <xml> & "quotes" “curly” €100 Æsir Søren',
  '',
  ...Array.from(
    { length: 120 },
    (_, i) => `Line ${i + 1}: ${'lorem ipsum dolor sit amet '.repeat(i % 7)}end`,
  ),
].join('\n');

describe('document writers', () => {
  it('writes multi-page PDFs whose text extracts exactly', async () => {
    const pdf = writePdf(TEXT, { title: 'Résumé' });
    expect(pdf.subarray(0, 8).toString()).toBe('%PDF-1.4');
    expect(pdf.toString('latin1')).toMatch(/\/Count [3-9]/);
    expect(normalizeWhitespace(await pdfText(pdf))).toBe(normalizeWhitespace(TEXT));
  });

  it('writes DOCX files whose text extracts exactly', async () => {
    expect(normalizeWhitespace(await docxText(writeDocx(TEXT)))).toBe(normalizeWhitespace(TEXT));
  });

  it('writes deterministic ZIPs with correct CRCs and sizes', () => {
    const data = Buffer.from('héllo wörld '.repeat(50));
    const zip = writeZip([{ name: 'a/b.txt', data }]);
    expect(writeZip([{ name: 'a/b.txt', data }]).equals(zip)).toBe(true);
    expect(zip.readUInt32LE(14)).toBe(zlib.crc32(data));
    const compressedSize = zip.readUInt32LE(18);
    const nameLength = zip.readUInt16LE(26);
    const inflated = zlib.inflateRawSync(
      zip.subarray(30 + nameLength, 30 + nameLength + compressedSize),
    );
    expect(inflated.equals(data)).toBe(true);
  });
});
