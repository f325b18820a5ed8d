/**
 * Harvest v3 OAuth: client credentials at `/token` (HTTP Basic client_id:client_secret, form
 * `grant_type=client_credentials&sub=<user id>`) for a one-hour Bearer token carrying the
 * client's scopes. Scope names follow the `harvest:<resource>:<action>` pattern the docs show
 * (UNCONFIRMED full naming).
 */
import {
  header,
  json,
  parseFormBody,
  type SimRequest,
  type SimResponse,
} from '../common/http-server';
import { randomToken } from '../common/hmac';
import type { SimulatorClock } from '../common/clock';
import { greenhouseError } from './greenhouse-errors';

export const GREENHOUSE_RESOURCES = [
  'candidates',
  'applications',
  'jobs',
  'job_posts',
  'job_interview_stages',
  'rejection_reasons',
  'sources',
  'users',
  'departments',
  'offices',
  'attachments',
  'notes',
  'candidate_educations',
  'candidate_employments',
  'custom_fields',
] as const;

export type GreenhouseResource = (typeof GREENHOUSE_RESOURCES)[number];

/** e.g. `harvest:candidates:list`. */
export type GreenhouseScope =
  `harvest:${GreenhouseResource}:${'list' | 'create' | 'update' | 'delete'}`;

export const ALL_GREENHOUSE_SCOPES: readonly GreenhouseScope[] = GREENHOUSE_RESOURCES.flatMap((r) =>
  (['list', 'create', 'update', 'delete'] as const).map(
    (a): GreenhouseScope => `harvest:${r}:${a}`,
  ),
);

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export interface GreenhousePrincipal {
  clientId: string;
  /** The Greenhouse user the token acts as (`sub`), which replaces v1's On-Behalf-Of. */
  userId: number;
  scopes: ReadonlySet<string>;
}

interface Client {
  secret: string;
  scopes: ReadonlySet<string>;
}

interface AccessToken extends GreenhousePrincipal {
  expiresAt: number;
}

export class GreenhouseAuth {
  private readonly clients = new Map<string, Client>();
  private readonly tokens = new Map<string, AccessToken>();

  constructor(
    private readonly clock: SimulatorClock,
    private readonly isUser: (userId: number) => boolean,
  ) {}

  createClient(scopes: readonly string[]): { clientId: string; clientSecret: string } {
    const clientId = `gh_client_${randomToken(9)}`;
    const clientSecret = randomToken(24);
    this.clients.set(clientId, { secret: clientSecret, scopes: new Set(scopes) });
    return { clientId, clientSecret };
  }

  /** Every token issued so far stops working (clients must fetch a new one). */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** POST /token. Errors use the OAuth 2.0 (RFC 6749 §5.2) shape. */
  issueToken(req: SimRequest): SimResponse {
    const authorization = header(req, 'authorization') ?? '';
    const decoded = Buffer.from(authorization.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
    const [clientId = '', clientSecret = ''] = decoded.split(':');
    const client = /^Basic\s+/i.test(authorization) ? this.clients.get(clientId) : undefined;
    if (!client || client.secret !== clientSecret) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
      });
    }
    const form = parseFormBody(req);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Use grant_type=client_credentials.',
      });
    }
    const sub = Number(form.get('sub'));
    if (!Number.isInteger(sub) || !this.isUser(sub)) {
      return json(400, {
        error: 'invalid_request',
        error_description: 'sub must be the id of an active Greenhouse user.',
      });
    }
    const accessToken = randomToken(32);
    this.tokens.set(accessToken, {
      clientId,
      userId: sub,
      scopes: client.scopes,
      expiresAt: this.clock.now() + ACCESS_TOKEN_TTL_SECONDS * 1000,
    });
    return json(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
      scope: [...client.scopes].join(' '),
    });
  }

  authenticate(
    req: SimRequest,
    scope: string | undefined,
  ): { principal: GreenhousePrincipal } | { response: SimResponse } {
    const authorization = header(req, 'authorization');
    const bearer =
      authorization && /^Bearer\s+/i.test(authorization)
        ? authorization.replace(/^Bearer\s+/i, '')
        : null;
    const token = bearer ? this.tokens.get(bearer) : undefined;
    if (!token || token.expiresAt <= this.clock.now()) {
      const message =
        bearer && token
          ? 'The access token has expired.'
          : 'A valid Bearer access token is required.';
      return {
        response: greenhouseError(401, message, undefined, { 'www-authenticate': 'Bearer' }),
      };
    }
    if (scope && !token.scopes.has(scope)) {
      return { response: greenhouseError(403, `The access token is missing the ${scope} scope.`) };
    }
    return { principal: { clientId: token.clientId, userId: token.userId, scopes: token.scopes } };
  }
}
