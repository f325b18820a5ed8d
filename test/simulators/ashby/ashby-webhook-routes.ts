/** `webhook.create/info/update/delete` (permission apiKeysWrite). Saving a webhook sends a ping. */
import { z } from 'zod';
import { ashbyFailure, ashbySuccess } from './ashby-envelope';
import { rpc, type AshbyContext, type AshbyRoute } from './ashby-rpc';
import { ASHBY_WEBHOOK_TYPES, type AshbyWebhook } from './ashby-webhooks';

const view = (hook: AshbyWebhook): Record<string, unknown> => ({
  id: hook.id,
  enabled: hook.enabled,
  requestUrl: hook.requestUrl,
  secretToken: hook.secretToken,
  webhookType: hook.webhookType,
});

export function webhookRoutes(ctx: AshbyContext): Record<string, AshbyRoute> {
  const { webhooks } = ctx;
  const notFound = (): ReturnType<typeof ashbyFailure> =>
    ashbyFailure('webhook_not_found', 'Webhook not found.');
  return {
    'webhook.create': rpc(
      'apiKeysWrite',
      z.object({
        webhookType: z.enum(ASHBY_WEBHOOK_TYPES),
        requestUrl: z.url(),
        secretToken: z.string().min(1),
      }),
      (body) => {
        const hook = webhooks.create(body.webhookType, body.requestUrl, body.secretToken);
        webhooks.ping(hook);
        return ashbySuccess(view(hook));
      },
    ),

    'webhook.info': rpc('apiKeysWrite', z.object({ webhookId: z.string() }), (body) => {
      const hook = webhooks.get(body.webhookId);
      return hook ? ashbySuccess(view(hook)) : notFound();
    }),

    'webhook.update': rpc(
      'apiKeysWrite',
      z.object({
        webhookId: z.string(),
        enabled: z.boolean().optional(),
        requestUrl: z.url().optional(),
        secretToken: z.string().min(1).optional(),
      }),
      (body) => {
        const { webhookId, ...patch } = body;
        const defined = Object.fromEntries(
          Object.entries(patch).filter(([, v]) => v !== undefined),
        );
        const hook = webhooks.update(webhookId, defined);
        return hook ? ashbySuccess(view(hook)) : notFound();
      },
    ),

    'webhook.delete': rpc('apiKeysWrite', z.object({ webhookId: z.string() }), (body) =>
      webhooks.delete(body.webhookId) ? ashbySuccess({ webhookId: body.webhookId }) : notFound(),
    ),
  };
}
