import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import type { ConnectorError } from '../connector';
import type { RateGateOptions } from '../http/rate-gate';
import { VendorHttp, VendorUnavailableError, type VendorResponse } from '../http/vendor-http';
import { describeError, parseJson, type GreenhouseTokenSource } from './greenhouse-auth';

/**
 * Harvest v3 list calls over the shared client: Bearer auth with one refresh on 401, pacing to
 * the window Greenhouse announces, cursor-only next pages, and HTTP statuses turned into
 * {@link ConnectorError}s. Knows nothing of records or streams.
 */
export interface HarvestClientOptions {
  /** e.g. https://harvest.greenhouse.io/v3 */
  apiUrl: string;
  tokens: GreenhouseTokenSource;
  onRateLimited?: (waitMs: number) => void;
  /** Greenhouse's rate-limit window (v1 documents 10 s; v3 publishes none). Default 10 000. */
  rateLimitWindowMs?: number;
}

/** A failed call; `status` tells a refused cursor (422) from other failures. */
export type HarvestError = ConnectorError & { status?: number };

export interface HarvestPage {
  rows: unknown[];
  /** The `cursor` of the `rel="next"` link; null on the last page. */
  nextCursor: string | null;
  /** The vendor's clock when it answered (the `Date` header), epoch ms; null when absent. */
  serverTime: number | null;
}

/** The most a v3 list page holds (ATS-APIS.md §2.7). */
export const MAX_PER_PAGE = 500;
/** Until a response announces X-RateLimit-Limit: the v1 docs' example limit. */
const DEFAULT_LIMIT = 50;
/** Sent a little slower than the window, so clock drift and latency never cross a window edge. */
const WINDOW_MARGIN_MS = 250;
const DEFAULT_WINDOW_MS = 10_000;
/**
 * Ids per `…_ids=` filter. v1 capped `candidate_ids` at 50 and v3 publishes no cap; staying at 50
 * keeps URLs short and avoids a 422 that would fail the whole stream.
 */
export const IDS_PER_REQUEST = 50;

const rowsSchema = z.array(z.unknown());

export class HarvestClient {
  private readonly http: VendorHttp;
  private readonly files: VendorHttp;
  /** Mutable on purpose: RateGate reads it on every acquire, so a learned limit applies at once. */
  private pace: { requests: number; perMs: number };
  private lastAuthError: ConnectorError | null = null;
  private readonly forbidden = new Set<string>();

  constructor(private readonly options: HarvestClientOptions) {
    this.pace = {
      requests: DEFAULT_LIMIT - 1,
      perMs: (options.rateLimitWindowMs ?? DEFAULT_WINDOW_MS) + WINDOW_MARGIN_MS,
    };
    const gate: RateGateOptions = { maxConcurrency: 4, rate: this.pace };
    const tokens = options.tokens;
    this.http = new VendorHttp({
      vendor: 'greenhouse',
      baseUrl: options.apiUrl,
      gate,
      authHeaders: () => {
        const token = tokens.current();
        const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
        return Promise.resolve(headers);
      },
      onUnauthorized: async () => {
        const refreshed = await tokens.refresh();
        this.lastAuthError = refreshed.ok ? null : refreshed.error;
        return refreshed.ok;
      },
      ...(options.onRateLimited ? { onRateLimited: options.onRateLimited } : {}),
    });
    // Attachment links are pre-signed (S3): no API token may travel with them, no API limit applies.
    this.files = new VendorHttp({
      vendor: 'greenhouse-files',
      baseUrl: options.apiUrl,
      gate: { maxConcurrency: 8, rate: null },
      timeoutMs: 120_000,
      authHeaders: () => Promise.resolve({}),
    });
  }

  /** The first page of a list: filters plus `per_page`. */
  firstPage(
    resource: string,
    query: Record<string, string>,
  ): Promise<Result<HarvestPage, HarvestError>> {
    return this.page(resource, { per_page: String(MAX_PER_PAGE), ...query });
  }

  /** A later page: only the cursor may be sent (anything else is a 422). */
  nextPage(resource: string, cursor: string): Promise<Result<HarvestPage, HarvestError>> {
    return this.page(resource, { cursor });
  }

  /** Every row of a (small or filtered) list, following next links. */
  async all(
    resource: string,
    query: Record<string, string>,
  ): Promise<Result<unknown[], HarvestError>> {
    const rows: unknown[] = [];
    let page = await this.firstPage(resource, query);
    for (;;) {
      if (!page.ok) return page;
      rows.push(...page.value.rows);
      if (page.value.nextCursor === null) return ok(rows);
      page = await this.nextPage(resource, page.value.nextCursor);
    }
  }

  /**
   * Like {@link all}, for resources that only enrich records (employments, job posts): without
   * the permission the list is empty, and it is not asked for again. `verify` reports it.
   */
  async allIfPermitted(
    resource: string,
    query: Record<string, string>,
  ): Promise<Result<unknown[], HarvestError>> {
    if (this.forbidden.has(resource)) return ok([]);
    const rows = await this.all(resource, query);
    if (!rows.ok && rows.error.kind === 'permission') {
      this.forbidden.add(resource);
      return ok([]);
    }
    return rows;
  }

  /** Rows of `resource` for many parent ids, asked for in chunks (`candidate_ids=1,2,…`). */
  async allByIds(
    resource: string,
    filter: string,
    ids: readonly number[],
    optional = false,
  ): Promise<Result<unknown[], HarvestError>> {
    const results = await Promise.all(
      chunk([...new Set(ids)], IDS_PER_REQUEST).map((part) => {
        const query = { [filter]: part.join(',') };
        return optional ? this.allIfPermitted(resource, query) : this.all(resource, query);
      }),
    );
    const rows: unknown[] = [];
    for (const result of results) {
      if (!result.ok) return result;
      rows.push(...result.value);
    }
    return ok(rows);
  }

  /** GET a pre-signed attachment URL (redirects followed), without API credentials. */
  async download(
    url: string,
  ): Promise<Result<{ content: Buffer; contentType: string | null }, ConnectorError>> {
    if (!/^https?:\/\//i.test(url))
      return err({ kind: 'not_found', message: 'The attachment has no download URL.' });
    let response: VendorResponse;
    try {
      response = await this.files.request({ path: url, headers: { accept: '*/*' } });
    } catch (error) {
      return err(unavailable(error));
    }
    if (response.status === 200) {
      return ok({ content: response.body, contentType: response.headers.get('content-type') });
    }
    if ([403, 404, 410].includes(response.status)) {
      // Signed links expire after 7 days; the next sync of the candidate brings a fresh one.
      return err({
        kind: 'not_found',
        message: `The attachment link expired or the file is gone (HTTP ${response.status}).`,
      });
    }
    return err({
      kind: 'invalid_response',
      message: `Downloading the attachment answered HTTP ${response.status}.`,
    });
  }

  private async page(
    resource: string,
    query: Record<string, string>,
  ): Promise<Result<HarvestPage, HarvestError>> {
    const token = await this.options.tokens.token();
    if (!token.ok) return token;
    let response: VendorResponse;
    try {
      response = await this.http.request({ path: resource, query });
    } catch (error) {
      return err(unavailable(error));
    }
    this.learnLimit(response.headers);
    if (response.status !== 200) return err(this.failure(resource, response));
    const rows = rowsSchema.safeParse(parseJson(response.text()));
    if (!rows.success) {
      return err({
        kind: 'invalid_response',
        message: `Greenhouse ${resource}: the body is not a JSON array.`,
      });
    }
    const next = nextLink(response.headers.get('link'));
    const cursor = next === null ? null : cursorOf(next);
    if (next !== null && cursor === null) {
      // Stopping here would silently drop the rest of the list.
      return err({
        kind: 'invalid_response',
        message: `Greenhouse ${resource}: a next link without a cursor (${next}).`,
      });
    }
    const date = Date.parse(response.headers.get('date') ?? '');
    return ok({
      rows: rows.data,
      nextCursor: cursor,
      serverTime: Number.isNaN(date) ? null : date,
    });
  }

  /** Paces at one under the announced limit, so the last slot of a window is never contended. */
  private learnLimit(headers: Headers): void {
    const limit = Number(headers.get('x-ratelimit-limit'));
    if (Number.isInteger(limit) && limit > 0 && limit - 1 !== this.pace.requests) {
      this.pace = { ...this.pace, requests: Math.max(1, limit - 1) };
      this.http.setRate(this.pace);
    }
  }

  private failure(resource: string, response: VendorResponse): HarvestError {
    const detail = describeError(parseJson(response.text()), response.status);
    const status = response.status;
    switch (status) {
      case 401:
        return (
          this.lastAuthError ?? {
            kind: 'auth',
            message: `Greenhouse refused the access token: ${detail}`,
            status,
          }
        );
      case 403:
        return {
          kind: 'permission',
          message: `The Greenhouse credentials may not list ${resource}: ${detail}`,
          missing: [listScope(resource)],
          status,
        };
      case 404:
        return { kind: 'not_found', message: `Greenhouse ${resource}: ${detail}`, status };
      case 429:
        return {
          kind: 'unavailable',
          message: `Greenhouse kept rate-limiting ${resource}.`,
          status,
        };
      default:
        return { kind: 'invalid_response', message: `Greenhouse ${resource}: ${detail}`, status };
    }
  }
}

/** The scope a list needs, in the `harvest:<resource>:<action>` form the docs show. */
export function listScope(resource: string): string {
  return `harvest:${resource}:list`;
}

/** The URL of the RFC 5988 `rel="next"` link, if any. */
export function nextLink(link: string | null): string | null {
  if (!link) return null;
  for (const part of link.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    const rels = match?.[2] ? /;\s*rel="?([^";]*)"?/i.exec(match[2])?.[1] : undefined;
    if (match?.[1] && rels?.split(/\s+/).includes('next')) return match[1];
  }
  return null;
}

/**
 * Only the cursor of a next link is kept: later requests must carry nothing else, and rebuilding
 * the URL on our API base means a token is never sent to a host a response named.
 */
function cursorOf(url: string): string | null {
  try {
    return new URL(url).searchParams.get('cursor') || null;
  } catch {
    return null;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function unavailable(error: unknown): ConnectorError {
  const message =
    error instanceof VendorUnavailableError ? error.message : `greenhouse: ${String(error)}`;
  return { kind: 'unavailable', message };
}
