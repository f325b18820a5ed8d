import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import { VendorHttp, type VendorResponse } from '../http/vendor-http';
import type { AttachmentRef } from '../records';
import type { AshbyClient } from './ashby.client';
import { ashbyFileInfoSchema } from './ashby.schemas';

/**
 * Attachment downloads: `file.info {fileHandle}` gives a short-lived pre-signed URL, which is
 * fetched with no credentials at all (it is storage, not the API: the key must not leak there).
 * An expired or refused link is asked for again once.
 */

export interface DownloadedFile {
  content: Buffer;
  contentType: string | null;
}

export class AshbyFiles {
  /** Its own client and gate: storage downloads neither carry the key nor use API slots. */
  private readonly storage: VendorHttp;

  constructor(
    private readonly client: AshbyClient,
    options: { baseUrl: string; backoffMs?: number | undefined; maxRetries?: number | undefined },
  ) {
    this.storage = new VendorHttp({
      vendor: 'ashby-files',
      baseUrl: options.baseUrl,
      gate: { maxConcurrency: 4, rate: null },
      authHeaders: () => Promise.resolve({}),
      timeoutMs: 120_000,
      ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    });
  }

  async download(ref: AttachmentRef): Promise<Result<DownloadedFile, ConnectorError>> {
    let last: VendorResponse | null = null;
    for (let attempt = 0; attempt < 2; attempt++) {
      const info = await this.client.call('file.info', { fileHandle: ref.locator });
      if (!info.ok) return info;
      const file = ashbyFileInfoSchema.safeParse(info.value.results);
      if (!file.success) {
        return err({ kind: 'invalid_response', message: 'Ashby file.info: no usable URL' });
      }
      try {
        last = await this.storage.request({
          method: 'GET',
          path: file.data.url,
          headers: { accept: '*/*' },
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return err({ kind: 'unavailable', message: `Ashby file download: ${reason}` });
      }
      if (last.status >= 200 && last.status < 300) {
        return ok({ content: last.body, contentType: last.headers.get('content-type') });
      }
      // 403: the signed link expired between file.info and the GET; a fresh one fixes that.
      if (last.status !== 403) break;
    }
    const status = last?.status ?? 0;
    const message = `Ashby file download answered HTTP ${status}`;
    if (status === 404) return err({ kind: 'not_found', message });
    if (status === 403) return err({ kind: 'invalid_response', message });
    return err({ kind: 'unavailable', message });
  }
}
