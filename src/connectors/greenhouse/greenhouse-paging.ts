import { z } from 'zod';

/**
 * What a Greenhouse stream keeps between pages and between runs.
 *
 * The page cursor we hand the sync is opaque (base64url JSON, validated on the way back): the
 * vendor's `cursor` of the next link, the vendor time the stream's first page was answered, and
 * how often the stream had to restart because Greenhouse refused a stale cursor.
 *
 * The incremental state is `{ since }`: the vendor's clock (the `Date` header) when the stream's
 * first page was answered in the last successful run. Any change committed after that moment has
 * `updated_at >= since`, whatever order the pages were read in — which the maximum `updated_at`
 * seen does not guarantee (a record changed mid-scan behind the read position, while a later page
 * holds a newer timestamp, would be missed). The vendor's clock, not ours, so skew between the
 * two cannot open a gap. Requests then ask for `updated_at=gte|since − overlap`: duplicates are
 * harmless, misses are not.
 */

/** Re-read this much before `since`: Greenhouse's own clocks and commit order are not exact. */
export const INCREMENTAL_OVERLAP_MS = 60_000;
/** A stale cursor restarts its stream; past this, something else is wrong. */
export const MAX_RESTARTS = 2;

export interface StreamCursor {
  /** The `cursor` parameter of Greenhouse's `rel="next"` link. */
  vendorCursor: string;
  /** Vendor time (epoch ms) the stream's first page was answered. */
  startedAt: number;
  restarts: number;
}

const cursorSchema = z.object({
  v: z.literal(1),
  c: z.string().min(1).max(4096),
  s: z.number().int().nonnegative(),
  r: z.number().int().min(0).max(MAX_RESTARTS),
});

export function encodeCursor(cursor: StreamCursor): string {
  const payload = { v: 1, c: cursor.vendorCursor, s: cursor.startedAt, r: cursor.restarts };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours (the stream then starts over). */
export function decodeCursor(encoded: string): StreamCursor | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) return null;
  return { vendorCursor: parsed.data.c, startedAt: parsed.data.s, restarts: parsed.data.r };
}

const stateSchema = z.object({ since: z.iso.datetime({ offset: true }) });

/** The `updated_at` filter for an incremental read, or null to read the whole stream. */
export function updatedSinceFilter(state: Record<string, unknown>): string | null {
  const parsed = stateSchema.safeParse(state);
  if (!parsed.success) return null;
  const from = Date.parse(parsed.data.since) - INCREMENTAL_OVERLAP_MS;
  return `gte|${new Date(from).toISOString()}`;
}

/** The state to keep once the run succeeds: where the next incremental run starts. */
export function completeState(startedAt: number): { since: string } {
  return { since: new Date(startedAt).toISOString() };
}
