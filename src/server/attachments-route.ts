import express, { type Router } from 'express';
import type { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { Tenant } from '../common/tenant';
import { OrgScope } from '../database/org-scope';
import { Attachment } from '../entities';

/**
 * GET /attachments/:id — the stored file of a candidate's attachment, for the `url` field of
 * `Attachment`. Same bearer key as the API; another organization's file is a plain 404.
 */
export function attachmentsRouter(
  manager: EntityManager,
  authenticate: (header: string | undefined) => Promise<Tenant | null>,
): Router {
  const router = express.Router();
  router.get('/attachments/:id', async (req, res) => {
    const tenant = await authenticate(req.headers.authorization);
    if (!tenant) {
      res.status(401).json({ error: 'a valid API key is required (Authorization: Bearer <key>)' });
      return;
    }
    const id = z.uuid().safeParse(req.params.id);
    const attachment = id.success
      ? await new OrgScope(manager, tenant).findOne(Attachment, {
          where: { id: id.data },
          select: { id: true, name: true, contentType: true, content: true, deletedAt: true },
        })
      : null;
    if (!attachment?.content || attachment.deletedAt) {
      res.status(404).json({ error: 'not found' });
      return;
    }
    res.setHeader('Content-Type', attachment.contentType ?? 'application/octet-stream');
    res.setHeader(
      'Content-Disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
    );
    res.setHeader('Cache-Control', 'private, no-store');
    res.send(attachment.content);
  });
  return router;
}
