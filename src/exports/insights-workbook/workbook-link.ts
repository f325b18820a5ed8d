import { createHmac, timingSafeEqual } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { err, ok, type Result } from '../../common/result';
import {
  INSIGHT_DIMENSIONS,
  type InsightDimension,
  type SearchFilter,
} from '../../search/search-types';

/**
 * The request a workbook link stands for: whose data (organization, and the API key that asked,
 * so revoking the key kills its links) and which insights. Signed into the URL, so the GET needs
 * no bearer and the server keeps no state between the mutation and the download.
 */
export interface WorkbookRequest {
  organizationId: string;
  apiKeyId: string;
  query: string | null;
  filter: SearchFilter;
  dimensions: InsightDimension[];
  size: number;
}

export interface SignedWorkbookRequest extends WorkbookRequest {
  expiresAt: Date;
}

/**
 * Longest token handed out. URLs past ~8 KB are cut by proxies and browsers; a request whose
 * filter does not fit is refused at the mutation (BAD_USER_INPUT), never truncated.
 */
export const MAX_TOKEN_LENGTH = 6000;

export type LinkRejection = 'malformed' | 'signature' | 'expired';

const VERSION = 'v1';
const TOKEN = /^v1\.([A-Za-z0-9_-]{1,6000})\.([A-Za-z0-9_-]{43})$/;
/** Inflating stops here: a signed payload is ours and small, this only bounds a bug. */
const MAX_PAYLOAD_BYTES = 256 * 1024;

const payloadSchema = z.object({
  o: z.uuid(),
  k: z.uuid(),
  e: z.number().int().positive(),
  q: z.string().nullable(),
  f: z.record(z.string(), z.unknown()),
  d: z.array(z.enum(INSIGHT_DIMENSIONS)).min(1),
  s: z.number().int().min(1).max(1000),
});

/** `v1.<deflated JSON, base64url>.<HMAC-SHA256 of "v1.<payload>", base64url>`. */
export function encodeWorkbookLink(request: SignedWorkbookRequest, key: Buffer): string {
  const payload: z.input<typeof payloadSchema> = {
    o: request.organizationId,
    k: request.apiKeyId,
    e: Math.floor(request.expiresAt.getTime() / 1000),
    q: request.query,
    f: request.filter as Record<string, unknown>,
    d: request.dimensions,
    s: request.size,
  };
  const body = deflateRawSync(Buffer.from(JSON.stringify(payload, tagDates), 'utf8')).toString(
    'base64url',
  );
  const signed = `${VERSION}.${body}`;
  return `${signed}.${sign(signed, key)}`;
}

/**
 * The request a token stands for, or why not. The signature is checked (in constant time)
 * before anything in the token is read; the expiry after.
 */
export function decodeWorkbookLink(
  token: string,
  key: Buffer,
  now: Date,
): Result<SignedWorkbookRequest, LinkRejection> {
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return err('malformed');
  const expected = Buffer.from(sign(`${VERSION}.${match[1]}`, key), 'base64url');
  const given = Buffer.from(match[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return err('signature');
  let parsed: unknown;
  try {
    const json = inflateRawSync(Buffer.from(match[1], 'base64url'), {
      maxOutputLength: MAX_PAYLOAD_BYTES,
    }).toString('utf8');
    parsed = JSON.parse(json, reviveDates);
  } catch {
    return err('malformed');
  }
  const payload = payloadSchema.safeParse(parsed);
  if (!payload.success) return err('malformed');
  const p = payload.data;
  const expiresAt = new Date(p.e * 1000);
  if (expiresAt.getTime() <= now.getTime()) return err('expired');
  return ok({
    organizationId: p.o,
    apiKeyId: p.k,
    query: p.q,
    filter: p.f,
    dimensions: p.d,
    size: p.s,
    expiresAt,
  });
}

function sign(text: string, key: Buffer): string {
  return createHmac('sha256', key).update(text).digest('base64url');
}

// Filters carry Dates (lastUpdated): tagged on the way out, so they come back as Dates and
// any filter field added later round-trips without this file knowing it.
function tagDates(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Date ? { $date: raw.toISOString() } : value;
}

function reviveDates(_key: string, value: unknown): unknown {
  if (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { $date?: unknown }).$date === 'string'
  ) {
    return new Date((value as { $date: string }).$date);
  }
  return value;
}
