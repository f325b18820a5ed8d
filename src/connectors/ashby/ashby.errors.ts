import type { ConnectorError } from '../connector';
import type { AshbyFailure } from './ashby.schemas';

/**
 * Ashby error codes → what the sync can act on. Ashby sends most domain errors with HTTP 200 and
 * `success:false`, so the code decides, and the status only where Ashby uses real statuses
 * (401/403 auth, 429, 5xx).
 */

/** Codes meaning "this incremental state or checkpointed cursor is dead: start the stream over". */
const RESYNC_CODES = new Set([
  'sync_token_expired',
  'sync_token_invalid',
  'incremental_sync_too_large',
  // Seen in third-party clients (ATS-APIS.md §1.3, UNCONFIRMED): a checkpointed cursor that no
  // longer resumes can only be recovered by reading the stream from the start.
  'next_cursor_expired',
  'cursor_invalid',
  'invalid_next_cursor',
]);

const AUTH_CODES = new Set(['invalid_api_key', 'missing_authentication', 'api_key_deactivated']);
const BUSY_CODES = new Set(['rate_limit_exceeded', 'concurrent_limit_exceeded', 'internal_error']);

export interface AshbyErrorInput {
  method: string;
  status: number;
  /** The parsed failure envelope, or null when the body was not one. */
  failure: AshbyFailure | null;
  /** The permission the endpoint needs, for when Ashby does not name it. */
  permission: string | undefined;
}

export function toConnectorError(input: AshbyErrorInput): ConnectorError {
  const { method, status, failure, permission } = input;
  const code = failure?.errorInfo?.code ?? failure?.errors?.[0] ?? null;
  const detail = failure?.errorInfo?.message ?? (code ? code : `HTTP ${status}`);
  const requestId = failure?.errorInfo?.requestId;
  const message = `Ashby ${method}: ${code ? `${code}: ` : ''}${detail}${requestId ? ` (request ${requestId})` : ''}`;

  if (code === 'missing_endpoint_permission') {
    const named = failure?.errorInfo?.meta?.['permission'];
    const missing = typeof named === 'string' ? named : (permission ?? 'unknown');
    return { kind: 'permission', message, missing: [missing] };
  }
  if (status === 401 || status === 403 || (code !== null && AUTH_CODES.has(code))) {
    return { kind: 'auth', message };
  }
  if (code !== null && RESYNC_CODES.has(code)) return { kind: 'resync_required', message };
  if (status === 429 || status >= 500 || (code !== null && BUSY_CODES.has(code))) {
    return { kind: 'unavailable', message };
  }
  // `candidate_not_found`, `file_not_found`… are domain answers (HTTP 200); an unknown endpoint
  // (`endpoint_not_found`, 404) means our request is wrong, not that a record is gone.
  if (status < 300 && code !== null && code.endsWith('_not_found')) {
    return { kind: 'not_found', message };
  }
  return { kind: 'invalid_response', message };
}
