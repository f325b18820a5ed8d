import { errors } from '@elastic/elasticsearch';
import { SearchEngineUnavailableError } from '../search-engine';

/**
 * Statuses that mean "the cluster cannot serve right now" (overloaded, a gateway or node away),
 * not "this request is wrong". A plain 500 is left out on purpose: Elasticsearch answers some
 * malformed requests with it (e.g. a bad aggregation order path), and a query bug must surface.
 */
const UNAVAILABLE_STATUSES = new Set([429, 502, 503, 504]);

export function isUnavailableStatus(status: number | undefined): boolean {
  return status !== undefined && UNAVAILABLE_STATUSES.has(status);
}

/** Connection failures, timeouts and overload: UPSTREAM_UNAVAILABLE to callers. */
export function isUnavailable(error: unknown): boolean {
  if (
    error instanceof errors.ConnectionError ||
    error instanceof errors.TimeoutError ||
    error instanceof errors.NoLivingConnectionsError
  )
    return true;
  return error instanceof errors.ResponseError && isUnavailableStatus(error.statusCode);
}

export function unavailable(cause: unknown): SearchEngineUnavailableError {
  return new SearchEngineUnavailableError('the Elasticsearch cluster is unreachable', { cause });
}

/** Runs a call, turning an unreachable cluster into SearchEngineUnavailableError. */
export async function guard<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUnavailable(error)) throw unavailable(error);
    throw error;
  }
}

/** A failed item of a bulk or msearch answer, as an error that names its cause. */
export function itemError(
  what: string,
  status: number,
  cause: { type?: string; reason?: string | null } | undefined,
): Error {
  const error = new Error(
    `Elasticsearch ${what} failed (${status}): ${cause?.type ?? 'error'}: ${cause?.reason ?? ''}`,
  );
  return isUnavailableStatus(status) ? unavailable(error) : error;
}

/** True for the "already exists" answer of index creation (another process got there first). */
export function isAlreadyExists(error: unknown): boolean {
  if (!(error instanceof errors.ResponseError) || error.statusCode !== 400) return false;
  const body: unknown = error.body;
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const cause: unknown = body.error;
  return (
    typeof cause === 'object' &&
    cause !== null &&
    'type' in cause &&
    cause.type === 'resource_already_exists_exception'
  );
}
