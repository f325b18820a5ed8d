import { createHash } from 'node:crypto';
import { IsNull, MoreThan, type DataSource } from 'typeorm';
import type { SourceConnector } from '../connectors/connector';
import { Attachment } from '../entities';
import { extractText } from '../files/extract-text';

/** Largest file we keep; bigger ones are recorded with an error and not stored. */
export const MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024;

/**
 * Downloads the files the sync has only metadata for, extracts their text (PDF, DOCX, …) and
 * stores both. Works in batches ordered by id, so a checkpoint (the last id) resumes it.
 */
export class AttachmentFetcher {
  constructor(
    private readonly dataSource: DataSource,
    private readonly connector: SourceConnector,
  ) {}

  /** Attachments of the connection still to fetch, after `afterId`, at most `limit`. */
  pending(connectionId: string, afterId: string | null, limit: number): Promise<Attachment[]> {
    return this.dataSource.getRepository(Attachment).find({
      where: {
        connectionId,
        sha256: IsNull(),
        extractionError: IsNull(),
        deletedAt: IsNull(),
        ...(afterId ? { id: MoreThan(afterId) } : {}),
      },
      order: { id: 'ASC' },
      take: limit,
    });
  }

  /** Fetches one file; returns its candidate id when something was stored. */
  async fetch(attachment: Attachment): Promise<string> {
    const locator = typeof attachment.raw['locator'] === 'string' ? attachment.raw['locator'] : '';
    const downloaded = await this.connector.downloadAttachment({
      remoteId: attachment.remoteId,
      name: attachment.name,
      type: attachment.type,
      contentType: attachment.contentType,
      locator,
    });
    if (!downloaded.ok) {
      // Gone or unreadable at the vendor: recorded, so the next run does not retry forever.
      if (downloaded.error.kind === 'unavailable') throw new Error(downloaded.error.message);
      await this.save(attachment, {
        extractionError: `download failed: ${downloaded.error.message}`,
      });
      return attachment.candidateId;
    }
    const { content, contentType } = downloaded.value;
    if (content.length > MAX_ATTACHMENT_BYTES) {
      await this.save(attachment, {
        extractionError: `file is larger than ${MAX_ATTACHMENT_BYTES} bytes`,
        sizeBytes: content.length,
      });
      return attachment.candidateId;
    }
    const extracted = await extractText(
      content,
      contentType ?? attachment.contentType,
      attachment.name,
    );
    await this.save(attachment, {
      content,
      contentType: contentType ?? attachment.contentType,
      sizeBytes: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      extractedText: extracted.text,
      extractionError: extracted.error,
    });
    return attachment.candidateId;
  }

  private async save(
    attachment: Attachment,
    values: Partial<
      Pick<
        Attachment,
        'content' | 'contentType' | 'sizeBytes' | 'sha256' | 'extractedText' | 'extractionError'
      >
    >,
  ): Promise<void> {
    await this.dataSource
      .getRepository(Attachment)
      .update({ id: attachment.id, organizationId: attachment.organizationId }, values);
  }
}
