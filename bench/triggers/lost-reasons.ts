import type { Client } from 'pg';
import type { ExpectedDelivery } from './delivery-ledger';

/** Why expected deliveries did not arrive, from the app's rows: reason → count. */
export type LostReasons = Map<string, number>;

interface LostRow {
  row_stage: string | null;
  event_id: string | null;
  published_at: Date | null;
  state: string | null;
  attempts: number | null;
  last_error: string | null;
}

/**
 * Looks each missing delivery up in the app's rows (at most `limit` of them): did the mirrored
 * application enter the stage, was a stage event written and dispatched, what became of its
 * delivery.
 */
export async function lostReasons(
  db: Client,
  connectionId: string,
  lost: readonly ExpectedDelivery[],
  limit = 200,
): Promise<LostReasons> {
  const reasons: LostReasons = new Map();
  for (const e of lost.slice(0, limit)) {
    const found = await db.query<LostRow>(
      `SELECT a.stage_name AS row_stage, e.id::text AS event_id, e.published_at,
              d.state, d.attempts, d.last_error
       FROM applications a
       LEFT JOIN stage_change_events e ON e.application_id = a.id AND e.stage = $3
         AND e.created_at >= to_timestamp($4 / 1000.0) - interval '1 second'
       LEFT JOIN webhook_deliveries d ON d.event_id = e.id
       WHERE a.connection_id = $1 AND a.remote_id = $2
       ORDER BY e.created_at NULLS LAST LIMIT 1`,
      [connectionId, e.applicationRemoteId, e.stageName, e.movedAt],
    );
    const reason = describe(found.rows[0], e.stageName);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  }
  if (lost.length > limit) reasons.set(`(${lost.length - limit} more not looked up)`, 0);
  return reasons;
}

function describe(row: LostRow | undefined, stage: string): string {
  if (!row) return 'the application is not mirrored';
  if (!row.event_id)
    return row.row_stage === stage
      ? 'the row shows the stage, but no stage event was written'
      : 'the mirrored row never entered the stage';
  if (!row.published_at) return 'stage event written, never dispatched';
  if (!row.state) return 'stage event dispatched, no delivery queued';
  if (row.state === 'PENDING')
    return `delivery still pending after ${row.attempts ?? 0} attempts (${row.last_error ?? 'not tried yet'})`;
  if (row.state === 'FAILED') return `delivery failed: ${row.last_error ?? 'no error kept'}`;
  return 'the app marked it delivered, the partner has no verified receipt';
}
