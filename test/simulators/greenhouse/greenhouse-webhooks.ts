/**
 * Greenhouse webhooks: configured only in the UI (here: the harness), each for a set of events.
 * Saving one sends a `ping`; a failed ping leaves it disabled. Deliveries are `{action, payload}`
 * with unicode escaped, signed `Signature: sha256 <hex>` (a space, not "=") and carrying a
 * `Greenhouse-Event-ID`. A merge fires merge_candidate instead of delete_candidate.
 */
import { randomUUID } from 'node:crypto';
import { asciiJson } from '../common/ascii-json';
import type { DatasetEvent } from '../common/dataset-events';
import { hmacSha256Hex } from '../common/hmac';
import { postJson, type WebhookSender } from '../common/webhook-sender';
import type { NeutralApplication } from '../generator';
import type { GreenhouseWebhookPayloads } from './greenhouse-webhook-payloads';

export const GREENHOUSE_WEBHOOK_EVENTS = [
  'new_candidate_application',
  'new_prospect_application',
  'candidate_stage_change',
  'hire_candidate',
  'reject_candidate',
  'update_candidate',
  'delete_candidate',
  'merge_candidate',
  'job_created',
  'job_updated',
] as const;

export type GreenhouseWebhookEvent = (typeof GREENHOUSE_WEBHOOK_EVENTS)[number];

export interface GreenhouseWebhookRegistration {
  url: string;
  secret: string;
  /** Events to receive; default all. */
  events?: readonly GreenhouseWebhookEvent[];
}

export interface GreenhouseWebhook {
  id: number;
  url: string;
  secret: string;
  events: ReadonlySet<GreenhouseWebhookEvent>;
  enabled: boolean;
}

export class GreenhouseWebhooks {
  private readonly hooks: GreenhouseWebhook[] = [];

  constructor(
    private readonly sender: WebhookSender,
    private readonly payloads: GreenhouseWebhookPayloads,
  ) {}

  list(): GreenhouseWebhook[] {
    return [...this.hooks];
  }

  /** Saves a webhook; it is enabled only if the ping answers 2xx. */
  async register(registration: GreenhouseWebhookRegistration): Promise<GreenhouseWebhook> {
    const hook: GreenhouseWebhook = {
      id: 7000 + this.hooks.length + 1,
      url: registration.url,
      secret: registration.secret,
      events: new Set(registration.events ?? GREENHOUSE_WEBHOOK_EVENTS),
      enabled: false,
    };
    const { body, headers } = this.sign(hook, 'ping', { web_hook_id: hook.id });
    const result = await postJson(hook.url, headers, body, 5000);
    hook.enabled = result.status !== null && result.status >= 200 && result.status < 300;
    this.hooks.push(hook);
    return hook;
  }

  unregister(id: number): void {
    const index = this.hooks.findIndex((h) => h.id === id);
    if (index >= 0) this.hooks.splice(index, 1);
  }

  handle(event: DatasetEvent): void {
    switch (event.type) {
      case 'candidate.created':
        for (const app of event.applications) this.newApplication(app);
        return;
      case 'application.created':
        this.newApplication(event.application);
        return;
      case 'application.stageChanged':
        this.fire(
          event.application.status === 'HIRED' ? 'hire_candidate' : 'candidate_stage_change',
          {
            application: this.payloads.application(event.application),
          },
        );
        return;
      case 'application.rejected':
        this.fire('reject_candidate', {
          application: this.payloads.application(event.application),
        });
        return;
      case 'candidate.updated':
        this.fire('update_candidate', { candidate: this.payloads.candidate(event.candidate) });
        return;
      case 'candidate.deleted':
        this.fire('delete_candidate', {
          person: this.payloads.person(
            event.candidate,
            event.applications.map((a) => a.key),
          ),
        });
        return;
      case 'candidates.merged':
        this.fire('merge_candidate', {
          person: {
            ...this.payloads.person(event.loser, []),
            new_candidate_id: this.payloads.candidate(event.survivor)['id'],
          },
        });
        return;
      case 'job.created':
        this.fire('job_created', { job: this.payloads.job(event.job) });
        return;
      case 'job.updated':
        this.fire('job_updated', { job: this.payloads.job(event.job) });
        return;
    }
  }

  private newApplication(app: NeutralApplication): void {
    const event = app.prospect ? 'new_prospect_application' : 'new_candidate_application';
    this.fire(event, { application: this.payloads.application(app) });
  }

  private fire(action: GreenhouseWebhookEvent, payload: Record<string, unknown>): void {
    for (const hook of this.hooks) {
      if (!hook.enabled || !hook.events.has(action)) continue;
      const { body, headers } = this.sign(hook, action, payload);
      this.sender.send({
        receiverId: String(hook.id),
        url: hook.url,
        event: action,
        body,
        headers,
      });
    }
  }

  private sign(
    hook: GreenhouseWebhook,
    action: string,
    payload: Record<string, unknown>,
  ): { body: string; headers: Record<string, string> } {
    const body = asciiJson({ action, payload });
    return {
      body,
      headers: {
        'content-type': 'application/json',
        // Exact user agent is UNCONFIRMED.
        'user-agent': 'Greenhouse-Webhook/1.0 (simulator)',
        Signature: `sha256 ${hmacSha256Hex(hook.secret, body)}`,
        'Greenhouse-Event-ID': randomUUID(),
      },
    };
  }
}
