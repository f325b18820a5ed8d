import { err, ok, type Result } from '../../common/result';
import type { ConnectorError, WebhookRegistration } from '../connector';
import type { SmartRecruitersClient } from './smartrecruiters.client';
import { srListSchema, srSecretKeySchema, srSubscriptionSchema } from './smartrecruiters.schemas';

/**
 * SmartRecruiters webhooks are created through the webhooks-api (ATS-APIS.md §3.8), never by
 * hand: create a subscription, give it a secret key, then activate it — activation makes SR
 * POST an `X-Hook-Secret` handshake to the callback, which our intake answers. The key comes
 * before activation so that no delivery ever goes out unsigned. Earlier subscriptions to the same
 * callback are removed first: they would deliver twice, signed with a secret we no longer keep.
 */

const BASE = '/webhooks-api/v201907/subscriptions';

/**
 * What the mirror acts on. job.created/job.updated are taken too (titles, new jobs); SR offers
 * more (offers, reviews, application.fields.updated…) that nothing here uses.
 */
export const SUBSCRIBED_EVENTS = [
  'candidate.created',
  'candidate.updated',
  'candidate.deleted',
  'application.created',
  'application.status.updated',
  'job.created',
  'job.updated',
  'job.status.updated',
] as const;

/** SR allows 20 subscriptions per user: a page of 100 sees them all. */
const LIST_LIMIT = 100;

const subscriptionPath = (id: string, sub = ''): string =>
  `${BASE}/${encodeURIComponent(id)}${sub}`;

export async function registerSubscription(
  client: SmartRecruitersClient,
  callbackUrl: string,
): Promise<
  Result<{ registrations: WebhookRegistration[]; secret: string | null }, ConnectorError>
> {
  const stale = await subscriptionsTo(client, callbackUrl);
  if (!stale.ok) return stale;
  const removed = await removeSubscriptions(client, stale.value);
  if (!removed.ok) return removed;

  const created = await client.send('POST', BASE, {
    callbackUrl,
    events: [...SUBSCRIBED_EVENTS],
  });
  if (!created.ok) return created;
  const subscription = srSubscriptionSchema.safeParse(created.value.body);
  if (!subscription.success) {
    return err({
      kind: 'invalid_response',
      message: 'SmartRecruiters created a subscription without an id',
    });
  }
  const id = subscription.data.id;

  const finished = await secretAndActivation(client, id);
  if (!finished.ok) {
    // A half-made subscription would count against SR's limit of 20 and never deliver.
    await client.send('DELETE', subscriptionPath(id));
    return finished;
  }
  return ok({
    registrations: [{ remoteId: id, events: [...SUBSCRIBED_EVENTS] }],
    secret: finished.value,
  });
}

async function secretAndActivation(
  client: SmartRecruitersClient,
  id: string,
): Promise<Result<string, ConnectorError>> {
  // POST generates a key; GET reads the newest (for APIs that generate one on creation).
  let key = await client.send('POST', subscriptionPath(id, '/secret-key'));
  if (!key.ok && (key.error.status === 404 || key.error.status === 405)) {
    key = await client.get(subscriptionPath(id, '/secret-key'));
  }
  if (!key.ok) return key;
  const secret = srSecretKeySchema.safeParse(key.value.body);
  if (!secret.success) {
    return err({ kind: 'invalid_response', message: 'SmartRecruiters sent no webhook secret key' });
  }
  const activated = await client.send('PUT', subscriptionPath(id, '/activation'));
  if (!activated.ok) {
    return err({
      ...activated.error,
      message: `SmartRecruiters could not activate the webhook (the callback must answer the X-Hook-Secret handshake): ${activated.error.message}`,
    });
  }
  return ok(secret.data.secretKey);
}

/** Deletes the subscriptions; ones already gone count as deleted. */
export async function removeSubscriptions(
  client: SmartRecruitersClient,
  ids: readonly string[],
): Promise<Result<void, ConnectorError>> {
  const answers = await Promise.all(ids.map((id) => client.send('DELETE', subscriptionPath(id))));
  const failed = answers.find((a) => !a.ok && a.error.kind !== 'not_found');
  return failed && !failed.ok ? failed : ok(undefined);
}

async function subscriptionsTo(
  client: SmartRecruitersClient,
  callbackUrl: string,
): Promise<Result<string[], ConnectorError>> {
  const ids: string[] = [];
  let pageId: string | null = null;
  for (;;) {
    const answer = await client.get(BASE, { limit: LIST_LIMIT, page_id: pageId });
    if (!answer.ok) return answer;
    const list = srListSchema.safeParse(answer.value.body);
    if (!list.success) {
      return err({
        kind: 'invalid_response',
        message: 'SmartRecruiters subscriptions: not a list',
      });
    }
    for (const row of list.data.content) {
      const s = srSubscriptionSchema.safeParse(row);
      if (s.success && s.data.callbackUrl === callbackUrl) ids.push(s.data.id);
    }
    pageId = list.data.content.length > 0 ? (list.data.nextPageId ?? null) : null;
    if (pageId === null) return ok(ids);
  }
}
