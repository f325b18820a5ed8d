/** Text extraction for served attachments, with the parsers the product uses. */
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';

export async function pdfText(data: Buffer): Promise<string> {
  const parser = new PDFParse({ data });
  try {
    const result = await parser.getText();
    // pdf-parse marks page breaks ("-- 1 of 2 --"); they are not document text.
    return result.text.replace(/^-- \d+ of \d+ --$/gm, '');
  } finally {
    await parser.destroy();
  }
}

export async function docxText(buffer: Buffer): Promise<string> {
  const result = await mammoth.extractRawText({ buffer });
  return result.value;
}

/** Whitespace-insensitive form, since PDF line wrapping and DOCX paragraphs differ. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
