import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { WebhookEvent } from '../../common/webhook-event';
import type { InboundWebhook, WebhookVerdict } from '../connector';
import { ghId } from './greenhouse.schemas';

/**
 * Greenhouse webhooks (ATS-APIS.md §2.9): `POST {action, payload}`, signed
 * `Signature: sha256 <hex>` (a space, not "=") with HMAC-SHA256(secret key, raw body), and a
 * `Greenhouse-Event-ID` to deduplicate on. Payloads keep v1's embedded shapes; only ids are read,
 * since the sync fetches the current state anyway.
 */

const APPLICATION_ACTIONS = new Set([
  'new_candidate_application',
  'new_prospect_application',
  'application_updated',
  'candidate_stage_change',
  'reject_candidate',
  'unreject_candidate',
  'hire_candidate',
  'unhire_candidate',
]);

const envelopeSchema = z.looseObject({
  action: z.string().min(1),
  payload: z.record(z.string(), z.unknown()).nullable().optional(),
});

const withId = z.looseObject({ id: ghId });

const applicationPayload = z.looseObject({
  application: z.looseObject({
    id: ghId,
    candidate_id: ghId.nullable().optional(),
    candidate: withId.nullable().optional(),
  }),
});
const candidatePayload = z.looseObject({ candidate: withId });
const personPayload = z.looseObject({ person: withId });
const mergePayload = z.looseObject({
  person: z.looseObject({ id: ghId, new_candidate_id: ghId }),
});
/** Exact keys are UNCONFIRMED: `application_id`, or an `application` object. */
const deletedApplicationPayload = z.union([
  z.looseObject({ application_id: ghId }).transform((p) => p.application_id),
  z.looseObject({ application: withId }).transform((p) => p.application.id),
]);
/** job_* and job_post_* events name the job directly or through the post / stage. */
const jobPayload = z.union([
  z.looseObject({ job: withId }).transform((p) => p.job.id),
  z.looseObject({ job_post: z.looseObject({ job_id: ghId }) }).transform((p) => p.job_post.job_id),
  z
    .looseObject({ job_interview_stage: z.looseObject({ job_id: ghId }) })
    .transform((p) => p.job_interview_stage.job_id),
  z.looseObject({ job_id: ghId }).transform((p) => p.job_id),
]);

export function parseGreenhouseWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict {
  if (!secret) return { ok: false, reason: 'no webhook secret is configured' };
  const signature = headerValue(webhook.headers, 'signature');
  const digest = signature ? /^sha256 ([0-9a-f]{64})$/i.exec(signature.trim())?.[1] : undefined;
  if (!digest) return { ok: false, reason: 'missing or malformed Signature header' };
  const expected = createHmac('sha256', secret).update(webhook.rawBody).digest();
  if (!timingSafeEqual(Buffer.from(digest, 'hex'), expected)) {
    return { ok: false, reason: 'signature does not match' };
  }

  let body: unknown;
  try {
    body = JSON.parse(webhook.rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) return { ok: false, reason: 'body is not {action, payload}' };
  const events = eventsOf(envelope.data.action, envelope.data.payload ?? {});
  if (!events.ok) return { ok: false, reason: `${envelope.data.action}: ${events.reason}` };
  return {
    ok: true,
    events: events.events,
    // The event id is not signed: a replay can change or drop it, never the body.
    deliveryId: headerValue(webhook.headers, 'greenhouse-event-id') ?? null,
    signed: { digest: createHash('sha256').update(webhook.rawBody).digest(), acceptedUntil: null },
  };
}

type Events = { ok: true; events: WebhookEvent[] } | { ok: false; reason: string };

function eventsOf(action: string, payload: Record<string, unknown>): Events {
  const read = <T>(schema: z.ZodType<T>, build: (value: T) => WebhookEvent[]): Events => {
    const parsed = schema.safeParse(payload);
    return parsed.success
      ? { ok: true, events: build(parsed.data) }
      : { ok: false, reason: 'payload lacks the ids this event needs' };
  };
  if (action === 'ping') return { ok: true, events: [{ kind: 'ping' }] };
  if (APPLICATION_ACTIONS.has(action)) {
    return read(applicationPayload, ({ application: a }) => [
      {
        kind: 'application_changed',
        applicationRemoteId: String(a.id),
        candidateRemoteId: idOrNull(a.candidate_id ?? a.candidate?.id),
      },
    ]);
  }
  switch (action) {
    case 'update_candidate':
    case 'candidate_anonymized':
      return read(candidatePayload, (p) => [
        { kind: 'candidate_changed', candidateRemoteId: String(p.candidate.id) },
      ]);
    case 'delete_candidate':
      return read(personPayload, (p) => [
        { kind: 'candidate_deleted', candidateRemoteId: String(p.person.id) },
      ]);
    case 'merge_candidate':
      // The payload is the losing record; `new_candidate_id` is the one that remains.
      return read(mergePayload, (p) => [
        {
          kind: 'candidate_merged',
          loserRemoteId: String(p.person.id),
          survivorRemoteId: String(p.person.new_candidate_id),
        },
      ]);
    case 'delete_application':
      return read(deletedApplicationPayload, (id) => [
        { kind: 'application_deleted', applicationRemoteId: String(id) },
      ]);
  }
  if (action.startsWith('job_')) {
    return read(jobPayload, (id) => [{ kind: 'job_changed', jobRemoteId: String(id) }]);
  }
  // Offers, scorecards, departments…: signed and well-formed, but nothing we mirror.
  return { ok: true, events: [] };
}

function idOrNull(id: number | null | undefined): string | null {
  return id === null || id === undefined ? null : String(id);
}

/** Header names are case-insensitive; a repeated header counts by its first value. */
function headerValue(headers: InboundWebhook['headers'], name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
