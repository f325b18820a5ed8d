import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { InboundWebhook, WebhookEvent, WebhookVerdict } from '../connector';
import { ashbyWebhookBodySchema, ashbyWebhookDataSchemas } from './ashby.schemas';

/**
 * Ashby webhook deliveries (ATS-APIS.md §1.8): `Ashby-Signature: sha256=<hex HMAC-SHA256(secret,
 * raw body)>` checked in constant time over the exact bytes received, then `{webhookActionId,
 * action, data}` read into events. Ids only: the sync fetches current state.
 */

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;

const APPLICATION_ACTIONS = new Set([
  'applicationSubmit',
  'applicationUpdate',
  'candidateStageChange',
  'candidateHire',
]);
const JOB_ACTIONS = new Set(['jobCreate', 'jobUpdate']);
const JOB_POSTING_ACTIONS = new Set([
  'jobPostingUpdate',
  'jobPostingPublish',
  'jobPostingUnpublish',
]);

function header(webhook: InboundWebhook, name: string): string | null {
  for (const [key, value] of Object.entries(webhook.headers)) {
    if (key.toLowerCase() !== name) continue;
    const first = Array.isArray(value) ? value[0] : value;
    return first ?? null;
  }
  return null;
}

export function verifyAshbySignature(
  rawBody: Buffer,
  signature: string | null,
  secret: string,
): boolean {
  const match = signature ? SIGNATURE.exec(signature.trim()) : null;
  if (!match?.[1]) return false;
  const given = Buffer.from(match[1], 'hex');
  const expected = createHmac('sha256', secret).update(rawBody).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The events of one action; null when a known action's data is not what Ashby sends. */
function eventsOf(action: string, data: unknown): WebhookEvent[] | null {
  if (action === 'ping') return [{ kind: 'ping' }];
  if (APPLICATION_ACTIONS.has(action)) {
    const parsed = ashbyWebhookDataSchemas.application.safeParse(data);
    if (!parsed.success) return null;
    const { application } = parsed.data;
    return [
      {
        kind: 'application_changed',
        applicationRemoteId: application.id,
        candidateRemoteId: application.candidate?.id ?? null,
        // The full Application object (§1.8): applied without a call when it is current.
        payload: { ...application },
      },
    ];
  }
  if (action === 'candidateDelete') {
    const parsed = ashbyWebhookDataSchemas.candidateDelete.safeParse(data);
    return parsed.success
      ? [{ kind: 'candidate_deleted', candidateRemoteId: parsed.data.candidate.id }]
      : null;
  }
  if (action === 'candidateMerge') {
    const parsed = ashbyWebhookDataSchemas.candidateMerge.safeParse(data);
    return parsed.success
      ? [
          {
            kind: 'candidate_merged',
            loserRemoteId: parsed.data.deletedCandidate.id,
            survivorRemoteId: parsed.data.mergedCandidate.id,
          },
        ]
      : null;
  }
  if (JOB_ACTIONS.has(action)) {
    const parsed = ashbyWebhookDataSchemas.job.safeParse(data);
    return parsed.success ? [{ kind: 'job_changed', jobRemoteId: parsed.data.job.id }] : null;
  }
  if (JOB_POSTING_ACTIONS.has(action)) {
    const parsed = ashbyWebhookDataSchemas.jobPosting.safeParse(data);
    return parsed.success
      ? [{ kind: 'job_changed', jobRemoteId: parsed.data.jobPosting.jobId }]
      : null;
  }
  // Authentic but not ours to act on (offers, interviews, surveys…): acknowledge, do nothing,
  // so Ashby does not retry it.
  return [];
}

export function parseAshbyWebhook(webhook: InboundWebhook, secret: string): WebhookVerdict {
  if (!secret) return { ok: false, reason: 'no webhook secret is configured for this connection' };
  const signature = header(webhook, 'ashby-signature');
  if (!signature) return { ok: false, reason: 'missing Ashby-Signature header' };
  if (!verifyAshbySignature(webhook.rawBody, signature, secret)) {
    return { ok: false, reason: 'Ashby-Signature does not match the body' };
  }

  let json: unknown;
  try {
    json = JSON.parse(webhook.rawBody.toString('utf8'));
  } catch {
    return { ok: false, reason: 'body is not JSON' };
  }
  const body = ashbyWebhookBodySchema.safeParse(json);
  if (!body.success) return { ok: false, reason: 'body is not an Ashby webhook delivery' };
  const { webhookActionId, action, data } = body.data;
  const events = eventsOf(action, data);
  if (!events) return { ok: false, reason: `unexpected data for ${action}` };
  // Related webhooks share one webhookActionId; the action tells them apart (§1.8).
  return {
    ok: true,
    events,
    deliveryId: `${webhookActionId}:${action}`,
    // Ashby signs no timestamp: nothing dates a delivery.
    signed: { digest: createHash('sha256').update(webhook.rawBody).digest(), acceptedUntil: null },
  };
}
