import type { EntityManager } from 'typeorm';
import type { ConnectionSettings } from '../entities/connection.entity';
import type { AppJob } from '../jobs/jobs';
import type { JobQueue } from '../jobs/job-queue';

/**
 * Whether a settings change changes which custom fields are indexed (order and repeats aside):
 * then the connection's search documents must be rebuilt.
 */
export function filterableFieldsChanged(
  before: ConnectionSettings,
  after: ConnectionSettings,
): boolean {
  const a = new Set(before.filterableCustomFields ?? []);
  const b = new Set(after.filterableCustomFields ?? []);
  return a.size !== b.size || [...a].some((field) => !b.has(field));
}

/**
 * Queues the reindex of a connection's candidates in the caller's transaction (the settings
 * change and its job commit together or not at all): the next generation of the connection's
 * searchReindex state, QUEUED, and a `reindex-connection` job for it. An older job still
 * queued or running sees the new generation and stops; the new one covers its work.
 */
export async function requestSearchReindex(
  manager: EntityManager,
  queue: JobQueue<AppJob>,
  organizationId: string,
  connectionId: string,
): Promise<number> {
  // A SELECT around the UPDATE: TypeORM answers an UPDATE with [rows, count], a SELECT with rows.
  const rows = await manager.query<{ generation: number }[]>(
    `WITH requested AS (
       UPDATE connections SET search_reindex = jsonb_build_object(
         'state', 'QUEUED',
         'generation', coalesce((search_reindex ->> 'generation')::int, 0) + 1,
         'processed', 0, 'total', NULL, 'requestedAt', to_jsonb(now()),
         'startedAt', NULL, 'finishedAt', NULL, 'error', NULL, 'checkpoint', NULL)
       WHERE id = $1::uuid AND organization_id = $2::uuid
       RETURNING (search_reindex ->> 'generation')::int AS generation
     )
     SELECT generation FROM requested`,
    [connectionId, organizationId],
  );
  const generation = rows[0]?.generation;
  if (generation === undefined) throw new Error(`no connection ${connectionId} to reindex`);
  await queue.send(
    { type: 'reindex-connection', organizationId, connectionId, generation },
    { transaction: manager, retryLimit: 5 },
  );
  return generation;
}
