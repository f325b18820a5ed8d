/**
 * A minimal but valid PDF 1.4: Helvetica text, one text line per source line, wrapped and paged.
 * Enough for real parsers (pdf.js, pdf-parse) to extract exactly the text we put in, which is the
 * point: the simulators serve resumes whose text tests can predict.
 */

const PAGE_WIDTH = 612;
const PAGE_HEIGHT = 792;
const MARGIN = 54;
const FONT_SIZE = 10;
const LEADING = 14;
const WRAP_AT = 92;
const LINES_PER_PAGE = Math.floor((PAGE_HEIGHT - 2 * MARGIN) / LEADING);

/**
 * Windows-1252 code points outside Latin-1. The standard fonts use WinAnsiEncoding, so text must
 * be written in that single-byte code page; anything else becomes '?'.
 */
const WIN_ANSI_EXTRAS: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  ƒ: 0x83,
  '„': 0x84,
  '…': 0x85,
  '†': 0x86,
  '‡': 0x87,
  ˆ: 0x88,
  '‰': 0x89,
  Š: 0x8a,
  '‹': 0x8b,
  Œ: 0x8c,
  Ž: 0x8e,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  '˜': 0x98,
  '™': 0x99,
  š: 0x9a,
  '›': 0x9b,
  œ: 0x9c,
  ž: 0x9e,
  Ÿ: 0x9f,
};

function winAnsiBytes(text: string): number[] {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0x3f;
    if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else bytes.push(WIN_ANSI_EXTRAS[ch] ?? 0x3f);
  }
  return bytes;
}

/** A PDF literal string `( … )` with the three special bytes escaped. */
function literal(text: string): Buffer {
  const out: number[] = [0x28];
  for (const b of winAnsiBytes(text)) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out.push(0x5c);
    out.push(b);
  }
  out.push(0x29);
  return Buffer.from(out);
}

/** Splits at spaces so no line exceeds `width` characters (long words are cut). */
export function wrapLine(line: string, width = WRAP_AT): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let rest = line;
  while (rest.length > width) {
    let cut = rest.lastIndexOf(' ', width);
    if (cut <= 0) cut = width;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

export interface PdfOptions {
  title?: string;
  /** Lines drawn in bold (exact match), e.g. section headings. */
  boldLines?: ReadonlySet<string>;
}

export function writePdf(text: string, options: PdfOptions = {}): Buffer {
  const lines = text.split('\n').flatMap((l) => (l === '' ? [''] : wrapLine(l)));
  const pages: string[][] = [];
  for (let i = 0; i < lines.length; i += LINES_PER_PAGE)
    pages.push(lines.slice(i, i + LINES_PER_PAGE));
  if (pages.length === 0) pages.push([]);

  // Object numbers: 1 catalog, 2 pages, 3 regular font, 4 bold font, 5 info, then page/content pairs.
  const objects: Buffer[] = [];
  const pageIds = pages.map((_, i) => 6 + i * 2);
  objects[1] = Buffer.from('<< /Type /Catalog /Pages 2 0 R >>');
  objects[2] = Buffer.from(
    `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`,
  );
  objects[3] = Buffer.from(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  );
  objects[4] = Buffer.from(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
  );
  objects[5] = Buffer.concat([
    Buffer.from('<< /Producer (Rediscover simulator) /Title '),
    literal(options.title ?? 'Document'),
    Buffer.from(' >>'),
  ]);
  pages.forEach((pageLines, i) => {
    const pageId = pageIds[i] as number;
    const content = pageContent(pageLines, options.boldLines ?? new Set());
    objects[pageId] = Buffer.from(
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE_WIDTH} ${PAGE_HEIGHT}] ` +
        `/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents ${pageId + 1} 0 R >>`,
    );
    objects[pageId + 1] = Buffer.concat([
      Buffer.from(`<< /Length ${content.length} >>\nstream\n`),
      content,
      Buffer.from('\nendstream'),
    ]);
  });

  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = chunks[0]?.length ?? 0;
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    const body = objects[id] as Buffer;
    const chunk = Buffer.concat([Buffer.from(`${id} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    offsets[id] = offset;
    offset += chunk.length;
    chunks.push(chunk);
  }
  // Each xref entry is exactly 20 bytes, as the format requires.
  const xref = [`xref\n0 ${objects.length}\n`, '0000000000 65535 f \n'];
  for (let id = 1; id < objects.length; id++)
    xref.push(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  xref.push(
    `trailer\n<< /Size ${objects.length} /Root 1 0 R /Info 5 0 R >>\nstartxref\n${offset}\n%%EOF\n`,
  );
  chunks.push(Buffer.from(xref.join('')));
  return Buffer.concat(chunks);
}

function pageContent(lines: string[], bold: ReadonlySet<string>): Buffer {
  const parts: Buffer[] = [
    Buffer.from(`BT\n${LEADING} TL\n${MARGIN} ${PAGE_HEIGHT - MARGIN} Td\n`),
  ];
  let currentFont = '';
  for (const line of lines) {
    const font = bold.has(line) ? '/F2' : '/F1';
    if (font !== currentFont) {
      parts.push(Buffer.from(`${font} ${FONT_SIZE} Tf\n`));
      currentFont = font;
    }
    if (line !== '') parts.push(literal(line), Buffer.from(' Tj\n'));
    parts.push(Buffer.from('T*\n'));
  }
  parts.push(Buffer.from('ET'));
  return Buffer.concat(parts);
}
