import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createEmptyDatabase } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { apiKeyLines, startServer, type ServerProcess } from '../helpers/server-process';
import { holdSubscription } from '../helpers/subscription';
import { startAshbySimulator } from '../simulators/ashby/ashby-simulator';
import { dropIndices } from '../setup/search-node';

/** The search settings per engine: postgres always, Elasticsearch where the run has a node. */
const elasticsearchUrl = inject('elasticsearchUrl');
const prefix = `${inject('elasticsearchPrefix')}-roles-${randomBytes(3).toString('hex')}`;
const engines: { engine: string; env: Record<string, string> }[] = [
  { engine: 'postgres', env: { SEARCH_ENGINE: 'postgres' } },
  ...(elasticsearchUrl
    ? [
        {
          engine: 'elasticsearch',
          env: {
            SEARCH_ENGINE: 'elasticsearch',
            ELASTICSEARCH_URL: elasticsearchUrl,
            ELASTICSEARCH_INDEX_PREFIX: prefix,
          },
        },
      ]
    : []),
];

interface SyncEvent {
  state: string;
  percent: number;
  processed: number;
}

/**
 * Production's process shape: `ROLE=api` and `ROLE=worker` as two `npm start` processes on one
 * PostgreSQL and one search engine. The worker syncs and indexes; the api process answers the
 * searches and relays the worker's `syncStatus` events (PostgreSQL NOTIFY between them).
 */
describe.each(engines)('api and worker as separate processes ($engine)', ({ env: engineEnv }) => {
  const children: ServerProcess[] = [];
  afterAll(async () => {
    for (const child of children) child.child.kill('SIGKILL');
    if (elasticsearchUrl) await dropIndices(elasticsearchUrl, prefix);
  });

  const start = (env: Record<string, string>, port?: number) => startServer(children, env, port);

  it('syncs through the worker, searches through the api, and streams syncStatus on the api', async () => {
    const ats = await startAshbySimulator({ seed: 'roles', candidates: 25, rateLimit: false });
    try {
      const env = {
        ...engineEnv,
        DATABASE_URL: await createEmptyDatabase(),
        SECRET_KEY: randomBytes(32).toString('hex'),
        SYNC_SCHEDULE_CHECK_SECONDS: '3600',
      };
      const api = await start({ ...env, ROLE: 'api' });
      const key = apiKeyLines(api.server.stdout)[0]!.slice('API key: '.length);
      const worker = await start({ ...env, ROLE: 'worker' });

      const created = await graphql<{ createConnection: { id: string } }>(
        api.url,
        'mutation($input: CreateConnectionInput!) { createConnection(input: $input) { id } }',
        {
          key,
          variables: {
            input: {
              provider: 'ASHBY',
              name: 'Ashby',
              credentials: { apiKey: ats.credentials.apiKey },
              capabilities: ['REDISCOVERY'],
              baseUrl: ats.url,
            },
          },
        },
      );
      expect(created.body.errors).toBeUndefined();
      const connectionId = created.body.data!.createConnection.id;
      const sub = holdSubscription<SyncEvent>(
        api.url,
        key,
        'subscription ($id: ID!) { syncStatus(connectionId: $id) { state percent processed } }',
        { id: connectionId },
        (data) => data['syncStatus'] as never,
      );
      try {
        const done = await sub.until((e) => e.state === 'COMPLETED', 90_000);
        expect(done.percent).toBe(100);
        // The worker's progress reached the api process while the run went on, not only its end.
        expect(sub.events.some((e) => e.state === 'RUNNING')).toBe(true);
        expect(sub.errors).toEqual([]);
      } finally {
        await sub.close();
      }

      // The worker indexes what it synced; the api process searches the same engine.
      const people = [...ats.dataset.candidates.values()];
      const count = '{ searchCandidates(first: 1) { totalCount } }';
      let total = -1;
      for (let i = 0; i < 300 && total !== people.length; i++) {
        const res = await graphql<{ searchCandidates: { totalCount: number } }>(api.url, count, {
          key,
        });
        expect(res.body.errors).toBeUndefined();
        total = res.body.data!.searchCandidates.totalCount;
        if (total !== people.length) await new Promise((r) => setTimeout(r, 100));
      }
      expect(total).toBe(people.length);
      const someone = people[7]!;
      const byName = await graphql<{
        searchCandidates: { edges: { node: { fullName: string } }[] };
      }>(
        api.url,
        'query($q: String!) { searchCandidates(query: $q, first: 50) { edges { node { fullName } } } }',
        { key, variables: { q: `"${someone.firstName} ${someone.lastName}"` } },
      );
      expect(byName.body.errors).toBeUndefined();
      expect(byName.body.data!.searchCandidates.edges.map((e) => e.node.fullName)).toContain(
        `${someone.firstName} ${someone.lastName}`,
      );

      // Marking a custom field filterable on the api queues a durable reindex (pg-boss, in the
      // transaction of the settings change) that the worker runs, its progress on the connection.
      const marked = await graphql(
        api.url,
        'mutation($id: ID!) { updateConnection(id: $id, input: { settings: { filterableCustomFields: ["level"] } }) { id } }',
        { key, variables: { id: connectionId } },
      );
      expect(marked.body.errors).toBeUndefined();
      type Reindex = { state: string; processed: number; total: number | null } | null;
      let reindex: Reindex = null;
      for (let i = 0; i < 300 && reindex?.state !== 'COMPLETED'; i++) {
        const res: { body: { data?: { connection: { searchReindex: Reindex } } | null } } =
          await graphql<{ connection: { searchReindex: Reindex } }>(
            api.url,
            'query($id: ID!) { connection(id: $id) { searchReindex { state processed total } } }',
            { key, variables: { id: connectionId } },
          );
        reindex = res.body.data!.connection.searchReindex;
        if (reindex?.state !== 'COMPLETED') await new Promise((r) => setTimeout(r, 100));
      }
      expect(reindex).toEqual({
        state: 'COMPLETED',
        processed: people.length,
        total: people.length,
      });

      api.server.child.kill('SIGTERM');
      worker.server.child.kill('SIGTERM');
      expect((await api.server.exited).code).toBe(0);
      expect((await worker.server.exited).code).toBe(0);
    } finally {
      await ats.close();
    }
  }, 150_000);
});
