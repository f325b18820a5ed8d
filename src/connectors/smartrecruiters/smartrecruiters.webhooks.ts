import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { webhookEventSchema, type WebhookEvent } from '../../common/webhook-event';
import type { InboundWebhook, WebhookVerdict } from '../connector';
import { applicationRemoteId } from './smartrecruiters.mapper';
import { srWebhookBodySchema } from './smartrecruiters.schemas';

/**
 * SmartRecruiters notifications (ATS-APIS.md §3.8).
 *
 * - Activation handshake: SR POSTs `X-Hook-Secret` and wants it echoed with a 200. It comes
 *   before any secret key exists, so it is answered without one; echoing a value proves nothing
 *   and changes nothing.
 * - Events: `smartrecruiters-signature: v1=<hex>` (several, comma or semicolon separated, while
 *   keys rotate) = HMAC-SHA256(secret, `timestamp.body.eventId.eventName.eventVersion.link`)
 *   over the exact bytes received, absent headers counting as empty strings; compared in
 *   constant time. The timestamp must be fresh, so a captured delivery cannot be replayed later.
 * - Bodies hold ids only; the `Link rel="self"` URL names the resource when the body does not.
 */

/** How old a delivery may be. SR retries send a fresh timestamp and signature. */
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** How far ahead of our clock a timestamp may be (clock skew). */
export const FUTURE_SKEW_MS = 60_000;

const HOOK_SECRET = /^[\x21-\x7e]{1,1024}$/;
const SIGNATURE = /^v1=([0-9a-f]{64})$/i;

function header(webhook: InboundWebhook, name: string): string | null {
  for (const [key, value] of Object.entries(webhook.headers)) {
    if (key.toLowerCase() !== name || value === undefined) continue;
    return Array.isArray(value) ? value.join(',') : value;
  }
  return null;
}

/** True when one of the `v1=` entries is the HMAC of the signed string. */
export function verifySmartRecruitersSignature(
  signatures: string,
  signed: Buffer,
  secret: string,
): boolean {
  const expected = createHmac('sha256', secret).update(signed).digest();
  let matched = false;
  for (const entry of signatures.split(/[,;]/)) {
    const hex = SIGNATURE.exec(entry.trim())?.[1];
    if (!hex) continue;
    const given = Buffer.from(hex, 'hex');
    // Every entry is compared, so the time taken does not say which one matched.
    if (given.length === expected.length && timingSafeEqual(given, expected)) matched = true;
  }
  return matched;
}

/** `timestamp.body.eventId.eventName.eventVersion.link`, the body as the exact bytes received. */
export function signedPayload(
  webhook: InboundWebhook,
  parts: {
    timestamp: string;
    eventId: string;
    eventName: string;
    eventVersion: string;
    link: string;
  },
): Buffer {
  return Buffer.concat([
    Buffer.from(`${parts.timestamp}.`, 'utf8'),
    webhook.rawBody,
    Buffer.from(`.${parts.eventId}.${parts.eventName}.${parts.eventVersion}.${parts.link}`, 'utf8'),
  ]);
}

/** Candidate and job ids named by a resource URL (`/candidates/{id}/jobs/{jobId}`, `/jobs/{id}`). */
function idsFromLink(link: string): { candidateId: string | null; jobId: string | null } {
  const url = /<([^>]+)>/.exec(link)?.[1];
  let path = '';
  try {
    path = url ? new URL(url, 'http://link.invalid').pathname : '';
  } catch {
    path = '';
  }
  const segment = (pattern: RegExp): string | null => {
    const found = pattern.exec(path)?.[1];
    if (!found) return null;
    try {
      return decodeURIComponent(found);
    } catch {
      return null;
    }
  };
  return {
    candidateId: segment(/\/candidates\/([^/]+)/),
    jobId: segment(/\/jobs\/([^/]+)/),
  };
}

/** The events of one notification; null when a known event does not name what it is about. */
function eventsOf(
  name: string,
  body: { id?: string | null; candidateId?: string | null; jobId?: string | null },
  link: { candidateId: string | null; jobId: string | null },
): WebhookEvent[] | null {
  const family = name.split('.')[0];
  if (family === 'candidate') {
    const id = body.id ?? body.candidateId ?? link.candidateId;
    if (!id) return null;
    return name === 'candidate.deleted'
      ? [{ kind: 'candidate_deleted', candidateRemoteId: id }]
      : [{ kind: 'candidate_changed', candidateRemoteId: id }];
  }
  if (family === 'application') {
    const candidateId = body.candidateId ?? link.candidateId;
    const jobId = body.jobId ?? link.jobId;
    if (candidateId && jobId) {
      return [
        {
          kind: 'application_changed',
          applicationRemoteId: applicationRemoteId(candidateId, jobId),
          candidateRemoteId: candidateId,
        },
      ];
    }
    return candidateId ? [{ kind: 'candidate_changed', candidateRemoteId: candidateId }] : null;
  }
  if (family === 'job') {
    // job.ad.* bodies may name the ad: the job is the one in the resource URL.
    const id = body.jobId ?? link.jobId ?? body.id;
    return id ? [{ kind: 'job_changed', jobRemoteId: id }] : null;
  }
  // Authentic but not ours to act on (offers, reviews, positions…): acknowledged, nothing done.
  return [];
}

export function parseSmartRecruitersWebhook(
  webhook: InboundWebhook,
  secret: string,
  now: number,
): WebhookVerdict {
  const hookSecret = header(webhook, 'x-hook-secret');
  if (hookSecret !== null) {
    return HOOK_SECRET.test(hookSecret)
      ? { ok: true, handshake: { headers: { 'X-Hook-Secret': hookSecret } } }
      : { ok: false, reason: 'X-Hook-Secret is not a plain token' };
  }
  if (!secret) return { ok: false, reason: 'no webhook secret is configured for this connection' };
  const signatures = header(webhook, 'smartrecruiters-signature');
  if (!signatures) return { ok: false, reason: 'missing smartrecruiters-signature header' };
  const parts = {
    timestamp: header(webhook, 'smartrecruiters-timestamp') ?? '',
    eventId: header(webhook, 'event-id') ?? '',
    eventName: header(webhook, 'event-name') ?? '',
    eventVersion: header(webhook, 'event-version') ?? '',
    link: header(webhook, 'link') ?? '',
  };
  const signed = signedPayload(webhook, parts);
  if (!verifySmartRecruitersSignature(signatures, signed, secret)) {
    return { ok: false, reason: 'smartrecruiters-signature does not match the delivery' };
  }

  if (!/^\d{1,12}$/.test(parts.timestamp)) {
    return { ok: false, reason: 'smartrecruiters-timestamp is missing or not unix seconds' };
  }
  const sentAt = Number(parts.timestamp) * 1000;
  if (now - sentAt > REPLAY_WINDOW_MS)
    return { ok: false, reason: 'delivery is too old (replay?)' };
  if (sentAt - now > FUTURE_SKEW_MS)
    return { ok: false, reason: 'delivery is dated in the future' };
  if (!parts.eventName) return { ok: false, reason: 'missing event-name header' };

  let json: unknown = {};
  const text = webhook.rawBody.toString('utf8').trim();
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'body is not JSON' };
    }
  }
  const body = srWebhookBodySchema.safeParse(json);
  if (!body.success) return { ok: false, reason: 'body is not a SmartRecruiters notification' };
  const events = eventsOf(parts.eventName, body.data, idsFromLink(parts.link));
  if (!events) return { ok: false, reason: `${parts.eventName} names no resource` };
  const checked = webhookEventSchema.array().safeParse(events);
  if (!checked.success) return { ok: false, reason: `${parts.eventName}: ids are not usable` };
  return {
    ok: true,
    events: checked.data,
    deliveryId: parts.eventId || null,
    // The signed string holds the timestamp: past the replay window the check above refuses it.
    signed: {
      digest: createHash('sha256').update(signed).digest(),
      acceptedUntil: sentAt + REPLAY_WINDOW_MS,
    },
  };
}
