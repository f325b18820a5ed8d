import { z } from 'zod';
import { BadInputError, unsafeTextProblem } from './errors';

/**
 * Opaque page cursors: base64url of `[sortValue, id, sort?]`. Decoded through zod, so a tampered
 * or foreign cursor is BAD_USER_INPUT on the `after` argument, never a guess or a database error.
 * `sort` names the ordering the cursor was issued under; cursors from before it was recorded
 * (two elements) still decode, and their value is then checked by type alone.
 */
const sortValueSchema = z.union([
  z.number().finite(),
  z
    .string()
    .max(1000)
    .refine((s) => unsafeTextProblem(s) === null),
  z.null(),
]);
const cursorSchema = z.union([
  z.tuple([sortValueSchema, z.uuid()]),
  z.tuple([sortValueSchema, z.uuid(), z.string().regex(/^[A-Z_]{1,40}:(ASC|DESC)$/)]),
]);

export interface CursorPosition {
  sortValue: number | string | null;
  id: string;
  /** The ordering the cursor belongs to (e.g. `NAME:ASC`); absent on older cursors. */
  sort?: string;
}

export function encodeCursor(position: CursorPosition): string {
  const tuple: unknown[] = [position.sortValue, position.id];
  if (position.sort) tuple.push(position.sort);
  return Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');
}

/**
 * Decodes `cursor`; with `expectedSort`, a cursor issued under another ordering is refused
 * (its sort value would mean something else there).
 */
export function decodeCursor(
  cursor: string,
  field = 'after',
  expectedSort?: string,
): CursorPosition {
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
  const [sortValue, id, sort] = parsed.data;
  if (expectedSort !== undefined && sort !== undefined && sort !== expectedSort) {
    throw new BadInputError(
      `${field} belongs to another sort (${sort}, not ${expectedSort}); start again without ${field}`,
      { field },
    );
  }
  return sort === undefined ? { sortValue, id } : { sortValue, id, sort };
}

/** Largest magnitude a PostgreSQL `real` holds; relevance scores are far below it. */
const REAL_MAX = 3.4e38;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

/** The kinds of sort value an ordering pages by. */
export type SortValueKind = 'score' | 'timestamp' | 'text';

/** Whether `value` can be a sort value of `kind` (null sorts last and is always accepted). */
export function isSortValueOf(kind: SortValueKind, value: number | string | null): boolean {
  if (value === null) return true;
  switch (kind) {
    case 'score':
      return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= REAL_MAX;
    case 'timestamp':
      return (
        typeof value === 'string' && ISO_TIMESTAMP.test(value) && !Number.isNaN(Date.parse(value))
      );
    case 'text':
      return typeof value === 'string' && unsafeTextProblem(value) === null;
  }
}
