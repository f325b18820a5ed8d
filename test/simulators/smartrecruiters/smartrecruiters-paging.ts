/**
 * SmartRecruiters paging: `limit` (1–100, default 10) and an opaque `pageId` taken from the
 * previous response's `nextPageId` (also offered as `Link rel="next"`). The wrapper is
 * `{limit, offset, nextPageId?, totalFound, content}`; `nextPageId` is absent on the last page.
 */
import { z } from 'zod';
import type { ScanResult } from '../generator';
import { json, type SimRequest, type SimResponse } from '../common/http-server';
import { decodeOpaque, encodeOpaque } from '../common/opaque-token';
import { srError } from './smartrecruiters-errors';

const pageSchema = z.object({ p: z.number().int().min(0) });

export interface PageRequest {
  limit: number;
  position: number;
  offset: number;
}

/** Reads limit / pageId / offset (older endpoints), or answers the vendor's 400. */
export function readPage(req: SimRequest, pageParam = 'pageId'): PageRequest | SimResponse {
  const limit = Number(req.query.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    return srError(400, 'INVALID_LIMIT', 'limit must be from 1 to 100.');
  const pageId = req.query.get(pageParam);
  if (pageId) {
    const decoded = decodeOpaque(pageSchema, pageId);
    if (!decoded) return srError(400, 'INVALID_PAGE_ID', 'The page id is not valid.');
    return { limit, position: decoded.p, offset: 0 };
  }
  const offset = Number(req.query.get('offset') ?? 0);
  if (!Number.isInteger(offset) || offset < 0)
    return srError(400, 'INVALID_OFFSET', 'offset must be a non-negative integer.');
  return { limit, position: offset, offset };
}

export function pagedResponse<T>(
  req: SimRequest,
  baseUrl: string,
  page: PageRequest,
  scan: ScanResult<T>,
  totalFound: number,
  serialize: (record: T) => unknown,
  pageParam = 'pageId',
): SimResponse {
  const nextPageId = scan.next === null ? undefined : encodeOpaque({ p: scan.next });
  const headers: Record<string, string> = {};
  if (nextPageId) {
    const next = new URLSearchParams(req.query);
    next.delete('offset');
    next.set(pageParam, nextPageId);
    headers['Link'] = `<${baseUrl}${req.path}?${next.toString()}>; rel="next"`;
  }
  return json(
    200,
    {
      limit: page.limit,
      offset: page.offset,
      ...(nextPageId ? { nextPageId } : {}),
      totalFound,
      content: scan.items.map(serialize),
    },
    headers,
  );
}

/** A page of a plain array. */
export function scanArray<T>(items: readonly T[], position: number, limit: number): ScanResult<T> {
  const end = position + limit;
  return { items: items.slice(position, end), next: end < items.length ? end : null };
}
