import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Logger } from '../common/logger';
import type { Tenant } from '../common/tenant';
import { isConnectionError } from '../database/connection-errors';
import { ndjsonLines } from '../profiles/ndjson-lines';
import {
  importProfileLines,
  ProfileImportError,
  type ProfileImportLimits,
} from '../profiles/profile-import';

/** Called after every import that changed profiles (created or updated), with their ids. */
export type ProfilesImportedHook = (
  organizationId: string,
  changedProfileIds: string[],
) => Promise<void>;

export interface ProfilesRouteOptions {
  dataSource: DataSource;
  authenticate: (header: string | undefined) => Promise<Tenant | null>;
  /** Line length and lines per request (config `profiles`). */
  limits: ProfileImportLimits;
  /** Runs before the answer; its failure is logged, the import's answer is still sent. */
  onImported: ProfilesImportedHook;
  logger: Logger;
}

/**
 * POST /profiles/import — NDJSON, one ProfileInput per line, read as it arrives (never buffered
 * whole), `Content-Encoding: gzip` accepted. Same bearer key as /graphql; the organization is
 * the key's. Answers `{ received created updated rejected }` (200); 401 without a valid key;
 * 413 past `limits.maxLines`, with the same counts (the lines before the limit were imported,
 * the rest of the body was discarded unread); 415 for another encoding; 400 for a corrupt gzip
 * body. A line over `limits.maxLineBytes` is one rejection, not a failed request.
 */
export function profilesRouter(options: ProfilesRouteOptions): Router {
  const { dataSource, authenticate, limits, onImported, logger } = options;
  const router = express.Router();

  router.post('/profiles/import', async (req, res) => {
    let tenant: Tenant | null;
    try {
      tenant = await authenticate(req.headers.authorization);
    } catch (error) {
      fail(res, error, logger);
      return;
    }
    if (!tenant) {
      res.status(401).json({ error: 'a valid API key is required (Authorization: Bearer <key>)' });
      return;
    }
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== 'gzip') {
      res.status(415).json({
        error: `Content-Encoding ${encoding} is not supported: send gzip or plain NDJSON`,
      });
      return;
    }
    const body: Readable = encoding === 'gzip' ? req.pipe(createGunzip()) : req;
    // A gzip error does not travel through pipe(): end the body with it so the import sees it.
    if (body !== req) req.on('error', (error) => body.destroy(error));

    const { organizationId } = tenant;
    let outcome;
    try {
      // destroyOnReturn: false: stopping at the line limit must not cut the connection before
      // the answer is sent.
      outcome = await importProfileLines(
        dataSource,
        organizationId,
        ndjsonLines(body.iterator({ destroyOnReturn: false }), limits.maxLineBytes),
        limits,
      );
    } catch (error) {
      const cause = error instanceof ProfileImportError ? error.cause : error;
      if (error instanceof ProfileImportError && error.changedProfileIds.length > 0)
        await notify(onImported, organizationId, error.changedProfileIds, logger);
      if (req.socket.destroyed) {
        // The client hung up mid-body: nobody to answer; what was written stays written.
        logger.warn({ organizationId }, 'profile import: the client went away');
        return;
      }
      if (isGzipError(cause)) {
        res.status(400).json({ error: 'the body is not valid gzip' });
        return;
      }
      fail(res, cause, logger);
      return;
    }
    const { result, changedProfileIds, stoppedAtLine } = outcome;
    if (changedProfileIds.length > 0)
      await notify(onImported, organizationId, changedProfileIds, logger);
    if (stoppedAtLine !== null) {
      await discardRest(body, req);
      res.status(413).json({
        error: `too many lines: at most ${limits.maxLines} per request (PROFILE_IMPORT_MAX_LINES); the lines before line ${stoppedAtLine} were imported, line ${stoppedAtLine} and the rest were not: send them in another request`,
        ...result,
      });
      return;
    }
    res.status(200).json(result);
  });
  return router;
}

async function notify(
  onImported: ProfilesImportedHook,
  organizationId: string,
  ids: string[],
  logger: Logger,
): Promise<void> {
  try {
    await onImported(organizationId, ids);
  } catch (error) {
    logger.error({ err: error, organizationId, profiles: ids.length }, 'after-import hook failed');
  }
}

/** Reads what the client still sends, so the answer reaches it instead of a reset connection. */
async function discardRest(body: Readable, req: Request): Promise<void> {
  body.resume();
  await finished(body).catch(() => undefined);
  if (body !== req && !req.readableEnded) {
    req.resume();
    await finished(req).catch(() => undefined);
  }
}

function isGzipError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('Z_')
  );
}

function fail(res: Response, error: unknown, logger: Logger): void {
  if (res.headersSent) return;
  if (isConnectionError(error)) {
    res
      .status(503)
      .json({ error: 'a service Rediscover depends on is unavailable; try again shortly' });
    return;
  }
  logger.error({ err: error }, 'profile import failed');
  res.status(500).json({ error: 'internal server error' });
}
