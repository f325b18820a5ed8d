/**
 * SmartRecruiters credentials: a company API key in `X-SmartToken`, or an OAuth 2 client whose
 * `/identity/oauth/token` Bearer tokens last an hour. Both carry scopes; the scope names follow
 * SmartRecruiters' OAuth scope style (UNCONFIRMED exact list).
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
import { srError } from './smartrecruiters-errors';

export const SMARTRECRUITERS_SCOPES = [
  'candidates_read',
  'candidates_create',
  'candidates_manage',
  'jobs_read',
  'configuration_read',
  'users_read',
  'messages_write',
  'webhooks_manage',
] as const;

export type SmartRecruitersScope = (typeof SMARTRECRUITERS_SCOPES)[number];

export interface SmartRecruitersPrincipal {
  /** The credential (API key or OAuth client) that rate limits and subscription quotas count against. */
  credentialId: string;
  scopes: ReadonlySet<string>;
}

export const TOKEN_TTL_SECONDS = 3600;

interface Token {
  principal: SmartRecruitersPrincipal;
  expiresAt: number;
}

export class SmartRecruitersAuth {
  private readonly smartTokens = new Map<string, SmartRecruitersPrincipal>();
  private readonly clients = new Map<
    string,
    { secret: string; principal: SmartRecruitersPrincipal }
  >();
  private readonly tokens = new Map<string, Token>();

  constructor(private readonly clock: SimulatorClock) {}

  /** A 32-character company API key. */
  createSmartToken(scopes: readonly string[]): string {
    const token = randomToken(24).replace(/[-_]/g, 'x').slice(0, 32);
    this.smartTokens.set(token, {
      credentialId: `key-${this.smartTokens.size + 1}`,
      scopes: new Set(scopes),
    });
    return token;
  }

  createClient(scopes: readonly string[]): { clientId: string; clientSecret: string } {
    const clientId = `sr_client_${randomToken(9)}`;
    const clientSecret = randomToken(24);
    this.clients.set(clientId, {
      secret: clientSecret,
      principal: { credentialId: clientId, scopes: new Set(scopes) },
    });
    return { clientId, clientSecret };
  }

  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** POST /identity/oauth/token with a form body. */
  issueToken(req: SimRequest): SimResponse {
    const form = parseFormBody(req);
    if (form.get('grant_type') !== 'client_credentials') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Use grant_type=client_credentials.',
      });
    }
    const client = this.clients.get(form.get('client_id') ?? '');
    if (!client || client.secret !== form.get('client_secret')) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Unknown client or wrong secret.',
      });
    }
    const accessToken = randomToken(32);
    this.tokens.set(accessToken, {
      principal: client.principal,
      expiresAt: this.clock.now() + TOKEN_TTL_SECONDS * 1000,
    });
    return json(200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_TTL_SECONDS,
    });
  }

  authenticate(
    req: SimRequest,
    scope: string | undefined,
  ): { principal: SmartRecruitersPrincipal } | { response: SimResponse } {
    let principal: SmartRecruitersPrincipal | undefined;
    const smartToken = header(req, 'x-smarttoken');
    const authorization = header(req, 'authorization');
    if (smartToken) {
      principal = this.smartTokens.get(smartToken);
    } else if (authorization && /^Bearer\s+/i.test(authorization)) {
      const token = this.tokens.get(authorization.replace(/^Bearer\s+/i, ''));
      if (token && token.expiresAt > this.clock.now()) principal = token.principal;
    }
    if (!principal) {
      return {
        response: srError(
          401,
          'UNAUTHORIZED',
          'Valid X-SmartToken or Bearer access token required.',
        ),
      };
    }
    if (scope && !principal.scopes.has(scope)) {
      return {
        response: srError(
          403,
          'FORBIDDEN',
          `Insufficient permissions: the ${scope} scope is required.`,
        ),
      };
    }
    return { principal };
  }
}
