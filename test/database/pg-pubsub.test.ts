import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createLogger } from '../../src/common/logger';
import { PgPubSub } from '../../src/database/pg-pubsub';
import { sharedDataSource } from '../helpers/database';

describe('PgPubSub', () => {
  let dataSource: DataSource;
  let pubsub: PgPubSub;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    pubsub = new PgPubSub(
      inject('databaseUrl'),
      (text, values) => dataSource.query(text, values),
      createLogger('silent'),
    );
  });
  afterAll(async () => {
    await pubsub?.close();
    await dataSource?.destroy();
  });

  it('listens again by itself after its connection is killed, for subscribers that subscribed once', async () => {
    const topic = `reconnect-${Date.now()}`;
    const events = pubsub.subscribe<{ n: number }>(topic);
    const received: number[] = [];
    void (async () => {
      for await (const event of events) received.push(event.n);
    })();
    await new Promise((r) => setTimeout(r, 200));
    await pubsub.publish(topic, { n: 1 });
    await expect.poll(() => received, { timeout: 5000 }).toEqual([1]);

    await dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'rediscover-events' AND pid <> pg_backend_pid()`,
    );
    // Published until the new connection hears one (NOTIFY is not kept for absent listeners).
    await expect
      .poll(
        async () => {
          await pubsub.publish(topic, { n: 2 });
          return received.includes(2);
        },
        { timeout: 10_000, interval: 250 },
      )
      .toBe(true);
    await events.return?.();
  });
});
