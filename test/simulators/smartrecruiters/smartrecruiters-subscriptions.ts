/**
 * Webhook subscriptions (webhooks-api v201907): created inactive; activation runs the
 * `X-Hook-Secret` handshake (the receiver must answer 200 echoing the header within 20 s);
 * secret keys rotate with the old key still signing for 24 h, at most 16 kept.
 */
import { randomUUID } from 'node:crypto';
import { randomToken } from '../common/hmac';
import { postJson } from '../common/webhook-sender';
import type { SimulatorClock } from '../common/clock';

export const SMARTRECRUITERS_EVENTS = [
  'candidate.created',
  'candidate.updated',
  'candidate.deleted',
  'application.created',
  'application.status.updated',
  'job.created',
  'job.updated',
  'job.status.updated',
] as const;

export type SmartRecruitersEvent = (typeof SMARTRECRUITERS_EVENTS)[number];

/** The version each event is sent with (UNCONFIRMED; the docs show `v1` and `v201910`). */
export const DEFAULT_EVENT_VERSION = 'v1';
export const MAX_SUBSCRIPTIONS_PER_CREDENTIAL = 20;
const MAX_KEYS = 16;
const OLD_KEY_GRACE_MS = 24 * 3600 * 1000;

export interface SecretKey {
  secret: string;
  createdAt: number;
}

export interface Subscription {
  id: string;
  ownerId: string;
  callbackUrl: string;
  events: Array<{ name: SmartRecruitersEvent; version: string }>;
  status: 'inactive' | 'active';
  alertingEmailAddress: string | null;
  createdOn: number;
  /** Newest last. */
  keys: SecretKey[];
}

export type HandshakeResult = { ok: true } | { ok: false; reason: string };

export class SubscriptionStore {
  private readonly subscriptions = new Map<string, Subscription>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly handshakeTimeoutMs: number,
  ) {}

  all(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  get(id: string): Subscription | undefined {
    return this.subscriptions.get(id);
  }

  countOwnedBy(ownerId: string): number {
    return this.all().filter((s) => s.ownerId === ownerId).length;
  }

  create(
    ownerId: string,
    callbackUrl: string,
    events: SmartRecruitersEvent[],
    alertingEmailAddress: string | null,
  ): Subscription {
    const subscription: Subscription = {
      id: randomUUID(),
      ownerId,
      callbackUrl,
      events: events.map((name) => ({ name, version: DEFAULT_EVENT_VERSION })),
      status: 'inactive',
      alertingEmailAddress,
      createdOn: this.clock.now(),
      keys: [],
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  delete(id: string): boolean {
    return this.subscriptions.delete(id);
  }

  /** POSTs `X-Hook-Secret` to the callback; activates only on 200 with the secret echoed. */
  async activate(subscription: Subscription): Promise<HandshakeResult> {
    const secret = randomToken(24);
    const result = await postJson(
      subscription.callbackUrl,
      { 'X-Hook-Secret': secret, 'content-type': 'application/json' },
      '{}',
      this.handshakeTimeoutMs,
    );
    if (result.status === null)
      return { ok: false, reason: `callback unreachable: ${result.error ?? 'no response'}` };
    if (result.status !== 200)
      return { ok: false, reason: `callback answered ${result.status}, expected 200` };
    if (result.headers['x-hook-secret'] !== secret)
      return { ok: false, reason: 'callback did not echo X-Hook-Secret' };
    subscription.status = 'active';
    return { ok: true };
  }

  rotateKey(subscription: Subscription): string {
    const key = { secret: randomToken(32), createdAt: this.clock.now() };
    subscription.keys.push(key);
    if (subscription.keys.length > MAX_KEYS) subscription.keys.shift();
    return key.secret;
  }

  /** Keys that sign a delivery now: the newest, plus older ones within their 24 h grace. */
  signingKeys(subscription: Subscription): string[] {
    const now = this.clock.now();
    const newest = subscription.keys[subscription.keys.length - 1];
    if (!newest) return [];
    const replacedAt = (i: number): number => subscription.keys[i + 1]?.createdAt ?? Infinity;
    const older = subscription.keys
      .slice(0, -1)
      .filter((_, i) => now - replacedAt(i) < OLD_KEY_GRACE_MS)
      .map((k) => k.secret);
    return [newest.secret, ...older];
  }
}
