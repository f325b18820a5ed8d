import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { CandidateDocument } from '../../src/search/candidate-document';
import { ElasticsearchSearchEngine } from '../../src/search/elasticsearch/elasticsearch-engine';
import { toEsDocument } from '../../src/search/elasticsearch/es-document';
import {
  CANDIDATE_MAPPINGS,
  indexNames,
  MAPPING_VERSION,
} from '../../src/search/elasticsearch/es-mapping';
import { SearchEngineUnavailableError } from '../../src/search/search-engine';
import type { SearchRequest } from '../../src/search/search-types';
import { startTestApp } from '../helpers/app';
import { blankDocument } from '../helpers/candidate-document';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { ModelSeeder } from '../helpers/seed-model';
import { TcpProxy } from '../helpers/tcp-proxy';
import { dropIndices } from '../setup/search-node';

/**
 * The Elasticsearch engine's own paths on a live node, beyond what the shared contract asks of
 * every engine: index creation with two engines starting at once, the versioned alias swap with
 * two processes starting at once, bulk writes with a failed item, removal by id over several
 * pages, and an unreachable node. Runs
 * where the test run has a node (test/setup/global-setup.ts; every machine with Java).
 */
const url = inject('elasticsearchUrl');

describe.runIf(url)('Elasticsearch engine on a live node', () => {
  const node = url ?? '';
  const runPrefix = `${inject('elasticsearchPrefix')}-engine-${randomBytes(3).toString('hex')}`;
  let client: Client;
  let prefixes = 0;
  const engines: ElasticsearchSearchEngine[] = [];

  /** An engine on its own index prefix (a fresh cluster, as far as it can tell). */
  function engineOn(prefix: string, options: { client?: Client } = {}): ElasticsearchSearchEngine {
    const engine = new ElasticsearchSearchEngine({
      node,
      ...options,
      indexPrefix: prefix,
      migration: { batchSize: 500, pollMs: 50, waitMs: 60_000 },
    });
    engines.push(engine);
    return engine;
  }
  const freshPrefix = (): string => `${runPrefix}-${++prefixes}`;

  function search(organizationId: string, query: SearchRequest['query'] = null): SearchRequest {
    return {
      organizationId,
      query,
      filter: {},
      facets: [],
      facetSize: 10,
      sort: { field: 'NAME', direction: 'ASC' },
      first: 100,
      after: null,
      now: new Date('2026-01-01T00:00:00.000Z'),
    };
  }

  function people(
    organizationId: string,
    connectionId: string,
    count: number,
    name = 'Person',
  ): CandidateDocument[] {
    return Array.from({ length: count }, (_, i) =>
      blankDocument(organizationId, connectionId, `${name} ${String(i).padStart(5, '0')}`, {
        skills: ['Kafka'],
      }),
    );
  }

  beforeAll(() => {
    client = new Client({ node });
  });

  afterAll(async () => {
    await Promise.all(engines.map((e) => e.close()));
    await dropIndices(node, runPrefix);
    await client.close();
  });

  async function aliasTargets(prefix: string): Promise<string[]> {
    return Object.keys(await client.indices.getAlias({ name: indexNames(prefix).alias }));
  }

  it('creates its indices once when two engines start at the same moment', async () => {
    const prefix = freshPrefix();
    await Promise.all([engineOn(prefix).init(), engineOn(prefix).init()]);
    expect(await aliasTargets(prefix)).toEqual([indexNames(prefix).index]);
    expect(await client.indices.exists({ index: indexNames(prefix).labels })).toBe(true);
    // Starting again changes nothing.
    await engineOn(prefix).init();
    expect(await aliasTargets(prefix)).toEqual([indexNames(prefix).index]);
  });

  it('moves the alias from an older mapping version to this one, with every document, when two processes start at once', async () => {
    const prefix = freshPrefix();
    const old = indexNames(prefix, MAPPING_VERSION - 1);
    await client.indices.create({
      index: old.index,
      mappings: CANDIDATE_MAPPINGS,
      aliases: { [old.alias]: {} },
    });
    const org = randomUUID();
    const documents = people(org, randomUUID(), 1_234);
    // More than one scroll page and one bulk request of the copy (batchSize 500).
    await client.bulk({
      refresh: true,
      operations: documents.flatMap((d) => [
        { index: { _index: old.index, _id: d.id, routing: org } },
        toEsDocument(d).source,
      ]),
    });

    // Two processes, as an api and a worker starting together: one copies, the other waits.
    const startAt = String(Date.now() + 3_000);
    const results = await Promise.all([initProcess(prefix, startAt), initProcess(prefix, startAt)]);
    expect(results).toEqual([
      { code: 0, stdout: expect.stringContaining('"ok":true') as unknown, stderr: '' },
      { code: 0, stdout: expect.stringContaining('"ok":true') as unknown, stderr: '' },
    ]);

    expect(await aliasTargets(prefix)).toEqual([indexNames(prefix).index]);
    expect(await client.indices.exists({ index: old.index })).toBe(false);
    const engine = engineOn(prefix);
    expect(await engine.count(org)).toBe(1_234);
    const found = await engine.search({
      ...search(org, { kind: 'term', value: 'kafka', field: 'skill', prefix: false, span }),
      first: 1,
    });
    expect(found.totalCount).toBe(1_234);
    expect(found.hits[0]?.highlights).toEqual([{ field: 'skills', snippets: ['<em>Kafka</em>'] }]);
  });

  it('fills statuses and custom field facets of documents stored before mapping version 3', async () => {
    const prefix = freshPrefix();
    const old = indexNames(prefix, MAPPING_VERSION - 1);
    await client.indices.create({
      index: old.index,
      mappings: CANDIDATE_MAPPINGS,
      aliases: { [old.alias]: {} },
    });
    const org = randomUUID();
    const document = blankDocument(org, randomUUID(), 'Old Timer', {
      applications: [
        {
          applicationId: 'a1',
          jobId: 'j1',
          jobTitle: 'Engineer',
          stage: 'Offer',
          status: 'HIRED',
          rejectionReason: null,
          updatedAt: '2025-01-01T00:00:00.000Z',
        },
      ],
      customFields: { visa: ['Needs Sponsorship'] },
    });
    // What version 2 stored: no statuses, no custom field values by key.
    const { source } = toEsDocument(document);
    const { customFieldValues: _values, ...v2 } = source;
    await client.index({
      index: old.index,
      id: document.id,
      routing: org,
      refresh: true,
      document: {
        ...v2,
        values: { ...v2.values, statuses: [] },
        applications: v2.applications.map(({ status: _status, ...a }) => a),
      },
    });

    const engine = engineOn(prefix);
    await engine.init();
    const found = await engine.search({
      ...search(org),
      facets: ['STATUS'],
      customFieldFacets: ['visa'],
      filter: { statuses: ['HIRED'] },
    });
    expect(found.totalCount).toBe(1);
    expect(found.facets).toEqual([
      {
        field: 'STATUS',
        values: [{ value: 'HIRED', label: 'HIRED', count: 1 }],
        otherValueCount: 0,
      },
    ]);
    // The value's spelling comes along with the copy (labels of version 3).
    expect(found.customFieldFacets).toEqual([
      {
        key: 'visa',
        label: 'visa',
        values: [{ value: 'needs sponsorship', label: 'Needs Sponsorship', count: 1 }],
        otherValueCount: 0,
      },
    ]);
  });

  it('refuses to start on an index of a newer mapping version', async () => {
    const prefix = freshPrefix();
    const newer = indexNames(prefix, MAPPING_VERSION + 1);
    await client.indices.create({
      index: newer.index,
      mappings: CANDIDATE_MAPPINGS,
      aliases: { [newer.alias]: {} },
    });
    await expect(engineOn(prefix).init()).rejects.toThrow(/newer than this build/);
  });

  it('reports a bulk item that failed by its cause, and keeps the items that succeeded', async () => {
    const engine = engineOn(freshPrefix());
    await engine.init();
    const org = randomUUID();
    const [good, bad] = people(org, randomUUID(), 2);
    await expect(engine.index([good!, { ...bad!, lastUpdated: 'not a date' }])).rejects.toThrow(
      /bulk write failed \(400\): document_parsing_exception/,
    );
    expect(await engine.count(org)).toBe(1);
    expect((await engine.search(search(org))).hits.map((h) => h.id)).toEqual([good!.id]);
  });

  it('removes by id and by connection over several pages, and only the asking organization’s', async () => {
    const engine = engineOn(freshPrefix());
    await engine.init();
    const org = randomUUID();
    const other = randomUUID();
    const [gone, kept] = [randomUUID(), randomUUID()];
    const many = people(org, gone, 2_100, 'Gone');
    const few = people(org, kept, 3, 'Kept');
    const foreign = people(other, gone, 2, 'Foreign');
    await engine.index([...many, ...few, ...foreign]);
    expect(await engine.count(org)).toBe(2_103);

    // 2,100 documents: three pages of the connection's ids.
    await engine.removeConnection(org, gone);
    expect(await engine.count(org)).toBe(3);
    expect(await engine.count(other)).toBe(2);

    // Unknown ids and another organization's ids are ignored.
    await engine.remove(org, [few[0]!.id, randomUUID(), foreign[0]!.id]);
    const left = await engine.search(search(org));
    expect(left.hits.map((h) => h.id).sort()).toEqual([few[1]!.id, few[2]!.id].sort());
    expect(await engine.count(other)).toBe(2);
  });

  it('waits for a refresh on an ordinary write but not on a bulk load', async () => {
    const prefix = freshPrefix();
    const engine = engineOn(prefix);
    await engine.init();
    // No periodic refresh: only an explicit one (or a write that waits for one) shows documents.
    await client.indices.putSettings({
      index: indexNames(prefix).alias,
      settings: { index: { refresh_interval: '-1' } },
    });
    const org = randomUUID();
    const [first, second] = people(org, randomUUID(), 2);
    // A bulk write returns without a refresh (one that waited would never return here).
    await engine.index([first!], { bulk: true });
    expect((await engine.search(search(org))).totalCount).toBe(0);
    await client.indices.refresh({ index: indexNames(prefix).alias });
    expect((await engine.search(search(org))).totalCount).toBe(1);
    // An ordinary write is searchable when it returns: it waits for the refresh it asks for.
    const written = engine.index([second!]);
    let settled = false;
    void written.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    await client.indices.refresh({ index: indexNames(prefix).alias });
    await written;
    expect((await engine.search(search(org))).totalCount).toBe(2);
  });

  it('answers every method with SearchEngineUnavailableError while the node is unreachable, then recovers', async () => {
    const target = new URL(node);
    const proxy = new TcpProxy(target.hostname, Number(target.port));
    const port = await proxy.start();
    // No retries: each call fails at once (the GraphQL case below keeps the engine's default).
    const direct = new Client({ node: `http://127.0.0.1:${port}`, maxRetries: 0 });
    const engine = engineOn(freshPrefix(), { client: direct });
    await engine.init();
    const org = randomUUID();
    const [doc] = people(org, randomUUID(), 1);
    await engine.index([doc!]);

    await proxy.stop();
    const calls: [string, () => Promise<unknown>][] = [
      ['init', () => engine.init()],
      ['index', () => engine.index([doc!])],
      ['remove', () => engine.remove(org, [doc!.id])],
      ['removeConnection', () => engine.removeConnection(org, doc!.connectionId)],
      ['search', () => engine.search(search(org))],
      ['insights', () => engine.insights({ ...search(org), dimensions: ['SKILL'], size: 5 })],
      ['lookup', () => engine.lookup({ organizationId: org, profiles: [{ email: 'a@b.io' }] })],
      ['count', () => engine.count(org)],
    ];
    for (const [name, call] of calls) {
      await expect(call(), name).rejects.toBeInstanceOf(SearchEngineUnavailableError);
    }
    expect(await engine.ready()).toEqual({
      ok: false,
      reason: 'the Elasticsearch cluster is unreachable',
    });

    await proxy.start(port);
    let count: number | undefined;
    for (let i = 0; i < 50 && count === undefined; i++) {
      count = await engine.count(org).catch(() => undefined);
      if (count === undefined) await new Promise((r) => setTimeout(r, 100));
    }
    expect(count).toBe(1);
    expect(await engine.ready()).toEqual({ ok: true });
    await direct.close();
  });

  it('answers UPSTREAM_UNAVAILABLE over GraphQL while the node is unreachable', async () => {
    const target = new URL(node);
    const proxy = new TcpProxy(target.hostname, Number(target.port));
    const port = await proxy.start();
    const dataSource = await sharedDataSource(2);
    const app = await startTestApp(inject('databaseUrl'), {
      SEARCH_ENGINE: 'elasticsearch',
      ELASTICSEARCH_URL: `http://127.0.0.1:${port}`,
      ELASTICSEARCH_INDEX_PREFIX: freshPrefix(),
    });
    try {
      const tenant = await createTenant(dataSource, 'es-down');
      const seed = new ModelSeeder(dataSource, tenant.organization.id);
      const connection = await seed.connection();
      const ada = await seed.candidate(connection.id, { fullName: 'Ada Lovelace' });
      await app.indexer.indexCandidates(tenant.organization.id, [ada.id]);
      const query = '{ searchCandidates(query: "ada") { totalCount } }';
      expect((await graphql(app.http.url, query, { key: tenant.key })).body).toEqual({
        data: { searchCandidates: { totalCount: 1 } },
      });
      expect((await fetch(`${app.http.url}/readyz`)).status).toBe(200);

      await proxy.stop();
      const down = await graphql(app.http.url, query, { key: tenant.key });
      expect(down.body.errors?.[0]?.extensions?.['code']).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Elasticsearch/);
      // A load balancer takes the process out of rotation while its search node is away.
      const notReady = await fetch(`${app.http.url}/readyz`);
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toEqual({
        status: 'not ready',
        reason: 'the Elasticsearch cluster is unreachable',
      });
    } finally {
      await proxy.stop();
      await app.stop();
      await dataSource.destroy();
    }
  });
});

const span = { start: 0, end: 0 };

/** Runs es-init-process.ts: one engine's init() in a process of its own, from `startAt` (ms). */
function initProcess(
  prefix: string,
  startAt: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'es-init-process.ts')],
    {
      cwd: path.resolve(__dirname, '..', '..'),
      env: { ...process.env, ES_NODE: url ?? '', ES_PREFIX: prefix, START_AT: startAt },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}
