import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashApiKey } from '../../src/auth/api-keys';
import { parseHexKey, SecretBox } from '../../src/common/secret-box';
import { ApiKey } from '../../src/entities';
import { WORKBOOK_LINK_KEY_PURPOSE } from '../../src/exports/insights-workbook/insights-workbook-service';
import {
  encodeWorkbookLink,
  type SignedWorkbookRequest,
} from '../../src/exports/insights-workbook/workbook-link';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { ModelSeeder } from '../helpers/seed-model';
import {
  expectOneChartOverItsOwnCells,
  expectSheetEqualsBreakdown,
  tableOf,
  type Breakdown,
} from './workbook-assertions';
import { readXlsx } from './xlsx-reader';

const PUBLIC_URL = 'https://rediscover.example.test';
const SECRET_KEY = randomBytes(32).toString('hex');
const DAY = 86_400_000;
const REFUSAL = { error: 'this link is invalid or has expired' };

const EXPORT = `
  mutation ($query: String, $filter: CandidateFilter, $dimensions: [InsightDimension!]!, $size: Int) {
    exportInsights(query: $query, filter: $filter, dimensions: $dimensions, size: $size) {
      url expiresAt dimensions
    }
  }`;
const INSIGHTS = `
  query ($query: String, $filter: CandidateFilter, $dimensions: [InsightDimension!]!) {
    insights(query: $query, filter: $filter, dimensions: $dimensions) {
      dimension buckets { value label count } otherCount missingCount
    }
    searchCandidates(query: $query, filter: $filter, first: 1) { totalCount }
  }`;

interface ExportData {
  exportInsights: { url: string; expiresAt: string; dimensions: string[] };
}

/**
 * exportInsights → GET the link with no key → the .xlsx read back by test/workbook/xlsx-reader
 * (not the app's writer) equals `insights` for the same request, on the real server over HTTP.
 */
describe('insights workbook over HTTP', () => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let tenant: Awaited<ReturnType<typeof createTenant>>;
  let other: Awaited<ReturnType<typeof createTenant>>;
  let connectionId: string;
  const linkKey = new SecretBox(parseHexKey(SECRET_KEY)).deriveKey(WORKBOOK_LINK_KEY_PURPOSE);

  /** The link's URL on this test server (PUBLIC_URL names the public origin, not ours). */
  const local = (url: string): string => url.replace(PUBLIC_URL, app.http.url);
  const exportInsights = (key: string, variables: Record<string, unknown>) =>
    graphql<ExportData>(app.http.url, EXPORT, { key, variables });
  const download = async (url: string) => {
    const response = await fetch(local(url));
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };
  const forged = (overrides: Partial<SignedWorkbookRequest>): string =>
    `${app.http.url}/exports/insights-workbook?token=${encodeWorkbookLink(
      {
        organizationId: tenant.organization.id,
        apiKeyId: '',
        query: null,
        filter: {},
        dimensions: ['LOCATION'],
        size: 20,
        expiresAt: new Date(Date.now() + 60_000),
        ...overrides,
      },
      linkKey,
    )}`;
  const apiKeyIdOf = async (key: string): Promise<string> => {
    return (await dataSource.manager.findOneByOrFail(ApiKey, { hash: hashApiKey(key) })).id;
  };

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'), {
      SEARCH_ENGINE: 'postgres',
      SECRET_KEY,
      PUBLIC_URL,
    });
    tenant = await createTenant(dataSource, 'workbook');
    other = await createTenant(dataSource, 'workbook-other');

    const seed = new ModelSeeder(dataSource, tenant.organization.id);
    const connection = await seed.connection({ name: 'Acme Ashby' });
    connectionId = connection.id;
    const c = connection.id;
    const job = await seed.job(c, 'Data Engineer');
    const onsite = await seed.stage(c, 'Onsite', 3);
    const screen = await seed.stage(c, 'Phone Screen', 1);
    const people = [
      ['Ana Berlin', 'Berlin, Germany', 'Data Engineer', 'Stripe', 2012, onsite],
      ['Ben Berlin', 'Berlin, Germany', 'Data Engineer', 'Acme', 2016, screen],
      ['Cleo Berlin', 'Berlin, Germany', 'ML Engineer', 'Acme', 2020, screen],
      ['Dan Paris', 'Paris, France', 'Data Engineer', 'Stripe', 2005, onsite],
      ['Eve Paris', 'Paris, France', 'Backend Engineer', "O'Reilly & Sons <Ltd>", 2022, null],
      ['Finn Nowhere', null, 'Recruiter', 'Acme', 2019, null],
    ] as const;
    const ids: string[] = [];
    for (const [i, [name, location, title, company, since, stage]] of people.entries()) {
      const candidate = await seed.candidate(c, {
        fullName: name,
        currentTitle: title,
        currentCompany: company,
        location: location ? { text: location } : null,
        workHistory: [
          { company, title, startDate: `${since}-01`, current: true },
          {
            company: 'Earlier GmbH',
            title: 'Intern',
            startDate: `${since - 2}-01`,
            endDate: `${since}-01`,
          },
        ],
        remoteUpdatedAt: new Date(Date.now() - (i + 1) * DAY),
      });
      if (stage) {
        await seed.application(c, {
          candidateId: candidate.id,
          jobId: job.id,
          stageId: stage.id,
          stageName: stage.name,
        });
      }
      await seed.attachment(c, {
        candidateId: candidate.id,
        extractedText: `SKILLS\n${i % 2 === 0 ? 'Python, SQL' : 'Python, Go'}`,
      });
      ids.push(candidate.id);
    }
    await app.indexer.indexCandidates(tenant.organization.id, ids);

    const otherSeed = new ModelSeeder(dataSource, other.organization.id);
    const otherConnection = await otherSeed.connection();
    const twin = await otherSeed.candidate(otherConnection.id, {
      fullName: 'Ana Twin',
      currentTitle: 'Data Engineer',
      location: { text: 'Lisbon, Portugal' },
    });
    await app.indexer.indexCandidates(other.organization.id, [twin.id]);
  });

  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
  });

  const DIMENSIONS = [
    'LOCATION',
    'CURRENT_TITLE',
    'CURRENT_COMPANY',
    'SKILL',
    'YEARS_OF_EXPERIENCE',
    'YEARS_IN_ROLE',
    'STAGE',
    'INDUSTRY',
  ];

  it('hands out an absolute, expiring link whose workbook equals the insights answer, sheet by sheet', async () => {
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    const variables = {
      query: 'engineer',
      filter: { connectionIds: [connectionId], lastUpdated: { from } },
      dimensions: [...DIMENSIONS, 'LOCATION'],
    };
    const before = Date.now();
    const made = await exportInsights(tenant.key, variables);
    expect(made.body.errors).toBeUndefined();
    const file = made.body.data!.exportInsights;
    expect(file.url.startsWith(`${PUBLIC_URL}/exports/insights-workbook?token=`)).toBe(true);
    expect(file.dimensions).toEqual(DIMENSIONS);
    // 15 minutes from the mutation, in whole seconds.
    const expiresAt = new Date(file.expiresAt).getTime();
    expect(expiresAt % 1000).toBe(0);
    expect(expiresAt).toBeGreaterThan(before + 900_000 - 1000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);

    const truth = await graphql<{
      insights: Breakdown[];
      searchCandidates: { totalCount: number };
    }>(app.http.url, INSIGHTS, {
      key: tenant.key,
      variables: { ...variables, dimensions: DIMENSIONS },
    });
    expect(truth.body.errors).toBeUndefined();
    const { insights } = truth.body.data!;
    const total = truth.body.data!.searchCandidates.totalCount;
    // The data gives every kind of sheet something to show (else the comparison proves little).
    expect(total).toBe(5);
    expect(insights.find((b) => b.dimension === 'LOCATION')!.buckets.length).toBe(2);
    expect(
      insights.find((b) => b.dimension === 'YEARS_OF_EXPERIENCE')!.buckets.length,
    ).toBeGreaterThan(1);
    expect(insights.find((b) => b.dimension === 'INDUSTRY')!.buckets).toEqual([]);
    // Text that XML must escape comes back as it was.
    expect(
      insights.find((b) => b.dimension === 'CURRENT_COMPANY')!.buckets.map((b) => b.label),
    ).toContain("O'Reilly & Sons <Ltd>");

    // No Authorization header: the signed token is the credential.
    const { response, body } = await download(file.url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="insights-workbook-[0-9a-f]+-\d{8}-\d{4}\.xlsx"/,
    );
    expect(response.headers.get('cache-control')).toContain('no-store');

    const xlsx = readXlsx(body);
    expect(xlsx.sheets.map((s) => s.name)).toEqual([
      'Summary',
      'Location',
      'Current title',
      'Current company',
      'Skills',
      'Years of experience',
      'Years in role',
      'Stage',
      'Industry',
    ]);
    for (const [i, breakdown] of insights.entries()) {
      const sheet = xlsx.sheets[i + 1]!;
      expect(breakdown.dimension).toBe(DIMENSIONS[i]);
      expectSheetEqualsBreakdown(sheet, breakdown, total);
      expectOneChartOverItsOwnCells(sheet, breakdown);
      const ordered = ['YEARS_OF_EXPERIENCE', 'YEARS_IN_ROLE'].includes(breakdown.dimension);
      expect(sheet.charts[0]!.barDir, sheet.name).toBe(ordered ? 'col' : 'bar');
    }
    // Each chart, drawing and sheet part is declared with its content type.
    const types = [...xlsx.contentTypes.values()];
    expect(types.filter((t) => t.endsWith('drawingml.chart+xml'))).toHaveLength(DIMENSIONS.length);
    expect(types.filter((t) => t.endsWith('.drawing+xml'))).toHaveLength(DIMENSIONS.length);
    expect(types.filter((t) => t.endsWith('worksheet+xml'))).toHaveLength(DIMENSIONS.length + 1);

    // The summary names the organization, the time, the query and every filter.
    const summary = xlsx.sheets[0]!;
    expect(summary.charts).toEqual([]);
    const rows = tableOf(summary);
    expect(rows).toContainEqual(['Organization', tenant.organization.name]);
    expect(rows).toContainEqual(['Query', 'engineer']);
    expect(rows).toContainEqual(['Candidates matched', 5]);
    expect(rows).toContainEqual(['Connections', connectionId, 'Acme Ashby']);
    expect(rows).toContainEqual(['Last updated between', `from ${from}`]);
    const generated = rows.find((r) => r[0] === 'Generated at (UTC)')![1] as string;
    expect(Math.abs(Date.parse(`${generated.replace(' ', 'T')}Z`) - Date.now())).toBeLessThan(
      60_000,
    );
    expect(
      rows.filter((r) => r[0] === 'Connections' || r[0] === 'Last updated between'),
    ).toHaveLength(2);
  });

  it('refuses tampered, malformed and expired links with one short 403 that names nothing', async () => {
    const made = await exportInsights(tenant.key, { dimensions: ['LOCATION'] });
    const url = local(made.body.data!.exportInsights.url);
    const token = new URL(url).searchParams.get('token')!;
    const [version, payload, signature] = token.split('.') as [string, string, string];
    const flip = (s: string, at: number): string =>
      s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
    const base = `${app.http.url}/exports/insights-workbook`;
    const refused = [
      `${base}?token=${version}.${payload}.${flip(signature, 5)}`,
      `${base}?token=${version}.${flip(payload, 3)}.${signature}`,
      `${base}?token=v2.${payload}.${signature}`,
      `${base}?token=${token.slice(0, -1)}`,
      `${base}?token=not-a-token`,
      `${base}?token=`,
      `${base}?token=${token}&token=${token}`,
      base,
      // Signed with the real key, but expired a second ago.
      forged({ apiKeyId: await apiKeyIdOf(tenant.key), expiresAt: new Date(Date.now() - 1000) }),
    ];
    for (const bad of refused) {
      const response = await fetch(bad);
      expect(response.status, bad).toBe(403);
      const text = await response.text();
      expect(JSON.parse(text), bad).toEqual(REFUSAL);
    }
    // The untouched link and a fresh forgery with the real key work: the refusals above are
    // for the tampering and the expiry, not for the way the tokens were made.
    expect((await fetch(url)).status).toBe(200);
    expect((await fetch(forged({ apiKeyId: await apiKeyIdOf(tenant.key) }))).status).toBe(200);
  });

  it('serves a link only within the organization and key that made it', async () => {
    const tenantKeyId = await apiKeyIdOf(tenant.key);
    const otherKeyId = await apiKeyIdOf(other.key);
    // Validly signed, but the key belongs to another organization than the one named.
    for (const url of [
      forged({ organizationId: other.organization.id, apiKeyId: tenantKeyId }),
      forged({ organizationId: tenant.organization.id, apiKeyId: otherKeyId }),
      forged({ organizationId: '7f000000-0000-4000-8000-00000000abcd', apiKeyId: tenantKeyId }),
    ]) {
      const response = await fetch(url);
      expect(response.status).toBe(403);
      expect(await response.json()).toEqual(REFUSAL);
    }

    // The other organization's own link shows its data only.
    const made = await exportInsights(other.key, { dimensions: ['LOCATION'] });
    const { response, body } = await download(made.body.data!.exportInsights.url);
    expect(response.status).toBe(200);
    const [summary, location] = readXlsx(body).sheets;
    expect(tableOf(summary!)).toContainEqual(['Organization', other.organization.name]);
    expect(tableOf(location!).slice(1, 2)).toEqual([
      ['Lisbon, Portugal', 1, 1, 'lisbon, portugal'],
    ]);

    // Revoking the key that made a link kills the link.
    const second = await createTenant(dataSource, 'workbook-revoked');
    const link = (await exportInsights(second.key, { dimensions: ['SKILL'] })).body.data!
      .exportInsights.url;
    expect((await fetch(local(link))).status).toBe(200);
    await dataSource.manager.update(
      ApiKey,
      { id: await apiKeyIdOf(second.key) },
      { revokedAt: new Date() },
    );
    const revoked = await fetch(local(link));
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toEqual(REFUSAL);
  });

  it('answers bad input with BAD_USER_INPUT naming the field, never a 500', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ dimensions: [] }, 'dimensions'],
      [{ dimensions: ['LOCATION'], query: 'title:(python' }, 'query'],
      [{ dimensions: ['LOCATION'], size: 0 }, 'size'],
      [{ dimensions: ['LOCATION'], size: 1001 }, 'size'],
      [
        {
          dimensions: ['LOCATION'],
          filter: { lastUpdated: { from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' } },
        },
        'filter.lastUpdated',
      ],
      [{ dimensions: ['LOCATION'], filter: { skills: ['x'.repeat(301)] } }, 'filter.skills.0'],
      // Fits every filter limit, but not in a URL: refused rather than cut.
      [
        {
          dimensions: ['LOCATION'],
          filter: { skills: Array.from({ length: 100 }, () => randomBytes(60).toString('base64')) },
        },
        'filter',
      ],
    ];
    for (const [variables, field] of cases) {
      const res = await exportInsights(tenant.key, variables);
      expect(res.status, field).toBeLessThan(500);
      expect(
        res.body.errors?.[0]?.extensions,
        JSON.stringify(variables).slice(0, 80),
      ).toMatchObject({
        code: 'BAD_USER_INPUT',
        field,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/stack|at \w+ \(/);
    }
    const unknown = await exportInsights(tenant.key, { dimensions: ['SHOE_SIZE'] });
    expect(unknown.status).toBeLessThan(500);
    expect(unknown.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');

    const anonymous = await graphql<ExportData>(app.http.url, EXPORT, {
      variables: { dimensions: ['LOCATION'] },
    });
    expect(anonymous.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
