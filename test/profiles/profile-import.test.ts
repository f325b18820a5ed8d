import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Profile } from '../../src/entities';
import type { ProfileWorkExperience } from '../../src/profiles/profile-input';
import {
  importProfileLines,
  PROFILE_UPSERT_BATCH,
  ProfileImportError,
} from '../../src/profiles/profile-import';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';

/**
 * The profile directory import over HTTP (NDJSON) and GraphQL, against the real server and
 * PostgreSQL: what lands, what is rejected and where, upserts, limits and organizations.
 */

const MAX_LINE_BYTES = 4096;
const MAX_LINES = 50;

interface ImportAnswer {
  received: number;
  created: number;
  updated: number;
  rejected: { line: number; field: string | null; message: string }[];
  error?: string;
}

const person = (id: string, extra: Record<string, unknown> = {}) => ({
  externalId: id,
  fullName: `Person ${id}`,
  ...extra,
});
const ndjson = (...values: unknown[]): string => values.map((v) => JSON.stringify(v)).join('\n');

describe('profile import', () => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let organizationId: string;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'), {
      PROFILE_IMPORT_MAX_LINE_BYTES: String(MAX_LINE_BYTES),
      PROFILE_IMPORT_MAX_LINES: String(MAX_LINES),
    });
    const tenant = await createTenant(dataSource, 'profiles');
    key = tenant.key;
    organizationId = tenant.organization.id;
  });

  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
  });

  const post = async (
    body: string | Uint8Array | ReadableStream<Uint8Array>,
    options: { key?: string | null; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: ImportAnswer }> => {
    const as = options.key === undefined ? key : options.key;
    const response = await fetch(`${app.http.url}/profiles/import`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-ndjson',
        ...(as ? { authorization: `Bearer ${as}` } : {}),
        ...options.headers,
      },
      body,
      ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
    });
    return { status: response.status, body: (await response.json()) as ImportAnswer };
  };

  const profilesOf = (orgId: string, externalIds: string[]) =>
    dataSource.getRepository(Profile).find({
      where: externalIds.map((externalId) => ({ organizationId: orgId, externalId })),
      order: { externalId: 'ASC' },
    });

  it('imports the good lines and rejects each bad one with its line number and field', async () => {
    const lines = [
      JSON.stringify(
        person('a-1', {
          fullName: 'José Álvarez',
          linkedinUrl: 'https://www.linkedin.com/in/Jose-Alvarez/',
          githubUrl: 'github.com/JoseA',
          emails: ['Jose@Example.COM'],
          location: 'Berlin, Germany',
          workHistory: [
            { company: 'Stripe', startDate: '2018-03', current: true, industry: 'Fintech' },
          ],
          education: [{ school: 'ETH Zürich', startDate: '2010-09', endDate: '2012-06-30' }],
          skills: ['Kafka'],
        }),
      ),
      '{"externalId": "a-2", "fullName": ', // 2: bad JSON
      '', // 3: empty, not counted
      JSON.stringify(person('a-4', { skills: 'kafka' })), // 4: wrong type
      JSON.stringify(
        person('a-5', { workHistory: [{ company: 'A' }, { startDate: '2023-02-30' }] }),
      ), // 5: impossible date
      JSON.stringify(person('a-6', { linkedinUrl: 'not a url at all' })), // 6: not a URL
      '{"externalId":"a-7","fullName":"Nul","headline":"x\\u0000y"}', // 7: NUL
      '{"externalId":"a-8","fullName":"Half \\ud800 surrogate"}', // 8: lone surrogate
      '[1, 2]', // 9: not an object
      JSON.stringify(person('a-10')),
    ];
    const answer = await post(lines.join('\n') + '\n');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ received: 9, created: 2, updated: 0 });
    expect(answer.body.rejected.map((r) => [r.line, r.field])).toEqual([
      [2, null],
      [4, 'skills'],
      [5, 'workHistory.1.startDate'],
      [6, 'linkedinUrl'],
      [7, 'headline'],
      [8, 'fullName'],
      [9, null],
    ]);
    expect(answer.body.rejected[0]?.message).toMatch(/^not valid JSON/);
    expect(answer.body.rejected[2]?.message).toBe('is not a real date: 2023-02-30');

    const stored = await profilesOf(organizationId, ['a-1', 'a-10', 'a-2', 'a-4', 'a-5', 'a-6']);
    expect(stored.map((p) => p.externalId)).toEqual(['a-1', 'a-10']);
    const jose = stored[0];
    expect(jose).toMatchObject({
      fullName: 'José Álvarez',
      nameKey: 'jose alvarez',
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      githubUrl: 'github.com/josea',
      emails: ['jose@example.com'],
      location: { text: 'Berlin, Germany' },
      skills: ['Kafka'],
    });
    expect((jose?.workHistory[0] as ProfileWorkExperience).industry).toBe('Fintech');
  });

  it('updates by externalId, and an identical re-import changes nothing', async () => {
    const first = ndjson(
      person('u-1', { headline: 'Engineer' }),
      person('u-2', { skills: ['Go'] }),
    );
    expect((await post(first)).body).toMatchObject({ received: 2, created: 2, updated: 0 });
    const [before1, before2] = await profilesOf(organizationId, ['u-1', 'u-2']);

    const changed = ndjson(
      person('u-1', { headline: 'Staff Engineer' }),
      person('u-2', { skills: ['Go'] }),
    );
    const second = await post(changed);
    expect(second.body).toEqual({ received: 2, created: 0, updated: 1, rejected: [] });
    const [after1, after2] = await profilesOf(organizationId, ['u-1', 'u-2']);
    expect(after1?.id).toBe(before1?.id);
    expect(after1?.headline).toBe('Staff Engineer');
    expect(after2?.updatedAt.getTime()).toBe(before2?.updatedAt.getTime());

    const again = await post(changed);
    expect(again.body).toEqual({ received: 2, created: 0, updated: 0, rejected: [] });
    const [still1] = await profilesOf(organizationId, ['u-1']);
    expect(still1?.updatedAt.getTime()).toBe(after1?.updatedAt.getTime());
  });

  it('reads a streamed body with CRLF line breaks, split lines and no final newline', async () => {
    const text = ndjson(person('s-1'), person('s-2', { fullName: 'Zoë Müller' }), person('s-3'))
      .split('\n')
      .join('\r\n');
    const bytes = new TextEncoder().encode(text);
    const cuts = [5, 31, bytes.indexOf(0xc3) + 1, bytes.length - 3];
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let from = 0;
        for (const cut of [...cuts, bytes.length]) {
          controller.enqueue(bytes.subarray(from, cut));
          from = cut;
        }
        controller.close();
      },
    });
    const answer = await post(stream);
    expect(answer.body).toEqual({ received: 3, created: 3, updated: 0, rejected: [] });
    const stored = await profilesOf(organizationId, ['s-2']);
    expect(stored[0]?.fullName).toBe('Zoë Müller');
  });

  it('accepts a gzip body and refuses a corrupt one', async () => {
    const body = gzipSync(Buffer.from(ndjson(person('g-1'), person('g-2'))));
    const answer = await post(body, { headers: { 'content-encoding': 'gzip' } });
    expect(answer.body).toEqual({ received: 2, created: 2, updated: 0, rejected: [] });

    const corrupt = await post(Buffer.from('definitely not gzip'), {
      headers: { 'content-encoding': 'gzip' },
    });
    expect(corrupt.status).toBe(400);
    expect(corrupt.body.error).toBe('the body is not valid gzip');
  });

  it('refuses a request without a valid API key', async () => {
    const none = await post(ndjson(person('k-1')), { key: null });
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/API key/);
    const wrong = await post(ndjson(person('k-1')), { key: 'rdk_not-a-real-key' });
    expect(wrong.status).toBe(401);
    expect(await profilesOf(organizationId, ['k-1'])).toEqual([]);
  });

  it('rejects a line over the length limit and keeps going', async () => {
    const long = JSON.stringify(person('l-2', { headline: 'x'.repeat(MAX_LINE_BYTES) }));
    const answer = await post(
      [JSON.stringify(person('l-1')), long, JSON.stringify(person('l-3'))].join('\n'),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ received: 3, created: 2 });
    expect(answer.body.rejected).toEqual([
      { line: 2, field: null, message: `line is longer than ${MAX_LINE_BYTES} bytes` },
    ]);
    expect(
      (await profilesOf(organizationId, ['l-1', 'l-2', 'l-3'])).map((p) => p.externalId),
    ).toEqual(['l-1', 'l-3']);
  });

  it('stops past the line limit with 413, keeping the lines before it', async () => {
    const ids = Array.from(
      { length: MAX_LINES + 20 },
      (_, i) => `m-${String(i + 1).padStart(3, '0')}`,
    );
    // An empty line does not count towards the limit; a few MB past it are read and dropped,
    // so the answer reaches the client instead of a reset connection.
    const rest = `${JSON.stringify(person('m-unread', { headline: 'y'.repeat(1000) }))}\n`.repeat(
      4000,
    );
    const text = ['', ...ids.map((id) => JSON.stringify(person(id))), rest].join('\n');
    const answer = await post(text);
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(new RegExp(`at most ${MAX_LINES} per request`));
    expect(answer.body).toMatchObject({ received: MAX_LINES + 1, created: MAX_LINES });
    expect(answer.body.rejected).toHaveLength(1);
    expect(answer.body.rejected[0]).toMatchObject({ line: MAX_LINES + 2, field: null });
    const stored = await profilesOf(organizationId, ids);
    expect(stored.map((p) => p.externalId)).toEqual(ids.slice(0, MAX_LINES));
    expect(await profilesOf(organizationId, ['m-unread'])).toEqual([]);
  });

  it('imports a batch over GraphQL with the same rules, at most 1000 per call', async () => {
    const mutation = `mutation ($profiles: [ProfileInput!]!) {
      importProfiles(profiles: $profiles) { received created updated rejected { line field message } }
    }`;
    const res = await graphql<{ importProfiles: ImportAnswer }>(app.http.url, mutation, {
      key,
      variables: {
        profiles: [
          person('q-1', { workHistory: [{ company: 'Acme', companySize: '11-50' }] }),
          person('q-2', { education: [{ school: 'MIT', endDate: '2019-02-29' }] }),
          person('q-3', { githubUrl: 'https://gitlab.com/someone' }),
        ],
      },
    });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.importProfiles).toEqual({
      received: 3,
      created: 1,
      updated: 0,
      rejected: [
        { line: 2, field: 'education.0.endDate', message: 'is not a real date: 2019-02-29' },
        {
          line: 3,
          field: 'githubUrl',
          message: 'is not a GitHub profile URL (expected github.com/<user>)',
        },
      ],
    });
    const [stored] = await profilesOf(organizationId, ['q-1']);
    expect((stored?.workHistory[0] as ProfileWorkExperience).companySize).toBe('11-50');

    const again = await graphql<{ importProfiles: ImportAnswer }>(app.http.url, mutation, {
      key,
      variables: { profiles: [person('q-1', { workHistory: [{ company: 'Acme' }] })] },
    });
    expect(again.body.data?.importProfiles).toMatchObject({ created: 0, updated: 1 });

    const tooMany = await graphql(app.http.url, mutation, {
      key,
      variables: { profiles: Array.from({ length: 1001 }, (_, i) => person(`q-many-${i}`)) },
    });
    expect(tooMany.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(await profilesOf(organizationId, ['q-many-0'])).toEqual([]);

    const anonymous = await graphql(app.http.url, mutation, {
      variables: { profiles: [person('q-anon')] },
    });
    expect(anonymous.status).toBe(401);
  });

  it('keeps organizations apart: the same externalId is two profiles', async () => {
    const other = await createTenant(dataSource, 'profiles-other');
    await post(ndjson(person('shared-1', { headline: 'in A' })));
    const inB = await post(ndjson(person('shared-1', { headline: 'in B' })), { key: other.key });
    expect(inB.body).toMatchObject({ created: 1, updated: 0 });

    const [a] = await profilesOf(organizationId, ['shared-1']);
    const [b] = await profilesOf(other.organization.id, ['shared-1']);
    expect(a?.headline).toBe('in A');
    expect(b?.headline).toBe('in B');
    expect(a?.id).not.toBe(b?.id);

    // An update in B leaves A alone.
    const gql = await graphql<{ importProfiles: ImportAnswer }>(
      app.http.url,
      `
        mutation ($profiles: [ProfileInput!]!) {
          importProfiles(profiles: $profiles) {
            updated
          }
        }
      `,
      { key: other.key, variables: { profiles: [person('shared-1', { headline: 'B again' })] } },
    );
    expect(gql.body.data?.importProfiles.updated).toBe(1);
    const [aAfter] = await profilesOf(organizationId, ['shared-1']);
    expect(aAfter?.headline).toBe('in A');
    expect(aAfter?.updatedAt.getTime()).toBe(a?.updatedAt.getTime());
  });
});

describe('importProfileLines', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await sharedDataSource();
  });
  afterAll(async () => {
    await dataSource?.destroy();
  });

  const linesOf = (values: unknown[]): AsyncIterable<string> =>
    Readable.from(values.map((value) => JSON.stringify(value)));
  const limits = { maxLineBytes: 65_536, maxLines: 1_000_000 };

  it('lists exactly the created and changed profiles, across batches and repeated ids', async () => {
    const { organization } = await createTenant(dataSource, 'profiles-lines');
    const count = PROFILE_UPSERT_BATCH * 2 + 500;
    const base = Array.from({ length: count }, (_, i) => person(`b-${i}`));
    // The same externalId twice in one batch: the later line updates the earlier one.
    const values = [...base];
    values.splice(10, 0, person('b-3', { headline: 'second version' }));
    // …and in a later batch, possibly written while the first one is still in flight.
    values.push(person('b-5', { headline: 'from the last batch' }));
    const first = await importProfileLines(dataSource, organization.id, linesOf(values), limits);
    expect(first.result).toEqual({ received: count + 2, created: count, updated: 2, rejected: [] });
    expect(first.changedProfileIds).toHaveLength(count);
    expect(new Set(first.changedProfileIds).size).toBe(count);
    expect(first.stoppedAtLine).toBeNull();
    const repeated = await dataSource.getRepository(Profile).find({
      where: [
        { organizationId: organization.id, externalId: 'b-3' },
        { organizationId: organization.id, externalId: 'b-5' },
      ],
      order: { externalId: 'ASC' },
    });
    expect(repeated.map((p) => p.headline)).toEqual(['second version', 'from the last batch']);

    const changed = base.map((v, i) =>
      i === 3
        ? person('b-3', { headline: 'second version' })
        : i === 5
          ? person('b-5', { headline: 'from the last batch' })
          : i % 700 === 0
            ? { ...v, skills: ['changed'] }
            : v,
    );
    const expectedChanged = Math.ceil(count / 700);
    const second = await importProfileLines(dataSource, organization.id, linesOf(changed), limits);
    expect(second.result).toEqual({
      received: count,
      created: 0,
      updated: expectedChanged,
      rejected: [],
    });
    const changedRows = await dataSource
      .getRepository(Profile)
      .findBy(second.changedProfileIds.map((id) => ({ id })));
    expect(changedRows.map((p) => p.skills)).toEqual(
      Array.from({ length: expectedChanged }, () => ['changed']),
    );
    expect(changedRows).toHaveLength(expectedChanged);
  });

  it('keeps what was written when the input fails part-way, and says which profiles', async () => {
    const { organization } = await createTenant(dataSource, 'profiles-broken');
    async function* breaking(): AsyncGenerator<string> {
      for (let i = 0; i < PROFILE_UPSERT_BATCH + 10; i++) {
        if (i === PROFILE_UPSERT_BATCH + 5) {
          await new Promise((resolve) => setTimeout(resolve, 1));
          throw new Error('client went away');
        }
        yield JSON.stringify(person(`x-${i}`));
      }
    }
    const error: unknown = await importProfileLines(
      dataSource,
      organization.id,
      breaking(),
      limits,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProfileImportError);
    const failure = error as ProfileImportError;
    expect((failure.cause as Error).message).toBe('client went away');
    expect(failure.changedProfileIds).toHaveLength(PROFILE_UPSERT_BATCH);
    const stored = await dataSource
      .getRepository(Profile)
      .countBy({ organizationId: organization.id });
    expect(stored).toBe(PROFILE_UPSERT_BATCH);
  });
});
