/**
 * Ashby's response envelope. Domain errors are HTTP 200 with `success:false` (clients must check
 * `success`, as NANGO's do); only transport-level failures use real 4xx/5xx statuses.
 */
import { randomUUID } from 'node:crypto';
import { json, type SimResponse } from '../common/http-server';

export const REQUEST_ID_HEADER = 'x-ashby-request-id';

export interface AshbyPage {
  moreDataAvailable: boolean;
  nextCursor?: string;
  syncToken?: string;
}

export function ashbySuccess(results: unknown, page?: AshbyPage): SimResponse {
  return json(200, { success: true, results, ...page }, { [REQUEST_ID_HEADER]: randomUUID() });
}

/**
 * `{success:false, errors:[code], errorInfo:{code, message, requestId, meta?}}`; `errors` is
 * deprecated upstream but still sent, so clients reading either keep working.
 */
export function ashbyFailure(
  code: string,
  message: string,
  status = 200,
  meta?: Record<string, unknown>,
  headers: Record<string, string> = {},
): SimResponse {
  const requestId = randomUUID();
  return json(
    status,
    {
      success: false,
      errors: [code],
      errorInfo: { code, message, requestId, ...(meta ? { meta } : {}) },
    },
    { [REQUEST_ID_HEADER]: requestId, ...headers },
  );
}
