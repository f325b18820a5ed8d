/**
 * SmartRecruiters event notifications: a small JSON body of ids, headers `event-name`,
 * `event-version`, `event-id`, `Link: <resource>; rel="self"`, `smartrecruiters-timestamp`, and
 * `smartrecruiters-signature: v1=<hex>` (one entry per valid key while keys rotate), where hex is
 * HMAC-SHA256(key, `timestamp.body.eventId.eventName.eventVersion.link`) and link is the Link
 * header value as sent. Only active subscriptions get events.
 */
import { randomUUID } from 'node:crypto';
import type { DatasetEvent } from '../common/dataset-events';
import { hmacSha256Hex } from '../common/hmac';
import type { IdRegistry } from '../common/id-registry';
import type { WebhookSender } from '../common/webhook-sender';
import type { NeutralApplication } from '../generator';
import type { SmartRecruitersEvent, SubscriptionStore } from './smartrecruiters-subscriptions';

/** The signed string, exported so tests and connectors can check the algorithm. */
export function srSignedPayload(
  timestamp: string,
  body: string,
  eventId: string,
  eventName: string,
  eventVersion: string,
  link: string,
): string {
  return `${timestamp}.${body}.${eventId}.${eventName}.${eventVersion}.${link}`;
}

export class SmartRecruitersWebhooks {
  constructor(
    private readonly sender: WebhookSender,
    private readonly subscriptions: SubscriptionStore,
    private readonly ids: IdRegistry<string>,
    private readonly baseUrl: () => string,
  ) {}

  handle(event: DatasetEvent): void {
    switch (event.type) {
      case 'candidate.created':
        this.candidateEvent('candidate.created', event.candidate.key);
        for (const app of event.applications) this.applicationEvent('application.created', app);
        return;
      case 'candidate.updated':
        this.candidateEvent('candidate.updated', event.candidate.key);
        return;
      case 'candidate.deleted':
        this.candidateEvent('candidate.deleted', event.candidate.key);
        return;
      case 'candidates.merged':
        // No public merge event (UNCONFIRMED): the duplicate is deleted, the survivor updated.
        this.candidateEvent('candidate.deleted', event.loser.key);
        this.candidateEvent('candidate.updated', event.survivor.key);
        return;
      case 'application.created':
        this.applicationEvent('application.created', event.application);
        return;
      case 'application.stageChanged':
      case 'application.rejected':
        this.applicationEvent('application.status.updated', event.application);
        return;
      case 'job.created':
        this.jobEvent('job.created', event.job.key);
        return;
      case 'job.updated':
        this.jobEvent(
          event.job.status !== event.previous.status ? 'job.status.updated' : 'job.updated',
          event.job.key,
        );
        return;
    }
  }

  private candidateEvent(name: SmartRecruitersEvent, candidateKey: string): void {
    const id = this.ids.ensure('candidate', candidateKey);
    this.fire(name, { id }, `${this.baseUrl()}/candidates/${id}`);
  }

  private applicationEvent(name: SmartRecruitersEvent, app: NeutralApplication): void {
    if (app.jobKey === null) return;
    const candidateId = this.ids.ensure('candidate', app.candidateKey);
    const jobId = this.ids.ensure('job', app.jobKey);
    this.fire(
      name,
      { candidateId, jobId },
      `${this.baseUrl()}/candidates/${candidateId}/jobs/${jobId}`,
    );
  }

  private jobEvent(name: SmartRecruitersEvent, jobKey: string): void {
    const id = this.ids.ensure('job', jobKey);
    this.fire(name, { id }, `${this.baseUrl()}/jobs/${id}`);
  }

  private fire(
    name: SmartRecruitersEvent,
    payload: Record<string, string>,
    resourceUrl: string,
  ): void {
    const body = JSON.stringify(payload);
    const link = `<${resourceUrl}>; rel="self"`;
    for (const subscription of this.subscriptions.all()) {
      const wanted = subscription.events.find((e) => e.name === name);
      if (subscription.status !== 'active' || !wanted) continue;
      const eventId = randomUUID();
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signed = srSignedPayload(timestamp, body, eventId, name, wanted.version, link);
      const signatures = this.subscriptions
        .signingKeys(subscription)
        .map((key) => `v1=${hmacSha256Hex(key, signed)}`);
      this.sender.send({
        receiverId: subscription.id,
        url: subscription.callbackUrl,
        event: name,
        body,
        headers: {
          'content-type': 'application/json',
          'event-name': name,
          'event-version': wanted.version,
          'event-id': eventId,
          Link: link,
          'smartrecruiters-timestamp': timestamp,
          // Unsigned until a key exists (POST …/secret-key); UNCONFIRMED what upstream does then.
          ...(signatures.length > 0 ? { 'smartrecruiters-signature': signatures.join(',') } : {}),
        },
      });
    }
  }
}
