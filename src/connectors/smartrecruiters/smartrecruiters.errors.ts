import type { ConnectorError } from '../connector';
import { srErrorSchema } from './smartrecruiters.schemas';

/**
 * SmartRecruiters HTTP failures (ATS-APIS.md §3.9) as {@link ConnectorError}s. A 403 names the
 * permission the call needed: SR's own word when its message names a scope, else ours.
 */

/** A failed call; `status` lets callers tell a 404 (gone) from other failures. */
export type SrError = ConnectorError & { status?: number };

/**
 * The OAuth scope each API family needs (SR's scope names; UNCONFIRMED for API keys, whose
 * permissions are set per key in the admin UI).
 */
const PERMISSIONS: ReadonlyArray<[RegExp, string]> = [
  [/^\/webhooks-api\//, 'webhooks_manage'],
  [/^\/user-api\//, 'users_read'],
  [/^\/configuration\//, 'configuration_read'],
  [/^\/jobs(\/|$)/, 'jobs_read'],
  [/^\/candidates(\/|$)/, 'candidates_read'],
];

export function permissionFor(path: string): string {
  return PERMISSIONS.find(([pattern]) => pattern.test(path))?.[1] ?? path;
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The most specific message an error body carries, with the status. */
export function describeSrError(body: unknown, status: number): string {
  const parsed = srErrorSchema.safeParse(body);
  if (!parsed.success) return `HTTP ${status}`;
  const e = parsed.data;
  const detail = e.errors?.find((x) => x.message)?.message;
  const message = e.error_description ?? e.message ?? detail ?? e.error;
  return message ? `${message} (HTTP ${status})` : `HTTP ${status}`;
}

export function toSrError(method: string, path: string, status: number, body: unknown): SrError {
  const what = `SmartRecruiters ${method} ${path}`;
  const detail = describeSrError(body, status);
  switch (status) {
    case 401:
      return {
        kind: 'auth',
        message: `SmartRecruiters refused the credentials: ${detail}`,
        status,
      };
    case 403: {
      const named = /\b([a-z]+_[a-z_]+)\b scope/.exec(detail)?.[1];
      return {
        kind: 'permission',
        message: `The SmartRecruiters credentials may not call ${method} ${path}: ${detail}`,
        missing: [named ?? permissionFor(path)],
        status,
      };
    }
    case 404:
    case 410:
      return { kind: 'not_found', message: `${what}: ${detail}`, status };
    case 429:
      return { kind: 'unavailable', message: `${what}: still rate-limited after waiting`, status };
    default:
      return status >= 500
        ? { kind: 'unavailable', message: `${what}: ${detail}`, status }
        : { kind: 'invalid_response', message: `${what}: ${detail}`, status };
  }
}
