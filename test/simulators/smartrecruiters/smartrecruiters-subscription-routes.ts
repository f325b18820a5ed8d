/** `/webhooks-api/v201907/subscriptions…`: create, list, get, delete, activate, secret keys, log. */
import { z } from 'zod';
import { json, noContent, parseJsonBody, type SimResponse } from '../common/http-server';
import type { SmartRecruitersContext, SmartRecruitersRoute } from './smartrecruiters-context';
import { srError } from './smartrecruiters-errors';
import { pagedResponse, readPage, scanArray } from './smartrecruiters-paging';
import {
  MAX_SUBSCRIPTIONS_PER_CREDENTIAL,
  SMARTRECRUITERS_EVENTS,
  type Subscription,
} from './smartrecruiters-subscriptions';

const BASE = '/webhooks-api/v201907/subscriptions';

const createSchema = z.object({
  callbackUrl: z.url(),
  events: z.array(z.enum(SMARTRECRUITERS_EVENTS)).min(1),
  alertingEmailAddress: z.email().optional(),
  callbackAuthentication: z.looseObject({ type: z.string() }).optional(),
});

const view = (s: Subscription): Record<string, unknown> => ({
  id: s.id,
  callbackUrl: s.callbackUrl,
  events: s.events,
  status: s.status,
  alertingEmailAddress: s.alertingEmailAddress,
  createdOn: new Date(s.createdOn).toISOString(),
});

export function subscriptionRoutes(
  ctx: SmartRecruitersContext,
): Record<string, SmartRecruitersRoute> {
  const { subscriptions } = ctx;
  const find = (id: string | undefined): Subscription | SimResponse =>
    subscriptions.get(id ?? '') ??
    srError(404, 'SUBSCRIPTION_NOT_FOUND', 'Subscription not found.');
  const scope = 'webhooks_manage';

  return {
    [`POST ${BASE}`]: {
      permission: scope,
      handle: ({ req, principal }) => {
        const parsed = createSchema.safeParse(parseJsonBody(req));
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          return srError(
            400,
            'INVALID_SUBSCRIPTION',
            `${issue?.path.join('.') ?? 'body'}: ${issue?.message ?? 'invalid'}`,
          );
        }
        if (
          subscriptions.countOwnedBy(principal.credentialId) >= MAX_SUBSCRIPTIONS_PER_CREDENTIAL
        ) {
          return srError(
            409,
            'SUBSCRIPTION_LIMIT_REACHED',
            `At most ${MAX_SUBSCRIPTIONS_PER_CREDENTIAL} subscriptions per user.`,
          );
        }
        const { callbackUrl, events, alertingEmailAddress } = parsed.data;
        return json(
          201,
          view(
            subscriptions.create(
              principal.credentialId,
              callbackUrl,
              events,
              alertingEmailAddress ?? null,
            ),
          ),
        );
      },
    },

    [`GET ${BASE}`]: {
      permission: scope,
      handle: ({ req }) => {
        const page = readPage(req, 'page_id');
        if ('status' in page) return page;
        const all = subscriptions.all();
        return pagedResponse(
          req,
          ctx.baseUrl(),
          page,
          scanArray(all, page.position, page.limit),
          all.length,
          view,
          'page_id',
        );
      },
    },

    [`GET ${BASE}/:id`]: {
      permission: scope,
      handle: ({ params }) => {
        const found = find(params['id']);
        return 'callbackUrl' in found ? json(200, view(found)) : found;
      },
    },

    [`DELETE ${BASE}/:id`]: {
      permission: scope,
      handle: ({ params }) =>
        subscriptions.delete(params['id'] ?? '')
          ? noContent()
          : srError(404, 'SUBSCRIPTION_NOT_FOUND', 'Subscription not found.'),
    },

    // The handshake: SR POSTs X-Hook-Secret and needs it echoed with a 200 (error code UNCONFIRMED).
    [`PUT ${BASE}/:id/activation`]: {
      permission: scope,
      handle: async ({ params }) => {
        const found = find(params['id']);
        if (!('callbackUrl' in found)) return found;
        const result = await subscriptions.activate(found);
        return result.ok
          ? noContent()
          : srError(400, 'CALLBACK_HANDSHAKE_FAILED', `Activation failed: ${result.reason}.`);
      },
    },

    [`POST ${BASE}/:id/secret-key`]: {
      permission: scope,
      handle: ({ params }) => {
        const found = find(params['id']);
        return 'callbackUrl' in found
          ? json(201, { secretKey: subscriptions.rotateKey(found) })
          : found;
      },
    },

    [`GET ${BASE}/:id/secret-key`]: {
      permission: scope,
      handle: ({ params }) => {
        const found = find(params['id']);
        if (!('callbackUrl' in found)) return found;
        const newest = found.keys[found.keys.length - 1];
        return newest
          ? json(200, { secretKey: newest.secret })
          : srError(404, 'SECRET_KEY_NOT_FOUND', 'Generate a secret key first.');
      },
    },

    // Delivery log fields are UNCONFIRMED.
    [`GET ${BASE}/:id/callbacks-log`]: {
      permission: scope,
      handle: ({ req, params }) => {
        const found = find(params['id']);
        if (!('callbackUrl' in found)) return found;
        const wanted = req.query.get('callbackStatus');
        const entries = ctx.deliveries.deliveries
          .filter((d) => d.receiverId === found.id)
          .map((d) => ({
            eventId: d.requestHeaders['event-id'] ?? null,
            eventName: d.event,
            eventVersion: d.requestHeaders['event-version'] ?? null,
            callbackStatus: d.ok ? 'successful' : 'failed',
            responseCode: d.status,
            attempt: d.attempt,
            timestamp: new Date(d.sentAt).toISOString(),
          }))
          .filter((e) => !wanted || e.callbackStatus === wanted);
        return json(200, { content: entries });
      },
    },
  };
}
