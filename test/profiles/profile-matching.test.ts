import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { Candidate } from '../../src/entities';
import { createTenant, sharedDataSource } from '../helpers/database';
import { graphql } from '../helpers/graphql';
import { startAshbySimulator, type AshbySimulator } from '../simulators/ashby/ashby-simulator';
import type { NeutralCandidate } from '../simulators/generator';
import {
  createConnection,
  eventually,
  startSyncApp,
  waitForRun,
  type TestApp,
} from '../sync/sync-harness';

/**
 * Profile matching end to end: candidates mirrored from the Ashby simulator, profiles imported
 * over GraphQL, matches explained on Candidate.profileMatch, and the enrichment visible in
 * search, insights and the Connect lookup. Every refusal of the rules has a case.
 */
describe('profile matching', () => {
  let dataSource: DataSource;
  let app: TestApp;
  let sim: AshbySimulator;
  let key: string;
  let organizationId: string;
  let connectionId: string;
  const people: NeutralCandidate[] = [];
  const tag = randomBytes(3).toString('hex');

  const gql = <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    as = key,
  ) => graphql<T>(app.http.url, query, { key: as, variables });
  const idOf = async (person: NeutralCandidate): Promise<string> =>
    (
      await dataSource.getRepository(Candidate).findOneByOrFail({
        connectionId,
        remoteId: String(sim.ids.get('candidate', person.key)),
      })
    ).id;
  const importProfiles = async (profiles: Record<string, unknown>[], as = key) => {
    const res = await gql<{
      importProfiles: { received: number; created: number; updated: number; rejected: unknown[] };
    }>(
      `mutation ($p: [ProfileInput!]!) { importProfiles(profiles: $p) {
         received created updated rejected { line field message } } }`,
      { p: profiles },
      as,
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.importProfiles;
  };
  const matchOf = async (person: NeutralCandidate) => {
    const res = await gql<{
      candidate: {
        profileMatch: { rule: string; confidence: number; profile: { externalId: string } } | null;
      };
    }>(
      `query ($id: ID!) { candidate(id: $id) { profileMatch { rule confidence matchedAt profile { externalId industry } } } }`,
      { id: await idOf(person) },
    );
    expect(res.body.errors).toBeUndefined();
    return res.body.data!.candidate.profileMatch;
  };
  /** The profile of the first test: its LinkedIn URL written another way, and a link and facts the ATS lacks. */
  const linkedProfile = (person: NeutralCandidate) => ({
    externalId: `li-${tag}`,
    fullName: `${person.firstName} ${person.lastName}`,
    linkedinUrl: `https://WWW.LinkedIn.com/in/${/in\/([^/?#]+)/.exec(person.linkedinUrl!)![1]!}/?trk=x`,
    githubUrl: `https://github.com/enriched-${tag}`,
    skills: [`Quantum Basketweaving ${tag}`],
    industry: `Orbital Logistics ${tag}`,
    companySize: '51-200',
  });
  const employersOf = (p: NeutralCandidate) =>
    p.experience.map((e) => ({ company: e.company, title: e.title, startDate: null }));

  beforeAll(async () => {
    dataSource = await sharedDataSource();
    app = await startSyncApp(inject('databaseUrl'));
    sim = await startAshbySimulator({ seed: 'matching', candidates: 24, rateLimit: false });
    const tenant = await createTenant(dataSource, 'matching');
    key = tenant.key;
    organizationId = tenant.organization.id;
    const created = await createConnection(app, key, {
      provider: 'ASHBY',
      name: 'Ashby',
      credentials: { apiKey: sim.credentials.apiKey },
      capabilities: ['REDISCOVERY'],
      baseUrl: sim.url,
    });
    connectionId = created.id;
    expect(await waitForRun(app, key, connectionId)).toMatchObject({ state: 'COMPLETED' });
    people.push(...sim.dataset.candidates.values());
  });
  afterAll(async () => {
    await app?.stop();
    await sim?.close();
    await dataSource?.destroy();
  });

  it('matches by LinkedIn URL (written another way) and enriches search, insights and lookup', async () => {
    const person = people.find((p) => p.linkedinUrl)!;
    const result = await importProfiles([linkedProfile(person)]);
    expect(result).toMatchObject({ received: 1, created: 1, updated: 0, rejected: [] });
    await eventually(async () => {
      expect(await matchOf(person)).toMatchObject({
        rule: 'LINKEDIN_URL',
        profile: { externalId: `li-${tag}` },
      });
    });
    await eventually(async () => {
      const search = await gql<{ searchCandidates: { totalCount: number } }>(
        `query ($q: String) { searchCandidates(query: $q) { totalCount } }`,
        { q: `skill:"Quantum Basketweaving ${tag}"` },
      );
      expect(search.body.data!.searchCandidates.totalCount).toBe(1);
    });
    const insights = await gql<{ insights: { buckets: { label: string; count: number }[] }[] }>(
      `{ insights(dimensions: [INDUSTRY]) { buckets { label count } } }`,
    );
    expect(insights.body.data!.insights[0]!.buckets).toContainEqual(
      expect.objectContaining({ label: `Orbital Logistics ${tag}`, count: 1 }),
    );
    // The Connect lookup knows the person by a link only the profile had.
    const lookup = await gql<{ atsStatus: { matchedBy: string; candidate: { id: string } }[] }>(
      `query ($url: String!) { atsStatus(profile: { githubUrl: $url }) { matchedBy candidate { id } } }`,
      { url: `https://GitHub.com/Enriched-${tag}/` },
    );
    expect(lookup.body.errors).toBeUndefined();
    expect(lookup.body.data!.atsStatus).toEqual([
      { matchedBy: 'GITHUB_URL', candidate: { id: await idOf(person) } },
    ]);
  });

  it('matches by e-mail, case-insensitively, and refuses two profiles that fit equally', async () => {
    const linked = people.find((p) => p.linkedinUrl);
    const [single, shared] = people.filter((p) => p !== linked && p.emails.length > 0);
    expect(single && shared).toBeTruthy();
    await importProfiles([
      {
        externalId: `mail-${tag}`,
        fullName: 'Someone',
        emails: [single!.emails[0]!.value.toUpperCase()],
      },
      { externalId: `dup1-${tag}`, fullName: 'Twin A', emails: [shared!.emails[0]!.value] },
      { externalId: `dup2-${tag}`, fullName: 'Twin B', emails: [shared!.emails[0]!.value] },
    ]);
    await eventually(async () => {
      expect(await matchOf(single!)).toMatchObject({
        rule: 'EMAIL',
        profile: { externalId: `mail-${tag}` },
      });
    });
    expect(await matchOf(shared!)).toBeNull();
  });

  it('matches by name, employment and education; refuses a namesake elsewhere and a contradicting LinkedIn', async () => {
    // People not used above, with two employers on their resume.
    const withHistory = people.filter((p) => p.experience.length >= 2).slice(-2);
    const [twoEmployers, namesake] = withHistory;
    expect(twoEmployers && namesake).toBeTruthy();
    await importProfiles([
      {
        externalId: `name-${tag}`,
        fullName: `${twoEmployers!.firstName.toUpperCase()} ${twoEmployers!.lastName}`,
        workHistory: employersOf(twoEmployers!),
      },
      {
        // Same name, other employers: another person.
        externalId: `namesake-${tag}`,
        fullName: `${namesake!.firstName} ${namesake!.lastName}`,
        workHistory: [
          { company: `Nowhere Corp ${tag}`, title: 'Engineer' },
          { company: `Elsewhere Ltd ${tag}`, title: 'Engineer' },
        ],
      },
    ]);
    await eventually(async () => {
      expect(await matchOf(twoEmployers!)).toMatchObject({
        rule: 'NAME_EMPLOYMENT_EDUCATION',
        profile: { externalId: `name-${tag}` },
      });
    });
    expect(await matchOf(namesake!)).toBeNull();
    // The same name and employers, but the profile's LinkedIn URL differs from the candidate's:
    // two people, so the weaker name rule must not match them.
    await dataSource.query(`UPDATE candidates SET linkedin_url = $2 WHERE id = $1`, [
      await idOf(twoEmployers!),
      `linkedin.com/in/someone-else-${tag}`,
    ]);
    await importProfiles([
      {
        externalId: `name-${tag}`,
        fullName: `${twoEmployers!.firstName} ${twoEmployers!.lastName}`,
        linkedinUrl: `https://linkedin.com/in/the-real-one-${tag}`,
        workHistory: employersOf(twoEmployers!),
      },
    ]);
    await eventually(async () => expect(await matchOf(twoEmployers!)).toBeNull());
  });

  it('reads "Acme, S.A." as Acme: a profile written so matches, and a second one of the same person makes it ambiguous', async () => {
    // Found by the matching benchmark: "S.A." and "B.V." were not read as legal forms, so the
    // profile writing them fitted no one, and of two profiles of one person only the other
    // fitted (a match where the rules say "neither").
    const linked = people.find((p) => p.linkedinUrl);
    const emailed = people.filter((p) => p !== linked && p.emails.length > 0).slice(0, 2);
    const named = people.filter((p) => p.experience.length >= 2).slice(-2);
    const taken = new Set([linked, ...emailed, ...named]);
    const person = people.find((p) => p.experience.length >= 2 && !taken.has(p));
    expect(person).toBeTruthy();
    const fullName = `${person!.firstName} ${person!.lastName}`;
    await importProfiles([
      {
        externalId: `dotted-${tag}`,
        fullName,
        workHistory: person!.experience.map((e, i) => ({
          company: `${e.company}${i === 0 ? ', S.A.' : ' B.V.'}`,
          title: e.title,
        })),
      },
    ]);
    await eventually(async () => {
      expect(await matchOf(person!)).toMatchObject({
        rule: 'NAME_EMPLOYMENT_EDUCATION',
        profile: { externalId: `dotted-${tag}` },
      });
    });
    await importProfiles([
      { externalId: `plain-${tag}`, fullName, workHistory: employersOf(person!) },
    ]);
    await eventually(async () => expect(await matchOf(person!)).toBeNull());
  });

  it('is idempotent: importing the same profiles again changes nothing', async () => {
    const before = await dataSource.query<{ candidate_id: string; matched_at: Date }[]>(
      'SELECT candidate_id, matched_at FROM profile_matches WHERE organization_id = $1 ORDER BY candidate_id',
      [organizationId],
    );
    const again = await importProfiles([linkedProfile(people.find((p) => p.linkedinUrl)!)]);
    expect(again).toMatchObject({ created: 0, updated: 0 });
    const after = await dataSource.query<{ candidate_id: string; matched_at: Date }[]>(
      'SELECT candidate_id, matched_at FROM profile_matches WHERE organization_id = $1 ORDER BY candidate_id',
      [organizationId],
    );
    expect(after).toEqual(before);
  });

  it("keeps organizations apart: another organization's profiles never match these candidates", async () => {
    const other = await createTenant(dataSource, 'matching-other');
    const person = people.filter((p) => p.emails.length > 0)[4]!;
    await importProfiles(
      [{ externalId: `x-${tag}`, fullName: 'Elsewhere', emails: [person.emails[0]!.value] }],
      other.key,
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await matchOf(person)).toBeNull();
  });
});
