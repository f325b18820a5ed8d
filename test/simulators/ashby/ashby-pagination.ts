/**
 * Ashby list pagination: `cursor` + `limit` (max 100) with `moreDataAvailable`/`nextCursor`, and
 * incremental runs from a `syncToken`, whose last page hands out the next token. A full run
 * scans the collection's order array from a position; an incremental run pages through the
 * records changed between the token's watermark and the watermark when the run started.
 */
import { z } from 'zod';
import type { ChangeSequence, ScanResult } from '../generator';
import type { SimResponse } from '../common/http-server';
import { decodeOpaque, encodeOpaque } from '../common/opaque-token';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import type { AshbySyncTokens } from './ashby-sync-tokens';

export const MAX_LIMIT = 100;

/** Where list data comes from: a change-logged collection, or a fixed list. */
export interface ListSource<T> {
  scan(position: number, limit: number, filter?: (record: T) => boolean): ScanResult<T>;
  changedBetween(afterSeq: number, uptoSeq: number): T[];
}

/** Reference data that never changes: incremental runs over it return nothing. */
export class StaticList<T> implements ListSource<T> {
  constructor(private readonly items: () => readonly T[]) {}

  scan(position: number, limit: number, filter?: (record: T) => boolean): ScanResult<T> {
    const all = filter ? this.items().filter(filter) : this.items();
    const end = position + limit;
    return { items: all.slice(position, end), next: end < all.length ? end : null };
  }

  changedBetween(): T[] {
    return [];
  }
}

const cursorSchema = z.object({
  l: z.string(),
  p: z.number().int().min(0),
  w: z.number().int().min(0),
  s: z.number().int().min(0).nullable(),
});

export const paginationFields = {
  cursor: z.string().optional(),
  limit: z.number().int().min(1).optional(),
  syncToken: z.string().optional(),
};

export interface ListRequest {
  cursor?: string | undefined;
  limit?: number | undefined;
  syncToken?: string | undefined;
}

export interface ListSettings {
  tokens: AshbySyncTokens;
  sequence: ChangeSequence;
  /** An incremental run spanning more pages than this fails with `incremental_sync_too_large`. */
  maxIncrementalPages: number;
}

export function paginateList<T>(
  list: string,
  source: ListSource<T>,
  request: ListRequest,
  settings: ListSettings,
  serialize: (record: T) => unknown,
  filter?: (record: T) => boolean,
): SimResponse {
  // Larger limits are clamped rather than refused (UNCONFIRMED which one Ashby does).
  const limit = Math.min(request.limit ?? MAX_LIMIT, MAX_LIMIT);
  let position = 0;
  let watermark = settings.sequence.value;
  let since: number | null = null;

  if (request.cursor) {
    const cursor = decodeOpaque(cursorSchema, request.cursor);
    if (!cursor || cursor.l !== list)
      return ashbyFailure('cursor_invalid', 'The cursor is not valid for this endpoint.');
    ({ p: position, w: watermark, s: since } = cursor);
  } else if (request.syncToken) {
    const check = settings.tokens.check(request.syncToken, list);
    if (!check.ok) {
      const message =
        check.code === 'sync_token_expired'
          ? 'The sync token has expired; run a full sync without a syncToken.'
          : 'The sync token is not valid for this endpoint.';
      return ashbyFailure(check.code, message);
    }
    since = check.seq;
  }

  let page: ScanResult<T>;
  if (since === null) {
    page = source.scan(position, limit, filter);
  } else {
    const changed = source.changedBetween(since, watermark).filter((r) => !filter || filter(r));
    if (!request.cursor && changed.length > settings.maxIncrementalPages * limit) {
      return ashbyFailure(
        'incremental_sync_too_large',
        'Too many changes since this sync token; drop the token and run a full sync.',
      );
    }
    const end = position + limit;
    page = { items: changed.slice(position, end), next: end < changed.length ? end : null };
  }

  const results = page.items.map(serialize);
  if (page.next !== null) {
    const nextCursor = encodeOpaque({ l: list, p: page.next, w: watermark, s: since });
    return ashbySuccess(results, { moreDataAvailable: true, nextCursor });
  }
  return ashbySuccess(results, {
    moreDataAvailable: false,
    syncToken: settings.tokens.issue(list, watermark),
  });
}
