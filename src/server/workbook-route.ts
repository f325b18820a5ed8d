import express, { type Response, type Router } from 'express';
import { AppError } from '../common/errors';
import type { Logger } from '../common/logger';
import { isConnectionError } from '../database/connection-errors';
import {
  WORKBOOK_ROUTE,
  type InsightsWorkbookService,
} from '../exports/insights-workbook/insights-workbook-service';
import type { WorkbookModel } from '../exports/insights-workbook/workbook-model';
import { writeWorkbook, XLSX_CONTENT_TYPE } from '../exports/insights-workbook/workbook-writer';

/**
 * GET /exports/insights-workbook?token=… — the .xlsx an `exportInsights` link stands for,
 * without a bearer key: the signed token is the credential. Every refusal (malformed, tampered,
 * expired, key revoked) is the same 403 with the same body, so a probe learns nothing. The token
 * is in the query string because request logs record paths only.
 */
export function workbookRouter(workbooks: InsightsWorkbookService, logger: Logger): Router {
  const router = express.Router();
  router.get(WORKBOOK_ROUTE, async (req, res) => {
    const token = typeof req.query['token'] === 'string' ? req.query['token'] : '';
    let opened;
    try {
      opened = await workbooks.open(token);
    } catch (error) {
      fail(res, error, logger);
      return;
    }
    if (!opened.ok) {
      logger.info({ reason: opened.error }, 'insights workbook link refused');
      res
        .status(403)
        .setHeader('Cache-Control', 'no-store')
        .json({ error: 'this link is invalid or has expired' });
      return;
    }
    const model = opened.value;
    res.status(200);
    res.setHeader('Content-Type', XLSX_CONTENT_TYPE);
    res.setHeader('Content-Disposition', contentDisposition(model));
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // The URL carries the credential: never hand it on as a Referer.
    res.setHeader('Referrer-Policy', 'no-referrer');
    try {
      const complete = await writeWorkbook(model, res);
      if (!complete) logger.info('insights workbook: the client went away');
    } catch (error) {
      // Headers are gone: all that is left is to cut the response short.
      logger.error({ err: error }, 'insights workbook failed while streaming');
      res.destroy();
    }
  });
  return router;
}

/** insights-<organization>-<yyyymmdd-hhmm>.xlsx; the ASCII name for old clients, UTF-8 too. */
function contentDisposition(model: WorkbookModel): string {
  const stamp = model.generatedAt.toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
  const name = `insights-${model.organizationName}-${stamp}.xlsx`;
  const ascii = name
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-');
  // RFC 5987: encodeURIComponent leaves ' ( ) * ! as they are, which attr-char does not allow.
  const utf8 = encodeURIComponent(name).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

function fail(res: Response, error: unknown, logger: Logger): void {
  if (
    isConnectionError(error) ||
    (error instanceof AppError && error.code === 'UPSTREAM_UNAVAILABLE')
  ) {
    res
      .status(503)
      .json({ error: 'a service Rediscover depends on is unavailable; try again shortly' });
    return;
  }
  if (error instanceof AppError && error.code === 'BAD_USER_INPUT') {
    // The signed request no longer passes validation (rules changed since it was made).
    res.status(400).json({ error: 'this link no longer describes a valid request; ask again' });
    return;
  }
  logger.error({ err: error }, 'insights workbook failed');
  res.status(500).json({ error: 'internal server error' });
}
