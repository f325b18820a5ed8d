/**
 * Harvest v3 error bodies: `{errors: [{message, field?}]}` (UNCONFIRMED beyond "or similar";
 * v1 added a top-level `message`, which we keep so either style of client finds text).
 */
import { json, type SimResponse } from '../common/http-server';

export function greenhouseError(
  status: number,
  message: string,
  field?: string,
  headers: Record<string, string> = {},
): SimResponse {
  return json(status, { message, errors: [{ message, ...(field ? { field } : {}) }] }, headers);
}
