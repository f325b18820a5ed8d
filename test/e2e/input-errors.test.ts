import { createHash, randomBytes } from 'node:crypto';
import { createClient } from 'graphql-ws';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { startTestApp } from '../helpers/app';
import { createEmptyDatabase, createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { ModelSeeder } from '../helpers/seed-model';

const UNKNOWN = '7f000000-0000-4000-8000-00000000abcd';
const cursorOf = (tuple: unknown[]): string =>
  Buffer.from(JSON.stringify(tuple), 'utf8').toString('base64url');

/** What a graphql-ws client sees when a subscription cannot start: its first error, or 'ok'. */
async function firstSubscriptionError(
  httpUrl: string,
  key: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ message: string; extensions?: Record<string, unknown> } | 'ok' | 'closed'> {
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${key}` },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve) => {
      const timer = setTimeout(() => resolve('ok'), 1500);
      client.subscribe(
        { query, variables },
        {
          next: (value) => {
            clearTimeout(timer);
            const error = value.errors?.[0];
            resolve(error ? { message: error.message, extensions: { ...error.extensions } } : 'ok');
          },
          error: (error: unknown) => {
            clearTimeout(timer);
            if (Array.isArray(error)) resolve(error[0] as { message: string });
            else resolve('closed');
          },
          complete: () => undefined,
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

/**
 * Input a client controls must come back as BAD_USER_INPUT / NOT_FOUND naming the field, never
 * INTERNAL_SERVER_ERROR or a database message (issue 18, point 3).
 */
describe('client mistakes are client errors', () => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let foreignConnectionId: string;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'), { SEARCH_ENGINE: 'postgres' });
    const tenant = await createTenant(dataSource, 'input-errors');
    const other = await createTenant(dataSource, 'input-errors-other');
    key = tenant.key;
    const seed = new ModelSeeder(dataSource, tenant.organization.id);
    const connection = await seed.connection();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const candidate = await seed.candidate(connection.id, {
        fullName: `Paging Person${i}`,
        currentTitle: 'Engineer',
        remoteUpdatedAt: new Date(Date.now() - (i + 1) * 86_400_000),
      });
      ids.push(candidate.id);
    }
    await app.indexer.indexCandidates(tenant.organization.id, ids);
    const foreign = await new ModelSeeder(dataSource, other.organization.id).connection();
    foreignConnectionId = foreign.id;
  });

  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
  });

  const SEARCH = `query S($q: String, $after: String, $sort: CandidateSort) {
    searchCandidates(query: $q, first: 2, after: $after, sort: $sort) {
      pageInfo { endCursor }
    }
  }`;

  async function search(variables: Record<string, unknown>) {
    return graphql<{ searchCandidates: { pageInfo: { endCursor: string } } }>(
      app.http.url,
      SEARCH,
      { key, variables },
    );
  }

  it('refuses a cursor issued under another sort as BAD_USER_INPUT on after', async () => {
    const byName = await search({ sort: { field: 'NAME', direction: 'ASC' } });
    const cursor = byName.body.data?.searchCandidates.pageInfo.endCursor;
    expect(cursor).toEqual(expect.any(String));
    for (const sort of [
      { field: 'LAST_UPDATED', direction: 'DESC' },
      { field: 'RELEVANCE', direction: 'DESC' },
    ]) {
      const res = await search({ q: 'engineer', sort, after: cursor });
      expect(res.body.errors?.[0]?.extensions, JSON.stringify(sort)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
    // Under its own sort it still pages.
    const next = await search({ sort: { field: 'NAME', direction: 'ASC' }, after: cursor });
    expect(next.body.errors).toBeUndefined();
  });

  it('refuses a cursor whose sort value has the wrong type for the sort', async () => {
    const cases: [Record<string, unknown>, unknown][] = [
      [{ sort: { field: 'LAST_UPDATED', direction: 'DESC' } }, 'not a date'],
      [{ sort: { field: 'LAST_UPDATED', direction: 'DESC' } }, 0.5],
      [{ q: 'engineer', sort: { field: 'RELEVANCE', direction: 'DESC' } }, 'Paging Person1'],
      [{ q: 'engineer', sort: { field: 'RELEVANCE', direction: 'DESC' } }, '2026-01-01T00:00:00Z'],
      [{ q: 'engineer', sort: { field: 'RELEVANCE', direction: 'DESC' } }, 1e300],
      [{ sort: { field: 'NAME', direction: 'ASC' } }, 42],
      [{ sort: { field: 'NAME', direction: 'ASC' } }, 'a\u0000b'],
    ];
    for (const [variables, sortValue] of cases) {
      // Old-style cursors (no sort recorded) are checked by the value's type alone.
      const res = await search({ ...variables, after: cursorOf([sortValue, UNKNOWN]) });
      expect(res.body.errors?.[0]?.extensions, JSON.stringify(sortValue)).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
    const legacy = await search({
      sort: { field: 'LAST_UPDATED', direction: 'DESC' },
      after: cursorOf(['2026-01-01T00:00:00.000Z', UNKNOWN]),
    });
    expect(legacy.body.errors).toBeUndefined();
  });

  it.each([
    [
      'U+0000 in the query text',
      'query',
      'query Q($v: String) { searchCandidates(query: $v) { totalCount } }',
      { v: 'a\u0000b' },
    ],
    [
      'a lone surrogate in a filter',
      'filter.skills.1',
      'query Q($v: CandidateFilter) { searchCandidates(filter: $v) { totalCount } }',
      { v: { skills: ['ok', 'x\ud800'] } },
    ],
    [
      'U+0000 in a custom field',
      'filter.customFields.0.values.0',
      'query Q($v: CandidateFilter) { searchCandidates(filter: $v) { totalCount } }',
      { v: { customFields: [{ key: 'visa', values: ['\u0000'] }] } },
    ],
    [
      'U+0000 in a lookup',
      'profile.email',
      'query Q($v: ProfileLookupInput!) { atsStatus(profile: $v) { connection { id } } }',
      { v: { email: 'a\u0000@b.c' } },
    ],
    [
      'a lone low surrogate in a connection name',
      'input.name',
      'mutation M($v: CreateConnectionInput!) { createConnection(input: $v) { id } }',
      {
        v: {
          name: '\udc00',
          provider: 'ASHBY',
          capabilities: ['REDISCOVERY'],
          credentials: { apiKey: 'k' },
        },
      },
    ],
    [
      'U+0000 in connection settings',
      'input.settings.jobStatusWhitelist.0',
      'mutation M($v: UpdateConnectionInput!) { updateConnection(id: "7f000000-0000-4000-8000-00000000abcd", input: $v) { id } }',
      { v: { settings: { jobStatusWhitelist: ['open\u0000'] } } },
    ],
    [
      'a pace above 1,000 requests a second',
      'input.settings.requestsPerSecond',
      'mutation M($v: UpdateConnectionInput!) { updateConnection(id: "7f000000-0000-4000-8000-00000000abcd", input: $v) { id } }',
      { v: { settings: { requestsPerSecond: 1001 } } },
    ],
    [
      'an escaped U+0000 inline in the document',
      'query',
      '{ searchCandidates(query: "a\\u0000") { totalCount } }',
      {},
    ],
  ])('refuses %s as BAD_USER_INPUT naming the field', async (_label, field, query, variables) => {
    const res = await graphql(app.http.url, query, { key, variables });
    expect(res.status).toBeLessThan(500);
    expect(res.body.errors?.[0]?.extensions, JSON.stringify(res.body)).toMatchObject({
      code: 'BAD_USER_INPUT',
      field,
    });
  });

  it('answers a subscription sent over HTTP with BAD_USER_INPUT pointing to WebSocket', async () => {
    const res = await graphql(
      app.http.url,
      `subscription { syncStatus(connectionId: "${UNKNOWN}") { connectionId } }`,
      { key },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(res.body.errors?.[0]?.message).toMatch(/WebSocket/);
  });

  it('answers a persisted-query hash mismatch as a client error', async () => {
    const query = '{ me { user { email } } }';
    const response = await fetch(`${app.http.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({
        query,
        extensions: {
          persistedQuery: {
            version: 1,
            sha256Hash: createHash('sha256').update('something else').digest('hex'),
          },
        },
      }),
    });
    const body = (await response.json()) as {
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    expect(response.status).toBe(400);
    expect(body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/sha256Hash/);
  });

  it.each([
    [
      'syncStatus, malformed id',
      'subscription S($id: ID!) { syncStatus(connectionId: $id) { connectionId } }',
      { id: 'nope' },
      'BAD_USER_INPUT',
    ],
    [
      'syncStatus, unknown id',
      'subscription S($id: ID!) { syncStatus(connectionId: $id) { connectionId } }',
      { id: UNKNOWN },
      'NOT_FOUND',
    ],
    [
      'exportStatus, malformed id',
      'subscription S($id: ID!) { exportStatus(jobId: $id) { state } }',
      { id: '1; DROP' },
      'BAD_USER_INPUT',
    ],
    [
      'exportStatus, unknown id',
      'subscription S($id: ID!) { exportStatus(jobId: $id) { state } }',
      { id: UNKNOWN },
      'NOT_FOUND',
    ],
    [
      'stageChanged, malformed job id',
      'subscription S($id: ID) { stageChanged(jobId: $id) { stage } }',
      { id: 'x' },
      'BAD_USER_INPUT',
    ],
    [
      'a variable that does not coerce',
      'subscription S($id: ID!) { syncStatus(connectionId: $id) { connectionId } }',
      { id: { a: 1 } },
      'BAD_USER_INPUT',
    ],
  ])('refuses %s through the graphql-ws error message', async (_label, query, variables, code) => {
    const error = await firstSubscriptionError(app.http.url, key, query, variables);
    expect(error).not.toBe('closed');
    expect(error).not.toBe('ok');
    expect((error as { extensions?: Record<string, unknown> }).extensions?.['code']).toBe(code);
  });

  it("refuses syncStatus on another organization's connection as NOT_FOUND", async () => {
    const error = await firstSubscriptionError(
      app.http.url,
      key,
      'subscription S($id: ID!) { syncStatus(connectionId: $id) { connectionId } }',
      { id: foreignConnectionId },
    );
    expect((error as { extensions?: Record<string, unknown> }).extensions?.['code']).toBe(
      'NOT_FOUND',
    );
  });
});

describe('client errors in production', () => {
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;

  beforeAll(async () => {
    app = await startTestApp(await createEmptyDatabase(), {
      NODE_ENV: 'production',
      SECRET_KEY: randomBytes(32).toString('hex'),
    });
    key = app.printed[0]!.slice('API key: '.length);
  });
  afterAll(() => app?.stop());

  it('suggests no names in variable-coercion errors', async () => {
    const res = await graphql(
      app.http.url,
      'query Q($f: CandidateFilter, $s: CandidateSort) { searchCandidates(filter: $f, sort: $s) { totalCount } }',
      { key, variables: { f: { skils: ['python'] }, s: { field: 'NAM', direction: 'ASC' } } },
    );
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean/);
  });
});
