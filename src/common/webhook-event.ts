import { z } from 'zod';

/**
 * What an inbound webhook asks the sync to do, once a connector has verified and read it.
 * Ids only: the sync fetches current state rather than trusting a payload. A zod schema, since
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
  }),
  z.object({
    kind: z.literal('application_deleted'),
    applicationRemoteId: z.string().min(1).max(128),
  }),
  z.object({ kind: z.literal('job_changed'), jobRemoteId: z.string().min(1).max(128) }),
]);

export type WebhookEvent = z.infer<typeof webhookEventSchema>;
