import { z } from 'zod';

/**
 * What a SmartRecruiters list stream keeps between pages and between runs.
 *
 * The page cursor handed to the sync is opaque (base64url JSON, validated on the way back): SR's
 * `nextPageId`, the `updatedAfter` filter of this run (SR wants the filters again with every
 * page), the vendor's clock when the first page was answered, and the newest `updatedOn` seen.
 *
 * SR has no sync token (§3.3): the incremental state is a high-water mark, `{ highWaterMark }`.
 * It is the newest `updatedOn` the run saw, capped at the vendor time the run started: a record
 * changed mid-run behind the read position has `updatedOn` ≥ that start, so the cap keeps it
 * inside the next run's window even when a later page held a newer record. Without a `Date`
 * header the newest `updatedOn` alone is kept. Runs then ask for `updatedAfter = mark − overlap`
 * (the candidate list is a search index that may lag behind writes): re-reading is harmless,
 * missing is not.
 */

/** Re-read this much before the mark (index lag, clock differences between SR's servers). */
export const INCREMENTAL_OVERLAP_MS = 5 * 60_000;

export interface ListCursor {
  /** SR's `nextPageId` (user-api: `page_id`). */
  pageId: string;
  /** The `updatedAfter` filter every page of this run is asked with; null for a full read. */
  updatedAfter: string | null;
  /** Vendor time (epoch ms) the run's first page was answered. */
  startedAt: number | null;
  /** Newest `updatedOn` seen so far in this run (epoch ms). */
  newest: number | null;
}

const cursorSchema = z.object({
  v: z.literal(1),
  p: z.string().min(1).max(4096),
  a: z.iso.datetime({ offset: true }).nullable(),
  s: z.number().int().nonnegative().nullable(),
  n: z.number().int().nonnegative().nullable(),
});

export function encodeCursor(cursor: ListCursor): string {
  const payload = {
    v: 1,
    p: cursor.pageId,
    a: cursor.updatedAfter,
    s: cursor.startedAt,
    n: cursor.newest,
  };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours (the stream then starts over). */
export function decodeCursor(encoded: string): ListCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return null;
  const { p, a, s, n } = parsed.data;
  return { pageId: p, updatedAfter: a, startedAt: s, newest: n };
}

const stateSchema = z.object({ highWaterMark: z.iso.datetime({ offset: true }) });

/** The mark of the last successful run, or null (first run, or state not ours). */
export function highWaterMarkOf(state: Record<string, unknown>): number | null {
  const parsed = stateSchema.safeParse(state);
  return parsed.success ? Date.parse(parsed.data.highWaterMark) : null;
}

/** The `updatedAfter` to send for an incremental run, or null to read the whole list. */
export function updatedAfterFor(state: Record<string, unknown>): string | null {
  const mark = highWaterMarkOf(state);
  return mark === null ? null : new Date(mark - INCREMENTAL_OVERLAP_MS).toISOString();
}

/** The newest of two times, either possibly unknown. */
export function newer(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.max(a, b);
}

/** `Date.parse` that says null instead of NaN. */
export function epochOf(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * The state to keep once the run succeeds (see the file comment); null when nothing is known,
 * so the next run reads everything.
 */
export function completeState(
  cursor: Pick<ListCursor, 'startedAt' | 'newest'>,
  previous: Record<string, unknown>,
): { highWaterMark: string } | null {
  // Never behind the previous mark: everything up to it was read by the run that set it.
  const seen = newer(cursor.newest, highWaterMarkOf(previous));
  const { startedAt } = cursor;
  const mark = seen === null ? startedAt : startedAt === null ? seen : Math.min(seen, startedAt);
  return mark === null ? null : { highWaterMark: new Date(mark).toISOString() };
}
