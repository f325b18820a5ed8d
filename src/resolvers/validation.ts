import { z } from 'zod';
import { BadInputError } from '../common/errors';

const uuid = z.uuid();

/** Ids are UUIDs; anything else is the caller's mistake, named by field, not a database error. */
export function parseId(value: string, field: string): string {
  const parsed = uuid.safeParse(value);
  if (!parsed.success) throw new BadInputError(`${field} is not a valid id`, { field });
  return parsed.data;
}

/** Validates resolver input with a zod schema; the first problem becomes BAD_USER_INPUT. */
export function parseInput<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = [root, ...(issue?.path ?? [])].join('.');
  throw new BadInputError(`${field}: ${issue?.message ?? 'invalid value'}`, { field });
}
