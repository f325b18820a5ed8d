import type { Client } from 'pg';

/** When the app handled one stage event, from its rows (epoch ms). */
export interface EventTimes {
  /** The stage_change_events row: the transaction that mirrored the move (the database trigger). */
  mirrored: number;
  /** Its webhook_deliveries row: the dispatcher's transaction. */
  queued: number;
  /** The first attempt's time, taken by the delivery worker just before its POST. */
  firstPost: number | null;
  attempts: number;
}

/**
 * Reads the app's timestamps of the given events. PostgreSQL stamps a row with the start of its
 * transaction, so a step measured between two rows carries the first one's commit.
 */
export async function readEventTimes(
  db: Client,
  eventIds: readonly string[],
): Promise<Map<string, EventTimes>> {
  const rows = await db.query<{
    id: string;
    mirrored: number;
    queued: number;
    first_attempt: string | null;
    attempts: number;
  }>(
    `SELECT e.id::text AS id,
            (extract(epoch FROM e.created_at) * 1000)::float8 AS mirrored,
            (extract(epoch FROM d.created_at) * 1000)::float8 AS queued,
            d.attempt_log -> 0 ->> 'at' AS first_attempt, d.attempts
     FROM stage_change_events e JOIN webhook_deliveries d ON d.event_id = e.id
     WHERE e.id = ANY($1::uuid[])`,
    [eventIds],
  );
  return new Map(
    rows.rows.map((r) => {
      const firstPost = r.first_attempt ? Date.parse(r.first_attempt) : NaN;
      return [
        r.id,
        {
          mirrored: r.mirrored,
          queued: r.queued,
          firstPost: Number.isFinite(firstPost) ? firstPost : null,
          attempts: r.attempts,
        },
      ];
    }),
  );
}
