/**
 * The bytes behind a candidate's attachments: the resume text (or a cover letter) rendered as a
 * real PDF or DOCX, rebuilt on every download (cheap) so nothing is cached per candidate.
 */
import {
  buildCoverLetterText,
  type Dataset,
  type NeutralAttachment,
  type NeutralCandidate,
} from '../generator';
import { DOCX_CONTENT_TYPE, writeDocx } from './docx-writer';
import type { SimResponse } from './http-server';
import { writePdf } from './pdf-writer';

const SECTION_HEADINGS = new Set([
  'SUMMARY',
  'EXPERIENCE',
  'EDUCATION',
  'SKILLS',
  'CERTIFICATIONS',
  'LANGUAGES',
]);

export interface RenderedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

export function contentTypeOf(attachment: NeutralAttachment): string {
  return attachment.format === 'pdf' ? 'application/pdf' : DOCX_CONTENT_TYPE;
}

/** The text a parser should extract from this attachment. */
export function attachmentText(candidate: NeutralCandidate, attachment: NeutralAttachment): string {
  return attachment.kind === 'RESUME' ? candidate.resumeText : buildCoverLetterText(candidate);
}

export function renderAttachment(
  candidate: NeutralCandidate,
  attachment: NeutralAttachment,
): RenderedFile {
  const text = attachmentText(candidate, attachment);
  const boldLines = new Set([...SECTION_HEADINGS, `${candidate.firstName} ${candidate.lastName}`]);
  const bytes =
    attachment.format === 'pdf'
      ? writePdf(text, { title: attachment.fileName, boldLines })
      : writeDocx(text, { boldLines });
  return { bytes, contentType: contentTypeOf(attachment), fileName: attachment.fileName };
}

/** A download response; non-ASCII file names go in RFC 5987 `filename*`. */
export function fileResponse(file: RenderedFile): SimResponse {
  const ascii = file.fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '')
    .replace(/"/g, '');
  return {
    status: 200,
    raw: file.bytes,
    headers: {
      'content-type': file.contentType,
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    },
  };
}

/**
 * The candidate holding an attachment and the attachment itself. Links name the candidate they
 * were issued for; after a merge the file belongs to the survivor, so fall back to a search.
 */
export function findAttachment(
  dataset: Dataset,
  candidateKey: string,
  attachmentKey: string,
): { owner: NeutralCandidate; attachment: NeutralAttachment } | undefined {
  const holds = (c: NeutralCandidate): NeutralAttachment | undefined =>
    c.attachments.find((a) => a.key === attachmentKey);
  const direct = dataset.candidates.get(candidateKey);
  const found = direct && holds(direct);
  if (direct && found) return { owner: direct, attachment: found };
  for (const owner of dataset.candidates.values()) {
    const attachment = holds(owner);
    if (attachment) return { owner, attachment };
  }
  return undefined;
}
