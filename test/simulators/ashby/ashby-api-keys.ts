/**
 * Ashby API keys with per-key permissions, checked the documented way: no key → 401, unknown or
 * deactivated key → 403, key without the endpoint's permission → 403 `missing_endpoint_permission`.
 */
import { header, type SimRequest, type SimResponse } from '../common/http-server';
import { randomToken } from '../common/hmac';
import { ashbyFailure } from './ashby-envelope';

/**
 * Permissions used by the endpoints we serve. The endpoint → permission mapping follows the
 * Ashby OpenAPI descriptions where they say so and is otherwise a reasonable guess (UNCONFIRMED).
 */
export const ASHBY_PERMISSIONS = [
  'candidatesRead',
  'candidatesWrite',
  'jobsRead',
  'hiringProcessMetadataRead',
  'organizationRead',
  'apiKeysWrite',
] as const;

export type AshbyPermission = (typeof ASHBY_PERMISSIONS)[number];

export interface AshbyPrincipal {
  keyId: string;
  permissions: ReadonlySet<AshbyPermission>;
}

interface StoredKey {
  id: string;
  permissions: ReadonlySet<AshbyPermission>;
  active: boolean;
}

export class AshbyApiKeys {
  private readonly keys = new Map<string, StoredKey>();

  /** A new key (the secret string a customer pastes) with these permissions. */
  create(permissions: readonly AshbyPermission[] = ASHBY_PERMISSIONS): string {
    const apiKey = randomToken(24);
    this.keys.set(apiKey, {
      id: `key-${this.keys.size + 1}`,
      permissions: new Set(permissions),
      active: true,
    });
    return apiKey;
  }

  deactivate(apiKey: string): void {
    const key = this.keys.get(apiKey);
    if (key) key.active = false;
  }

  authenticate(
    req: SimRequest,
    permission: string | undefined,
  ): { principal: AshbyPrincipal } | { response: SimResponse } {
    const authorization = header(req, 'authorization');
    if (!authorization || !/^Basic\s+/i.test(authorization)) {
      return {
        response: ashbyFailure(
          'missing_authentication',
          'Authenticate with HTTP Basic auth: your API key as the username, no password.',
          401,
          undefined,
          { 'www-authenticate': 'Basic realm="Ashby API"' },
        ),
      };
    }
    const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const apiKey = decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : decoded;
    const key = this.keys.get(apiKey);
    if (!key || !key.active) {
      return {
        response: ashbyFailure(
          'invalid_api_key',
          'The API key is invalid or has been deactivated.',
          403,
        ),
      };
    }
    if (permission && !key.permissions.has(permission as AshbyPermission)) {
      return {
        response: ashbyFailure(
          'missing_endpoint_permission',
          `The API key is missing the ${permission} permission required by this endpoint.`,
          403,
          { permission },
        ),
      };
    }
    return { principal: { keyId: key.id, permissions: key.permissions } };
  }
}
