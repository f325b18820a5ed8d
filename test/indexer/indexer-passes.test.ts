import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/common/logger';
import { Candidate } from '../../src/entities';
import { Indexer } from '../../src/indexer/indexer';
import type { CandidateDocument } from '../../src/search/candidate-document';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import { createTenant, sharedDataSource } from '../helpers/database';
import { ModelSeeder } from '../helpers/seed-model';

/** The real engine, noting how many documents each write carried. */
class CountingEngine extends PostgresSearchEngine {
  readonly indexed: number[] = [];
  readonly removed: number[] = [];

  override async index(documents: CandidateDocument[]): Promise<void> {
    this.indexed.push(documents.length);
    await super.index(documents);
  }

  override async remove(organizationId: string, candidateIds: string[]): Promise<void> {
    this.removed.push(candidateIds.length);
    await super.remove(organizationId, candidateIds);
  }
}

describe('indexer: bounded passes', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await sharedDataSource();
  });
  afterAll(() => dataSource?.destroy());

  it('splits a large request into passes of at most passSize candidates, each id once', async () => {
    const tenant = await createTenant(dataSource, 'passes');
    const organizationId = tenant.organization.id;
    const seed = new ModelSeeder(dataSource, organizationId);
    const connection = await seed.connection();
    const people = [];
    for (const name of ['Ada', 'Bob', 'Cy', 'Di', 'Ed'])
      people.push(await seed.candidate(connection.id, { fullName: name }));
    await dataSource
      .getRepository(Candidate)
      .update({ id: people[4]!.id }, { deletedAt: new Date() });

    const engine = new CountingEngine(dataSource, { memoryFacets: 'never' });
    const indexer = new Indexer(dataSource, engine, createLogger('silent'), () => new Date(), 2);
    const ids = people.map((p) => p.id);
    const result = await indexer.indexCandidates(organizationId, [...ids, ids[0]!, ids[1]!]);

    expect(result).toEqual({ indexed: 4, removed: 1 });
    expect(engine.indexed).toEqual([2, 2, 0]);
    expect(engine.removed).toEqual([0, 0, 1]);
    expect(await engine.count(organizationId)).toBe(4);
  });
});
