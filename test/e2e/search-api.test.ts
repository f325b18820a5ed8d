import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { startTestApp } from '../helpers/app';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { ModelSeeder } from '../helpers/seed-model';
import { dropIndices } from '../setup/search-node';

/** The app's search settings per engine: postgres always, elasticsearch when the run has a node. */
const engines: { engine: string; env: Record<string, string> }[] = [
  { engine: 'postgres', env: { SEARCH_ENGINE: 'postgres' } },
];
const elasticsearchUrl = inject('elasticsearchUrl');
if (elasticsearchUrl) {
  engines.push({
    engine: 'elasticsearch',
    env: {
      SEARCH_ENGINE: 'elasticsearch',
      ELASTICSEARCH_URL: elasticsearchUrl,
      ELASTICSEARCH_INDEX_PREFIX: `${inject('elasticsearchPrefix')}-${randomBytes(4).toString('hex')}`,
    },
  });
}

/**
 * searchCandidates, candidate, insights and atsStatus over HTTP, on data written to the
 * normalized model and indexed by the real indexer (no simulator involved), on every engine.
 */
describe.each(engines)('search API ($engine)', ({ env }) => {
  let dataSource: DataSource;
  let app: Awaited<ReturnType<typeof startTestApp>>;
  let key: string;
  let otherKey: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startTestApp(inject('databaseUrl'), env);
    const tenant = await createTenant(dataSource, 'search');
    const other = await createTenant(dataSource, 'search-other');
    key = tenant.key;
    otherKey = other.key;

    const seed = new ModelSeeder(dataSource, tenant.organization.id);
    const connection = await seed.connection({
      name: 'Acme Ashby',
      settings: { filterableCustomFields: ['visa'] },
    });
    const c = connection.id;
    const dataJob = await seed.job(c, 'Senior Data Engineer');
    const mlJob = await seed.job(c, 'ML Engineer', 'CLOSED');
    const onsite = await seed.stage(c, 'Onsite', 4);
    const screen = await seed.stage(c, 'Phone Screen', 2);
    const tooJunior = await seed.reason(c, 'Too junior');
    const referral = await seed.source(c, 'Referral');
    const rita = await seed.recruiter(c, 'Rita Recruiter', 'rita@acme.example');
    ids['dataJob'] = dataJob.id;
    ids['rita'] = rita.id;

    const jose = await seed.candidate(c, {
      fullName: 'José Álvarez',
      emails: ['jose.alvarez@example.com'],
      phones: ['+49 30 1234567'],
      currentCompany: 'Stripe',
      currentTitle: 'Staff Engineer',
      location: { city: 'Berlin', country: 'Germany', text: 'Berlin, Germany' },
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      socialLinks: [{ type: 'LINKEDIN', url: 'https://www.linkedin.com/in/jose-alvarez/' }],
      sourceId: referral.id,
      recruiterId: rita.id,
      customFields: { visa: { name: 'Visa', value: 'EU' } },
      remoteUpdatedAt: new Date(Date.now() - 2 * 86_400_000),
    });
    await seed.application(c, {
      candidateId: jose.id,
      jobId: dataJob.id,
      stageId: onsite.id,
      stageName: 'Onsite',
    });
    await seed.attachment(c, {
      candidateId: jose.id,
      extractedText:
        'EXPERIENCE\nStaff Engineer — Stripe, 2018–Present\n\nEDUCATION\nMSc, Computer Science — ETH Zürich, 2010–2012\n\nSKILLS\nPython, Scala, Kafka',
    });
    const zoe = await seed.candidate(c, {
      fullName: 'Zoë Müller',
      emails: ['zoe@example.org'],
      currentCompany: 'Acme',
      currentTitle: 'ML Engineer',
      remoteUpdatedAt: new Date(Date.now() - 40 * 86_400_000),
    });
    await seed.application(c, {
      candidateId: zoe.id,
      jobId: mlJob.id,
      stageId: screen.id,
      stageName: 'Phone Screen',
      status: 'REJECTED',
      rejectionReasonId: tooJunior.id,
      // lastUpdated is the latest change to the candidate or any application.
      remoteUpdatedAt: new Date(Date.now() - 40 * 86_400_000),
    });
    await seed.attachment(c, { candidateId: zoe.id, extractedText: 'SKILLS\nPython, PyTorch' });
    const prospects = [];
    for (let i = 0; i < 5; i++) {
      prospects.push(
        await seed.candidate(c, {
          fullName: `Prospect Number${i}`,
          currentTitle: 'Intern',
          remoteUpdatedAt: new Date(Date.now() - (100 + i) * 86_400_000),
        }),
      );
    }
    ids['jose'] = jose.id;
    ids['zoe'] = zoe.id;
    await app.indexer.indexCandidates(tenant.organization.id, [
      jose.id,
      zoe.id,
      ...prospects.map((p) => p.id),
    ]);

    // The other organization has a look-alike that must never show up.
    const otherSeed = new ModelSeeder(dataSource, other.organization.id);
    const otherConnection = await otherSeed.connection();
    const twin = await otherSeed.candidate(otherConnection.id, {
      fullName: 'José Álvarez',
      emails: ['jose.alvarez@example.com'],
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      currentTitle: 'Staff Engineer',
    });
    ids['twin'] = twin.id;
    await app.indexer.indexCandidates(other.organization.id, [twin.id]);
  });

  afterAll(async () => {
    await app?.stop();
    await dataSource?.destroy();
    const prefix = env['ELASTICSEARCH_INDEX_PREFIX'];
    if (elasticsearchUrl && prefix) await dropIndices(elasticsearchUrl, prefix);
  });

  const SEARCH = `query Search($q: String, $filter: CandidateFilter, $first: Int, $after: String, $sort: CandidateSort) {
    searchCandidates(query: $q, filter: $filter, first: $first, after: $after, sort: $sort) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor highlights { field snippets } node { id fullName } }
      facets { field values { value label count } }
    }
  }`;
  type SearchData = {
    searchCandidates: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: {
        cursor: string;
        highlights: { field: string; snippets: string[] }[];
        node: { id: string; fullName: string };
      }[];
      facets: { field: string; values: { value: string; label: string; count: number }[] }[];
    };
  };

  it('finds by Boolean query, with highlights, ATS facets and profile facets from the resume', async () => {
    const res = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { q: 'python AND (staff OR "ml engineer") NOT intern' },
    });
    expect(res.body.errors).toBeUndefined();
    const result = res.body.data!.searchCandidates;
    expect(result.edges.map((e) => e.node.fullName).sort()).toEqual(['José Álvarez', 'Zoë Müller']);
    const jose = result.edges.find((e) => e.node.id === ids['jose'])!;
    expect(jose.highlights).toContainEqual({
      field: 'currentTitle',
      snippets: ['<em>Staff</em> Engineer'],
    });
    const facet = (field: string) => result.facets.find((f) => f.field === field)?.values;
    expect(facet('STAGE')).toEqual([
      { value: 'onsite', label: 'Onsite', count: 1 },
      { value: 'phone screen', label: 'Phone Screen', count: 1 },
    ]);
    expect(facet('JOB')).toContainEqual({
      value: ids['dataJob'],
      label: 'Senior Data Engineer',
      count: 1,
    });
    expect(facet('RECRUITER')).toEqual([{ value: ids['rita'], label: 'Rita Recruiter', count: 1 }]);
    expect(facet('SOURCE')).toEqual([{ value: 'referral', label: 'Referral', count: 1 }]);
    expect(facet('SKILL')).toContainEqual({ value: 'python', label: 'Python', count: 2 });
    expect(facet('SCHOOL')).toEqual([{ value: 'eth zurich', label: 'ETH Zürich', count: 1 }]);
    expect(facet('REJECTION_REASON')).toEqual([
      { value: 'too junior', label: 'Too junior', count: 1 },
    ]);
    expect(facet('LAST_UPDATED')).toEqual([
      { value: 'LAST_7_DAYS', label: 'LAST_7_DAYS', count: 1 },
      { value: 'LAST_30_DAYS', label: 'LAST_30_DAYS', count: 1 },
      { value: 'LAST_90_DAYS', label: 'LAST_90_DAYS', count: 2 },
      { value: 'LAST_365_DAYS', label: 'LAST_365_DAYS', count: 2 },
    ]);
  });

  it('applies facet values as filters, multi-select style', async () => {
    const res = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { filter: { stages: ['Onsite'], skills: ['PYTHON'] } },
    });
    const result = res.body.data!.searchCandidates;
    expect(result.edges.map((e) => e.node.id)).toEqual([ids['jose']]);
    // The STAGE facet ignores the stage filter: Zoë's Phone Screen is still offered.
    expect(
      result.facets.find((f) => f.field === 'STAGE')?.values.map((v) => [v.value, v.count]),
    ).toEqual([
      ['onsite', 1],
      ['phone screen', 1],
    ]);
    const custom = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { filter: { customFields: [{ key: 'visa', values: ['eu'] }] } },
    });
    expect(custom.body.data!.searchCandidates.edges.map((e) => e.node.id)).toEqual([ids['jose']]);
  });

  it('gives an empty result for unknown filter values, and omits facets nobody asked for', async () => {
    const res = await graphql<{ searchCandidates: { totalCount: number } }>(
      app.http.url,
      '{ searchCandidates(filter: { stages: ["No such stage"], jobIds: ["nope"] }) { totalCount } }',
      { key },
    );
    expect(res.body).toEqual({ data: { searchCandidates: { totalCount: 0 } } });
  });

  it('pages with opaque cursors, caps first at 100 and rejects bad paging input', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const res: { body: { data?: SearchData | null } } = await graphql<SearchData>(
        app.http.url,
        SEARCH,
        {
          key,
          variables: { first: 3, after, sort: { field: 'NAME', direction: 'ASC' } },
        },
      );
      const page = res.body.data!.searchCandidates;
      seen.push(...page.edges.map((e) => e.node.fullName));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([
      'José Álvarez',
      'Prospect Number0',
      'Prospect Number1',
      'Prospect Number2',
      'Prospect Number3',
      'Prospect Number4',
      'Zoë Müller',
    ]);
    const big = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { first: 5000 },
    });
    expect(big.body.data!.searchCandidates.edges).toHaveLength(7);
    const zero = await graphql(app.http.url, SEARCH, { key, variables: { first: 0 } });
    expect(zero.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    const tampered = await graphql(app.http.url, SEARCH, {
      key,
      variables: { after: 'eyJub3QiOiJhIGN1cnNvciJ9' },
    });
    expect(tampered.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'after',
    });
  });

  it('reports a malformed query with its position, never an engine error', async () => {
    for (const [q, position] of [
      ['(python OR scala', 0],
      ['python AND', 7],
      ['foo:bar', 0],
      ['"unclosed phrase', 0],
    ] as const) {
      const res = await graphql(app.http.url, SEARCH, { key, variables: { q } });
      expect(res.status).toBe(200);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'query',
        position,
      });
      expect(res.body.errors?.[0]?.message).not.toMatch(/tsquery|syntax error at|postgres/i);
    }
  });

  it('returns the full profile with applications, attachments and ATS links', async () => {
    const res = await graphql<{ candidate: Record<string, unknown> }>(
      app.http.url,
      `
        query ($id: ID!) {
          candidate(id: $id) {
            fullName
            kind
            emails
            phones
            linkedinUrl
            currentTitle
            skills
            source
            location {
              city
              country
              text
            }
            recruiter {
              name
              email
            }
            workHistory {
              company
              title
              current
            }
            education {
              school
              degree
              major
            }
            applications {
              job {
                title
                status
              }
              stage
              status
              rejectionReason
            }
            attachments {
              name
              type
              url
              text
            }
            atsLinks {
              provider
              remoteId
              url
            }
            connection {
              name
              provider
            }
            customFields {
              key
              name
              value
            }
          }
        }
      `,
      { key, variables: { id: ids['jose'] } },
    );
    expect(res.body.errors).toBeUndefined();
    const c = res.body.data!.candidate;
    expect(c).toMatchObject({
      fullName: 'José Álvarez',
      kind: 'APPLICANT',
      emails: ['jose.alvarez@example.com'],
      phones: ['+49301234567'],
      linkedinUrl: 'linkedin.com/in/jose-alvarez',
      skills: ['Python', 'Scala', 'Kafka'],
      source: 'Referral',
      location: { city: 'Berlin', country: 'Germany', text: 'Berlin, Germany' },
      recruiter: { name: 'Rita Recruiter', email: 'rita@acme.example' },
      workHistory: [{ company: 'Stripe', title: 'Staff Engineer', current: true }],
      education: [{ school: 'ETH Zürich', degree: 'MSc', major: 'Computer Science' }],
      applications: [
        {
          job: { title: 'Senior Data Engineer', status: 'OPEN' },
          stage: 'Onsite',
          status: 'ACTIVE',
          rejectionReason: null,
        },
      ],
      connection: { name: 'Acme Ashby', provider: 'ASHBY' },
      customFields: [{ key: 'visa', name: 'Visa', value: 'EU' }],
    });
    const attachments = c['attachments'] as { url: string; text: string }[];
    expect(attachments[0]?.text).toContain('ETH Zürich');
    const download = await fetch(`${app.http.url}${attachments[0]!.url}`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(download.status).toBe(200);
    expect(await download.text()).toBe('%PDF-1.4 test');
    const foreign = await fetch(`${app.http.url}${attachments[0]!.url}`, {
      headers: { authorization: `Bearer ${otherKey}` },
    });
    expect(foreign.status).toBe(404);
    const anonymous = await fetch(`${app.http.url}${attachments[0]!.url}`);
    expect(anonymous.status).toBe(401);
    expect((c['atsLinks'] as { url: string }[])[0]?.url).toMatch(
      /^https:\/\/app\.ashbyhq\.com\/candidates\//,
    );
  });

  it("never shows another organization's candidates", async () => {
    const byId = await graphql(app.http.url, `{ candidate(id: "${ids['twin']}") { fullName } }`, {
      key,
    });
    expect(byId.body.errors?.[0]?.extensions?.['code']).toBe('NOT_FOUND');
    const res = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { q: 'name:jose' },
    });
    expect(res.body.data!.searchCandidates.edges.map((e) => e.node.id)).toEqual([ids['jose']]);
  });

  it('aggregates insights whose bucket values work as filters', async () => {
    const res = await graphql<{
      insights: {
        dimension: string;
        buckets: { value: string; count: number }[];
        otherCount: number;
        missingCount: number;
      }[];
    }>(
      app.http.url,
      '{ insights(dimensions: [CURRENT_TITLE, SKILL, STAGE], size: 1) { dimension buckets { value label count } otherCount missingCount } }',
      { key },
    );
    expect(res.body.errors).toBeUndefined();
    const [titles, skills, stages] = res.body.data!.insights;
    expect(titles).toEqual({
      dimension: 'CURRENT_TITLE',
      buckets: [{ value: 'intern', label: 'Intern', count: 5 }],
      otherCount: 2,
      missingCount: 0,
    });
    expect(skills).toMatchObject({
      buckets: [{ value: 'python', count: 2 }],
      otherCount: 0,
      missingCount: 5,
    });
    expect(stages).toMatchObject({
      buckets: [{ value: 'onsite', count: 1 }],
      otherCount: 1,
      missingCount: 5,
    });
    const filtered = await graphql<SearchData>(app.http.url, SEARCH, {
      key,
      variables: { filter: { titles: ['intern'] } },
    });
    expect(filtered.body.data!.searchCandidates.totalCount).toBe(5);
  });

  it('answers "is this person in my ATS?" one at a time and a page at once', async () => {
    const one = await graphql<{ atsStatus: Record<string, unknown>[] }>(
      app.http.url,
      `
        {
          atsStatus(profile: { linkedinUrl: "https://de.linkedin.com/in/Jose-Alvarez?trk=x" }) {
            kind
            matchedBy
            confidence
            candidate {
              id
            }
            applications {
              stage
              status
            }
            recruiter {
              name
            }
            emails
            phones
            attachments {
              name
            }
            connection {
              name
            }
          }
        }
      `,
      { key },
    );
    expect(one.body.errors).toBeUndefined();
    expect(one.body.data!.atsStatus).toEqual([
      {
        kind: 'APPLICANT',
        matchedBy: 'LINKEDIN_URL',
        confidence: 1,
        candidate: { id: ids['jose'] },
        applications: [{ stage: 'Onsite', status: 'ACTIVE' }],
        recruiter: { name: 'Rita Recruiter' },
        emails: ['jose.alvarez@example.com'],
        phones: ['+49301234567'],
        attachments: [{ name: 'resume.pdf' }],
        connection: { name: 'Acme Ashby' },
      },
    ]);
    const batch = await graphql<{
      atsStatuses: { matches: { matchedBy: string; candidate: { id: string } }[] }[];
    }>(
      app.http.url,
      `
        {
          atsStatuses(
            profiles: [
              { email: "ZOE@example.org" }
              { name: "jose alvarez", company: "stripe", title: "staff engineer" }
              { email: "nobody@example.org" }
            ]
          ) {
            matches {
              matchedBy
              confidence
              candidate {
                id
              }
            }
          }
        }
      `,
      { key },
    );
    expect(batch.body.data!.atsStatuses).toEqual([
      { matches: [{ matchedBy: 'EMAIL', confidence: 0.9, candidate: { id: ids['zoe'] } }] },
      {
        matches: [
          { matchedBy: 'NAME_COMPANY_TITLE', confidence: 0.85, candidate: { id: ids['jose'] } },
        ],
      },
      { matches: [] },
    ]);
    const empty = await graphql(
      app.http.url,
      '{ atsStatus(profile: { name: "only a name" }) { kind } }',
      { key },
    );
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'profile',
    });
  });
});
