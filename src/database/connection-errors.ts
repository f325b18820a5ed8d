/**
 * Whether an error means "the database could not be reached" (refused, reset, shut down), as
 * opposed to a bad query. Such errors become UPSTREAM_UNAVAILABLE for callers.
 */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
]);

export function isConnectionError(error: unknown): boolean {
  for (const current of errorChain(error)) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true;
    if (
      current instanceof Error &&
      /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
        current.message,
      )
    ) {
      return true;
    }
  }
  return false;
}

/** Whether PostgreSQL aborted the transaction to break a deadlock (it may simply be run again). */
export function isDeadlock(error: unknown): boolean {
  for (const current of errorChain(error))
    if ((current as { code?: unknown }).code === '40P01') return true;
  return false;
}

/** The error and what it wraps (TypeORM's driverError, or cause), five deep at most. */
function* errorChain(error: unknown): Generator<unknown> {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    yield current;
    current =
      (current as { cause?: unknown; driverError?: unknown }).driverError ??
      (current as { cause?: unknown }).cause;
  }
}
