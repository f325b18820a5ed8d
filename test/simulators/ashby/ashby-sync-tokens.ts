/**
 * Ashby sync tokens: issued on the last page of a full or incremental run, naming the change
 * watermark at the start of that run. They expire after a TTL (UNCONFIRMED upstream; third
 * parties mention about a week, so the default is 7 days) or when a test expires them all.
 */
import { randomToken } from '../common/hmac';
import type { SimulatorClock } from '../common/clock';

interface IssuedToken {
  list: string;
  seq: number;
  issuedAt: number;
  expired: boolean;
}

export type SyncTokenCheck =
  { ok: true; seq: number } | { ok: false; code: 'sync_token_invalid' | 'sync_token_expired' };

export const DEFAULT_SYNC_TOKEN_TTL_MS = 7 * 24 * 3600 * 1000;

export class AshbySyncTokens {
  private readonly tokens = new Map<string, IssuedToken>();

  constructor(
    private readonly clock: SimulatorClock,
    public ttlMs = DEFAULT_SYNC_TOKEN_TTL_MS,
  ) {}

  issue(list: string, seq: number): string {
    const token = `st_${randomToken(18)}`;
    this.tokens.set(token, { list, seq, issuedAt: this.clock.now(), expired: false });
    return token;
  }

  check(token: string, list: string): SyncTokenCheck {
    const issued = this.tokens.get(token);
    // A token from another list endpoint is as unusable as a made-up one.
    if (!issued || issued.list !== list) return { ok: false, code: 'sync_token_invalid' };
    if (issued.expired || this.clock.now() - issued.issuedAt > this.ttlMs) {
      return { ok: false, code: 'sync_token_expired' };
    }
    return { ok: true, seq: issued.seq };
  }

  /** Every token issued so far now answers `sync_token_expired`. */
  expireAll(): void {
    for (const token of this.tokens.values()) token.expired = true;
  }
}
