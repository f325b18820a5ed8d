import express, { type Router } from 'express';
import type { Logger } from '../common/logger';
import type { WebhookIntake } from '../sync/webhook-intake';

/** Vendors sign the exact bytes they send: the body is kept raw, never re-serialized. */
const MAX_WEBHOOK_BYTES = '1mb';

/** POST /webhooks/{connectionId}: authenticated by the vendor's signature, never by API key. */
export function webhookRouter(intake: WebhookIntake, logger: Logger): Router {
  const router = express.Router();
  router.post(
    '/webhooks/:connectionId',
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BYTES }),
    async (req, res) => {
      try {
        const answer = await intake.receive(req.params.connectionId, {
          headers: req.headers,
          rawBody: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
          url: `${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`,
        });
        for (const [name, value] of Object.entries(answer.headers ?? {}))
          res.setHeader(name, value);
        res.status(answer.status).json(answer.body);
      } catch (error) {
        logger.error(
          { err: error, connectionId: req.params.connectionId },
          'webhook intake failed',
        );
        // 503 makes the vendor retry later instead of dropping the event.
        res.status(503).json({ error: 'temporarily unavailable' });
      }
    },
  );
  return router;
}
