import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger';
import { Connection } from '../../src/entities';
import type { SearchReindexState } from '../../src/entities/connection.entity';
import { ConnectionReindexer } from '../../src/indexer/connection-reindex';
import { Indexer } from '../../src/indexer/indexer';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import type { IndexOptions } from '../../src/search/search-engine';
import { createTenant, sharedDataSource } from '../helpers/database';
import { ModelSeeder } from '../helpers/seed-model';

/** The real indexer, noting which candidates each call carried (and failing when told to). */
class RecordingIndexer extends Indexer {
  readonly calls: { ids: string[]; bulk: boolean }[] = [];
  failOnCall: number | null = null;

  override async indexCandidates(
    organizationId: string,
    candidateIds: readonly string[],
    options: IndexOptions = {},
  ): Promise<{ indexed: number; removed: number }> {
    this.calls.push({ ids: [...candidateIds], bulk: options.bulk ?? false });
    if (this.failOnCall === this.calls.length) throw new Error('the engine went away');
    return super.indexCandidates(organizationId, candidateIds, options);
  }
}

/**
 * The background reindex of a connection (ConnectionReindexer): passes in remote-id order with
 * progress on the connection, resumes after its checkpoint, stops when superseded, records
 * failures, and waits for the request that queued it to become visible.
 */
describe('connection reindex job', () => {
  let dataSource: DataSource;
  let organizationId: string;
  let connectionId: string;
  /** Candidate ids in remote-id order. */
  const ids: string[] = [];
  const remoteIds: string[] = [];

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    const tenant = await createTenant(dataSource, 'connection-reindex');
    organizationId = tenant.organization.id;
    const seed = new ModelSeeder(dataSource, organizationId);
    const connection = await seed.connection({ settings: { filterableCustomFields: ['visa'] } });
    connectionId = connection.id;
    const other = await seed.connection({ name: 'Other' });
    for (let i = 0; i < 5; i++) {
      const remoteId = `r${i}`;
      const candidate = await seed.candidate(connection.id, { fullName: `P${i}`, remoteId });
      ids.push(candidate.id);
      remoteIds.push(remoteId);
    }
    // Another connection's candidate is never touched.
    await seed.candidate(other.id, { fullName: 'Elsewhere', remoteId: 'r1' });
  });
  afterAll(() => dataSource?.destroy());

  function reindexer(indexer: Indexer, requestWaitMs = 2_000) {
    return new ConnectionReindexer(dataSource, indexer, createLogger('silent'), {
      batchSize: 2,
      requestWaitMs,
    });
  }

  function newIndexer(): RecordingIndexer {
    const engine = new PostgresSearchEngine(dataSource, { memoryFacets: 'never' });
    return new RecordingIndexer(dataSource, engine, createLogger('silent'));
  }

  async function setState(state: Partial<SearchReindexState> & { generation: number }) {
    await dataSource.getRepository(Connection).update(
      { id: connectionId },
      {
        searchReindex: {
          state: 'QUEUED',
          processed: 0,
          total: null,
          requestedAt: new Date().toISOString(),
          startedAt: null,
          finishedAt: null,
          error: null,
          checkpoint: null,
          ...state,
        },
      },
    );
  }

  async function state(): Promise<SearchReindexState | null> {
    const row = await dataSource.getRepository(Connection).findOneByOrFail({ id: connectionId });
    return row.searchReindex;
  }

  it('reindexes every candidate of the connection in passes, then says COMPLETED', async () => {
    await setState({ generation: 1 });
    const indexer = newIndexer();
    await reindexer(indexer).run({ organizationId, connectionId, generation: 1 });
    // Full passes in bulk; the short last one plainly (everything searchable at COMPLETED).
    expect(indexer.calls).toEqual([
      { ids: ids.slice(0, 2), bulk: true },
      { ids: ids.slice(2, 4), bulk: true },
      { ids: ids.slice(4), bulk: false },
    ]);
    expect(await state()).toMatchObject({
      state: 'COMPLETED',
      generation: 1,
      processed: 5,
      total: 5,
      checkpoint: remoteIds[4],
      error: null,
    });
    expect((await state())?.finishedAt).toEqual(expect.any(String));

    // Run again (a redelivered job): nothing to do.
    const again = newIndexer();
    await reindexer(again).run({ organizationId, connectionId, generation: 1 });
    expect(again.calls).toEqual([]);
  });

  it('goes on after its checkpoint when retried, and records a failure before it is retried', async () => {
    await setState({ generation: 2 });
    const failing = newIndexer();
    failing.failOnCall = 2;
    await expect(
      reindexer(failing).run({ organizationId, connectionId, generation: 2 }),
    ).rejects.toThrow('the engine went away');
    expect(await state()).toMatchObject({
      state: 'FAILED',
      processed: 2,
      checkpoint: remoteIds[1],
      error: 'the engine went away',
    });

    const retry = newIndexer();
    await reindexer(retry).run({ organizationId, connectionId, generation: 2 });
    expect(retry.calls.map((c) => c.ids)).toEqual([ids.slice(2, 4), ids.slice(4)]);
    expect(await state()).toMatchObject({ state: 'COMPLETED', processed: 5, error: null });
  });

  it('does nothing for a superseded request, and stops when superseded midway', async () => {
    await setState({ generation: 4 });
    const old = newIndexer();
    await reindexer(old).run({ organizationId, connectionId, generation: 3 });
    expect(old.calls).toEqual([]);
    expect(await state()).toMatchObject({ state: 'QUEUED', generation: 4 });

    // A newer request arrives while the first pass runs.
    const racing = new (class extends RecordingIndexer {
      override async indexCandidates(
        org: string,
        candidateIds: readonly string[],
        options?: IndexOptions,
      ) {
        const result = await super.indexCandidates(org, candidateIds, options);
        await setState({ generation: 5 });
        return result;
      }
    })(
      dataSource,
      new PostgresSearchEngine(dataSource, { memoryFacets: 'never' }),
      createLogger('silent'),
    );
    await reindexer(racing).run({ organizationId, connectionId, generation: 4 });
    expect(racing.calls).toHaveLength(1);
    expect(await state()).toMatchObject({ state: 'QUEUED', generation: 5, processed: 0 });
  });

  it('waits for its request to be visible, and drops one that never shows', async () => {
    await setState({ generation: 5 });
    const early = newIndexer();
    const run = reindexer(early).run({ organizationId, connectionId, generation: 6 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(early.calls).toEqual([]);
    await setState({ generation: 6 });
    await run;
    expect(await state()).toMatchObject({ state: 'COMPLETED', generation: 6, processed: 5 });

    const never = newIndexer();
    await reindexer(never, 200).run({ organizationId, connectionId, generation: 9 });
    expect(never.calls).toEqual([]);
    expect(await state()).toMatchObject({ state: 'COMPLETED', generation: 6 });
  });
});
