/**
 * Short-lived, HMAC-signed file URLs, the way S3 pre-signed links work: anyone holding the URL can
 * download until it expires, without credentials.
 */
import { z } from 'zod';
import { hmacSha256Hex, randomToken, safeEqual } from './hmac';
import { decodeOpaque, encodeOpaque } from './opaque-token';

const payloadSchema = z.object({ file: z.string(), exp: z.number() });

export type SignedUrlCheck =
  { ok: true; file: string } | { ok: false; reason: 'expired' | 'invalid' };

export class UrlSigner {
  private readonly secret = randomToken();

  /** A token naming `file`, valid for `ttlMs` from `now`. */
  sign(file: string, ttlMs: number, now: number): string {
    const payload = encodeOpaque({ file, exp: now + ttlMs });
    return `${payload}.${hmacSha256Hex(this.secret, payload)}`;
  }

  verify(token: string, now: number): SignedUrlCheck {
    const [payload, signature] = token.split('.');
    if (!payload || !signature || !safeEqual(signature, hmacSha256Hex(this.secret, payload))) {
      return { ok: false, reason: 'invalid' };
    }
    const decoded = decodeOpaque(payloadSchema, payload);
    if (!decoded) return { ok: false, reason: 'invalid' };
    if (decoded.exp <= now) return { ok: false, reason: 'expired' };
    return { ok: true, file: decoded.file };
  }
}
