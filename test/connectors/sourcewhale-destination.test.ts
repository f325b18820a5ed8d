import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  DestinationOptions,
  ExportPerson,
  SendRequest,
} from '../../src/connectors/destination';
import { SourceWhaleDestination } from '../../src/connectors/sourcewhale/sourcewhale.destination';
import {
  SOURCEWHALE_DEFAULT_TARGETS,
  SOURCEWHALE_TEST_MARKER,
} from '../../src/connectors/sourcewhale/sourcewhale.export-mapper';
import { startSourceWhaleSimulator, type SourceWhaleSimulator } from '../simulators';

let serial = 0;
/** A person SourceWhale does not hold yet (unique e-mail and LinkedIn per call). */
function newPerson(extra: Partial<ExportPerson> = {}): ExportPerson {
  const n = ++serial;
  return {
    candidateId: `rd-${n}`,
    name: `Ingrid Bergström ${n}`,
    firstName: 'Ingrid',
    lastName: `Bergström ${n}`,
    emails: [`ingrid.${n}@example.se`],
    phones: ['+46 8 555 0100'],
    source: 'Referral',
    location: { text: 'Malmö, Sweden', city: 'Malmö', region: 'Skåne', country: 'Sweden' },
    linkedinUrl: `https://www.linkedin.com/in/ingrid-bergstrom-${n}`,
    githubUrl: null,
    socialLinks: [],
    currentTitle: 'Platform Engineer',
    currentCompany: 'Klarna',
    experience: [
      {
        title: 'Platform Engineer',
        company: 'Klarna',
        startDate: '2022-01',
        endDate: null,
        current: true,
      },
    ],
    education: [
      {
        school: 'Lund University',
        degree: 'MSc',
        major: null,
        startDate: null,
        endDate: '2019-06',
      },
    ],
    ...extra,
  };
}

describe('SourceWhaleDestination against the SourceWhale simulator', () => {
  let sim: SourceWhaleSimulator;
  let destination: SourceWhaleDestination;
  const destinationFor = (extra: Partial<DestinationOptions> = {}): SourceWhaleDestination =>
    new SourceWhaleDestination({
      baseUrl: sim.url,
      credentials: { apiKey: sim.credentials.apiKey },
      requestsPerSecond: 100,
      ...extra,
    });
  const request = (
    person: ExportPerson,
    target: SendRequest['target'],
    extra: Partial<SendRequest> = {},
  ): SendRequest => ({
    person,
    target,
    userEmail: null,
    targets: SOURCEWHALE_DEFAULT_TARGETS,
    omit: new Set(),
    existing: null,
    ...extra,
  });
  const storedWithEmail = (email: string) =>
    [...sim.dataset.candidates.values()].filter((c) => c.emails.includes(email));
  const campaign = () => sim.dataset.campaigns[0]!;
  const project = () => sim.dataset.projects[1]!;

  beforeAll(async () => {
    sim = await startSourceWhaleSimulator({
      seed: 'sw-destination',
      candidates: 8,
      rateLimit: false,
    });
    destination = destinationFor();
  });
  afterEach(() => sim.faults.clear());
  afterAll(() => sim.close());

  it('lists only the campaigns of the acting user', async () => {
    const owners = [...new Set(sim.dataset.campaigns.map((c) => c.ownerEmail))];
    expect(owners.length).toBeGreaterThan(1);
    const [me, other] = owners as [string, string];
    const mine = await destination.listCampaigns(me);
    expect(mine).toEqual({
      ok: true,
      value: sim.dataset.campaigns
        .filter((c) => c.ownerEmail === me)
        .map((c) => ({ id: c.campaignId, name: c.campaignName })),
    });
    const theirs = sim.dataset.campaigns.filter((c) => c.ownerEmail === other);
    const ids = mine.ok ? mine.value.map((c) => c.id) : [];
    for (const c of theirs) expect(ids).not.toContain(c.campaignId);

    // No user: the connection's own user (verification calls).
    const own = destinationFor({
      credentials: { apiKey: sim.credentials.apiKey, userEmail: other },
    });
    const ownList = await own.listCampaigns(null);
    expect(ownList.ok && ownList.value.map((c) => c.id)).toEqual(theirs.map((c) => c.campaignId));

    const ghost = await destination.listCampaigns('ghost@example.org');
    expect(ghost).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('lists projects as jobs, without status, for every user', async () => {
    expect(destination.jobsPerUser).toBe(false);
    const jobs = await destination.listJobs(sim.dataset.users[0]!.email);
    expect(jobs).toEqual({
      ok: true,
      value: sim.dataset.projects.map((p) => ({
        id: p.projectId,
        title: p.projectName,
        status: null,
      })),
    });
  });

  it('finds an existing person by e-mail, with its current values', async () => {
    const seeded = [...sim.dataset.candidates.values()].find((c) => c.fields['role'])!;
    const person = newPerson({
      emails: ['nobody@example.org', seeded.emails[0]!.toUpperCase()],
      linkedinUrl: null,
    });
    const found = await destination.findExisting(person, null);
    expect(found).toEqual({
      ok: true,
      value: {
        remoteId: seeded.candidateId,
        fields: {
          name: `${String(seeded.fields.firstName)} ${String(seeded.fields.lastName)}`,
          role: seeded.fields['role'],
          company: seeded.fields['company'],
          location: seeded.fields['location'],
          emails: seeded.emails,
          socialLinks: seeded.socialLinks,
        },
      },
    });
    // The unknown address was asked first, then the known one; nothing more.
    const searches = sim.requestLog.where((e) => e.path === '/v1/candidates/search');
    expect(searches.slice(-2).map((e) => new URLSearchParams(e.query).get('value'))).toEqual([
      'nobody@example.org',
      seeded.emails[0]!.toUpperCase(),
    ]);
  });

  it('finds an existing person by LinkedIn URL when no e-mail matches', async () => {
    const seeded = [...sim.dataset.candidates.values()].find((c) =>
      c.socialLinks.some((l) => l.includes('linkedin.com/in/')),
    )!;
    const slug = /linkedin\.com\/in\/([^/?]+)/.exec(
      seeded.socialLinks.find((l) => l.includes('linkedin'))!,
    )![1]!;
    const person = newPerson({ linkedinUrl: `https://de.linkedin.com/in/${slug.toUpperCase()}/` });
    const found = await destination.findExisting(person, null);
    expect(found.ok && found.value?.remoteId).toBe(seeded.candidateId);

    const stranger = await destination.findExisting(newPerson(), null);
    expect(stranger).toEqual({ ok: true, value: null });
  });

  it('creates a prospect in a campaign, owned by the acting user', async () => {
    const person = newPerson({ githubUrl: 'https://github.com/ingrid' });
    const user = sim.dataset.users[2]!.email;
    const sent = await destination.send(
      request(person, { as: 'PROSPECT', campaignId: campaign().campaignId }, { userEmail: user }),
    );
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'CREATED', url: null } });
    if (!sent.ok) return;
    const stored = sim.dataset.candidates.get(sent.value.remoteId)!;
    expect(stored.campaignIds).toEqual([campaign().campaignId]);
    expect(stored.projectIds).toEqual([]);
    expect(stored.ownerEmail).toBe(user);
    expect(stored.fields).toMatchObject({
      name: person.name,
      role: 'Platform Engineer',
      company: 'Klarna',
      location: 'Malmö, Sweden',
      source: 'Referral',
      emails: person.emails,
      socialLinks: [person.linkedinUrl, 'https://github.com/ingrid'],
      experience: [{ role: 'Platform Engineer', company: 'Klarna', startedAt: '2022-01' }],
      education: [{ school: 'Lund University', degree: 'MSc', endedAt: '2019-06' }],
    });
    expect([...sent.value.sentFields].sort()).toEqual(
      Object.keys(stored.history[0]!.fields).sort(),
    );
  });

  it('creates a candidate in a project (a SourceWhale job)', async () => {
    const person = newPerson();
    const sent = await destination.send(
      request(person, { as: 'CANDIDATE', jobId: project().projectId }),
    );
    expect(sent.ok && sent.value.outcome).toBe('CREATED');
    const [stored] = storedWithEmail(person.emails[0]!);
    expect(stored?.projectIds).toEqual([project().projectId]);
    expect(stored?.campaignIds).toEqual([]);
  });

  it('updates an existing record with modify, leaving protected fields untouched', async () => {
    const seeded = [...sim.dataset.candidates.values()].find(
      (c) => c.fields['company'] && c.fields['role'] && !c.campaignIds.includes('cmp_0006'),
    )!;
    const before = { company: seeded.fields['company'], location: seeded.fields['location'] };
    const count = sim.dataset.candidates.size;
    const person = newPerson({
      emails: [seeded.emails[0]!, 'second@example.org'],
      currentCompany: 'Acme Rocket Co',
      currentTitle: 'Head of Platform',
    });
    const found = await destination.findExisting(person, null);
    expect(found.ok && found.value?.remoteId).toBe(seeded.candidateId);
    if (!found.ok || !found.value) return;

    const sent = await destination.send(
      request(
        person,
        { as: 'PROSPECT', campaignId: 'cmp_0006' },
        { existing: found.value, omit: new Set(['company', 'location']) },
      ),
    );
    expect(sent).toMatchObject({
      ok: true,
      value: { remoteId: seeded.candidateId, outcome: 'UPDATED' },
    });
    if (!sent.ok) return;
    expect(sent.value.sentFields).not.toContain('company');
    expect(sent.value.sentFields).not.toContain('experience');
    expect(sim.dataset.candidates.size).toBe(count);
    expect(seeded.fields['company']).toBe(before.company);
    expect(seeded.fields['location']).toBe(before.location);
    expect(seeded.fields['role']).toBe('Head of Platform');
    // The address SourceWhale had is kept beside the new one (modify replaces lists).
    expect(seeded.emails).toEqual([seeded.emails[0], 'second@example.org']);
    // Placed into the campaign too, by the record's own identifiers.
    expect(seeded.campaignIds).toContain('cmp_0006');
    const [modified, placed] = seeded.history.slice(-2);
    expect(modified?.action).toBe('modified');
    expect(modified?.fields).not.toHaveProperty('company');
    expect(placed?.action).toBe('updated');
    expect(Object.keys(placed!.fields).sort()).toEqual(
      seeded.socialLinks.length > 0 ? ['emails', 'name', 'socialLinks'] : ['emails', 'name'],
    );
    expect(placed?.fields['emails']).toEqual([seeded.emails[0]]);
  });

  it('reports a duplicate SourceWhale matched on add as UPDATED', async () => {
    const seeded = [...sim.dataset.candidates.values()][3]!;
    const count = sim.dataset.candidates.size;
    const sent = await destination.send(
      request(newPerson({ emails: [seeded.emails[0]!] }), {
        as: 'CANDIDATE',
        jobId: project().projectId,
      }),
    );
    expect(sent).toMatchObject({
      ok: true,
      value: { remoteId: seeded.candidateId, outcome: 'UPDATED' },
    });
    expect(sim.dataset.candidates.size).toBe(count);
  });

  it('marks a test candidate so that it can be found and deleted', async () => {
    const person = newPerson();
    const sent = await destination.send(
      request(person, { as: 'PROSPECT', campaignId: campaign().campaignId }, { test: true }),
    );
    expect(sent.ok && sent.value.sentFields).toEqual(
      expect.arrayContaining(['comments', 'keywords']),
    );
    const [stored] = storedWithEmail(person.emails[0]!);
    expect(stored?.fields['comments']).toBe(SOURCEWHALE_TEST_MARKER.comments);
    expect(stored?.fields['keywords']).toEqual([SOURCEWHALE_TEST_MARKER.keyword]);
  });

  it('waits out a storm of 429s (Retry-After) and creates the person exactly once', async () => {
    const waits: number[] = [];
    const patient = destinationFor({ onRateLimited: (ms) => waits.push(ms) });
    const person = newPerson();
    sim.faults.throttleNext(3, 1, '/v1/candidates/add');
    const started = Date.now();
    const sent = await patient.send(
      request(person, { as: 'PROSPECT', campaignId: campaign().campaignId }),
    );
    expect(sent.ok && sent.value.outcome).toBe('CREATED');
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
    expect(waits.filter((ms) => ms >= 1_000).length).toBeGreaterThanOrEqual(3);
    expect(storedWithEmail(person.emails[0]!)).toHaveLength(1);
    const adds = sim.requestLog.where(
      (e) => e.path === '/v1/candidates/add' && e.startedAt >= started,
    );
    expect(adds.map((e) => e.status)).toEqual([429, 429, 429, 200]);
  });

  it("rejects one person with the vendor's message on a validation error", async () => {
    const nameless = newPerson({ name: '', firstName: null, lastName: null });
    const sent = await destination.send(
      request(nameless, { as: 'PROSPECT', campaignId: campaign().campaignId }),
    );
    expect(sent).toEqual({
      ok: false,
      error: {
        kind: 'rejected',
        status: 400,
        message: 'candidates.0: a candidate needs name, firstName or lastName',
      },
    });
    expect(storedWithEmail(nameless.emails[0]!)).toHaveLength(0);

    const gone = await destination.send(
      request(newPerson(), { as: 'PROSPECT', campaignId: 'cmp_gone' }),
    );
    expect(gone).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 404, message: 'No campaign cmp_gone' },
    });
  });

  it('answers auth for a bad or missing key, on every call', async () => {
    const bad = destinationFor({ credentials: { apiKey: 'not-a-key' } });
    expect(await bad.listCampaigns(null)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await bad.listJobs(null)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(await bad.findExisting(newPerson(), null)).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
    const person = newPerson();
    const sent = await bad.send(request(person, { as: 'CANDIDATE', jobId: project().projectId }));
    expect(sent).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(storedWithEmail(person.emails[0]!)).toHaveLength(0);

    const { apiKey } = sim.createApiKey();
    sim.revokeApiKey(apiKey);
    const revoked = await destinationFor({ credentials: { apiKey } }).listJobs(null);
    expect(revoked).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const none = await destinationFor({ credentials: {} }).listJobs(null);
    expect(none).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('answers unavailable when SourceWhale fails on its side', async () => {
    sim.faults.failNext(1, 501, '/v1/projects/list');
    expect(await destination.listJobs(null)).toMatchObject({
      ok: false,
      error: { kind: 'unavailable' },
    });
  });

  it('paces requests at the configured rate', async () => {
    // A simulator of its own: no other test's late request counts here.
    const own = await startSourceWhaleSimulator({ rateLimit: false });
    const slow = new SourceWhaleDestination({
      baseUrl: own.url,
      credentials: { apiKey: own.credentials.apiKey },
      requestsPerSecond: 4,
    });
    const answers = await Promise.all(Array.from({ length: 8 }, () => slow.listJobs(null)));
    await own.close();
    expect(answers.every((a) => a.ok)).toBe(true);
    const calls = own.requestLog.where((e) => e.path === '/v1/projects/list');
    expect(calls).toHaveLength(8);
    // 8 requests at 4 per second: the second four wait for the first second to pass.
    expect(calls[7]!.startedAt - calls[0]!.startedAt).toBeGreaterThanOrEqual(950);
  });
});
