import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../../src/search/candidate-document';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import type { SearchRequest, SearchResult } from '../../src/search/search-types';
import { blankDocument } from '../helpers/candidate-document';
import { sharedDataSource } from '../helpers/database';

/**
 * The memory facet index is exact across processes: a writer engine (the worker) and a reader
 * engine (the API), each with its own connection pool, stand in for two processes. Every change
 * the writer commits is counted by the reader's next search, including a change whose
 * change_seq commits after a higher one (out-of-order commits).
 */
describe('memory facets: freshness across engine instances', () => {
  const organizationId = randomUUID();
  const connectionId = randomUUID();
  let writerSource: DataSource;
  let readerSource: DataSource;
  let writer: PostgresSearchEngine;
  let reader: PostgresSearchEngine;

  beforeAll(async () => {
    writerSource = await sharedDataSource();
    readerSource = await sharedDataSource();
    writer = new PostgresSearchEngine(writerSource, { memoryFacets: 'never' });
    reader = new PostgresSearchEngine(readerSource, { memoryFacets: 'always' });
  });

  afterAll(async () => {
    await readerSource.query('DELETE FROM search_candidates WHERE organization_id = $1', [
      organizationId,
    ]);
    await readerSource.query('DELETE FROM search_removed WHERE organization_id = $1', [
      organizationId,
    ]);
    await writerSource.destroy();
    await readerSource.destroy();
  });

  const browse = (): Promise<SearchResult> => {
    const request: SearchRequest = {
      organizationId,
      query: null,
      filter: {},
      facets: ['SKILL', 'COMPANY', 'STAGE'],
      facetSize: 10,
      sort: { field: 'LAST_UPDATED', direction: 'DESC' },
      first: 10,
      after: null,
      now: new Date('2026-01-01T00:00:00Z'),
    };
    return reader.search(request);
  };
  const counts = (result: SearchResult, field: string): Record<string, number> =>
    Object.fromEntries(
      (result.facets.find((f) => f.field === field)?.values ?? []).map((v) => [v.value, v.count]),
    );

  it('counts what another instance indexes, updates and removes, on the next search', async () => {
    expect((await browse()).totalCount).toBe(0);

    const ada = document('Ada', { skills: ['Rust'], currentCompany: 'Acme' });
    await writer.index([ada]);
    let result = await browse();
    expect(result.totalCount).toBe(1);
    expect(counts(result, 'SKILL')).toEqual({ rust: 1 });

    await writer.index([{ ...ada, skills: ['Go'] }, document('Bob', { skills: ['Go'] })]);
    result = await browse();
    expect(result.totalCount).toBe(2);
    expect(counts(result, 'SKILL')).toEqual({ go: 2 });

    await writer.remove(organizationId, [ada.id]);
    result = await browse();
    expect(result.totalCount).toBe(1);
    expect(counts(result, 'COMPANY')).toEqual({});

    // Removed, then indexed again: the tombstone must not hide it.
    await writer.index([ada]);
    result = await browse();
    expect(result.totalCount).toBe(2);
    expect(counts(result, 'COMPANY')).toEqual({ acme: 1 });

    await writer.removeConnection(organizationId, connectionId);
    expect((await browse()).totalCount).toBe(0);
  });

  it('does not miss a change whose sequence value commits after a higher one', async () => {
    const early = document('Early', { skills: ['Kotlin'] });
    await writer.index([early]);
    expect(counts(await browse(), 'SKILL')).toEqual({ kotlin: 1 });

    // A slow writer takes its change_seq first and commits last; meanwhile a fast writer takes a
    // higher change_seq and commits first, and the reader catches up past it.
    await updateUncommitted(early.id, 'scala', async () => {
      await writer.index([document('Late', { skills: ['Kotlin'] })]);
      expect(counts(await browse(), 'SKILL')).toEqual({ kotlin: 2 });
    });
    expect(counts(await browse(), 'SKILL')).toEqual({ kotlin: 1, scala: 1 });
  });

  it('does not miss a writer whose xid is newer than every finished transaction', async () => {
    const first = document('First', { skills: ['Ocaml'] });
    await writer.index([first]);
    const skillsOf = async () => {
      const { ocaml, fsharp } = counts(await browse(), 'SKILL');
      return { ocaml, fsharp };
    };
    expect(await skillsOf()).toEqual({ ocaml: 1, fsharp: undefined });

    // The newest xid of the cluster, holding a change_seq uncommitted: a snapshot taken now has
    // xmax = that xid (the latest completed + 1) and does not list it as in progress.
    await updateUncommitted(first.id, 'fsharp', async () => {
      expect(await skillsOf()).toEqual({ ocaml: 1, fsharp: undefined });
    });
    expect(await skillsOf()).toEqual({ ocaml: undefined, fsharp: 1 });
    await writer.remove(organizationId, [first.id]);
  });

  it('reloads an index idle for longer than tombstones are kept, so a pruned removal is not missed', async () => {
    let now = Date.now();
    const idle = new PostgresSearchEngine(readerSource, {
      memoryFacets: 'always',
      clock: () => now,
    });
    const browseIdle = async (): Promise<Record<string, number>> =>
      counts(
        await idle.search({
          organizationId,
          query: null,
          filter: {},
          facets: ['SKILL'],
          facetSize: 10,
          sort: { field: 'LAST_UPDATED', direction: 'DESC' },
          first: 10,
          after: null,
          now: new Date('2026-01-01T00:00:00Z'),
        }),
        'SKILL',
      );
    const gone = document('Gone', { skills: ['Elixir'] });
    const other = document('Other', { skills: ['Haskell'] });
    await writer.index([gone, other]);
    expect(await browseIdle()).toMatchObject({ elixir: 1, haskell: 1 });

    // Removed two days ago (by the tombstone's time); the next removal prunes that tombstone.
    await writer.remove(organizationId, [gone.id]);
    await writerSource.query(
      "UPDATE search_removed SET removed_at = now() - interval '2 days' WHERE candidate_id = $1",
      [gone.id],
    );
    await writer.remove(organizationId, [randomUUID()]);
    const [left] = await writerSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM search_removed WHERE candidate_id = $1',
      [gone.id],
    );
    expect(left?.n).toBe(0);

    // The idle index has not caught up for 13 hours: it reloads rather than trusting tombstones.
    now += 13 * 3_600_000;
    const skills = await browseIdle();
    expect(skills['elixir']).toBeUndefined();
    expect(skills['haskell']).toBe(1);
  });

  /**
   * Sets a candidate's only skill in a transaction that takes its xid and a change_seq first,
   * runs `meanwhile`, then commits: a writer slower than whatever `meanwhile` does.
   */
  async function updateUncommitted(
    candidateId: string,
    skill: string,
    meanwhile: () => Promise<void>,
  ): Promise<void> {
    const slow = writerSource.createQueryRunner();
    await slow.connect();
    try {
      await slow.query('BEGIN');
      await slow.query('SELECT pg_current_xact_id()');
      await slow.query(
        "UPDATE search_candidates SET skills = ARRAY[$2], change_seq = nextval('search_change_seq') WHERE candidate_id = $1",
        [candidateId, skill],
      );
      await meanwhile();
      await slow.query('COMMIT');
    } finally {
      await slow.release();
    }
  }

  function document(name: string, overrides: Partial<CandidateDocument>): CandidateDocument {
    return blankDocument(organizationId, connectionId, name, overrides);
  }
});
