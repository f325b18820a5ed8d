import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { RateGateOptions } from '../http/rate-gate';
import { VendorHttp, type VendorResponse } from '../http/vendor-http';
import { toConnectorError } from './ashby.errors';
import { ashbyEnvelopeSchema, type AshbySuccess } from './ashby.schemas';

/**
 * Ashby's RPC transport: every call is `POST /<object>.<verb>` with a JSON body, Basic auth with
 * the key as user and an empty password, `Accept: application/json; version=1`, and `success`
 * checked on every answer (domain errors come back as HTTP 200).
 */

export const ASHBY_DEFAULT_BASE_URL = 'https://api.ashbyhq.com';

const ACCEPT = 'application/json; version=1';

/**
 * The permission each endpoint we call needs, for messages when Ashby does not name it in
 * `errorInfo.meta`. Third-party clients list `interviewsRead` for the interview plan/stage lists
 * where the simulator asks for `hiringProcessMetadataRead` (UNCONFIRMED); the vendor's own answer
 * always wins.
 */
export const ASHBY_ENDPOINT_PERMISSIONS = {
  'candidate.list': 'candidatesRead',
  'candidate.info': 'candidatesRead',
  'application.list': 'candidatesRead',
  'application.info': 'candidatesRead',
  'file.info': 'candidatesRead',
  'job.list': 'jobsRead',
  'job.info': 'jobsRead',
  'jobPosting.list': 'jobsRead',
  'interviewPlan.list': 'hiringProcessMetadataRead',
  'interviewStage.list': 'hiringProcessMetadataRead',
  'archiveReason.list': 'hiringProcessMetadataRead',
  'source.list': 'hiringProcessMetadataRead',
  'customField.list': 'hiringProcessMetadataRead',
  'user.list': 'organizationRead',
  'department.list': 'organizationRead',
  'location.list': 'organizationRead',
} as const;

export type AshbyMethod = keyof typeof ASHBY_ENDPOINT_PERMISSIONS;

/**
 * Ashby publishes no numbers; recorded responses carry `x-ratelimit-limit: 1000` (per minute).
 * Four in flight and 16 a second (960 a minute, 96 %) stay under that: any minute holds at most
 * 960 plus one second's 16. VendorHttp still honours 429s and an exhausted
 * `x-ratelimit-remaining`. (15 a second measured 88 % of the limit, under the 90 % goal.)
 */
export const ASHBY_GATE: RateGateOptions = {
  maxConcurrency: 4,
  rate: { requests: 16, perMs: 1000 },
};

export interface AshbyClientOptions {
  baseUrl: string;
  apiKey: string;
  onRateLimited?: ((waitMs: number) => void) | undefined;
  /** Backoff base for 5xx retries. Default VendorHttp's (250 ms). */
  backoffMs?: number | undefined;
  /** Retries of 5xx/timeouts before `unavailable`. Default VendorHttp's (6). */
  maxRetries?: number | undefined;
  /** The connection's `requestsPerSecond`, instead of ASHBY_GATE's 16. */
  requestsPerSecond?: number | undefined;
}

export class AshbyClient {
  private readonly http: VendorHttp;

  constructor(options: AshbyClientOptions) {
    const authorization = `Basic ${Buffer.from(`${options.apiKey}:`, 'utf8').toString('base64')}`;
    this.http = new VendorHttp({
      vendor: 'ashby',
      baseUrl: options.baseUrl,
      gate: options.requestsPerSecond
        ? { ...ASHBY_GATE, rate: { requests: options.requestsPerSecond, perMs: 1000 } }
        : ASHBY_GATE,
      authHeaders: () => Promise.resolve({ authorization }),
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
      ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
      ...(options.maxRetries !== undefined ? { maxRetries: options.maxRetries } : {}),
    });
  }

  /** One RPC call; the envelope on success, a ConnectorError otherwise. Never throws. */
  async call(
    method: AshbyMethod,
    body: Record<string, unknown> = {},
  ): Promise<Result<AshbySuccess, ConnectorError>> {
    let response: VendorResponse;
    try {
      response = await this.http.request({
        method: 'POST',
        path: `/${method}`,
        json: body,
        headers: { accept: ACCEPT },
      });
    } catch (error) {
      // VendorHttp only throws once its retries are spent (or the network is gone).
      const reason = error instanceof Error ? error.message : String(error);
      return err({ kind: 'unavailable', message: `Ashby ${method}: ${reason}` });
    }
    return readEnvelope(method, response);
  }
}

function readEnvelope(
  method: AshbyMethod,
  response: VendorResponse,
): Result<AshbySuccess, ConnectorError> {
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = undefined;
  }
  const parsed = ashbyEnvelopeSchema.safeParse(body);
  const ok2xx = response.status >= 200 && response.status < 300;
  if (parsed.success && parsed.data.success && ok2xx) return ok(parsed.data);
  if (!parsed.success && ok2xx) {
    return err({
      kind: 'invalid_response',
      message: `Ashby ${method}: the answer is not an Ashby envelope (HTTP ${response.status})`,
    });
  }
  return err(
    toConnectorError({
      method,
      status: response.status,
      failure: parsed.success && !parsed.data.success ? parsed.data : null,
      permission: ASHBY_ENDPOINT_PERMISSIONS[method],
    }),
  );
}
