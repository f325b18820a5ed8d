/**
 * Opaque cursors and tokens: base64url JSON that the simulator validates with zod on the way
 * back in, so a tampered or foreign value is an error, never a guess.
 */
import type { z } from 'zod';

export function encodeOpaque(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

export function decodeOpaque<T>(schema: z.ZodType<T>, token: string): T | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    const result = schema.safeParse(parsed);
    return result.success ? result.data : null;
  } catch {
    return null;
  }
}
