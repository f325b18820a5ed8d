import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AshbyDestination } from '../../src/connectors/ashby/ashby.destination';
import { ASHBY_DEFAULT_TARGETS } from '../../src/connectors/ashby/ashby.export-mapper';
import type { ExportPerson, SendRequest } from '../../src/connectors/destination';
import { startAshbySimulator, type AshbySimulator } from '../simulators';

/** The destination against the Ashby simulator over loopback, with short retry backoff. */
function destinationFor(
  sim: AshbySimulator,
  extra: { apiKey?: string; maxRetries?: number; onRateLimited?: (ms: number) => void } = {},
): AshbyDestination {
  return new AshbyDestination({
    baseUrl: sim.url,
    credentials: { apiKey: extra.apiKey ?? sim.credentials.apiKey },
    ...(extra.onRateLimited ? { onRateLimited: extra.onRateLimited } : {}),
    retry: {
      backoffMs: 5,
      ...(extra.maxRetries !== undefined ? { maxRetries: extra.maxRetries } : {}),
    },
  });
}

let serial = 0;
const person = (extra: Partial<ExportPerson> = {}): ExportPerson => {
  serial++;
  return {
    candidateId: `rd-${serial}`,
    name: `Export Person ${serial}`,
    firstName: 'Export',
    lastName: `Person ${serial}`,
    emails: [`export.person.${serial}@example.org`, `ep${serial}@work.example`],
    phones: [`+44 20 7946 0${String(serial).padStart(3, '0')}`],
    source: null,
    location: { text: 'Lisbon, Portugal', city: 'Lisbon', region: null, country: 'Portugal' },
    linkedinUrl: `https://www.linkedin.com/in/export-person-${serial}`,
    githubUrl: null,
    socialLinks: [{ network: 'website', url: `https://person${serial}.example.org` }],
    currentTitle: 'Engineer',
    currentCompany: 'Acme',
    experience: [],
    education: [],
    ...extra,
  };
};

const candidateRequest = (
  p: ExportPerson,
  jobId: string,
  extra: Partial<SendRequest> = {},
): SendRequest => ({
  person: p,
  target: { as: 'CANDIDATE', jobId },
  userEmail: 'recruiter@example.org',
  targets: ASHBY_DEFAULT_TARGETS,
  omit: new Set(),
  existing: null,
  ...extra,
});

describe('AshbyDestination against the Ashby simulator', () => {
  let sim: AshbySimulator;
  let destination: AshbyDestination;

  // More jobs than one job.list page (100) holds.
  beforeAll(async () => {
    sim = await startAshbySimulator({ seed: 'ashby-destination', candidates: 30, jobs: 130 });
    destination = destinationFor(sim);
  });
  afterAll(() => sim.close());

  const neutralCandidate = (remoteId: string) => {
    const key = sim.ids.keyOf('candidate', remoteId);
    return key ? sim.dataset.candidates.get(key) : undefined;
  };
  const applicationsTo = (remoteId: string, jobId: string) => {
    const key = sim.ids.keyOf('candidate', remoteId)!;
    const jobKey = sim.ids.keyOf('job', jobId);
    return sim.dataset.applicationsOf(key).filter((a) => a.jobKey === jobKey);
  };
  const candidatesWithEmail = (email: string) =>
    [...sim.dataset.candidates.values()].filter((c) =>
      c.emails.some((e) => e.value.toLowerCase() === email.toLowerCase()),
    );
  const openJobId = (index = 0) => {
    const job = [...sim.dataset.jobs.values()].filter((j) => j.status === 'OPEN')[index]!;
    return sim.ids.get('job', job.key)!;
  };
  const callsTo = (method: string, since: number) =>
    sim.requestLog.entries.slice(since).filter((e) => e.path === `/${method}`);

  it('lists every job on every page, with status as Ashby spells it', async () => {
    const jobs = await destination.listJobs('recruiter@example.org');
    expect(jobs.ok).toBe(true);
    if (!jobs.ok) return;
    const expected = [...sim.dataset.jobs.values()].map((j) => ({
      id: sim.ids.get('job', j.key),
      title: j.title,
      status: j.status.charAt(0) + j.status.slice(1).toLowerCase(),
    }));
    expect(jobs.value).toHaveLength(130);
    expect(jobs.value).toEqual(expect.arrayContaining(expected));
    expect(new Set(jobs.value.map((j) => j.status))).toEqual(
      new Set(expected.map((j) => j.status)),
    );
    expect(jobs.value.some((j) => j.status === 'Open')).toBe(true);
    expect(destination.jobsPerUser).toBe(false);
  });

  it('has no campaigns', async () => {
    const campaigns = await destination.listCampaigns('recruiter@example.org');
    expect(campaigns).toEqual({
      ok: false,
      error: { kind: 'not_found', message: expect.stringContaining('no campaigns') },
    });
  });

  it('finds a seeded candidate by any of the e-mails, and nobody for unknown ones', async () => {
    const seeded = [...sim.dataset.candidates.values()].find(
      (c) => c.emails.length > 0 && c.linkedinUrl,
    )!;
    const found = await destination.findExisting(
      person({ emails: ['nobody.here@example.org', seeded.emails[0]!.value.toUpperCase()] }),
      null,
    );
    expect(found).toEqual({
      ok: true,
      value: {
        remoteId: sim.ids.get('candidate', seeded.key),
        fields: expect.objectContaining({
          name: `${seeded.firstName} ${seeded.lastName}`,
          email: seeded.emails[0]!.value,
          linkedInUrl: seeded.linkedinUrl,
        }),
      },
    });

    const unknown = await destination.findExisting(
      person({ emails: ['nobody.here@example.org', 'nobody.either@example.org'] }),
      null,
    );
    expect(unknown).toEqual({ ok: true, value: null });
  });

  it('creates a candidate and applies them to the job', async () => {
    const p = person();
    const jobId = openJobId();
    const sent = await destination.send(candidateRequest(p, jobId));
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    expect(sent.value).toMatchObject({
      outcome: 'CREATED',
      url: `https://app.ashbyhq.com/candidates/${sent.value.remoteId}`,
    });
    expect(sent.value.sentFields).toEqual([
      'alternateEmailAddresses',
      'email',
      'linkedInUrl',
      'location',
      'name',
      'phoneNumber',
      'website',
    ]);
    const created = neutralCandidate(sent.value.remoteId)!;
    expect(created).toMatchObject({
      firstName: 'Export',
      lastName: p.lastName,
      linkedinUrl: p.linkedinUrl,
      websiteUrl: p.socialLinks[0]!.url,
      place: expect.objectContaining({ city: 'Lisbon', country: 'Portugal' }),
    });
    expect(created.emails.map((e) => e.value)).toEqual(p.emails);
    expect(created.phones.map((ph) => ph.value)).toEqual(p.phones);
    expect(applicationsTo(sent.value.remoteId, jobId)).toHaveLength(1);
  });

  it('updates an existing candidate on re-export, leaving omitted fields and the application alone', async () => {
    const first = person();
    const jobId = openJobId(1);
    const created = await destination.send(candidateRequest(first, jobId));
    expect(created.ok).toBe(true);

    const changed: ExportPerson = {
      ...first,
      name: 'Renamed Person',
      phones: ['+1 555 0100'],
      githubUrl: 'https://github.com/export-person-new',
    };
    const existing = await destination.findExisting(changed, null);
    expect(existing.ok && existing.value).toBeTruthy();
    if (!existing.ok || !existing.value) return;
    const since = sim.requestLog.entries.length;
    const updated = await destination.send(
      candidateRequest(changed, jobId, {
        existing: existing.value,
        omit: new Set(['name', 'phoneNumber']),
      }),
    );
    expect(updated.ok).toBe(true);
    if (!updated.ok || !created.ok) return;
    expect(updated.value).toMatchObject({ outcome: 'UPDATED', remoteId: created.value.remoteId });
    expect(updated.value.sentFields).not.toContain('name');
    expect(updated.value.sentFields).not.toContain('phoneNumber');
    expect(updated.value.sentFields).toContain('githubUrl');

    const after = neutralCandidate(created.value.remoteId)!;
    expect(`${after.firstName} ${after.lastName}`).toBe(first.name);
    expect(after.phones.map((ph) => ph.value)).toEqual(first.phones);
    expect(after.githubUrl).toBe('https://github.com/export-person-new');
    // The links already there survive the socialLinks list that update replaces.
    expect(after.linkedinUrl).toBe(first.linkedinUrl);
    expect(after.websiteUrl).toBe(first.socialLinks[0]!.url);
    // Both alternates were already held: none added twice.
    expect(after.emails.map((e) => e.value)).toEqual(first.emails);
    expect(applicationsTo(created.value.remoteId, jobId)).toHaveLength(1);
    expect(callsTo('application.create', since)).toHaveLength(0);
    expect(callsTo('candidate.create', since)).toHaveLength(0);
  });

  it('does not re-apply a seeded candidate to a job they applied to, but applies to another', async () => {
    const app = [...sim.dataset.applications.values()].find(
      (a) => a.jobKey !== null && sim.dataset.candidates.get(a.candidateKey)?.emails.length,
    )!;
    const seeded = sim.dataset.candidates.get(app.candidateKey)!;
    const remoteId = sim.ids.get('candidate', seeded.key)!;
    const jobId = sim.ids.get('job', app.jobKey!)!;
    const p = person({ emails: seeded.emails.map((e) => e.value) });
    const existing = await destination.findExisting(p, null);
    expect(existing.ok && existing.value?.remoteId).toBe(remoteId);
    if (!existing.ok || !existing.value) return;

    const before = applicationsTo(remoteId, jobId).length;
    const again = await destination.send(
      candidateRequest(p, jobId, { existing: existing.value, targets: {} }),
    );
    expect(again).toMatchObject({ ok: true, value: { outcome: 'UPDATED', sentFields: [] } });
    expect(applicationsTo(remoteId, jobId)).toHaveLength(before);

    const otherJob = [...sim.dataset.jobs.values()].find(
      (j) =>
        j.status === 'OPEN' &&
        sim.dataset.applicationsOf(seeded.key).every((a) => a.jobKey !== j.key),
    )!;
    const otherJobId = sim.ids.get('job', otherJob.key)!;
    const elsewhere = await destination.send(
      candidateRequest(p, otherJobId, { existing: existing.value, targets: {} }),
    );
    expect(elsewhere.ok).toBe(true);
    expect(applicationsTo(remoteId, otherJobId)).toHaveLength(1);
  });

  it('waits out a 429 with Retry-After and creates exactly one candidate', async () => {
    const waits: number[] = [];
    const paced = destinationFor(sim, { onRateLimited: (ms) => waits.push(ms) });
    const p = person();
    const since = sim.requestLog.entries.length;
    sim.faults.throttleNext(1, 1, 'candidate.create');
    const sent = await paced.send(candidateRequest(p, openJobId()));
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'CREATED' } });
    expect(candidatesWithEmail(p.emails[0]!)).toHaveLength(1);
    expect(callsTo('candidate.create', since).map((e) => e.status)).toEqual([429, 200]);
    expect(Math.max(...waits)).toBeGreaterThanOrEqual(1000);
  });

  it("rejects a person Ashby refuses, with Ashby's own message", async () => {
    // What Ashby says about a create without a name, asked directly.
    const direct = await fetch(`${sim.url}/candidate.create`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${sim.credentials.apiKey}:`).toString('base64')}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ email: 'direct@example.org' }),
    });
    const vendor = (await direct.json()) as { success: boolean; errorInfo: { message: string } };
    expect(vendor.success).toBe(false);

    const p = person({ name: ' ', firstName: null, lastName: null });
    const sent = await destination.send(candidateRequest(p, openJobId()));
    expect(sent).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 400, message: vendor.errorInfo.message },
    });
    expect(candidatesWithEmail(p.emails[0]!)).toHaveLength(0);
  });

  it('rejects prospects without calling Ashby', async () => {
    const since = sim.requestLog.entries.length;
    const sent = await destination.send({
      ...candidateRequest(person(), openJobId()),
      target: { as: 'PROSPECT', campaignId: 'c-1' },
    });
    expect(sent).toEqual({
      ok: false,
      error: { kind: 'rejected', status: 400, message: expect.stringContaining('no campaigns') },
    });
    expect(sim.requestLog.entries.length).toBe(since);
  });

  it('marks a test candidate with a note', async () => {
    const sent = await destination.send({ ...candidateRequest(person(), openJobId()), test: true });
    expect(sent.ok).toBe(true);
    if (!sent.ok) return;
    const key = sim.ids.keyOf('candidate', sent.value.remoteId);
    const notes = sim.notes.filter((n) => n.candidateKey === key);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.body).toContain('Rediscover test candidate');
  });

  it('sends links candidate.create cannot take through a follow-up update', async () => {
    const p = person({ socialLinks: [{ network: 'twitter', url: 'https://twitter.com/ep' }] });
    const since = sim.requestLog.entries.length;
    const sent = await destination.send(candidateRequest(p, openJobId()));
    expect(sent.ok && sent.value.sentFields).toContain('socialLinks');
    expect(callsTo('candidate.update', since)).toHaveLength(1);
    // The update's list replaces Ashby's: the LinkedIn link from the create is still there.
    if (sent.ok) expect(neutralCandidate(sent.value.remoteId)!.linkedinUrl).toBe(p.linkedinUrl);
  });

  it('reports a job Ashby does not know as not_found', async () => {
    const sent = await destination.send(candidateRequest(person(), 'no-such-job'));
    expect(sent).toMatchObject({ ok: false, error: { kind: 'not_found' } });
  });

  it('reports a refused key as auth and a vendor that keeps failing as unavailable', async () => {
    const refused = await destinationFor(sim, { apiKey: 'not-a-key' }).findExisting(person(), null);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'auth' } });

    sim.faults.failNext(5, 503, 'candidate.search');
    try {
      const down = await destinationFor(sim, { maxRetries: 1 }).findExisting(person(), null);
      expect(down).toMatchObject({ ok: false, error: { kind: 'unavailable' } });
    } finally {
      sim.faults.clear();
    }
  });
});
