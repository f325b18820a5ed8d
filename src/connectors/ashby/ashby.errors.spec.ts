import { describe, expect, it } from 'vitest';
import { toConnectorError } from './ashby.errors';

describe('Ashby errors', () => {
  const failure = (code: string, meta?: Record<string, unknown>) => ({
    success: false as const,
    errorInfo: { code, message: 'm', ...(meta ? { meta } : {}) },
  });

  it.each([
    [200, 'sync_token_expired', 'resync_required'],
    [200, 'incremental_sync_too_large', 'resync_required'],
    [200, 'sync_token_invalid', 'resync_required'],
    [403, 'invalid_api_key', 'auth'],
    [401, 'missing_authentication', 'auth'],
    [200, 'candidate_not_found', 'not_found'],
    [404, 'endpoint_not_found', 'invalid_response'],
    [503, 'internal_error', 'unavailable'],
    [200, 'invalid_input', 'invalid_response'],
  ])('HTTP %i %s → %s', (status, code, kind) => {
    expect(
      toConnectorError({
        method: 'candidate.list',
        status,
        failure: failure(code),
        permission: undefined,
      }).kind,
    ).toBe(kind);
  });

  it('names the missing permission, from Ashby or from the endpoint', () => {
    expect(
      toConnectorError({
        method: 'user.list',
        status: 403,
        failure: failure('missing_endpoint_permission', { permission: 'organizationRead' }),
        permission: 'somethingElse',
      }),
    ).toMatchObject({ kind: 'permission', missing: ['organizationRead'] });
    expect(
      toConnectorError({
        method: 'user.list',
        status: 200,
        failure: failure('missing_endpoint_permission'),
        permission: 'organizationRead',
      }),
    ).toMatchObject({ kind: 'permission', missing: ['organizationRead'] });
  });
});
