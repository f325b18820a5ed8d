import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../common/secret-box';
import type { SourceConnector } from '../connectors/connector';
import { ConnectorPool } from './connector-pool';
import type { ConnectorFactory } from './connector-provider';

/** A factory that records what it was asked to build; the pool never calls the connector. */
function recordingFactory() {
  const built: { credentials: Record<string, string>; rateLimited: (ms: number) => void }[] = [];
  const factory: ConnectorFactory = (_connection, credentials, hooks) => {
    built.push({ credentials, rateLimited: (ms) => hooks.onRateLimited?.(ms) });
    return { provider: 'ASHBY', built: built.length } as unknown as SourceConnector;
  };
  return { factory, built };
}

describe('ConnectorPool', () => {
  const secrets = new SecretBox(randomBytes(32));
  const connection = (apiKey: string, settings: Record<string, unknown> = {}) => ({
    id: 'c1',
    provider: 'ASHBY' as const,
    baseUrl: 'http://127.0.0.1:1',
    settings,
    credentialsCiphertext: secrets.seal(JSON.stringify({ apiKey })),
  });

  it('lends one connector per connection until its credentials or settings change', () => {
    const { factory, built } = recordingFactory();
    const pool = new ConnectorPool(factory, secrets);
    const first = connection('k1');
    const a = pool.lease(first);
    const b = pool.lease({ ...first, settings: {} }); // the same row read again
    expect(b.connector).toBe(a.connector);
    expect(built).toHaveLength(1);
    expect(built[0]?.credentials).toEqual({ apiKey: 'k1' });

    const second = connection('k2');
    const rotated = pool.lease(second);
    expect(rotated.connector).not.toBe(a.connector);
    const paced = pool.lease({ ...second, settings: { requestsPerSecond: 5 } });
    expect(paced.connector).not.toBe(rotated.connector);
    expect(built).toHaveLength(3);
  });

  it('tells rate-limit waits to the leases that hold the connector, until released', () => {
    const { factory, built } = recordingFactory();
    const pool = new ConnectorPool(factory, secrets);
    const waits: string[] = [];
    const row = connection('k1');
    const run = pool.lease(row, { onRateLimited: (ms) => waits.push(`run ${ms}`) });
    const hook = pool.lease(row, { onRateLimited: (ms) => waits.push(`hook ${ms}`) });
    built[0]?.rateLimited(100);
    run.release();
    run.release(); // twice is harmless
    built[0]?.rateLimited(200);
    hook.release();
    built[0]?.rateLimited(300);
    expect(waits).toEqual(['run 100', 'hook 100', 'hook 200']);
  });

  it('drops a connector nobody has used for the idle time, never one on lease', () => {
    const { factory, built } = recordingFactory();
    let now = 0;
    const pool = new ConnectorPool(factory, secrets, 1000, () => now);
    const row = connection('k1');
    const held = pool.lease(row);
    now = 5000;
    expect(pool.lease(row).connector).toBe(held.connector); // on lease: kept however old
    held.release();
    now = 5500;
    expect(pool.lease(row).connector).toBe(held.connector);
    now = 9000; // the second lease above was never released: still kept
    expect(pool.lease(row).connector).toBe(held.connector);
    expect(built).toHaveLength(1);

    const idle = { ...row, id: 'c2' };
    pool.lease(idle).release();
    now = 9500;
    pool.lease(idle).release();
    expect(built).toHaveLength(2);
    now = 12_000;
    pool.lease(idle).release();
    expect(built).toHaveLength(3);
  });
});
