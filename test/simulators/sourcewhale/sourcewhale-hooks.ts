/**
 * Zapier-style REST hooks. SourceWhale documents neither event names nor payloads nor signing,
 * so these are the simulator's own: unsigned JSON `{event, candidate}` POSTs for
 * `candidate_added`, `candidate_updated` and `candidate_stage_changed`.
 */
import type { WebhookSender } from '../common/webhook-sender';

export const SOURCEWHALE_HOOK_EVENTS = [
  'candidate_added',
  'candidate_updated',
  'candidate_stage_changed',
] as const;
export type SourceWhaleHookEvent = (typeof SOURCEWHALE_HOOK_EVENTS)[number];

export interface SourceWhaleHookSubscription {
  id: string;
  url: string;
  /** An event name, or anything else to receive every event. */
  subscriptionType: string;
}

export class SourceWhaleHooks {
  readonly subscriptions = new Map<string, SourceWhaleHookSubscription>();

  constructor(private readonly sender: WebhookSender) {}

  subscribe(url: string, subscriptionType: string, id: string): string {
    this.subscriptions.set(id, { id, url, subscriptionType });
    return id;
  }

  unsubscribe(id: string): boolean {
    return this.subscriptions.delete(id);
  }

  fire(event: SourceWhaleHookEvent, candidate: Record<string, unknown>): void {
    const body = JSON.stringify({ event, candidate });
    for (const hook of this.subscriptions.values()) {
      const wanted = (SOURCEWHALE_HOOK_EVENTS as readonly string[]).includes(hook.subscriptionType)
        ? hook.subscriptionType === event
        : true;
      if (wanted)
        this.sender.send({
          receiverId: hook.id,
          url: hook.url,
          event,
          body,
          headers: { 'content-type': 'application/json' },
        });
    }
  }
}
