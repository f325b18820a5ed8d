import { z } from 'zod';

/**
 * What an inbound webhook asks the sync to do, once a connector has verified and read it.
 * Ids, and at most one vendor object whose own timestamp says whether it is current. A zod schema, since
 * the events travel through the job queue.
 */
export const webhookEventSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ping') }),
  z.object({ kind: z.literal('candidate_changed'), candidateRemoteId: z.string().min(1).max(128) }),
  z.object({ kind: z.literal('candidate_deleted'), candidateRemoteId: z.string().min(1).max(128) }),
  z.object({
    kind: z.literal('candidate_merged'),
    loserRemoteId: z.string().min(1).max(128),
    survivorRemoteId: z.string().min(1).max(128),
  }),
  z.object({
    kind: z.literal('application_changed'),
    applicationRemoteId: z.string().min(1).max(128),
    candidateRemoteId: z.string().min(1).max(128).nullable(),
    /**
     * The vendor's full application object, where the delivery carries one (Ashby). Applied
     * without a call when it is not older than the mirrored row; otherwise state is fetched.
     */
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
  z.object({
    kind: z.literal('application_deleted'),
    applicationRemoteId: z.string().min(1).max(128),
  }),
  z.object({ kind: z.literal('job_changed'), jobRemoteId: z.string().min(1).max(128) }),
]);

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
