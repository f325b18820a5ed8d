import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type {
  ConnectorError,
  Page,
  SourceConnector,
  VerifyResult,
  WebhookVerdict,
} from '../connector';
import type { ApplicationRecord, AttachmentRef, CandidateRecord, SyncRecord } from '../records';
import { VendorHttp, VendorUnavailableError } from '../http/vendor-http';

const DEFAULT_BASE_URL = 'https://sourcewhale.app/public-api';

/** Undocumented limits (ATS-APIS.md 4.3): stay gentle. */
const GATE = { maxConcurrency: 4, rate: { requests: 8, perMs: 1000 } };

const campaignsSchema = z.looseObject({
  campaigns: z.array(
    z.looseObject({
      campaignId: z.union([z.string(), z.number()]),
      campaignName: z.string().nullish(),
    }),
  ),
});

export interface SourceWhaleConnectorOptions {
  baseUrl: string | null;
  credentials: { apiKey: string; userEmail?: string };
  onRateLimited?: (ms: number) => void;
}

/**
 * SourceWhale is an export destination (outreach campaigns): it has no candidates to mirror, so
 * this connector verifies credentials and lists nothing. Exports use its destination side.
 */
export class SourceWhaleConnector implements SourceConnector {
  readonly provider = 'SOURCEWHALE' as const;
  private readonly http: VendorHttp;

  constructor(private readonly options: SourceWhaleConnectorOptions) {
    this.http = new VendorHttp({
      vendor: 'SourceWhale',
      baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
      gate: GATE,
      authHeaders: () => Promise.resolve({ 'api-key': options.credentials.apiKey }),
      onRateLimited: options.onRateLimited,
    });
  }

  async verify(): Promise<Result<VerifyResult, ConnectorError>> {
    try {
      const response = await this.http.request({
        path: '/v1/campaigns/list',
        query: this.options.credentials.userEmail
          ? { userEmail: this.options.credentials.userEmail }
          : {},
      });
      if (response.status === 401 || response.status === 403)
        return err({ kind: 'auth', message: 'the API key was refused' });
      if (response.status >= 400)
        return err({
          kind: 'invalid_response',
          message: `campaigns/list answered ${response.status}`,
        });
      const parsed = campaignsSchema.safeParse(response.json());
      if (!parsed.success)
        return err({ kind: 'invalid_response', message: 'unexpected campaigns/list answer' });
      return ok({ account: `${parsed.data.campaigns.length} campaigns`, missingPermissions: [] });
    } catch (error) {
      if (error instanceof VendorUnavailableError)
        return err({ kind: 'unavailable', message: error.message });
      throw error;
    }
  }

  streams(): string[] {
    return [];
  }

  fetchPage(): Promise<Result<Page, ConnectorError>> {
    return Promise.resolve(
      err({
        kind: 'invalid_response',
        message: 'SourceWhale is an export destination, not a source',
      }),
    );
  }

  fetchCandidate(): Promise<
    Result<
      {
        candidate: CandidateRecord;
        applications: ApplicationRecord[];
        related: SyncRecord[];
      } | null,
      ConnectorError
    >
  > {
    return Promise.resolve(ok(null));
  }

  downloadAttachment(
    _ref: AttachmentRef,
  ): Promise<Result<{ content: Buffer; contentType: string | null }, ConnectorError>> {
    return Promise.resolve(err({ kind: 'not_found', message: 'SourceWhale has no files' }));
  }

  parseWebhook(): WebhookVerdict {
    // SourceWhale's hooks are unsigned (ATS-APIS.md 4.3): none is accepted as an ATS change.
    return { ok: false, reason: 'SourceWhale webhooks are not accepted as ATS changes' };
  }
}
