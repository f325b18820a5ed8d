import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';

/** Text kept per file: enough for any resume; a 500-page PDF is not a resume. */
export const MAX_EXTRACTED_CHARS = 200_000;

export type ExtractedText = { text: string; error: null } | { text: null; error: string };

type Kind = 'pdf' | 'docx' | 'text' | 'html' | 'unsupported';

function kindOf(content: Buffer, contentType: string | null, fileName: string): Kind {
  // Magic bytes first: content types from ATSs are often generic (application/octet-stream).
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  const type = (contentType ?? '').toLowerCase();
  const name = fileName.toLowerCase();
  if (
    content.subarray(0, 2).toString('latin1') === 'PK' &&
    (name.endsWith('.docx') || type.includes('wordprocessingml'))
  ) {
    return 'docx';
  }
  if (type.includes('html') || /\.html?$/.test(name)) return 'html';
  if (type.startsWith('text/') || /\.(txt|md|csv)$/.test(name)) return 'text';
  return 'unsupported';
}

/**
 * Text of a PDF, DOCX, HTML or plain-text file, through maintained libraries (pdf-parse,
 * mammoth). A file that cannot be read gives an error message, never an exception: one bad
 * attachment must not fail a sync.
 */
export async function extractText(
  content: Buffer,
  contentType: string | null,
  fileName: string,
): Promise<ExtractedText> {
  try {
    const kind = kindOf(content, contentType, fileName);
    let text: string;
    switch (kind) {
      case 'pdf': {
        const parser = new PDFParse({ data: new Uint8Array(content) });
        try {
          text = (await parser.getText()).text;
        } finally {
          await parser.destroy();
        }
        break;
      }
      case 'docx':
        text = (await mammoth.extractRawText({ buffer: content })).value;
        break;
      case 'html':
        text = content
          .toString('utf8')
          .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
          .replace(/<br\s*\/?>|<\/(p|div|li|h\d)>/gi, '\n')
          .replace(/<[^>]+>/g, ' ')
          .replace(/&nbsp;/g, ' ')
          .replace(/&amp;/g, '&')
          .replace(/&lt;/g, '<')
          .replace(/&gt;/g, '>');
        break;
      case 'text':
        text = content.toString('utf8');
        break;
      case 'unsupported':
        return {
          text: null,
          error: `cannot read text from ${contentType ?? 'this file type'} (${fileName})`,
        };
    }
    return { text: tidy(text).slice(0, MAX_EXTRACTED_CHARS), error: null };
  } catch (error) {
    return {
      text: null,
      error: `could not read ${fileName}: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
