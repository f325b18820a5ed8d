import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPerson, SendRequest } from '../../src/connectors/destination';
import { GreenhouseDestination } from '../../src/connectors/greenhouse/greenhouse.destination';
import { GREENHOUSE_DEFAULT_TARGETS } from '../../src/connectors/greenhouse/greenhouse.export-mapper';
import {
  startGreenhouseSimulator,
  type GreenhouseSimulator,
  type NeutralCandidate,
} from '../simulators/index';
import { greenhouseJobStatus } from '../simulators/greenhouse/greenhouse-serializers';

let counter = 0;
/** A person no dataset holds (unique e-mail per call). */
function newPerson(extra: Partial<ExportPerson> = {}): ExportPerson {
  counter++;
  return {
    candidateId: `rd-${counter}`,
    name: `Søren Kierkegaard${counter}`,
    firstName: 'Søren',
    lastName: `Kierkegaard${counter}`,
    emails: [`soren.${counter}@example.org`],
    phones: ['+45 20 12 34 56'],
    source: null,
    location: { text: null, city: 'Copenhagen', region: null, country: 'Denmark' },
    linkedinUrl: `https://www.linkedin.com/in/soren-${counter}`,
    githubUrl: `https://github.com/soren${counter}`,
    socialLinks: [],
    currentTitle: 'Platform Engineer',
    currentCompany: 'Nordlys',
    experience: [
      {
        title: 'Platform Engineer',
        company: 'Nordlys',
        startDate: '2020-02',
        endDate: null,
        current: true,
      },
      {
        title: 'Developer',
        company: 'Havn',
        startDate: '2016-08',
        endDate: '2020-01',
        current: false,
      },
    ],
    education: [],
    ...extra,
  };
}

function personOf(c: NeutralCandidate, extra: Partial<ExportPerson> = {}): ExportPerson {
  return newPerson({
    name: `${c.firstName} ${c.lastName}`,
    firstName: c.firstName,
    lastName: c.lastName,
    emails: c.emails.map((e) => e.value),
    ...extra,
  });
}

describe('GreenhouseDestination against the Greenhouse simulator', () => {
  let sim: GreenhouseSimulator;
  let destination: GreenhouseDestination;
  const credentials = () => ({
    clientId: sim.credentials.clientId,
    clientSecret: sim.credentials.clientSecret,
    userId: String(sim.credentials.userId),
  });
  const jobId = (key: string): string => String(sim.ids.get('job', key));
  const candidateKey = (remoteId: string): string => sim.ids.keyOf('candidate', remoteId)!;
  const applicationsTo = (cKey: string, jKey: string) =>
    sim.dataset.applicationsOf(cKey).filter((a) => a.jobKey === jKey);
  const withEmail = (email: string) =>
    [...sim.dataset.candidates.values()].filter((c) =>
      c.emails.some((e) => e.value.toLowerCase() === email.toLowerCase()),
    );
  const openJob = () => [...sim.dataset.jobs.values()].find((j) => j.status === 'OPEN')!;
  const request = (person: ExportPerson, extra: Partial<SendRequest> = {}): SendRequest => ({
    person,
    target: { as: 'CANDIDATE', jobId: jobId(openJob().key) },
    userEmail: 'recruiter@example.org',
    targets: GREENHOUSE_DEFAULT_TARGETS,
    omit: new Set(),
    existing: null,
    ...extra,
  });

  beforeAll(async () => {
    // Greenhouse's own limit (50 per 10 s) stays on.
    sim = await startGreenhouseSimulator({
      seed: 'greenhouse-destination',
      candidates: 25,
      jobs: 30,
    });
    destination = new GreenhouseDestination({ baseUrl: sim.url, credentials: credentials() });
  });
  afterAll(() => sim.close());

  it('lists every job with Greenhouse status spellings, for whoever asks; no campaigns', async () => {
    const jobs = await destination.listJobs('someone@example.org');
    expect(destination.jobsPerUser).toBe(false);
    expect(jobs.ok).toBe(true);
    if (!jobs.ok) return;
    const expected = [...sim.dataset.jobs.values()].map((j) => ({
      id: jobId(j.key),
      title: j.title,
      status: greenhouseJobStatus(j),
    }));
    const byId = (a: { id: string }, b: { id: string }) => Number(a.id) - Number(b.id);
    expect(jobs.value.sort(byId)).toEqual(expected.sort(byId));
    expect(jobs.value.some((j) => j.status === 'open')).toBe(true);
    expect(jobs.value.some((j) => j.status === 'closed')).toBe(true);
    expect(await destination.listCampaigns(null)).toMatchObject({
      ok: false,
      error: { kind: 'not_found' },
    });
  });

  it('finds a person by any of their e-mails, with Greenhouse field values; misses strangers', async () => {
    const c = [...sim.dataset.candidates.values()].find((x) => x.emails.length > 0)!;
    const found = await destination.findExisting(
      personOf(c, { emails: ['stranger@example.org', c.emails[0]!.value.toUpperCase()] }),
      null,
    );
    expect(found).toMatchObject({
      ok: true,
      value: {
        remoteId: String(sim.ids.get('candidate', c.key)),
        fields: {
          first_name: c.firstName,
          last_name: c.lastName,
          company: c.currentCompany,
          email_addresses: c.emails.map((e) => ({ value: e.value })),
        },
      },
    });
    expect(await destination.findExisting(newPerson(), null)).toEqual({ ok: true, value: null });
  });

  it('creates a new person as a candidate with employments, then applies to the job', async () => {
    const job = openJob();
    const source = sim.dataset.reference.sources[1]!;
    const person = newPerson({ source: source.name });
    const sent = await destination.send(request(person));
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.value).toMatchObject({ outcome: 'CREATED', url: null });
    expect(sent.value.sentFields).toEqual(
      expect.arrayContaining([
        'first_name',
        'last_name',
        'email_addresses',
        'employments',
        'source_id',
      ]),
    );
    const c = sim.dataset.candidates.get(candidateKey(sent.value.remoteId))!;
    expect(c).toMatchObject({
      firstName: 'Søren',
      lastName: person.lastName,
      emails: [{ value: person.emails[0] }],
      phones: [{ value: '+45 20 12 34 56' }],
      linkedinUrl: person.linkedinUrl,
      githubUrl: person.githubUrl,
      currentTitle: 'Platform Engineer',
      currentCompany: 'Nordlys',
    });
    expect(
      c.experience.map((x) => [
        x.title,
        x.company,
        x.startYear,
        x.startMonth,
        x.endYear,
        x.endMonth,
      ]),
    ).toEqual([
      ['Platform Engineer', 'Nordlys', 2020, 2, null, null],
      ['Developer', 'Havn', 2016, 8, 2020, 1],
    ]);
    const apps = applicationsTo(c.key, job.key);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.sourceKey).toBe(source.key);
    expect(sim.dataset.applicationsOf(c.key)).toHaveLength(1);
  });

  it('updates an existing candidate on the job: omitted fields untouched, lists kept, no second application', async () => {
    const job = openJob();
    const c = [...sim.dataset.candidates.values()].find(
      (x) => x.emails.length > 0 && x.currentTitle && applicationsTo(x.key, job.key).length === 0,
    )!;
    sim.mutate.applyToJob(c.key, job.key);
    const before = sim.dataset.candidates.get(c.key)!;
    const appsBefore = sim.dataset.applicationsOf(c.key).length;
    const person = personOf(before, {
      emails: [...before.emails.map((e) => e.value), `second.${counter}@example.org`],
      currentTitle: 'Chief Something',
      currentCompany: 'Elsewhere Inc',
    });
    const found = await destination.findExisting(person, null);
    if (!found.ok || !found.value) throw new Error('candidate not found');

    sim.requestLog.clear();
    const sent = await destination.send(
      request(person, {
        target: { as: 'CANDIDATE', jobId: jobId(job.key) },
        existing: found.value,
        omit: new Set(['title']),
      }),
    );
    expect(sent).toMatchObject({
      ok: true,
      value: { remoteId: found.value.remoteId, outcome: 'UPDATED' },
    });
    if (!sent.ok) return;
    expect(sent.value.sentFields).toEqual(expect.arrayContaining(['company', 'email_addresses']));
    expect(sent.value.sentFields).not.toContain('title');
    expect(sent.value.sentFields).not.toContain('employments');
    const after = sim.dataset.candidates.get(c.key)!;
    expect(after.currentTitle).toBe(before.currentTitle);
    expect(after.currentCompany).toBe('Elsewhere Inc');
    expect(after.emails.map((e) => e.value)).toEqual(person.emails);
    expect(after.experience).toEqual(before.experience);
    expect(applicationsTo(c.key, job.key)).toHaveLength(1);
    expect(sim.dataset.applicationsOf(c.key)).toHaveLength(appsBefore);
    expect(sim.requestLog.where((e) => e.method === 'POST')).toEqual([]);
    expect(sim.requestLog.where((e) => e.method === 'PATCH')).toHaveLength(1);
  });

  it('applies an existing candidate to a new job once, however often it is sent', async () => {
    const c = [...sim.dataset.candidates.values()].find((x) => x.emails.length > 0)!;
    const job = [...sim.dataset.jobs.values()].find(
      (j) => j.status === 'OPEN' && applicationsTo(c.key, j.key).length === 0,
    )!;
    const person = personOf(sim.dataset.candidates.get(c.key)!);
    for (let round = 0; round < 2; round++) {
      const found = await destination.findExisting(person, null);
      if (!found.ok || !found.value) throw new Error('candidate not found');
      const sent = await destination.send(
        request(person, {
          target: { as: 'CANDIDATE', jobId: jobId(job.key) },
          existing: found.value,
        }),
      );
      expect(sent).toMatchObject({ ok: true, value: { outcome: 'UPDATED' } });
    }
    expect(applicationsTo(c.key, job.key)).toHaveLength(1);
    expect(withEmail(c.emails[0]!.value)).toHaveLength(1);
  });

  it('waits out a 429 (Retry-After) and creates exactly one record', async () => {
    const person = newPerson();
    sim.requestLog.clear();
    sim.faults.throttleNext(1, 1, /^\/v3\/candidates$/);
    const sent = await destination.send(request(person));
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'CREATED' } });
    const posts = sim.requestLog.where((e) => e.method === 'POST' && e.path === '/v3/candidates');
    expect(posts.map((e) => e.status)).toEqual([429, 201]);
    expect(posts[1]!.startedAt - posts[0]!.startedAt).toBeGreaterThanOrEqual(900);
    const created = withEmail(person.emails[0]!);
    expect(created).toHaveLength(1);
    expect(sim.dataset.applicationsOf(created[0]!.key)).toHaveLength(1);
  });

  it("answers Greenhouse's validation refusal as 'rejected' with its message, creating nothing", async () => {
    const before = sim.dataset.candidates.size;
    const sent = await destination.send(
      request(newPerson({ name: '  ', firstName: null, lastName: 'Nobody' })),
    );
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.error).toMatchObject({ kind: 'rejected', status: 422 });
    expect(sent.error.message).toMatch(/^first_name: /);
    expect(sim.dataset.candidates.size).toBe(before);
  });

  it('refuses PROSPECT exports without calling Greenhouse', async () => {
    sim.requestLog.clear();
    const sent = await destination.send(
      request(newPerson(), { target: { as: 'PROSPECT', campaignId: 'pool-1' } }),
    );
    expect(sent).toMatchObject({ ok: false, error: { kind: 'rejected', status: 400 } });
    expect(sim.requestLog.entries).toEqual([]);
  });

  it("answers refused credentials and missing scopes as 'auth'", async () => {
    const wrong = new GreenhouseDestination({
      baseUrl: sim.url,
      credentials: { ...credentials(), clientSecret: 'wrong' },
    });
    expect(await wrong.listJobs(null)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const readOnly = sim.createCredentials(['harvest:jobs:list', 'harvest:candidates:list']);
    const limited = new GreenhouseDestination({
      baseUrl: sim.url,
      credentials: {
        clientId: readOnly.clientId,
        clientSecret: readOnly.clientSecret,
        userId: String(readOnly.userId),
      },
    });
    const before = sim.dataset.candidates.size;
    expect(await limited.send(request(newPerson()))).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
    expect(sim.dataset.candidates.size).toBe(before);
  });
});
