import { z } from 'zod';

/**
 * Every background job the app runs, as one discriminated union on `type`. Payloads carry ids,
 * never entities; the schema rejects anything a worker should not trust.
 */
export const jobSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('noop'), reason: z.string().max(200) }),
]);

export type AppJob = z.infer<typeof jobSchema>;

export const parseJob = (data: unknown): AppJob => jobSchema.parse(data);
