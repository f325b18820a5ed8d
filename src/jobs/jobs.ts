import { z } from 'zod';
import { webhookEventSchema } from '../common/webhook-event';

/**
 * Every background job the app runs, as one discriminated union on `type`. Payloads carry ids,
 * never entities; the schema rejects anything a worker should not trust.
 */
export const jobSchema = z.discriminatedUnion('type', [
  /** "Candidate changed" events, batched: rebuild or remove these candidates' search documents. */
  z.object({
    type: z.literal('index-candidates'),
    organizationId: z.uuid(),
    candidateIds: z.array(z.uuid()).min(1).max(1000),
    /** Part of a large load (a full sync): searchable shortly after, not per call (IndexOptions). */
    bulk: z.boolean().optional(),
  }),
  /**
   * A connection's filterable custom fields changed: rebuild its candidates' search documents
   * (connection-reindex.ts). `generation` is the request's; an older one is superseded.
   */
  z.object({
    type: z.literal('reindex-connection'),
    organizationId: z.uuid(),
    connectionId: z.uuid(),
    generation: z.int().positive(),
  }),
  /** Run (or resume) one sync run to its end. */
  z.object({ type: z.literal('sync-connection'), syncRunId: z.uuid() }),
  /** Run (or resume) one export to its end. */
  z.object({ type: z.literal('run-export'), exportJobId: z.uuid() }),
  /** Profiles were imported or changed: rematch the candidates they could concern. */
  z.object({
    type: z.literal('match-profiles'),
    organizationId: z.uuid(),
    profileIds: z.array(z.uuid()).min(1).max(1000),
  }),
  /** Write a note the ATS could not take when it was added. */
  z.object({ type: z.literal('write-note'), noteId: z.uuid() }),
  /** Apply the events of one verified inbound webhook. */
  z.object({
    type: z.literal('apply-webhook'),
    connectionId: z.uuid(),
    events: z.array(webhookEventSchema).min(1).max(100),
  }),
]);

export type AppJob = z.infer<typeof jobSchema>;

export const parseJob = (data: unknown): AppJob => jobSchema.parse(data);
