import { createHash } from 'node:crypto';
import type { SecretBox } from '../common/secret-box';
import type { SourceConnector } from '../connectors/connector';
import type { Connection } from '../entities';
import { openCredentials, type ConnectorFactory } from './connector-provider';

/** A connector lent to one sync run or webhook batch; `release` when done with it. */
export interface ConnectorLease {
  connector: SourceConnector;
  release(): void;
}

interface Entry {
  fingerprint: string;
  connector: SourceConnector;
  listeners: Set<(waitMs: number) => void>;
  leases: number;
  lastUsed: number;
}

type PooledConnection = Pick<
  Connection,
  'id' | 'provider' | 'baseUrl' | 'settings' | 'credentialsCiphertext'
>;

/**
 * One connector per connection in this process, shared by its sync runs and webhook batches.
 * Vendors limit requests per credential, not per run: sharing the connector shares its pacing
 * (so a webhook burst during a sync does not double the request rate and earn 429s), its OAuth
 * token and its reference-data caches. A change of credentials, base URL or settings gives a
 * new connector; one nobody has used for a while is dropped.
 */
export class ConnectorPool {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly factory: ConnectorFactory,
    private readonly secrets: SecretBox,
    private readonly idleMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  lease(
    connection: PooledConnection,
    hooks: { onRateLimited?: (waitMs: number) => void } = {},
  ): ConnectorLease {
    this.dropIdle();
    const fingerprint = fingerprintOf(connection);
    let entry = this.entries.get(connection.id);
    if (!entry || entry.fingerprint !== fingerprint) {
      const listeners = new Set<(waitMs: number) => void>();
      entry = {
        fingerprint,
        listeners,
        leases: 0,
        lastUsed: this.now(),
        connector: this.factory(connection, openCredentials(this.secrets, connection), {
          onRateLimited: (waitMs) => {
            for (const listener of listeners) listener(waitMs);
          },
        }),
      };
      // A replaced entry stays with the leases that hold it until they release it.
      this.entries.set(connection.id, entry);
    }
    const held = entry;
    held.leases++;
    held.lastUsed = this.now();
    const listener = hooks.onRateLimited;
    if (listener) held.listeners.add(listener);
    let released = false;
    return {
      connector: held.connector,
      release: () => {
        if (released) return;
        released = true;
        held.leases--;
        held.lastUsed = this.now();
        if (listener) held.listeners.delete(listener);
      },
    };
  }

  /** Forgets a connection's connector (the connection was removed). */
  forget(connectionId: string): void {
    this.entries.delete(connectionId);
  }

  private dropIdle(): void {
    const cutoff = this.now() - this.idleMs;
    for (const [id, entry] of this.entries) {
      if (entry.leases === 0 && entry.lastUsed < cutoff) this.entries.delete(id);
    }
  }
}

/** What makes two connectors of one connection differ: never the plaintext credentials. */
function fingerprintOf(connection: PooledConnection): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        connection.provider,
        connection.baseUrl,
        connection.credentialsCiphertext,
        connection.settings ?? {},
      ]),
    )
    .digest('hex');
}
