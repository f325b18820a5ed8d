import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportPerson, SendRequest } from '../../src/connectors/destination';
import { SmartRecruitersDestination } from '../../src/connectors/smartrecruiters/smartrecruiters.destination';
import { SMARTRECRUITERS_DEFAULT_TARGETS } from '../../src/connectors/smartrecruiters/smartrecruiters.export-mapper';
import {
  startSmartRecruitersSimulator,
  type NeutralCandidate,
  type SmartRecruitersSimulator,
} from '../simulators/index';
import { srJobStatus } from '../simulators/smartrecruiters/smartrecruiters-serializers';

const CREATE_ON_JOB = /^\/jobs\/[^/]+\/candidates$/;

let counter = 0;
/** A person no dataset holds (unique e-mail per call). */
function newPerson(extra: Partial<ExportPerson> = {}): ExportPerson {
  counter++;
  return {
    candidateId: `rd-${counter}`,
    name: `Inès Dubois${counter}`,
    firstName: 'Inès',
    lastName: `Dubois${counter}`,
    emails: [`ines.dubois.${counter}@example.org`],
    phones: ['+33 6 12 34 56 78'],
    source: null,
    location: { text: 'Lyon, France', city: 'Lyon', region: null, country: 'France' },
    linkedinUrl: `https://www.linkedin.com/in/ines-dubois-${counter}`,
    githubUrl: null,
    socialLinks: [],
    currentTitle: 'Data Engineer',
    currentCompany: 'Quantix',
    experience: [
      {
        title: 'Data Engineer',
        company: 'Quantix',
        startDate: '2022-04',
        endDate: null,
        current: true,
      },
      {
        title: 'Analyst',
        company: 'Banque Lumière',
        startDate: '2018-09',
        endDate: '2022-03',
        current: false,
      },
    ],
    education: [
      { school: 'INSA Lyon', degree: 'MSc', major: 'CS', startDate: '2013-09', endDate: '2018-06' },
    ],
    ...extra,
  };
}

/** The export person of a candidate the simulator already holds. */
function personOf(c: NeutralCandidate, extra: Partial<ExportPerson> = {}): ExportPerson {
  return newPerson({
    name: `${c.firstName} ${c.lastName}`,
    firstName: c.firstName,
    lastName: c.lastName,
    emails: c.emails.map((e) => e.value),
    ...extra,
  });
}

describe('SmartRecruitersDestination against the SmartRecruiters simulator', () => {
  let sim: SmartRecruitersSimulator;
  let destination: SmartRecruitersDestination;
  const jobId = (key: string): string => sim.ids.get('job', key)!;
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
    targets: SMARTRECRUITERS_DEFAULT_TARGETS,
    omit: new Set(),
    existing: null,
    ...extra,
  });

  beforeAll(async () => {
    // 105 jobs: two pages of GET /jobs. SR's own rate limit (10/s, 8 in flight) stays on.
    sim = await startSmartRecruitersSimulator({
      seed: 'smartrecruiters-destination',
      candidates: 20,
      jobs: 105,
    });
    destination = new SmartRecruitersDestination({
      baseUrl: sim.url,
      credentials: { smartToken: sim.credentials.smartToken },
    });
  });
  afterAll(() => sim.close());

  it('lists every job with SR status spellings, for whoever asks', async () => {
    const jobs = await destination.listJobs('someone@example.org');
    expect(jobs.ok).toBe(true);
    if (!jobs.ok) return;
    expect(destination.jobsPerUser).toBe(false);
    expect(jobs.value).toHaveLength(105);
    const expected = [...sim.dataset.jobs.values()].map((j) => ({
      id: jobId(j.key),
      title: j.title,
      status: srJobStatus(j),
    }));
    expect(jobs.value.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      expected.sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(new Set(jobs.value.map((j) => j.status))).toEqual(
      new Set(
        ['SOURCING', 'FILLED', 'CREATED', 'CANCELLED'].filter((s) =>
          expected.some((e) => e.status === s),
        ),
      ),
    );
    expect(jobs.value.some((j) => j.status === 'SOURCING')).toBe(true);
  });

  it('lists jobs with OAuth client credentials too, and has no campaigns', async () => {
    const oauth = new SmartRecruitersDestination({
      baseUrl: sim.url,
      credentials: {
        clientId: sim.credentials.clientId,
        clientSecret: sim.credentials.clientSecret,
      },
    });
    const jobs = await oauth.listJobs(null);
    expect(jobs.ok && jobs.value.length).toBe(105);
    const campaigns = await oauth.listCampaigns(null);
    expect(campaigns).toEqual({
      ok: false,
      error: {
        kind: 'not_found',
        message: 'SmartRecruiters has no campaigns: export as CANDIDATE into a job',
      },
    });
  });

  it('finds a person by e-mail (any case), with SR field values, and misses look-alikes', async () => {
    const c = [...sim.dataset.candidates.values()].find(
      (x) => x.emails.length > 0 && x.phones.length > 0,
    )!;
    const found = await destination.findExisting(
      personOf(c, { emails: ['nobody@example.org', c.emails[0]!.value.toUpperCase()] }),
      null,
    );
    expect(found).toMatchObject({
      ok: true,
      value: {
        remoteId: sim.ids.get('candidate', c.key),
        fields: {
          firstName: c.firstName,
          lastName: c.lastName,
          email: c.emails[0]!.value,
          phoneNumber: c.phones[0]!.value,
          'web.linkedin': c.linkedinUrl,
        },
      },
    });

    // `q` is a keyword search: a longer address containing ours is a hit there, not a match here.
    sim.mutate.createCandidate(
      { emails: [{ value: 'mary.major@example.org', type: 'PERSONAL' }] },
      { jobKey: null },
    );
    const lookalike = await destination.findExisting(
      newPerson({ emails: ['y.major@example.org'] }),
      null,
    );
    expect(lookalike).toEqual({ ok: true, value: null });
    expect(await destination.findExisting(newPerson(), null)).toEqual({ ok: true, value: null });
  });

  it('creates a new person as a candidate on the job, with history to the month and source', async () => {
    const job = openJob();
    const source = sim.dataset.reference.sources[0]!;
    const person = newPerson({ source: source.name.toUpperCase() });
    const sent = await destination.send(
      request(person, { target: { as: 'CANDIDATE', jobId: jobId(job.key) } }),
    );
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.value).toMatchObject({ outcome: 'CREATED', url: null });
    expect(sent.value.sentFields).toEqual(
      expect.arrayContaining([
        'firstName',
        'lastName',
        'email',
        'experience',
        'education',
        'sourceDetails',
      ]),
    );
    const c = sim.dataset.candidates.get(candidateKey(sent.value.remoteId))!;
    expect(c).toMatchObject({
      firstName: 'Inès',
      lastName: person.lastName,
      emails: [{ value: person.emails[0] }],
      phones: [{ value: '+33 6 12 34 56 78' }],
      linkedinUrl: person.linkedinUrl,
      currentTitle: 'Data Engineer',
      currentCompany: 'Quantix',
    });
    expect(c.place).toMatchObject({ city: 'Lyon', country: 'France' });
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
      ['Data Engineer', 'Quantix', 2022, 4, null, null],
      ['Analyst', 'Banque Lumière', 2018, 9, 2022, 3],
    ]);
    expect(c.education.map((e) => [e.school, e.startYear, e.endYear])).toEqual([
      ['INSA Lyon', 2013, 2018],
    ]);
    const apps = applicationsTo(c.key, job.key);
    expect(apps).toHaveLength(1);
    expect(apps[0]!.sourceKey).toBe(source.key);
    expect(sim.dataset.applicationsOf(c.key)).toHaveLength(1);
  });

  it('updates an existing candidate already on the job without touching omitted fields or applying twice', async () => {
    const job = openJob();
    const c = [...sim.dataset.candidates.values()].find(
      (x) =>
        x.phones.length > 0 && x.emails.length > 0 && applicationsTo(x.key, job.key).length === 0,
    )!;
    sim.mutate.applyToJob(c.key, job.key);
    const before = sim.dataset.candidates.get(c.key)!;
    const appsBefore = sim.dataset.applicationsOf(c.key).length;
    const person = personOf(before, {
      phones: ['+1 555 0100'],
      linkedinUrl: 'https://www.linkedin.com/in/updated-profile',
    });
    const found = await destination.findExisting(person, null);
    expect(found.ok && found.value?.remoteId).toBe(sim.ids.get('candidate', c.key));
    if (!found.ok || !found.value) return;

    sim.requestLog.clear();
    const sent = await destination.send(
      request(person, {
        target: { as: 'CANDIDATE', jobId: jobId(job.key) },
        existing: found.value,
        omit: new Set(['phoneNumber']),
      }),
    );
    expect(sent).toMatchObject({
      ok: true,
      value: { remoteId: found.value.remoteId, outcome: 'UPDATED' },
    });
    if (!sent.ok) return;
    expect(sent.value.sentFields).toContain('web.linkedin');
    expect(sent.value.sentFields).not.toContain('phoneNumber');
    const after = sim.dataset.candidates.get(c.key)!;
    expect(after.linkedinUrl).toBe('https://www.linkedin.com/in/updated-profile');
    expect(after.phones).toEqual(before.phones);
    expect(after.experience).toEqual(before.experience);
    expect(sim.dataset.applicationsOf(c.key)).toHaveLength(appsBefore);
    expect(applicationsTo(c.key, job.key)).toHaveLength(1);
    expect(sim.requestLog.where((e) => e.method === 'POST')).toEqual([]);
    expect(sim.requestLog.where((e) => e.method === 'PATCH')).toHaveLength(1);
  });

  it('assigns an existing candidate to a new job once, however often it is sent', async () => {
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
          omit: new Set(['firstName', 'lastName', 'email']),
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
    sim.faults.throttleNext(1, 1, CREATE_ON_JOB);
    const waits: number[] = [];
    const patient = new SmartRecruitersDestination({
      baseUrl: sim.url,
      credentials: { smartToken: sim.credentials.smartToken },
      onRateLimited: (ms) => waits.push(ms),
    });
    const sent = await patient.send(request(person));
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'CREATED' } });
    expect(waits.some((ms) => ms >= 900)).toBe(true);
    const posts = sim.requestLog.where((e) => e.method === 'POST' && CREATE_ON_JOB.test(e.path));
    expect(posts.map((e) => e.status)).toEqual([429, 201]);
    expect(withEmail(person.emails[0]!)).toHaveLength(1);
  });

  it("answers SR's validation refusal as 'rejected' with SR's message, creating nothing", async () => {
    const before = sim.dataset.candidates.size;
    const sent = await destination.send(request(newPerson({ emails: ['not-an-e-mail'] })));
    expect(sent.ok).toBe(false);
    if (sent.ok) return;
    expect(sent.error).toMatchObject({ kind: 'rejected', status: 422 });
    expect(sent.error.message).toMatch(/^email: /);
    expect(sim.dataset.candidates.size).toBe(before);
  });

  it('refuses PROSPECT exports without calling SR', async () => {
    sim.requestLog.clear();
    const sent = await destination.send(
      request(newPerson(), { target: { as: 'PROSPECT', campaignId: 'pool-1' } }),
    );
    expect(sent).toMatchObject({ ok: false, error: { kind: 'rejected', status: 400 } });
    expect(sim.requestLog.entries).toEqual([]);
  });

  it("answers refused credentials and missing scopes as 'auth'", async () => {
    const wrong = new SmartRecruitersDestination({
      baseUrl: sim.url,
      credentials: { smartToken: 'not-a-real-token' },
    });
    expect(await wrong.listJobs(null)).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const readOnly = sim.createCredentials(['jobs_read', 'candidates_read']);
    const limited = new SmartRecruitersDestination({
      baseUrl: sim.url,
      credentials: { smartToken: readOnly.smartToken },
    });
    expect(await limited.send(request(newPerson()))).toMatchObject({
      ok: false,
      error: { kind: 'auth' },
    });
  });

  it('spaces its calls at no more than 10 per second', async () => {
    sim.requestLog.clear();
    const person = newPerson({
      emails: Array.from({ length: 8 }, (_, i) => `pace.${i}.${counter}@example.org`),
    });
    expect(await destination.findExisting(person, null)).toEqual({ ok: true, value: null });
    const starts = sim.requestLog.entries.map((e) => e.startedAt).sort((a, b) => a - b);
    expect(starts).toHaveLength(8);
    for (let i = 1; i < starts.length; i++)
      expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(95);
    expect(sim.requestLog.where((e) => e.status === 429)).toEqual([]);
  });
});
