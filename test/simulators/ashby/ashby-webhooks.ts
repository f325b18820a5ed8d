/**
 * Ashby webhooks: one subscription per webhook type (as upstream), deliveries of
 * `{webhookActionId, action, data}` signed `Ashby-Signature: sha256=<hex HMAC of the raw body>`,
 * and the related-webhook rule: one action (say a stage change) fires every related type with
 * the same `webhookActionId`. There is no candidate-profile webhook upstream, so profile edits
 * send nothing.
 */
import { randomUUID } from 'node:crypto';
import type { DatasetEvent } from '../common/dataset-events';
import { hmacSha256Hex } from '../common/hmac';
import type { IdRegistry } from '../common/id-registry';
import type { WebhookSender } from '../common/webhook-sender';
import type { NeutralApplication } from '../generator';
import type { AshbySerializer } from './ashby-serializers';

export const ASHBY_WEBHOOK_TYPES = [
  'applicationSubmit',
  'applicationUpdate',
  'candidateHire',
  'candidateStageChange',
  'candidateDelete',
  'candidateMerge',
  'jobCreate',
  'jobUpdate',
] as const;

export type AshbyWebhookType = (typeof ASHBY_WEBHOOK_TYPES)[number];

export interface AshbyWebhook {
  id: string;
  webhookType: AshbyWebhookType;
  requestUrl: string;
  secretToken: string;
  enabled: boolean;
}

/** A receiver configured "in the Ashby UI" by a test. */
export interface AshbyWebhookRegistration {
  url: string;
  secret: string;
  /** Types to subscribe; default all. */
  events?: readonly AshbyWebhookType[];
}

export const SIGNATURE_HEADER = 'Ashby-Signature';

export class AshbyWebhooks {
  private readonly hooks = new Map<string, AshbyWebhook>();

  constructor(
    private readonly sender: WebhookSender,
    private readonly serializer: AshbySerializer,
    private readonly ids: IdRegistry<string>,
  ) {}

  list(): AshbyWebhook[] {
    return [...this.hooks.values()];
  }

  get(id: string): AshbyWebhook | undefined {
    return this.hooks.get(id);
  }

  create(webhookType: AshbyWebhookType, requestUrl: string, secretToken: string): AshbyWebhook {
    const hook: AshbyWebhook = {
      id: randomUUID(),
      webhookType,
      requestUrl,
      secretToken,
      enabled: true,
    };
    this.hooks.set(hook.id, hook);
    return hook;
  }

  update(
    id: string,
    patch: Partial<Pick<AshbyWebhook, 'enabled' | 'requestUrl' | 'secretToken'>>,
  ): AshbyWebhook | undefined {
    const hook = this.hooks.get(id);
    if (!hook) return undefined;
    Object.assign(hook, patch);
    return hook;
  }

  delete(id: string): boolean {
    return this.hooks.delete(id);
  }

  register(registration: AshbyWebhookRegistration): AshbyWebhook[] {
    return (registration.events ?? ASHBY_WEBHOOK_TYPES).map((type) =>
      this.create(type, registration.url, registration.secret),
    );
  }

  /** The `ping` Ashby sends when a webhook is saved. */
  ping(hook: AshbyWebhook): void {
    this.deliver(hook, 'ping', randomUUID(), { webhookActionType: 'ping' });
  }

  handle(event: DatasetEvent): void {
    switch (event.type) {
      case 'candidate.created':
        for (const app of event.applications) this.applicationEvent(['applicationSubmit'], app);
        return;
      case 'application.created':
        this.applicationEvent(['applicationSubmit'], event.application);
        return;
      case 'application.stageChanged':
        this.applicationEvent(
          event.application.status === 'HIRED'
            ? ['candidateHire', 'candidateStageChange', 'applicationUpdate']
            : ['candidateStageChange', 'applicationUpdate'],
          event.application,
        );
        return;
      case 'application.rejected':
        this.applicationEvent(['candidateStageChange', 'applicationUpdate'], event.application);
        return;
      case 'candidate.deleted':
        this.fire(['candidateDelete'], {
          candidate: { id: this.ids.ensure('candidate', event.candidate.key) },
        });
        return;
      case 'candidates.merged':
        this.fire(['candidateMerge'], {
          deletedCandidate: { id: this.ids.ensure('candidate', event.loser.key) },
          mergedCandidate: { id: this.ids.ensure('candidate', event.survivor.key) },
        });
        return;
      case 'job.created':
        this.fire(['jobCreate'], { job: this.serializer.job(event.job) });
        return;
      case 'job.updated':
        this.fire(['jobUpdate'], { job: this.serializer.job(event.job) });
        return;
      case 'candidate.updated':
        return;
    }
  }

  private applicationEvent(types: AshbyWebhookType[], app: NeutralApplication): void {
    // Ashby applications always belong to a job; job-less prospect records are not served.
    if (app.jobKey === null) return;
    this.fire(types, { application: this.serializer.application(app) });
  }

  /** Related types share one webhookActionId so receivers can dedupe on (id, action). */
  private fire(types: readonly AshbyWebhookType[], data: Record<string, unknown>): void {
    const actionId = randomUUID();
    for (const type of types) {
      for (const hook of this.hooks.values()) {
        if (hook.enabled && hook.webhookType === type) this.deliver(hook, type, actionId, data);
      }
    }
  }

  private deliver(
    hook: AshbyWebhook,
    action: string,
    webhookActionId: string,
    data: Record<string, unknown>,
  ): void {
    const body = JSON.stringify({ webhookActionId, action, data });
    this.sender.send({
      receiverId: hook.id,
      url: hook.requestUrl,
      event: action,
      body,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Ashby-Webhooks (simulator)',
        [SIGNATURE_HEADER]: `sha256=${hmacSha256Hex(hook.secretToken, body)}`,
      },
    });
  }
}
