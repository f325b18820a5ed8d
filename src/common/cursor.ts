import { z } from 'zod';
import { BadInputError } from './errors';

/**
 * Opaque page cursors: base64url of `[sortValue, id]`. Decoded through zod, so a tampered or
 * foreign cursor is BAD_USER_INPUT on the `after` argument, never a guess or a database error.
 */
const cursorSchema = z.tuple([z.union([z.number(), z.string().max(1000), z.null()]), z.uuid()]);

export interface CursorPosition {
  sortValue: number | string | null;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sortValue, position.id]), 'utf8').toString(
    'base64url',
  );
}

export function decodeCursor(cursor: string, field = 'after'): CursorPosition {
  const invalid = (): BadInputError =>
    new BadInputError(`${field} is not a cursor this API returned`, { field });
  if (cursor.length > 2000 || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw invalid();
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const parsed = cursorSchema.safeParse(raw);
  if (!parsed.success) throw invalid();
  return { sortValue: parsed.data[0], id: parsed.data[1] };
}
